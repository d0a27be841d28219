"""A document's entities on the map: each place entity takes the place its names resolve to, read
with the story's other places; names the model typed otherwise are placed when the story or the
gazetteer leaves little doubt that they name places."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rashomon.errors import PLACE_NOT_FOUND
from rashomon.extract.entities import is_vessel, organisation_word
from rashomon.extract.places.distance import SAME_PLACE_KM, km
from rashomon.extract.places.geonames import gazetteer
from rashomon.extract.places.lookup import NOTABLE_TOWN, big_place, held, notable
from rashomon.extract.places.model import DIVISIONS, SETTLEMENTS, Home, Place, Toponym
from rashomon.extract.places.reading import container, owner_before
from rashomon.extract.places.resolution import resolve_places
from rashomon.extract.places.rules import rules
from rashomon.extract.places.within import datelines, english
from rashomon.kb import KnowledgeBase
from rashomon.records import PLACE_TYPES, Entity, Mention

# how far from the story's other places a name the model did not type as a place may lie and
# still be read as one ("Morvan" tagged as a person in a story about western Varnia)
STORY_RADIUS_KM = 400
# people in a town for its name to be read as the town when the model took it for a person's
PERSON_AS_PLACE = 100_000
# people in a town for it to be meant by any of its names, whatever the story ("Bombay", "Peking")
WORLD_CITY = 1_000_000
# the kinds of place an adjective names ("Tolarian", "Nebraskans", "African"; lookup.demonym)
_ADJECTIVE_KINDS = ("country", "admin1", "continent")


def locate(
    entities: Sequence[Entity], mentions: Sequence[Mention], text: str, kb: KnowledgeBase | None = None,
    home: Home | None = None,
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Put a document's place entities (GPE, LOC, FAC) on the map.

    All place mentions are resolved together, so each is read in the light of the others.
    An entity takes the place of its most frequent resolved name (see `_chosen`). Returns the entities
    with `lat`, `lon`, `place_kind` and `kb_id` filled where found (others unchanged), and
    the reason code for each place entity left unresolved (entity id -> R102 or R103). `home` is
    where the document's outlet is read (see `homes`): namesakes near it are likelier.
    """
    places_of = {e.id for e in entities if e.type in PLACE_TYPES and not _known_otherwise(e, kb)
                 and not _kind_word(e)}
    own = [m for m in mentions if m.key in places_of and not _fragment(text, m)]
    toponyms = [Toponym(m.text, m.start, m.end) for m in own]
    places = _near_the_story(_inside_containers(resolve_places(toponyms, text, kb, home=home), toponyms, text))
    places = _at_owners(places, toponyms, text)
    counts: dict[str, dict[str, int]] = {}
    for m in own:
        counts.setdefault(m.key, {}).setdefault(m.text, 0)
        counts[m.key][m.text] += 1
    out, reasons = [], {}
    for entity in entities:
        if entity.id not in places_of:
            out.append(entity)
            continue
        names = sorted(counts.get(entity.id, {}).items(), key=lambda kv: -kv[1])
        if not any(places[n].resolved for n, _ in names):
            unresolved = [places[n] for n, _ in names]
            reasons[entity.id] = unresolved[0].reason if unresolved else PLACE_NOT_FOUND
            out.append(entity)
            continue
        place = _chosen([(n, places[n]) for n, _ in names if places[n].resolved])
        out.append(
            replace(
                entity,
                lat=place.lat,
                lon=place.lon,
                place_kind=place.place_kind,
                kb_id=entity.kb_id or place.ref,
            )
        )
    return tuple(out), reasons


def _fragment(text: str, m: Mention) -> bool:
    """Whether a mention is the end of a longer name that a particle joins to the word before it
    ("Sur" of "Lanao del Sur", "Janeiro" of "Rio de Janeiro"; `name_particles` of
    places.yaml): no place of its own."""
    before = re.search(r"[A-Z][\w'’-]*[ \t]+(\w+)[ \t]+$", text[max(0, m.start - 40):m.start])
    return bool(before) and before.group(1) in rules().name_particles


def _inside_containers(places: dict[str, Place], toponyms: Sequence[Toponym], text: str) -> dict[str, Place]:
    """The places, but a town that the text says lies in a country or a province ("Zirak, a
    village in Kandahar Province", "Zirak is located in Afghanistan") and that resolved to a
    namesake outside it is left unresolved (a village the gazetteer lacks, then put where its text
    says), not put in another country."""
    out = dict(places)
    for toponym in toponyms:
        place, held_in = out[toponym.text], container(toponym, text, gazetteer())
        if held_in is None or not place.resolved or place.place_kind not in SETTLEMENTS:
            continue
        if place.country != held_in[0] or (held_in[1] and place.admin1 and place.admin1 != held_in[1]):
            out[toponym.text] = Place(name=place.name, reason=PLACE_NOT_FOUND)
    return out


def _at_owners(places: dict[str, Place], toponyms: Sequence[Toponym], text: str) -> dict[str, Place]:
    """The places, but one named after a town's possessive ("Toronto's Pearson International
    Airport", "London's Heathrow") that resolved to a namesake SAME_PLACE_KM or more from that town
    is left unresolved, then put at the town (`estimate`): the text says whose it is."""
    out = dict(places)
    ends = {t.end: places[t.text] for t in toponyms}
    for t in toponyms:
        place = out[t.text]
        if not place.resolved or not owner_before(text, t.start):
            continue
        owner = ends.get(t.start - 3 if text[t.start - 3:t.start - 1] in ("'s", "’s") else t.start - 2)
        if owner is not None and owner.resolved and owner.place_kind in SETTLEMENTS and owner is not place and (
                km(place.lat, place.lon, owner.lat, owner.lon) >= SAME_PLACE_KM):
            out[t.text] = Place(name=place.name, reason=PLACE_NOT_FOUND)
    return out


def _near_the_story(places: dict[str, Place]) -> dict[str, Place]:
    """The places, but a town found only by another of its names or a spelling alike ("Chatila" a
    village in Romania, "Baddawi" one in Turkey), that lies in none of the countries of the
    story's other places and farther than STORY_RADIUS_KM from all of them, is left unresolved
    (then put where its text says): a name spelt so is the story's own place the gazetteer lacks.
    Not a capital or a city of a million ("Kiev", "Bombay"), known by its other names anywhere."""
    gaz, out = gazetteer(), dict(places)
    for name, place in places.items():
        others = [p for n, p in places.items() if n != name and p.resolved]
        if not place.resolved or place.place_kind not in SETTLEMENTS or not others or held(name):
            continue
        if place.country in {p.country for p in others} or any(
                km(place.lat, place.lon, p.lat, p.lon) <= STORY_RADIUS_KM for p in others):
            continue
        rows = [r for r in set().union(*gaz.find(name)) if gaz.columns["gid"][r] == place.geonames_id]
        if not any(gaz.columns["capital"][r] or gaz.columns["pop"][r] >= WORLD_CITY for r in rows):
            out[name] = Place(name=place.name, reason=PLACE_NOT_FOUND)
    return out


def _chosen(found: list[tuple[str, Place]]) -> Place:
    """The place of an entity's most frequent resolved name; but a name that says which kind of
    division it is ("DeKalb County") outweighs a bare one ("DeKalb") resolved to a place
    SAME_PLACE_KM or more away from it: the county named so is not a namesake town elsewhere."""
    kinds = rules().features
    for name, place in found[1:]:
        said = kinds.get(name.split()[-1].lower()) in DIVISIONS and place.place_kind in DIVISIONS
        if said and km(place.lat, place.lon, found[0][1].lat, found[0][1].lon) >= SAME_PLACE_KM:
            return place
    return found[0][1]


def locate_entities(entities: Sequence[Entity], mentions: Sequence[Mention], text: str,
                    kb: KnowledgeBase | None = None) -> tuple[list[Entity], dict[str, str]]:
    """Places on the map: the entities typed as places (see `locate`); then names typed otherwise
    that the gazetteer places within STORY_RADIUS_KM of the story's places or holds as notable
    places ("Edmonton" taken for a team, "Sri Lanka" for a person), or that a dateline names
    ("HARTFORD —" taken for an organisation); and country adjectives
    ("Russian"), which stay adjectives but point at their country, as geoparsing corpora count
    them. Returns every entity, and the reason code of each place entity left off the map."""
    placed, unplaced = locate(entities, mentions, text, kb)
    anchors = [(e.lat, e.lon) for e in placed if e.lat is not None and e.place_kind not in ("country", "continent")]
    # a ship ("USS Kestrel", and "the Kestrel" after it) is no town, whatever the gazetteer holds
    ships = {n.split()[-1].lower() for e in placed for n in (e.name, *e.aliases) if is_vessel(n)}
    filed = set(datelines(text))  # "HARTFORD —" taken for an organisation is where the report was filed
    at_dateline = {m.key for m in mentions if (m.start, m.end) in filed}
    typed = {e.id: e.type for e in placed if e.type in ("PERSON", "ORG", "NORP")
             and (e.id in at_dateline or not e.name.isupper()) and not _known_otherwise(e, kb)
             and not any(is_vessel(n) or n.lower() in ships for n in (e.name, *e.aliases))}
    others = [replace(e, type="GPE") for e in placed if e.id in typed]
    if not others:
        return list(placed), unplaced

    cued = {m.key for m in mentions if m.key in typed and _after_place_cue(text, m)}
    words = english("noun") | english("adj") | english("verb")

    def fits(e: Entity) -> bool:
        if e.lat is None or e.id in at_dateline:
            return e.lat is not None
        near = bool(anchors) and min(km(e.lat, e.lon, a, b) for a, b in anchors) <= STORY_RADIUS_KM
        if typed[e.id] == "PERSON" and e.id in cued and held(e.name) and e.name.lower() not in words:
            return True  # "the town of Oglesby", "raised in Oglesby": a town by that very name
        if typed[e.id] == "PERSON" and " " in e.name:
            # "Goose Creek", and a village of that very name amid the story's places ("Valley
            # Mills"); but "Brad Slater" is not Slater, Iowa
            return notable(e.name) or (near and held(e.name))
        if near:
            return True
        if typed[e.id] == "NORP":
            return e.place_kind in _ADJECTIVE_KINDS
        # a surname alone may be a town's name ("Clinton"): only a city is read as one, by its own
        # name (a first name may be a city's name in another language)
        person = typed[e.id] == "PERSON"
        return notable(e.name, population=PERSON_AS_PLACE if person else NOTABLE_TOWN, as_named=person)

    def adjective(e: Entity) -> bool:
        return typed[e.id] == "NORP" and e.place_kind in _ADJECTIVE_KINDS

    story = [e for e in placed if e.type in PLACE_TYPES]  # read with the story's other places
    found = {e.id: replace(e, type="NORP") if adjective(e) else e
             for e in locate([*story, *others], mentions, text, kb)[0] if e.id in typed and fits(e)}
    return [found.get(e.id, e) for e in placed], unplaced


def _kind_word(e: Entity) -> bool:
    """Whether an entity is named only by a word that says what kind of thing a name names ("the
    Army's Parachute Regiment", "the Mission"; `features`, `name_heads` of places.yaml and the
    organisation words of entities.yaml), which no country or big town bears: a common word
    written with a capital, not a town of that name ("Canton" may be the town: a division's word)."""
    kinds = rules().features
    return all(" " not in n and (kinds.get(n.lower(), "town") not in (*DIVISIONS, *SETTLEMENTS)
                                 or n.lower() in rules().name_heads or organisation_word(n))
               and not big_place(n) for n in (e.name, *e.aliases))


def _known_otherwise(e: Entity, kb: KnowledgeBase | None) -> bool:
    """Whether the knowledge file knows an entity by one of its names as something that is no place
    (a party, an armed group), whatever the model typed it: "Hamas" in a list of belligerents is
    no town's other name."""
    return kb is not None and any(k.type not in PLACE_TYPES and k.lat is None
                                  for n in (e.name, *e.aliases) for k in kb.candidates(n))


def _after_place_cue(text: str, m: Mention) -> bool:
    """Whether the words right before a mention say that it names a place ("in X", "the town of
    X"; `person_cues` of places.yaml), and no possessive follows ("in Smith's view")."""
    if text[m.end : m.end + 2] in ("'s", "’s"):
        return False
    before = text[max(0, m.start - 24) : m.start].lower().split()
    return bool(before) and (before[-1] in rules().person_cues or " ".join(before[-2:]) in rules().person_cues)
