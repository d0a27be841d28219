"""Claims: each checkable statement of one source, with the frame that says what it is about.

A claim is what a reader sets beside another source's statement: a count ("over 4,800 SVO
members were killed"), a date ("launched the offensive on July 25"), how long something lasted,
where it happened. Its frame says what it is about, so that `compare` sets side by side only
claims about one thing:
- a count: what is counted (people, or a part of them such as civilians or personnel; a kind of
  thing such as tanks), what befell them (dead, wounded, casualties, captured, ...; none for how
  many there were), whose they are (the side: "Varnian soldiers", "members of the SVO", "the VLA
  casualties") and the unit;
- a date or a duration: the named event, or the actor, action and target it dates;
- a place: the actor and the action it locates;
- a leader: the person a source says leads or commands something, and what;
- a plan: how long a plan gave to reach a place ("planned to take the capital within 48 hours");
- a route: the places a journey went from, through and to ("a flight from A via B to C");
- a sequence: one event told as after or before another ("attacked after Varnia accepted the
  resolution");
- a reference page's summary box: the day, or the first and last day, and the length of the
  event the page is titled by ("Date26–30 July 1988 (4 days)").
Each claim keeps its voice: the document itself; a quote, embedded post or cited work it
carries; or a party it attributes the statement to ("(Varnian claim)", "according to Korsk",
"the group reported"). The words live in data/claims.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from rashomon.extract.claims.context import Context
from rashomon.extract.claims.counts import count_claims
from rashomon.extract.claims.events import event_claims, leader_claims, organ_claims, sequence_claims, weekday_claims
from rashomon.extract.claims.infobox import infobox_claims, infobox_sides
from rashomon.extract.claims.plans import plan_claims
from rashomon.extract.claims.routes import route_claims
from rashomon.extract.claims.uses import article_counts
from rashomon.extract.claims.words import counted_class, day_number, duration_days
from rashomon.records import Citation, Claim, Event, Label, Mention, Quantity, Quote, Segment, Timex

__all__ = ["counted_class", "day_number", "duration_days", "find_claims"]


def find_claims(doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention], timexes: Sequence[Timex] = (),
                quantities: Sequence[Quantity] = (), quotes: Sequence[Quote] = (), citations: Sequence[Citation] = (),
                labels: Sequence[Label] = (), events: Sequence[Event] = (),
                place_keys: frozenset[str] = frozenset(), published: str | None = None) -> list[Claim]:
    """Every claim of `doc`, in text order: counts, dates, durations and places, each with its
    frame and its voice. Boilerplate makes no claim."""
    ctx = Context(doc, segments, mentions, labels, timexes, quotes, citations, place_keys, published)
    in_event = {q: n for n, ev in enumerate(events) for q in ev.quantities}
    found = [c for n, q in enumerate(quantities) if not ctx.blocked_at(q.start)
             for c in count_claims(ctx, n, q, events[in_event[n]] if n in in_event else None, in_event.get(n))]
    found += _article_counts(ctx, events)
    for n, ev in enumerate(events):
        if not ctx.blocked_at(ev.start):
            found += event_claims(ctx, n, ev)
    plans = plan_claims(ctx)  # a plan's "within 48 hours" is no length of what happened
    planned = {c.timex for c in plans}
    found = [c for c in found if not (c.attribute == "duration" and c.timex in planned)] + plans
    found += organ_claims(ctx, mentions)
    found += leader_claims(ctx, mentions)
    found += weekday_claims(ctx)
    found += route_claims(ctx)
    found += sequence_claims(ctx, events)
    found = infobox_sides(ctx, mentions, found, quantities) + infobox_claims(ctx, mentions)
    return sorted(_anniversaries(found), key=lambda c: (c.start, c.end, c.attribute))


def _article_counts(ctx: Context, events: Sequence[Event]) -> list[Claim]:
    """The counts of one weapon an article makes ("fired a missile"), each in the narrowest event
    that holds it; they rest on no stored quantity."""
    found = []
    for q in article_counts(ctx):
        held = [(ev.end - ev.start, n) for n, ev in enumerate(events) if ev.start <= q.start and q.end <= ev.end]
        n = min(held)[1] if held else None
        found += [replace(c, quantity=None) for c in count_claims(ctx, -1, q, events[n] if n is not None else None, n)]
    return found


def _anniversaries(found: list[Claim]) -> list[Claim]:
    """"Friday, May 14, is the anniversary of Operation X": the day and month of X's start (or of
    its date, for what happened on one day), in the year the source gives X elsewhere (a claim of
    its own), else nothing."""
    years = {}
    for c in sorted(found, key=lambda c: c.attribute != "start"):  # a start before a date
        if c.attribute in ("start", "date") and c.subject_key and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value):
            years.setdefault(c.subject_key, (c.value[:4], c.attribute))
    out = []
    for c in found:
        if c.attribute != "anniversary":
            out.append(c)
        elif c.subject_key in years:
            year, attribute = years[c.subject_key]
            try:
                day = dt.date.fromisoformat(f"{year}{c.value[4:]}")
            except ValueError:
                continue
            out.append(replace(c, attribute=attribute, value=day.isoformat(), low=float(day.toordinal()),
                               high=float(day.toordinal())))
    return out
