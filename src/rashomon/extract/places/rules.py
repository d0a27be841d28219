"""The places stage's knowledge, from data/places.yaml (feature words, cue words, country and
province aliases, demonyms), and the one way names are compared: folded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rashomon.data import load
from rashomon.names import unaccented


@dataclass(frozen=True)
class Rules:
    features: dict[str, str]
    plurals: dict[str, str]
    before_of: frozenset[str]
    name_links: frozenset[str]
    opening_features: frozenset[str]
    one_spot: dict[str, str]
    parts: frozenset[str]
    country_aliases: dict[str, tuple[str, ...]]
    historic_states: dict[str, tuple[tuple[str, ...], ...]]  # country code -> the names of each state
    cues: frozenset[str]
    institution_words: frozenset[str]
    country_cues: dict[str, tuple[re.Pattern, ...]]  # each cue of a country, compiled
    admin1_aliases: dict[tuple[str, str], tuple[str, ...]]
    division_words: tuple[str, ...]  # longest first
    demonym_endings: tuple[tuple[str, str], ...]
    demonyms: dict[str, str]
    era_adjectives: frozenset[str]
    name_abbreviations: dict[str, str]
    person_cues: frozenset[str]
    name_heads: frozenset[str]
    name_particles: frozenset[str]
    polity_words: frozenset[str]
    town_offices: frozenset[str]


@cache
def rules() -> Rules:
    raw = load("places.yaml")
    return Rules(
        features={str(k).lower(): str(v) for k, v in raw["features"].items()},
        plurals={str(k).lower(): str(v).lower() for k, v in raw["plurals"].items()},
        before_of=frozenset(raw["before_of"]),
        name_links=frozenset(raw["name_links"]),
        opening_features=frozenset(raw["opening_features"]),
        one_spot={str(kind): str(group[0]) for group in raw["one_spot"] for kind in group},
        parts=frozenset(raw["parts"]),
        country_aliases={cc: tuple(v) for cc, v in raw["country_aliases"].items()},
        historic_states={cc: tuple(tuple(names) for names in v) for cc, v in raw["historic_states"].items()},
        cues=frozenset(raw["cues"]),
        institution_words=frozenset(raw["institution_words"]),
        country_cues={cc: tuple(_cue(w) for w in words) for cc, words in raw["country_cues"].items()},
        admin1_aliases={tuple(k.split(".", 1)): tuple(v) for k, v in raw["admin1_aliases"].items()},
        division_words=tuple(sorted(raw["division_words"], key=lambda w: -len(w))),
        demonym_endings=tuple((a, b) for a, b in raw["demonym_endings"]),
        demonyms={fold(k): v for k, v in raw["demonyms"].items()},
        era_adjectives=frozenset(raw["era_adjectives"]),
        name_abbreviations={str(k): str(v) for k, v in raw["name_abbreviations"].items()},
        person_cues=frozenset(raw["person_cues"]),
        name_heads=frozenset(raw["name_heads"]),
        name_particles=frozenset(raw["name_particles"]),
        polity_words=frozenset(raw["polity_words"]),
        town_offices=frozenset(raw["town_offices"]),
    )


def _cue(phrase: str) -> re.Pattern:
    """A cue phrase as a pattern: whole words, any case when written in lower case."""
    flags = 0 if any(ch.isupper() for ch in phrase) else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", flags)


def cued_countries(text: str, least: int = 1) -> set[str]:
    """The country whose cues (`country_cues`) a text has `least` or more of, distinct, and more
    than any other country's: none, or one ("the county road", "sheriff's deputies": US)."""
    counts = {cc: sum(bool(p.search(text)) for p in cues) for cc, cues in rules().country_cues.items()}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= least and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return {ranked[0][0]}
    return set()


def fold(name: str) -> str:
    """A name as the gazetteer's exact index holds it: no accents, case folded, one kind of
    apostrophe, single spaces."""
    return " ".join(unaccented(name).casefold().replace("’", "'").split())


def division_short_name(name: str) -> str | None:
    """A division's name without the words that say its kind ("Anhui Sheng" -> "Anhui",
    "Muhafazat Dimashq" -> "Dimashq"); None when it has none, or when what is left would be a
    bare part word or too short to be a name ("Northern Province")."""
    words = name.split()
    for phrase in rules().division_words:
        size = len(phrase.split())
        if len(words) <= size:
            continue
        if fold(" ".join(words[-size:])) == phrase:
            rest = " ".join(words[:-size])
        elif fold(" ".join(words[:size])) == phrase:
            rest = " ".join(words[size:])
        else:
            continue
        return rest if len(rest) >= 4 and fold(rest) not in rules().parts else None
    return None
