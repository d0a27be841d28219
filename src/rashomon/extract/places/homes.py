"""Where an outlet's readers live, from the places its own documents name, and the namesakes near
there that its ambiguous names mean (the "local lexicon" of Lieberman, Samet and
Sankaranarayanan, ICDE 2010).

A local paper names its own towns without their state: "Hamburg" in a paper of western New York
is Hamburg, New York, though a story that names nothing else near it reads as Germany's city.
Across several of one outlet's documents, the places named with no doubt (a name that every
place the gazetteer holds by it lies close together: "Orchard Park", "Cheektowaga") and the
namesakes of the names it uses again and again (its own town) cluster where its readers live:
that point is the outlet's home (`home`), and a name in its documents prefers a namesake within
`Weights.home_km` of it (`at_home`). The province most of its documents name places in (the
document-level co-occurrence of a paper's state or province) is part of its home too: a rural
paper's towns lie farther apart than any sure place's reach, and a paper of London, Ontario names
no place that is not also England's. An outlet whose places lie scattered (a national paper, an
agency) has no home, and nothing changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from rashomon.extract.places.distance import km, km_to_many
from rashomon.extract.places.estimate import estimate_places
from rashomon.extract.places.geonames import gazetteer
from rashomon.extract.places.lookup import lookup
from rashomon.extract.places.model import SETTLEMENTS, Home
from rashomon.extract.places.resolution import Weights
from rashomon.extract.places.rules import fold
from rashomon.extract.places.story import locate
from rashomon.kb import KnowledgeBase
from rashomon.records import PLACE_TYPES, Entity, Mention

Point = tuple[float, float]
Province = tuple[str, str]  # country code, first-level division code

LOCAL = (*SETTLEMENTS, "admin2")  # the kinds of place that say where a story is, to the town
SURE_KM = 100  # every place of a sure name lies this close to the one picked
HOME_DOCUMENTS = 2  # an outlet's home needs places near it in this many of its documents,
HOME_SHARE = 0.5  # and in this share of those with evidence (a national paper's places lie scattered)


def sure(name: str, lat: float, lon: float, place_kind: str | None) -> bool:
    """Whether a placed name leaves no doubt where it is: a town or county every place the
    gazetteer holds by that name lies within SURE_KM of."""
    if place_kind not in LOCAL:
        return False
    found = _namesakes(fold(name))
    return bool(found) and all(km(*p, lat, lon) <= SURE_KM for p in found)


@dataclass(frozen=True)
class Evidence:
    """What one document says about where its outlet is read: the points of its sure places
    (`sure`, with the province of each in `sure_in`), the folded names of all its placed names,
    the provinces its towns, counties and provinces lie in (names readers anywhere know left out)
    and each placed name's province (`named_in`: folded name, province)."""

    sure: frozenset[Point]
    names: frozenset[str]
    provinces: frozenset[Province] = frozenset()
    sure_in: tuple[tuple[Point, Province | None], ...] = ()
    named_in: frozenset[tuple[str, Province]] = frozenset()


def evidence(entities: Iterable[Entity]) -> Evidence:
    """A document's evidence for its outlet's home, from its placed entities."""
    placed = [e for e in entities if e.type in PLACE_TYPES and e.lat is not None and e.lon is not None
              and e.radius_km is None]
    certain = [e for e in placed if sure(e.name, e.lat, e.lon, e.place_kind)]
    named_in = {(fold(e.name), p) for e in placed if e.place_kind in (*LOCAL, "admin1") and (p := province_of(e))}
    provinces = {p for n, p in named_in if not _worldwide(n)}
    return Evidence(frozenset((e.lat, e.lon) for e in certain), frozenset(fold(e.name) for e in placed),
                    frozenset(provinces), tuple(((e.lat, e.lon), province_of(e)) for e in certain),
                    frozenset(named_in))


def home(documents: Sequence[Evidence], w: Weights | None = None) -> Home | None:
    """An outlet's home: its point (`_point`) and the province the places of most of its documents
    lie in (`_province`); a point outside that province is dropped (a city named in many stories,
    "New York City", is not where a paper of Missouri is read). None when neither is found. A name
    it uses in several documents and places in that province in one of them is its own too (a
    paper of London, Ontario: `Home.own`)."""
    w = w or Weights()
    province = _province(documents)
    found = _point(documents, w)
    if found and province and dict(p for d in documents for p in d.sure_in).get(found[0]) != province:
        found = None
    placed_there = Counter(n for d in documents for n, p in d.named_in if p == province)
    own = frozenset(n for n, k in placed_there.items() if k >= 2)
    if found is None:
        return Home(None, None, own, province) if province else None
    return Home(*found[0], found[1] | own, province)


def _province(documents: Sequence[Evidence]) -> Province | None:
    """The province the most of an outlet's documents name a town, county or the province itself
    in, when that is HOME_DOCUMENTS or more and HOME_SHARE of the documents that name any and no
    other province is named as often (the document-level co-occurrence of a paper's province: an
    agency's places lie in many)."""
    counts = Counter(p for d in documents for p in d.provinces)
    if not counts:
        return None
    best, support = max(sorted(counts.items()), key=lambda kv: kv[1])
    named = sum(bool(d.provinces) for d in documents)
    tied = sum(k == support for k in counts.values()) > 1
    return best if support >= max(HOME_DOCUMENTS, HOME_SHARE * named) and not tied else None


def _point(documents: Sequence[Evidence], w: Weights) -> tuple[Point, frozenset[str]] | None:
    """Of the sure places of an outlet's documents, the one the most documents name a place near
    (within `w.home_km`: a sure place, or a namesake of a name that recurs in two or more of the
    outlet's documents, such as the paper's own town, named in most), when that is HOME_DOCUMENTS
    or more and HOME_SHARE of the documents that name any such place; else None. A name readers
    anywhere know (a country's, a national capital's) is no evidence, but one that recurs and that
    a place near the point bears is the outlet's own (`Home.own`)."""
    counts = Counter(n for d in documents for n in d.names)
    recurring = [n for n, k in counts.items() if k >= 2]
    spots = {n: _local_namesakes(n) for n in recurring}
    owners, points = [], []
    for i, d in enumerate(documents):
        for p in d.sure | {q for n in d.names & spots.keys() for q in spots[n]}:
            owners.append(i)
            points.append(p)
    candidates = {p for d in documents for p in d.sure}
    if not candidates:
        return None
    owner, (lats, lons) = np.array(owners), np.radians(np.array(points)).T
    support = {p: len(set(owner[km_to_many(*p, lats, lons) <= w.home_km])) for p in candidates}
    best = max(sorted(candidates), key=lambda p: support[p])
    enough = max(HOME_DOCUMENTS, HOME_SHARE * len(set(owners)))
    if support[best] < enough:
        return None
    return best, frozenset(n for n in recurring if any(km(*best, *p) <= w.home_km for p in _namesakes(n)))


def _local_namesakes(folded: str) -> tuple[Point, ...]:
    """Where the towns and counties spelt `folded` lie; none for a name that is also a country's,
    a continent's or a national capital's (readers anywhere know those)."""
    return () if _worldwide(folded) else _namesakes(folded)


@lru_cache(maxsize=20_000)
def _namesakes(folded: str) -> tuple[Point, ...]:
    """Where the towns and counties spelt `folded` lie."""
    return tuple((c.place.lat, c.place.lon) for c in lookup(folded, gazetteer(), None)
                 if c.exact and c.place.place_kind in LOCAL)


@lru_cache(maxsize=20_000)
def _worldwide(folded: str) -> bool:
    """Whether a name is also a country's, a continent's or a national capital's."""
    return any(c.exact and (c.place.place_kind in ("country", "continent") or c.capital)
               for c in lookup(folded, gazetteer(), None))


def at_home(entities: Sequence[Entity], mentions: Sequence[Mention], text: str, point: Home,
            kb: KnowledgeBase | None = None, w: Weights | None = None) -> list[Entity]:
    """A document's placed entities read again with its outlet's home: those the resolver, told
    the home, puts nearer it (they lay farther than `w.home_km`), moved there (`homeward`). Only
    where a placed name points changes, never whether it is a place; places from a user's
    knowledge file stay, and places estimated from the text around them are estimated again from
    the moved places (`_estimated_again`)."""
    w = w or Weights()
    placed = [replace(e, kb_id=None) for e in entities
              if e.type in PLACE_TYPES and e.lat is not None and e.lon is not None and e.radius_km is None]
    if not placed:
        return []
    again = {e.id: e for e in locate(placed, mentions, text, kb, home=point)[0]}
    moved = []
    for e in entities:
        new = again.get(e.id)
        if new is None or new.lat is None or (e.kb_id and not e.kb_id.startswith("geonames")):
            continue
        if homeward(point, (e.lat, e.lon), (new.lat, new.lon), w, (province_of(e), province_of(new))):
            moved.append(replace(e, lat=new.lat, lon=new.lon, place_kind=new.place_kind, kb_id=new.kb_id))
    return moved + _estimated_again(entities, moved, mentions, text)


def _estimated_again(entities: Sequence[Entity], moved: Sequence[Entity], mentions: Sequence[Mention],
                     text: str) -> list[Entity]:
    """The estimated places of a document (`estimate_places`: "the Cowan River, 20 km west of X")
    put again from its places as moved: an estimate made beside a namesake far away follows it
    home."""
    if not moved or not any(e.radius_km is not None for e in entities):
        return []
    now = {m.id: m for m in moved}
    current = [now.get(e.id, e) for e in entities]
    cleared = [replace(e, lat=None, lon=None, radius_km=None) if e.radius_km is not None else e for e in current]
    return [new for old, new in zip(current, estimate_places(cleared, mentions, text), strict=True)
            if old.radius_km is not None and new.lat is not None and (new.lat, new.lon) != (old.lat, old.lon)]


def may_move(entities: Iterable[Entity], point: Home, w: Weights | None = None) -> bool:
    """Whether a document has a placed name that lies away from the home (farther than
    `w.home_km` from its point and outside its province) and has a namesake near it (within
    `w.home_km` of the point, or in the province): only such a document need be read again
    (`at_home`)."""
    w = w or Weights()

    def near(lat: float, lon: float, province: Province | None) -> bool:
        if point.lat is not None and point.lon is not None and km(lat, lon, point.lat, point.lon) <= w.home_km:
            return True
        return point.province is not None and province == point.province

    return any(not near(e.lat, e.lon, province_of(e))
               and any(near(lat, lon, (cc, a1)) for n in (e.name, *e.aliases) for lat, lon, cc, a1 in _spots(n))
               for e in entities if e.type in PLACE_TYPES and e.lat is not None and e.lon is not None)


@lru_cache(maxsize=20_000)
def _spots(name: str) -> tuple[tuple[float, float, str, str], ...]:
    """Where the gazetteer's places a name may be lie, and their provinces."""
    return tuple((c.place.lat, c.place.lon, c.place.country or "", c.place.admin1 or "")
                 for c in lookup(name, gazetteer(), None) if c.place.lat is not None and c.place.lon is not None)


def province_of(e: Entity) -> Province | None:
    """The province a placed entity lies in: that of the gazetteer's place its names name at its point."""
    for n in (e.name, *e.aliases):
        for lat, lon, cc, a1 in _spots(n):
            if cc and a1 and abs(lat - e.lat) < 1e-4 and abs(lon - e.lon) < 1e-4:
                return cc, a1
    return None


def homeward(point: Home, old: Point, new: Point, w: Weights | None = None,
             provinces: tuple[Province | None, Province | None] = (None, None)) -> bool:
    """Whether reading a name with its outlet's home moved it home: from farther than `w.home_km`
    to a spot nearer the home's point, or from outside its province (`provinces`: old, new) into
    it; a change the home did not cause is not taken."""
    if point.lat is not None and point.lon is not None:
        far = km(*old, point.lat, point.lon)
        if far <= (w or Weights()).home_km:
            return False
        if km(*new, point.lat, point.lon) < far:
            return True
    return point.province is not None and provinces[1] == point.province != provinces[0]
