"""Expressions counted from another time: the reader's now ("yesterday", "this week"), the story's last
date ("the next day"), an event the document dates ("the eve of the attack"), the period of the account."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from rashomon.extract.time.calendars import shift, valid
from rashomon.extract.time.candidates import Candidate, Resolved, Rule, Scene
from rashomon.extract.time.lexicon import phrase_key, point, words, year
from rashomon.extract.time.patterns.durations import duration_value
from rashomon.extract.time.story import UNIT_NAMES, event_day, from_story, offset_words
from rashomon.extract.time.tense import tense


@dataclass(kw_only=True)
class Phrase(Candidate):
    """A fixed phrase of a word list in time.yaml."""

    phrase: str
    point: str | None = None  # "early", "the end of" before it: the TIMEX3 mod (START, END ...)

    @property
    def key(self) -> str:
        return phrase_key(self.phrase)


class Deictic(Phrase):
    """'yesterday', 'last week': counted from the voice's own date."""

    kind = "deictic"

    def resolve(self, at: Scene) -> Resolved:
        unit, n = words()["deictic"][self.key]
        if not at.story.now:
            return Resolved("DATE", None, f"'{self.phrase}' needs a publication date, which is unknown")
        # "left last month. The month before, ..." counts from it; in a history only a deictic date that
        # tells something done does ("Today it is a museum" is no date of the story)
        told = not at.story.history or tense(self, at.sentence, at.sentence_start) == "past"
        return Resolved("DATE", shift(at.story.now_ymd(), unit, n), at.story.now_label, mod=point(self.point),
                        sets_story=unit in ("D", "W", "M", "Y") and told)


@dataclass(kw_only=True)
class Anaphoric(Phrase):
    """'the next day', 'that same week': counted from the story's last date."""

    kind = "anaphoric"
    apposed: bool = False  # "Oct. 12, the day before the vote": 'the day' restates the date just given

    def resolve(self, at: Scene) -> Resolved:
        if self.apposed:
            return from_story(at.story, "D", 0, self.phrase)
        unit, n, *part = words()["anaphoric"][self.key]
        found = from_story(at.story, unit, n, self.phrase)
        if part and found.value:  # "that night": a time of that day
            found.type, found.value = "TIME", f"{found.value}T{part[0]}"
        return found


# "the day before the vote", "the day before returning": an event follows, not the end of the phrase
_EVENT_AFTER = re.compile(r"[^\S\n]+(?!yesterday\b|tomorrow\b|last\b|this\b|that\b)(?P<word>[A-Za-z]+)")
_DATE_BEFORE = re.compile(r"(?:\b[0-3]?\d|\b\d{4}|day)\s*,\s*$")  # "Nov. 3, ", "on Friday, "


def _read_anaphoric(m: re.Match[str]) -> Anaphoric | None:
    """An anaphor counted from the story's last date. When 'before'/'after' closes it and an event
    follows: after a date and a comma ("Oct. 12, the day before the vote") 'the day' restates that date;
    before a gerund ("later in the day before returning home") 'the day' is no day counted from the
    story; before any other event the story's last date is taken as the event's ("He left on June 3.
    The day after he left, ...")."""
    phrase = m.group("phrase")
    event = _EVENT_AFTER.match(m.string, m.end()) if re.search(r"\s(?:before|after)$", phrase, re.I) else None
    if event is None:
        return Anaphoric(start=m.start(), end=m.end(), phrase=phrase)
    head = re.match(r"the\s+day\b", phrase, re.I)
    if head and _DATE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return Anaphoric(start=m.start(), end=m.start("phrase") + head.end(), phrase=head.group(0), apposed=True)
    if event["word"].lower().endswith("ing"):
        return None
    return Anaphoric(start=m.start(), end=m.end(), phrase=phrase)


class Reference(Phrase):
    """'now', 'the past', 'the future': PRESENT_REF, PAST_REF, FUTURE_REF."""

    kind = "reference"

    def resolve(self, at: Scene) -> Resolved:
        return Resolved("DATE", words()["references"][self.key])


class SomeDayAhead(Phrase):
    """'will one day be': some time ahead, not a day long."""

    kind = "some_day_ahead"

    def resolve(self, at: Scene) -> Resolved:
        return Resolved("DATE", "FUTURE_REF", "'one day' after a modal verb: some time ahead")


# "the future of the region", "the past three summers": the word names a thing or a stretch, no reference
_NOT_A_REFERENCE = re.compile(r"\s+(?:of\b|\d|(?:few|several|two|three|four|five|six|seven|eight|nine|ten)\b)", re.I)


def _titled(m: re.Match[str]) -> bool:
    """'This Week With David Brinkley', 'VOA Today': every word capitalised inside a sentence is a name."""
    words_ = m.group("phrase").split()
    before = m.string[max(0, m.start() - 3):m.start()].rstrip(" ")
    inside = bool(before) and (before[-1].isalnum() or before[-1] == "," or (len(words_) > 1 and before[-1] in "\"“'‘"))
    if not inside or not all(w[:1].isupper() for w in words_):  # quoted speech writes "This week ..."
        return False
    around = re.findall(r"[A-Za-z]+", m.string[max(0, m.start() - 80):m.end() + 80])
    return sum(w[0].islower() for w in around) * 2 > len(around)  # in title case, capitals tell nothing


def _read_deictic(m: re.Match[str]) -> Deictic | None:
    return None if _titled(m) else Deictic(start=m.start(), end=m.end(), phrase=m.group("phrase"),
                                           point=m.group("point"))


# Said alone, "the week" is annotated as a week of no known number and "the month" is seldom a time;
# with a point before it ("the end of the month") it is the period the account is in.
_ONLY_WITH_POINT = {"the week", "the month"}


def _read_current_period(m: re.Match[str]) -> CurrentPeriod | None:
    said = m.group("point")
    if not said and phrase_key(m.group("phrase")) in _ONLY_WITH_POINT:
        return None
    return CurrentPeriod(start=m.start(), end=m.end(), phrase=m.group("phrase"), point=said)


def _read_reference(m: re.Match[str]) -> Reference | None:
    phrase = m.group("phrase")
    if _titled(m):
        return None
    if phrase_key(phrase) in ("the past", "the future", "the present") and _NOT_A_REFERENCE.match(m.string, m.end()):
        return None
    return Reference(start=m.start(), end=m.end(), phrase=phrase)


class CurrentPeriod(Phrase):
    """'for the year', 'the current fiscal year': the publication date's year (month, week) in a news
    report, the story's in a history."""

    kind = "current_period"

    def resolve(self, at: Scene) -> Resolved:
        story = at.story
        unit = words()["current_periods"][self.key]
        mod = point(self.point)
        # "The trial opened in June. By the end of the month ...": a point of a period told as past just
        # after the story dated something is in the story's period
        told = bool(self.point and story.ref and at.index - story.ref_sentence <= 1
                    and tense(self, at.sentence, at.sentence_start) == "past")
        if story.ref and (story.history or told):
            value = shift(story.ref, unit, 0)
            if value:
                return Resolved("DATE", value, f"the story's {UNIT_NAMES[unit]} ({story.ref_text})", mod=mod)
        if story.now:
            return Resolved("DATE", shift(story.now_ymd(), unit, 0), story.now_label, mod=mod)
        return Resolved("DATE", None, f"'{self.phrase}' needs a publication date or a dated story")


@dataclass(kw_only=True)
class PeriodEnded(Candidate):
    """'the year ended March 31': a year long, closed by its own date (a timex of its own)."""

    kind = "period_ended"
    unit: str

    def resolve(self, at: Scene) -> Resolved:
        return Resolved("DURATION", duration_value(1, words()["units"][self.unit.lower()]))


@dataclass(kw_only=True)
class ThisDayIn(Candidate):
    """'On this day in 1988': the publication date's day and month in that year."""

    kind = "this_day_in"
    year: str

    def resolve(self, at: Scene) -> Resolved:
        now = at.story.now
        if not now:
            return Resolved("DATE", None, "'this day' needs a publication date, which is unknown")
        y = year(self.year)
        if not valid(y, now.month, now.day):
            return Resolved("DATE", None, f"{now.isoformat()[5:]} does not exist in {y}")
        return Resolved("DATE", f"{y:04d}-{now.month:02d}-{now.day:02d}", at.story.now_label, sets_story=True)


@dataclass(kw_only=True)
class EventRelative(Candidate):
    """'the eve of the aggression': a day offset from the date the document gives for an event."""

    kind = "event_rel"
    offset: int
    noun: str

    def resolve(self, at: Scene) -> Resolved:
        chosen = event_day(at.story, self.noun)
        if chosen is None:
            return Resolved("DATE", None, f"the document gives no date for the {self.noun}")
        when = chosen[0] + timedelta(days=self.offset)
        return Resolved("DATE", when.isoformat(), f"{offset_words('D', self.offset)} {chosen[1]}", sets_story=True)


def _read_event(m: re.Match[str]) -> EventRelative | None:
    """Keep the noun phrase up to the event noun it names."""
    lex = words()
    phrase = phrase_key(m.group("phrase"))
    nouns = {n.lower() for n in lex["event_nouns"]}
    found = list(re.finditer(r"[\w’'-]+", m.group("np")))
    first = found[0].group(0) if found else ""
    second = found[1].group(0).lower() if len(found) > 1 else ""
    day = r"[0-3]?\d(?:st|nd|rd|th)?"
    if ((first.lower() in lex["months"] and (first[:1].isupper() or re.fullmatch(day, second)))
            or (first[:1].isupper() and first.lower() in lex["weekdays"])
            or (re.fullmatch(day, first) and second in lex["months"])):
        return None  # "the night of March 13", "the night of may 2", "the night of Friday, Oct. 23": a date
    head = next((w for w in found if w.group(0).lower() in nouns or w.group(0).lower().rstrip("s") in nouns),
                None)
    if head is None:
        if not phrase.endswith(" of") or not found:
            return None
        determiner = found[0].group(0).lower() in ("the", "this", "that", "his", "her", "their", "its")
        head = found[1] if determiner and len(found) > 1 else found[0]
    return EventRelative(start=m.start(), end=m.start("np") + head.end(), offset=lex["event_offsets"][phrase],
                         noun=head.group(0).lower())


RULES = (
    Rule("this_day_in", r"\b(?:on\s+)?this\s+(?:very\s+)?(?:day|date)\s+in\s+(?:the\s+year\s+)?{year}\b",
         ("day", "date"), lambda m: ThisDayIn(start=m.start(), end=m.end(), year=m.group("year")),
         "On this day in 1988"),
)

EVENT_AND_PHRASES = (
    Rule("event_rel", r"\b(?:on\s+)?(?P<phrase>{event_offsets})\s+(?P<np>(?:[\w’'-]+\s+){{0,3}}[\w’'-]+)",
         ("^event_offsets", "eve", "day"), _read_event, "on the eve of the invasion"),
    Rule("deictic", r"\b(?:(?P<point>{point})[-\s]+)?(?P<phrase>{deictic})\b(?!\s+{column_titles}\b)", ("^deictic",),
         _read_deictic, "yesterday"),
    Rule("anaphoric", r"\b(?:(?:earlier|later)\s+(?=that\s))?(?P<phrase>{anaphoric})\b", ("^anaphoric",),
         _read_anaphoric, "the next day"),
    Rule("reference", r"\b(?P<phrase>{references})\b", ("^references",), _read_reference, "now"),
    Rule("some_day_ahead", r"\b(?:will|would|could|may|might|can|shall)\s+(?P<phrase>one\s+day)\b"
         r"(?!\s+(?:later|earlier|after|before|ago)\b)", ("day",),
         lambda m: SomeDayAhead(start=m.start("phrase"), end=m.end(), phrase=m.group("phrase")), "will one day"),
    Rule("current_period", r"\b(?:(?P<point>{point})\s+)?(?P<phrase>{current_periods})\b(?![-’']\w)(?!\s+{closing})",
         ("^current_periods",), _read_current_period, "for the year"),
    Rule("period_ended", r"\bthe\s+(?:(?:fiscal|financial)\s+)?(?P<unit>{closing_units})(?=\s+{closing})",
         ("@closing_units",), lambda m: PeriodEnded(start=m.start(), end=m.end(), unit=m.group("unit")),
         "the fiscal year ended March 31"),
)
