"""Days a calendar names: holidays ("Christmas Day", "Thanksgiving") and Solar Hijri dates ("12 Mehr 1375")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rashomon.extract.time.calendars import from_solar_hijri, holiday_date, nowruz
from rashomon.extract.time.candidates import Candidate, Resolved, Rule, Scene, groups
from rashomon.extract.time.lexicon import capitalised, lower_case_writing, phrase_key, words, year
from rashomon.extract.time.story import Story, year_for
from rashomon.extract.time.tense import tense


@dataclass(kw_only=True)
class SolarHijri(Candidate):
    """Solar Hijri dates: '12 Mehr 1375' -> 1996-10-03; '1375 SH' -> 1996-03-20/1997-03-20."""

    kind = "solar_hijri"
    jy: int | None
    jm: int | None
    jd: int | None
    month: str | None = None  # the month's name as written

    def absolute_day(self) -> date | None:
        return from_solar_hijri(self.jy, self.jm, self.jd) if self.jy and self.jm and self.jd else None

    def resolve(self, at: Scene) -> Resolved:
        jy, jm, jd = self.jy, self.jm, self.jd
        label = " ".join(str(x) for x in (jd, self.month, jy) if x)
        why = f"converted from the Solar Hijri date {label} (33-year arithmetic calendar)"
        if jy is None and jm and jd and (near := _story_day(at.story)):  # "on 12 Mehr", in a dated story
            jy = min(range(near.year - 622, near.year - 619), key=lambda y: abs(from_solar_hijri(y, jm, jd) - near))
            why += f", the year nearest the story's date ({near.isoformat()})"
        if jy is None:
            return Resolved("DATE", None, f"Solar Hijri date {label} without a year")
        if jm and jd:
            return Resolved("DATE", from_solar_hijri(jy, jm, jd).isoformat(), why, sets_story=True)
        first = from_solar_hijri(jy, jm or 1, 1)
        last = (from_solar_hijri(jy, jm + 1, 1) if jm and jm < 12 else nowruz(jy + 1)) - timedelta(days=1)
        return Resolved("DATE", f"{first.isoformat()}/{last.isoformat()}", why)


@dataclass(kw_only=True)
class Holiday(Candidate):
    kind = "holiday"
    rule: str  # "12-25", "11-TH4" (see holidays in time.yaml)
    year: str | None = None
    dir: str | None = None  # last, next, this

    def resolve(self, at: Scene) -> Resolved:
        story, why = at.story, None
        if self.year:
            y: int | None = year(self.year)
        else:
            probe = holiday_date(self.rule, 2001)
            if probe is None:
                return Resolved("DATE", None, "holiday rule not understood")
            y, why = year_for(story, probe.month, probe.day, at.index, tense(self, at.sentence, at.sentence_start))
            shift = {"last": -1, "next": 1}.get((self.dir or "").lower(), 0)
            if y is not None and shift and story.now:
                this = holiday_date(self.rule, story.now.year)
                same_year = this is not None and (this < story.now) == (shift < 0)
                y = story.now.year if same_year else story.now.year + shift
        day = holiday_date(self.rule, y) if y is not None else None
        if day is None:
            return Resolved("DATE", None, why or "no year for the holiday")
        return Resolved("DATE", day.isoformat(), why, sets_story=True)


def _story_day(story: Story) -> date | None:
    """The day the story is on, or the middle of the month or year it last set."""
    if story.day:
        return story.day
    if story.ref:
        y, m, d = story.ref
        return date(y, m or 7, d or (15 if m else 1))
    return None


def _read_solar_hijri(m: re.Match[str]) -> SolarHijri | None:
    g = groups(m)
    month = g.get("shmonth") or g.get("shmonth2") or g.get("shmonth3")
    if month and not capitalised(month):
        return None
    jm = words()["solar_hijri_months"][month.lower()] if month else None
    jd = int(g.get("day") or g.get("day2") or 0) or None
    jy = int(g.get("shyear") or g.get("shyear2") or 0) or None
    if jd and not 1 <= jd <= (31 if (jm or 0) <= 6 else 30):
        return None
    return SolarHijri(start=m.start(), end=m.end(), jy=jy, jm=jm, jd=jd, month=month)


def _read_holiday(m: re.Match[str]) -> Holiday | None:
    g = groups(m)
    if not capitalised(g["holiday"]) and not lower_case_writing(m.string, m.start()):
        return None
    return Holiday(start=m.start(), end=m.end(), rule=words()["holidays"][phrase_key(g["holiday"])],
                   year=g.get("year"), dir=g.get("dir"))


SOLAR_HIJRI = Rule(
    "solar_hijri", r"\b(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<shmonth>{shmonth})"
    r"|(?P<shmonth2>{shmonth})\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)(?:,?\s+(?P<shyear>1[2-4]\d\d))?"
    r"(?:\s*{sh_era})?\b|\b(?:(?P<shmonth3>{shmonth})\s+)?(?P<shyear2>1[2-4]\d\d)\s*{sh_era}",
    ("@solar_hijri_months", "sh", "ap", "hs", "hijri"), _read_solar_hijri, "4 Mordad 1367")

HOLIDAY = Rule("holiday", r"\b(?:(?P<dir>last|next|this)\s+)?(?P<holiday>{holidays})(?:,?\s+{year})?\b",
               ("^holidays",), _read_holiday, "Christmas Day 1987")
