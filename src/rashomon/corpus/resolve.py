"""Resolve: the corpus-wide step that turns the names each document uses into entities.

Each document gives its mentions keys (see `entities`; `names.name_key` makes spelling variants
of a transliterated name meet) and, where it could, a reference: a place on the map
(`places.locate`) or an entry of the knowledge file. This step joins what names one thing:
- names with the same reference ("Isfarabad" placed at Esfarabad-e Sharq joins "Esfarabad-e
  Sharq"); the same name placed at two distant spots stays two entities (Isfarabad in
  Ostria, Isfarabad in Dalvan province), at two close ones (the province of Dalvan
  and its capital) is one;
- names with the same key, when no reference tells them apart;
- an event a document knows only by description ("the eight-year war", key "~war") joins the
  only event the corpus names with that head word ("Varnia-Tolaria war"), when there is one;
- names of one feature that differ in the feature word ("Panj Dara Gorge", "Panjdara
  pass": `places.feature_name`) and are spelt with the same consonants, when at most one of
  them is placed;
- an acronym a document uses without defining it ("SEV") joins the entity another document
  defined it for ("Surkhanin-e Varan Organization (SEV)"), failing that the one entity whose
  initials it spells, when only one does, or the one place whose initials it spells before the
  letters of a kind of division ("SOAO", "HKSAR": `division_acronyms` of data/entities.yaml);
- then the checked joins of `joins.RULES`: names given as other names, names inside one longer
  name ("Thatcher" of "Margaret Thatcher", "Liberation Army"), another word order, another
  acronym inside a name, ships, GeoNames' alternate names, consonant skeletons of unplaced
  places; each refused when the two are known to be two things.
It then chooses each entity's type (most frequent), name (the most used full name) and a
readable id (`names.slug` of the name). It reads only the compact `name` table, one row per
distinct form of a name with its weight (`Store.name_forms`: the database groups the rows), and the
store writes which entity each document's keys stand for, so that it reruns over the whole corpus
in moments and its memory grows with the corpus's names, not with its documents. Every join finds
its candidates by a key (a name key, the words that close a longer name, the letters an acronym
can spell, a skeleton, a reference), never by trying pairs, and a look-up for the one owner of a
name stops at a second (`joins.sole`): the step grows with the number of names, and copies of a
name add no candidates.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from rashomon.corpus.joins import RULES, SAME_PLACE_KM, Groups, Union, sole
from rashomon.data import load
from rashomon.extract.entities import display_name, is_vessel, majority_type, operation
from rashomon.extract.event_names import DESCRIBED
from rashomon.extract.labels.events import COLLECTION_EVENT
from rashomon.extract.organs import OWNED
from rashomon.extract.places import feature_name, km
from rashomon.names import skeleton, slug
from rashomon.records import PLACE_TYPES, Entity
from rashomon.store import Store
from rashomon.store.grouping import FORM

__all__ = ["Union", "entity_lookup", "resolve"]  # Union: the union-find that compare uses too


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= len(letters) - 1 and " " not in name


@dataclass
class _Group:
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    refs: Counter = field(default_factory=Counter)
    rows: list[dict] = field(default_factory=list)  # its name forms, in the order of their first use


def _node(r: dict) -> tuple:
    """A name form's place in the union: its reference, else its key."""
    return ("ref", r["kb_id"]) if r["kb_id"] else ("key", r["id"])


def resolve(store: Store) -> int:
    """Rebuild the corpus-wide entities from every document's names; returns how many there are.
    It reads each distinct form of a name once (`Store.name_forms`, weighted by its mentions) and
    lets the store write which entity each document's keys stand for, so that its memory grows
    with the names of the corpus, not with its documents."""
    rows = list(store.name_forms())
    _with_owners(store, rows)
    union = _placed(rows)
    _join_acronyms(rows, union, _node)
    _join_feature_names(rows, union, _node)
    _join_descriptions(rows, union, _node)
    for rule in RULES:
        rule(rows, union, _node)
    _join_region_acronyms(rows, union, _node)
    groups: dict[tuple, _Group] = defaultdict(_Group)
    for r in rows:
        g = groups[union.find(_node(r))]
        g.names[r["name"]] += r["weight"]
        g.types[r["type"]] += r["weight"]
        if r["kb_id"]:
            g.refs[r["kb_id"]] += r["weight"]
        g.rows.append(r)
    entities, of_node, taken = [], {}, set()
    for root in sorted(groups, key=lambda k: (-sum(groups[k].names.values()), k)):
        entities.append(_entity(groups[root], taken))
        for r in groups[root].rows:
            of_node[_node(r)] = entities[-1].id
    store.replace_entities(sorted(entities, key=lambda e: e.id), of_node, COLLECTION_EVENT, DESCRIBED)
    return len(entities)


def _with_owners(store: Store, rows: list[dict]) -> None:
    """Give each organ's name form the names of its owner in the documents that use it
    (`owners`: (reference, key), or (None, None) where a document names no owner)."""
    by_form = {tuple(r[c] for c in FORM): r for r in rows}
    for form, ref, key in store.organ_owners(OWNED):
        by_form[form].setdefault("owners", []).append((ref, key))


def _placed(rows: list[dict]) -> Groups:
    """The union of name forms with what is certain: references placed within SAME_PLACE_KM of
    each other are one place, and a key placed at one spot only is that spot in its unplaced
    uses too."""
    union = Groups()
    refs_of_key: dict[str, set[str]] = defaultdict(set)
    points: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for r in rows:
        if r["kb_id"]:
            refs_of_key[r["id"]].add(r["kb_id"])
            if r["lat"] is not None:
                points[r["id"]][r["kb_id"]] = (r["lat"], r["lon"])
    for spots in points.values():
        spot = sorted(spots.items())
        for i, (ref, (lat, lon)) in enumerate(spot):
            for other, (lat2, lon2) in spot[i + 1:]:
                if km(lat, lon, lat2, lon2) <= SAME_PLACE_KM:
                    union.join(("ref", ref), ("ref", other))
    for r in rows:
        union.add(_node(r), r)
    for r in rows:
        spots = {union.find(("ref", ref)) for ref in refs_of_key.get(r["id"], ())}
        if len(spots) == 1:
            union.join(("key", r["id"]), spots.pop())
    return union


def _entity(g: _Group, taken: set[str]) -> Entity:
    """The entity of a group: its most used full name, most frequent type and reference, and the
    point of a placed name (the reference's own, else any gazetteer point, else the closest
    estimate); a ship is never placed at the town of its name."""
    name = display_name(_shown_names(g))
    entity_id = _unique(slug(name) or "entity", taken)
    ref = g.refs.most_common(1)[0][0] if g.refs else None
    ship = any(is_vessel(n) for n in g.names)
    on_map = [r for r in g.rows if r["lat"] is not None and not ship]
    estimates = sorted((r for r in on_map if r["radius_km"] is not None), key=lambda r: r["radius_km"])
    placed = (next((r for r in on_map if r["kb_id"] == ref and r["radius_km"] is None), None)
              or next((r for r in on_map if r["radius_km"] is None), None) or (estimates[0] if estimates else None))
    reasons = Counter()
    for r in g.rows:
        if r["unresolved"]:
            reasons[r["unresolved"]] += r["documents"]
    proper = Counter({t: n for t, n in g.types.items() if t != "NORP"}) or g.types
    kind = "EVENT" if operation(name) else majority_type(proper)  # "Operation X", though "X" alone was a person's
    return Entity(id=entity_id, type=kind, name=name, kb_id=ref,
                  lat=placed["lat"] if placed else None, lon=placed["lon"] if placed else None,
                  place_kind=placed["place_kind"] if placed else None,
                  unresolved=reasons.most_common(1)[0][0] if reasons and not placed else None,
                  radius_km=placed["radius_km"] if placed else None)


def _shown_names(g: _Group) -> Counter:
    """The names a group may be shown under, with their weights: full names before acronyms, a
    thing's own name before the adjective made from it ("Tolaria", not "Tolarian"), and the country an
    adjective names beside the longer names a gazetteer placed with it ("Germany" for "German"
    beside "East Germany"; data/demonyms.yaml)."""
    proper_names = {r["name"] for r in g.rows if r["type"] != "NORP"}
    own = proper_names or set(g.names)
    names = Counter({n: g.names[n] for n in own})
    for r in g.rows:  # "German" is Germany's, however few name it so and others "East Germany"
        if r["type"] == "NORP" and (country := _countries().get(r["name"])) is not None and proper_names:
            names[country] += r["weight"]
    return Counter({n: k for n, k in names.items() if not _is_acronym(n)}) or names


@cache
def _countries() -> dict[str, str]:
    return {str(k): str(v) for k, v in load("demonyms.yaml").items()}


def _unique(candidate: str, taken: set[str]) -> str:
    out, n = candidate, 1
    while out in taken:
        n += 1
        out = f"{candidate}-{n}"
    taken.add(out)
    return out


def _join_feature_names(rows: list[dict], union: Groups, node) -> None:
    """"Panj Dara Gorge" and "Panjdara pass": one name with feature words of one kind of spot
    are one place, unless two references place them apart."""
    spots: dict[tuple[str, str], set[tuple]] = defaultdict(set)
    for r in rows:
        if r["type"] in PLACE_TYPES and (found := feature_name(r["name"])):
            bare, kind = found
            if bones := skeleton(bare):
                spots[bones, kind].add(union.find(node(r)))
    for roots in spots.values():
        if len(roots) > 1 and sum(root[0] == "ref" for root in roots) <= 1:
            first, *rest = sorted(roots)
            for other in rest:
                union.join(first, other)


def _join_descriptions(rows: list[dict], union: Groups, node) -> None:
    """"the eight-year war" (key "~war") -> the one corpus event whose name ends in "war"."""
    named: dict[str, set] = defaultdict(set)
    for r in rows:
        if r["type"] == "EVENT" and not r["id"].startswith(DESCRIBED) and r["name"].split():
            named[r["name"].split()[-1].lower()].add(union.find(node(r)))
    for r in rows:
        if r["id"].startswith(DESCRIBED) \
                and (owner := sole(union.find(n) for n in named.get(r["id"][len(DESCRIBED):], ()))) is not None:
            union.join(node(r), owner)


def _join_acronyms(rows: list[dict], union: Groups, node) -> None:
    """An acronym used bare joins the entity another document defined it for, else the one
    entity whose initials it spells."""
    names_of: dict[tuple, set[str]] = defaultdict(set)
    defined_for: dict[str, set[tuple]] = defaultdict(set)
    for r in rows:
        names_of[node(r)].add(r["name"])
        for alias in json.loads(r["aliases"]):
            if alias != r["name"] and _is_acronym(alias):
                defined_for[alias].add(node(r))
    spelt = _initials_index(names_of)
    for n, names in sorted(names_of.items()):
        if not all(_is_acronym(x) for x in names):
            continue
        acronym = min(names)
        candidates = [o for o in defined_for.get(acronym, ()) if o != n] or spelt.get(_letters(acronym), ())
        if (owner := sole(union.find(o) for o in candidates if o != n)) is not None:
            union.join(n, owner)


def _join_region_acronyms(rows: list[dict], union: Groups, node) -> None:
    """An acronym still alone that spells a place's initials and then a kind of division ("SOAO")
    joins that place, when the corpus's places (joined by then) give one such."""
    places: dict[tuple, set[str]] = defaultdict(set)
    for r in rows:
        if r["type"] in PLACE_TYPES:
            places[node(r)].add(r["name"])
    spelt = _initials_index(places)
    alone: dict[tuple, bool] = {}  # a group -> whether acronyms are all its names
    for r in rows:
        root = union.find(node(r))
        alone[root] = alone.get(root, True) and _is_acronym(r["name"])
    for r in rows:
        if alone[union.find(node(r))] and (letters := _region_letters(r["name"])) \
                and (owner := sole(union.find(o) for o in spelt.get(letters, ()))) is not None:
            union.join(node(r), owner)


def _region_letters(acronym: str) -> tuple[str, ...]:
    """The letters of a region's initials in an acronym that ends with its kind of division ("SOAO":
    South Ossetia's, an autonomous oblast), or () for none; at least two letters of the place."""
    for ending in _division_acronyms():
        if acronym.endswith(ending) and len(_letters(acronym[:-len(ending)])) >= 2:
            return _letters(acronym[:-len(ending)])
    return ()


@cache
def _division_acronyms() -> tuple[str, ...]:
    return tuple(sorted(map(str, load("entities.yaml")["division_acronyms"]), key=len, reverse=True))


def _letters(acronym: str) -> tuple[str, ...]:
    return tuple(c.lower() for c in acronym if c.isalpha())


def _initials_index(names_of: dict[tuple, set[str]]) -> dict[tuple[str, ...], set[tuple]]:
    """The letters of every acronym a name of two words or more could be spelt by (`initials_match`:
    its first initial, then any of the others in order) -> the nodes of those names, so that an
    acronym finds its candidates by one look-up, not by trying every name of the corpus."""
    spelt: dict[tuple[str, ...], set[tuple]] = defaultdict(set)
    forms: dict[str, set[tuple[str, ...]]] = {}
    for n, names in names_of.items():
        for x in names:
            if " " in x or "-" in x:
                if x not in forms:
                    forms[x] = _spellings([w[0].lower() for w in x.replace("-", " ").split()])
                for letters in forms[x]:
                    spelt[letters].add(n)
    return spelt


def _spellings(initials: list[str]) -> set[tuple[str, ...]]:
    """The letter sequences of 2 to 8 letters (an acronym's length) that start with the first
    initial and take any of the others in order."""
    letters = [c for c in initials if any(ch.isalpha() for ch in c)]  # a digit spells no letter
    if not letters or letters[0] != initials[0]:
        return set()
    rest = letters[1:]
    return {(initials[0], *picked) for k in range(1, min(7, len(rest)) + 1) for picked in combinations(rest, k)}


def entity_lookup(store: Store):
    """A function (doc, key) -> entity id (`Store.entity_resolver`): a key the document has no
    name for (the country of "Varnian forces" in an account that never names Varnia) is the entity
    other documents give it."""
    return store.entity_resolver()
