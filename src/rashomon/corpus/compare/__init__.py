"""Compare: lay the sources side by side and say where they agree, differ, contradict each other
or themselves, and what only one of them says. It never decides who is right.

The claims every document made (extract/claims/) are read one document at a time with their
entities resolved (`said`) and filed under the frames they belong to (`frames`: counts of one
thing, the start of one operation, ...) in a scratch table of the store; then each frame's claims
are read back together and judged by their intervals (`judge`): values that cannot both be true
conflict, different values that can both be true are compatible, one figure several independent
stories give is an agreement, a claim only one story makes is uncorroborated. Republished copies
of one story count once. Neither the claims nor the findings are ever all in memory: a frame
holds each distinct telling once (copies repeat theirs), findings are written as they are found,
each claim's record made as it is written, and the store ranks them as it publishes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable

from rashomon.corpus.compare.days import STRIKING
from rashomon.corpus.compare.doers import ONE_SIDED_DEEDS
from rashomon.corpus.compare.frames import FAMILIES, FIGHTING_KEY
from rashomon.corpus.compare.judge import KIND_ORDER, TO_JSON, Findings
from rashomon.corpus.compare.said import TOLD_FIELDS, Said, Told, read_claims, warships
from rashomon.extract.places import feature_name
from rashomon.extract.places.distance import km
from rashomon.records import PLACE_TYPES, file_name
from rashomon.store import Store

__all__ = ["KIND_ORDER", "compare"]

BATCH = 5000  # claims filed at a time
NUMBER = {family.name: n for n, family in enumerate(FAMILIES)}  # a family's name -> its place in FAMILIES


def compare(store: Store) -> int:
    """Findings over every document in the store, ranked so that conflicts on central events come
    first; they replace the store's previous findings. Returns how many there are."""
    entities = list(store.entities())
    out = Findings(store, {e.id: e.name for e in entities}, SourceNames(store), {e.id: e.type for e in entities},
                   {e.id for e in entities if e.type in PLACE_TYPES and e.place_kind != "country"})
    _file(store, out, {e.id: (e.lat, e.lon) for e in entities if e.type in PLACE_TYPES and e.lat is not None},
          {e.id for e in entities if e.place_kind in REGIONS}, warships(entities), entities)
    store.findings_begin()
    for frame, rows in store.frames():
        number, _, key = frame.partition("|")
        FAMILIES[int(number)].judge(tuple(json.loads(key)), _loaded(rows), out)
    out.flush()
    store.findings_publish()
    return out.written


class SourceNames:
    """A document's id -> the name findings give it (its publisher, else its title, else its file's
    name), read from the store as the findings need them; the last 4,096 are kept, so that the
    documents are never all in memory."""

    def __init__(self, store: Store) -> None:
        self.store, self.known = store, {}

    def get(self, doc: str, default: str | None = None) -> str | None:
        if doc not in self.known:
            if len(self.known) >= 4096:
                self.known.clear()
            found = self.store.source_names(doc)
            self.known[doc] = None if found is None else found[0] or found[1] or file_name(found[2])
        return default if self.known[doc] is None else self.known[doc]


def _file(store: Store, out: Findings, points: dict[str, tuple[float, float]], regions: set[str],
          ships: dict[str, str], entities: list) -> None:
    """File every claim under its frames in the store's scratch table; a launch no name is given
    for goes under the one operation its actor launched, an attack at a place under the one
    event that happens once the corpus names there, where the corpus names just one, and a deed
    against the defenceless under the named one it is told near (`_file_deeds`)."""
    store.frames_begin()
    rows, named = [], defaultdict(set)  # (family, "actor" or "at", key) -> the named events filed with it
    dated = defaultdict(set)  # named event -> the stories that date it or give its length
    deeds = defaultdict(set)  # a deed's key ("name", event) or ("at", place) -> the places told with it
    days = defaultdict(set)  # a day -> the (action, side) frames told of it; side None: no doer named
    struck = defaultdict(set)  # blows of one day (action, side, day) -> the places told of them
    doers = defaultdict(set)  # a named event -> the sides a source says did it
    launched = defaultdict(set)  # (side, action) -> the named events a source says the side began so
    ordered = set()  # sequence frames of a side's deed no name is given for
    for s in read_claims(store, entities):
        for number, family in enumerate(FAMILIES):
            if (key := family.key(s, out)) is not None:
                told = [s.doc, s.story, *(getattr(s.told, f) for f in TOLD_FIELDS)]
                rows.append((_frame(number, key), TO_JSON(told)))
                if family.name == "occurrence" and key[0] == "name" and s.place:
                    named["occurrence", "at", s.place].add(s.subject)
                if family.name == "occurrence" and key[0] == "name":
                    days[s.value].add(("named", key[1]))
                if family.name == "perpetrator":
                    deeds[key].update([s.place] if s.place else [])
                if family.name == "sequence" and key[0] == "deed":
                    ordered.add(key)
                if family.name == "day" and (key[0] in STRIKING or key[1] is None):
                    days[key[2]].add(key[:2])
                    struck[key].add(s.place)
        if s.attribute in ("start", "time", "end") and s.subject and s.side_of_actor:
            named[s.attribute, "actor", s.side_of_actor].add(s.subject)
        if s.attribute == "start" and s.subject and s.side_of_actor and s.action:
            launched[s.side_of_actor, s.action].add(s.subject)
        if s.attribute in ("start", "end", "duration") and s.subject:
            dated[s.subject].add(s.story)
        if s.attribute == "actor" and s.subject and s.side_of_actor:
            doers[s.subject].add(s.side_of_actor)
        if len(rows) >= BATCH:
            store.frames_add(rows)
            rows = []
    store.frames_add(rows)
    if dated:  # days of fighting told without a name: of the event most stories date
        number = NUMBER["duration"]
        central = min(dated, key=lambda e: (-len(dated[e]), e))
        store.frames_rename(_frame(number, FIGHTING_KEY), _frame(number, ("name", central)))
    for (family, by, key), names in named.items():
        if len(names) == 1:
            number = NUMBER[family]
            store.frames_rename(_frame(number, (by, key)), _frame(number, ("name", next(iter(names)))))
    for key in ordered:  # "they timed their assault after X": the side's one named assault came after X
        if len(events := launched[key[1], key[2]]) == 1:
            number = NUMBER["sequence"]
            store.frames_rename(_frame(number, key), _frame(number, ("name", next(iter(events)), *key[3:])))
    _file_deeds(store, deeds, points, out.names)
    _file_days(store, days, struck, ships)
    places = defaultdict(set)  # a named event that happens once -> the places it is told at
    for (family, _, place), events in named.items():
        for event in events if family == "occurrence" else ():
            places[event].add(place)
    _file_named_days(store, days, struck, places, doers, lambda at, event: _elsewhere(at, places[event], points,
                                                                                      regions))


def _file_days(store: Store, days: dict[str, set[tuple]], struck: dict[tuple, set], ships: dict[str, str]) -> None:
    """Fighting told on a day with no doer ("four students were killed on May 4") is of the one
    named event dated to that day, whose dates the occurrence family compares (none where several
    are); else of the one side the corpus says struck blows that day (`striking_actions`), if
    there is one (a warship and its country are one side: what the country did that day is what
    its one ship there did); otherwise it stands as fighting on that day."""
    number = NUMBER["day"]
    for day, told in days.items():
        if ("", None) not in told:
            continue
        sides = sorted(t for t in told if t[0] != "named" and t[1] is not None)
        old = _frame(number, ("", None, day))
        events = {key for action, key in told if action == "named"}
        if len(events) == 1:
            store.frames_rename(old, _frame(NUMBER["occurrence"], ("name", next(iter(events)))))
        elif events:
            store.frames_drop(old)
        elif len({ships.get(side, side) for _, side in sides}) == 1:
            side = _one_side(sides, ships)
            action = "ASSAULT" if any(a == "ASSAULT" for a, _ in sides) else sides[0][0]
            for other in {(a, s) for a, s in sides if s != side and a == action} | {("", None)}:
                store.frames_rename(_frame(number, (*other, day)), _frame(number, (action, side, day)))
                struck[action, side, day] = struck[action, side, day] | struck[(*other, day)]  # its places with it


def _one_side(sides: list[tuple[str, str]], ships: dict[str, str]) -> str:
    """The side of one day's blows: its one warship that struck, else the country itself."""
    fleet = {side for _, side in sides if side in ships}
    return next(iter(fleet)) if len(fleet) == 1 else ships.get(sides[0][1], sides[0][1])


def _file_named_days(store: Store, days: dict[str, set[tuple]], struck: dict[tuple, set], places: dict[str, set],
                     doers: dict[str, set[str]], elsewhere: Callable[[set, str], bool]) -> None:
    """A side's blows on the day the one named event of that day is dated to ("the troops opened
    fire on 13 April" beside "the X massacre took place on 13 April") are told of that event, whose
    date finding lists them, where the side is said to have done it or struck at its place that day,
    and struck nowhere else then (`elsewhere`): the day of a named event is one claim, not two."""
    number, occurrence = NUMBER["day"], NUMBER["occurrence"]
    for day, told in days.items():
        events = {key for action, key in told if action == "named"}
        if len(events) != 1:
            continue
        event = next(iter(events))
        for action, side in told:
            at = struck.get((action, side, day), set())
            if side is None or action == "named" or action not in STRIKING or elsewhere(at, event):
                continue
            if side in doers[event] or at & places[event]:
                store.frames_rename(_frame(number, (action, side, day)), _frame(occurrence, ("name", event)))


def _elsewhere(at: set, places: set[str], points: dict[str, tuple[float, float]], regions: set[str]) -> bool:
    """Whether a place of `at` is away from every place of a named event on the map: neither one of
    them nor near one, nor a region or country around them ("near Velmora, Northern Province,
    Ostria"); a place the map does not know (a company's mine) says nothing of where it was."""
    return any(p in points and p not in places and p not in regions and not any(
        _near(points[p], points.get(q)) for q in places) for p in at)


REGIONS = ("admin1", "admin2", "country", "continent")  # place kinds around a town, not beside it
NEAR_KM = 50  # a deed told at a place this near a named deed's place is told of it


def _file_deeds(store: Store, deeds: dict[tuple, set[str]], points: dict[str, tuple[float, float]],
                names: dict[str, str]) -> None:
    """Deeds against the defenceless told at a place near the places of just one named such deed
    ("fired on at the approaches to the next town" beside "the X massacre") are of it, and so are
    those told of no place, and their dates, where the corpus names just one; a deed named by its
    place and by the feature named after it ("the X massacre", "the X Forest massacre") is one."""
    number = NUMBER["perpetrator"]
    named = {key[1]: places for key, places in deeds.items() if key[0] == "name"}
    for event, one in _one_deed(named, names).items():
        store.frames_rename(_frame(number, ("name", event)), _frame(number, ("name", one)))
        named[one] |= named.pop(event)
    for key in [k for k in deeds if k[0] == "at"]:
        place = key[1]
        near = set(named) if place is None else {
            event for event, places in named.items() if any(_near(points.get(place), points.get(p)) for p in places)}
        if len(near) == 1:
            store.frames_rename(_frame(number, key), _frame(number, ("name", next(iter(near)))))
    if len(named) == 1:  # the dates of such deeds told of no place (`frames.occurrence_key`)
        number = NUMBER["occurrence"]
        store.frames_rename(_frame(number, ("at", None)), _frame(number, ("name", next(iter(named)))))


def _one_deed(named: dict[str, set[str]], names: dict[str, str]) -> dict[str, str]:
    """Named deeds that are one: a deed's name is its place and the deed ("the X massacre"), and a
    feature named after the place ("X Forest", "X Valley": `places.feature_name`) is that place.
    Gives each such name the one it joins (the shortest name, "the X massacre")."""
    groups = defaultdict(list)
    for event in named:
        *place, deed = names.get(event, event).split()
        if place and deed.lower() in ONE_SIDED_DEEDS:
            bare = feature_name(" ".join(place))
            groups[(bare[0] if bare else " ".join(place)).lower(), deed.lower()].append(event)
    joined = {}
    for events in groups.values():
        one = min(events, key=lambda e: (len(names.get(e, e)), e))
        joined.update({e: one for e in events if e != one})
    return joined


def _near(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    return a is not None and b is not None and km(*a, *b) <= NEAR_KM


def _frame(number: int, key: tuple) -> str:
    return f"{number:02d}|{TO_JSON(key)}"


def _loaded(rows: Iterable[str]) -> list[Said]:
    """A frame's claims read back as the store gives them. Copies of one account say the same in
    the same words: each distinct telling is held once per frame, so that a frame many documents
    repeat costs a reference and a document's id per claim, not its words and values."""
    tellings: dict[tuple, Told] = {}
    said, last = [], None
    for row in rows:
        doc, story, *values = json.loads(row)
        if values[-1] is not None:
            values[-1] = tuple(values[-1])
        if (told := tellings.get(key := tuple(values))) is None:
            told = tellings[key] = Told(*values)
        doc = last.doc if last is not None and last.doc == doc else doc  # a document's claims come together
        last = Said(told, doc, doc if story == doc else story)
        said.append(last)
    return said

