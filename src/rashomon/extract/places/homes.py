"""Where an outlet's readers live, from the places its own documents name, and the namesakes near
there that its ambiguous names mean (the "local lexicon" of Lieberman, Samet and
Sankaranarayanan, ICDE 2010).

A local paper names its own towns without their state: "Columbus" in a Nebraska paper is Columbus,
Nebraska, though a story that names nothing else near it reads as Columbus, Ohio. Across several of
one outlet's documents, the places named with no doubt (a name that every place the gazetteer
holds by it lies close together: "Rapides Parish", "Cottonport") cluster where its readers live:
that point is the outlet's home (`home`), and a name in its documents prefers a namesake within
`Weights.home_km` of it (`at_home`). An outlet whose sure places lie scattered (a national paper,
an agency) has no home, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from rashomon.extract.places.distance import km
from rashomon.extract.places.geonames import gazetteer
from rashomon.extract.places.lookup import lookup
from rashomon.extract.places.model import SETTLEMENTS, Home
from rashomon.extract.places.resolution import Weights
from rashomon.extract.places.story import locate
from rashomon.kb import KnowledgeBase
from rashomon.records import PLACE_TYPES, Entity, Mention

Point = tuple[float, float]

LOCAL = (*SETTLEMENTS, "admin2")  # the kinds of place that say where a story is, to the town
SURE_KM = 100  # every place of a sure name lies this close to the one picked
HOME_DOCUMENTS = 2  # an outlet's home needs sure places near it in this many of its documents,
HOME_SHARE = 0.5  # and in this share of those with sure places (a national paper's lie scattered)


def sure(name: str, lat: float, lon: float, place_kind: str | None) -> bool:
    """Whether a placed name leaves no doubt where it is: a town or county every place the
    gazetteer holds by that name lies within SURE_KM of."""
    if place_kind not in LOCAL:
        return False
    found = [c.place for c in lookup(name, gazetteer(), None) if c.exact and c.place.place_kind in LOCAL]
    return bool(found) and all(km(p.lat, p.lon, lat, lon) <= SURE_KM for p in found)


def home(documents: Sequence[Iterable[Point]], w: Weights | None = None) -> Home | None:
    """An outlet's home: of the sure places of its documents (one iterable of points each), the
    one with sure places of the most documents within `w.home_km`, when that is HOME_DOCUMENTS
    or more and HOME_SHARE of the documents with sure places; else None."""
    w = w or Weights()
    points = [(i, p) for i, ps in enumerate(documents) for p in set(ps)]
    best, support = None, 0
    for _, p in points:
        near = len({i for i, q in points if km(p[0], p[1], q[0], q[1]) <= w.home_km})
        if near > support:
            best, support = p, near
    with_points = len({i for i, _ in points})
    return Home(*best) if best is not None and support >= max(HOME_DOCUMENTS, HOME_SHARE * with_points) else None


def sure_points(entities: Iterable[Entity]) -> set[Point]:
    """The points of a document's places that leave no doubt where they are (see `sure`)."""
    return {(e.lat, e.lon) for e in entities
            if e.type in PLACE_TYPES and e.lat is not None and e.lon is not None and e.radius_km is None
            and sure(e.name, e.lat, e.lon, e.place_kind)}


def at_home(entities: Sequence[Entity], mentions: Sequence[Mention], text: str, point: Home,
            kb: KnowledgeBase | None = None, w: Weights | None = None) -> list[Entity]:
    """A document's placed entities read again with its outlet's home: those the resolver, told
    the home, puts nearer it (they lay farther than `w.home_km`), moved there (`homeward`). Only
    where a placed name points changes, never whether it is a place; places from a user's
    knowledge file and places estimated from their text stay."""
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
        if homeward(point, (e.lat, e.lon), (new.lat, new.lon), w):
            moved.append(replace(e, lat=new.lat, lon=new.lon, place_kind=new.place_kind, kb_id=new.kb_id))
    return moved


def may_move(entities: Iterable[Entity], point: Home, w: Weights | None = None) -> bool:
    """Whether a document has a placed name that lies farther than `w.home_km` from the home
    and has a namesake within it: only such a document need be read again (`at_home`)."""
    w = w or Weights()
    return any(km(e.lat, e.lon, point.lat, point.lon) > w.home_km
               and any(km(lat, lon, point.lat, point.lon) <= w.home_km for n in (e.name, *e.aliases)
                       for lat, lon in _spots(n))
               for e in entities if e.type in PLACE_TYPES and e.lat is not None and e.lon is not None)


@lru_cache(maxsize=20_000)
def _spots(name: str) -> tuple[Point, ...]:
    """Where the gazetteer's places a name may be lie."""
    return tuple((c.place.lat, c.place.lon) for c in lookup(name, gazetteer(), None)
                 if c.place.lat is not None and c.place.lon is not None)


def homeward(point: Home, old: tuple[float, float], new: tuple[float, float], w: Weights | None = None) -> bool:
    """Whether reading a name with its outlet's home moved it home: from farther than `w.home_km`
    to a spot nearer the home (a change the home did not cause is not taken)."""
    far = km(*old, point.lat, point.lon)
    return far > (w or Weights()).home_km and km(*new, point.lat, point.lon) < far
