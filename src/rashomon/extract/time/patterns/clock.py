"""Times of day: clock times ("10 p.m.", "14:30", "noon"), weekdays ("Thursday evening"), parts of a day
("this morning", "tonight"), and a clock time joined to its day ("Nov. 9 at 5 p.m.")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from rashomon.extract.time.candidates import Candidate, Resolved, Rule, Scene, groups
from rashomon.extract.time.lexicon import (
    alt,
    doubtful_weekday,
    military_time,
    number,
    phrase_key,
    point,
    weekday,
    words,
)
from rashomon.extract.time.patterns.dates import Day, DayOfMonth
from rashomon.extract.time.patterns.relative import Anaphoric, Deictic
from rashomon.extract.time.story import Story
from rashomon.extract.time.tense import FUTURE_NEAR, tense


@dataclass(kw_only=True)
class Clock(Candidate):
    """A clock time; its day is the date in the same sentence, else the voice's own date."""

    kind = "clock"
    hour: str | None = None
    minute: str | None = None
    ampm: str | None = None
    named: str | None = None  # noon, midnight, midday; dawn, dusk ... (day_marks)
    utc: bool = False  # "18:00 UTC", "0800 GMT": ISO 8601 writes the zone as Z

    def time_of_day(self) -> str | None:
        """'10 p.m.' -> 'T22:00', 'noon' -> 'T12:00', 'dawn' -> 'TMO'; None when the hour is impossible."""
        if self.named:
            key = phrase_key(self.named)
            return "T" + (words()["parts_of_day"].get(key) or words()["day_marks"][key])
        hour, minute, ampm = int(self.hour or 0), int(self.minute or 0), (self.ampm or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        return None if hour > 24 else f"T{hour:02d}:{minute:02d}{'Z' if self.utc else ''}"

    def resolve(self, at: Scene) -> Resolved:
        clock_text = self.time_of_day()
        if clock_text is None:
            return Resolved("TIME", None, "not a clock time")
        day = next((d for x in at.neighbours if (d := x.absolute_day())), None)
        if day:
            return Resolved("TIME", f"{day.isoformat()}{clock_text}", "the date in the same sentence")
        if on := at.story.narrative_day(at.index, tense(self, at.sentence, at.sentence_start)):
            if at.story.night and re.fullmatch(r"T0[0-5]:\d\d", clock_text):  # "the night of 3 June ... 2 a.m."
                after = on[0] + timedelta(days=1)
                why = f"the small hours after the night the narrative is on ({on[0].isoformat()})"
                return Resolved("TIME", f"{after.isoformat()}{clock_text}", why, moves_day=False)
            return Resolved("TIME", f"{on[0].isoformat()}{clock_text}", on[1])
        if at.story.now:
            return Resolved("TIME", f"{at.story.now.isoformat()}{clock_text}", at.story.now_label)
        return Resolved("TIME", None, "a clock time with no day to anchor it")


@dataclass(kw_only=True)
class Weekday(Candidate):
    """'Friday', 'last Monday', 'Thursday evening': the nearest such day to the voice's date."""

    kind = "weekday"
    weekday: str
    dir: str | None = None  # last, next, this, early, late; previous, following, that (from the story)
    part: str | None = None  # morning, evening ...

    def resolve(self, at: Scene) -> Resolved:
        story, wd = at.story, weekday(self.weekday)
        base, label, narrative = story.now, story.now_label, story.now is None
        closes_range = _RANGE_END.search(at.sentence, 0, self.start - at.sentence_start) is not None
        anaphoric = (self.dir or "").lower() in ("previous", "following", "that")
        if story.day and (base is None or anaphoric or (not closes_range and _told_apart(story, wd, at.index))):
            base, label, narrative = story.day, f"day the narrative is on ({story.day.isoformat()})", True
        if base is None:
            return Resolved("DATE", None, "a weekday needs a publication date or an earlier date in the story")
        day, why = self._day(wd, base, label, at, narrative=narrative)
        mod = point(self.dir) if (self.dir or "").lower() in ("early", "late") else None
        # the day a span runs to ("from Tuesday morning until Thursday evening") is looked ahead to: the
        # narrative stays on the day it was on, and tells what happened in between from there
        if self.part:  # "Thursday evening" is a time of that day
            code = words()["parts_of_day"][self.part.lower()]
            return Resolved("TIME", f"{day.isoformat()}T{code}", why, mod=mod, moves_day=not closes_range)
        return Resolved("DATE", day.isoformat(), why, mod=mod, moves_day=not closes_range)

    def _day(self, wd: int, base: date, label: str, at: Scene, narrative: bool) -> tuple[date, str]:
        """The day this weekday names, counted from `base`: forward in a narrative, else the last such
        day (or the next one, when the sentence looks ahead), preferring a day the account itself dates."""
        direction = (self.dir or "").lower()
        if direction in ("previous", "following"):  # "the previous Friday": the one before the day it is on
            step = 1 if direction == "following" else -1
            gap = ((wd - base.isoweekday()) * step) % 7 or 7
            return base + timedelta(days=step * gap), f"the {direction} {self.weekday} from the {label}"
        if direction == "that" and narrative:  # "That Friday": of the week the story is on
            return base + timedelta(days=wd - base.isoweekday()), f"that {self.weekday}, in the week of the {label}"
        before = at.sentence[max(0, self.start - at.sentence_start - 60):self.start - at.sentence_start]
        future = direction == "next" or (direction != "last" and (
            self.tense == "future" if self.tense else FUTURE_NEAR.search(before) is not None))
        monday = base - timedelta(days=base.isoweekday() - 1)
        if direction in ("last", "next"):  # "last Monday": the Monday of the week before
            day = monday + timedelta(days=wd - 1, weeks=-1 if direction == "last" else 1)
            return day, f"that weekday in the week {'before' if direction == 'last' else 'after'} the {label}"
        ahead = (m := _UNTIL.search(before)) and (m["soon"] or not re.search(r"\bhad\b", at.sentence, re.I))
        if future or narrative or ahead:
            return base + timedelta(days=(wd - base.isoweekday()) % 7), f"the next such weekday from the {label}"
        day = base - timedelta(days=(base.isoweekday() - wd) % 7)
        dated = [d for d in at.story.dated if d.isoweekday() == wd and d < day and (base - d).days <= _DATED_REACH]
        if dated and day not in at.story.dated:  # a weekly's cover date is days after the week it reports
            return max(dated), f"the {self.weekday} the account dates ({max(dated).isoformat()})"
        return day, f"the last such weekday up to the {label}"


def _told_apart(story: Story, wd: int, sent_index: int) -> bool:
    """The sentence itself dated a day of this weekday, a month or more from publication ("On Friday,
    14 April 2017, crowds gathered after Friday prayers"): the weekday is that day. The sentence just
    before dated a day a year or more before publication ("The offensive began on 20 July 1988. On
    Friday the town fell."): the week the story is in. Otherwise a news report's weekdays are the
    publication date's week, whatever background date it gave before."""
    assert story.day is not None and story.now is not None
    if sent_index == story.day_sentence and story.day.isoweekday() == wd and abs((story.now - story.day).days) > _APART:
        return True
    return sent_index - story.day_sentence == 1 and (story.now - story.day).days > _YEAR


_APART, _YEAR = 31, 365
# "as early as Tuesday", "until 9 a.m. Tuesday": a weekday reached from now, whatever the verb's tense
# (not "Until Thursday, they had not called him a suspect": a state that held up to a past day)
_UNTIL = re.compile(r"\b(?:(?P<soon>as\s+(?:soon|early)\s+as)|until|till)\s+"
                    r"(?:[\d:.]+\s*[ap]\.?m\.?\s*(?:[A-Z]{2,4}\s+)?)?$", re.I)
_RANGE_END = re.compile(r"(?:\b(?:to|until|till|through)|[-–])\s*$", re.I)  # "from Sept. 14 to Thursday"

# A weekday that would be the publication day or the day before is the same weekday a week earlier when
# the account dates that day: a weekly's cover date lies days after the week it reports.
_DATED_REACH = 8


@dataclass(kw_only=True)
class PartOfDay(Candidate):
    """'this morning', 'last night', 'tonight': a part of the voice's own day (or the one before, after)."""

    kind = "part_of_day"
    dir: str | None = None
    part: str | None = None
    tonight: bool = False
    point: str | None = None  # early, mid, late: "mid-afternoon", "late this afternoon"

    def resolve(self, at: Scene) -> Resolved:
        now, mod = at.story.now, point((self.point or "").lower().removesuffix("r"))  # "later": late
        code = "NI" if self.tonight else words()["parts_of_day"][(self.part or "").lower()]
        if self.dir is None and not self.tonight and (
                on := at.story.narrative_day(at.index, tense(self, at.sentence, at.sentence_start))):
            return Resolved("TIME", f"{on[0].isoformat()}T{code}", on[1], mod=mod)  # "by mid-afternoon"
        if not now:
            return Resolved("TIME", None, "needs a publication date, which is unknown", mod=mod)
        shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get((self.dir or "").lower(), 0)
        return Resolved("TIME", f"{(now + timedelta(days=shift)).isoformat()}T{code}", at.story.now_label, mod=mod)


@dataclass(kw_only=True)
class DateTime(Candidate):
    """A clock time and the day beside it ("10 p.m. Wednesday", "Nov. 9 at 5 p.m."): one TIME."""

    kind = "datetime"
    day: Candidate
    clock: Clock
    apart: bool = False  # "7 pm, on Monday, July 25": resolved as one, written out as two timexes

    def resolve(self, at: Scene) -> Resolved:
        day = self.day.resolve(at)
        time_of_day = self.clock.time_of_day()
        if time_of_day and day.value and day.value[11:] in _LATE_PARTS and self.clock.ampm is None \
                and not self.clock.named and int(time_of_day[1:3]) < 12:  # "8:30 last night" is 20:30
            time_of_day = f"T{int(time_of_day[1:3]) + 12:02d}{time_of_day[3:]}"
        if day.value and time_of_day and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T[A-Z]{2})?", day.value):
            return Resolved("TIME", day.value[:10] + time_of_day, day.anchor, sets_story=day.sets_story)
        return Resolved("TIME", None, day.anchor or "the day of this clock time is unknown")


_LATE_PARTS = ("AF", "EV", "NI")  # parts of a day whose clock hours are after noon


@dataclass(kw_only=True)
class DayPart(Candidate):
    """'the morning of 30 March 2015': a part of the day beside it, one TIME."""

    kind = "day_part"
    day: Candidate
    part: str

    def absolute_day(self) -> date | None:
        return self.day.absolute_day()

    def resolve(self, at: Scene) -> Resolved:
        day = self.day.resolve(at)
        if day.value and re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
            code = words()["parts_of_day"][self.part.lower()]
            return Resolved("TIME", f"{day.value}T{code}", day.anchor, sets_story=day.sets_story)
        return day


_GAME_CLOCK = re.compile(r"\s+(?:left|remaining|to\s+play|to\s+go)\b", re.I)


def _read_clock(m: re.Match[str]) -> Clock | None:
    g = groups(m)
    hour, minute = g.get("hour") or g.get("hour24"), g.get("minute") or g.get("minute24")
    if "hhmm" in g:  # "1430 hours", "0030 hrs"
        said = "utc" in g and int(g["hhmm"][:2]) < 24  # "1430 UTC" says it is a clock time by itself
        if not said and not military_time(g["hhmm"], m.string[max(0, m.start() - 20):m.start()]):
            return None
        hour, minute = g["hhmm"][:2], g["hhmm"][2:]
    if "hour24" in g and _GAME_CLOCK.match(m.string, m.end()):
        return None  # "with 2:35 left": time left on a game's clock, no time of day
    if "oclock" in g:  # "six o'clock", "6 o'clock pm"
        hour = g["oclock"] if g["oclock"].isdigit() else str(int(number(g["oclock"]) or 0))
    return Clock(start=m.start(), end=m.end(), hour=hour, minute=minute, ampm=g.get("ampm") or g.get("ampm2"),
                 named=g.get("noon") or g.get("mark"), utc=(g.get("zone") or g.get("utc")) in ("UTC", "GMT"))


@cache
def _office() -> re.Pattern[str]:
    """Words after a weekday that make it part of a title or an institution (weekday_offices)."""
    return re.compile(rf"\s+{alt(words()['weekday_offices'])}\b", re.I)


def _read_weekday(m: re.Match[str]) -> Weekday | None:
    g = groups(m)
    counted = g.get("dir", "").lower() in ("last", "next")  # "next sat" is a day, "sat" alone a verb
    if (doubtful_weekday(g["weekday"]) and not counted) or (not g.get("part") and _office().match(m.string, m.end())):
        return None  # "Sun" the newspaper; "the Friday prayer leader" is a title, not a day
    if g.get("dir", "").lower() == "that" and not _THAT_DAY.search(m.string, max(0, m.start() - 12), m.start()):
        g.pop("dir")  # "said that Friday's vote ...": a conjunction, not "that Friday" of the story
    counted = g.get("dir", "").lower() in ("previous", "following")  # "the previous Friday" whole
    start = m.start() if counted else m.start("dir") if "dir" in g else m.start("weekday")
    return Weekday(start=start, end=m.end(), weekday=g["weekday"], dir=g.get("dir"), part=g.get("part"))


# "That Friday" opening a sentence, "on that Friday": the story's; after a verb "that" is a conjunction
_THAT_DAY = re.compile(r"(?:^|[.!?][\"'”’]?\s+|\n|\b(?:on|by|until|till|from|since|before|after|of|through)\s+)$",
                       re.I)


def _read_part_of_day(m: re.Match[str]) -> PartOfDay:
    g = groups(m)
    return PartOfDay(start=m.start(), end=m.end(), dir=g.get("dir") or g.get("dir2"),
                     part=g.get("part") or g.get("part2"), tonight="tonight" in g,
                     point=g.get("point") or g.get("point2"))


RULES = (
    Rule("clock", r"\b(?P<hour>[0-2]?\d)(?:[:.]?(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
         r"|\b(?P<hour24>[0-2]?\d):(?P<minute24>[0-5]\d)\b(?:\s*(?:hrs\b\.?|hours\b|h\b))?"
         r"(?:\s+(?P<zone>(?-i:GMT|UTC|[A-Z]{{2,3}}T)))?"  # a zone in capitals, not "left"
         r"|\b(?P<hhmm>[0-2]\d[0-5]\d)\s*(?:hrs\b\.?|hours\b|h\b|(?P<utc>UTC|GMT)\b)"
         r"|\b(?P<oclock>[0-2]?\d|{hour_word})\s*o['’]\s?clock\b(?:\s*(?P<ampm2>[ap]\.?\s?m\b\.?))?"
         r"|\b(?P<noon>noon|midnight|midday)\b"
         r"|(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\buntil\s)|(?<=\bfrom\s))"
         r"(?P<mark>{day_marks})\b", ("#digit", "noon", "midnight", "midday", "clock", "^day_marks"), _read_clock,
         "6 o'clock pm"),
    Rule("weekday", r"\b(?:(?:the\s+)?(?P<dir>last|next|this|that|early|late|(?<=the\s)previous|"
         r"(?<=the\s)following)\s+)?"
         r"(?P<weekday>{weekday})(?:\s+(?P<part>{part}))?\b",
         ("@weekdays",), _read_weekday, "Thursday evening"),
    Rule("part_of_day", r"\b(?:(?P<point>early|late|later)\s+)?(?P<dir>this|last|yesterday|tomorrow)\s+"
         r"(?P<part>{part})\b"
         r"|\b(?P<tonight>{tonight_words})\b"
         r"|\b(?P<point2>early|mid|late)[-\s]+(?P<part2>morning|afternoon|evening)"
         r"(?:\s+(?P<dir2>yesterday|today|tomorrow))?\b",
         ("@parts_of_day", "@tonight_words"), _read_part_of_day, "mid-afternoon yesterday"),
)

_CLOCK_THEN_DAY = re.compile(r"[\s,]*(?:(?:EST|EDT|CST|CDT|PST|PDT|ET|PT|GMT|UTC|(?:(?i:eastern|central|mountain"
                             r"|pacific|local)(?:\s+(?i:standard|daylight))?\s+time))[\s,]*)?(?:on\s+)?")
_SET_OFF_DAY = re.compile(r"\s*,\s*on\s", re.I)  # "7 pm, on Monday": two phrases, the day told apart
_DAY_THEN_CLOCK = re.compile(r"\s*(?:at\s+|around\s+)?")  # "July 24, 1988, at 14:30": two timexes


def _is_day(c: Candidate) -> bool:
    if isinstance(c, Anaphoric):  # "3:15 pm the next afternoon", "10 p.m. that night"
        return words()["anaphoric"][c.key][0] == "D"
    if isinstance(c, PartOfDay):  # "8:30 last night", "10 p.m. tonight": a part of a day deixis names
        return c.dir is not None or c.tonight
    return isinstance(c, (Day, DayOfMonth, Weekday, Deictic))


# a night runs into the next day: "the night of 3 June" stays the date (and sets the narrative on its night)
_PART_OF = re.compile(r"\bthe\s+(?P<part>morning|afternoon|evening)\s+of\s+$", re.I)
NIGHT_OF = re.compile(r"\bnight\s+of\s+$", re.I)


def join_part_and_day(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'the morning of 30 March 2015': the day with the part of it that the words before it name."""
    out: list[Candidate] = []
    for c in cands:
        m = _PART_OF.search(text, max(0, c.start - 25), c.start) if isinstance(c, Day) else None
        if m and not (out and out[-1].end > m.start()):
            c = DayPart(start=m.start(), end=c.end, day=c, part=m["part"], tense=c.tense)
        out.append(c)
    return out


_RESTATED = re.compile(r"\s*\(\s*")


def join_clock_and_day(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join a clock time and the day beside it ("10 p.m. Wednesday", "Nov. 9 at 5 p.m.") into one TIME.
    A clock time restated in another zone in parentheses ("10:35 a.m. (0735 GMT)") is the same moment: dropped."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev and isinstance(c, Clock) and isinstance(prev, (Clock, DateTime))
                and _RESTATED.fullmatch(text[prev.end:c.start]) and text[c.end:c.end + 2].lstrip().startswith(")")):
            continue
        if prev and (isinstance(prev, Clock) or isinstance(c, Clock)) and (_is_day(prev) or _is_day(c)):
            pattern = _CLOCK_THEN_DAY if isinstance(prev, Clock) else _DAY_THEN_CLOCK
            if pattern.fullmatch(text[prev.end:c.start]):
                day, hour = (c, prev) if isinstance(prev, Clock) else (prev, c)
                apart = _SET_OFF_DAY.match(text, prev.end, c.start) is not None
                out[-1] = DateTime(start=prev.start, end=c.end, day=day, clock=hour, apart=apart)  # type: ignore[arg-type]
                continue
        out.append(c)
    return out
