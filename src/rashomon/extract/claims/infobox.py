"""A reference page's summary box ("infobox"): when the event the page is titled by happened,
and whose the counts of its strength and losses rows are.

A wiki page on a battle, an attack or a crash opens with a box of fields; a plain-text copy keeps
them as lines ("Date26–30 July 1988", "(4 days)"). The date field says the page's own subject's
day, or its first and last day, and often its length: claims as checkable as any sentence's. The
subject is the named event of the page's title, its first heading; a page whose title names no
event makes no such claim. A battle's box gives strength and losses in one column per side, in
the order its parties row lists the sides; the copy runs the columns one after the other. The
field names are in data/structure.yaml (`infobox_dates`, `infobox_sides`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rashomon.data import load
from rashomon.extract.claims.context import SPEAKER_TYPES, Context
from rashomon.extract.claims.words import day_number, duration_days
from rashomon.extract.time.calendars import interval
from rashomon.records import Claim, Mention, Quantity, Timex


def infobox_claims(ctx: Context, mentions: Sequence[Mention]) -> list[Claim]:
    """The start, end (or single date) and length the page's date field gives its title event."""
    subject = _title_event(ctx, mentions)
    if subject is None or _box_of_another(ctx):
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


def _box_of_another(ctx: Context) -> bool:
    """Whether the box is titled by another name than the page ("Kivu massacre" over a box titled
    "Kivu Miners' Strike"): a name of two words or more that shares no word with the page's title.
    A one-word box title ("Shootdown") says what kind of box it is, not what it is of."""
    headings = [s for s in ctx.segments if s.kind == "heading"][:2]
    if len(headings) < 2:
        return False
    title, box = (set(re.findall(r"[a-z]{4,}", ctx.text[h.start:h.end].lower())) for h in headings)
    line = ctx.text[headings[1].start:headings[1].end]
    words = line.split()  # a field ("Location: West Beirut") is a row of the box, not its title
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not re.search(r"[:|\d]", line) and (
        not title & box)


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


def infobox_sides(ctx: Context, mentions: Sequence[Mention], claims: list[Claim],
                  quantities: Sequence[Quantity] = ()) -> list[Claim]:
    """The counts of a box's strength and losses rows, each given the side whose column it is in;
    and a leader claim for each person its commanders row names."""
    fields = load("structure.yaml")
    rows = fields["infobox_sides"]
    labels = "|".join(re.escape(n) for n in {*fields["infobox_fields"], *rows["parties"], *rows["by_side"],
                                             *rows["leaders"]})
    claims = claims + [
        Claim(start=m.start, end=m.end, text=m.text, attribute="leader", value=m.key, actor_key=m.key)
        for a, b in _blocks(ctx.text, rows["leaders"], labels) for m in mentions
        if a <= m.start < b and m.type == "PERSON" and not ctx.blocked_at(m.start)]
    parties = [_parties(ctx, mentions, block) for block in _blocks(ctx.text, rows["parties"], labels)]
    if len(parties) != 1 or len(parties[0]) != 2:
        return claims  # no box of two sides: several parties in one column cannot be told apart
    sides, labelled = {}, set()
    for block in _blocks(ctx.text, rows["by_side"], labels):
        counts = [c for c in claims if c.attribute == "count" and block[0] <= c.start < block[1]]
        sides |= _columns(counts, parties[0], _restating(ctx.text, counts, quantities), tuple(rows["totals"]))
        labelled |= {id(c) for c in counts if _row_label(c)}
    unsaid = dict(voice_kind="document", voice_key=None, voice_text=None)
    return [replace(c, **({"side_key": sides[id(c)]} if id(c) in sides else {}) | (unsaid if id(c) in labelled else {}))
            if id(c) in sides or id(c) in labelled else c for c in claims]


def _row_label(c: Claim) -> bool:
    """Whether a count's voice is only the label of its box line ("Syrian Arab Army: 4 brigades"):
    the force the line counts, not a speaker; the page gives the figure in its own name."""
    return c.voice_kind == "attributed" and bool(c.voice_text) and c.text.lstrip().startswith(f"{c.voice_text}:")


def _blocks(text: str, names: list[str], labels: str) -> list[tuple[int, int]]:
    """Where each row named `names` holds its values: the lines after its label, to the next
    label or the first line too long to be a box's."""
    out = []
    for head in re.finditer(rf"(?m)^(?:{'|'.join(map(re.escape, names))})\b[^\n]*$", text):
        end = head.end()
        for line in re.finditer(r"(?m)^[^\n]*$", text[head.end() + 1:]):
            if re.match(rf"(?:{labels})\b", line[0]) or len(line[0]) > 80:
                break
            end = head.end() + 1 + line.end()
        out.append((head.end(), end))
    return out


def _parties(ctx: Context, mentions: Sequence[Mention], block: tuple[int, int]) -> list[str]:
    """The sides a parties row lists, one a line."""
    out = []
    for line in re.finditer(r"(?m)^[^\n]*\S[^\n]*$", ctx.text[block[0]:block[1]]):
        a, b = block[0] + line.start(), block[0] + line.end()
        named = next((m for m in mentions if a <= m.start < b and m.type in SPEAKER_TYPES), None)
        if named is None:
            return []  # a line naming no party ("Supported by:"): the columns cannot be read
        out.append(named.key)
    return out if len(set(out)) == len(out) else []


def _restating(text: str, counts: list[Claim], quantities: Sequence[Quantity]) -> set[int]:
    """The counts (by id) that restate, in parentheses, the count just before them ("3 brigades
    (12,000 soldiers)"): the same column's, whatever they count."""
    spans = {q.start: q for q in quantities}
    starts = sorted(spans)
    out = set()
    for c in counts:
        q = quantities[c.quantity] if c.quantity is not None and c.quantity < len(quantities) else None
        before = [spans[s] for s in starts if q is not None and s < q.start]
        if q is not None and before and re.fullmatch(r"[^\d()\n]{0,30}\(\s*", text[before[-1].end:q.start]):
            out.add(id(c))
    return out


def _columns(counts: list[Claim], parties: list[str], restating: set[int] = frozenset(),
             totals: tuple[str, ...] = ()) -> dict[int, str]:
    """Each count's side, column by column: the second column begins where people are counted
    after things (a column lists men before tanks; units of men, "3 brigades", are no things), where
    a count repeats what the column counted already in the same voice, or after a column's total; a
    count in parentheses restating the one before it stays in its column, and civilians counted are
    neither side's. A block with one column gives no side: it may be either's."""
    column, seen, things, total, at = 0, set(), False, False, []
    for c in sorted(counts, key=lambda c: c.start):
        kind = (c.counted or "").split("/")[0]
        if (c.counted or "").startswith("people/civilian"):
            continue  # "~25,000 civilians killed" beside two armies' losses: no army's
        if id(c) in restating:
            at.append((c, column))
            continue
        told = (c.counted, c.fate, c.voice_key, c.voice_text)
        if column == 0 and seen and (total or (kind == "people" and things) or (told in seen and c.fate is not None)):
            column = 1
        seen.add(told)
        things = things or kind not in ("people", "", "formation")
        total = c.text.lstrip().startswith(totals) if totals else False
        at.append((c, column))
    if column == 0:
        return {}
    own = [{c.side_key for c, n in at if n == k and _named(c.side_key)} for k in (0, 1)]
    if any(len(o) > 1 for o in own) or (own[0] and own[0] == own[1]):
        return {}  # the counts' own words name sides that do not follow the columns
    keys = [next(iter(own[k])) if own[k] else parties[k] for k in (0, 1)]
    return {id(c): keys[n] for c, n in at if not _named(c.side_key)}


def _named(side: str | None) -> bool:
    """A side the count's own words name, not one read from who inflicted it ("!" and the actor)."""
    return bool(side) and not side.startswith("!")
