"""The story so far, per voice (the document, each embedded post): what relative expressions lean on.

Deictic words count from the voice's own date (publication or post); year-less and anaphoric
expressions from the narrative, the last date the story itself set.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from rashomon.extract.time.calendars import YMD, last_day, shift
from rashomon.extract.time.candidates import Resolved
from rashomon.extract.time.lexicon import words


@dataclass
class Story:
    """What a relative expression can be anchored on inside one voice (the article or one post)."""

    now: date | None  # publication date of the document or the post
    now_label: str  # "publication date 2025-07-26" / "post date 2025-07-26"
    ref: YMD | None = None  # last (year, month, day) the story set
    ref_text: str = ""
    ref_sentence: int = -1  # the sentence that set it
    full: tuple[int, int] | None = None  # (year, month) of the last date the story gave with a month
    full_sentence: int = -1  # the sentence it was in
    far: int = 0  # dates so far in the story that lie two years or more from publication ...
    near: int = 0  # ... and those that do not: more far than near makes the account a history
    quarter: tuple[int, int] | None = None
    story: list[tuple[int, date, str]] = field(default_factory=list)  # (sentence, day, text) so far
    month_years: dict[int, int] = field(default_factory=dict)  # month -> year a tensed mention gave it
    day: date | None = None  # the day the narrative is on: the last day it dated, however it said it
    day_sentence: int = -1  # the sentence that set it
    night: bool = False  # the narrative's day was last set as a night ("the night of 3 June", "at 11 p.m.")
    dated: tuple[date, ...] = ()  # the days the whole account dates (read before resolving: see tagger)
    in_past: bool = False  # the last date the narrative gave lies two years or more from publication
    text_year: int | None = None  # an undated account's year, when all its dated days say it (see tagger)
    text_year_why: str = ""  # where that year comes from ("... {} ..." takes it)
    period: str | None = None  # the last period longer than a day the narrative named ("1999-H1", "1999-10")
    present: tuple[int, ...] = ()  # sentences that speak of the time of writing (see tense.present_sentences)

    @property
    def history(self) -> bool:
        """A history tells its own time: no publication date, or most dates far from it."""
        return not self.now or self.far > self.near

    def now_ymd(self) -> YMD:
        assert self.now is not None
        return self.now.year, self.now.month, self.now.day

    def record(self, value: str, sent_index: int, sentence: str) -> None:
        """Record a narrative date: later year-less and anaphoric expressions are read against it."""
        m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-(SP|SU|FA|WI))?", value.split("T")[0])
        if not m:
            return
        y, mo, d = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
        if not mo and not m.group(4) and self.ref and self.ref[0] == y:
            return  # "in 1988" after "July 26, 1988" does not forget the day
        self.ref, self.ref_text, self.ref_sentence = (y, mo or None, d or None), value, sent_index
        if mo or m.group(4) in _SEASON_MONTH:  # a season puts the story in its months ("the spring of 1942 ...
            self.full, self.full_sentence = (y, mo or _SEASON_MONTH[m.group(4)]), sent_index  # in June")
        if d:
            self.story.append((sent_index, date(y, mo, d), sentence))

    def move_to(self, value: str, sent_index: int, night: bool = False) -> None:
        """The narrative is now on the day of this value, when it names one ("on Sunday", "July 3, 1988"),
        and on its night when the text or the value says so ("the night of 3 June", "11 p.m."): a clock
        time of the small hours then falls on the next day."""
        m = re.match(r"(\d{4})-(\d\d)-(\d\d)(?![\d/])", value)
        if m:
            self.day, self.day_sentence = date(int(m[1]), int(m[2]), int(m[3])), sent_index
            self.night = night or bool(re.search(r"T(?:NI|2[0-3]:)", value))

    def narrative_day(self, sent_index: int, tense: str | None = None) -> tuple[date, str] | None:
        """The day a clock time without a date of its own is on: the narrative's, in a history or when
        the narrative dated a day a few sentences before, else none (the caller falls back on `now`).
        In a news report a sentence that looks ahead, or speaks of the present, is not on a past day the
        narrative gave ("The mill opened on March 3, 1994. Workers arrive at 7 a.m.")."""
        if not self.day or not (self.history or sent_index - self.day_sentence <= _DAY_REACH):
            return None
        one_far = self.far <= max(self.near, 1)  # a single far date (a founding) makes no history of a report
        if self.now and one_far and ((tense == "future" and self.day < self.now) or (
                tense == "present" and (self.now - self.day).days > _PRESENT_DAYS)):
            return None
        return self.day, f"the day the narrative is on ({self.day.isoformat()})"

    def note_period(self, value: str) -> None:
        """Remember a period longer than a day ("the first half of 1999"): 'the same period last year' is it."""
        if re.fullmatch(r"\d{4}(?:-(?:\d\d|Q[1-4]|H[12]|SP|SU|FA|WI))?", value):
            self.period = value

    def count(self, value: str) -> None:
        """Count a narrative date as near to or far from publication (see `history`)."""
        if self.now and value[:4].isdigit():
            self.in_past = abs(int(value[:4]) - self.now.year) >= 2
            if self.in_past:
                self.far += 1
            else:
                self.near += 1


def year_for(story: Story, m: int, d: int | None, sent_index: int, tense: str | None = None
             ) -> tuple[int | None, str]:
    """Year of a year-less date: from the story when it is a history or just gave one, else from the
    publication date."""
    if found := story_year(story, m, d, sent_index, tense):
        return found
    if story.now:
        return _year_from_now(story, story.now, m, d, tense)
    if story.ref:
        return story.ref[0], f"year from the surrounding narrative ({story.ref[0]})"
    if story.text_year:
        return story.text_year, story.text_year_why.format(story.text_year)
    return None, "no year: the story gives none before it and the publication date is unknown"


def story_year(story: Story, m: int, d: int | None, sent_index: int, tense: str | None = None
               ) -> tuple[int, str] | None:
    """The narrative's year for a year-less date in month m, when the narrative lends it one: it is a
    history, or it is set in another year than publication, or it just gave a date; None when the
    publication date decides."""
    # A history tells its own time; a news report only borrows a year from a date just before it.
    # a news report's last date in the publication year lends it nothing the publication date does not:
    # "closed in January. It reopened on Aug. 17" (written in November) is this August, not last
    in_news_year = bool(story.now and story.full and story.full[0] == story.now.year and not story.history)
    if story.full and story.now and story.full[0] != story.now.year and _present_between(
            story.present, story.full_sentence, sent_index):
        return None  # the account came back to the time of writing ("Gonzalez has cited his rights ...")
    if story.full and not in_news_year and (story.history or story.in_past or sent_index - story.full_sentence <= 2):
        # the nearest such month to the story's last one: "Jan. 3" after "Dec. 20, 1987" is in 1988
        fy, fm = story.full
        y = min((fy, fy - 1, fy + 1), key=lambda y: abs((y - fy) * 12 + m - fm))
        day = date(y, m, min(d or 1, last_day(y, m)))
        # in a news report, a verb that looks ahead (or back) of the publication date, or speaks of the
        # present, outweighs the story; a single far date (a birth, a founding) does not make a history
        contradicted = story.now and ((tense == "future" and day < story.now)
                                      or (tense == "past" and day > story.now + timedelta(days=30))
                                      or (tense == "present" and abs((story.now - day).days) > 365))
        if not contradicted or story.far > max(story.near, 1):
            return y, f"year from the surrounding narrative ({fy}-{fm:02d}, the nearest such date to it)"
    return None


def _present_between(present: tuple[int, ...], after: int, before: int) -> bool:
    """Whether a sentence that speaks of the time of writing lies strictly between two sentences."""
    i = bisect_right(present, after)
    return i < len(present) and present[i] < before


def _year_from_now(story: Story, now: date, m: int, d: int | None, tense: str | None) -> tuple[int, str]:
    years = (now.year - 1, now.year, now.year + 1)

    def when(y: int) -> date:  # the day itself, else the month's last (future) or first day
        last = last_day(y, m)
        return date(y, m, min(d, last) if d else (last if tense == "future" else 1))

    if tense == "future":  # "will be named commander in December"
        best = min(y for y in years if when(y) >= now)
        story.month_years[m] = best
        return best, f"year from the {story.now_label} (the next such date: the sentence looks ahead)"
    if tense is None and m in story.month_years:  # "join in April ... the summit in April"
        return story.month_years[m], "the year this report gave the same month before"
    # news reports the recent past: the latest such date, up to about three months after publication
    # when the sentence does not say it is past
    horizon = now + timedelta(days=30 if tense == "past" else 100)
    best = max(y for y in years if when(y) <= horizon)
    if tense == "past":
        story.month_years[m] = best
    reach = "a month" if tense == "past" else "three months"
    return best, f"year from the {story.now_label} (the latest such date up to {reach} after it)"


# a month inside each season; not winter, which runs across two years ("the winter of 1951" may be either)
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10}
_DAY_REACH = 8  # sentences over which a news report's narrative stays on the day it dated
_PRESENT_DAYS = 7  # a present-tense clock time in a news report is not on a narrative day further back


UNIT_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter", "DE": "decade",
              "CE": "century", "H": "hour", "MIN": "minute", "S": "second"}


def offset_words(unit: str, n: float) -> str:
    """'2 days after', 'same year as': how far a value lies from what it was counted from."""
    name = UNIT_NAMES.get(unit, unit)
    if n == 0:
        return f"same {name} as"
    count = int(abs(n)) if float(n).is_integer() else abs(n)
    return f"{count} {name}{'s' if abs(n) != 1 else ''} {'after' if n > 0 else 'before'}"


def from_story(story: Story, unit: str, n: int, phrase: str) -> Resolved:
    """Anaphoric: move from the last date the story set (by days: from the day the narrative is on, when it
    moved since); fall back on the publication date, saying so."""
    if unit == "D" and story.day and (not story.ref or story.day_sentence >= story.ref_sentence):
        value = shift((story.day.year, story.day.month, story.day.day), unit, n)
        return Resolved("DATE", value, f"{offset_words(unit, n)} the day the narrative is on ({story.day.isoformat()})",
                        sets_story=True)
    if story.ref:
        value = shift(story.ref, unit, n)
        if value:
            why = f"{offset_words(unit, n)} the story's last date ({story.ref_text})"
            return Resolved("DATE", value, why, sets_story=unit == "D")
        if not (story.now and story.ref[0] == story.now.year):
            # "The dam broke in 1993. The month after, ...": not a month of the publication year
            return Resolved("DATE", None, f"'{phrase}' counts {UNIT_NAMES.get(unit, unit)}s from the story's last "
                            f"date ({story.ref_text}), which names none")
    if story.now:
        return Resolved("DATE", shift(story.now_ymd(), unit, n),
                        f"{offset_words(unit, n)} the {story.now_label} (the story set no date before)",
                        sets_story=unit == "D")
    return Resolved("DATE", None, f"'{phrase}' needs an earlier date in the story and there is none")


def event_day(story: Story, noun: str) -> tuple[date, str] | None:
    """The day the account gives for an event it names by `noun` ('attack', 'operation'): the first dated
    sentence that names it begun (else names it); for an event noun it never dates, the event the account
    opens with. With why, or None."""
    lex = words()
    stem = noun.rstrip("s")
    named = [(d, t) for _, d, t in story.story if re.search(rf"\b{re.escape(stem)}", t, re.I)]
    onset = re.compile(rf"\b(?:{'|'.join(re.escape(v) for v in lex['onset_verbs'])})", re.I)
    begun = [d for d, t in named if onset.search(t)] or [d for d, _ in named]
    if begun:
        return begun[0], f"the {noun} dated {begun[0].isoformat()} in this account"
    if stem.split("-")[-1] in {n.rstrip("s") for n in lex["event_nouns"]}:
        lead = next((d for _, d, t in story.story if onset.search(t)), None)
        if lead:
            return lead, f"the {noun} taken as the event the account opens with, begun {lead.isoformat()}"
    return None
