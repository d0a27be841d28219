"""The `time` stage: find temporal expressions, normalise them TIMEX3-style and anchor them.

A rule-based tagger in the HeidelTime tradition: regular expressions built from the word lists in
`data/time.yaml` find candidate spans (longest match wins), then one pass in reading order resolves
each against what a historian would use:

- deictic words ("yesterday", "last week", "On this day in 1988") against the publication date,
  or the embedded post's own date for text inside a post;
- year-less and anaphoric expressions ("July 25", "That same day", "Two days later") against the
  narrative: the last date the story itself set (citations, titles and posts do not move it);
- anniversaries back to the year of the event they mark; "the eve of X" to the date the document
  gives for X.

What cannot be anchored keeps value None and says why in `anchor`; nothing is guessed.

Public entry points: `tag(text, published)` works on plain text (no spaCy), `find_timexes(doc,
segments, published)` adds what the document's structure knows (posts, boilerplate, headings).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import Any

from rashomon.ingest.parse import text_of
from rashomon.records import Segment, Timex
from rashomon.resources import load_yaml

Span = tuple[int, int]


# ---------------------------------------------------------------------------------------------
# Knowledge and patterns


@dataclass(frozen=True)
class _Lexicon:
    """The contents of data/time.yaml, plus the regular expressions built from it."""

    words: dict[str, Any]
    patterns: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]  # kind, regex, trigger words


def _alt(words: Sequence[str], dot: bool = False) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?:{body})" + (r"\.?" if dot else "")


@cache
def _lexicon() -> _Lexicon:
    """Load the knowledge file once and compile the patterns (case-insensitive)."""
    words = load_yaml("time.yaml")
    month = _alt(words["months"], dot=True)
    weekday = _alt(words["weekdays"], dot=True)
    point = _alt(words["fuzzy"]["point"])
    amount = _alt(words["fuzzy"]["amount"])
    digits = r"\d+(?:[.,]\d+)?"
    small = _alt([w for w, v in words["numbers"].items() if isinstance(v, int) and v < 10])
    tens = _alt([w for w, v in words["numbers"].items() if isinstance(v, int) and 10 <= v < 100])
    number = rf"(?:{digits}|{tens}(?:[-\s]{small})?|{_alt(words['numbers'])}|an?)"
    units = _alt(list(words["units"]))
    ordinal = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{_alt(words['ordinals'])})"
    units_words = _alt([w for w, v in words["numbers"].items() if isinstance(v, int) and v < 10])
    teens_tens = _alt([w for w, v in words["numbers"].items() if isinstance(v, int) and 10 <= v < 100
                       and " " not in w])
    spoken = (rf"(?:nineteen|eighteen|twenty)[-\s]+(?:hundred|{teens_tens}(?:[-\s]+{units_words})?)"
              rf"|two\s+thousand(?:\s+and)?(?:[-\s]+(?:{teens_tens}|{units_words}))?")
    year = rf"(?P<year>(?:1[0-9]|20)\d\d|{spoken})"
    qyear = year.replace("?P<year>", "?P<qyear>")
    shmonth = _alt(words["solar_hijri_months"])
    sh_era = r"(?:\(?(?:SH|S\.H\.|AP|A\.P\.|HS|Solar\s+Hijri)\b\)?)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    wd = rf"(?:(?P<weekday>{weekday}),?\s+)?"
    season = _alt(words["seasons"])
    part = _alt(words["parts_of_day"])
    rel = _alt(words["later_words"] + words["earlier_words"] + words["ago_words"])
    to_the_day = _alt(words["to_the_day"])
    year_word = r"(?:(?:the\s+)?(?:this|last|next|previous|same)\s+year(?:'s)?)"
    closing = rf"{_alt(words['closing_words'])}\b"
    shifts = _alt(words["year_shifts"])
    unit_adj = _alt(words["unit_adjectives"])
    pats = {
        "iso": r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b",
        "numeric": r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d\d(?:\d\d)?)\b",
        "month_day": rf"\b{wd}(?:(?P<point>{point})[-\s]+)?(?P<month>{month})\s+{day}"
        rf"(?:,?\s+{year})?(?!\d|:\d|,\d)",
        "month_day_y": rf"\b{wd}(?P<month>{month})\s+{day},\s+{year}\b",
        "day_range": rf"\b(?P<month>{month})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|to|until)\s*"
        rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{year})?\b(?!\d|:\d|,\d)",
        "day_month": rf"\b{wd}(?:the\s+)?{day}\s+(?:of\s+)?(?P<month>{month})(?:,?\s+{year})?\b",
        "month_year": rf"\b(?:(?P<point>{point})[-\s]+)?(?P<month>{month})(?:\s+of)?,?\s+{year}\b",
        "month_rel_year": rf"\b(?P<month>{month})\s+(?P<yearword>{year_word})",
        "month": rf"\b(?:(?P<point>{point})[-\s]+)?(?P<month>{month})\b",
        "month_dir": rf"\b(?P<dir>last|next|this|this\s+past|this\s+coming)\s+(?P<month>{month})\b",
        "year": rf"(?<![\d$£€#.,/-])\b(?:(?P<point>{point})[-\s]+)?(?:(?:fiscal|calendar|the\s+year)\s+)?"
        rf"{year}(?:'s)?\b(?![-/]?\d|,\d|\s*(?:%|percent)|\s*{sh_era})",
        "year_range": rf"(?<![\d$#.,])\b{year}\s*[-–—]\s*(?P<year2>(?:1[0-9]|20)\d\d|\d\d)\b(?![-/]?\d)",
        "decade": rf"\b(?:the\s+)?(?:(?P<point>{point})[-\s]+)?"
        rf"(?:(?P<decade>1\d\d0|20\d0)'?s|'(?P<short>\d0)s)\b"
        rf"|\bthe\s+(?:(?P<point2>{point})[-\s]+)?(?P<dword>{_alt(words['decade_words'])})\b",
        "century": rf"\b(?:the\s+)?(?:(?P<point>{point})[-\s]+)?(?P<ord>{ordinal})[-\s]+century\b",
        "season": rf"\b(?:(?P<point>{point})[-\s]+)?(?:(?P<dir>this\s+past|this|last|next|the)\s+)?(?P<season>{season})"
        rf"(?:\s+(?:of\s+)?{year})?\b",
        "half_year": rf"\b(?:the\s+)?(?P<half>{_alt(words['halves'])})\s+half\s+of\s+"
        rf"(?:{year}|(?P<yearword>{year_word}))\b",
        "quarter": rf"\b(?:the\s+)?(?:(?P<qshift>{shifts})[-\s]+|(?:this|last|next|fiscal|{qyear})[-\s]+)?"
        rf"(?P<qord>first|second|third|"
        rf"fourth|1st|2nd|3rd|4th)[-\s]+quarter(?:\s+of\s+{year})?\b",
        "solar_hijri": rf"\b(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<shmonth>{shmonth})"
        rf"|(?P<shmonth2>{shmonth})\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)(?:,?\s+(?P<shyear>1[2-4]\d\d))?"
        rf"(?:\s*{sh_era})?\b|\b(?:(?P<shmonth3>{shmonth})\s+)?(?P<shyear2>1[2-4]\d\d)\s*{sh_era}",
        "this_day_in": rf"\b(?:on\s+)?this\s+(?:very\s+)?(?:day|date)\s+in\s+(?:the\s+year\s+)?{year}\b",
        "anniversary": rf"\b(?:the\s+)?(?P<ord>{ordinal})(?:[-\s]+[A-Za-z]+){{0,2}}?\s+anniversary\b",
        "event_rel": rf"\b(?:on\s+)?(?P<phrase>{_alt(words['event_offsets'])})\s+"
        rf"(?P<np>(?:[\w’'-]+\s+){{0,3}}[\w’'-]+)",
        "deictic": rf"\b(?P<phrase>{_alt(words['deictic'])})\b",
        "anaphoric": rf"\b(?P<phrase>{_alt(words['anaphoric'])})\b",
        "reference": rf"\b(?P<phrase>{_alt(words['references'])})\b",
        "current_period": rf"\b(?P<phrase>{_alt(words['current_periods'])})\b(?![-’']\w)(?!\s+{closing})",
        "period_ended": rf"\bthe\s+(?:(?:fiscal|financial)\s+)?(?P<unit>{_alt(words['closing_units'])})"
        rf"(?=\s+{closing})",
        "duration": rf"\b(?:(?P<amount>{amount})\s+)?"
        rf"(?:(?P<span>the\s+(?:past|last|next|first|coming|previous|"
        rf"following|final)|another|an\s+additional)\s+)?(?P<halfof>half\s+(?=an?\s))?(?P<num>{number})(?P<half>\s+and\s+a\s+half|[-\s]+1/2|\s*½)?"
        rf"(?:[-\s]+{unit_adj})?[-\s]+(?P<unit>{units})s?\b(?P<half2>\s+and\s+a\s+half\b)?(?P<long>-long|-old)?(?:\s+(?P<rel>{rel})\b"
        rf"(?P<today>\s+{to_the_day})?)?(?!-)",
        "units_plural": rf"\b(?:(?P<span>the\s+past|the\s+last|the\s+coming|the\s+next|recent|"
        rf"several|many|some|few)\s+)(?P<unit>{units})s?\b"
        rf"|(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\bover\s))(?P<bare>(?:days|weeks|months|years|decades))\b"
        rf"|(?<=\bover\s)the\s+(?P<bare2>years|decades)\b"
        rf"|\bthe\s+(?P<bare3>days|weeks|months|years|decades)\s+{_alt(words['plural_after'])}\b"
        rf"|\b(?P<bare4>days|weeks|months|years|decades)(?=-long\b)",
        "holiday": rf"\b(?:(?P<dir>last|next|this)\s+)?(?P<holiday>{_alt(words['holidays'])})"
        rf"(?:,?\s+{year})?\b",
        "clock": r"\b(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
        r"|\b(?P<hour24>[0-2]?\d):(?P<minute24>[0-5]\d)\b(?:\s+(?P<zone>GMT|UTC|[A-Z]{2,3}T))?"
        r"|\b(?P<noon>noon|midnight|midday)\b",
        "weekday": rf"\b(?:(?P<dir>last|next|this|early|late)\s+)?(?P<weekday>{weekday})"
        rf"(?:\s+(?P<part>{part}))?\b",
        "part_of_day": rf"\b(?P<dir>this|last|yesterday|tomorrow)\s+(?P<part>{part})\b"
        r"|\b(?P<tonight>tonight)\b",
        "set": rf"\b(?:(?:every|each|per)\s+(?:other\s+)?(?:(?P<num>{number})\s+)?"
        rf"(?P<unit>{units}|{weekday})s?"
        rf"|(?:once|twice|{number}\s+times)\s+(?:a|an|per|each)\s+(?P<unit2>{units})"
        rf"|(?P<word>{_alt(words['set_words'])}))\b",
        "ref_period": r"\b(?P<phrase>the\s+(?:latest|current|same)\s+(?:quarter|period)|the\s+quarter"
        r"|(?:the\s+)?year[-\s](?:earlier|ago)(?:\s+(?:quarter|period))?)\b"
        rf"|\b(?:the\s+)?(?P<qshift>{shifts})\s+(?:quarter|period)\b"
        rf"|\bthe\s+(?P<ryear>(?:19|20)\d\d)\s+(?:quarter|period)\b",
    }
    triggers = _triggers(words)
    return _Lexicon(words, tuple((k, re.compile(v, re.IGNORECASE), triggers[k]) for k, v in pats.items()))


DIGIT = "#digit"  # trigger standing for any word with a digit in it


def _last_words(phrases: Any) -> set[str]:
    return {str(p).lower().split()[-1].rstrip(".") for p in phrases}


def _triggers(words: dict[str, Any]) -> dict[str, frozenset[str]]:
    """For each pattern, words one of which every match contains: the text is only searched near them.

    This keeps the stage cheap (time words are sparse) without changing what the patterns find.
    """
    months = {w.lower() for w in words["months"]}
    weekdays = {w.lower() for w in words["weekdays"]}
    units = {u.lower() for u in words["units"]} | {u.lower() + "s" for u in words["units"]}
    spoken = {"eighteen", "nineteen", "twenty", "thousand"}
    digits = {DIGIT} | spoken
    t = {
        "solar_hijri": {w.lower() for w in words["solar_hijri_months"]} | {"sh", "ap", "hs", "hijri"},
        "iso": {DIGIT}, "numeric": {DIGIT}, "month_day": months, "month_day_y": months, "day_range": months,
        "day_month": months,
        "month_year": months, "month_rel_year": months, "month": months, "month_dir": months, "year": digits,
        "year_range": {DIGIT}, "decade": {DIGIT} | {w.lower() for w in words["decade_words"]},
        "century": {"century"}, "season": {w.lower() for w in words["seasons"]},
        "quarter": {"quarter"}, "half_year": {"half"}, "this_day_in": {"day", "date"}, "anniversary": {"anniversary"},
        "event_rel": _last_words(words["event_offsets"]) | {"eve", "day"},
        "deictic": _last_words(words["deictic"]), "anaphoric": _last_words(words["anaphoric"]),
        "reference": _last_words(words["references"]),
        "current_period": _last_words(words["current_periods"]),
        "period_ended": {u.lower() for u in words["closing_units"]},
        "duration": units, "units_plural": units, "holiday": _last_words(words["holidays"]),
        "clock": {DIGIT, "noon", "midnight", "midday"}, "weekday": weekdays,
        "part_of_day": {w.lower() for w in words["parts_of_day"]} | {"tonight"},
        "set": {"every", "each", "per", "once", "twice", "times"} | {w.lower() for w in words["set_words"]},
        "ref_period": {"quarter", "period", "earlier", "ago"},
    }
    return {k: frozenset(v) for k, v in t.items()}


# ---------------------------------------------------------------------------------------------
# Candidates: spans with what they say, before any anchoring


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    f: dict[str, Any] = field(default_factory=dict)


def _number(word: str) -> float | None:
    """'eight' -> 8, 'twenty-four' -> 24, '48' -> 48, 'a' -> 1, 'several' -> None (unknown)."""
    lex = _lexicon().words["numbers"]
    w = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", w):
        return float(w.replace(",", ""))
    if w in ("a", "an"):
        return 1
    if w in lex:
        return None if lex[w] == "X" else float(lex[w])
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and all(p in lex and lex[p] != "X" for p in parts):
        return float(lex[parts[0]] + lex[parts[1]])
    return None


def _year(word: str) -> int:
    """'1988' -> 1988, 'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    if word.isdigit():
        return int(word)
    w = re.sub(r"[-\s]+", " ", word.lower()).replace(" and ", " ").split()
    if w[:2] == ["two", "thousand"]:
        return 2000 + int(_number(" ".join(w[2:])) or 0) if len(w) > 2 else 2000
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[w[0]]
    return century + (0 if w[1:] == ["hundred"] else int(_number(" ".join(w[1:])) or 0))


def _ordinal(word: str) -> int | None:
    m = re.match(r"(\d+)", word)
    return int(m.group(1)) if m else _lexicon().words["ordinals"].get(word.lower())


def _month(word: str | None) -> int | None:
    return None if word is None else _lexicon().words["months"].get(word.lower().rstrip("."))


def _capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()


def _point(word: str | None) -> str | None:
    return None if not word else _lexicon().words["fuzzy"]["point"].get(re.sub(r"\s+", " ", word.lower()))


_AMBIGUOUS_MONTHS = {"may", "mar", "jan", "jun", "jul", "sep", "oct", "dec", "sept"}  # alone: names, words


def _candidate(kind: str, m: re.Match[str]) -> _Candidate | None:
    """Read one regex match into a candidate, or None when the match is not a time after all."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    c = _Candidate(m.start(), m.end(), kind, g)
    lex = _lexicon().words
    if "month" in g and kind not in ("iso", "numeric"):
        bare = kind == "month" and "point" not in g
        if not _capitalised(g["month"]) or (bare and g["month"].lower().rstrip(".") in _AMBIGUOUS_MONTHS):
            return None
        g["m"] = _month(g["month"])
    # "Sun", "Wed" without a dot, or a lower-case weekday, are words or names more often than days
    if "weekday" in g and (not _capitalised(g["weekday"]) or
                           (len(g["weekday"].rstrip(".")) <= 4 and not g["weekday"].endswith("."))):
        if kind == "weekday":
            return None
        del g["weekday"]  # "Mon July 3": keep the date without the doubtful weekday
        c.start = min(m.start(k) for k in ("month", "day") if k in g)
    if kind in ("iso", "numeric"):
        y = int(g["year"])  # digits only in these two patterns
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        c.f.update(y=y, m=int(g["month"]), d=int(g["day"]))
        if not _valid(y, c.f["m"], c.f["d"]):
            return None
        c.kind = "full"
    elif kind == "day_range":
        d, d2 = int(g["day"]), int(g["day2"])
        y = _year(g["year"]) if "year" in g else None
        if not 1 <= d < d2 <= 31 or (y and not _valid(y, g["m"], d2)):
            return None
        c.f.update(d=d, d2=d2, y=y)
    elif kind in ("month_day", "month_day_y", "day_month"):
        d = int(g["day"])
        if not 1 <= d <= 31:
            return None
        c.f.update(d=d, y=_year(g["year"]) if "year" in g else None)
        if c.f["y"] and not _valid(c.f["y"], g["m"], d):
            return None
        c.kind = "full" if c.f["y"] else "partial"
    elif kind == "month_year":
        c.f["y"] = _year(g["year"])
        c.kind = "month"
    elif kind == "month_dir":
        c.kind = "month"
        c.f["dir"] = g["dir"].split()[-1].lower()
    elif kind == "month_rel_year":
        c.kind = "month"
        c.f["rel"] = {"this": 0, "same": 0, "last": -1, "previous": -1, "next": 1}[
            re.search(r"this|same|last|previous|next", g["yearword"], re.I).group(0).lower()]
    elif kind == "year":
        if "point" not in g and not re.search(r"year|fiscal|calendar", m.group(0), re.I) and \
                not (1800 <= _year(g["year"]) <= 2100):
            return None
        c.f["y"] = _year(g["year"])
    elif kind == "year_range":
        y1, y2 = _year(g["year"]), g["year2"]
        y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        if not y1 < y2 <= y1 + 120:
            return None
        c.f.update(y=y1, y2=y2)
    elif kind == "decade":
        if "dword" in g:  # "the nineties"
            c.f["decade"] = int(lex["decade_words"][g["dword"].lower()]) * 10
            if "point2" in g:
                g["point"] = g["point2"]
        else:
            c.f["decade"] = int(g["decade"]) if "decade" in g else 1900 + int(g["short"])
    elif kind == "century":
        c.f["n"] = _ordinal(g["ord"])
    elif kind == "season":
        if not g.get("dir") and "year" not in g and "point" not in g:
            return None  # a bare "spring" or "fall" is too often not a time
        c.f["code"] = lex["seasons"][g["season"].lower()]
    elif kind == "half_year":
        c.f["h"] = int(lex["halves"][g["half"].lower()])
        if "yearword" in g:
            c.f["rel"] = {"this": 0, "same": 0, "last": -1, "previous": -1, "next": 1}[
                re.search(r"this|same|last|previous|next", g["yearword"], re.I).group(0).lower()]
    elif kind == "quarter":
        if "qyear" in g:
            g["year"] = g["qyear"]
        if "qshift" in g:
            c.f["shift"] = _year_shift(g["qshift"])
        c.f["q"] = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                    "4th": 4}[g["qord"].lower()]
    elif kind == "solar_hijri":
        month = g.get("shmonth") or g.get("shmonth2") or g.get("shmonth3")
        if month and not _capitalised(month):
            return None
        c.f.update(jm=lex["solar_hijri_months"][month.lower()] if month else None,
                   jd=int(g.get("day") or g.get("day2") or 0) or None,
                   jy=int(g.get("shyear") or g.get("shyear2") or 0) or None)
        if c.f["jd"] and not 1 <= c.f["jd"] <= (31 if c.f["jm"] <= 6 else 30):
            return None
    elif kind == "anniversary":
        c.f["n"] = _ordinal(g["ord"])
        if not c.f["n"]:
            return None
    elif kind == "event_rel":
        return _event_candidate(c, m)
    elif kind in ("duration", "units_plural"):
        for key in ("bare2", "bare3", "bare4"):  # "over the years", "the weeks ahead": uncounted like a bare plural
            if key in g:
                g["bare"] = g.pop(key)
        if "bare" in g:
            c.f["unit"] = g["bare"][:-1]
        return _duration_candidate(c, m)
    elif kind == "holiday":
        if not _capitalised(g["holiday"]):
            return None
        c.f["rule"] = lex["holidays"][re.sub(r"\s+", " ", g["holiday"].lower())]
    elif kind == "set":
        return c
    elif kind == "ref_period" and "qshift" in g:
        c.f["shift"] = _year_shift(g["qshift"])
    return c


def _year_shift(words: str) -> int:
    return int(_lexicon().words["year_shifts"][re.sub(r"\s+", " ", words.lower())])


def _event_candidate(c: _Candidate, m: re.Match[str]) -> _Candidate | None:
    """'the eve of the aggression': keep the noun phrase up to the event noun it names."""
    lex = _lexicon().words
    phrase = re.sub(r"\s+", " ", c.f["phrase"].lower())
    nouns = {n.lower() for n in lex["event_nouns"]}
    words = list(re.finditer(r"[\w’'-]+", m.group("np")))
    if words and words[0].group(0)[0].isupper() and words[0].group(0).lower() in lex["months"]:
        return None  # "the night of March 13": a date, not an event called "march"
    head = next((w for w in words if w.group(0).lower() in nouns or w.group(0).lower().rstrip("s") in nouns),
                None)
    if head is None:
        if not phrase.endswith(" of") or not words:
            return None
        determiner = words[0].group(0).lower() in ("the", "this", "that", "his", "her", "their", "its")
        head = words[1] if determiner and len(words) > 1 else words[0]
    c.end = m.start("np") + head.end()
    c.f.update(offset=lex["event_offsets"][phrase], noun=head.group(0).lower())
    return c


def _duration_candidate(c: _Candidate, m: re.Match[str]) -> _Candidate | None:
    unit = _lexicon().words["units"][c.f["unit"].lower().rstrip(".")]
    raw = c.f.get("num")
    n = _number(raw) if raw else None
    if raw and n is None and _lexicon().words["numbers"].get(raw.lower()) != "X":
        return None
    if c.f.get("long", "").lower() == "-old" or re.match(r"\s+old\b", m.string[m.end():m.end() + 5]):
        return None  # "a 44-year-old man", "Mr. Reupke, 52 years old": an age, not a time
    if raw and re.fullmatch(r"(1[89]|20)\d\d", raw):
        return None  # "the 1988 quarter" names a year, it is not 1988 quarters
    if raw and raw.lower() in ("a", "an") and unit in ("S", "Q"):
        return None  # "a second war", "a quarter of the vote"
    if raw and raw.lower() in ("a", "an") and m.string[m.end("unit"):m.end("unit") + 1] in ("s", "S"):
        return None  # "a years-long dispute": the article goes with the noun, the years are uncounted
    if unit == "Q" and m.string.startswith(" of", m.end()):
        return None  # "three-quarters of the seats"
    if c.kind == "units_plural" and "bare" not in c.f and m.group(0)[-1:] not in "sS":
        n = 1  # "the past decade"
    if n is not None and (c.f.get("half") or c.f.get("half2")):  # "2 1/2 years", "a minute and a half"
        n += 0.5
    if n is not None and c.f.get("halfof"):  # "half an hour"
        n /= 2
    if raw and re.fullmatch(r"\d+", raw) and unit in ("Y",) and c.f.get("long") is None and n and n > 500:
        return None
    c.f.update(n=n, u=unit)
    return c


def _valid(y: int, m: int | None, d: int | None = None) -> bool:
    if m is None or not 1 <= m <= 12:
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


_WORD = re.compile(r"\w+")
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


def _candidates(text: str) -> list[_Candidate]:
    """All candidate spans, overlaps resolved longest-first (ties: the earlier start)."""
    found: list[tuple[int, _Candidate]] = []
    lex = _lexicon()
    every = frozenset().union(*(t for _, _, t in lex.patterns))
    hits = []  # (start, end, trigger) for each time word in the text
    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        key = DIGIT if w[0].isdigit() or w[-1].isdigit() else w
        if key in every:
            hits.append((m.start(), m.end(), key))
    for rank, (kind, pattern, triggers) in enumerate(lex.patterns):
        for a, b in _windows([(s, e) for s, e, k in hits if k in triggers], len(text)):
            for m in pattern.finditer(text, a, b):
                if m.end() > m.start() and (c := _candidate(kind, m)):
                    found.append((rank, c))
    found.sort(key=lambda rc: (-(rc[1].end - rc[1].start), rc[1].start, rc[0]))
    taken: list[_Candidate] = []
    used = bytearray(len(text) + 1)
    for _, c in found:
        if not any(used[c.start:c.end]):
            used[c.start:c.end] = b"\x01" * (c.end - c.start)
            taken.append(c)
    return _with_days(text, _ranges(text, sorted(taken, key=lambda c: c.start)))


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|and|until|till|through|or)\s*", re.I)


def _ranges(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """'July 20 to July 28, 1988': a year-less date takes the year of the full date that closes its range,
    and the story goes on from the start of a range, not its end."""
    for c, nxt in pairwise(cands):
        joined = _RANGE_GAP.fullmatch(text[c.end:nxt.start])
        if c.kind not in ("partial", "full") or nxt.kind != "full" or not joined:
            continue
        nxt.f["range_end"] = True
        if c.kind == "partial" and _valid(nxt.f["y"], c.f["m"], c.f["d"]):
            c.kind, c.f["y"] = "full", nxt.f["y"]
    return cands


_DAY_KINDS = {"weekday", "full", "partial", "deictic"}
_CLOCK_THEN_DAY = re.compile(r"[\s,]*(?:(?:EST|EDT|GMT|UTC|local time)[\s,]*)?(?:on\s+)?")
_DAY_THEN_CLOCK = re.compile(r"\s*,?\s*(?:at\s+|around\s+)?")


def _with_days(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Join a clock time and the day beside it ("10 p.m. Wednesday", "Nov. 9 at 5 p.m.") into one TIME."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and {prev.kind, c.kind} & {"clock"} and (prev.kind in _DAY_KINDS or c.kind in _DAY_KINDS):
            gap = text[prev.end:c.start]
            pattern = _CLOCK_THEN_DAY if prev.kind == "clock" else _DAY_THEN_CLOCK
            if pattern.fullmatch(gap):
                day, hour = (c, prev) if prev.kind == "clock" else (prev, c)
                out[-1] = _Candidate(prev.start, c.end, "datetime", {"day": day, "clock": hour})
                continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------------------------
# Resolution: one pass in reading order, with a clock per voice (the document, each post)


@dataclass
class _Clock:
    """What a relative expression can be anchored on inside one voice (the article or one post)."""

    now: date | None  # publication date of the document or the post
    now_label: str  # "publication date 2025-07-26" / "post date 2025-07-26"
    ref: tuple[int, int | None, int | None] | None = None  # last (year, month, day) the story set
    ref_text: str = ""
    full: tuple[int, int] | None = None  # (year, month) of the last date the story gave with a month
    full_sentence: int = -1  # the sentence it was in
    far: int = 0  # dates so far in the story that lie two years or more from publication ...
    near: int = 0  # ... and those that do not: more far than near makes the account a history
    quarter: tuple[int, int] | None = None
    story: list[tuple[int, date, str]] = field(default_factory=list)  # (sentence, day, text) so far
    month_years: dict[int, int] = field(default_factory=dict)  # month -> year a tensed mention gave it


@dataclass
class _Resolved:
    type: str
    value: str | None
    anchor: str | None = None
    mod: str | None = None
    sets_story: bool = False


def _iso_day(d: date) -> str:
    return d.isoformat()


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _shift(anchor: tuple[int, int | None, int | None], unit: str, n: int) -> str | None:
    """Move a (year, month, day) reference by n units and give the TIMEX3 value at that unit."""
    y, m, d = anchor
    if unit == "WE":  # the weekend just past (or this one, on a weekend), moved by n weekends
        if not (m and d):
            return None
        day = date(y, m, d)
        base = day if day.isoweekday() >= 6 else day - timedelta(days=day.isoweekday())
        return _week(base + timedelta(weeks=n)) + "-WE"
    if unit == "D":
        return _iso_day(date(y, m, d) + timedelta(days=n)) if m and d else None
    if unit == "W":
        return _week(date(y, m, d) + timedelta(weeks=n)) if m and d else None
    if unit == "M":
        if not m:
            return None
        k = y * 12 + (m - 1) + n
        return f"{k // 12}-{k % 12 + 1:02d}"
    if unit == "Q":
        if not m:
            return None
        k = y * 4 + (m - 1) // 3 + n
        return f"{k // 4}-Q{k % 4 + 1}"
    if unit == "Y":
        return str(y + n)
    if unit == "DE":
        return f"{(y // 10 + n)}X"
    if unit == "CE":
        return f"{(y // 100 + n)}XX"
    return None


# a fraction of these units is written in the next smaller one ("5 1/2 hours" PT5H30M); years keep a
# decimal ("two and a half years" P2.5Y), as the TimeML corpora mostly do
_SUBUNIT = {"D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def _duration_value(n: float | None, unit: str) -> str:
    if unit == "2W":
        unit, n = "W", (n or 1) * 2 if n is not None else None
    if n is not None and not float(n).is_integer() and unit in _SUBUNIT:
        sub, per = _SUBUNIT[unit]
        rest = (n - int(n)) * per
        if float(rest).is_integer():  # "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M
            whole = _duration_value(int(n), unit) if int(n) else ("PT" if unit in ("H", "MIN") else "P")
            part = _duration_value(rest, sub)
            part = part[2:] if part.startswith("PT") else part[1:]
            time_part = sub in ("H", "MIN", "S") and "T" not in whole
            return whole + ("T" if time_part else "") + part
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit == "DE":
        amount, unit = ("X" if n is None else str(int(n * 10))), "Y"
    if unit == "CE":
        amount, unit = ("X" if n is None else str(int(n * 100))), "Y"
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def _year_for(clock: _Clock, m: int, d: int | None, sent_index: int, tense: str | None = None
              ) -> tuple[int | None, str]:
    """Year of a year-less date: from the story when it is a history or just gave one, else from the
    publication date."""
    # A history tells its own time; a news report only borrows a year from a date just before it.
    if clock.full and (not clock.now or clock.far > clock.near or sent_index - clock.full_sentence <= 2):
        # the nearest such month to the story's last one: "Jan. 3" after "Dec. 20, 1987" is in 1988
        fy, fm = clock.full
        y = min((fy, fy - 1, fy + 1), key=lambda y: abs((y - fy) * 12 + m - fm))
        day = date(y, m, min(d or 1, calendar.monthrange(y, m)[1]))
        # in a news report, a verb that looks ahead (or back) of the publication date outweighs the story
        contradicted = clock.now and ((tense == "future" and day < clock.now)
                                      or (tense == "past" and day > clock.now + timedelta(days=30)))
        if not contradicted or clock.far > clock.near:
            return y, f"year from the surrounding narrative ({fy}-{fm:02d}, the nearest such date to it)"
    if clock.now:
        years = (clock.now.year - 1, clock.now.year, clock.now.year + 1)

        def when(y: int) -> date:  # the day itself, else the month's last (future) or first day
            last = calendar.monthrange(y, m)[1]
            return date(y, m, min(d, last) if d else (last if tense == "future" else 1))

        if tense == "future":  # "will be named commander in December"
            best = min(y for y in years if when(y) >= clock.now)
            clock.month_years[m] = best
            return best, f"year from the {clock.now_label} (the next such date: the sentence looks ahead)"
        if tense is None and m in clock.month_years:  # "join in April ... the summit in April"
            return clock.month_years[m], "the year this report gave the same month before"
        # news reports the recent past: the latest such date, up to about three months after publication
        # when the sentence does not say it is past
        horizon = clock.now + timedelta(days=30 if tense == "past" else 100)
        best = max(y for y in years if when(y) <= horizon)
        if tense == "past":
            clock.month_years[m] = best
        reach = "a month" if tense == "past" else "three months"
        return best, f"year from the {clock.now_label} (the latest such date up to {reach} after it)"
    if clock.ref:
        return clock.ref[0], f"year from the surrounding narrative ({clock.ref[0]})"
    return None, "no year: the story gives none before it and the publication date is unknown"


_FUTURE = re.compile(r"\b(?:will|'ll|shall|would|going to|expected to|expects? to|plans? to|planned|scheduled"
                     r"|due|payable|to be held|upcoming|tune into|next|coming)\b", re.I)
_FUTURE_NEAR = re.compile(r"\b(?:will(?: be)?|'ll|shall|going to|scheduled (?:for|to)|due|tune into|next"
                          r"|coming)"
                          r"\W+(?:\w+\W+){0,3}$", re.I)  # "will meet on Friday"
_PAST = re.compile(r"\b(?:was|were|had|did|said|\w+ed|bought|brought|began|came|went|made|took|gave|fell|rose"
                   r"|sold|won|lost|met|left|held|paid|told|saw|became|grew|ran|struck|fled|sank|spent|built"
                   r"|fought|led)\b", re.I)


def _tense(c: _Candidate, sentence: str, sentence_start: int) -> str | None:
    """'future' or 'past' from the verb that governs the timex when the parse gives one (c.f['tense']),
    else when the words just around it say so; None when neither does."""
    if "tense" in c.f:
        return c.f["tense"]
    a, b = c.start - sentence_start, c.end - sentence_start
    before = sentence[max(0, a - 80):a]
    if _FUTURE.search(before):
        return "future"
    if _PAST.search(before[-50:]) or _PAST.search(sentence[b:b + 40]):
        return "past"
    return None


def _grammar_tense(doc: Any) -> Callable[[int, int], str | None]:
    """tense_of(start, end): 'future', 'past' or 'present' from the verb the words at [start, end)
    depend on in a spaCy Doc with a dependency parse ("met Monday", "will meet on Monday"), None when
    they hang on a noun or an adjective ("payable Dec. 7", "Wednesday's ruling") or nothing."""
    words = _lexicon().words
    ahead, modals = {w.lower() for w in words["looking_ahead"]}, {w.lower() for w in words["modals_ahead"]}
    done, ahead_adj = {w.lower() for w in words["done_infinitive"]}, {w.lower() for w in words["ahead_adjectives"]}

    def clause(verb: Any) -> str | None:
        aux = [t for t in verb.children if t.dep_ in ("aux", "auxpass")]
        said = {t.lower_ for t in aux}
        if said & modals or ("going" in said and verb.tag_ == "VB"):
            return "future"
        if any(t.tag_ == "MD" for t in aux):
            return None  # would, could, might: no tense of their own
        if verb.tag_ == "VBD" or any(t.tag_ == "VBD" for t in aux):
            return "past"
        if verb.tag_ == "VBN" and said & {"has", "have", "'ve", "'s"}:
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or any(t.tag_ in ("VBZ", "VBP") for t in aux):
            return "present"
        return None

    def tense_of(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        token = span.root.head
        while token.pos_ == "ADP" and token.head.i != token.i:  # "on Tuesday", "by Jan. 14"
            token = token.head
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
            token = token.head  # "the Aug. 7 blasts killed", "held talks on Monday"
            while token.pos_ == "ADP" and token.head.i != token.i:
                token = token.head
        if token.i in range(span.start, span.end):
            return None
        if token.pos_ == "ADJ" and token.lower_ in ahead_adj:
            return "future"
        if token.pos_ not in ("VERB", "AUX") or not token.is_alpha:  # not a link the tagger took for a verb
            return None
        own = clause(token)
        governor = token.head if token.dep_ in ("xcomp", "ccomp") else None  # not "staged X to mark Y"
        infinitive = any(t.tag_ == "TO" for t in token.children)
        if own is None and infinitive and governor is not None and governor.i != token.i:
            # "agreed to buy in February" looks ahead of the agreeing; "tried to flee Friday" does not
            if any(t.lower_ == "had" for g in (governor, governor.head) for t in g.children):
                return "past"  # "had been scheduled to expire Friday", "had been due to expire Friday"
            return clause(governor) if governor.lemma_.lower() in done else "future"
        if own in ("past", "present") and token.lemma_.lower() in ahead:
            return "future"
        return own

    return tense_of


def _resolve(c: _Candidate, clock: _Clock, sentence: str, sentence_start: int, sent_index: int,
             sentence_cands: list[_Candidate]) -> _Resolved:
    """Normalise one candidate against the clock of its voice."""
    f, k, lex = c.f, c.kind, _lexicon().words
    now = clock.now
    if k == "full":
        return _Resolved("DATE", f"{f['y']:04d}-{f['m']:02d}-{f['d']:02d}", sets_story=True)
    if k == "partial":
        ann = next((a for a in sentence_cands if a.kind == "anniversary" and a.start > c.start), None)
        if ann:
            base = _anniversary_base(ann, clock, sentence_cands)
            if base is None:
                return _Resolved("DATE", None, "the anniversary it marks has no dated reference")
            y = base[0] - ann.f["n"]
            if _valid(y, f["m"], f["d"]):
                why = f"the day the {ann.f['ord']} anniversary commemorates: {base[1]} - {ann.f['n']} years"
                return _Resolved("DATE", f"{y:04d}-{f['m']:02d}-{f['d']:02d}", why)
        y, why = _year_for(clock, f["m"], f["d"], sent_index, _tense(c, sentence, sentence_start))
        if "weekday" in f:
            y, why = _weekday_year(clock, f, y, why)
        if y is None or not _valid(y, f["m"], f["d"]):
            return _Resolved("DATE", None, why)
        return _Resolved("DATE", f"{y:04d}-{f['m']:02d}-{f['d']:02d}", why, sets_story=True)
    if k == "month":
        mod = _point(f.get("point"))
        if "y" in f:
            return _Resolved("DATE", f"{f['y']:04d}-{f['m']:02d}", mod=mod, sets_story=True)
        if "rel" in f:
            if not now:
                return _Resolved("DATE", None, "relative year but the publication date is unknown", mod)
            why = f"year from the {clock.now_label}"
            return _Resolved("DATE", f"{now.year + f['rel']:04d}-{f['m']:02d}", why, mod)
        if "dir" in f and now:
            y = now.year
            if f["dir"] in ("last", "past") and f["m"] >= now.month:
                y -= 1
            elif f["dir"] in ("next", "coming") and f["m"] <= now.month:
                y += 1
            why = f"'{f['dir']}' counted from the {clock.now_label}"
            return _Resolved("DATE", f"{y:04d}-{f['m']:02d}", why)
        y, why = _year_for(clock, f["m"], None, sent_index, _tense(c, sentence, sentence_start))
        return _Resolved("DATE", None if y is None else f"{y:04d}-{f['m']:02d}", why, mod)
    if k == "year":
        return _Resolved("DATE", f"{f['y']:04d}", mod=_point(f.get("point")), sets_story=True)
    if k == "year_range":
        return _Resolved("DATE", f"{f['y']:04d}/{f['y2']:04d}")
    if k == "day_range":
        y, why = (f["y"], None) if f["y"] else _year_for(clock, f["m"], f["d"], sent_index)
        if y is None or not _valid(y, f["m"], f["d2"]):
            return _Resolved("DATE", None, why)
        first, last = (f"{y:04d}-{f['m']:02d}-{d:02d}" for d in (f["d"], f["d2"]))
        return _Resolved("DATE", f"{first}/{last}", why, sets_story=True)
    if k == "decade":
        return _Resolved("DATE", f"{f['decade'] // 10}X", mod=_point(f.get("point")))
    if k == "century":
        return _Resolved("DATE", f"{f['n'] - 1:02d}XX", mod=_point(f.get("point")))
    if k == "season":
        mod, code = _point(f.get("point")), f["code"]
        if "year" in f:
            return _Resolved("DATE", f"{_year(f['year'])}-{code}", mod=mod)
        direction = re.sub(r"\s+", " ", (f.get("dir") or "").lower())
        shift = {"last": -1, "next": 1}.get(direction, 0)
        if now and direction == "this past":  # the latest such season begun by the publication date
            y = max(y for y in (now.year - 1, now.year) if _bounds(f"{y}-{code}")[0] <= now)
            return _Resolved("DATE", f"{y}-{code}", f"the last such season up to the {clock.now_label}", mod)
        if now:
            return _Resolved("DATE", f"{now.year + shift}-{code}", f"year from the {clock.now_label}", mod)
        return _Resolved("DATE", None, "season without a year and no publication date", mod)
    if k == "half_year":  # "the last half of 1989": 1989-H2
        if "year" in f:
            return _Resolved("DATE", f"{_year(f['year'])}-H{f['h']}", sets_story=False)
        if not now:
            return _Resolved("DATE", None, "half of a relative year but the publication date is unknown")
        return _Resolved("DATE", f"{now.year + f['rel']}-H{f['h']}", f"year from the {clock.now_label}")
    if k == "quarter":
        if "year" in f:
            y, why = _year(f["year"]), None
        elif now:
            y, why = now.year, f"year from the {clock.now_label}"
        elif clock.quarter:
            y, why = clock.quarter[0], "year from the quarter the story last named"
        else:
            return _Resolved("DATE", None, "quarter without a year and no publication date")
        if f.get("shift"):  # "next year's first quarter", "the year-ago third quarter"
            return _Resolved("DATE", f"{y + f['shift']}-Q{f['q']}", why)
        if not now or (y, f["q"]) < (now.year, (now.month - 1) // 3 + 1):
            clock.quarter = (y, f["q"])  # results are reported for a closed quarter, not a forecast
        return _Resolved("DATE", f"{y}-Q{f['q']}", why)
    if k == "ref_period":
        phrase = re.sub(r"\s+", " ", (f.get("phrase") or "").lower())
        if "current" in phrase and now:  # the quarter the publication date falls in
            return _Resolved("DATE", f"{now.year}-Q{(now.month - 1) // 3 + 1}", f"the {clock.now_label}")
        q = clock.quarter
        if q is None and now:
            k4 = now.year * 4 + (now.month - 1) // 3 - 1
            q = (k4 // 4, k4 % 4 + 1)
        if q is None:
            return _Resolved("DATE", None, "no quarter named and no publication date")
        if "ryear" in f:  # "the 1988 quarter": the story's quarter in that year
            return _Resolved("DATE", f"{f['ryear']}-Q{q[1]}", "the quarter the story is about, in that year")
        if "shift" in f or "year" in phrase:
            shift = f.get("shift", -1)
            return _Resolved("DATE", f"{q[0] + shift}-Q{q[1]}",
                             f"{_offset_words('Y', shift)} the quarter the story is about")
        return _Resolved("DATE", f"{q[0]}-Q{q[1]}", "the quarter the story is about")
    if k == "solar_hijri":
        return _solar_hijri(f)
    if k == "this_day_in":
        if not now:
            return _Resolved("DATE", None, "'this day' needs a publication date, which is unknown")
        y = _year(f["year"])
        if not _valid(y, now.month, now.day):
            return _Resolved("DATE", None, f"{now.isoformat()[5:]} does not exist in {y}")
        return _Resolved("DATE", f"{y:04d}-{now.month:02d}-{now.day:02d}", clock.now_label, sets_story=True)
    if k == "anniversary":
        base = _anniversary_base(c, clock, sentence_cands)
        if base is None:
            return _Resolved("DATE", None, "an anniversary needs the date it is celebrated, which is unknown")
        (y, label, md) = base
        y -= f["n"]
        value = f"{y:04d}-{md[0]:02d}-{md[1]:02d}" if md and _valid(y, *md) else f"{y:04d}"
        return _Resolved("DATE", value, f"{label} minus {f['n']} years")
    if k == "event_rel":
        return _event_rel(c, clock)
    if k in ("duration", "units_plural"):
        return _duration(c, clock)
    if k == "holiday":
        return _holiday(c, clock, sent_index)
    if k == "deictic":
        unit, n = lex["deictic"][re.sub(r"\s+", " ", f["phrase"].lower())]
        if not now:
            return _Resolved("DATE", None, f"'{f['phrase']}' needs a publication date, which is unknown")
        return _Resolved("DATE", _shift((now.year, now.month, now.day), unit, n), clock.now_label)
    if k == "anaphoric":
        unit, n = lex["anaphoric"][re.sub(r"\s+", " ", f["phrase"].lower())]
        return _from_story(clock, unit, n, f["phrase"])
    if k == "current_period":
        return _current_period(f, clock)
    if k == "period_ended":  # "the year ended March 31": a year long, closed by its own date
        return _Resolved("DURATION", _duration_value(1, lex["units"][f["unit"].lower()]))
    if k == "reference":
        return _Resolved("DATE", lex["references"][re.sub(r"\s+", " ", f["phrase"].lower())])
    if k == "weekday":
        return _weekday(c, clock, sentence, sentence_start)
    if k == "part_of_day":
        return _part_of_day(c, clock)
    if k == "clock":
        return _clock_time(c, clock, sentence_cands)
    if k == "datetime":
        day = _resolve(f["day"], clock, sentence, sentence_start, sent_index, sentence_cands)
        at = _clock_of(f["clock"])
        if day.value and at and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
            return _Resolved("TIME", day.value + at, day.anchor, sets_story=day.sets_story)
        return _Resolved("TIME", None, day.anchor or "the day of this clock time is unknown")
    if k == "set":
        return _set(c)
    return _Resolved("DATE", None, "not understood")


def _current_period(f: dict[str, Any], clock: _Clock) -> _Resolved:
    """'for the year', 'the current fiscal year': the publication date's year (month, week) in a news
    report, the story's in a history."""
    unit = _lexicon().words["current_periods"][re.sub(r"\s+", " ", f["phrase"].lower())]
    history = clock.ref and (not clock.now or clock.far > clock.near)
    if history and clock.ref:
        value = _shift(clock.ref, unit, 0)
        if value:
            return _Resolved("DATE", value, f"the story's {_UNIT_NAMES[unit]} ({clock.ref_text})")
    if clock.now:
        return _Resolved("DATE", _shift((clock.now.year, clock.now.month, clock.now.day), unit, 0),
                         clock.now_label)
    return _Resolved("DATE", None, f"'{f['phrase']}' needs a publication date or a dated story")


def _holiday_date(rule: str, y: int) -> date | None:
    """'12-25' -> Dec 25; '11-TH4' -> fourth Thursday of November; '05-MOL' -> last Monday of May."""
    m = re.fullmatch(r"(\d\d)-(\d\d|[A-Z]{2}[1-5L])", rule)
    if not m:
        return None
    month, spec = int(m[1]), m[2]
    if spec.isdigit():
        return date(y, month, int(spec)) if _valid(y, month, int(spec)) else None
    wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(spec[:2]) + 1
    days = [date(y, month, k) for k in range(1, calendar.monthrange(y, month)[1] + 1)
            if date(y, month, k).isoweekday() == wd]
    return days[-1] if spec[2] == "L" else days[int(spec[2]) - 1]


def _holiday(c: _Candidate, clock: _Clock, sent_index: int) -> _Resolved:
    f = c.f
    if "year" in f:
        y, why = _year(f["year"]), None
    else:
        probe = _holiday_date(f["rule"], 2001)
        if probe is None:
            return _Resolved("DATE", None, "holiday rule not understood")
        y, why = _year_for(clock, probe.month, probe.day, sent_index)
        shift = {"last": -1, "next": 1}.get((f.get("dir") or "").lower(), 0)
        if y is not None and shift and clock.now:
            this = _holiday_date(f["rule"], clock.now.year)
            same_year = this is not None and (this < clock.now) == (shift < 0)
            y = clock.now.year if same_year else clock.now.year + shift
    day = _holiday_date(f["rule"], y) if y is not None else None
    if day is None:
        return _Resolved("DATE", None, why or "no year for the holiday")
    return _Resolved("DATE", _iso_day(day), why, sets_story=True)


_SH_LEAP = {1, 5, 9, 13, 17, 22, 26, 30}  # leap years of the 33-year arithmetic Solar Hijri cycle


def _nowruz(jy: int) -> date:
    """Gregorian date of 1 Farvardin of Solar Hijri year jy (1354 SH began on 1975-03-21)."""
    day, y = date(1975, 3, 21), 1354
    while y < jy:
        day += timedelta(days=366 if y % 33 in _SH_LEAP else 365)
        y += 1
    while y > jy:
        y -= 1
        day -= timedelta(days=366 if y % 33 in _SH_LEAP else 365)
    return day


def _from_solar_hijri(jy: int, jm: int, jd: int) -> date:
    return _nowruz(jy) + timedelta(days=(jm - 1) * 31 + jd - 1 if jm <= 7 else 186 + (jm - 7) * 30 + jd - 1)


def _solar_hijri(f: dict[str, Any]) -> _Resolved:
    """Iranian (Solar Hijri) dates: '4 Mordad 1367' -> 1988-07-26; '1367 SH' -> 1988-03-21/1989-03-20."""
    jy, jm, jd = f["jy"], f["jm"], f["jd"]
    month = f.get("shmonth") or f.get("shmonth2") or f.get("shmonth3")
    label = " ".join(str(x) for x in (jd, month, jy) if x)
    why = f"converted from the Solar Hijri date {label} (33-year arithmetic calendar)"
    if jy is None:
        return _Resolved("DATE", None, f"Solar Hijri date {label} without a year")
    if jm and jd:
        return _Resolved("DATE", _iso_day(_from_solar_hijri(jy, jm, jd)), why, sets_story=True)
    first = _from_solar_hijri(jy, jm or 1, 1)
    last = (_from_solar_hijri(jy, jm + 1, 1) if jm and jm < 12 else _nowruz(jy + 1)) - timedelta(days=1)
    return _Resolved("DATE", f"{_iso_day(first)}/{_iso_day(last)}", why)


def _weekday_year(clock: _Clock, f: dict[str, Any], y: int | None, why: str) -> tuple[int | None, str]:
    """'Saturday, July 26th': of the years the story or the publication date suggest, the one in which
    that day fell on that weekday."""
    wd = _lexicon().words["weekdays"][f["weekday"].lower().rstrip(".")]
    years = [y] if y else []
    years += [r[0] for r in (clock.full, clock.ref) if r]
    if clock.now:
        years += [clock.now.year, clock.now.year - 1, clock.now.year + 1]
    for cand in dict.fromkeys(years):
        if _valid(cand, f["m"], f["d"]) and date(cand, f["m"], f["d"]).isoweekday() == wd:
            named = f"the year in which that day fell on a {f['weekday'].rstrip('.')}"
            return cand, why if cand == y else named
    return y, why


def _anniversary_base(ann: _Candidate, clock: _Clock, sentence_cands: list[_Candidate]):
    """(year it is celebrated, why, (month, day) of the event or None) for an 'Nth anniversary'."""
    full = next((x for x in sentence_cands if x.kind == "full"), None)
    partial = next((x for x in sentence_cands if x.kind == "partial" and x.start < ann.start), None)
    md = (partial.f["m"], partial.f["d"]) if partial else None
    if full:
        why = f"the {ann.f['ord']} anniversary falls in {full.f['y']}"
        return full.f["y"], why, md or (full.f["m"], full.f["d"])
    if clock.now:
        return clock.now.year, f"{clock.now_label}", md
    return None


def _from_story(clock: _Clock, unit: str, n: int, phrase: str) -> _Resolved:
    """Anaphoric: move from the last date the story set; fall back on the publication date, saying so."""
    if clock.ref:
        value = _shift(clock.ref, unit, n)
        if value:
            why = f"{_offset_words(unit, n)} the story's last date ({clock.ref_text})"
            return _Resolved("DATE", value, why,
                             sets_story=unit == "D")
    if clock.now:
        return _Resolved("DATE", _shift((clock.now.year, clock.now.month, clock.now.day), unit, n),
                         f"{_offset_words(unit, n)} the {clock.now_label} (the story set no date before)",
                         sets_story=unit == "D")
    return _Resolved("DATE", None, f"'{phrase}' needs an earlier date in the story and there is none")


_UNIT_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter", "DE": "decade",
               "CE": "century", "H": "hour", "MIN": "minute", "S": "second"}


def _offset_words(unit: str, n: float) -> str:
    name = _UNIT_NAMES.get(unit, unit)
    if n == 0:
        return f"same {name} as"
    count = int(abs(n)) if float(n).is_integer() else abs(n)
    return f"{count} {name}{'s' if abs(n) != 1 else ''} {'after' if n > 0 else 'before'}"


def _duration(c: _Candidate, clock: _Clock) -> _Resolved:
    f, lex = c.f, _lexicon().words
    unit, n = f["u"], f["n"]
    mod = lex["fuzzy"]["amount"].get(re.sub(r"\s+", " ", f.get("amount", "").lower()))
    rel = (f.get("rel") or "").lower()
    step = None if n is None or unit in ("H", "MIN", "S", "2W") else int(n) if float(n).is_integer() else None
    if rel and step is None and n is not None and unit == "Y" and float(n * 12).is_integer():
        unit, step = "M", int(n * 12)  # "a year and a half ago": 18 months
    if step is not None and unit in ("DE", "CE") and rel:
        unit, step = "Y", step * (10 if unit == "DE" else 100)  # "a decade ago" is a year
    backwards = rel in lex["ago_words"] or rel in lex["earlier_words"]
    if unit == "Y" and step is not None and clock.quarter and backwards:
        y, q = clock.quarter
        why = f"{_offset_words(unit, -step)} the quarter the story is about"
        return _Resolved("DATE", f"{y - step}-Q{q}", why, mod)
    if rel in lex["ago_words"]:
        if clock.now and step is not None and f.get("today") and unit == "Y":  # "thirty years ago today"
            return _Resolved("DATE", _iso_day(_years_before(clock.now, step)),
                             f"{_offset_words(unit, -step)} the {clock.now_label}, to the day", mod)
        if clock.now and step is not None:
            return _Resolved("DATE", _shift((clock.now.year, clock.now.month, clock.now.day), unit, -step),
                             f"{_offset_words(unit, -step)} the {clock.now_label}", mod)
        if n is None:
            return _Resolved("DATE", "PAST_REF", "an uncounted time ago")
        return _Resolved("DATE", None, "'ago' needs a publication date and a whole number of units", mod)
    if rel in lex["later_words"] or rel in lex["earlier_words"]:
        sign = 1 if rel in lex["later_words"] else -1
        if step is None:
            return _Resolved("DURATION", _duration_value(n, unit), mod=mod)
        return _from_story(clock, unit, sign * step, c.f["num"])
    value = _duration_value(n, unit)
    return _Resolved("DURATION", value, mod=mod)


def _event_rel(c: _Candidate, clock: _Clock) -> _Resolved:
    """'the eve of X': the date the document gives for X, or for the event it opens with if X is one."""
    f, lex = c.f, _lexicon().words
    noun, offset = f["noun"], f["offset"]
    stem = noun.rstrip("s")
    named = [(i, d, t) for i, d, t in clock.story if re.search(rf"\b{re.escape(stem)}", t, re.I)]
    onset = re.compile(rf"\b(?:{'|'.join(re.escape(v) for v in lex['onset_verbs'])})", re.I)
    begun = [d for _, d, t in named if onset.search(t)] or [d for _, d, _ in named]
    chosen = (begun[0], f"the {noun} dated {begun[0].isoformat()} in this account") if begun else None
    if chosen is None and stem.split("-")[-1] in {n.rstrip("s") for n in lex["event_nouns"]}:
        lead = next(((d, t) for i, d, t in clock.story if onset.search(t)), None)
        if lead:
            why = f"the {noun} taken as the event the account opens with, begun {lead[0].isoformat()}"
            chosen = (lead[0], why)
    if chosen is None:
        return _Resolved("DATE", None, f"the document gives no date for the {noun}")
    when = chosen[0] + timedelta(days=offset)
    return _Resolved("DATE", _iso_day(when), f"{_offset_words('D', offset)} {chosen[1]}", sets_story=True)


def _weekday(c: _Candidate, clock: _Clock, sentence: str, sentence_start: int) -> _Resolved:
    f = c.f
    wd = _lexicon().words["weekdays"][f["weekday"].lower().rstrip(".")]
    base, label = clock.now, clock.now_label
    if base is None and clock.ref and clock.ref[2]:
        base, label = date(*clock.ref), f"the story's last date ({clock.ref_text})"  # type: ignore[arg-type]
    if base is None:
        return _Resolved("DATE", None, "a weekday needs a publication date or an earlier date in the story")
    direction = (f.get("dir") or "").lower()
    before = sentence[max(0, c.start - sentence_start - 60):c.start - sentence_start]
    said = f.get("tense")
    future = direction == "next" or (direction != "last" and (
        said == "future" if said else _FUTURE_NEAR.search(before) is not None))
    monday = base - timedelta(days=base.isoweekday() - 1)
    if direction in ("last", "next"):  # "last Monday": the Monday of the week before
        day = monday + timedelta(days=wd - 1, weeks=-1 if direction == "last" else 1)
        why = f"that weekday in the week {'before' if direction == 'last' else 'after'} the {label}"
    elif future:
        day = base + timedelta(days=(wd - base.isoweekday()) % 7)
        why = f"the next such weekday from the {label}"
    else:
        day = base - timedelta(days=(base.isoweekday() - wd) % 7)
        why = f"the last such weekday up to the {label}"
    mod = _point(direction) if direction in ("early", "late") else None
    if f.get("part"):  # "Thursday evening" is a time of that day
        code = _lexicon().words["parts_of_day"][f["part"].lower()]
        return _Resolved("TIME", f"{_iso_day(day)}T{code}", why, mod=mod)
    return _Resolved("DATE", _iso_day(day), why, mod=mod)


def _part_of_day(c: _Candidate, clock: _Clock) -> _Resolved:
    if not clock.now:
        return _Resolved("TIME", None, "needs a publication date, which is unknown")
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get((c.f.get("dir") or "").lower(), 0)
    code = "NI" if c.f.get("tonight") else _lexicon().words["parts_of_day"][c.f["part"].lower()]
    day = clock.now + timedelta(days=shift)
    return _Resolved("TIME", f"{_iso_day(day)}T{code}", clock.now_label)


def _clock_of(c: _Candidate) -> str | None:
    """'10 p.m.' -> 'T22:00', 'noon' -> 'T12:00'; None when the hour is impossible."""
    f = c.f
    if f.get("noon"):
        return "T" + _lexicon().words["parts_of_day"][f["noon"].lower()]
    hour = int(f.get("hour") or f.get("hour24"))
    minute = int(f.get("minute") or f.get("minute24") or 0)
    ampm = (f.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    return None if hour > 24 else f"T{hour:02d}:{minute:02d}"


def _clock_time(c: _Candidate, clock: _Clock, sentence_cands: list[_Candidate]) -> _Resolved:
    clock_text = _clock_of(c)
    if clock_text is None:
        return _Resolved("TIME", None, "not a clock time")
    day = next((x for x in sentence_cands if x.kind == "full"), None)
    if day:
        value = f"{day.f['y']:04d}-{day.f['m']:02d}-{day.f['d']:02d}{clock_text}"
        return _Resolved("TIME", value, "the date in the same sentence")
    if clock.now:
        return _Resolved("TIME", f"{_iso_day(clock.now)}{clock_text}", clock.now_label)
    return _Resolved("TIME", None, "a clock time with no day to anchor it")


def _set(c: _Candidate) -> _Resolved:
    f, lex = c.f, _lexicon().words
    if f.get("word"):
        return _Resolved("SET", lex["set_words"][f["word"].lower()])
    unit_word = (f.get("unit") or f.get("unit2") or "").lower().rstrip(".")
    if unit_word in lex["weekdays"]:
        return _Resolved("SET", f"XXXX-WXX-{lex['weekdays'][unit_word]}")
    unit = lex["units"].get(unit_word.rstrip("s"), lex["units"].get(unit_word))
    if unit is None:
        return _Resolved("SET", None, "not understood")
    n = _number(f["num"]) if f.get("num") else 1
    return _Resolved("SET", _duration_value(n, unit))


# ---------------------------------------------------------------------------------------------
# Where a timex sits: titles, citations (text heuristics); posts and boilerplate (segments)


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


def _text_context(text: str, c: _Candidate) -> str | None:
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


_IMPRINT = re.compile(r"\b[A-Z][\w .]*:\s*[A-Z][^,()]*,\s*(?:1[5-9]|20)\d\d\s*$")  # "London: Viking, 1998"
_SIGNATURE = re.compile(r"^\s*[—–-]{1,2}\s*\S")


def _line(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a: len(text) if b < 0 else b]


# ---------------------------------------------------------------------------------------------
# Public API


def _sentences(text: str) -> list[Span]:
    """Sentence spans by punctuation and line breaks: enough to group a timex with its neighbours."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _split_lines(text: str, start: int, end: int) -> list[Span]:
    """A sentence cut at line breaks: a post's signature line is never part of the next sentence."""
    cuts = [m.end() for m in re.finditer(r"\n+", text[start:end])]
    bounds = [start] + [start + c for c in cuts] + [end]
    return [(a, b) for a, b in pairwise(bounds) if b > a] or [(start, end)]


def _run(text: str, published: str | None, sentences: Sequence[Span],
         voice_of: Callable[[int], tuple[Any, str | None, str | None]],
         tense_of: Callable[[int, int], str | None] | None = None) -> list[Timex]:
    """Resolve every candidate in reading order. voice_of(pos) -> (voice key, its date, context);
    tense_of(start, end) -> the tense of the clause a span sits in, when a parse tells it."""
    cands = _candidates(text)
    if tense_of is not None:
        for c in cands:
            if said := tense_of(c.start, c.end):
                c.f["tense"] = said
                if c.kind == "datetime":  # "at midnight Friday": the day reads the same tense
                    c.f["day"].f["tense"] = said
    starts = [s for s, _ in sentences]
    clocks: dict[Any, _Clock] = {}
    sent_of = [max(0, bisect_right(starts, c.start) - 1) for c in cands]
    by_sentence: dict[int, list[_Candidate]] = {}
    for c, si in zip(cands, sent_of, strict=True):
        by_sentence.setdefault(si, []).append(c)
    schedule = _schedules(text, cands)
    out: list[Timex] = []
    for n, (c, si) in enumerate(zip(cands, sent_of, strict=True)):
        voice, voice_date, seg_context = voice_of(c.start)
        clock = clocks.get(voice)
        if clock is None:
            own = voice_date if voice is not None else published
            label = ("post date " if voice is not None else "publication date ") + (own or "unknown")
            clock = clocks[voice] = _Clock(_parse_day(own), label)
        s0, s1 = sentences[si]
        sentence = text[s0:s1]
        context = seg_context or ("schedule" if n in schedule else _text_context(text, c))
        line = _line(text, c.start)
        if context is None and _SIGNATURE.match(line) and (voice is not None or "(@" in line):
            context = "post_signature"
        try:
            r = _resolve(c, clock, sentence, s0, si, by_sentence[si])
        except (ValueError, OverflowError):  # anchored near year 1 or 9999 (a CMS's 0001-01-01 date)
            r = _Resolved("DATE", None, "the date it points to is outside the calendar (years 1 to 9999)")
        if r.value and context is None and r.sets_story and not c.f.get("range_end"):
            _set_story(clock, r.value, si, sentence)
        if r.value and context is None and clock.now and r.type in ("DATE", "TIME") and r.value[:4].isdigit():
            if abs(int(r.value[:4]) - clock.now.year) >= 2:
                clock.far += 1
            else:
                clock.near += 1
        out.append(_timex(text, c, r, context))
    return out


def _schedules(text: str, cands: list[_Candidate]) -> set[int]:
    """Indexes of candidates in a broadcast schedule ("00:30 | 05:30 | 11:30 GMT" and a day line just
    above it): promotion, not the story."""
    by_line: dict[int, list[int]] = {}
    for i, c in enumerate(cands):
        by_line.setdefault(text.rfind("\n", 0, c.start) + 1, []).append(i)
    marked: set[int] = set()
    for start, items in by_line.items():
        if sum(cands[i].kind in ("clock", "datetime") for i in items) < 2:
            continue
        marked.update(items)
        above = text.rfind("\n", 0, max(start - 1, 0)) + 1
        line = text[above:max(start - 1, above)]
        marked.update(i for i in by_line.get(above, [])
                      if not re.search(r"\w", line.replace(text[cands[i].start:cands[i].end], "")))
    return marked


def _set_story(clock: _Clock, value: str, sent_index: int, sentence: str) -> None:
    """Record a narrative date: later year-less and anaphoric expressions are read against it."""
    m = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value.split("T")[0])
    if not m:
        return
    y, mo, d = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
    if not mo and clock.ref and clock.ref[0] == y:
        return  # "in 1988" after "July 26, 1988" does not forget the day
    clock.ref, clock.ref_text = (y, mo or None, d or None), value
    if mo:
        clock.full, clock.full_sentence = (y, mo), sent_index
    if d:
        clock.story.append((sent_index, date(y, mo, d), sentence))


def _timex(text: str, c: _Candidate, r: _Resolved, context: str | None) -> Timex:
    earliest, latest = interval(r.value, r.mod) if r.type in ("DATE", "TIME") else (None, None)
    return Timex(c.start, c.end, text[c.start:c.end], r.type, r.value, r.mod, r.anchor, earliest, latest,
                 context)


def _bounds(v: str) -> tuple[date | None, date | None]:
    """First and last day of a date value without its time part; ValueError for an impossible date."""
    lo = hi = None
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v):
        lo = hi = date(int(m[1]), int(m[2]), int(m[3]))
    elif m := re.fullmatch(r"(\d{4})-(\d\d)", v):
        y, mo = int(m[1]), int(m[2])
        lo, hi = date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    elif m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", v):
        lo = date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
        hi = date.fromisocalendar(int(m[1]), int(m[2]), 7)
    elif m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        y, q = int(m[1]), int(m[2])
        lo, hi = date(y, 3 * q - 2, 1), date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
    elif m := re.fullmatch(r"(\d{4})-H([12])", v):
        y, h = int(m[1]), int(m[2])
        lo, hi = date(y, 6 * h - 5, 1), date(y, 6 * h, 30 if h == 1 else 31)
    elif m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
        y = int(m[1])
        lo, hi = {"SP": (date(y, 3, 1), date(y, 5, 31)), "SU": (date(y, 6, 1), date(y, 8, 31)),
                  "FA": (date(y, 9, 1), date(y, 11, 30)), "WI": (date(y, 12, 1), date(y + 1, 2, 28))}[m[2]]
    elif m := re.fullmatch(r"(\d{4})", v):
        lo, hi = date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    elif m := re.fullmatch(r"(\d{3})X", v):
        lo, hi = date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    elif m := re.fullmatch(r"(\d\d)XX", v):
        century = int(m[1]) * 100
        lo, hi = date(max(century, 1), 1, 1), date(century + 99, 12, 31)
    return lo, hi


def interval(value: str | None, mod: str | None = None) -> tuple[str | None, str | None]:
    """Earliest and latest ISO day a DATE/TIME value can mean ('198X' START -> 1980-01-01, 1983-12-31)."""
    if not value:
        return None, None
    v = value.split("T")[0]
    if "/" in v:
        a, b = v.split("/", 1)
        return interval(a)[0], interval(b)[1]
    try:
        lo, hi = _bounds(v)
    except ValueError:  # not a day of the calendar: 2024-02-30, month 13, year 0
        return None, None
    if lo is None or hi is None:
        return None, None
    span = (hi - lo).days
    if mod in ("START", "MID", "END") and span > 2:
        third = span // 3
        lo, hi = {"START": (lo, lo + timedelta(days=third)),
                  "MID": (lo + timedelta(days=third), hi - timedelta(days=third)),
                  "END": (hi - timedelta(days=third), hi)}[mod]
    return lo.isoformat(), hi.isoformat()


def tag(text: str, published: str | None = None) -> list[Timex]:
    """Temporal expressions in plain text, anchored on `published` (ISO date or None) and the narrative.

    Needs no spaCy; sentences are found by punctuation. Titles and citations are recognised from the
    text itself (context "title", "citation"); everything else is treated as one narrative voice.
    """
    return _run(text, published, _sentences(text), lambda pos: (None, None, None))


_SEGMENT_CONTEXT = {"heading": "heading", "byline": "byline", "boilerplate": "boilerplate"}


def find_timexes(doc: Any, segments: Sequence[Segment], published: str | None) -> list[Timex]:
    """Temporal expressions of a parsed document (a spaCy Doc over the whole text).

    Text inside an embedded_post segment (or any segment the structure dated, such as the promotion
    lines under a post) is anchored on that date and has its own narrative;
    timexes in headings, bylines, boilerplate, titles, citations and post signatures carry that
    context and never move the story's date.
    """
    text = text_of(doc)
    if not text:
        return []
    if doc.has_annotation("SENT_START"):
        sentences = [piece for s in doc.sents for piece in _split_lines(text, s.start_char, s.end_char)]
    else:  # a pipeline without a parser or sentencizer: fall back on punctuation
        sentences = _sentences(text)
    # a post, or a stretch the structure dated like one (the promotion lines under a post)
    posts = sorted((s for s in segments if s.kind == "embedded_post" or s.date),
                   key=lambda s: s.kind != "embedded_post")
    marked = [s for s in segments if s.kind in _SEGMENT_CONTEXT]

    def voice_of(pos: int) -> tuple[Any, str | None, str | None]:
        post = next((s for s in posts if s.start <= pos < s.end), None)
        where = next((s for s in marked if s.start <= pos < s.end), None)
        context = _SEGMENT_CONTEXT[where.kind] if where else None
        return ((post.start, post.end) if post else None), (post.date if post else None), context

    return _run(text, published, sentences, voice_of,
                _grammar_tense(doc) if doc.has_annotation("DEP") else None)


__all__ = ["find_timexes", "interval", "tag"]
