"""Values in plain words, for subjects and explanations: "26 July 1988", "three days", "about
7,000", "at least 4,800", "1,500 to 2,506". Findings never show a bare TIMEX3 value to a reader."""

from __future__ import annotations

import calendar
import datetime as dt
import re

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour"}
DAY_PART_WORDS = {"MO": "in the morning", "MI": "at midday", "AF": "in the afternoon", "EV": "in the evening",
                  "NI": "at night", "DT": "in the daytime"}
FATE_WORDS = {"dead": "killed", "wounded": "wounded", "casualties": "killed or wounded", "captured": "captured",
              "missing": "missing", "displaced": "displaced", "destroyed": "destroyed", "took part": "taking part",
              "strength": "in all", "hit": "that hit"}
PART_WORDS = {"civilian": "civilians", "child": "children", "woman": "women", "personnel": "fighters or troops",
              "crew": "crew", "passenger": "passengers", "prisoner": "prisoners", "man": "men"}


def number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def count(value: str) -> str:
    """A count's stated value ("~7000", "4800-", "1500-2506", "-300") in words."""
    approx = value.startswith("~")
    low, sep, high = value.lstrip("~").partition("-")
    if not sep:
        return ("about " if approx else "") + number(float(low))
    if low and high:
        return f"{number(float(low))} to {number(float(high))}"
    return f"at least {number(float(low))}" if low else f"at most {number(float(high))}"


def date(value: str) -> str:
    """A TIMEX3 date in words: 1988-07-26 -> 26 July 1988, 1988-07 -> July 1988, 198X -> the 1980s."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(?:(\d{2}):(\d{2})|([A-Z]{2})))?", value):
        day = f"{int(m[3])} {calendar.month_name[int(m[2])]} {m[1]}"
        if m[6]:
            return f"{day}, {DAY_PART_WORDS.get(m[6], m[6])}"
        return f"{day}, {m[4]}:{m[5]}" if m[4] else day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return f"{calendar.month_name[int(m[2])]} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return f"week {int(m[2])} of {m[1]}"
    if re.fullmatch(r"\d{3}X", value):
        return f"the {value[:3]}0s"
    return value


def span(stated: str, low: float | None, high: float | None) -> str:
    """A day whose claim spans more days than it ("15 March-19 March 1988", stated as its first
    day) in words by its ends: "15-19 March 1988"; any other date as `date` words it. `low` and
    `high` are the claim's days as ordinals."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", stated) or None in (low, high) or abs(high - low) == float("inf") \
            or high <= low:
        return date(stated)
    first, last = dt.date.fromordinal(int(low)), dt.date.fromordinal(int(high))
    ends = date(last.isoformat())  # the last day whole, as any day is worded
    if first.year != last.year:
        return f"{date(first.isoformat())}-{ends}"  # "28 December 1987-3 January 1988"
    if first.month != last.month:
        return f"{first.day} {calendar.month_name[first.month]}-{ends}"  # "28 February-3 March 1988"
    return f"{first.day}-{ends}"  # "15-19 March 1988"


def duration(value: str) -> str:
    """A TIMEX3 duration in words: P3D -> three days, PT48H -> 48 hours."""
    m = re.fullmatch(r"PT?(\d+(?:\.\d+)?|X)([YMWDH])", value)
    if not m:
        return value
    unit = DURATION_UNITS[m[2]]
    if m[1] == "X":
        return f"some {unit}s"
    n = float(m[1])
    amount = NUMBER_WORDS[int(n)] if n.is_integer() and n < len(NUMBER_WORDS) else number(n)
    return f"{amount} {unit}{'' if n == 1 else 's'}"


def value(attribute: str, stated: str, unit: str | None = None, names: dict[str, str] | None = None,
          days: tuple[float | None, float | None] = (None, None)) -> str:
    """A claim's value in words, by what it states; a date by the days it spans (`days`, as
    ordinals: "15-19 March 1988" for a claim stated as 15 March)."""
    if attribute in ("date", "start", "end"):
        return span(stated, *days)
    if attribute == "time":
        return date(stated)
    if attribute in ("duration", "plan"):
        return duration(stated)
    if attribute == "count":
        return count(stated) + (f" {unit}" if unit else "")
    return (names or {}).get(stated, stated)


def counted(kind: str | None, part: str | None, fate: str | None) -> str:
    """What a count counts, in words: "civilians killed", "fighters or troops", "vehicles destroyed"."""
    noun = PART_WORDS.get(part or "", f"{part}s") if part else (kind if kind in ("people", "personnel") else f"{kind}s")
    return noun + fated(fate)


def fated(fate: str | None) -> str:
    """" killed", " wounded": what befell the counted, after their noun."""
    return f" {FATE_WORDS.get(fate, fate)}" if fate else ""
