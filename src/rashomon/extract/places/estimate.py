"""Estimated places: a place no gazetteer or knowledge file holds (a pass, a gorge, a village, a
border crossing) put where the text around it says, as a point with a radius.

What counts, from the surest to the vaguest, in the sentence that names the place:
- "between Dalvan and Esfarabad-e Sharq": the midpoint of the two;
- "34 kilometres from Dalvan", "20 km west of Kelend": that far from the place, in that
  direction, else towards the story's other places;
- "west of Kelend", "to the west" (of the place named last): a step that way;
- "near the border in Dalvan province": the story's place in that province farthest from its
  country's centre; "near Morvan", "in Dalvan province": that place;
- failing all of these, the places the sentence names (the middle of the two nearest, or the
  one), or else the nearest its paragraph names before it.
What is said of a place counts when it follows the place's name ("the Sabari pass, 40 km north
of Khost"), not when it is said of another thing the sentence names.
The radius says how far off the point may be; an entity named in several ways keeps its
narrowest estimate. The words live in data/places.yaml (`estimates`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from rashomon.data import load
from rashomon.extract.places.borders import nearest_border
from rashomon.extract.places.distance import km
from rashomon.extract.places.geonames import gazetteer
from rashomon.extract.places.lookup import country_point, held, namesake_town
from rashomon.extract.places.model import DIVISIONS, PART, SETTLEMENTS, Toponym
from rashomon.extract.places.reading import container, owner_before, read
from rashomon.extract.places.resolution import resolve_places
from rashomon.extract.places.rules import rules
from rashomon.extract.places.within import datelines
from rashomon.records import PLACE_TYPES, Entity, Mention

_RELATION = 80  # characters after a name in which what is said of its place stands
_AND = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?(?:\w+\s+of\s+)?")  # "between X and (the town of) Y"
# "34 kilometres (west) (away) from (the town of)" before a place
_DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(\w+)\.?\s+(?:(\w+)\s+)?(?:away\s+)?(?:from|of)\s+(?:the\s+)?"
                       r"(?:\w+\s+of\s+)?$")
_LEAD_END = re.compile(r"\s(?:—|–|--|-|_|:)\s")  # the dash after a dateline and its agency
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])|\n")


@dataclass(frozen=True)
class _Anchor:
    """A place the text names where it is known: its span and point."""

    start: int
    end: int
    lat: float
    lon: float
    kind: str | None
    ref: str | None = None  # the gazetteer's or knowledge file's id; None for an estimate


@dataclass(frozen=True)
class _Words:
    directions: dict[str, float]  # "west" -> its bearing in degrees
    units: dict[str, float]  # "km" -> kilometres per unit
    near: frozenset[str]  # "near", "outside": close to the place named after them
    within: frozenset[str]  # "in": inside it
    border: frozenset[str]  # "border", "frontier"
    cues: frozenset[str]  # "towards", "at": words before a name that say it is a place
    moves: frozenset[str]  # "towards", "occupied": ... whatever the model took the name for
    step_km: float  # how far "west of X" is taken to lie
    near_km: float  # the radius of "near X"
    alone_km: float  # the radius of a place estimated from one other place alone
    at_namesake: frozenset[str]  # "airport", "base": a place named so lies at the town it is named after
    in_town: frozenset[str]  # "square", "road": kinds of spot that lie in a town


@cache
def _words() -> _Words:
    data = load("places.yaml")["estimates"]
    return _Words({str(k): float(v) for k, v in data["directions"].items()},
                  {str(k): float(v) for k, v in data["units"].items()},
                  frozenset(data["near"]), frozenset(data["within"]), frozenset(data["border"]),
                  frozenset(data["place_cues"]), frozenset(data["move_cues"]), float(data["step_km"]),
                  float(data["near_km"]),
                  float(data["alone_km"]), frozenset(data["at_namesake"]),
                  frozenset(data["in_town"]))


def estimate_places(entities: Sequence[Entity], mentions: Sequence[Mention], text: str) -> list[Entity]:
    """The entities, each place left off the map put where its text says, with `radius_km`;
    places estimated earlier in the text count as known for those after them."""
    placed = {e.id: _town(e) for e in entities if e.lat is not None and e.place_kind not in ("country", "continent")}
    anchors = sorted((_Anchor(m.start, m.end, placed[m.key].lat, placed[m.key].lon, placed[m.key].place_kind,
                              placed[m.key].kb_id) for m in mentions if m.key in placed), key=lambda a: a.start)
    belied = _belied(text, mentions, placed, anchors)
    if belied:  # a namesake the text puts elsewhere is no anchor, and its place is estimated afresh
        anchors = [a for a in anchors if not any(m.start == a.start and m.key in belied for m in mentions)]
        entities = [replace(e, lat=None, lon=None, kb_id=None, place_kind=None) if e.id in belied else e
                    for e in entities]
    unplaced = {e.id: e for e in entities if e.lat is None and e.type in (*PLACE_TYPES, "PERSON", "ORG")}
    todo = {m.key for m in mentions if m.key in unplaced
            and (_read_as_place(text, m, unplaced[m.key].type)
                 or (unplaced[m.key].type in PLACE_TYPES and _namesake(m.text)))}
    out, leads = {e.id: e for e in entities}, _leads(text)
    for m in sorted((m for m in mentions if m.key in todo), key=lambda m: m.start):
        told = [a for a in anchors if not any(s <= a.start < e for s, e in leads)]
        point = (_at_owner(text, m, anchors) or _at_namesake(text, m, anchors) or _estimate(text, m, told)
                 or _in_the_storys_town(text, m, anchors))
        if point is None:
            continue
        lat, lon, radius = _on_the_border(text, m, point)
        current = out[m.key]
        if current.radius_km is None or radius < current.radius_km:  # a place now, whatever the model typed
            out[m.key] = replace(current, type=current.type if current.type in PLACE_TYPES else "GPE", lat=lat,
                                 lon=lon, radius_km=round(radius, 1), unresolved=None)
        anchors = sorted([*anchors, _Anchor(m.start, m.end, lat, lon, current.place_kind)], key=lambda a: a.start)
    return [out[e.id] for e in entities]


def _leads(text: str) -> list[tuple[int, int]]:
    """The datelines' leads ("MOSCOW (AP) _"): where a story was filed, and the agency that filed
    it, are not near what the story tells, so they place nothing it names."""
    out = []
    for start, end in datelines(text):
        dash = _LEAD_END.search(text, end, end + 24)
        out.append((start, dash.start() if dash else end))
    return out


def _on_the_border(text: str, m: Mention, point: tuple[float, float, float]) -> tuple[float, float, float]:
    """A place the text calls a border or a crossing ("the Parvizi border") moved from its estimate
    to the nearest land border, when one lies within twice `alone_km`."""
    reading = read(Toponym(m.text, m.start, m.end), text)
    if (reading.inner_kind or reading.near_kind) not in _words().border:
        return point
    line = nearest_border(point[0], point[1], 2 * _words().alone_km)
    return point if line is None else (line[0], line[1], point[2])


def _at_owner(text: str, m: Mention, anchors: list[_Anchor]) -> tuple[float, float, float] | None:
    """A place named after a town's possessive ("Toronto's Pearson International Airport"): that
    town, within near_km."""
    gap = 3 if text[m.start - 3:m.start - 1] in ("'s", "’s") else 2
    owner = next((a for a in anchors if a.end == m.start - gap and a.kind in SETTLEMENTS), None)
    if owner is None or not owner_before(text, m.start):
        return None
    return owner.lat, owner.lon, _words().near_km


def _at_namesake(text: str, m: Mention, anchors: list[_Anchor]) -> tuple[float, float, float] | None:
    """A place named after the town it serves ("Pangkal Pinang Airport", "Amsterdam Airport
    Schiphol", "Ramstein Air Base"; `at_namesake` of places.yaml): that town, read with the story's
    other places, whatever else the sentence names (the airport a flight left is not where it
    crashed)."""
    name = _namesake(m.text)
    if name is None:
        return None
    others = [Toponym(text[a.start:a.end], a.start, a.end) for a in anchors]
    place = resolve_places([*others, Toponym(name, m.start, m.start + len(name))], text)[name]
    if place.resolved and place.place_kind in SETTLEMENTS:
        return place.lat, place.lon, _words().near_km
    return None


def _in_the_storys_town(text: str, m: Mention, anchors: list[_Anchor]) -> tuple[float, float, float] | None:
    """A spot inside a town ("Bobur Square", "Rustaveli Avenue"; kinds of `in_town`) whose text
    says no more: the town the story names most, within near_km."""
    reading = read(Toponym(m.text, m.start, m.end), text)
    if (reading.inner_kind or reading.near_kind) not in _words().in_town:
        return None
    towns = Counter((a.lat, a.lon) for a in anchors if a.kind in SETTLEMENTS)
    if not towns:
        return None
    (lat, lon), _ = towns.most_common(1)[0]
    return lat, lon, _words().near_km


def _namesake(name: str) -> str | None:
    """The town a place is named after: the longest run of words the gazetteer holds as a town's
    name before a word of `at_namesake` ("Amsterdam" of "Amsterdam Airport Schiphol"; "Pangkal
    Pinang" is Pangkalpinang), or None."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    at = next((i for i, w in enumerate(words) if i and w.lower() in _words().at_namesake), None)
    for size in range(at or 0, 0, -1):
        town = " ".join(words[:size])
        if held(town) or held(town.replace(" ", "")):
            return town
    return None


def _sentence(text: str, at: int) -> tuple[int, int]:
    starts = [0, *(s.end() for s in _SENTENCE_END.finditer(text, 0, at))]
    end = _SENTENCE_END.search(text, at)
    return starts[-1], end.start() if end else len(text)


def _read_as_place(text: str, m: Mention, kind: str) -> bool:
    """Whether the text says a name is a place: a place word after it ("Varzeh, a village near
    ..."), a feature word in it or beside it ("Panjdara pass", "the Parvizi border"), a word
    that moves or takes things there before it ("towards Clend", "occupied Clend"), or, for a name
    the model typed a place, one that puts things somewhere ("at Varzeh"), the province the text
    says holds it ("Holliday, Mo."; `reading.container`) or a town's possessive ("Toronto's Pearson
    Airport"); a name the text does not call a place ("the Islamic Republic", a person) is left
    alone."""
    after = re.match(r",?\s+(?:a|an|the)\s+(\w+)(?:\s+(\w+))?", text[m.end:m.end + 40])  # "a (small) village"
    if after and any((w or "").lower() in rules().features for w in after.groups()):
        return True
    toponym = Toponym(m.text, m.start, m.end)
    if kind in PLACE_TYPES and (container(toponym, text, gazetteer()) or owner_before(text, m.start)):
        return True  # "Zirak, a village in Kandahar Province", "Holliday, Mo."
    reading = read(toponym, text)
    feature = reading.inner_kind or reading.near_kind
    if feature and (kind in PLACE_TYPES or feature not in (*DIVISIONS, *SETTLEMENTS, PART)):
        return True  # "the Parvizi border", whatever the model typed it; not "the Islamic Emirate"
    before = re.search(r"(\w+)\s+(?:the\s+)?$", text[max(0, m.start - 30):m.start])
    cue = before.group(1).lower() if before else ""
    return cue in _words().cues and (kind in PLACE_TYPES or cue in _words().moves)


def _town(e: Entity) -> Entity:
    """A province as a point to measure from: its namesake capital when it has one ("advancing to
    Dalvan" is the city, not the middle of the province)."""
    if e.place_kind != "admin1" or not e.kb_id or not e.kb_id.startswith("geonames-admin1:"):
        return e
    town = namesake_town(e.name, e.kb_id.split(":", 1)[1].split(".")[0])
    return replace(e, lat=town.lat, lon=town.lon) if town is not None else e


def _estimate(text: str, m: Mention, anchors: list[_Anchor]) -> tuple[float, float, float] | None:
    words = _words()
    start, end = _sentence(text, m.start)
    here = [a for a in anchors if start <= a.start < end and not (a.start < m.end and m.start < a.end)]
    between = re.compile(r"\bbetween\b", re.I).search(text, m.end, min(end, m.end + _RELATION))
    if between:
        pair = [a for a in here if a.start > between.end()][:2]
        if len(pair) == 2 and _AND.fullmatch(text[pair[0].end:pair[1].start]):
            return _middle(*pair)
    # what is said of a place right after its name ("the Sabari pass, 40 km north of Khost"), not of
    # another thing the sentence names ("guns west of Darpol fired at the pass")
    for a in (a for a in here if m.end <= a.start <= m.end + _RELATION):
        before = text[max(start, a.start - 40):a.start].lower()
        said = _distance(before)
        if said is not None:
            far, bearing = said
            if bearing is not None:
                lat, lon = _moved(a.lat, a.lon, far, bearing)
                return lat, lon, max(far / 3, 5.0)
            bearing = _towards(a, anchors, 4 * words.alone_km)  # no direction said: towards the story
            lat, lon = _moved(a.lat, a.lon, far if bearing is not None else 0.0, bearing or 0.0)
            return lat, lon, far
        way = re.search(r"(\w+?)(?:ern)?\s+(?:of|from)\s+(?:the\s+)?$", before)
        if way and way.group(1) in words.directions:
            lat, lon = _moved(a.lat, a.lon, words.step_km, words.directions[way.group(1)])
            return lat, lon, words.step_km
        cue = re.search(r"(\w+)\s+(?:the\s+)?$", before)
        if cue and (cue.group(1) in words.near or cue.group(1) in words.within):
            if any(w in text[start:end].lower() for w in words.border) and a.kind in ("admin1", "admin2"):
                return _by_the_border(a, anchors, words)
            return a.lat, a.lon, words.near_km if cue.group(1) in words.near else 2 * words.near_km
    toward = re.match(r"\s+(?:\w+\s+)?to\s+the\s+(\w+?)(?:ern)?\b", text[m.end:m.end + 30])
    if toward and toward.group(1) in words.directions and (last := [a for a in anchors if a.end <= m.start]):
        lat, lon = _moved(last[-1].lat, last[-1].lon, words.step_km, words.directions[toward.group(1)])
        return lat, lon, words.step_km
    return _nearby(text, m, here, anchors, words)


def _distance(before: str) -> tuple[float, float | None] | None:
    """The distance in km, and the bearing when one is said, that the words before a place put
    something at ("34 kilometres from", "20 km west of"), or None."""
    words = _words()
    distance = _DISTANCE.search(before)
    if not distance or distance.group(2) not in words.units:
        return None
    far = float(distance.group(1).replace(",", ".")) * words.units[distance.group(2)]
    return far, words.directions.get(distance.group(3) or "")


def _belied(text: str, mentions: Sequence[Mention], placed: dict[str, Entity], anchors: list[_Anchor]) -> set[str]:
    """The gazetteer's towns the text puts elsewhere: "the Morvabad area, some 20 kilometers from
    Isfarabad" is no Morvabad hundreds of km from that Isfarabad (a namesake found by a spelling
    alike); farther than twice the distance said and `alone_km` is another place. A place the
    knowledge file holds is kept."""
    out, starts = set(), [a.start for a in anchors]
    for m in mentions:
        e = placed.get(m.key)
        if e is None or e.place_kind not in SETTLEMENTS or (e.kb_id or "").startswith("kb:"):
            continue
        for a in anchors[bisect_left(starts, m.end):bisect_right(starts, m.end + _RELATION)]:
            if _SENTENCE_END.search(text, m.end, a.start):
                break  # what the next sentence says is of another thing
            said = _distance(text[max(m.end, a.start - 40):a.start].lower())
            if said is not None and km(e.lat, e.lon, a.lat, a.lon) > 2 * said[0] + _words().alone_km:
                out.add(m.key)
            if said is not None:
                break
    return out


def _nearby(text: str, m: Mention, here: list[_Anchor], anchors: list[_Anchor],
            words: _Words) -> tuple[float, float, float] | None:
    """The places the sentence names, else the nearest its paragraph names before it (a place
    named after, in another sentence, is as often where the story goes next)."""
    before = [a for a in here if a.end <= m.start]
    after = [a for a in here if a.start >= m.end]
    near = (before[-1:] + after[:1]) if before and after else (before[-2:] or after[:2])
    if not near:
        para = text.rfind("\n", 0, m.start) + 1
        near = [a for a in anchors if para <= a.start and a.end <= m.start and m.start - a.end < 600][-1:]
    if len(near) == 2 and km(near[0].lat, near[0].lon, near[1].lat, near[1].lon) < 4 * words.alone_km:
        return _middle(*near)
    if near:
        closest = min(near, key=lambda a: min(abs(a.start - m.end), abs(m.start - a.end)))
        return closest.lat, closest.lon, words.alone_km
    return None


def _middle(a: _Anchor, b: _Anchor) -> tuple[float, float, float]:
    half = km(a.lat, a.lon, b.lat, b.lon) / 2
    return (a.lat + b.lat) / 2, (a.lon + b.lon) / 2, max(half, 5.0)


def _towards(a: _Anchor, anchors: list[_Anchor], within_km: float) -> float | None:
    """The bearing from a place towards the story's other places around it (where the action is),
    or None when it names none within `within_km`."""
    others = [o for o in anchors if 5 < km(o.lat, o.lon, a.lat, a.lon) <= within_km]
    if not others:
        return None
    lat = sum(o.lat for o in others) / len(others)
    lon = sum(o.lon for o in others) / len(others)
    return math.degrees(math.atan2((lon - a.lon) * math.cos(math.radians(a.lat)), lat - a.lat)) % 360


def _by_the_border(division: _Anchor, anchors: list[_Anchor], words: _Words) -> tuple[float, float, float]:
    """"Near the border in X province": of the story's places the gazetteer holds in the province,
    the one farthest from its country's centre."""
    inside = [a for a in anchors if a.ref and a.kind not in ("admin1", "admin2")
              and km(a.lat, a.lon, division.lat, division.lon) < 4 * words.alone_km]
    country = country_point(division.ref.split(":", 1)[1].split(".")[0]) if division.ref else None
    if not inside or country is None:
        return division.lat, division.lon, 2 * words.near_km
    edge = max(inside, key=lambda a: km(a.lat, a.lon, *country))
    return edge.lat, edge.lon, words.near_km


def _moved(lat: float, lon: float, distance_km: float, bearing: float) -> tuple[float, float]:
    """The point `distance_km` from (lat, lon) along `bearing` (degrees from north)."""
    d = distance_km / 111.2
    b = math.radians(bearing)
    return lat + d * math.cos(b), lon + d * math.sin(b) / max(math.cos(math.radians(lat)), 0.01)
