"""What the places stage reads and returns: toponyms in a text, the places they point at, and the
kinds of place the gazetteer knows."""

from __future__ import annotations

from dataclasses import dataclass

DIVISIONS = ("admin2", "admin1", "country")
SETTLEMENTS = ("city", "town", "village")
PART = "part"  # the kind of a name that names part of a place ("Northeast Georgia")


@dataclass(frozen=True)
class Toponym:
    """A place name in a document: `text == document_text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    """Where a toponym points. Unresolved: lat/lon None and `reason` a code from REASONS."""

    name: str
    lat: float | None = None
    lon: float | None = None
    place_kind: str | None = None
    geonames_id: int | None = None
    country: str | None = None
    admin1: str | None = None
    kb_id: str | None = None
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def ref(self) -> str | None:
        """The id to export as `kb_id`: the knowledge file's, else `geonames:<id>`; a division the
        gazetteer holds without an id by its GeoNames code (`geonames-admin1:CA.01`, and
        `geonames-admin2:US.GA.Henry County`), and a state that is no more by its country's code and
        name (`historic:DE.East Germany`), so that two places of one name stay two entities."""
        if self.kb_id or self.geonames_id:
            return self.kb_id or f"geonames:{self.geonames_id}"
        if self.place_kind == "country" and self.country:
            return f"historic:{self.country}.{self.name}"
        if self.place_kind == "admin1" and self.country:
            return f"geonames-admin1:{self.country}.{self.admin1}"
        if self.place_kind == "admin2" and self.country:
            return f"geonames-admin2:{self.country}.{self.admin1}.{self.name}"
        return None


@dataclass(frozen=True)
class Home:
    """Where an outlet's readers live (see `homes`): a point (None when its sure places give
    none), the province its documents' places lie in (country code, first-level division code;
    None when they lie in several), and its own names: names it uses in several documents that a
    place near there bears (folded), read near there even when readers anywhere know a namesake
    (a paper of Amsterdam, New York, names its "Amsterdam" again and again)."""

    lat: float | None
    lon: float | None
    own: frozenset[str] = frozenset()
    province: tuple[str, str] | None = None
