"""The knowledge file: known entities with their aliases, loaded from the shipped default
plus the user's own files (`--kb FILE`).

A user extends it for their topic (a pass the gazetteer lacks, a group's other names)
without touching Python. Aliases the tool learns from a corpus are reported to the user,
never written back here. The format is described at the top of `data/kb.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rashomon import data
from rashomon.errors import INVALID_KNOWLEDGE_FILE, RashomonError
from rashomon.names import name_key
from rashomon.records import GROUP_TYPES, PLACE_TYPES

_FAMILIES = (PLACE_TYPES, GROUP_TYPES)


@dataclass(frozen=True)
class KbEntity:
    """One known entity. `lat`/`lon`/`place_kind` are set for places only."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_kind: str | None = None
    country: str | None = None
    seat: str | None = None  # the town a body sits in, as the gazetteer names it ("New York City")
    source: str = "default"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def kb_id(self) -> str:
        """The id the export shows: the Wikidata id when known, else `kb:` plus the local id."""
        return self.wikidata or f"kb:{self.id}"


def _same_family(a: str, b: str) -> bool:
    return a == b or any(a in fam and b in fam for fam in _FAMILIES)


class KnowledgeBase:
    """Known entities, found by any of their names through the transliteration-aware key."""

    def __init__(self, entities: Iterable[KbEntity]):
        by_id: dict[str, KbEntity] = {}
        for entity in entities:  # a later file overrides an earlier entry with the same id
            by_id[entity.id] = entity
        self.entities: tuple[KbEntity, ...] = tuple(by_id.values())
        self._by_id = by_id
        self._by_key: dict[str, list[KbEntity]] = {}
        for entity in reversed(self.entities):  # user files first: they win ties
            for name in entity.names:
                for key in {name_key(name), name_key(name, entity.type)}:
                    bucket = self._by_key.setdefault(key, [])
                    if entity not in bucket:
                        bucket.append(entity)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> KbEntity | None:
        return self._by_id.get(entity_id)

    def candidates(self, name: str, type: str | None = None) -> list[KbEntity]:
        """Every entity one of whose names has the same key as `name` and, if `type` is given,
        a compatible type (GPE, LOC and FAC are one family; ORG and NORP another)."""
        found = self._by_key.get(name_key(name, type), [])
        return [e for e in found if type is None or _same_family(e.type, type)]

    def lookup(self, name: str, type: str | None = None) -> KbEntity | None:
        """The one entity `name` names, or None when none does or several do equally well.

        Among several candidates, one that lists `name` verbatim (ignoring case) wins, and
        so does one from a user file over the default.
        """
        found = self.candidates(name, type)
        if len(found) > 1:
            verbatim = [e for e in found if name.casefold() in (n.casefold() for n in e.names)]
            found = verbatim or found
        if len(found) > 1:
            user = [e for e in found if e.source != "default"]
            found = user if len(user) == 1 else found
        return found[0] if len(found) == 1 else None

    def places(self) -> list[KbEntity]:
        return [e for e in self.entities if e.lat is not None and e.lon is not None]


def _entity(raw: dict, source: str) -> KbEntity:
    lat, lon = raw.get("lat"), raw.get("lon")
    return KbEntity(
        id=str(raw["id"]),
        type=str(raw["type"]).upper(),
        name=str(raw["name"]),
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        wikidata=str(raw["wikidata"]) if raw.get("wikidata") else None,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        place_kind=str(raw["place_kind"]) if raw.get("place_kind") else None,
        country=str(raw["country"]).upper() if raw.get("country") else None,
        seat=str(raw["seat"]) if raw.get("seat") else None,
        source=source,
    )


@cache
def _default() -> tuple[KbEntity, ...]:
    return tuple(_entity(raw, "default") for raw in data.load("kb.yaml").get("entities") or ())


def load_kb(paths: Sequence[Path] = (), *, default: bool = True) -> KnowledgeBase:
    """The shipped knowledge file (unless `default=False`) plus the user's files, in order;
    an entry with the id of an earlier one replaces it. A file that cannot be read, or does not
    fit the format of data/kb.yaml, raises RashomonError R101 naming the file, the entry's key
    and what is wrong ("mine.yaml: entities[2].lat: expected a number, got text 'north'")."""
    entities = list(_default()) if default else []
    for path in paths:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeError) as err:
            raise RashomonError(INVALID_KNOWLEDGE_FILE, f"{path}: {getattr(err, 'strerror', None) or err}") from err
        found = data.parse(text, "kb.yaml", str(path), code=INVALID_KNOWLEDGE_FILE)  # data/schemas.py: KB
        entities.extend(_entity(raw, str(path)) for raw in found.get("entities") or ())
    return KnowledgeBase(entities)
