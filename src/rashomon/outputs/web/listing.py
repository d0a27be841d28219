"""Lists the pages show a slice of: which slice (`Paging`), records as template dicts, the entity list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rashomon.records import Entity
from rashomon.store.browse import Reach

# the entity list's kinds, by entity type
ENTITY_KINDS = {"people": ("PERSON",), "groups": ("ORG", "NORP"), "places": ("GPE", "LOC", "FAC"),
                "events": ("EVENT",), "other": ("LAW", "WORK", "WORK_OF_ART", "PRODUCT")}


@dataclass(frozen=True)
class Paging:
    """Which slice of a long list a page shows."""

    page: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def paging(page: int, size: int, total: int) -> Paging:
    """The slice of `size` items on page `page` (kept within the pages there are)."""
    pages = max(1, -(-total // size))
    return Paging(min(max(1, page), pages), size, total)


def plain(record: object) -> dict:
    """A record (a frozen dataclass) as the dict the templates read, without copying deeply."""
    return dict(vars(record))


def entity_rows(entities: Iterable[Entity], reach: dict[str, Reach], about: Counter) -> list[dict]:
    """Entities as the entity list shows them: with the documents that name them, their mentions
    and the findings about them, the most named first, then by name."""
    rows = []
    for e in entities:
        seen = reach.get(e.id) or Reach(0, 0)
        rows.append({"id": e.id, "name": e.name, "type": e.type, "kb_id": e.kb_id, "lat": e.lat, "lon": e.lon,
                     "place_kind": e.place_kind, "unresolved": e.unresolved, "documents": seen.documents,
                     "mentions": seen.mentions, "findings": about.get(e.id, 0)})
    return sorted(rows, key=lambda e: (-e["documents"], -e["mentions"], e["name"].casefold(), e["id"]))
