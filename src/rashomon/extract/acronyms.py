"""Acronyms defined in a text: "(SVO)", "(SDF/QSD)" right after the name they abbreviate.

The name is the one the model found right before the bracket, or, when the acronym does not spell
that one, a longer name the model cut at a small word ("the United Nations Mission in Tavria
(UNMIT)", found as "United Nations Mission" and "Tavria"): the acronym is the organisation's, not
the place's that closes its full name. An acronym that does not spell a place's name is not the
place's ("TAVRA, Zembla (AP)": a dateline's agency).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from rashomon.names import initials_match
from rashomon.records import PLACE_TYPES

# "(SEV)", "(PSOV/SEV)": one or two acronyms in parentheses
ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z]{1,9})(?:\s*/\s*([A-Z][A-Za-z]{1,9}))?\s*\)")
_WORDS = re.compile(r"[\s\-]+")
_CUT_AT = re.compile(r"[ \t]+(?:in|of|for|on|at)[ \t]+(?:the[ \t]+)?$")  # "Mission in [Tavria]"


def defined(text: str, found: Sequence[Any], candidate: Callable[..., Any]) -> list[Any]:
    """New candidates (made by `candidate(start, end, type, canonical=...)`) for the acronyms
    defined after names in `found` (each with start, end, type, canonical). An acronym the
    knowledge file knows ("(SVO)") makes the long name a name of the known entity instead."""
    out = []
    for m in ACRONYM.finditer(text):
        before = [c for c in found if c.end <= m.start() and not text[c.end:m.start()].strip(" ,")]
        if not before:
            continue
        long = _spelt(text, found, max(before, key=lambda c: c.end - c.start), m.group(1))
        words = _WORDS.split(text[long.start:long.end])
        for group in (1, 2):
            if m.group(group) is None or not (initials_match(m.group(group), words) or (
                    m.group(group).isupper() and long.type not in PLACE_TYPES)):  # "KENT, Ohio (AP)": a dateline's
                continue
            known = [c for c in found if (c.start, c.end) == m.span(group) and c.canonical]
            if known and long.canonical is None and known[0].type == long.type:
                long.canonical = known[0].canonical
            elif not known:
                out.append(candidate(*m.span(group), long.type, canonical=text[long.start:long.end]))
    return out


def _spelt(text: str, found: Sequence[Any], last: Any, acronym: str) -> Any:
    """The name an acronym abbreviates: `last`, the name right before its bracket, unless the
    acronym spells a name cut before a small word and `last` only with it ("Mission in Tavria")."""
    cut = _CUT_AT.search(text, max(0, last.start - 12), last.start)
    if cut is None or initials_match(acronym, _WORDS.split(text[last.start:last.end])):
        return last
    head = next((c for c in found if c.end == cut.start()), None)
    spelt = head is not None and initials_match(acronym, _WORDS.split(text[head.start:last.end]))
    return head if spelt else last
