"""Where a timex sits when it is not the story: a title, a citation, a post's signature, a schedule."""

from __future__ import annotations

import re
from itertools import pairwise

from rashomon.extract.time.candidates import Candidate, Span


def _enclosing_parens(text: str, start: int, end: int, limit: int = 400) -> Span | None:
    """The innermost (...) around [start, end) on the same line, if any."""
    depth, i = 0, start - 1
    while i >= max(0, start - limit) and text[i] != "\n":
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                break
            depth -= 1
        i -= 1
    else:
        return None
    if i < 0 or text[i] != "(":
        return None
    depth, j = 0, end
    while j < min(len(text), end + limit) and text[j] != "\n":
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            if depth == 0:
                return i, j + 1
            depth -= 1
        j += 1
    return None


_CITATION = re.compile(r"\bpp?\.\s*\d|\bvol\.|\bed(?:s|ited)?\.|\bpress\b|\bpublish", re.I)
_IMPRINT = re.compile(r"\b[A-Z][\w .]*:\s*[A-Z][^,()]*,\s*(?:1[5-9]|20)\d\d\s*$")  # "London: Viking, 1998"
_SIGNATURE = re.compile(r"^\s*[—–-]{1,2}\s*\S")


def text_context(text: str, c: Candidate) -> str | None:
    """'title' for a year range closing a title ("Arising and the End (1965-2005)"), 'citation' for
    a date inside a bibliographic parenthesis; None for the narrative."""
    paren = _enclosing_parens(text, c.start, c.end)
    if paren is None:
        return None
    inner = text[paren[0] + 1:paren[1] - 1]
    if inner.strip() == text[c.start:c.end] and c.kind == "year_range":
        before = text[max(0, paren[0] - 40):paren[0]].split()
        if before and before[-1][:1].isupper():
            return "title"
    outer = _enclosing_parens(text, paren[0], paren[1]) if inner.strip() == text[c.start:c.end] else paren
    for span in (paren, outer):
        if span is None:
            continue
        body = text[span[0] + 1:span[1] - 1]
        if _CITATION.search(body) or (body.count(",") >= 2 and len(body) > 25) or _IMPRINT.search(body):
            return "citation"
    return None


def line_of(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a: len(text) if b < 0 else b]


def is_signature(line: str) -> bool:
    """'— Name (@handle) July 3, 2025': the signature line under an embedded post."""
    return bool(_SIGNATURE.match(line))


_LISTED = re.compile(r"[^A-Za-z]*(?:(?:and|or)\b[^A-Za-z]*)?")  # "00:30 | 05:30", "9:00, 12:00 and 18:00"


def schedules(text: str, cands: list[Candidate]) -> set[int]:
    """Indexes of candidates in a broadcast schedule ("00:30 | 05:30 | 11:30 GMT" and a day line just
    above it): clock times listed one after another on a line are promotion, not the story (a line that
    tells "at 18:30 ... at 21:20" is narrative)."""
    by_line: dict[int, list[int]] = {}
    for i, c in enumerate(cands):
        by_line.setdefault(text.rfind("\n", 0, c.start) + 1, []).append(i)
    marked: set[int] = set()
    for start, items in by_line.items():
        clocks = [cands[i] for i in items if cands[i].kind in ("clock", "datetime")]
        if not any(_LISTED.fullmatch(text[a.end:b.start]) for a, b in pairwise(clocks)):
            continue
        marked.update(items)
        above = text.rfind("\n", 0, max(start - 1, 0)) + 1
        line = text[above:max(start - 1, above)]
        marked.update(i for i in by_line.get(above, [])
                      if not re.search(r"\w", line.replace(text[cands[i].start:cands[i].end], "")))
    return marked
