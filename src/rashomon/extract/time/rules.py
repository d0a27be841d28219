"""The rule table: every kind of temporal expression the stage finds, one entry each, in one place.

Adding a kind of expression is adding a Rule (pattern, triggers, reader, example) to a family module
under patterns/ and listing it here. The order breaks ties between matches of the same span: the
earlier rule wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from rashomon.extract.time.candidates import Rule
from rashomon.extract.time.lexicon import parts, words
from rashomon.extract.time.patterns import clock, dates, durations, named_days, periods, relative

RULES: tuple[Rule, ...] = (
    *dates.RULES,
    *periods.RULES,
    named_days.SOLAR_HIJRI,
    *relative.RULES,
    dates.ANNIVERSARY,
    dates.DAY_OF_MONTH,
    *relative.EVENT_AND_PHRASES,
    *durations.RULES,
    named_days.HOLIDAY,
    *clock.RULES,
    durations.SET,
    periods.SAME_PERIOD,
    periods.REF_PERIOD,
)

DIGIT = "#digit"  # trigger standing for any word with a digit in it


@dataclass(frozen=True)
class Compiled:
    rule: Rule
    regex: re.Pattern[str]
    triggers: frozenset[str]


def _trigger_words(spec: str, lex: dict[str, Any]) -> set[str]:
    """'@months' -> the month words, '@units+s' -> units and their plurals, '^deictic' -> the last word of
    each phrase, anything else -> itself."""
    if spec.startswith("^"):
        return {str(p).lower().split()[-1].rstrip(".") for p in lex[spec[1:]]}
    if spec.startswith("@"):
        name, plural = spec[1:].removesuffix("+s"), spec.endswith("+s")
        found = {str(w).lower() for w in lex[name]}
        return found | {w + "s" for w in found} if plural else found
    return {spec}


@cache
def compiled() -> tuple[Compiled, ...]:
    """The table with its patterns expanded and compiled (case-insensitive) and its triggers read."""
    lex, named = words(), parts()
    return tuple(Compiled(r, re.compile(r.pattern.format_map(named), re.IGNORECASE),
                          frozenset().union(*(_trigger_words(t, lex) for t in r.triggers)))
                 for r in RULES)
