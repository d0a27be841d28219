"""Periods longer than a month: years, ranges of years, decades, centuries, seasons, halves and quarters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rashomon.extract.time.calendars import bounds
from rashomon.extract.time.candidates import Candidate, Resolved, Rule, Scene, groups
from rashomon.extract.time.lexicon import (
    alt,
    capitalised,
    ordinal,
    phrase_key,
    point,
    words,
    year,
    year_shift,
    year_word_shift,
)
from rashomon.extract.time.story import offset_words, story_year
from rashomon.extract.time.tense import tense


@dataclass(kw_only=True)
class Year(Candidate):
    kind = "year"
    y: int
    point: str | None = None

    def resolve(self, at: Scene) -> Resolved:
        return Resolved("DATE", f"{self.y:04d}", mod=point(self.point), sets_story=True)


@dataclass(kw_only=True)
class YearRange(Candidate):
    kind = "year_range"
    y: int
    y2: int

    def resolve(self, at: Scene) -> Resolved:
        return Resolved("DATE", f"{self.y:04d}/{self.y2:04d}")


@dataclass(kw_only=True)
class Decade(Candidate):
    kind = "decade"
    decade: int  # its first year
    point: str | None = None

    def resolve(self, at: Scene) -> Resolved:
        return Resolved("DATE", f"{self.decade // 10}X", mod=point(self.point))


@dataclass(kw_only=True)
class Century(Candidate):
    kind = "century"
    n: int
    point: str | None = None

    def resolve(self, at: Scene) -> Resolved:
        return Resolved("DATE", f"{self.n - 1:02d}XX", mod=point(self.point))


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month each begins in (winter runs into the next year)
_STORY_SEASONS = {"that": 0, "the same": 0, "the next": 1, "the following": 1, "the previous": -1,
                  "the preceding": -1}  # "that summer", "the next spring": counted from the story's date


@dataclass(kw_only=True)
class Season(Candidate):
    kind = "season"
    code: str  # SP SU FA WI
    year: str | None = None
    dir: str | None = None
    point: str | None = None

    def resolve(self, at: Scene) -> Resolved:
        mod, code, story, now, label = point(self.point), self.code, at.story, at.story.now, at.story.now_label
        if self.year:  # "the winter of 1992": the story is in that year
            return Resolved("DATE", f"{year(self.year)}-{code}", mod=mod, sets_story=True)
        direction = phrase_key(self.dir or "")
        if direction in _STORY_SEASONS and story.ref:
            return self._from_story(story.ref, _STORY_SEASONS[direction], story.ref_text, mod)
        shift = {"last": -1, "next": 1}.get(direction, _STORY_SEASONS.get(direction, 0))  # no story: from now
        said = tense(self, at.sentence, at.sentence_start)
        if direction in ("", "the") and (told := story_year(story, _SEASON_START[code], None, at.index, said)):
            return Resolved("DATE", f"{told[0]}-{code}", told[1], mod)  # "In May 1990 he left. By the fall ..."
        told_done = direction in ("", "the") and said == "past"
        if now and (direction == "this past" or told_done):  # the latest such season begun by publication
            y = max(y for y in (now.year - 1, now.year) if (bounds(f"{y}-{code}")[0] or now) <= now)
            return Resolved("DATE", f"{y}-{code}", f"the last such season up to the {label}", mod)
        if now and direction in ("", "the") and said == "future":  # "will reopen in the spring"
            y = min(y for y in (now.year, now.year + 1) if (bounds(f"{y}-{code}")[1] or now) >= now)
            return Resolved("DATE", f"{y}-{code}", f"the next such season from the {label}", mod)
        if now:
            return Resolved("DATE", f"{now.year + shift}-{code}", f"year from the {label}", mod)
        return Resolved("DATE", None, "season without a year and no publication date", mod)

    def _from_story(self, ref: tuple[int, int | None, int | None], n: int, ref_text: str, mod: str | None) -> Resolved:
        """'That summer' is the story's summer, 'the next spring' the first one after its date, 'the
        previous fall' the last one before it (counted by the year alone when the story gave no month)."""
        y, m, d = ref
        why = f"{offset_words('Y', n) if n else 'the same season as'} the story's last date ({ref_text})"
        if m is None:
            return Resolved("DATE", f"{y + n}-{self.code}", why, mod, sets_story=True)
        day, spans = date(y, m, d or 1), {c: _season_days(c, self.code) for c in range(y - 2, y + 3)}
        if n > 0:
            chosen = min(c for c, (first, _) in spans.items() if first > day)
        elif n < 0:
            chosen = max(c for c, (_, last) in spans.items() if last < day)
        else:  # the story's year's, but a winter the date falls in began the year before ("In January 1990
            chosen = y - 1 if day <= spans[y - 1][1] else y  # ... that winter" is 1989-WI, Dec. 1989 to Feb. 1990)
        return Resolved("DATE", f"{chosen}-{self.code}", why, mod, sets_story=True)  # the story moves on to it


def _season_days(y: int, code: str) -> tuple[date, date]:
    first, last = bounds(f"{y}-{code}")
    assert first and last
    return first, last


@dataclass(kw_only=True)
class HalfYear(Candidate):
    """'the last half of 1989': 1989-H2."""

    kind = "half_year"
    h: int
    year: str | None = None
    rel: int = 0

    def resolve(self, at: Scene) -> Resolved:
        if self.year:
            return Resolved("DATE", f"{year(self.year)}-H{self.h}", sets_story=False)
        now = at.story.now
        if not now:
            return Resolved("DATE", None, "half of a relative year but the publication date is unknown")
        return Resolved("DATE", f"{now.year + self.rel}-H{self.h}", f"year from the {at.story.now_label}")


@dataclass(kw_only=True)
class Quarter(Candidate):
    kind = "quarter"
    q: int
    year: str | None = None
    shift: int | None = None  # "next year's first quarter", "the year-ago third quarter"
    rel: int | None = None  # "of this year" 0, "of last year" -1: counted from the publication date

    def resolve(self, at: Scene) -> Resolved:
        story, now = at.story, at.story.now
        if self.year:
            y, why = year(self.year), None
        elif now and self.rel is not None:  # "the first quarter of this year"
            y, why = now.year + self.rel, f"year from the {story.now_label}"
        elif now:
            y, why = now.year, f"year from the {story.now_label}"
            if (now.month - 1) // 3 + 1 < self.q and tense(self, at.sentence, at.sentence_start) == "past":
                y, why = y - 1, f"the last such quarter before the {story.now_label} (the sentence tells it done)"
        elif story.quarter:
            y, why = story.quarter[0], "year from the quarter the story last named"
        else:
            return Resolved("DATE", None, "quarter without a year and no publication date")
        if self.shift:
            return Resolved("DATE", f"{y + self.shift}-Q{self.q}", why)
        if not now or (y, self.q) < (now.year, (now.month - 1) // 3 + 1):
            story.quarter = (y, self.q)  # results are reported for a closed quarter, not a forecast
        return Resolved("DATE", f"{y}-Q{self.q}", why)


@dataclass(kw_only=True)
class RefPeriod(Candidate):
    """'the quarter', 'the year-earlier period', 'the 1988 quarter': the quarter the story is about."""

    kind = "ref_period"
    phrase: str = ""
    shift: int | None = None
    ryear: str | None = None

    def resolve(self, at: Scene) -> Resolved:
        story, now, phrase = at.story, at.story.now, phrase_key(self.phrase)
        if "current" in phrase and now:  # the quarter the publication date falls in
            return Resolved("DATE", f"{now.year}-Q{(now.month - 1) // 3 + 1}", f"the {story.now_label}")
        q = story.quarter
        if q is None and now:
            k4 = now.year * 4 + (now.month - 1) // 3 - 1
            q = (k4 // 4, k4 % 4 + 1)
        if q is None:
            return Resolved("DATE", None, "no quarter named and no publication date")
        if self.ryear:  # "the 1988 quarter": the story's quarter in that year
            return Resolved("DATE", f"{self.ryear}-Q{q[1]}", "the quarter the story is about, in that year")
        if self.shift is not None or "year" in phrase:
            shift = -1 if self.shift is None else self.shift
            why = f"{offset_words('Y', shift)} the quarter the story is about"
            return Resolved("DATE", f"{q[0] + shift}-Q{q[1]}", why)
        return Resolved("DATE", f"{q[0]}-Q{q[1]}", "the quarter the story is about")


@dataclass(kw_only=True)
class SamePeriod(Candidate):
    """'the same period last year', 'the corresponding quarter a year earlier', 'the same month of 1997',
    'the quarter a year ago':
    the period the account last named (its half, quarter, month or season), in another year."""

    kind = "same_period"
    when: str  # "last year", "a year earlier", "1997" ...

    def resolve(self, at: Scene) -> Resolved:
        story, when = at.story, phrase_key(self.when)
        base = story.period
        if re.fullmatch(r"(?:1[0-9]|20)\d\d", when):
            y, why = int(when), "the year it names"
        elif when == "last year" and story.now:
            y, why = story.now.year - 1, f"the year before the {story.now_label}"
        elif base:  # "a year earlier", "the previous year": counted from the period itself
            y, why = int(base[:4]) - 1, "the year before that period"
        elif story.now:
            y, why = story.now.year - 1, f"the year before the {story.now_label}"
        else:
            return Resolved("DATE", None, "no period named before it and no publication date")
        if base is None:
            return Resolved("DATE", str(y), why + "; the account named no period before it")
        return Resolved("DATE", f"{y:04d}{base[4:]}", f"the period the account last named ({base}), {why}")


# ---------------------------------------------------------------------------------------------
# Readers


_UNIT_AFTER = re.compile(r"\s+(?:years?|days?|months?|weeks?|decades?|centuries)\b", re.I)


_DECADE_BEFORE = re.compile(r"\d0['’]?s\s+(?:and|or|to|through|into)\s+$", re.I)  # "the 1980's and 1990's"


def _read_year(m: re.Match[str]) -> Year | None:
    g = groups(m)
    y = year(g["year"])
    if not g["year"].isdigit() and _UNIT_AFTER.match(m.string, m.end()):
        return None  # "two thousand years": a count, not a year
    if y % 10 == 0 and m.group(0).endswith("'s") and ("point" in g or _DECADE_BEFORE.search(
            m.string, max(0, m.start() - 30), m.start())):
        return None  # "the late 1970's" is the decade, as "the late 1970s" (the decade rule reads it)
    if "point" not in g and not re.search(r"year|fiscal|calendar", m.group(0), re.I) and not 1800 <= y <= 2100:
        return None
    return Year(start=m.start(), end=m.end(), y=y, point=g.get("point"))


def _read_year_range(m: re.Match[str]) -> YearRange | None:
    y1, y2 = year(m.group("year")), m.group("year2")
    last = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    return YearRange(start=m.start(), end=m.end(), y=y1, y2=last) if y1 < last <= y1 + 120 else None


_MEASURE_REACH = 60  # characters either side of a decade written without its century read for a measure


def _decade_said(m: re.Match[str]) -> bool:
    """'the 60's', 'the late 90s' is a decade unless a measure is near ("highs in the 60s", "temperatures
    in the 90's"; list `not_decades`): the decade is no count of degrees or miles an hour."""
    near = m.string[max(0, m.start() - _MEASURE_REACH):m.end() + _MEASURE_REACH]
    return re.search(rf"\b{alt(words()['not_decades'])}\b", near, re.I) is None


def _read_decade(m: re.Match[str]) -> Decade | None:
    g = groups(m)
    if "dword" in g:  # "the nineties"
        first = int(words()["decade_words"][g["dword"].lower()]) * 10
        return Decade(start=m.start(), end=m.end(), decade=first, point=g.get("point2"))
    joined = _DECADE_BEFORE.search(m.string, max(0, m.start() - 30), m.start())  # "the 60's and 70's"
    if "bare" in g and not (("the" in g or "point" in g or joined) and _decade_said(m)):
        return None  # "60's" alone, "in the 60s" of a thermometer: no decade
    first = int(g["decade"]) if "decade" in g else 1900 + int(g.get("short") or g["bare"])
    return Decade(start=m.start(), end=m.end(), decade=first, point=g.get("point"))


def _read_century(m: re.Match[str]) -> Century:
    return Century(start=m.start(), end=m.end(), n=ordinal(m.group("ord")) or 0, point=m.group("point"))


_SEASON_PREPOSITION = re.compile(r"\b(?:in|by|during|until|till|through|since|before|after|over|for|from|of|"
                                 r"into|throughout|at|early|late|mid)\s+$", re.I)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’]?\s+|\n)$")
_BARE_PREPOSITION = re.compile(r"\b(?i:in|by|until|till|through|since|before|after|during)\s+$")
_BARE_SEASON = re.compile(r"\s*(?:[,.;:!?)]|$|\s(?:and|or|but|when|as|to|with|at|on|in|the|a|an|after|before"
                          r"|because|if|while|until|whether|so|for|from|than|though|although|this|that|his|her"
                          r"|their|its|it|he|she|they|we|i)\b)")
_OF_A_NAME = re.compile(r"\s+of\s+(?!(?:1[0-9]|20)\d\d\b|that\b|this\b|last\b|next\b)", re.I)


# a capitalised word after a capitalised season that makes it part of a name ("the Winter Revolution"),
# or before it ("the Prague Spring"); a word of time is no name ("Winter 2003", "Last Spring")
_NAME_WORD_AFTER = re.compile(r"[ \t]+(?P<w>[A-Z][a-z]+)\b")
_NAME_WORD_BEFORE = re.compile(r"(?:^|[^\w.!?:\n][ \t]*)\b(?P<lead>[a-z]+)[ \t]+(?P<w>[A-Z][a-z]+)[ \t]+$")


def _in_a_name(m: re.Match[str]) -> bool:
    """A season word inside a name ("the Winter Revolution on 20 January 2003", "the Prague Spring"):
    written with a capital in prose (after a word in lower case) beside another capitalised word that
    is no word of time. A title-case heading ("Last Winter Was Harsh") is left alone."""
    text, at, end = m.string, m.start("season"), m.end("season")
    if not capitalised(text[at:end]):
        return False
    time_words = {*words()["season_name_words"], *words()["months"], *words()["weekdays"]}
    after = _NAME_WORD_AFTER.match(text, end)
    if after and after["w"].lower() not in time_words and re.search(r"\b[a-z]+[ \t]+$", text[max(0, at - 30):at]):
        return True  # "the Winter Revolution", "during the Spring Offensive"
    before = _NAME_WORD_BEFORE.search(text, max(0, at - 40), at)
    return before is not None and before["w"].lower() not in time_words


def _read_season(m: re.Match[str]) -> Season | None:
    g = groups(m)
    if _in_a_name(m):
        return None
    bare = not g.get("dir") and "year" not in g and "point" not in g
    if bare and not (_BARE_PREPOSITION.search(m.string, max(0, m.start() - 8), m.start())
                     and _BARE_SEASON.match(m.string, m.end())):
        return None  # a bare "spring" or "fall" is a time only after a preposition and not before a noun it
        # qualifies: "by spring the council will vote", "closed until autumn."; not "in winter coats"
    if "year" not in g and _OF_A_NAME.match(m.string, m.end()):
        return None  # "the fall of the city", "the summer of love": a thing, no season
    direction = phrase_key(g.get("dir", ""))
    if (g["season"].lower() in words()["noun_seasons"] and "year" not in g and "point" not in g
            and direction in ("the", "that") and not _SEASON_PREPOSITION.search(m.string, max(0, m.start() - 15),
                                                                                 m.start())
            and not (direction == "that" and _SENTENCE_START.search(m.string, max(0, m.start() - 4), m.start()))):
        return None  # "announced the fall", "prices that fall": no season; "in the fall", "That spring," are
    return Season(start=m.start(), end=m.end(), code=words()["seasons"][g["season"].lower()], year=g.get("year"),
                  dir=g.get("dir"), point=g.get("point"))


def _read_half_year(m: re.Match[str]) -> HalfYear:
    g = groups(m)
    return HalfYear(start=m.start(), end=m.end(), h=int(words()["halves"][g["half"].lower()]), year=g.get("year"),
                    rel=_year_word(g.get("yearword")) or 0)


def _year_word(said: str | None) -> int | None:
    """'this year' 0, 'last year' -1; 'the year' (the one the report is in) 0; None when none is said."""
    if not said:
        return None
    return 0 if re.fullmatch(r"the\s+year", said, re.I) else year_word_shift(said)


_THE = re.compile(r"the\s+", re.I)


def _after_the(m: re.Match[str], adjective: bool) -> int:
    """Where the timex starts: after "the" when the period is an adjective ("the third-quarter loss", "the
    year-ago figure"): "the" goes with the noun after it, and TimeML leaves it out of the span."""
    the = _THE.match(m.string, m.start())
    return the.end() if adjective and the else m.start()


_GAME_REACH = 150  # characters either side of a bare quarter read for a game's words


def _in_a_game(m: re.Match[str]) -> bool:
    """'scored twice in the second quarter and led at halftime': a quarter of a game, no quarter of a year
    (words of `game_words` near it)."""
    near = m.string[max(0, m.start() - _GAME_REACH):m.end() + _GAME_REACH]
    return re.search(rf"\b{alt(words()['game_words'])}\b", near, re.I) is not None


def _read_quarter(m: re.Match[str]) -> Quarter | None:
    g = groups(m)
    if not {"qyear", "year", "yearword", "qshift"} & g.keys() and _in_a_game(m):
        return None
    hyphened = "year" not in g and m.string[m.end("qord"):m.end("qord") + 1] == "-"  # "third-quarter"
    return Quarter(start=_after_the(m, hyphened), end=m.end(), q=int(words()["quarters"][g["qord"].lower()]),
                   year=g.get("qyear") or g.get("year"), rel=_year_word(g.get("yearword")),
                   shift=year_shift(g["qshift"]) if "qshift" in g else None)


def _read_ref_period(m: re.Match[str]) -> RefPeriod:
    g = groups(m)
    adjective = bool(re.fullmatch(r"(?:the\s+)?year[-\s](?:earlier|ago)", g.get("phrase", ""), re.I))
    return RefPeriod(start=_after_the(m, adjective), end=m.end(), phrase=g.get("phrase", ""), ryear=g.get("ryear"),
                     shift=year_shift(g["qshift"]) if "qshift" in g else None)


_OF_YEAR = r"of\s+(?:{year}|(?P<yearword>{year_word}|the\s+year))"  # "of 1989", "of this year", "of the year"
_DIGITS = ("#digit", "eighteen", "nineteen", "twenty", "thousand")

RULES = (
    Rule("year", r"(?<![\d$£€#.,/-])\b(?:(?P<point>{point})[-\s]+)?(?:(?:fiscal|calendar|the\s+year)\s+)?"
         r"{year}(?:'s)?\b(?![-/]?\d|[,.]\d|\s*(?:%|percent)|\s*{sh_era})", _DIGITS, _read_year, "in early 1988"),
    Rule("year_range", r"(?<![\d$#.,])\b{year}\s*[-–—]\s*(?P<year2>(?:1[0-9]|20)\d\d|\d\d)\b(?![-/]?\d)",
         ("#digit",), _read_year_range, "1980-88"),
    Rule("decade", r"(?:\b(?P<the>the\s+)?(?:(?P<point>{point})[-\s]+)?|(?<![\w'’]))"
         r"(?:(?P<decade>1\d\d0|20\d0)['’]?s|['’](?P<short>\d0)s|(?P<bare>[1-9]0)['’]?s)\b"
         r"|\bthe\s+(?:(?P<point2>{point})[-\s]+)?(?P<dword>{decade_words})\b", ("#digit", "@decade_words"),
         _read_decade, "the late 1980s"),
    Rule("century", r"\b(?:the\s+)?(?:(?P<point>{point})[-\s]+)?(?P<ord>{ordinal})[-\s]+century\b", ("century",),
         _read_century, "the 20th century"),
    Rule("season", r"\b(?:(?P<point>{point})[-\s]+)?(?:(?P<dir>this\s+past|this|last|next|that|the\s+(?:same|next|"
         r"following|previous|preceding)|the)\s+)?"
         r"(?P<season>{season})(?:\s+(?:of\s+)?{year})?\b", ("@seasons",), _read_season, "last spring"),
    Rule("half_year", r"\b(?:the\s+)?(?P<half>{halves})\s+half\s+" + _OF_YEAR + r"\b",
         ("half",), _read_half_year, "the first half of 1989"),
    Rule("quarter", r"\b(?:the\s+)?(?:(?P<qshift>{shifts})[-\s]+|(?:this|last|next|fiscal|{qyear})[-\s]+)?"
         r"(?P<qord>{quarters})[-\s]+quarter(?:\s+" + _OF_YEAR + r")?\b", ("quarter",),
         _read_quarter, "the third quarter of 1989"),
)

SAME_PERIOD = Rule(
    "same_period", r"\bthe\s+(?:(?:same|corresponding|comparable)\s+(?:period|quarter|month|season)"
    r"(?:\s+(?:of|in))?\s+(?P<when>last\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior)\s+year"
    r"|the\s+year\s+before|(?:1[0-9]|20)\d\d)"
    r"|(?:period|quarter)\s+(?P<when2>a\s+year\s+(?:earlier|ago|before)))\b",  # "the quarter a year ago"
    ("same", "corresponding", "comparable", "quarter", "period"),
    lambda m: SamePeriod(start=m.start(), end=m.end(), when=m.group("when") or m.group("when2")),
    "the same period last year")

REF_PERIOD = Rule(
    "ref_period", r"\b(?P<phrase>the\s+(?:latest|current|same)\s+(?:quarter|period)|the\s+quarter"
    r"|(?:the\s+)?year[-\s](?:earlier|ago)(?:\s+(?:quarter|period))?)\b"
    r"|\b(?:the\s+)?(?P<qshift>{shifts})\s+(?:quarter|period)\b"
    r"|\bthe\s+(?P<ryear>(?:19|20)\d\d)\s+(?:quarter|period)\b", ("quarter", "period", "earlier", "ago"),
    _read_ref_period, "the year-earlier period")
