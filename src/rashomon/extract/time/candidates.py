"""The types the rules are written in: a rule, the candidate it reads, where it is resolved, the result.

A rule finds spans (its pattern), is only tried near its trigger words, and reads each match into a
typed candidate (or rejects it); the candidate's `resolve` turns it into a TIMEX3 type and value
against the story so far. One kind of expression is one rule entry and one candidate class.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from rashomon.extract.time.story import Story

Span = tuple[int, int]


@dataclass(frozen=True)
class Rule:
    """One kind of expression.

    pattern: a regex template over the named sub-patterns of `lexicon.parts()` ({month}, {year} ...);
    triggers: words one of which every match holds ("#digit": any word with a digit; "@list": the
    entries of a list in time.yaml, "@list+s" with their plurals; "^list": the last words of its phrases);
    read: the match as a candidate, or None when it is not a time after all;
    example: a text the pattern must match (checked by the tests).
    """

    kind: str
    pattern: str
    triggers: tuple[str, ...]
    read: Callable[[re.Match[str]], Candidate | None]
    example: str


@dataclass
class Resolved:
    """A candidate's TIMEX3 type and value (None when it cannot be anchored, and `anchor` says why)."""

    type: str
    value: str | None
    anchor: str | None = None
    mod: str | None = None
    sets_story: bool = False
    moves_day: bool = True  # False: the narrative stays on its day (the small hours after the night it is on)


@dataclass
class Scene:
    """Where a candidate is resolved: its voice's story, its sentence, the other candidates there."""

    story: Story
    sentence: str
    sentence_start: int
    index: int  # the sentence's number in the document
    neighbours: list[Candidate]


@dataclass(kw_only=True)
class Candidate:
    """A span that says a time, with what it says, before any anchoring."""

    kind: ClassVar[str] = "candidate"
    start: int
    end: int
    tense: str | None = None  # of the clause it sits in, when the parse tells it
    range_end: bool = False  # it closes a range ("July 20 to July 28, 1988"): the story goes on from the start

    def resolve(self, at: Scene) -> Resolved:
        raise NotImplementedError

    def absolute_day(self) -> date | None:
        """The day it names whatever the story, when it names one by itself ("July 3, 1988")."""
        return None


def groups(m: re.Match[str]) -> dict[str, str]:
    """The named groups a match filled."""
    return {k: v for k, v in m.groupdict().items() if v is not None}
