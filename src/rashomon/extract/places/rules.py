"""The places stage's knowledge, from data/places.yaml (feature words, cue words, country and
province aliases, demonyms), and the one way names are compared: folded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rashomon.data import load
from rashomon.names import unaccented


@dataclass(frozen=True)
class Rules:
    features: dict[str, str]
    before_of: frozenset[str]
    name_links: frozenset[str]
    opening_features: frozenset[str]
    one_spot: dict[str, str]
    parts: frozenset[str]
    country_aliases: dict[str, tuple[str, ...]]
    cues: frozenset[str]
    admin1_aliases: dict[tuple[str, str], tuple[str, ...]]
    demonym_endings: tuple[tuple[str, str], ...]
    demonyms: dict[str, str]


@cache
def rules() -> Rules:
    raw = load("places.yaml")
    return Rules(
        features={str(k).lower(): str(v) for k, v in raw["features"].items()},
        before_of=frozenset(raw["before_of"]),
        name_links=frozenset(raw["name_links"]),
        opening_features=frozenset(raw["opening_features"]),
        one_spot={str(kind): str(group[0]) for group in raw["one_spot"] for kind in group},
        parts=frozenset(raw["parts"]),
        country_aliases={cc: tuple(v) for cc, v in raw["country_aliases"].items()},
        cues=frozenset(raw["cues"]),
        admin1_aliases={tuple(k.split(".", 1)): tuple(v) for k, v in raw["admin1_aliases"].items()},
        demonym_endings=tuple((a, b) for a, b in raw["demonym_endings"]),
        demonyms={fold(k): v for k, v in raw["demonyms"].items()},
    )


def fold(name: str) -> str:
    """A name as the gazetteer's exact index holds it: no accents, case folded, one kind of
    apostrophe, single spaces."""
    return " ".join(unaccented(name).casefold().replace("’", "'").split())
