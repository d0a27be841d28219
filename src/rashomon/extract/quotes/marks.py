"""Quotation marks: where quoted words begin and end.

Typographic (“ ”, ‘ ’, « », „ “), straight (") and typewriter (``...'' or ``...``) pairs. A closing
’ or '' must not be an apostrophe (a letter follows it) and an opening mark must start a word, so
"SEV’s" and "the 1980s'" open nothing. A quote opened and never closed on its line (a long
statement quoted to the end of a paragraph) is returned apart, for the caller to judge.
"""

from __future__ import annotations

QUOTE_PAIRS = (("``", ("''", "``")), ("“", ("”",)), ('"', ('"',)), ("‘", ("’",)), ("«", ("»",)),
               ("„", ("“", "”")))


SINGLE = ("'", ("'",))  # only in headlines, where 'single marks' are the rule


def _opener(text: str, i: int, pairs) -> tuple[str, tuple[str, ...]] | None:
    if i > 0 and text[i - 1].isalnum():
        return None
    return next(((o, c) for o, c in pairs if text.startswith(o, i)), None)


def _closer(text: str, start: int, closers: tuple[str, ...]) -> tuple[int, int] | None:
    """(where the closing mark starts, its length) on the line that `start` is on."""
    j = start + 1
    while j < len(text) and text[j] != "\n":
        mark = next((c for c in closers if text.startswith(c, j)), None)
        if mark and not (j + len(mark) < len(text) and text[j + len(mark)].isalpha()):
            return j, len(mark)
        j += 1
    return None


def quote_marks(text: str, headline: bool = False) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(closed, unclosed): the insides of quotation-mark pairs in text, outermost only, and the
    stretches from an opening mark that no mark closes on its line to the end of that line.
    In a `headline`, straight single marks pair too ('We Will Not Retreat')."""
    pairs = (*QUOTE_PAIRS, SINGLE) if headline else QUOTE_PAIRS
    closed: list[tuple[int, int]] = []
    unclosed: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        pair = _opener(text, i, pairs)
        if pair is None:
            i += 1
            continue
        start = i + len(pair[0])
        found = _closer(text, start, pair[1])
        if found is not None:
            closed.append((start, found[0]))
            i = found[0] + found[1]
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        end = len(text[start:line_end].rstrip()) + start
        if end > start:
            unclosed.append((start, end))
        i = line_end
    return closed, unclosed


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the insides of quotation-mark pairs in text, outermost only."""
    return quote_marks(text)[0]
