"""Claims events make: when they happened or began and at what hour, how long they lasted, where,
and who did them; and two claims about names and days: an organisation a source calls another's
organ, and a weekday written beside a date it does not fall on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from rashomon.data import load
from rashomon.extract.claims.context import SPEAKER_TYPES, Context, Voice
from rashomon.extract.claims.plans import planned
from rashomon.extract.claims.words import counted_class, day_number, duration_days
from rashomon.extract.time import interval
from rashomon.records import Claim, Event, Mention, Timex


@cache
def weekdays() -> tuple[str, ...]:
    """The weekdays written in full, Monday first: the longest of the names data/time.yaml gives
    each ISO weekday ("wednesday", not "wed")."""
    full: dict[int, str] = {}
    for word, day in load("time.yaml")["weekdays"].items():
        if len(word) > len(full.get(day, "")):
            full[day] = word
    return tuple(full[day] for day in range(1, 8))


def weekday_claims(ctx: Context) -> list[Claim]:
    """A weekday written beside a date it does not fall on ("on Monday, July 24, 1988": the 24th
    was a Sunday) says two days: two "weekday" claims, the date's and the nearest day of that
    weekday, which compare sets against each other."""
    out, days = [], weekdays()
    for n, t in enumerate(ctx.timexes):
        if (t.type != "DATE" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or "") or ctx.blocked_at(t.start)
                or not re.search(r"\b\d{4}\b", t.text)):
            continue  # a weekday and a date without its year ("Sunday, July 26") may be of any year
        words = re.findall(r"[a-z]+", (ctx.text[max(0, t.start - 12):t.start] + t.text).lower())
        named = [days.index(w) for w in words if w in days]
        day = dt.date.fromisoformat(t.value)
        if not named or named[-1] == day.weekday():
            continue
        shift = (named[-1] - day.weekday() + 3) % 7 - 3  # the nearest such weekday
        said = day + dt.timedelta(days=shift)
        start = ctx.text.rfind(days[named[-1]].capitalize(), max(0, t.start - 12), t.end)
        start = start if start >= 0 else t.start
        for value in (day, said):
            out.append(Claim(start=start, end=t.end, text=ctx.text[start:t.end], attribute="weekday",
                             value=value.isoformat(), low=float(value.toordinal()), high=float(value.toordinal()),
                             timex=n))
    return out


def organ_claims(ctx: Context, mentions: Sequence[Mention]) -> list[Claim]:
    """"The VLA, the military wing of the PSOV", "the PSOV's armed wing, the VLA": an organisation
    that a source calls an organ (wing, arm, army, ...) of another acts for it: an "organ" claim
    whose actor is the organ and whose value is the key of the organisation it belongs to."""
    out = []
    for m in mentions:
        if m.type != "ORG" or ctx.blocked_at(m.start):
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        described = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for noun in described:
            if noun.lemma_.lower() not in ctx.lex.organ_nouns or noun.pos_ != "NOUN" or not noun.text.islower():
                continue  # "the military wing of X", not the "Army" of another name
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = owner or (next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None)
            whole = ctx.reader.entity_of(owner, depth=1) if owner is not None else None
            if whole is not None and whole.type in ("ORG", "GPE", "NORP") and whole.key != m.key:
                start, end = min(m.start, noun.left_edge.idx), max(m.end, owner.idx + len(owner.text))
                out.append(Claim(start=start, end=end, text=ctx.text[start:end], attribute="organ", value=whole.key,
                                 actor_key=m.key))
    return out




def leader_claims(ctx: Context, mentions: Sequence[Mention]) -> list[Claim]:
    """"Led by General X, Operation Y began", "army units under General X", "the group's leader X":
    a person a source says leads or commands something is a "leader" claim whose actor and value
    are the person, and whose subject is what they lead when the text names it."""
    out = []
    for m in mentions:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand") if m.type == "PERSON" else None
        if span is None or ctx.blocked_at(m.start) or (led := _led(ctx, span.root)) is None:
            continue
        noun, first = led
        start, end = min(first.idx, m.start), max(m.end, first.idx + len(first.text))
        found = None
        if noun is not None:  # whose leader: "Varnia's leader", "the leader of the group", "Tolarian President X"
            words = (noun, first) if noun.i != first.i else (noun,)  # a title's words, and the name's
            owners = [c for w in words for c in w.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                      and not m.start <= c.idx < m.end and c.i != first.i] + [
                p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                if p.dep_ == "pobj"]
            found = next((e for c in owners if (e := ctx.reader.entity_of(c, depth=0))), None)
            if found is None and noun.i != span.root.i:
                found = ctx.reader.entity_of(noun, depth=1)
        if found is None and first.lemma_.lower() in ctx.lex.state_titles:
            continue  # "President X": of what, the text does not say
        out.append(Claim(start=start, end=end, text=ctx.text[start:end], attribute="leader", value=m.key,
                         actor_key=m.key, subject_key=found.key if found is not None and found.key != m.key else None))
    return out


def _led(ctx: Context, person: Token) -> tuple[Token | None, Token] | None:
    """What a person is said to lead (a noun, or None when the text does not say) and the word that
    says so: "led by X" (the noun the participle is said of, or its clause's subject), "units
    under X", "the SVO leader X", "X, the commander of ...", "X told his troops"."""
    prep = person.head if person.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "by" and prep.head.lemma_.lower() in ctx.lex.leader_verbs:
        verb = prep.head
        if verb.dep_ == "acl":
            return verb.head, verb
        clause = verb.head if verb.dep_ == "advcl" else verb
        return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None), verb
    if prep is not None and prep.lower_ == "under" and prep.head.pos_ in ("NOUN", "PROPN"):
        return prep.head, prep.head
    for word in [c for c in person.children if c.dep_ in ("compound", "appos")] + (
            [person.head] if person.dep_ == "appos" else []):
        if word.lemma_.lower() in ctx.lex.leader_nouns | ctx.lex.state_titles and word.pos_ in ("NOUN", "PROPN"):
            title = word.dep_ == "compound" and not any(c.dep_ in ("poss", "amod", "prep") for c in word.children)
            return (person if title else word), word  # "Tolarian President X": the nationality is on X
    if person.dep_ == "nsubj":  # "X told his troops", "X ordered her men forward": their commander
        verb = person.head
        for word in [c for c in verb.children if c.dep_ in ("dobj", "dative")] + [
                p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]:
            if counted_class(word.lemma_.lower(), ctx.lex) == ("people", "personnel") and any(
                    c.dep_ == "poss" and c.lower_ in ("his", "her") for c in word.children):
                return None, word
    return None


def event_claims(ctx: Context, n: int, ev: Event) -> list[Claim]:
    """What an event states that another source can state otherwise: its date (the start of what
    it names, for a launch), how long it lasted, and where it happened; nothing for what a plan
    meant to happen."""
    out = []
    voice = _event_voice(ctx, ev)
    span = ctx.doc.char_span(ev.trigger, ev.trigger + 1, alignment_mode="expand") if ev.trigger is not None else None
    trigger = span[0] if span is not None and len(span) else None
    if trigger is not None and planned(trigger):
        return out  # "planned to capture X": what was meant to happen states nothing that did
    subject = None if _measured_from(ctx, ev, trigger) else ev.name_key
    frame = dict(subject_key=subject, actor_key=ev.actor_key, action=ev.type, target_key=ev.target_key,
                 place_key=ev.place_keys[0] if ev.place_keys else None, voice_kind=voice.kind,
                 voice_index=voice.index, voice_key=voice.key, voice_text=voice.text, event=n)
    phase = ctx.reader.lex.phase(trigger) if trigger is not None else None
    if ev.time is not None and not ev.negated and phase != "length" and _dates_event(ctx, ev, trigger):
        t = ctx.timexes[ev.time]
        days = (t.earliest, t.latest) if t.earliest else interval(t.value, t.mod)
        low, high = (day_number(days[0]), day_number(days[1])) if days else (None, None)
        last = _span_end(ctx, t)
        if last is not None and high is not None and (day_number(last) or 0) > high:
            high = day_number(last)  # "an incident on 15 March-19 March": any day of the five
        if low is not None and high is not None:
            start, end, text = _with_date(ctx, ev, t)
            # "the VLA's July 25 offensive": a date an event noun is named by is the day it began
            attribute = "end" if phase == "end" else "start" if ev.onset or (
                trigger is not None and trigger.pos_ == "NOUN" and (
                    trigger.left_edge.idx <= t.start and t.end <= trigger.idx)) else "date"
            if trigger is not None and trigger.lemma_.lower() in ctx.lex.anniversary_nouns and not _counted_back(
                    trigger) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or ""):
                attribute = "anniversary"  # its day and month, not its year: see _anniversaries
            value = t.value[:10] if t.type == "TIME" else t.value  # the day of "7 pm, on Monday, July 25"
            # "captured two towns, A and B, on Tuesday": the day each fell
            for place in (ev.place_keys if attribute == "date" and len(ev.place_keys) > 1 else (frame["place_key"],)):
                out.append(Claim(start=start, end=end, text=text, attribute=attribute, value=value, low=low,
                                 high=high, timex=ev.time, **frame | {"place_key": place}))
    out += _yearless_anniversary(ctx, ev, trigger, frame)
    clock = _clock(ctx, ev, trigger) if ev.onset and not ev.negated else None
    if clock is not None:
        n, t, (low, high) = clock
        out.append(Claim(start=min(ev.start, t.start), end=max(ev.end, t.end),
                         text=ctx.text[min(ev.start, t.start):max(ev.end, t.end)], attribute="time", value=t.value,
                         low=low, high=high, timex=n, **frame))
        if not any(c.attribute in ("start", "date") for c in out) and re.match(r"\d{4}-\d{2}-\d{2}T", t.value or ""):
            day = day_number(t.value[:10])  # "at 4 pm they crossed the border" on the day the story is on
            out.append(replace(out[-1], attribute="start", value=t.value[:10], low=day, high=day))
    if ev.duration is not None and not ev.negated:
        t = ctx.timexes[ev.duration]
        days = duration_days(t.value, t.mod)
        if days is not None:
            out.append(Claim(start=ev.start, end=ev.end, text=ev.text, attribute="duration", value=t.value,
                             low=days[0], high=days[1], timex=ev.duration, **frame))
    if not ev.negated and ev.actor_key:
        out.append(Claim(start=ev.start, end=ev.end, text=ev.text, attribute="actor", value=ev.actor_key, **frame))
        out += [Claim(start=ev.start, end=ev.end, text=ev.text, attribute="actor", value=key,
                      **frame | {"actor_key": key}) for key in _co_actors(ctx, ev)]
    if not ev.negated and ev.place_keys and (ev.actor_key or ev.target_key or subject):  # "Operation X took Y"
        for key in ev.place_keys:
            out.append(Claim(start=ev.start, end=ev.end, text=ev.text, attribute="place", value=key,
                             **frame | {"place_key": key}))
    return out


def _co_actors(ctx: Context, ev: Event) -> list[str]:
    """The parties joined to the actor as doers of one deed ("captured by the X forces and the
    212th regiment", "the X front and the Y brigade attacked"): each did it too."""
    span = ctx.doc.char_span(ev.trigger, ev.trigger + 1, alignment_mode="expand") if ev.trigger is not None else None
    if span is None or not len(span):
        return []
    word = span[0]
    doers = [t for t in word.sent if _doer_of(t, word) and (m := ctx.reader.entity_of(t, depth=1)) is not None
             and m.key == ev.actor_key]
    out = []
    for doer in doers[:1]:
        for other in doer.conjuncts:
            m = ctx.reader.entity_of(other, depth=1)
            if m is not None and m.type in SPEAKER_TYPES and m.key not in (ev.actor_key, *out):
                out.append(m.key)
    return out


def _doer_of(token: Token, word: Token) -> bool:
    """Whether a noun is the doer of what `word` tells: the subject of its verb (or of the verb
    it is the object of), or the noun after "by" below it ("the murder of civilians by X")."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return _within_clause(word, token.head)
    return token.dep_ == "pobj" and token.head.lower_ == "by" and word in token.ancestors


def _within_clause(word: Token, verb: Token) -> bool:
    """Whether `word` is `verb` or hangs below it in its own clause ("launched attacks": the
    attacks; not "condemned X for the attacks, which killed 5,000": the killing is another's)."""
    while word.i != verb.i:
        if word.dep_ in CLAUSES or word.head.i == word.i:
            return False
        word = word.head
    return True


CLAUSES = ("relcl", "advcl", "ccomp", "acl", "csubj", "parataxis", "conj")


def _span_end(ctx: Context, t: Timex) -> str | None:
    """The last day of a span of dates a date opens ("15 March-19 March 1988", "from 3 to 7 May"):
    the latest day of the date written after it with a dash or "to", "until", "through" between."""
    for other in ctx.timexes:
        if other.type == "DATE" and t.end <= other.start <= t.end + 12 and re.fullmatch(
                r"\s*(?:-|–|—|to|until|till|through)\s*", ctx.text[t.end:other.start]):
            return other.latest or interval(other.value, other.mod)[1]
    return None


# parts of the day as TIMEX3 writes them, as hours from midnight
DAY_PARTS = {"MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 22), "NI": (21, 30), "DT": (6, 18)}


def _clock(ctx: Context, ev: Event, trigger: Token | None) -> tuple[int, Timex, tuple[float, float]] | None:
    """The clock time an event is given ("At 4 pm, they crossed the border", "crossed at 14:30"):
    a TIME value inside its clause, or one that opens its sentence before it; with its interval
    in days (a minute, or the hours of a part of the day)."""
    if trigger is None:
        return None
    sentence = ctx.sentence(trigger)
    for n, t in enumerate(ctx.timexes):
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(?:(\d{2}):(\d{2})|([A-Z]{2}))", t.value or "")
        inside = ev.start <= t.start and t.end <= ev.end
        opening = sentence.start_char <= t.start and t.end <= trigger.idx and "," in ctx.text[t.end:trigger.idx]
        if not m or not (inside or opening) or (day := day_number(m[1])) is None:
            continue
        if m[2]:
            minute = (int(m[2]) * 60 + int(m[3])) / 1440
            return n, t, (day + minute, day + minute)
        if m[4] in DAY_PARTS:
            first, last = DAY_PARTS[m[4]]
            return n, t, (day + first / 24, day + last / 24)
    return None


def sequence_claims(ctx: Context, events: Sequence[Event]) -> list[Claim]:
    """"The offensive took place after Varnia accepted Resolution 417", "set their attack
    for just after Varnia's acceptance of ...": the order of two events, a claim of the main one
    whose value is the relation and the other event ("after AGREE <actor> <target>", keys)."""
    by_trigger = {ev.trigger: n for n, ev in enumerate(events) if ev.trigger is not None}
    out = []
    for ref in events:
        span = ctx.doc.char_span(ref.trigger, ref.trigger + 1, alignment_mode="expand") if (
            ref.trigger is not None and not ref.negated and not ctx.blocked_at(ref.start)) else None
        found = _ordered(ctx, span[0]) if span is not None and len(span) else None
        main = _event_at(found[1], by_trigger) if found else None
        if main is None or events[main] is ref or not (ref.actor_key or ref.target_key):
            continue
        ev = events[main]
        if not (ev.actor_key or ev.name_key) or ev.negated:
            continue
        voice = _event_voice(ctx, ev)
        start, end = min(ev.start, ref.start), max(ev.end, ref.end)
        out.append(Claim(start=start, end=end, text=ctx.text[start:end], attribute="sequence",
                         value=f"{found[0]} {ref.type} {ref.actor_key or '-'} {ref.target_key or '-'}",
                         subject_key=ev.name_key, actor_key=ev.actor_key, action=ev.type, target_key=ev.target_key,
                         place_key=ev.place_keys[0] if ev.place_keys else None, voice_kind=voice.kind,
                         voice_index=voice.index, voice_key=voice.key, voice_text=voice.text, event=main))
    return out


def _ordered(ctx: Context, trigger: Token) -> tuple[str, Token] | None:
    """The relation a word of order puts an event's trigger in ("after Varnia accepted", "after its
    acceptance", "before launching") and the word it says it of."""
    order = ctx.lex.sequence_words
    if trigger.pos_ == "VERB":
        mark = next((c for c in trigger.children if c.dep_ == "mark" and c.lower_ in order), None)
        if mark is not None and trigger.dep_ == "advcl":
            return order[mark.lower_], trigger.head
        if trigger.dep_ == "pcomp" and trigger.head.lower_ in order:
            return order[trigger.head.lower_], trigger.head.head
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ in order:
        return order[trigger.head.lower_], trigger.head.head
    return None


def _event_at(head: Token, by_trigger: dict[int, int]) -> int | None:
    """The event a word of order is said of: the one its head word reports, else the one its
    subject or object reports ("the operation took place after ...", "timed their assault after")."""
    if head.idx in by_trigger:
        return by_trigger[head.idx]
    return next((by_trigger[c.idx] for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                 and c.idx in by_trigger), None)


def _event_voice(ctx: Context, ev: Event) -> Voice:
    if ev.source_kind == "quote" and ev.source_index is not None:
        q = ctx.quotes[ev.source_index]
        return Voice("quote", ev.source_index, q.speaker_key, q.speaker_text)
    if ev.source_kind != "document":
        seg = ctx.segments[ev.source_index] if ev.source_kind == "embedded_post" and ev.source_index is not None \
            else None
        return Voice(ev.source_kind, ev.source_index, None, seg.author if seg else None)
    span = ctx.doc.char_span(ev.start, ev.end, alignment_mode="expand")
    return ctx.attributed(ev.start, ev.end, span.root if span is not None else None) or Voice()


def _dates_event(ctx: Context, ev: Event, trigger: Token | None) -> bool:
    """Whether the event's date timex dates it, rather than a point it is measured from: "raids
    since 1984", "since the fall of the monarchy in 1984", "after the truce of 1993" do
    not date the raids (a preposition of `not_dating` before the date, or on the path from the
    date up the parse); nor does the date of the clause an "after ..." clause hangs on ("After Varnia
    accepted the resolution, the rebels crossed on July 24"); nor a date that is the event's own
    word ("the fall of the town": no autumn); nor an anniversary's day, unless it says which
    anniversary it is; nor the day a plan or a counterfactual gives ("would have occupied"); nor the
    date of a verb a clause of its own separates from the event's word ("approved a declaration
    blaming X for the massacre")."""
    t = ctx.timexes[ev.time]
    before = re.findall(r"[a-z]+", ctx.text[max(0, t.start - 30):t.start].lower())
    lead = t.text.split()[0].lower() if t.text.split() else ""
    if lead in ctx.lex.not_dating or (before and before[-1] in ctx.lex.not_dating):
        return False
    if trigger is not None:
        if any(c.dep_ == "aux" and c.lower_ in ctx.lex.unreal_modals for c in trigger.children):
            return False  # "would have occupied X on 3 August": the plan's date
        anniversary = trigger.lemma_.lower() in ctx.lex.anniversary_nouns
        if trigger.idx < t.end and t.start < trigger.idx + len(trigger.text) and not anniversary:
            return False
        if any(c.dep_ == "mark" and c.lower_ in ctx.lex.not_dating for c in trigger.children):
            comma = ctx.text.find(",", trigger.idx)  # "After Varnia accepted X on July 18, the rebels ..."
            if t.start < ev.start or t.end > ev.end or (comma >= 0 and t.start > comma):
                return False  # the date of the clause it hangs on, or past the subordinate clause
        if anniversary and not _counted_back(trigger) and (t.value or "")[:4] < "1000":
            return False  # which anniversary it is, unknown: see _anniversaries
        if _phased(ctx, trigger):
            return False  # "the siege ended on 4 May": the day it ended, which the ending dates
        if trigger.pos_ == "NOUN" and ctx.reader.lex.phase(trigger) and not (
                trigger.left_edge.idx <= t.start and t.end <= trigger.right_edge.idx + len(trigger.right_edge.text)):
            return False  # "after the end of the war", in a sentence dated otherwise: not the war's end
    span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
    token = span.root if span is not None else None
    for _ in range(8):
        if token is None or token.head == token or token.pos_ in ("VERB", "AUX") or (
                trigger is not None and token.i == trigger.i):
            # up to the event's own word: "after Varnia's acceptance of X on July 20" dates the
            # acceptance; "recognised the massacre as genocide in 2011" dates the recognition
            return token is None or trigger is None or token.i == trigger.i or (
                token.lemma_.lower() not in ctx.lex.later_acts and not _clause_between(trigger, token))
        token = token.head
        if token.dep_ == "prep" and token.lower_ in ctx.lex.not_dating:
            return False
    return True


def _clause_between(trigger: Token, verb: Token) -> bool:
    """Whether a clause of its own stands between an event's word and the verb its date hangs on
    ("in 2010 the assembly passed a motion holding Orlov to account for ordering the massacre": the date
    is the approval's, not the massacre's)."""
    if not verb.is_ancestor(trigger):
        return False  # "forces led by X launched the assault": the date's verb is not above the deed
    token = trigger.head
    while token.i != verb.i and token.head.i != token.i:
        if token.pos_ == "VERB" and token.dep_ in ("acl", "relcl", "pcomp", "ccomp"):
            return True  # a clause on a noun or a preposition, not a participle of the same act ("imposing")
        token = token.head
    return False


def _phased(ctx: Context, noun: Token) -> bool:
    """Whether an event noun is what a word of ending or lasting is about ("the siege ended",
    "the end of the siege", "the offensive lasted"): that word's event carries the date."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    return noun.pos_ == "NOUN" and head.i != noun.i and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and (
        ctx.reader.lex.phase(head) is not None)


def _yearless_anniversary(ctx: Context, ev: Event, trigger: Token | None, frame: dict) -> list[Claim]:
    """"Friday, May 14, is the anniversary of X" in a text that gives no year for it: its day and
    month ("XXXX-05-14"), which is all an anniversary says of X's date (see _anniversaries)."""
    if (trigger is None or ev.negated or trigger.lemma_.lower() not in ctx.lex.anniversary_nouns
            or _counted_back(trigger) or (ev.time is not None and ctx.timexes[ev.time].value)):
        return []
    sentence = ctx.sentence(trigger)
    found = next(((n, t) for n, t in enumerate(ctx.timexes) if t.type == "DATE" and not t.value
                  and sentence.start_char <= t.start < sentence.end_char), None)
    if found is None:
        return []
    n, t = found
    months = load("time.yaml")["months"]
    words = re.findall(r"[a-z]+|\d{1,2}(?!\d)", t.text.lower())
    month = next((months[w] for w in words if w in months), None)
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
    if not (month and day):
        return []
    start, end, text = _with_date(ctx, ev, t)
    return [Claim(start=start, end=end, text=text, attribute="anniversary", value=f"XXXX-{month:02d}-{day:02d}",
                  timex=n, **frame)]


def _counted_back(anniversary: Token) -> bool:
    """Whether an anniversary says which ("the 37th anniversary"): only then does its day, counted
    back, date the event it marks; "the anniversary of X" on 26 July of another year does not."""
    return any(re.fullmatch(r"\d+(?:st|nd|rd|th)|\w+(?:th|first|second|third)", t.lower_)
               for t in anniversary.lefts)


def _measured_from(ctx: Context, ev: Event, trigger: Token | None) -> bool:
    """Whether the named event an event carries is the point it is measured from ("two days before
    Operation X, the rebels attacked"): then the event is not X's."""
    if trigger is None or ev.name_key is None:
        return False
    for token in ctx.doc[trigger.left_edge.i:trigger.right_edge.i + 1]:
        named = ctx.reader.mention_at.get(token.i)
        if named is None or named.key != ev.name_key:
            continue
        before = re.findall(r"[a-z]+", ctx.text[max(0, named.start - 12):named.start].lower())
        if before and before[-1] in ctx.lex.not_dating:  # however the model parsed "before Operation X"
            return True
        head = token
        while head != trigger and head.head != head:
            if head.dep_ == "prep" and head.lower_ in ctx.lex.not_dating:
                return True
            head = head.head
    return False


def _with_date(ctx: Context, ev: Event, t: Timex) -> tuple[int, int, str]:
    """The event's evidence widened to the date it is given, when both sit on one line."""
    start, end = min(t.start, ev.start), max(t.end, ev.end)
    if "\n" in ctx.text[start:end] or end - start > 400:
        return ev.start, ev.end, ev.text
    return start, end, ctx.text[start:end]
