"""Judging one frame: the claims of several voices about one thing, set side by side by their
intervals. Values that cannot both be true are a conflict (between sources, or between two parties
one source cites) or a self-contradiction (one source in its own name); different values that can
both be true are compatible; one figure given by several independent stories is an agreement; a
claim only one story makes is uncorroborated. Which voices speak, and how many independent
stories stand behind each value, is said in every explanation."""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from rashomon.corpus.compare import wording
from rashomon.corpus.compare.said import DEMONYMS, FATE_WHOLE, WORDING, Said, whole_of
from rashomon.extract.claims.words import words
from rashomon.names import name_key
from rashomon.records import Compared, Finding
from rashomon.store import Store

DAY_COUNTS = 30  # durations up to a month are counted in days, where one day's difference is counting

COUNTRIES = {name_key(country): country for country in DEMONYMS.values()}  # a "~key" side's name

ROLES = frozenset(WORDING["role_parts"])  # parts of people no one of which holds another's
FORCES = frozenset(WORDING["force_parts"])  # the parts that are armed forces
KIND_ORDER = ("conflict", "self_contradiction", "compatible", "agreement", "uncorroborated")
COMPARED_FIELDS = tuple(f.name for f in fields(Compared))
TO_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps makes an encoder at each call
HELD = 5000  # claims and findings found before they are written


def meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass
class Findings:
    """Findings as they are found, written to the store's drafts a batch at a time (HELD claims
    and findings, so that a frame many documents speak in is written as it is judged) and ranked
    by the store at the end: conflicts first, then by the weight of the stories behind them."""

    store: Store
    names: dict[str, str]
    documents: Mapping[str, str]  # a document's id -> its name (compare's `SourceNames`)
    types: dict[str, str] = field(default_factory=dict)  # entity id -> type (PERSON, LAW, ...)
    towns: set[str] = field(default_factory=set)  # places that are no country: no actor
    items: list[Draft] = field(default_factory=list)  # found, not yet written
    uses: list[Said] = field(default_factory=list)  # claims of `items` whose events are compared
    held: int = 0  # claims and findings in `items`
    written: int = 0

    def name(self, entity: str | None) -> str:
        if entity and entity.startswith("~"):  # a country no document names, known by its adjective
            return COUNTRIES.get(entity[1:], entity[1:])
        return self.names.get(entity or "", entity or "someone")

    def source(self, s: Said) -> str:
        """"Harbor Gazette", "Harbor Gazette (quote: Korsk Radio)": who gives a claim."""
        where = self.documents.get(s.doc, s.doc)
        if s.voice_kind == "document":
            return where
        who = s.voice_text
        what = s.voice_kind.replace("_", " ").replace("attributed", "citing")
        return f"{where} ({what}{': ' + who if who else ''})"

    def citing(self, claims: list[Said]) -> str:
        """"; Harbor Gazette gives it on the word of Korsk Radio": the sources among `claims` that
        give a claim on someone's word, not in their own name, so that a finding never passes it
        off as theirs."""
        cited = dict.fromkeys((self.documents.get(s.doc, s.doc), s.voice_text, s.voice_kind) for s in claims
                              if not s.own)
        return "".join(f"; {where} gives it " + (f"on the word of {who}" if who else f"in a {kind.replace('_', ' ')}")
                       for where, who, kind in cited)

    def add(self, kind: str, subject: str, attribute: str, entity: str | None, claims: list[Said],
            explanation: str, central: bool = False, value: Callable[[Said], object] | None = None) -> None:
        """A finding listing `claims`, each shown with its own value or with `value(claim)`."""
        claims = sorted(claims, key=lambda s: (s.doc, s.start))
        docs = sum(1 for n, s in enumerate(claims) if n == 0 or s.doc != claims[n - 1].doc)
        rank = (KIND_ORDER.index(kind), not central, -docs, claims[0].doc, claims[0].start)
        self.items.append(Draft(rank, Finding(id="", kind=kind, subject=subject, attribute=attribute, entity=entity,
                                              explanation=explanation), claims, value))
        if kind != "uncorroborated":
            self.uses.extend(s for s in claims if s.told.event is not None)
        self.held += len(claims) + 1
        if self.held >= HELD:
            self.flush()

    def flush(self) -> None:
        """Write the findings not yet written, and the events they use, to the store."""
        self.store.findings_add((d.rank, d.finding, d.claims_json()) for d in self.items)
        self.store.events_used_add(s.event for s in self.uses)
        self.written += len(self.items)
        self.items, self.uses, self.held = [], [], 0

    def used(self, events: Iterable[str]) -> set[str]:
        """Those of `events` that some finding comparing sources uses (the store notes them, so
        that they are never all in memory)."""
        self.flush()
        return self.store.events_used(events)


class Draft(NamedTuple):
    """A finding until it is written: its rank, its words, and the claims it lists as compare read
    them (the store makes each claim's record as it writes it: a finding may list thousands)."""

    rank: tuple
    finding: Finding  # without its claims
    claims: list[Said]
    value: Callable[[Said], object] | None  # the value each claim is shown with, else its own

    def claims_json(self) -> Iterator[str]:
        """Each claim as the finding lists it, as JSON."""
        for s in self.claims:
            c = s.compared(self.value(s) if self.value else None)
            yield TO_JSON({f: getattr(c, f) for f in COMPARED_FIELDS})


@dataclass(frozen=True)
class Frame:
    """What a group of claims is about, for its findings' words."""

    subject: str
    attribute: str  # the export's attribute: date, duration, quantity, place, ...
    entity: str | None
    central: bool = False
    unit: str | None = None
    one_thing: bool = False  # a named event's start or length: one voice's two values contradict it
    by_fate: Mapping[str | None, str] = field(default_factory=dict)  # a count frame's words for each fate told
    parts: Mapping[str, str] = field(default_factory=dict)  # a count frame's word for each part it counts

    def about(self, fate: str | None, claims: list[Said]) -> str:
        """What a finding on `claims` is about: the frame's words for their fate, with the parts
        those claims count ("(civilians among them)"), never a part only other claims count: a
        qualifier is its claim's, not the frame's; nor one the fate says already ("held hostage"
        needs no "(hostages among them)")."""
        told, fate_of = {s.part for s in claims}, words().fate_of
        among = list(dict.fromkeys(word for part, word in sorted(self.parts.items())
                                   if part in told and fate_of.get(word.lower()) != fate))
        return self.by_fate.get(fate, self.subject) + (f" ({', '.join(among)} among them)" if among else "")


Comparable = Callable[[Said, Said], bool]


def clash(a: Said, b: Said) -> bool:
    """Values that cannot both be true: intervals that do not meet, or a part counted above its
    whole ("106 civilians" killed beside "102 people" killed; 1,500 killed beside 1,263
    casualties)."""
    if a.attribute == "count" and (whole_of(a, b) or whole_of(b, a)):
        whole, part = (a, b) if whole_of(a, b) else (b, a)
        return part.interval[0] > whole.interval[1]
    if a.attribute == "duration" and a.doc != b.doc and max(a.interval[0], b.interval[0]) < DAY_COUNTS:
        # two sources counting days may count from other days, or count both ends: one day apart is no clash
        return not meet((a.interval[0] - 1, a.interval[1] + 1), b.interval)
    return not meet(a.interval, b.interval)


def _inner(claims: list[Said], by_doc: list[Said], comparable: Comparable) -> list[list[tuple[Said, Said]]]:
    """Values one voice gives that exclude each other, as pairs, voice by voice in the order the
    claims come; only the voices that give such values (in a frame many documents speak in, most
    voices give one claim). `by_doc`: the claims sorted by document."""
    found = {}
    for _, same_doc in groupby(by_doc, key=attrgetter("doc")):
        voices = defaultdict(list)
        for s in same_doc:
            voices[s.voice].append(s)
        for own in voices.values():
            if pairs := [(a, b) for i, a in enumerate(own) for b in own[i + 1:] if comparable(a, b) and clash(a, b)]:
                found[id(own[0])] = pairs
    return [found[id(s)] for s in claims if id(s) in found]


# the fields two claims may differ in and still be judged alike: who says it and where
CELL_FIELDS = ("attribute", "value", "low", "high", "subject", "side_of_actor", "action", "target", "place", "kind",
               "part", "fate", "side", "unit", "period", "day")
WITNESSES = 400  # pairs looked at between two cells of claims before one that shows their relation


def _cells(claims: list[Said]) -> list[list[Said]]:
    """The claims grouped by everything that decides how they compare, so that a frame many
    documents repeat one value in is judged value by value, not pair by pair."""
    cells, keys = defaultdict(list), {}  # a telling's key, made once however many claims repeat it
    for s in claims:
        if (key := keys.get(id(s.told))) is None:
            key = keys[id(s.told)] = tuple(getattr(s.told, f) for f in CELL_FIELDS)
        cells[key].append(s)
    return list(cells.values())


def _same_thing(a: Said, b: Said, comparable: Comparable) -> bool:
    """Whether two claims state one thing: one part, one fate; or one figure of one fate ("all 143
    passengers died" beside "143 people were killed"; "300 casualties" is no count of the
    dead beside "300 killed")."""
    return comparable(a, b) and (a.fate == b.fate and (a.part == b.part or _figure(a) == _figure(b)))


def _one_source(a: Said, b: Said) -> bool:
    """One source in its own name, or one voice it quotes."""
    return a.doc == b.doc and (a.voice == b.voice or (a.own and b.own))


def judge(claims: list[Said], frame: Frame, out: Findings, comparable: Comparable) -> None:
    """Every finding of one frame's claims; `comparable` says which pairs count the same thing
    (a part and another part are not compared)."""
    by_doc = sorted(claims, key=attrgetter("doc"))
    # values a voice gives that exclude each other tell of two things, and are not judged; unless
    # the frame is one named thing, when the voice contradicts itself
    inner = _inner(claims, by_doc, comparable)
    mixed = set() if frame.one_thing else {id(s) for pairs in inner for pair in pairs for s in pair}

    def gives(s: Said, figure: str) -> bool:
        """Whether the voice of claim s gives a figure (looked up among its document's claims)."""
        n = bisect_left(by_doc, s.doc, key=attrgetter("doc"))
        while n < len(by_doc) and by_doc[n].doc == s.doc:
            if by_doc[n].voice == s.voice and _figure(by_doc[n]) == figure:
                return True
            n += 1
        return False

    def related(a: Said, b: Said) -> str | None:
        """"clash" or "differ" for a pair two voices give and no voice gives both of, else None."""
        if ((a.doc, a.voice) == (b.doc, b.voice) or (a.story == b.story and a.doc != b.doc)
                or id(a) in mixed or id(b) in mixed or not comparable(a, b)):
            return None
        if clash(a, b):
            fine = not gives(b, _figure(a)) and not gives(a, _figure(b))
            return "clash" if fine else None
        return "differ" if a.value != b.value else None

    between, within, differ = [], [], []
    cells = _cells(claims)
    for i, first in enumerate(cells):
        for second in cells[i + 1:]:
            found = _relations(first, second, related)
            between += found["between"]
            within += found["within"]
            differ += found["differ"]
    if frame.one_thing:
        within += [pair for pairs in inner for pair in pairs]
    _clashes(claims, cells, between, within, mixed, frame, out, comparable)
    shown = set()  # the claims of each compatible finding: one source's own figures are not listed twice
    for fate, pairs in _by_fate(differ).items():
        witnesses = {id(x) for pair in pairs for x in pair}
        involved = _unique(s for cell in cells if any(id(x) in witnesses for x in cell) for s in cell
                           if id(s) not in mixed)
        a, b = pairs[0]
        out.add("compatible", frame.about(fate, involved), frame.attribute, frame.entity, involved,
                f"{_gives(a, frame, out)}, {_gives(b, frame, out)}: different, but both can be true."
                f"{_weight(involved)}", frame.central)
        shown.add(_told(involved))
    _own_figures(claims, mixed, frame, out, comparable, shown)
    _agreements(claims, frame, out)


def _told(claims: Iterable[Said]) -> frozenset:
    """What a finding lists: each claim by its source, place and figure."""
    return frozenset((s.doc, s.start, _figure(s)) for s in claims)


def _own_figures(claims: list[Said], mixed: set, frame: Frame, out: Findings, comparable: Comparable,
                 shown: set[frozenset]) -> None:
    """A source that gives several figures of one count, all of which can be true ("900 died",
    "140 bodies were found by nightfall", "he had counted 27 dead"; a figure of 1993 and one of
    1994), of one part (not "500 killed, including 182 women"): one compatible finding
    of its own, so that its figures are read side by side, apart from those of other sources."""
    own = defaultdict(list)
    for s in claims:
        if s.attribute == "count" and id(s) not in mixed:
            own[s.doc, s.fate, s.part].append(s)  # one thing: not a whole beside its parts
    for (_, fate, _), told in own.items():
        told = _unique(told)
        figures = list(dict.fromkeys(_figure(s) for s in told))
        if len(figures) < 2 or _told(told) in shown or not all(comparable(a, b) and not clash(a, b)
                                                               for i, a in enumerate(told) for b in told[i + 1:]):
            continue
        first = [next(s for s in told if _figure(s) == f) for f in figures]  # each figure with whose word it is
        said = ", ".join(_words(s, frame, out) + ("" if s.own or not s.voice_text else f" ({s.voice_text})")
                         for s in first)
        out.add("compatible", frame.about(fate, told), frame.attribute, frame.entity, told,
                f"{out.documents.get(told[0].doc, told[0].doc)} gives {said}: different figures, but all can be "
                "true.", frame.central)


def _relations(first: list[Said], second: list[Said], related) -> dict[str, list[tuple[Said, Said]]]:
    """How two cells relate: one pair of each relation between sources (every claim of both cells
    shares it), and every pair within one source (each source's self-contradiction is its own)."""
    found = {"between": [], "within": [], "differ": []}
    by_doc = defaultdict(list)
    for b in second:
        by_doc[b.doc].append(b)
    for a in first:  # within one source: only its own claims meet
        for b in by_doc.get(a.doc, ()):
            if related(a, b) == "clash" and _one_source(a, b):
                found["within"].append((a, b))
    looked = 0
    for a in first:
        for b in second:
            looked += 1
            if looked > WITNESSES or (found["between"] and found["differ"]):
                return found
            relation = related(a, b)
            if relation == "clash" and not _one_source(a, b) and not found["between"]:
                found["between"] = [(a, b)]
            elif relation == "differ" and not found["differ"]:
                found["differ"] = [(a, b)]
    return found


def _clashes(claims: list[Said], cells: list[list[Said]], between: list[tuple[Said, Said]],
             within: list[tuple[Said, Said]], mixed: set, frame: Frame, out: Findings, comparable: Comparable) -> None:
    """A conflict for values of two sources (or two parties one source cites) that exclude each
    other; a self-contradiction for a source that excludes its own value in its own name (its body
    against a post it carries); one conflict for each fate whose figures clash (the dead's apart from
    the wounded's). A conflict lists the claims that clash and those that state the same thing as one
    of them (a part beside them, which fits, is left to the compatible finding)."""
    for fate, pairs in _by_fate(between).items():
        a, b = pairs[0]
        clashed = {id(x) for pair in pairs for x in pair}
        clashing = [cell for cell in cells if any(id(s) in clashed for s in cell)]
        kept = [s for cell in cells if any(cell is other or _same_thing(cell[0], other[0], comparable)
                                           for other in clashing) for s in cell if id(s) not in mixed]
        out.add("conflict", frame.about(fate, kept), frame.attribute, frame.entity, _unique(kept),
                f"{_gives(a, frame, out)}, {_gives(b, frame, out)}: the two cannot both be true.{_weight(kept)}",
                frame.central)
    of_doc = defaultdict(list)
    for a, b in within:
        of_doc[a.doc].append((a, b))
    for pairs in of_doc.values():
        a, b = pairs[0]
        involved = _unique(s for pair in pairs for s in pair)
        also = _words(b, frame, out)
        out.add("self_contradiction", frame.about(a.fate if a.fate == b.fate else "", involved), frame.attribute,
                frame.entity, involved,
                f"{_gives(a, frame, out)}, but also {also}"
                f"{'' if out.source(b) == out.source(a) else f' ({out.source(b)})'}: the source contradicts itself.",
                frame.central)


def _by_fate(pairs: list[tuple[Said, Said]]) -> dict[str | None, list[tuple[Said, Said]]]:
    """Pairs by the fate both claims tell, a part beside its whole by the whole's (the dead beside
    the casualties are the casualties'): the dead against the dead and the arrested against the
    arrested are two findings, never one."""
    found = defaultdict(list)
    for a, b in pairs:
        whole = b.fate if FATE_WHOLE.get(a.fate or "") == b.fate else a.fate if FATE_WHOLE.get(b.fate or "") == a.fate \
            else ""
        found[a.fate if a.fate == b.fate else whole].append((a, b))
    return found


def _agreements(claims: list[Said], frame: Frame, out: Findings) -> None:
    """One agreement per figure, and per fate for counts, that two or more independent stories give
    (a voice giving it twice, a headline and its story, counts once): "259 arrested" told twice
    agrees on the arrested, never on the dead of a frame of casualties. A source that gives the
    figure on another's word ("the government's figure of 52, which witnesses dispute") is said to,
    so that the agreement never passes it off as the source's own."""
    by_value = defaultdict(list)
    for s in claims:
        by_value[_figure(s), s.fate].append(s)
    agreed = {(*key, role): one for key, same in by_value.items() for role, one in _by_role(same, frame).items()
              if len({s.story for s in one}) > 1}
    for (_, fate, _), same in agreed.items():
        stories = {s.story for s in same}
        if _coarser(same[0], agreed.values()):
            continue
        said = _words(same[0], frame, out)
        out.add("agreement", f"{frame.about(fate, same)}: {said}", frame.attribute, frame.entity,
                _unique(same),
                f"{_count(len(stories))} independent sources give {said}{_copies(same)}{out.citing(same)}.",
                frame.central)


def _by_role(same: list[Said], frame: Frame) -> dict[str | None, list[Said]]:
    """Claims of one figure by the role of the people they count (`role_parts`): "two soldiers hurt"
    and "two marchers hurt" are two groups, never one agreement. People told without a role join
    each role told, but in a frame of no side not the forces' (`force_parts`): there they are the
    deed's victims ("three killed" is no agreement with "three guards killed"); in a side's frame
    they are that side's people."""
    roles = defaultdict(list)
    for s in same:
        roles[s.part if s.part in ROLES else None].append(s)
    bare = roles.pop(None, [])
    joined = {role: [s for s in same if s in told or s in bare] for role, told in roles.items()  # as told
              if frame.entity is not None or role not in FORCES}
    if bare and not joined:
        joined[None] = bare
    return {**roles, **joined}


def _coarser(s: Said, agreed: Iterable[list[Said]]) -> bool:
    """Whether a date several stories agree on holds a finer one others agree on ("1996" beside
    "18 April 1996"): the year adds nothing a reader needs beside the day, and the claims that
    give only the year are listed with the day's in the frame's compatible finding."""
    return s.attribute in ("date", "start", "end") and any(
        (o := same[0].interval) != s.interval and s.interval[0] <= o[0] and o[1] <= s.interval[1] for same in agreed)


def uncorroborated(claims: list[Said], frame: Frame, out: Findings) -> None:
    """A frame only one story speaks of: each value it gives is that story's alone, one finding
    for the value however many republished copies repeat it."""
    by_value = defaultdict(list)
    for s in _unique(claims):
        by_value[s.value].append(s)
    for same in by_value.values():
        first = min(same, key=lambda s: (s.doc != s.story, s.doc, s.start))  # the original, else the first
        copies = [s for s in same if s.doc != first.doc]
        out.add("uncorroborated", frame.about(first.fate, same), frame.attribute, frame.entity,
                [first, *copies],
                f"Only {out.documents.get(first.doc, first.doc)}{_copies(same)} gives this.")


def _figure(s: Said) -> str:
    """The figure a claim states, qualifiers aside ("over 1,000" and "1,000" state one figure)."""
    if s.attribute in ("date", "start", "end"):
        return wording.span(s.value, s.low, s.high)  # a day, or the days a claim stated as its first spans
    if s.attribute != "count":
        return s.value
    low, _, high = s.value.lstrip("~").partition("-")
    return f"{low}-{high}" if low and high else (low or high)


def _unique(claims) -> list[Said]:
    seen, out = set(), []
    for s in claims:
        key = (s.doc, s.voice, s.value, s.start)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _gives(s: Said, frame: Frame, out: Findings) -> str:
    return f"{out.source(s)} gives {_words(s, frame, out)}"


def _words(s: Said, frame: Frame, out: Findings) -> str:
    """A claim's value in words: "about 7,000 troops", "15-19 March 1988"."""
    return wording.value(s.attribute, s.value, frame.unit or s.unit_text, out.names, (s.low, s.high))


def _count(n: int) -> str:
    return wording.NUMBER_WORDS[n].capitalize() if n < len(wording.NUMBER_WORDS) else str(n)


def _weight(claims: list[Said]) -> str:
    """" (5 sources, 4 independent)": how many documents and stories stand behind the claims."""
    docs, stories = len({s.doc for s in claims}), len({s.story for s in claims})
    if docs < 2:
        return ""
    return f" ({docs} sources{'' if stories == docs else f', {stories} independent'})"


def _copies(claims: list[Said]) -> str:
    copies = len({s.doc for s in claims}) - len({s.story for s in claims})
    return "" if not copies else f" (and {copies} republished {'copy' if copies == 1 else 'copies'})"


def judge_or_alone(claims: list[Said], frame: Frame, out: Findings, comparable) -> None:
    """Judge a frame several voices speak in, or one named thing one voice gives two values for
    (it contradicts itself); what one story alone says is uncorroborated, even when it says it
    twice (its body and a post it carries)."""
    if not alone(claims) or frame.one_thing:
        judge(claims, frame, out, comparable)
    if len({s.story for s in claims}) < 2:
        uncorroborated(claims, frame, out)


def alone(claims: list[Said]) -> bool:
    """Whether one story speaks alone in a frame: in one voice, or in copies of one text."""
    return len({s.story for s in claims}) < 2 and len({(s.doc, s.voice) for s in claims}) < 2
