"""The stage itself: candidates resolved in reading order, each voice (the document, each post) with its
own story, and each timex told where it sits."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from rashomon.extract.time.calendars import interval, parse_day, valid
from rashomon.extract.time.candidates import Candidate, Resolved, Scene, Span
from rashomon.extract.time.context import is_signature, line_of, schedules, text_context
from rashomon.extract.time.lexicon import weekday
from rashomon.extract.time.patterns.clock import NIGHT_OF, DateTime
from rashomon.extract.time.patterns.dates import Day, Month
from rashomon.extract.time.patterns.periods import Year
from rashomon.extract.time.scan import candidates
from rashomon.extract.time.story import Story
from rashomon.extract.time.tense import grammar_tense, present_sentences
from rashomon.ingest.parse import text_of
from rashomon.records import Segment, Timex

VoiceOf = Callable[[int], tuple[Any, str | None, str | None]]


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


def _tensed(cands: list[Candidate], tense_of: Callable[[int, int], str | None] | None) -> None:
    """Give each candidate the tense of its clause, when a parse tells it."""
    if tense_of is None:
        return
    for c in cands:
        if said := tense_of(c.start, c.end):
            c.tense = said
            if isinstance(c, DateTime):  # "at midnight Friday": the day reads the same tense
                c.day.tense = said


def _run(text: str, published: str | None, sentences: Sequence[Span], voice_of: VoiceOf,
         tense_of: Callable[[int, int], str | None] | None = None, story_year: int | None = None,
         present: tuple[int, ...] = ()) -> list[Timex]:
    """Resolve every candidate in reading order. voice_of(pos) -> (voice key, its date, context);
    tense_of(start, end) -> the tense of the clause a span sits in, when a parse tells it;
    story_year: the year an undated account is set in when its text names none (see `tag`);
    present: the sentences that speak of the time of writing (see `tense.present_sentences`)."""
    cands = candidates(text)
    _tensed(cands, tense_of)
    present = tuple(p for p in present if voice_of(sentences[p][0]) == (None, None, None))  # the report's own
    starts = [s for s, _ in sentences]
    stories: dict[Any, Story] = {}
    sent_of = [max(0, bisect_right(starts, c.start) - 1) for c in cands]
    by_sentence: dict[int, list[Candidate]] = {}
    for c, si in zip(cands, sent_of, strict=True):
        by_sentence.setdefault(si, []).append(c)
    schedule = schedules(text, cands)
    out: list[Timex] = []
    for n, (c, si) in enumerate(zip(cands, sent_of, strict=True)):
        voice, voice_date, seg_context = voice_of(c.start)
        story = stories.get(voice)
        if story is None:
            own = voice_date if voice is not None else published
            label = ("post date " if voice is not None else "publication date ") + (own or "unknown")
            if voice is None and (filed := _filed_on(text, cands, published) or _opened_on(text, cands)):
                own, label = filed, f"dateline date {filed} (published {published})"
            story = stories[voice] = Story(parse_day(own), label)
            if voice is None:
                story.dated, story.present = _dated_days(cands, story.now), present
                if not story.now:
                    story.text_year, story.text_year_why = _text_year(text, cands), _OWN_YEAR
                    if story.text_year is None and story_year:
                        story.text_year, story.text_year_why = story_year, _STORY_YEAR
        s0, s1 = sentences[si]
        sentence = text[s0:s1]
        context = seg_context or ("schedule" if n in schedule else text_context(text, c))
        line = line_of(text, c.start)
        if context is None and is_signature(line) and (voice is not None or "(@" in line):
            context = "post_signature"
        scene = Scene(story, sentence, s0, si, by_sentence[si])
        try:
            r = c.resolve(scene)
        except (ValueError, OverflowError):  # anchored near year 1 or 9999 (a CMS's 0001-01-01 date)
            r = Resolved("DATE", None, "the date it points to is outside the calendar (years 1 to 9999)")
        narrative = context is None and not _names_a_thing(text, c)
        if r.value and narrative and r.sets_story and not c.range_end:
            story.record(r.value, si, sentence)
        if r.value and narrative and r.type in ("DATE", "TIME"):
            story.count(r.value)
            story.note_period(r.value)
            if not c.range_end and r.moves_day:
                story.move_to(r.value, si, night=NIGHT_OF.search(text, max(0, c.start - 20), c.start) is not None)
        if isinstance(c, DateTime) and c.apart and r.value:  # "7 pm, on Monday, July 25": each its own timex
            out += [_timex(text, c.clock, r, context), _timex(text, c.day, c.day.resolve(scene), context)]
        else:
            out.append(_timex(text, c, r, context))
    return out


_THE = re.compile(r"\bthe\s+$", re.I)
_NOUN_AFTER = re.compile(r",?\s+(?!(?:and|or|to|when|as|at|in|on|of|by|was|were|is|are|had|has|that|which)\b)"
                         r"[a-z][\w-]*")


def _names_a_thing(text: str, c: Candidate) -> bool:
    """'the Dec. 21, 1988, bombing', 'the August 1988 cease-fire': a date that says when a thing the
    sentence names happened, not where the narrative is (it moves neither the story's date nor its year)."""
    return (isinstance(c, (Day, Month)) and _THE.search(text, max(0, c.start - 5), c.start) is not None
            and _NOUN_AFTER.match(text, c.end) is not None)


# a dateline before its date: a place in capitals opening the text's first lines, perhaps a region or
# country ("HANOI, ", "UNITED NATIONS, ", "SPRINGFIELD, Ill., ")
_DATELINE_PLACE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
                             r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?){0,2},[ \t]+$")
_DATELINE_END = re.compile(r"[ \t]*(?:\([A-Za-z. ]+\)[ \t]*)?(?:--|—|–|-|_)")
_FILED_BEFORE = 7  # days a wire story's dateline may lie before the date it was published on


def _filed_on(text: str, cands: list[Candidate], published: str | None) -> str | None:
    """The day a wire story's dateline gives ("HANOI, March 12 (Xinhua) -- ... said today"), when it
    lies a few days before the publication date: the reporter's 'today' and 'yesterday' count from
    it, not from the day the story reached the archive."""
    now = parse_day(published)
    first = next((c for c in cands if isinstance(c, Day) and c.start < _DATELINE_REACH), None)
    if now is None or first is None or not _DATELINE_PLACE.search(text, 0, first.start) \
            or not _DATELINE_END.match(text, first.end):
        return None
    y = first.y or (now.year if (first.m, first.d) <= (now.month, now.day) else now.year - 1)
    if not valid(y, first.m, first.d):
        return None
    filed = date(y, first.m, first.d)
    return filed.isoformat() if 0 < (now - filed).days <= _FILED_BEFORE else None


_DATELINE_REACH = 400  # characters from the start of the text a dateline is looked for in

# what may stand before a date that opens a text as its dateline: a parenthesis, a weekday
_OPENING = re.compile(r"\s*\(?\s*(?:[A-Z][a-z]+day,?\s+)?")


def _opened_on(text: str, cands: list[Candidate]) -> str | None:
    """The day a text that opens with its full date in parentheses, then a dash, is told on
    ("(Monday, March 21, 1960, 1:20 p.m.) — Police fired ... today"): its 'today' is that day,
    whenever the page was put online."""
    first = next((c for c in cands if isinstance(c, Day)), None)
    if first is None or not first.y or not _OPENING.fullmatch(text, 0, first.start):
        return None
    close, line_end = text.find(")", first.end), text.find("\n", first.end)
    if close < 0 or 0 <= line_end < close or not _DATELINE_END.match(text, close + 1):
        return None
    return date(first.y, first.m, first.d).isoformat() if valid(first.y, first.m, first.d) else None


def _dated_days(cands: list[Candidate], now: date | None) -> tuple[date, ...]:
    """The days a text dates by day and month: with their year, or the year the publication date gives
    the latest such day up to it."""
    out = []
    for c in cands:
        if isinstance(c, Day) and (c.y or now) and valid(c.y or 2000, c.m, c.d):
            y = c.y or (now.year if (c.m, c.d) <= (now.month, now.day) else now.year - 1)  # type: ignore[union-attr]
            if valid(y, c.m, c.d):
                out.append(date(y, c.m, c.d))
    return tuple(out)


def _text_year(text: str, cands: list[Candidate]) -> int | None:
    """The year an undated account is set in, when at least two thirds of the years its narrative names
    (in dates, months and years) are that one."""
    years = [c.y for c in cands if isinstance(c, (Day, Month, Year)) and c.y and text_context(text, c) is None]
    if not years:
        return None
    year, count = Counter(years).most_common(1)[0]
    return year if count * 3 >= len(years) * 2 else None


def weekday_dates(text: str) -> list[tuple[int, int, int]]:
    """(month, day, ISO weekday) of each date `text` gives with its weekday and without a year ("Monday,
    July 25", "7 pm on Monday, July 25", "August 5 Friday"): the years its story can be set in are those
    in which these days fell on these weekdays."""
    out = []
    for c in candidates(text):
        day = getattr(c, "day", c)  # a clock time or a part of a day joined to its day
        if isinstance(day, Day) and day.weekday and day.y is None:
            out.append((day.m, day.d, weekday(day.weekday)))
    return out


_OWN_YEAR = "the year the account is set in ({}, that of most dates it gives)"
_STORY_YEAR = ("the year inferred for the account: {}, the year the corpus's dated accounts are set in, "
               "in which this account's weekdays fall on its dates")


def _timex(text: str, c: Candidate, r: Resolved, context: str | None) -> Timex:
    earliest, latest = interval(r.value, r.mod) if r.type in ("DATE", "TIME") else (None, None)
    return Timex(c.start, c.end, text[c.start:c.end], r.type, r.value, r.mod, r.anchor, earliest, latest,
                 context)


def tag(text: str, published: str | None = None, story_year: int | None = None) -> list[Timex]:
    """Temporal expressions in plain text, anchored on `published` (ISO date or None) and the narrative.

    Needs no spaCy; sentences are found by punctuation. Titles and citations are recognised from the
    text itself (context "title", "citation"); everything else is treated as one narrative voice.
    `story_year` is the year the story is set in as read elsewhere (the corpus step `story_years`):
    an undated text whose narrative names no year gives it to its year-less dates, saying so.
    """
    return _run(text, published, _sentences(text), lambda pos: (None, None, None), story_year=story_year)


_SEGMENT_CONTEXT = {"heading": "heading", "byline": "byline", "boilerplate": "boilerplate"}


def find_timexes(doc: Any, segments: Sequence[Segment], published: str | None,
                 story_year: int | None = None) -> list[Timex]:
    """Temporal expressions of a parsed document (a spaCy Doc over the whole text).

    Text inside an embedded_post segment (or any segment the structure dated, such as the promotion
    lines under a post) is anchored on that date and has its own narrative;
    timexes in headings, bylines, boilerplate, titles, citations and post signatures carry that
    context and never move the story's date. `story_year` as in `tag`.
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

    parsed = doc.has_annotation("DEP")
    return _run(text, published, sentences, voice_of, grammar_tense(doc) if parsed else None, story_year,
                present_sentences(doc, sentences) if parsed else ())
