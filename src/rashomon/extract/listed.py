"""Listed places: the names a text lists after "the cities of", "the villages of" ("liberated the
cities of Tavra and Mirzaq", "took the towns of Gorazde, Zepa and Vlasenica") are places, whatever
the model took them for (an organisation, a person, a title) or when it found none, so that they
are placed and meet the same places in other accounts. The plural words live in
data/entities.yaml (`listing_place_words`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rashomon.data import load
from rashomon.extract.entities import mention_key
from rashomon.records import PLACE_TYPES, Mention

_NAME = r"[A-Z][\w’'-]*(?:[ \t][A-Z][\w’'-]*){0,2}"


@cache
def _listing() -> re.Pattern:
    words = "|".join(map(re.escape, load("entities.yaml")["listing_place_words"]))
    return re.compile(rf"\b(?i:{words})[ \t]+of[ \t]+({_NAME}(?:(?:,[ \t]*|,?[ \t]+and[ \t]+){_NAME})*)")


def listed_places(text: str, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Mentions of the places listed after a plural place word, each name in every use the document
    makes of it (not inside a longer name elsewhere: "Tavra University"), and the mentions they
    replace (the model's, of another type or cut otherwise)."""
    names: dict[str, str] = {}  # a listed name -> its key as a place's
    lists = []
    for found in _listing().finditer(text):
        lists.append(found.span(1))
        for name in re.split(r",?[ \t]+and[ \t]+|,[ \t]*", found.group(1)):
            names.setdefault(name, mention_key(name, "GPE"))
    out, replaced = [], []
    for name, key in names.items():
        for at in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text) if key else ():
            over = [m for m in mentions if m.start < at.end() and at.start() < m.end]
            listed = any(a <= at.start() and at.end() <= b for a, b in lists)
            within = [m for m in over if m.start <= at.start() and at.end() <= m.end]
            if any(m.type in PLACE_TYPES for m in within) or (not listed and any(
                    (m.start, m.end) != at.span() for m in within)):
                continue  # a place already ("Rio" of "Rio de Janeiro" too), or a longer name's word
            out.append(Mention(at.start(), at.end(), name, "GPE", key))
            replaced += over
    return out, replaced
