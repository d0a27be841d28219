"""A reference page's summary box ("infobox"): when the event the page is titled by happened.

A wiki page on a battle, an attack or a crash opens with a box of fields; a plain-text copy keeps
them as lines ("Date26–30 July 1988", "(4 days)"). The date field says the page's own subject's
day, or its first and last day, and often its length: claims as checkable as any sentence's. The
subject is the named event of the page's title, its first heading; a page whose title names no
event makes no such claim. The field names are in data/structure.yaml (`infobox_dates`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rashomon.data import load
from rashomon.extract.claims.context import Context
from rashomon.extract.claims.words import day_number, duration_days
from rashomon.extract.time.calendars import interval
from rashomon.records import Claim, Mention, Timex


def infobox_claims(ctx: Context, mentions: Sequence[Mention]) -> list[Claim]:
    """The start, end (or single date) and length the page's date field gives its title event."""
    subject = _title_event(ctx, mentions)
    if subject is None:
        return []
    names = "|".join(re.escape(n) for n in load("structure.yaml")["infobox_dates"])
    out = []
    for line in re.finditer(rf"(?m)^(?:{names})(?=[\s:0-9A-Z])[^\n]*(?:\n\([^()\n]{{1,40}}\))?", ctx.text):
        if ctx.blocked_at(line.start()):
            continue
        inside = [(n, t) for n, t in enumerate(ctx.timexes) if line.start() <= t.start and t.end <= line.end()]
        out += _dates(ctx, [(n, t) for n, t in inside if t.type == "DATE" and t.value], subject)
        out += [_claim(ctx, t, "duration", t.value, *days, n, subject) for n, t in inside
                if t.type == "DURATION" and (days := duration_days(t.value, t.mod)) is not None]
    return out


def _title_event(ctx: Context, mentions: Sequence[Mention]) -> str | None:
    """The named event of the page's title: the first heading, when a named event opens it."""
    title = next((s for s in ctx.segments if s.kind == "heading"), None)
    if title is None or any(s.kind == "body" and s.start < title.start for s in ctx.segments):
        return None
    named = [m for m in mentions if m.type == "EVENT" and title.start <= m.start and m.end <= title.end]
    return named[0].key if named else None


def _dates(ctx: Context, dates: list[tuple[int, Timex]], subject: str) -> list[Claim]:
    """One day is the event's date; a range of days ("26–30 July 1988", "3 March – 5 April 1992")
    its start and its end."""
    if not dates:
        return []
    (first_n, first), (last_n, last) = dates[0], dates[-1]
    start, end = first.value.split("/")[0], last.value.split("/")[-1]
    before = ctx.text[ctx.text.rfind("\n", 0, first.start) + 1:first.start]
    if (m := re.search(r"(?<!\d)([0-3]?\d)\s*[–—-]\s*$", before)) and re.fullmatch(r"\d{4}-\d\d-\d\d", start):
        start = f"{start[:8]}{int(m[1]):02d}"  # "26–30 July 1988": the first day is a bare number
    told = [("date", start, first_n, first)] if start == end else [
        ("start", start, first_n, first), ("end", end, last_n, last)]
    out = []
    for attribute, value, n, t in told:
        lo, hi = interval(value)
        if lo is not None and hi is not None:
            out.append(_claim(ctx, t, attribute, value, day_number(lo), day_number(hi), n, subject))
    return out


def _claim(ctx: Context, t: Timex, attribute: str, value: str, low: float | None, high: float | None, n: int,
           subject: str) -> Claim:
    """A claim whose evidence is the line of the box that gives it ("Date26–30 July 1988", "(4 days)")."""
    start = ctx.text.rfind("\n", 0, t.start) + 1
    end = ctx.text.find("\n", t.end)
    end = len(ctx.text) if end < 0 else end
    return Claim(start=start, end=end, text=ctx.text[start:end], attribute=attribute, value=value, low=low,
                 high=high, subject_key=subject, timex=n)
