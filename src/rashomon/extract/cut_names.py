"""Names the model cut short, ran into a people's adjective or typed against their own words: "the
Varnian Operation Dalir 7" tagged only up to "Operation" is the operation "Operation Dalir 7" of
Varnia's side; "Korrin Forest" taken for an organisation is a place."""

from __future__ import annotations

import re
from functools import cache

from rashomon.data import load


@cache
def peoples() -> frozenset[str]:
    """The adjectives of nationality (data/demonyms.yaml)."""
    return frozenset(load("demonyms.yaml"))


def operation_cut(text: str, start: int, end: int, openers: frozenset[str]) -> tuple[int, int] | None:
    """"the Varnian Operation Dalir 7" tagged only up to "Operation" (one of `openers`, data/
    entities.yaml `event_openers`): the operation's whole name, without the words before it (its
    side's), or None for a name that is not cut so."""
    words = text[start:end].split()
    if len(words) < 2 or words[-1].lower() not in openers:
        return None
    rest = re.match(r"[ \t]+[A-Z0-9][\w’'-]*(?:[ \t]+(?:[A-Z][\w’'-]*|\d+\b))*", text[end:end + 60])
    return (end - len(words[-1]), end + rest.end()) if rest else None


@cache
def _natural_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("entities.yaml")["natural_place_words"])


def natural_place(name: str) -> bool:
    """Whether a name of two words or more ends in a word of a natural place ("Korrin Forest",
    "Lake Varzan Khan" does not; data/entities.yaml `natural_place_words`)."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in _natural_words()


@cache
def _ordinals() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("entities.yaml")["event_names"]["ordinals"])


def titles_only(name: str, titles: frozenset[str]) -> bool:
    """Whether a name is only ranks and titles, perhaps with an ordinal ("First Lieutenant",
    "Major-General"): no one's name (data/entities.yaml `titles`)."""
    words = [w.strip(".") for w in re.split(r"[\s-]+", name.lower()) if w]
    return bool(words) and all(w in titles or w in _ordinals() for w in words)


def counted_thing(text: str, start: int, surface: str) -> bool:
    """Whether a name the model found is a counted noun after its number, capitalised in a table or
    a heading ("200 Tanks destroyed", "12 Soldiers"): what was counted, no one's name."""
    from rashomon.extract.claims.words import listed  # the claims' word lists; their package reads names

    number = re.match(r"\d[\d,.]*[ \t]+", surface)
    word = surface[number.end():] if number else surface
    return " " not in word and bool(number or re.search(r"\d[\d,.]*[ \t]+$", text[max(0, start - 12):start])) and (
        listed(word))
