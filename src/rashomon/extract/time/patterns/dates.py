"""Calendar dates: a day ("July 3, 1988", "3 July", "1988-07-03", "7/3/88"), a range of days, a month,
and the day an anniversary marks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from rashomon.extract.time.calendars import valid
from rashomon.extract.time.candidates import Candidate, Resolved, Rule, Scene, groups
from rashomon.extract.time.lexicon import (
    doubtful_weekday,
    month,
    named,
    ordinal,
    point,
    weekday,
    words,
    year,
    year_word_shift,
)
from rashomon.extract.time.story import Story, year_for
from rashomon.extract.time.tense import tense


@dataclass(kw_only=True)
class Day(Candidate):
    """A day of a month, with its year when the text gives one (else a 'partial' date)."""

    kind = "day"
    m: int
    d: int
    y: int | None = None
    weekday: str | None = None  # "Saturday, July 26th": picks the year in which the day fell on it

    def absolute_day(self) -> date | None:
        return date(self.y, self.m, self.d) if self.y is not None else None

    def resolve(self, at: Scene) -> Resolved:
        m, d = self.m, self.d
        if self.y is not None:
            return Resolved("DATE", f"{self.y:04d}-{m:02d}-{d:02d}", sets_story=True)
        ann = next((a for a in at.neighbours if isinstance(a, Anniversary) and a.start > self.start), None)
        if ann:
            base = anniversary_base(ann, at.story, at.neighbours)
            if base is None:
                return Resolved("DATE", None, "the anniversary it marks has no dated reference")
            y = base[0] - ann.n
            if valid(y, m, d):
                why = f"the day the {ann.ordinal} anniversary commemorates: {base[1]} - {ann.n} years"
                return Resolved("DATE", f"{y:04d}-{m:02d}-{d:02d}", why)
        y, why = year_for(at.story, m, d, at.index, tense(self, at.sentence, at.sentence_start))
        if self.weekday:
            y, why = self._weekday_year(at.story, y, why)
        if y is None or not valid(y, m, d):
            return Resolved("DATE", None, why)
        return Resolved("DATE", f"{y:04d}-{m:02d}-{d:02d}", why, sets_story=True)

    def _weekday_year(self, story: Story, y: int | None, why: str) -> tuple[int | None, str]:
        """Of the years the story or the publication date suggest, the one in which the day fell on
        its weekday."""
        assert self.weekday is not None
        wd = weekday(self.weekday)
        years = [y] if y else []
        years += [r[0] for r in (story.full, story.ref) if r]
        if story.now:
            years += [story.now.year, story.now.year - 1, story.now.year + 1]
        for cand in dict.fromkeys(years):
            if valid(cand, self.m, self.d) and date(cand, self.m, self.d).isoweekday() == wd:
                named = f"the year in which that day fell on a {self.weekday.rstrip('.')}"
                return cand, why if cand == y else named
        return y, why


@dataclass(kw_only=True)
class DayOfMonth(Candidate):
    """'on the 20th': a day of the month the story is in (else of the publication date's month)."""

    kind = "day_of_month"
    d: int

    def resolve(self, at: Scene) -> Resolved:
        story = at.story
        if story.full:
            (y, m), why = story.full, f"the month the story is in ({story.full[0]}-{story.full[1]:02d})"
        elif story.now:  # "on the 28th", written on the 3rd: last month's, or this month's when it lies ahead
            ahead = tense(self, at.sentence, at.sentence_start) == "future"
            shift = (1 if self.d < story.now.day else 0) if ahead else (-1 if self.d > story.now.day else 0)
            y, m = divmod(story.now.year * 12 + story.now.month - 1 + shift, 12)
            m += 1
            why = f"the month of the {story.now_label}, the {'next' if ahead else 'latest'} such day"
        else:
            return Resolved("DATE", None, "a day of the month, and the story names no month")
        if not valid(y, m, self.d):
            return Resolved("DATE", None, f"{y}-{m:02d} has no day {self.d}")
        return Resolved("DATE", f"{y:04d}-{m:02d}-{self.d:02d}", why, sets_story=True)


@dataclass(kw_only=True)
class DayRange(Candidate):
    """'July 20-28, 1988': days of one month."""

    kind = "day_range"
    m: int
    d: int
    d2: int
    y: int | None = None

    def resolve(self, at: Scene) -> Resolved:
        y, why = (self.y, None) if self.y else year_for(at.story, self.m, self.d, at.index)
        if y is None or not valid(y, self.m, self.d2):
            return Resolved("DATE", None, why)
        first, last = (f"{y:04d}-{self.m:02d}-{d:02d}" for d in (self.d, self.d2))
        return Resolved("DATE", f"{first}/{last}", why, sets_story=True)


@dataclass(kw_only=True)
class Month(Candidate):
    """A month: of a year ('July 1988'), of a year said relatively ('July last year', 'next July'), or alone."""

    kind = "month"
    m: int
    y: int | None = None
    point: str | None = None  # early, mid, late
    rel: int | None = None  # years from the publication date's
    dir: str | None = None  # last, next, this, past, coming
    until: int | None = None  # the month a year-less range closes with ("January-October"): its year decides

    def resolve(self, at: Scene) -> Resolved:
        story, now, mod = at.story, at.story.now, point(self.point)
        if self.y is not None:
            return Resolved("DATE", f"{self.y:04d}-{self.m:02d}", mod=mod, sets_story=True)
        if self.rel is not None:
            if not now:
                return Resolved("DATE", None, "relative year but the publication date is unknown", mod)
            return Resolved("DATE", f"{now.year + self.rel:04d}-{self.m:02d}", f"year from the {story.now_label}",
                            mod)
        if self.dir and now:
            y = now.year
            if self.dir in ("last", "past") and self.m >= now.month:
                y -= 1
            elif self.dir in ("next", "coming") and self.m <= now.month:
                y += 1
            return Resolved("DATE", f"{y:04d}-{self.m:02d}", f"'{self.dir}' counted from the {story.now_label}")
        y, why = year_for(story, self.until or self.m, None, at.index, tense(self, at.sentence, at.sentence_start))
        if y is not None and self.until and self.m > self.until:  # "November-February": the year before
            y -= 1
        # a month sets the story ("In March ... The following month"), but not one opening a range: its
        # year is the closing month's
        return Resolved("DATE", None if y is None else f"{y:04d}-{self.m:02d}", why, mod, sets_story=not self.until)


@dataclass(kw_only=True)
class Anniversary(Candidate):
    """'the 30th anniversary': the year (and day, when the sentence gives it) of the event it marks."""

    kind = "anniversary"
    n: int
    ordinal: str

    def resolve(self, at: Scene) -> Resolved:
        base = anniversary_base(self, at.story, at.neighbours)
        if base is None:
            return Resolved("DATE", None, "an anniversary needs the date it is celebrated, which is unknown")
        y, label, md = base
        y -= self.n
        value = f"{y:04d}-{md[0]:02d}-{md[1]:02d}" if md and valid(y, *md) else f"{y:04d}"
        return Resolved("DATE", value, f"{label} minus {self.n} years")


_CELEBRATED_WITHIN = 30  # characters between an anniversary and the date it is celebrated on, after it


def anniversary_base(ann: Anniversary, story: Story, neighbours: list[Candidate]
                     ) -> tuple[int, str, tuple[int, int] | None] | None:
    """(year it is celebrated, why, (month, day) of the event or None) for an 'Nth anniversary'.
    A dated day of the sentence is the day it is celebrated when it comes before the anniversary or
    just after it ("the 44th anniversary of the flood, on 2 February 2026"); one further on dates something else
    ("marking the 44th anniversary, the group said the regime fell on 8 December 2024")."""
    days = [x for x in neighbours if isinstance(x, Day)]
    full = next((x for x in days if x.y is not None and x.start - ann.end <= _CELEBRATED_WITHIN), None)
    partial = next((x for x in days if x.y is None and x.start < ann.start), None)
    md = (partial.m, partial.d) if partial else None
    if full:
        assert full.y is not None
        return full.y, f"the {ann.ordinal} anniversary falls in {full.y}", md or (full.m, full.d)
    if story.now:
        return story.now.year, f"{story.now_label}", md
    return None


# ---------------------------------------------------------------------------------------------
# Readers


def _month_named(g: dict[str, str], bare: bool = False, dated: bool = False) -> int | None:
    """The month of a month name; None for 'may', or a bare 'Mar' that is a word or a name. `dated`:
    a day or a year stands right beside it, so that "may", "march", "august" in lower case are the month
    ("on 2 may 2014") and not the verb, the noun or the adjective."""
    word = g["month"]
    if not (named(word) or dated) or (bare and word.lower().rstrip(".") in words()["bare_month_words"]):
        return None
    return month(word)


# before a day number: the words that make "2 may", "march 3" a date and not a count and a verb
# ("on 2 may", "since march 3"; not "as many as 12 may die", "they march 3 miles")
_DATE_PREPOSITION = re.compile(r"\b(?:on|since|until|till|from|before|after|through)\s+$", re.I)


def _dated(m: re.Match[str], g: dict[str, str]) -> bool:
    """A day or a year beside a month name says it is the month: a year, an ordinal day ("may 2nd",
    "the 3rd of march"), or a day after a preposition of time ("on 2 may", "since march 3")."""
    if "year" in g:
        return True
    if m.group(0)[m.end("day") - m.start():][:2].lower() in ("st", "nd", "rd", "th"):
        return True
    first = min(m.start("month"), m.start("day"))
    return _DATE_PREPOSITION.search(m.string, max(0, first - 10), first) is not None


def _day_start(m: re.Match[str], g: dict[str, str]) -> int:
    """Where a date starts once a doubtful weekday before it is let go ("Mon July 3": the date)."""
    if "weekday" in g and doubtful_weekday(g["weekday"]):
        del g["weekday"]
        return min(m.start(k) for k in ("month", "day") if k in g)
    return m.start()


def _read_numeric(m: re.Match[str]) -> Day | None:
    g = groups(m)
    y = int(g["year"])
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    mo, d = int(g["month"]), int(g["day"])
    return Day(start=m.start(), end=m.end(), m=mo, d=d, y=y) if valid(y, mo, d) else None


def _read_numeric_day(m: re.Match[str]) -> Day | None:
    """'on 11/26', 'until 26/11': month first as in the full numeric date, day first when the first
    number cannot be a month; the year as for any year-less date."""
    a, b = int(m["a"]), int(m["b"])
    mo, d = (a, b) if a <= 12 else (b, a)
    return Day(start=m.start("a"), end=m.end(), m=mo, d=d) if mo <= 12 and valid(2000, mo, d) else None


def _read_day(m: re.Match[str]) -> Day | None:
    g = groups(m)
    mo = _month_named(g, dated=_dated(m, g))
    if mo is None:
        return None
    start, d = _day_start(m, g), int(g["day"])
    y = year(g["year"]) if "year" in g else None
    if not 1 <= d <= 31 or (y and not valid(y, mo, d)):
        return None
    end, after = m.end(), g.get("weekday_after")
    if after and (doubtful_weekday(after) or "weekday" in g):  # "July 4 Sun": the date alone
        end, after = m.start("after"), None
    return Day(start=start, end=end, m=mo, d=d, y=y, weekday=g.get("weekday") or after)


def _read_day_range(m: re.Match[str]) -> DayRange | None:
    g = groups(m)
    mo = _month_named(g, dated=_dated(m, g))
    if mo is None:
        return None
    d, d2 = int(g["day"]), int(g["day2"])
    y = year(g["year"]) if "year" in g else None
    if not 1 <= d < d2 <= 31 or (y and not valid(y, mo, d2)):
        return None
    return DayRange(start=m.start(), end=m.end(), m=mo, d=d, d2=d2, y=y)


_DAY_AFTER = re.compile(r"\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b(?![:.,]?\d)")


# "by May", "in May,": the full name after a preposition, and no surname after it, is the month
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|by|until|till|since|from|through|before|after|during|of)\s+$", re.I)
_NAME_AFTER = re.compile(r"\s+[A-Z]")
_NAMED_MARCH = re.compile(r"\s+(?:of|for|on)\s+(?:the\s+)?[A-Z]")


def _month_after_preposition(m: re.Match[str], g: dict[str, str]) -> bool:
    return (g["month"] == "May" and _PREPOSITION_BEFORE.search(m.string, max(0, m.start() - 10), m.start()) is not None
            and _NAME_AFTER.match(m.string, m.end()) is None)


def _read_month(m: re.Match[str]) -> Month | None:
    g = groups(m)
    said = "point" in g or "year" in g or "dir" in g or "yearword" in g or _month_after_preposition(m, g)
    mo = _month_named(g, bare=not said, dated="year" in g)
    if mo is not None and not said and _NAMED_MARCH.match(m.string, m.end()):
        return None  # "the March for Life", "the March of the Mothers": a name, not the month
    if mo is None or ("dir" in g and _DAY_AFTER.match(m.string, m.end())):
        return None  # "last Oct. 23" is a day (read by the day rule), not last October
    return Month(start=m.start(), end=m.end(), m=mo, point=g.get("point"),
                 y=year(g["year"]) if "year" in g else None,
                 rel=year_word_shift(g["yearword"]) if "yearword" in g else None,
                 dir=g["dir"].split()[-1].lower() if "dir" in g else None)


def _read_anniversary(m: re.Match[str]) -> Anniversary | None:
    word = m.group("ord")
    n = ordinal(word)
    return Anniversary(start=m.start(), end=m.end(), n=n, ordinal=word) if n else None


RULES = (
    Rule("iso", r"\b(?P<year>\d{{4}})-(?P<month>\d\d)-(?P<day>\d\d)\b", ("#digit",), _read_numeric,
         "1988-07-03"),
    Rule("numeric", r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d\d(?:\d\d)?)\b", ("#digit",),
         _read_numeric, "7/3/88"),
    Rule("numeric_day", r"\b(?:on|by|until|till|from|since|before|after|through|thru)\s+(?P<a>[0-3]?\d)/"
         r"(?P<b>[0-3]?\d)\b(?![/.,]\d)(?!\s+{fraction_nouns}\b)", ("#digit",), _read_numeric_day,
         "on 11/26"),  # not "3/4 of", "by 2/3 majority"
    Rule("dotted", r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:1[89]|20)\d\d)\b(?!\.\d)",
         ("#digit",), _read_numeric, "23.03.2015"),  # day first, as every calendar that writes dots does
    Rule("month_day", r"{start}{wd}(?:(?P<point>{point})[-\s]+)?(?P<month>{month})\s+{day}(?:\s*,?\s+{year})?"
         r"(?!\d|:\d|,\d){wd_after}",
         ("@months",), _read_day, "Sunday, July 3"),
    Rule("month_day_y", r"{start}{wd}(?P<month>{month})(?:\s*,)?\s+{day}\s*,\s*{year}\b", ("@months",), _read_day,
         "July 3, 1988"),  # also "January 26,2018 17:42", as a page's date line writes it, and "September, 1, 2004"
    Rule("day_range", r"{start}(?P<month>{month})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|until)\s*"
         r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{year})?\b(?!\d|:\d|,\d)", ("@months",), _read_day_range,
         "July 20-28, 1988"),
    Rule("day_month", r"{glued}{wd}(?:the\s+)?{day}\s+(?:of\s+)?(?P<month>{month})(?:,?\s+{year})?\b{wd_after}",
         ("@months",), _read_day, "the 3rd of July 1988"),
    Rule("month_year", r"{start}(?:(?P<point>{point})[-\s]+)?(?P<month>{month})(?:\s+of)?,?\s+{year}\b", ("@months",),
         _read_month, "early July 1988"),
    Rule("month_rel_year", r"\b(?P<month>{month})\s+(?:of\s+)?(?P<yearword>{year_word})", ("@months",), _read_month,
         "July last year"),
    Rule("month", r"\b(?:(?P<point>{point})[-\s]+)?(?P<month>{month})\b", ("@months",), _read_month,
         "in late July"),
    Rule("month_dir", r"\b(?P<dir>last|next|this|this\s+past|this\s+coming)\s+(?P<month>{month})\b",
         ("@months",), _read_month, "this past July"),
)

# "on the 20th", "by the 3rd": a day alone, after a preposition and before no noun ("on the 20th day",
# "the 4th of", "the 20th century" are something else)
DAY_OF_MONTH = Rule(
    "day_of_month", r"\b(?:on|by|until|till|from|since|before|after)\s+(?P<the>the\s+(?P<d>[1-9]|[12]\d|3[01])"
    r"(?:st|nd|rd|th))\b(?=\s*(?:[,.;:!?)]|$)|\s+(?:at|when|and|the|they|he|she|it|we|in|as|to|there)\b)",
    ("#digit",), lambda m: DayOfMonth(start=m.start("the"), end=m.end(), d=int(m["d"])), "on the 20th, they")

ANNIVERSARY = Rule("anniversary", r"\b(?:the\s+)?(?P<ord>{ordinal})(?:[-\s]+[A-Za-z]+){{0,2}}?\s+anniversary\b",
                   ("anniversary",), _read_anniversary, "the 30th anniversary")

def _plain_month(c: Candidate) -> bool:
    """A month named alone: no year, no 'last' or 'next' beside it."""
    return isinstance(c, Month) and c.y is None and c.rel is None and c.dir is None


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|until|till|through|or)\s*", re.I)


def join_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'July 20 to July 28, 1988': a year-less date takes the year of the full date that closes its range,
    and the story goes on from the start of a range, not its end. 'January-October' without a year: the
    first month is in the year the last one is given (or the year before, when it comes later in the year);
    'from March to October 1812': in the closing month's year."""
    for c, nxt in pairwise(cands):
        joined = _RANGE_GAP.fullmatch(text[c.end:nxt.start])
        if _plain_month(c) and _plain_month(nxt) and joined and c.m != nxt.m:  # type: ignore[attr-defined]
            c.until, nxt.range_end = nxt.m, True  # type: ignore[attr-defined]
            continue
        if _plain_month(c) and isinstance(nxt, Month) and nxt.y is not None and joined and c.m != nxt.m:
            c.y = nxt.y - (c.m > nxt.m)  # type: ignore[attr-defined]  # "from March to October 1812"
            nxt.range_end = True
            continue
        if not isinstance(c, Day) or not isinstance(nxt, Day) or nxt.y is None or not joined:
            continue
        nxt.range_end = True
        if c.y is None and valid(nxt.y, c.m, c.d):
            c.y = nxt.y
    return cands
