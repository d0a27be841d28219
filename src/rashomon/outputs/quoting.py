"""Excerpts of a source's words that never misquote it.

A source's words are shown whole when they fit; when they must be cut, the cut is marked with an
ellipsis, falls between words (never inside a word or a number), never leaves a number or a
qualifying word ("at least", "not", "between") at the end of what is kept, and never starts after
a negation of the same sentence ("denied that troops fired" is not shown as "troops fired").
The words that matter are in data/excerpts.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rashomon.data import load

ELLIPSIS = "…"
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")
WORD = re.compile(r"\S+")


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """The words an excerpt may not end on, and the negations it may not start after."""
    data, numbers = load("excerpts.yaml"), load("quantities.yaml")
    counted = {w for key in (*numbers["number_words"], *numbers["multipliers"], *numbers["vague"])
               for w in key.split()}
    return frozenset(data["dangling"]) | frozenset(counted), frozenset(data["negations"])


def _bare(token: str) -> str:
    return token.strip("\"'“”‘’()[],;:.!?").lower()


def _dangles(token: str) -> bool:
    word = _bare(token)
    return any(c.isdigit() for c in word) or word in _words()[0]


def _negation(token: str) -> bool:
    word = _bare(token)
    return word in _words()[1] or word.endswith("n't")


@dataclass(frozen=True)
class Excerpt:
    """The stretch text[start:end] to show, and whether words were left out before or after it."""

    start: int
    end: int
    cut_before: bool
    cut_after: bool

    def of(self, text: str) -> str:
        """The excerpt as text, with an ellipsis where words were left out."""
        return (f"{ELLIPSIS} " if self.cut_before else "") + text[self.start:self.end].strip() + (
            f" {ELLIPSIS}" if self.cut_after else "")


def sentence(text: str, start: int, end: int, whole_start: bool = True, whole_end: bool = True) -> tuple[int, int]:
    """The sentence (or sentences) around text[start:end]: from after the last sentence end
    before `start` to the first sentence end at or after `end`. `whole_start` and `whole_end` say
    whether `text` begins and ends where the document does (else those ends are cuts, moved to
    the nearest word)."""
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = SENTENCE_END.search(text, max(end, start))
    right = m.end() if m else len(text)
    if left == 0 and not whole_start:
        left = _word_after(text, 0, start)
    if right == len(text) and not whole_end:
        right = max(end, _kept_end(text, _word_before(text, right, end), end))
    while left < start and text[left].isspace():
        left += 1
    return left, right


def excerpt(text: str, start: int, end: int, limit: int, whole_start: bool = True,
            whole_end: bool = True) -> Excerpt:
    """What to show of `text` around text[start:end] in about `limit` characters: its sentence
    when that fits, else a cut of it around the span, at word boundaries, neither ending on a
    number or qualifier nor starting after a negation of the sentence; cuts are flagged."""
    left, right = sentence(text, start, end, whole_start, whole_end)
    if right - left > limit:
        room = max(0, limit - (end - start))
        lo = max(left, start - room // 2)
        hi = min(right, end + room - (start - lo))
        lo = _from_negation(text, left, min(start, _word_after(text, lo, start)))
        hi = max(end, _kept_end(text, _word_before(text, hi, end), end))
        left, right = lo, hi
    return Excerpt(left, right, not _sentence_starts(text, left, whole_start),
                   not _sentence_ends(text, right, whole_end))


def shorten(text: str, limit: int) -> str:
    """`text` whole when it fits in `limit` characters, else its beginning cut between words,
    not on a number or qualifier, and marked with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    end = _kept_end(text, _word_before(text, limit, 0), 0) or limit  # one long word: cut it
    return text[:end].rstrip() + f" {ELLIPSIS}"


def _word_after(text: str, at: int, limit: int) -> int:
    """`at` moved right to the start of a word (not past `limit`)."""
    if at == 0 or text[at - 1].isspace():
        return at
    m = re.compile(r"\s+").search(text, at, limit)
    return m.end() if m else limit


def _word_before(text: str, at: int, floor: int) -> int:
    """`at` moved left to the end of a word (not before `floor`)."""
    if at >= len(text) or text[at].isspace() or text[at - 1].isspace():
        return at
    cut = max(text.rfind(" ", floor, at), text.rfind("\n", floor, at))
    return cut if cut >= floor else floor


def _kept_end(text: str, end: int, floor: int) -> int:
    """`end` moved left past trailing numbers and qualifying words (not before `floor`)."""
    while end > floor:
        tokens = list(WORD.finditer(text, floor, end))
        if not tokens or not _dangles(tokens[-1].group()):
            break
        end = tokens[-1].start()
        while end > floor and text[end - 1].isspace():
            end -= 1
    return end


def _from_negation(text: str, left: int, start: int) -> int:
    """`start` moved back to the last negation between the sentence start `left` and it, if any."""
    found = start
    for m in WORD.finditer(text, left, start):
        if _negation(m.group()):
            found = m.start()
    return found


def _sentence_starts(text: str, at: int, whole_start: bool) -> bool:
    """Whether a sentence starts at `at` (nothing is left out before it)."""
    before = text[:at].rstrip(" \t")
    if not before:
        return whole_start
    return before.endswith("\n") or bool(re.search(r"[.!?…][\"'”’)\]]*$", before))


def _sentence_ends(text: str, at: int, whole_end: bool) -> bool:
    """Whether a sentence ends at `at` (nothing is left out after it)."""
    if not text[at:].strip():
        return whole_end
    kept = text[:at].rstrip()
    return text[at:].lstrip(" \t").startswith("\n") or bool(re.search(r"[.!?…][\"'”’)\]]*$", kept))
