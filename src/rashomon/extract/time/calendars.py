"""Calendar arithmetic: the days a TIMEX3 value spans, moving a date by units, holidays, Solar Hijri.

Nothing here reads text: values and dates in, values and dates out.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

YMD = tuple[int, int | None, int | None]  # (year, month, day) of a date as precise as the text gave it


def valid(y: int, m: int | None, d: int | None = None) -> bool:
    """Whether month m (and day d) exist in year y."""
    if m is None or not 1 <= m <= 12:
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date (or datetime) string; None when it is absent or no day."""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def shift(anchor: YMD, unit: str, n: int) -> str | None:
    """Move a (year, month, day) reference by n units and give the TIMEX3 value at that unit."""
    y, m, d = anchor
    if unit == "WE":  # the weekend just past (or this one, on a weekend), moved by n weekends
        if not (m and d):
            return None
        day = date(y, m, d)
        base = day if day.isoweekday() >= 6 else day - timedelta(days=day.isoweekday())
        return week(base + timedelta(weeks=n)) + "-WE"
    if unit == "D":
        return (date(y, m, d) + timedelta(days=n)).isoformat() if m and d else None
    if unit == "W":
        return week(date(y, m, d) + timedelta(weeks=n)) if m and d else None
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


def bounds(v: str) -> tuple[date | None, date | None]:
    """First and last day of a date value without its time part; ValueError for an impossible date."""
    lo = hi = None
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v):
        lo = hi = date(int(m[1]), int(m[2]), int(m[3]))
    elif m := re.fullmatch(r"(\d{4})-(\d\d)", v):
        y, mo = int(m[1]), int(m[2])
        lo, hi = date(y, mo, 1), date(y, mo, last_day(y, mo))
    elif m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", v):
        lo = date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
        hi = date.fromisocalendar(int(m[1]), int(m[2]), 7)
    elif m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        y, q = int(m[1]), int(m[2])
        lo, hi = date(y, 3 * q - 2, 1), date(y, 3 * q, last_day(y, 3 * q))
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
        lo, hi = bounds(v)
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


def holiday_date(rule: str, y: int) -> date | None:
    """'12-25' -> Dec 25; '11-TH4' -> fourth Thursday of November; '05-MOL' -> last Monday of May."""
    m = re.fullmatch(r"(\d\d)-(\d\d|[A-Z]{2}[1-5L])", rule)
    if not m:
        return None
    month, spec = int(m[1]), m[2]
    if spec.isdigit():
        return date(y, month, int(spec)) if valid(y, month, int(spec)) else None
    wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(spec[:2]) + 1
    days = [date(y, month, k) for k in range(1, last_day(y, month) + 1) if date(y, month, k).isoweekday() == wd]
    return days[-1] if spec[2] == "L" else days[int(spec[2]) - 1]


_SH_LEAP = {1, 5, 9, 13, 17, 22, 26, 30}  # leap years of the 33-year arithmetic Solar Hijri cycle


def nowruz(jy: int) -> date:
    """Gregorian date of 1 Farvardin of Solar Hijri year jy (1354 SH began on 1975-03-21)."""
    day, y = date(1975, 3, 21), 1354
    while y < jy:
        day += timedelta(days=366 if y % 33 in _SH_LEAP else 365)
        y += 1
    while y > jy:
        y -= 1
        day -= timedelta(days=366 if y % 33 in _SH_LEAP else 365)
    return day


def from_solar_hijri(jy: int, jm: int, jd: int) -> date:
    """The Gregorian day of day jd of month jm of Solar Hijri year jy."""
    return nowruz(jy) + timedelta(days=(jm - 1) * 31 + jd - 1 if jm <= 7 else 186 + (jm - 7) * 30 + jd - 1)
