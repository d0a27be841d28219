"""Joins: the checked ways two groups of names across documents become one entity.

`resolve` first joins what is certain (one reference, one key); the rules here join what the
spelling key cannot see, each on its own evidence. Each rule reads the corpus's name forms (a row
per distinct form of a name, however many documents use it, `Store.name_forms`):
- `aliases`: a name one document gives as another's ("Operation Nour-e Sahar (Dawn
  Light)", a surname after the full name) joins the entity that other accounts know by it;
- `contained`: a name that is part of exactly one longer name of the corpus ("Liberation Army"
  of "Varan Liberation Army of Varnia", "Sayad Tarani" of "Ali Sayyad Tarani", "Kadir" of
  "Kadir Varsan", "Navy" of "United States Navy"), the shortest such name first;
- `word_order`: an organisation's name with the same words in another order ("Radio Korsk",
  "Korsk Radio");
- `compositional`: names that differ only in a word naming one entity ("PSOV Resistance Units",
  "SEV Resistance Units" when PSOV and SEV are one);
- `vessels`: a ship's bare name joins the ship ("Kestrel", "USS Kestrel");
- `alternate_names`: two places close together, one of whose names GeoNames gives the other
  ("Ardam" the district and "Ardham" the town);
- `skeletons`: a place name no gazetteer holds joins the one placed name of the corpus whose
  consonants it shares ("Khoralu" and "Khoraly", "Clend" and "Kelend");
- `organs`: organs of one kind of owners that are one ("Varnian Army", "Army of the Islamic
  Republic of Varnia");
- `units`: military units of one number ("366th CIS regiment", "366th Motor Rifle Regiment").
Every join is checked (`Groups.join_checked`): two groups stay apart when the knowledge file
names them as two entities, when they are placed more than SAME_PLACE_KM apart, or when one is a
place and the other a person, a group or an event. Distinct things that share words (Varnia and
Tolaria, a country and its army) never meet by these rules.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rashomon.extract.cut_names import verb_cuts
from rashomon.extract.entities import is_vessel, mention_key, organisation_word
from rashomon.extract.organs import owned_by
from rashomon.extract.places import gazetteer, km
from rashomon.extract.places.distance import SAME_PLACE_KM
from rashomon.extract.places.rules import fold
from rashomon.names import name_key, skeleton, word_keys
from rashomon.records import GROUP_TYPES, PLACE_TYPES

Node = tuple[str, str]


def family(type: str) -> str:
    """Places, groups (organisations and peoples) and each other type on its own."""
    return "place" if type in PLACE_TYPES else "group" if type in GROUP_TYPES else type


@dataclass
class _Info:
    known: set[str] = field(default_factory=set)  # the knowledge file's ids (not the gazetteer's)
    points: list[tuple[float, float]] = field(default_factory=list)
    types: Counter = field(default_factory=Counter)

    def family(self) -> str | None:
        """The kind of thing of the group's most frequent type, a place on a tie when it is on the
        map; an adjective ("Tolarian", NORP) counts only where nothing else names the group."""
        proper = Counter({t: n for t, n in self.types.items() if t != "NORP"}) or self.types
        if not proper:
            return None
        kinds = Counter()
        for t, n in proper.items():
            kinds[family(t)] += n
        top = max(kinds.values())
        return "place" if self.points and kinds["place"] == top else kinds.most_common(1)[0][0]


class Union:
    """Groups joined pairwise (union-find), whatever order the pairs come in."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        while self.parent.setdefault(x, x) != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # order-free: the same groups whatever came first


class Groups(Union):
    """Groups of names joined pairwise, with what each group is known to be, so that a join can
    be refused."""

    def __init__(self) -> None:
        super().__init__()
        self.info: dict = defaultdict(_Info)

    def add(self, node: Node, row: dict) -> None:
        """Record what a name form says about its node: a known id, a point, a type (counted once
        for each document that uses the form, `documents`)."""
        info = self.info[self.find(node)]
        if row["kb_id"] and not row["kb_id"].startswith("geonames"):
            info.known.add(row["kb_id"])
        point = (row["lat"], row["lon"])
        if row["lat"] is not None and row["radius_km"] is None and len(info.points) < 8 and point not in info.points:
            info.points.append(point)  # a gazetteer's point, not an estimate; up to 8 distinct ones
        info.types[row["type"]] += row["documents"]

    def join(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, gone = min(ra, rb), max(ra, rb)
        super().join(a, b)
        if gone in self.info:
            mine, theirs = self.info[keep], self.info.pop(gone)
            mine.known |= theirs.known
            mine.points = list(dict.fromkeys(mine.points + theirs.points))[:8]
            mine.types += theirs.types

    def apart(self, a, b) -> bool:
        """Whether two groups are known to be two things."""
        x, y = self.info[self.find(a)], self.info[self.find(b)]
        if x.known and y.known and not x.known & y.known:
            return True
        if x.points and y.points and min(km(*p, *q) for p in x.points for q in y.points) > SAME_PLACE_KM:
            return True
        return x.family() is not None and y.family() is not None and x.family() != y.family()

    def join_checked(self, a, b) -> bool:
        """Join two groups unless they are known to be two things; whether they were joined."""
        if self.find(a) == self.find(b):
            return True
        if self.apart(a, b):
            return False
        self.join(a, b)
        return True


Rule = Callable[[list[dict], Groups, Callable[[dict], Node]], None]


def aliases(rows: list[dict], groups: Groups, node) -> None:
    """A name of two words or more that a document gives as another name of an entity joins the
    entity other documents know by that name ("Dawn Light" given for "Operation Nour-e
    Sahar", "Sayyad Tarani" for "Ali Sayyad Tarani")."""
    by_key: dict[str, dict[tuple, None]] = defaultdict(dict)  # a key -> its distinct (node, kind), in order
    for r in rows:
        by_key[r["id"]][node(r), family(r["type"])] = None  # a name's copies are one candidate
    keys: dict[tuple[str, str], str] = {}
    for r in rows:
        for alias in json.loads(r["aliases"]):
            if alias == r["name"] or len(alias.split()) < 2 or r["type"] in PLACE_TYPES:
                continue
            if (alias, r["type"]) not in keys:
                keys[alias, r["type"]] = mention_key(alias, r["type"])
            if keys[alias, r["type"]] == r["id"]:
                continue
            for other, kind in by_key.get(keys[alias, r["type"]], ()):
                if kind == family(r["type"]):
                    groups.join_checked(node(r), other)


def contained(rows: list[dict], groups: Groups, node) -> None:
    """A name that is part of longer names of one entity only joins it: a name of two words or
    more that closes a longer name, or opens its part before "of", in exactly one group (the
    fewest words around it first: "Liberation Army" of "Varan Liberation Army of Varnia",
    "Islamic Republic" of "Islamic Republic of Varnia", "William Harwick" of "William J. Harwick Jr.";
    not "Press TV" of "Press TV Documentary", nor "Al Jazeera" of "Al Jazeera English"), or a
    one-word name that no other group's longer names of its kind hold ("Kadir" in "Kadir
    Varsan", "Sorkhanin" in "People's Sorkhanin Organization of Varnia", "the Guards" in "Republican
    Guards Corps" though the model took it for a people), or, whatever type the model gave it, the
    surname of one person named in full ("Orlov" of "Pavel Orlov"). A place joins so only while no gazetteer
    has placed it, an adjective ("Tolarian") never, nor an organ ("Syrian Army"
    is no short name of the "Free Syrian Army")."""
    rows = [r for r in rows if not owned_by(r["id"])]  # an organ is its owner's ("Syrian Army"), see `organs`
    words = _Words()
    closing: dict[tuple, dict] = defaultdict(dict)  # (kind, words) -> {(words more, node)} of longer names they close
    holders: dict[tuple, set] = defaultdict(set)  # (kind, word) -> the groups whose longer names hold it
    with_longer: set = set()  # the groups with a longer name (stale roots stay, never found again)
    for r in rows:
        kind = family(r["type"])
        for name in _names(r):
            if len(lw := words(name, r["type"])) > 1:
                with_longer.add(root := groups.find(node(r)))
                for w in lw:
                    holders[kind, w].add(root)
                for part in _closing_parts(lw, r["type"] == "PERSON"):
                    closing[kind, part][len(lw) - len(part), node(r), _generation(name)] = None
    fewest_first = {key: sorted(fits, key=lambda fit: fit[0]) for key, fits in closing.items()}
    for r in sorted(rows, key=lambda r: -len(r["name"].split())):
        mine, ws = groups.find(node(r)), words(r["name"], r["type"])
        if not ws or groups.info[mine].points or (r["type"] == "NORP" and not organisation_word(r["name"])):
            continue  # "Tolarian" is no short name; "the Guards", a word organisations are named with, is one
        if len(r["name"].split()) == 1:
            if mine not in with_longer:
                owners = (groups.find(g) for g in holders.get((family(r["type"]), ws[0]), ()))
                owner = sole(g for g in owners if g != mine)
                if owner is None and r["type"] != "PERSON":  # "Orlov" the model took for a place or a group:
                    owner = _closest(fewest_first.get(("PERSON", ws), []), mine, groups)  # a surname
                if owner is not None:
                    _join_noting(groups, mine, owner, with_longer)
            continue
        fits = [fit for fit in fewest_first.get((family(r["type"]), ws), ())
                if not (fit[2] and _generation(r["name"]) and fit[2] != _generation(r["name"]))]  # Jr. is not Sr.
        if (owner := _closest(fits, mine, groups)) is not None:
            _join_noting(groups, mine, owner, with_longer)


def _closing_parts(longer: tuple[str, ...], person: bool = False) -> Iterable[tuple[str, ...]]:
    """The runs of words that close a longer name or its part before "of" (`contained` looks a
    shorter name up among them instead of holding it against every longer name); for a person's
    name of three words or more, also its first and last word ("Sandra Tavner" of "Sandra Lee
    Tavner": a middle name left out)."""
    if person and len(longer) > 2:
        yield longer[0], longer[-1]
    for end in range(1, len(longer) + 1):
        if end == len(longer) or longer[end] == _OF:
            for start in range(end):
                yield longer[start:end]


def _generation(name: str) -> str:
    """A person's generational suffix ("Jr", "III"), or "" for none."""
    last = word_keys(name.split()[-1])[:1] if name.split() else []
    return last[0] if last and last[0] in _SUFFIXES else ""


def _closest(fits: list[tuple[int, Node, str]], mine, groups: Groups):
    """The one other group among the longer names with the fewest words more, None for none or
    several (`fits` sorted by words more: a look-up reads them only up to that number)."""
    fewest, owners = None, []
    for extra, n, _ in fits:
        if fewest is not None and extra > fewest:
            break
        if (g := groups.find(n)) != mine:
            fewest = extra
            owners.append(g)
    return sole(owners)


def sole(items: Iterable):
    """The one distinct item, None for none or several; it stops at a second, so that a block of
    many candidates costs two of them, not its size."""
    found = None
    for x in items:
        if found is None:
            found = x
        elif x != found:
            return None
    return found


def _join_noting(groups: Groups, a, b, with_longer: set) -> None:
    """`join_checked`, the joined group keeping a longer name when either had one."""
    before = {groups.find(a), groups.find(b)}
    if groups.join_checked(a, b) and before & with_longer:
        with_longer.add(groups.find(a))


class _Words:
    """`_words` of each distinct name once per run (a corpus repeats its names many times)."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], tuple[str, ...]] = {}

    def __call__(self, name: str, type: str) -> tuple[str, ...]:
        if (name, type) not in self.seen:
            self.seen[name, type] = tuple(_words(name, type))
        return self.seen[name, type]


_OF = word_keys("of")[0]
_SUFFIXES = frozenset(word_keys("Jr Sr II III IV"))


def _words(name: str, type: str) -> list[str]:
    """The keys of a name's words; a person's without initials and generational suffixes."""
    ws = word_keys(name, type)
    if type == "PERSON":
        ws = [w for w in ws if len(w) > 1 and w not in _SUFFIXES]
    return ws


def word_order(rows: list[dict], groups: Groups, node) -> None:
    """Organisations' names of the same two or more words in another order are one ("Radio
    Korsk", "Korsk Radio")."""
    by_words: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        ws = word_keys(r["name"], r["type"])
        if r["type"] in GROUP_TYPES and len(ws) > 1:
            by_words[tuple(sorted(ws))].append(r)
    for same in by_words.values():
        for other in same[1:]:
            groups.join_checked(node(same[0]), node(other))


def compositional(rows: list[dict], groups: Groups, node) -> None:
    """Names that differ only in words that name one entity are one ("PSOV Resistance Units",
    "SEV Resistance Units" once PSOV and SEV are one)."""
    one_word: dict[str, set] = {}  # a one-word name (an acronym, mostly) -> its groups
    for r in rows:
        for name in (r["name"], *json.loads(r["aliases"])):
            if " " not in name.strip():
                one_word.setdefault(name_key(name), set()).add(groups.find(node(r)))
    by_sign: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        ws = [name_key(w) for w in r["name"].split()]  # each word as a name: "SEV" an acronym
        if len(ws) > 1 and any(len(one_word.get(w, ())) == 1 for w in ws):
            sign = tuple(str(next(iter(one_word[w]))) if len(one_word.get(w, ())) == 1 else w for w in ws)
            by_sign[sign].append(r)
    for same in by_sign.values():
        for other in same[1:]:
            groups.join_checked(node(same[0]), node(other))


def vessels(rows: list[dict], groups: Groups, node) -> None:
    """A ship is one ship under its prefix written with or without stops ("USS Kestrel",
    "U.S.S. Kestrel"), and its bare name ("the Kestrel") is the ship when the corpus names
    one ship so; the town of that name is not meant."""
    ships: dict[str, list[Node]] = defaultdict(list)  # "uss kestrel" -> its names' nodes
    for r in rows:
        for name in (r["name"], *json.loads(r["aliases"])):
            if is_vessel(name):
                words = name.split()
                ships[" ".join([words[-2].replace(".", ""), words[-1]]).lower()].append(node(r))
    bare: dict[str, set] = defaultdict(set)
    for ship, nodes in ships.items():
        for other in nodes[1:]:
            groups.join(nodes[0], other)
        bare[ship.split()[-1]].add(groups.find(nodes[0]))
    for r in rows:
        owners = {groups.find(g) for g in bare.get(r["name"].lower(), ())}
        if len(owners) == 1:
            groups.join(node(r), owners.pop())


def alternate_names(rows: list[dict], groups: Groups, node) -> None:
    """Two places within SAME_PLACE_KM of each other are one when GeoNames gives the name of one
    as a name of the other ("Ardam" the district, "Ardham" the town, whose alternate names hold
    "Ardam")."""
    gaz = gazetteer()
    placed = [r for r in rows if r["lat"] is not None and r["kb_id"] and r["type"] in PLACE_TYPES]
    spots: dict[str, dict[tuple, dict]] = defaultdict(dict)  # a reference -> a row of each of its points
    for r in placed:
        spots[r["kb_id"]].setdefault((r["lat"], r["lon"]), r)  # one node: a point's copies add nothing
    named: dict[str, list[int]] = {}  # a name -> the GeoNames ids it is a name of
    for r in placed:
        if r["name"] not in named:
            named[r["name"]] = [gaz.columns["gid"][row] for row in gaz.by_exact.get(fold(r["name"]), ())]
        for gid in named[r["name"]]:
            for (lat, lon), other in spots.get(f"geonames:{gid}", {}).items() if gid else ():
                if km(r["lat"], r["lon"], lat, lon) <= SAME_PLACE_KM:
                    groups.join_checked(node(r), node(other))


def skeletons(rows: list[dict], groups: Groups, node) -> None:
    """A place name no gazetteer placed (unplaced, or placed from its text alone) joins the one
    place of the corpus a gazetteer placed whose name has its consonants in order ("Khoralu",
    "Khoraly"; "Clend", "Kelend"; "Taravagh", "Taravakh")."""
    placed: dict[str, set] = defaultdict(set)
    for r in rows:
        if r["lat"] is not None and r["radius_km"] is None and r["type"] in PLACE_TYPES:
            for name in _names(r):
                if len(bones := skeleton(name)) >= 3:
                    placed[bones].add(groups.find(node(r)))
    on_map = {groups.find(node(r)) for r in rows if r["lat"] is not None and r["radius_km"] is None}
    for r in rows:  # placed from its text alone, a place may still be the one the gazetteer placed
        if (r["lat"] is None or r["radius_km"] is not None) and r["type"] in PLACE_TYPES \
                and groups.find(node(r)) not in on_map \
                and (owner := sole(groups.find(g) for g in placed.get(skeleton(r["name"]), ()))) is not None:
            groups.join_checked(node(r), owner)


def _names(r: dict) -> Iterable[str]:
    """A row's name and the other names its document uses for it, acronyms aside; an
    organisation's unit named after it with a slash is named by it too ("Human Rights
    Watch/Africa")."""
    names = {r["name"], *(a for a in json.loads(r["aliases"]) if not re.fullmatch(r"[A-Z.]+", a))}
    if r["type"] in GROUP_TYPES:
        names |= {n.split("/")[0].strip() for n in names if "/" in n}
    return names


def organs(rows: list[dict], groups: Groups, node) -> None:
    """Organs of one kind whose owners are one entity are one organ ("Varnian Army", "Army of the
    Islamic Republic of Varnia"), whatever words named them; "the Navy" alone is the one navy the
    corpus names, when it names one. The owner is as the documents using an organ's name name it
    (its form's `owners`, `resolve._with_owners`), else as the corpus does."""
    organs_of: dict[tuple, list[dict]] = defaultdict(list)
    by_key: dict[str, set] = defaultdict(set)
    for r in rows:
        by_key[r["id"]].add(groups.find(node(r)))
    for r in rows:
        if not (owned := owned_by(r["id"])):
            continue
        for ref, key in r.get("owners", ((None, None),)):
            roots = {groups.find(("ref", ref) if ref else ("key", key))} if key is not None \
                else {groups.find(g) for g in by_key[owned[1]]}
            if len(roots) == 1:
                organs_of[owned[0], roots.pop()].append(r)
    for same in organs_of.values():
        for other in same[1:]:
            groups.join_checked(node(same[0]), node(other))
    of_kind: dict[str, set] = defaultdict(set)  # "navy" -> the navies the corpus names
    for (kind, _), same in organs_of.items():
        of_kind[kind].add(groups.find(node(same[0])))
    for r in rows:  # "the Navy" alone: the one navy the corpus names, if one
        if len(owners := of_kind.get(r["name"].lower(), set())) == 1 and r["type"] in GROUP_TYPES:
            groups.join_checked(node(r), owners.pop())


def units(rows: list[dict], groups: Groups, node) -> None:
    """Units of one number are one unit when the corpus names at most one kind of unit with that
    number ("366th~regiment", and "366th~" of "366th Motor Rifle Regtment" or "the 366th")."""
    by_number: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if re.fullmatch(r"\d+(?:st|nd|rd|th)~\w*", r["id"]):
            by_number[r["id"].split("~")[0]].append(r)
    for same in by_number.values():
        if len({r["id"] for r in same} - {r["id"].split("~")[0] + "~" for r in same}) <= 1:
            for other in same[1:]:
                groups.join_checked(node(same[0]), node(other))


def headline_verbs(rows: list[dict], groups: Groups, node) -> None:
    """An organisation's name the model ran into a headline's verb ("Velmoran Brotherhood Marks
    Anniversary": `cut_names.verb_cuts`) joins the one entity another document names by the words
    before the verb."""
    by_key: dict[str, set] = defaultdict(set)
    for r in rows:
        by_key[r["id"]].add(node(r))
    for r in rows:
        if r["type"] != "ORG":
            continue
        for cut in verb_cuts(r["name"]):
            if (other := sole(groups.find(n) for n in by_key.get(mention_key(r["name"][:cut], "ORG"), ()))) is not None:
                groups.join_checked(node(r), other)
                break


RULES: tuple[Rule, ...] = (aliases, contained, word_order, compositional, vessels, alternate_names, skeletons,
                           organs, units, headline_verbs)
