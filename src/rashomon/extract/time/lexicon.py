"""The words of `data/time.yaml` and the named sub-patterns the rules are written with.

A rule's pattern is a template: `{month}`, `{year}`, `{day}` ... stand for the sub-patterns built
here from the word lists (HeidelTime's `%reMonth`), so a rule reads as the expression it finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from rashomon.data import load


@cache
def words() -> dict[str, Any]:
    """The contents of data/time.yaml, loaded once."""
    return load("time.yaml")


def alt(items: Sequence[str], dot: bool = False) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted({str(w) for w in items}, key=lambda w: (-len(w), w))  # a stable order
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return f"(?:{body})" + (r"\.?" if dot else "")


# word lists that rules use whole, as `{name}` (an alternation of the list's entries)
_LISTS = ("day_marks", "decade_words", "halves", "event_offsets", "deictic", "anaphoric", "references",
          "current_periods", "closing_units", "plural_after", "holidays", "set_words", "quarters",
          "column_titles", "fraction_nouns", "tonight_words")


def _numbers(w: dict[str, Any]) -> dict[str, str]:
    nums = w["numbers"]
    below_ten = [k for k, v in nums.items() if isinstance(v, int) and v < 10]
    small, tens = alt(below_ten), alt([k for k, v in nums.items() if isinstance(v, int) and 10 <= v < 100])
    teens_tens = alt([k for k, v in nums.items() if isinstance(v, int) and 10 <= v < 100 and " " not in k])
    units_words = alt(below_ten)
    spoken = (rf"(?:nineteen|eighteen|twenty)[-\s]+(?:hundred|{teens_tens}(?:[-\s]+{units_words})?)"
              rf"|two\s+thousand(?:\s+and)?(?:[-\s]+(?:{teens_tens}|{units_words}))?")
    year = rf"(?P<year>(?:1[0-9]|20)\d\d|{spoken})"
    return {"number": rf"(?:\d+(?:[.,]\d+)?|{tens}(?:[-\s]{small})?|{alt(nums)}|an?)",
            "ordinal": rf"(?:\d{{1,3}}(?:st|nd|rd|th)|(?:{teens_tens}-)?{alt(w['ordinals'])})",
            "year": year, "qyear": year.replace("?P<year>", "?P<qyear>")}


@cache
def parts() -> dict[str, str]:
    """Named sub-patterns for rule templates: `{month}`, `{year}`, `{day}`, `{number}` ..."""
    w = words()
    p = {name: alt(w[name]) for name in _LISTS}
    p |= _numbers(w)
    p |= {
        "month": alt(w["months"], dot=True),
        "weekday": alt(w["weekdays"], dot=True),
        "point": alt(w["fuzzy"]["point"]),
        "amount": alt(w["fuzzy"]["amount"]),
        "units": alt(list(w["units"])),
        "shmonth": alt(w["solar_hijri_months"]),
        "sh_era": r"(?:\(?(?:SH|S\.H\.|AP|A\.P\.|HS|Solar\s+Hijri)\b\)?)",
        "day": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\s*[ap]\.?m\b)",  # not "Oct 10pm": the 10 is a clock
        "season": alt(w["seasons"]),
        "part": alt(w["parts_of_day"]),
        "rel": alt(w["later_words"] + w["earlier_words"] + w["ago_words"] + w["ahead_words"]),
        "to_the_day": alt(w["to_the_day"]),
        "year_word": r"(?:(?:the\s+)?(?:this|last|next|previous|same)\s+year(?:'s)?)",
        "closing": rf"{alt(w['closing_words'])}\b",
        "shifts": alt(w["year_shifts"]),
        "unit_adj": alt(w["unit_adjectives"]),
    }
    p["start"] = r"(?:\b|(?<=[a-z])(?=[A-Z]))"  # a word's start, also glued to a label: "DateFebruary 26, 1992"
    p["glued"] = r"(?:\b|(?<=[a-z])(?=\d))"  # a day's start, also glued to a label: "Date3 July 1988"
    p["wd"] = rf"(?:(?P<weekday>{p['weekday']})(?:,\s+|[^\S\n]+))?"  # not a title's last word over a line break
    # the weekday after the date: "August 5, Friday", "25 July (Monday)"
    p["wd_after"] = rf"(?P<after>(?:,?[^\S\n]+|[^\S\n]*\()(?P<weekday_after>{p['weekday']})\b\)?)?"
    p["hour_word"] = alt([k for k, v in w["numbers"].items() if isinstance(v, int) and 1 <= v <= 12])
    return p


def phrase_key(text: str) -> str:
    """A phrase as the word lists spell it: lower case, single spaces."""
    return re.sub(r"\s+", " ", text.lower())


def number(word: str) -> float | None:
    """'eight' -> 8, 'twenty-four' -> 24, '48' -> 48, 'a' -> 1, 'several' -> None (unknown)."""
    lex = words()["numbers"]
    w = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", w):
        return float(w.replace(",", ""))
    if w in ("a", "an"):
        return 1
    if w in lex:
        return None if lex[w] == "X" else float(lex[w])
    pieces = re.split(r"[-\s]", w)
    if len(pieces) == 2 and all(p in lex and lex[p] != "X" for p in pieces):
        return float(lex[pieces[0]] + lex[pieces[1]])
    return None


def year(word: str) -> int:
    """'1988' -> 1988, 'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    if word.isdigit():
        return int(word)
    w = re.sub(r"[-\s]+", " ", word.lower()).replace(" and ", " ").split()
    if w[:2] == ["two", "thousand"]:
        return 2000 + int(number(" ".join(w[2:])) or 0) if len(w) > 2 else 2000
    century = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[w[0]]
    return century + (0 if w[1:] == ["hundred"] else int(number(" ".join(w[1:])) or 0))


def ordinal(word: str) -> int | None:
    """37 for "37th", "thirty-seventh" or "the thirty seventh"; None for what is no ordinal."""
    m = re.match(r"(\d+)", word)
    if m:
        return int(m.group(1))
    *tens, last = re.split(r"[-\s]+", word.lower())
    unit = words()["ordinals"].get(last)
    if not tens or unit is None:
        return unit
    ten = words()["numbers"].get(tens[0])
    return ten + unit if isinstance(ten, int) and len(tens) == 1 and ten % 10 == 0 and unit < 10 else None


def month(word: str | None) -> int | None:
    return None if word is None else words()["months"].get(word.lower().rstrip("."))


def weekday(word: str) -> int:
    return words()["weekdays"][word.lower().rstrip(".")]


def capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()


def lower_case_writing(text: str, at: int) -> bool:
    """The line around `at` is written without capitals after its first word (a chat message, a
    post): there a name's lower case says nothing ("merry christmas to all"). Handles and hashtags
    (@name, #Tag) and "I" are left out."""
    a, b = max(text.rfind("\n", 0, at) + 1, at - _LINE), text.find("\n", at)
    line = text[a:b if 0 <= b < at + _LINE else at + _LINE]
    said = [w for w in re.findall(r"(?<![@#\w'’])[A-Za-z]+", line) if w != "I"]
    return len(said) >= 3 and not any(w[0].isupper() for w in said[1:])


_LINE = 200  # characters either side read as the line


def named(word: str) -> bool:
    """A month or weekday name read as one: capitalised, or written in lower case (as chat and posts
    write) when the word is no common word too ("monday", "june"; not "may", "march", "sun")."""
    return capitalised(word) or word.lower() in words()["lower_case_names"]


def point(word: str | None) -> str | None:
    """The TIMEX3 mod of 'early', 'mid', 'late' ... (None when there is no such word)."""
    return None if not word else words()["fuzzy"]["point"].get(phrase_key(word))


def year_shift(text: str) -> int:
    return int(words()["year_shifts"][phrase_key(text)])


def year_word_shift(text: str) -> int:
    """'this year' 0, 'last year' -1, 'next year's' 1."""
    said = re.search(r"this|same|last|previous|next", text, re.I).group(0).lower()  # type: ignore[union-attr]
    return {"this": 0, "same": 0, "last": -1, "previous": -1, "next": 1}[said]


def doubtful_weekday(word: str) -> bool:
    """'Sun', 'Wed' without a dot, or 'sat' in lower case, are words or names more often than days."""
    return not named(word) or (len(word.rstrip(".")) <= 4 and not word.endswith("."))


def military_time(digits: str, before: str) -> bool:
    """'0030 hrs', 'at 1430 hours': four digits read as a clock time (HHMM), not a number of hours, when
    they start with a zero or a word that introduces a time stands before them."""
    if not re.fullmatch(r"\d{4}", digits) or int(digits[:2]) > 23 or int(digits[2:]) > 59:
        return False
    said = re.findall(r"[A-Za-z]+", before[-20:])
    return digits[0] == "0" or bool(said and said[-1].lower() in words()["clock_cues"])
