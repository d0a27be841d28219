"""Lengths of time ("three days", "the past decade", "two and a half years"), the same counted from a
date ("two days later", "30 years ago"), and recurring times ("every Monday", "twice a week")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from rashomon.extract.time.calendars import shift, years_before
from rashomon.extract.time.candidates import Candidate, Resolved, Rule, Scene, groups
from rashomon.extract.time.lexicon import alt, military_time, named, number, phrase_key, words
from rashomon.extract.time.story import event_day, from_story, offset_words

# a fraction of these units is written in the next smaller one ("5 1/2 hours" PT5H30M); years keep a
# decimal ("two and a half years" P2.5Y), as the TimeML corpora mostly do
_SUBUNIT = {"D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 value of n units: P3D, PT5H30M, PXY (n unknown)."""
    if unit == "2W":
        unit, n = "W", (n or 1) * 2 if n is not None else None
    if n is not None and not float(n).is_integer() and unit in _SUBUNIT:
        sub, per = _SUBUNIT[unit]
        rest = (n - int(n)) * per
        if float(rest).is_integer():  # "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M
            whole = duration_value(int(n), unit) if int(n) else ("PT" if unit in ("H", "MIN") else "P")
            part = duration_value(rest, sub)
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


@dataclass(kw_only=True)
class Duration(Candidate):
    """n units (n None: uncounted), a length of time unless a word after it counts it from a date."""

    kind = "duration"
    n: float | None
    u: str  # TIMEX3 unit
    num: str | None = None  # the number as written
    amount: str | None = None  # about, more than, nearly ...
    rel: str | None = None  # later, earlier, ago ...
    today: bool = False  # "thirty years ago today"
    event: tuple[int, str] | None = None  # "two days before the invasion": (-1, "invasion")

    def resolve(self, at: Scene) -> Resolved:
        lex, story, unit, n = words(), at.story, self.u, self.n
        mod = lex["fuzzy"]["amount"].get(phrase_key(self.amount or ""))
        rel = (self.rel or "").lower()
        step = None if n is None or unit in ("H", "MIN", "S", "2W") else int(n) if float(n).is_integer() else None
        if rel and step is None and n is not None and unit == "Y" and float(n * 12).is_integer():
            unit, step = "M", int(n * 12)  # "a year and a half ago": 18 months
        if step is not None and unit in ("DE", "CE") and rel:
            unit, step = "Y", step * (10 if unit == "DE" else 100)  # "a decade ago" is a year
        backwards = rel in lex["ago_words"] or rel in lex["earlier_words"]
        if unit == "Y" and step is not None and story.quarter and backwards:
            y, q = story.quarter
            return Resolved("DATE", f"{y - step}-Q{q}", f"{offset_words(unit, -step)} the quarter the story is about",
                            mod)
        if rel in lex["ago_words"]:
            return self._ago(at, unit, step, mod)
        if phrase_key(rel) in lex["ahead_words"]:  # "a year from now", "years from now"
            if step is None:
                return Resolved("DATE", "FUTURE_REF" if n is None else None, "an uncounted time from now", mod)
            return self._ago(at, unit, -step, mod)
        if self.event and step is not None and unit in ("D", "W") and (found := event_day(story, self.event[1])):
            day = found[0] + timedelta(days=step * self.event[0] * (7 if unit == "W" else 1))
            return Resolved("DATE", day.isoformat(), f"{offset_words(unit, step * self.event[0])} {found[1]}",
                            sets_story=True)
        if rel in lex["later_words"] or rel in lex["earlier_words"]:
            sign = 1 if rel in lex["later_words"] else -1
            if step is None:
                return Resolved("DURATION", duration_value(n, unit), mod=mod)
            return from_story(story, unit, sign * step, self.num or "")
        return Resolved("DURATION", duration_value(n, unit), mod=mod)

    def _ago(self, at: Scene, unit: str, step: int | None, mod: str | None) -> Resolved:
        story = at.story
        if story.now and step is not None and self.today and unit == "Y":  # "thirty years ago today"
            return Resolved("DATE", years_before(story.now, step).isoformat(),
                            f"{offset_words(unit, -step)} the {story.now_label}, to the day", mod)
        if story.now and step is not None:
            return Resolved("DATE", shift(story.now_ymd(), unit, -step),
                            f"{offset_words(unit, -step)} the {story.now_label}", mod)
        if self.n is None:
            return Resolved("DATE", "PAST_REF", "an uncounted time ago")
        return Resolved("DATE", None, "'ago' needs a publication date and a whole number of units", mod)


@dataclass(kw_only=True)
class Recurrence(Candidate):
    """'every Monday', 'twice a week', 'daily', 'Tuesday nights', 'each July': a TIMEX3 SET."""

    kind = "set"
    word: str | None = None
    unit: str | None = None
    num: str | None = None
    part: str | None = None  # "every Monday morning", "Tuesday nights": that part of each such day
    other: bool = False  # "every other week": each second one

    def resolve(self, at: Scene) -> Resolved:
        lex = words()
        if self.word:
            return Resolved("SET", lex["set_words"][self.word.lower()])
        unit_word = (self.unit or "").lower().rstrip(".")
        if unit_word in lex["weekdays"]:
            code = lex["parts_of_day"][self.part.lower()] if self.part else ""
            return Resolved("SET", f"XXXX-WXX-{lex['weekdays'][unit_word]}" + (f"T{code}" if code else ""))
        if unit_word in lex["months"]:
            return Resolved("SET", f"XXXX-{lex['months'][unit_word]:02d}")
        if unit_word in lex["seasons"]:  # "every summer"
            return Resolved("SET", f"XXXX-{lex['seasons'][unit_word]}")
        if unit_word.rstrip("s") == "weekend":  # "every weekend", "on weekends"
            return Resolved("SET", "XXXX-WXX-WE")
        unit = lex["units"].get(unit_word.rstrip("s"), lex["units"].get(unit_word))
        if unit is None:
            return Resolved("SET", None, "not understood")
        return Resolved("SET", duration_value((number(self.num) if self.num else 1) * (2 if self.other else 1), unit))


@cache
def _rate_before() -> re.Pattern[str]:
    """An amount, or a count of things, just before "a year": "$500 million a year", "four flights a week"."""
    counts = alt([k for k, v in words()["numbers"].items() if isinstance(v, int) and v > 1])
    return re.compile(rf"(?:\d|\b{counts}|\bmillion|\bbillion|\bpercent|%)"
                      r"(?:\s+(?!(?:was|has|is|does)\b)[a-z]{2,}s)?\s+$", re.I)


def _read_duration(m: re.Match[str], plural: bool = False) -> Duration | None:
    """The duration a match says, or None for an age, a year, 'a second war', 'three-quarters of'.
    plural: the match is of units without a number ("the past decade", "for years")."""
    g, lex = groups(m), words()
    bare = g.get("bare") or g.get("bare2") or g.get("bare3") or g.get("bare4")  # "over the years": uncounted
    unit = lex["units"][(bare[:-1] if bare else g["unit"]).lower().rstrip(".")]
    raw = g.get("num")
    if raw and unit == "H" and military_time(raw, m.string[max(0, m.start() - 20):m.start()]):
        return None  # "at 1430 hours", "0030 hrs": a clock time
    n = 0.5 if raw and raw.lower() == "half" else number(raw) if raw else None  # "a half-hour flight"
    if raw and n is None and lex["numbers"].get(raw.lower()) != "X":
        return None
    if g.get("long", "").lower() == "-old" or re.match(r"\s+old\b", m.string[m.end():m.end() + 5]):
        return None  # "a 44-year-old man", "Mr. Reupke, 52 years old": an age, not a time
    if raw and re.fullmatch(r"(1[89]|20)\d\d", raw):
        return None  # "the 1988 quarter" names a year, it is not 1988 quarters
    if raw and raw.lower() in ("a", "an") and unit in ("S", "Q"):
        return None  # "a second war", "a quarter of the vote"
    if raw and raw.lower() in ("a", "an") and m.string[m.end("unit"):m.end("unit") + 1] in ("s", "S"):
        return None  # "a years-long dispute": the article goes with the noun, the years are uncounted
    if raw and raw.lower() in ("a", "an") and not g.get("rel") and _rate_before().search(
            m.string, max(0, m.start() - 40), m.start()):
        return None  # "$1.76 a year", "four flights a week": a rate, not a length of time
    if unit == "Q" and m.string.startswith(" of", m.end()):
        return None  # "three-quarters of the seats"
    if plural and not bare and m.group(0)[-1:] not in "sS":
        n = 1  # "the past decade"
    if n is not None and (g.get("half") or g.get("half2")):  # "2 1/2 years", "a minute and a half"
        n += 0.5
    if n is not None and g.get("halfof"):  # "half an hour"
        n /= 2
    if raw and re.fullmatch(r"\d+", raw) and unit in ("Y",) and g.get("long") is None and n and n > 500:
        return None
    start, amount = m.start(), g.get("amount")
    if amount and amount.lower() in _PREPOSITIONS and g.get("span", "").lower().startswith("the"):
        start, amount = m.start("span"), None  # "over the past two decades": during them, not more than
    elif amount and amount.lower() == "within":  # "within a week": the preposition is no part of the span
        start = next(m.start(k) for k in ("span", "halfof", "num") if m.start(k) >= 0)
    return Duration(start=start, end=m.end(), n=n, u=unit, num=raw, amount=amount, rel=g.get("rel"),
                    today=bool(g.get("today")), event=_event(g))


def _periodical(m: re.Match[str]) -> bool:
    """'the People's Daily', 'the Communist Party daily Granma', 'a Korsk daily said': a newspaper
    named by how often it appears, not a frequency: after an article, a press word written with a capital,
    or before a name, or after a name and before the verb the paper is the subject of ("daily briefing",
    "the daily tally", "leave Lima daily", "Daily and Weekly Winners" stay sets)."""
    text, a, b = m.string, m.start(), m.end()
    before = text[max(0, a - 40):a]
    # an article before it, perhaps with the paper's party, city or country between ("the ruling party daily")
    if not re.search(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[\w’'-]+\s+){0,3}$", before):
        return False  # "leave Lima daily", "Daily and Weekly Winners", "National Geographic Daily Dozen"
    if text[a].isupper():
        return True  # "the People's Daily", "the Daily Telegraph"
    lex = words()
    after = re.match(r"\s+([A-Z][\w’'-]*|[a-z]+)", text[b:])
    calendar = set(lex["weekdays"]) | set(lex["months"])
    if after and after.group(1)[0].isupper() and after.group(1).lower() not in calendar:
        return True  # "the daily Granma", "the weekly Der Spiegel"
    named_before = re.search(r"\b[A-Z][\w’'-]*\s+$", before) is not None
    return named_before and after is not None and after.group(1) in lex["press_after"]


_PREPOSITIONS = {"over", "under", "within"}  # amount words that are prepositions before "the past/next ..."


def _event(g: dict[str, str]) -> tuple[int, str] | None:
    """'before the invasion' after a duration: (-1, 'invasion'), when the words name an event noun."""
    nouns = {n.lower().rstrip("s") for n in words()["event_nouns"]}
    head = next((w for w in re.findall(r"[\w’'-]+", g.get("evnp", "")) if w.lower().rstrip("s") in nouns), None)
    return ((1 if g["evdir"].lower() == "after" else -1), head.lower()) if head else None


def _read_set(m: re.Match[str]) -> Recurrence | None:
    g = groups(m)
    unit = g.get("unit") or g.get("unit2") or g.get("wd")
    lex = words()
    if g.get("word") and _periodical(m):
        return None
    calendar = (unit or "").lower().rstrip(".") in lex["weekdays"] or (unit or "").lower().rstrip(".") in lex["months"]
    if calendar and not named(unit):  # "every march" in lower case is no calendar name
        return None
    return Recurrence(start=m.start(), end=m.end(), word=g.get("word"), unit=unit or g.get("weekends"),
                      num=g.get("num"), part=g.get("part") or g.get("part2"), other="other" in g)


RULES = (
    Rule("duration", r"\b(?:(?P<amount>{amount})\s+)?"
         r"(?:(?P<span>the\s+(?:past|last|next|first|coming|previous|"
         r"following|final)|another|an\s+additional|the(?=\s+[\w-]+[-\s]+{units}s\b))\s+)?(?P<halfof>half\s+(?=an?\s))?(?P<num>{number}|half(?=-))"
         r"(?P<half>\s+and\s+a\s+half|[-\s]+1/2|\s*½)?"
         r"(?:[-\s]+{unit_adj})?[-\s]+(?P<unit>{units})s?\b(?P<half2>\s+and\s+a\s+half\b)?(?P<long>-long|-old)?"
         r"(?:(?:\s+or\s+so)?\s+(?P<rel>{rel})\b(?P<today>\s+{to_the_day})?)?(?!-)"
         r"(?:(?=\s+(?P<evdir>before|after|prior\s+to)\s+(?P<evnp>(?:[\w’'-]+\s+){{0,3}}[\w’'-]+)))?",
         ("@units+s",), _read_duration,
         "two and a half years ago"),
    Rule("units_plural", r"\b(?:(?P<span>the\s+past|the\s+last|the\s+coming|the\s+next|recent|"
         r"several|many|some|few)\s+)(?P<unit>{units})s?\b"
         r"|(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\bover\s))(?P<bare>(?:minutes|hours|days|weeks|months|years|decades))\b"
         r"|(?<=\bover\s)the\s+(?P<bare2>years|decades)\b"
         r"|\bthe\s+(?P<bare3>days|weeks|months|years|decades)\s+{plural_after}\b"
         r"|\b(?P<bare4>days|weeks|months|years|decades)(?=-long\b)", ("@units+s",),
         lambda m: _read_duration(m, plural=True),
         "the past decade"),
)

SET = Rule("set", r"\b(?:(?:every|each|per)\s+(?P<other>other\s+)?(?:(?P<num>{number})\s+)?"
           r"(?P<unit>{units}|{weekday}|{month}|{season}|weekend)s?"
           r"(?:\s+(?P<part>{part})\b)?"
           r"|(?:once|twice|{number}\s+times)\s+(?:a|an|per|each)\s+(?P<unit2>{units})"
           r"|(?P<word>{set_words})|(?<=\bon\s)(?P<weekends>weekends)"
           r"|(?<!\bthe\s)(?<!\bthis\s)(?<!\blast\s)(?<!\bnext\s)"  # "Tuesday nights", "on Sundays": each such day
           r"(?:(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?:s|\s+(?P<part2>{part})s)))\b",
           ("every", "each", "per", "once", "twice", "times", "weekends", "@set_words", "@weekdays+s"), _read_set,
           "twice a week")
