"""Candidates in a text: every rule tried near its trigger words, overlaps resolved longest-first."""

from __future__ import annotations

import re

from rashomon.extract.time.candidates import Candidate, Span
from rashomon.extract.time.patterns.clock import join_clock_and_day, join_part_and_day
from rashomon.extract.time.patterns.dates import join_ranges
from rashomon.extract.time.rules import DIGIT, compiled

_WORD = re.compile(r"[A-Z]?[a-z]+|\w+")  # words, and the words of a run glued together ("DateFebruary")
_REACH = 120  # no match extends further than this beyond its trigger word


def _windows(spans: list[Span], length: int) -> list[Span]:
    """Merged stretches of text around trigger words, wide enough to hold any match."""
    out: list[Span] = []
    for s, e in spans:
        a, b = max(0, s - _REACH), min(length, e + _REACH)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def candidates(text: str) -> list[Candidate]:
    """All candidate spans in reading order, overlaps resolved longest-first (ties: the earlier start,
    then the earlier rule). Searching only near trigger words keeps the stage cheap (time words are
    sparse) without changing what the patterns find."""
    table = compiled()
    every = frozenset().union(*(c.triggers for c in table))
    hits = []  # (start, end, trigger) for each time word in the text
    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        digit = w[0].isdigit() or w[-1].isdigit()
        for key in (w, DIGIT) if digit else (w,):  # "2day" is a word of its own as well as digits
            if key in every:
                hits.append((m.start(), m.end(), key))
    found: list[tuple[int, Candidate]] = []
    for rank, entry in enumerate(table):
        for a, b in _windows([(s, e) for s, e, k in hits if k in entry.triggers], len(text)):
            for m in entry.regex.finditer(text, a, b):
                if m.end() > m.start() and (c := entry.rule.read(m)):
                    found.append((rank, c))
    found.sort(key=lambda rc: (-(rc[1].end - rc[1].start), rc[1].start, rc[0]))
    taken: list[Candidate] = []
    used = bytearray(len(text) + 1)
    for _, c in found:
        if not any(used[c.start:c.end]):
            used[c.start:c.end] = b"\x01" * (c.end - c.start)
            taken.append(c)
    return join_part_and_day(text, join_clock_and_day(text, join_ranges(text, sorted(taken, key=lambda c: c.start))))
