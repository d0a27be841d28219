"""Facilities named after a town or a person, which the model cut in two: "Bandar Golzar" (taken
for a place or a person) then "International Airport" (a facility). Left so, every "X
International Airport" of a collection is one "International Airport", and airports hundreds of
km apart become one thing; joined, the facility has its own name and is put at its town
(places.estimate). The words live in data/places.yaml (`estimates.at_namesake`,
`estimates.facility_qualifiers`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from itertools import pairwise
from typing import TypeVar

from rashomon.data import load
from rashomon.records import PLACE_TYPES

C = TypeVar("C")
NAMESAKES = frozenset({*PLACE_TYPES, "PERSON"})  # a town's or a person's name ("John F. Kennedy Airport")


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = load("places.yaml")["estimates"]
    return frozenset(data["at_namesake"]), frozenset(data["facility_qualifiers"])


def named_after_places(text: str, found: list[C], make: Callable[[int, int, str], C]) -> list[C]:
    """The candidates with each facility named only by its kind ("International Airport", "Air
    Base") right after a town's or a person's name, one space between, joined to that name as one
    facility; a place's name stays a mention inside it (places.within)."""
    heads, qualifiers = _words()
    spans = sorted(found, key=lambda c: c.start)
    out, joined = [], set()
    for named, facility in pairwise(spans):
        words = text[facility.start:facility.end].split()
        if (named.type in NAMESAKES and facility.type in ("FAC", "ORG")
                and re.fullmatch(r"[ \t]", text[named.end:facility.start]) and words
                and words[-1].lower() in heads and all(w.lower() in qualifiers for w in words[:-1])
                and all(w[:1].isupper() for w in words)):
            out.append(make(named.start, facility.end, "FAC"))
            joined.update((id(named), id(facility)))
    return [c for c in found if id(c) not in joined] + out
