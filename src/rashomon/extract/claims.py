"""Claims: each checkable statement of one source, with the frame that says what it is about.

A claim is what a reader sets beside another source's statement: a count ("over 4,800 MKO
members were killed"), a date ("launched the offensive on July 25"), how long something lasted,
where it happened. Its frame says what it is about, so that `compare` sets side by side only
claims about one thing:
- a count: what is counted (people, or a part of them such as civilians or personnel; a kind of
  thing such as tanks), what befell them (dead, wounded, casualties, captured, ...; none for how
  many there were), whose they are (the side: "Iranian soldiers", "members of the MKO", "the NLA
  casualties") and the unit;
- a date or a duration: the named event, or the actor, action and target it dates;
- a place: the actor and the action it locates.
Each claim keeps its voice: the document itself; a quote, embedded post or cited work it
carries; or a party it attributes the statement to ("(Iranian claim)", "according to Tehran",
"the group reported"). The words live in data/claims.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from rashomon.extract.events import Reader
from rashomon.extract.quantities import TIME_UNITS
from rashomon.extract.time import interval
from rashomon.ingest.parse import text_of
from rashomon.names import name_key
from rashomon.records import Citation, Claim, Event, Label, Mention, Quantity, Quote, Segment, Timex
from rashomon.resources import load_yaml

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True)
class Words:
    """data/claims.yaml, compiled once."""

    people: frozenset[str]
    part_of: dict[str, str]  # head noun -> part of people ("civilians": civilian)
    kind_of: dict[str, str]  # head noun -> kind of thing ("tanks": vehicle)
    fate_noun: dict[str, str]
    fate_of: dict[str, str]
    fate_wholes: dict[str, frozenset[str]]
    attribution_verbs: frozenset[str]
    attribution_nouns: frozenset[str]
    attribution_phrases: tuple[str, ...]
    not_dating: frozenset[str]
    whole_quantifiers: frozenset[str]
    figure_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    doer_fates: frozenset[str]
    organ_nouns: frozenset[str]
    anniversary_nouns: frozenset[str]
    figure_verbs: frozenset[str]


@cache
def words() -> Words:
    data = load_yaml("claims.yaml")

    def inverse(table: dict) -> dict[str, str]:
        return {str(w).lower(): name for name, ws in table.items() for w in ws}

    lower = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return Words(lower("people"), inverse(data["people_parts"]), inverse(data["things"]),
                 inverse(data["fate_nouns"]), inverse(data["fates"]),
                 {k: frozenset(v) for k, v in data["fate_wholes"].items()},
                 lower("attribution_verbs"), lower("attribution_nouns"),
                 tuple(sorted(data["attribution_phrases"], key=len, reverse=True)), lower("not_dating"),
                 lower("whole_quantifiers"), lower("figure_nouns"), lower("measure_nouns"),
                 lower("doer_fates"), lower("organ_nouns"), lower("anniversary_nouns"),
                 lower("figure_verbs"))


def singular(word: str) -> str:
    """A head noun's singular as the word lists hold it ("casualties" -> casualty, "brigades" -> brigade)."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def counted_class(head: str, lex: Words | None = None) -> tuple[str, str | None]:
    """What a count of `head` counts: ("people", part or None) or (kind of thing, None)."""
    lex = lex or words()
    head = re.sub(r"^\W+|[^\w-].*$", "", head)  # "children.[4": children
    for form in (head.lower(), singular(head)):
        if form in lex.part_of:
            return "people", lex.part_of[form]
        if form in lex.people or form in lex.fate_noun:
            return "people", None
        if form in lex.kind_of:
            return lex.kind_of[form], None
    return singular(head), None


# a duration's own interval in days, from its TIMEX3 value
DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                      r"(?:T(?:(\d+(?:\.\d+)?)H)?)?$")
DAYS_PER = (365.25, 30.44, 7, 1, 1 / 24)


def duration_days(value: str | None, mod: str | None) -> tuple[float, float] | None:
    """A duration's interval in days: P3D -> (3, 3); "within three days" (EQUAL_OR_LESS) -> (0, 3)."""
    m = DURATION.match(value or "")
    if not m or not any(m.groups()):
        return None
    days = sum(float(g) * per for g, per in zip(m.groups(), DAYS_PER, strict=True) if g)
    low, high = days, days
    if mod in ("EQUAL_OR_LESS", "LESS_THAN"):
        low = 0.0
    elif mod in ("EQUAL_OR_MORE", "MORE_THAN"):
        high = float("inf")
    elif mod == "APPROX":
        low, high = days * 0.75, days * 1.25
    return low, high


def day_number(iso: str | None) -> float | None:
    """An ISO day as a number of days (its proleptic ordinal), for intervals of dates."""
    try:
        return float(dt.date.fromisoformat(iso[:10]).toordinal()) if iso else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Voice:
    kind: str = "document"
    index: int | None = None
    key: str | None = None
    text: str | None = None


class _Context:
    """One document's parse, its records indexed, and the helpers every kind of claim needs."""

    def __init__(self, doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention], labels: Sequence[Label],
                 timexes: Sequence[Timex], quotes: Sequence[Quote], citations: Sequence[Citation],
                 place_keys: frozenset[str], published: str | None):
        self.doc, self.text, self.lex = doc, text_of(doc), words()
        self.reader = Reader(doc, mentions, labels, timexes, place_keys)
        self.segments, self.timexes, self.quotes, self.citations = segments, timexes, quotes, citations
        self.blocked = [(s.start, s.end) for s in segments if s.kind == "boilerplate"]
        self.published = published

    def blocked_at(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.blocked)

    def sentence(self, token: Token) -> Span:
        first, last = self.reader.sentence_of[token.i]
        return self.doc[first:last]

    # ------------------------------------------------------------ whose word

    def voice(self, start: int, end: int, token: Token | None) -> Voice:
        """Who gives what stands at text[start:end]: a post, quote or cited work that holds it, a
        party the sentence attributes it to, else the document."""
        for n, seg in enumerate(self.segments):
            if seg.kind == "embedded_post" and seg.start <= start < seg.end:
                return Voice("embedded_post", n, None, seg.author)
        inside = [(n, q) for n, q in enumerate(self.quotes) if q.start <= start and end <= q.end]
        if inside:
            n, q = min(inside, key=lambda nq: nq[1].end - nq[1].start)
            return Voice("quote", n, q.speaker_key, q.speaker_text)
        for n, c in enumerate(self.citations):
            if c.start <= start < c.end:
                return Voice("citation", n, None, c.title)
        return self.attributed(start, end, token) or self.speaker_tag(start) or Voice()

    def speaker_tag(self, start: int) -> Voice | None:
        """The speaker a transcript or an interview names before the words ("Crowe: The plane was
        tracked at ..."), on the same line and in the same sentence or the one before."""
        line_start = self.text.rfind("\n", 0, start) + 1
        tags = list(re.finditer(r"(?:^|(?<=[.!?”\"]\s))([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}):\s",
                                self.text[line_start:start]))
        if not tags:
            return None
        m = tags[-1]
        who = self.party_in(line_start + m.start(1), line_start + m.end(1))
        return Voice("attributed", None, who, m[1]) if who is not None else None

    def attributed(self, start: int, end: int, token: Token | None) -> Voice | None:
        """A party the sentence gives the statement on: "(Iranian claim)" after it, "according to
        X", or the subject of a verb of saying, claiming or estimating that governs it."""
        line_end = self.text.find("\n", end)
        after = self.text[end:min(end + 60, line_end if line_end >= 0 else len(self.text))]
        if m := re.match(r"[^()\n.;]{0,40}?\(([^()\n]{2,80})\)", after):
            inner = m[1].strip()
            who = self.party_in(end + m.start(1), end + m.end(1))
            if who is not None or any(w in self.lex.attribution_nouns for w in re.findall(r"[a-z]+", inner.lower())):
                return Voice("attributed", None, who, inner)
        if token is None:
            return None
        sentence = self.sentence(token)
        lowered = sentence.text.lower()
        for phrase in self.lex.attribution_phrases:
            at = lowered.find(phrase + " ")
            if at >= 0:
                first = sentence.start_char + at + len(phrase) + 1
                who = self.party_in(first, min(first + 60, sentence.end_char))
                if who is not None:
                    return Voice("attributed", None, who, self.phrase_at(first))
        head = token
        for _ in range(6):
            if head.head == head:
                break
            head = head.head
            if head.pos_ in ("VERB", "AUX") and (head.lemma_.lower() in self.lex.attribution_verbs or (
                    head.lemma_.lower() in self.lex.figure_verbs and any(
                        c.dep_ == "dobj" and c.lower_ in self.lex.figure_nouns for c in head.children))):
                subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and subject.lower_ in ("one", "some", "many", "several", "most"):
                    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    subject = next((c for c in of.children if c.dep_ == "pobj"), subject) if of is not None \
                        else subject  # "one of its officials put the figure at 1,300": its officials
                if subject is not None and subject.i != token.i and subject.pos_ in ("NOUN", "PROPN"):
                    party = self.reader.entity_of(subject)  # "Azerbaijani officials": Azerbaijan's
                    key = party.key if party is not None and party.type in SPEAKER_TYPES else None
                    phrase = self.doc[subject.left_edge.i:subject.i + 1].text
                    return Voice("attributed", None, key, phrase)
        return None

    def phrase_at(self, start: int) -> str:
        """The noun phrase that starts at `start` ("residents and officials in Marzabad province")."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            return self.text[start:start + 40].split(",")[0].strip()
        head = span[0]
        while head.head != head and head.head.i >= span[0].i and head.dep_ not in ("pobj", "dobj", "nsubj"):
            head = head.head
        return self.doc[span[0].i:head.right_edge.i + 1].text

    def party_in(self, start: int, end: int) -> str | None:
        """The key of the first named party (or nationality) in text[start:end]."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        for t in span or ():
            found = self.reader.entity_of(t, depth=0)
            if found is not None and found.type in SPEAKER_TYPES and not re.search(r"[()\[\]]", found.text):
                return found.key  # not a name the model ran across a bracket ("KIA (Iranian claim)[2")
        return None


def find_claims(doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention], timexes: Sequence[Timex] = (),
                quantities: Sequence[Quantity] = (), quotes: Sequence[Quote] = (), citations: Sequence[Citation] = (),
                labels: Sequence[Label] = (), events: Sequence[Event] = (),
                place_keys: frozenset[str] = frozenset(), published: str | None = None) -> list[Claim]:
    """Every claim of `doc`, in text order: counts, dates, durations and places, each with its
    frame and its voice. Boilerplate makes no claim."""
    ctx = _Context(doc, segments, mentions, labels, timexes, quotes, citations, place_keys, published)
    in_event = {q: n for n, ev in enumerate(events) for q in ev.quantities}
    found = [c for n, q in enumerate(quantities) if not ctx.blocked_at(q.start)
             for c in _counts(ctx, n, q, events[in_event[n]] if n in in_event else None, in_event.get(n))]
    for n, ev in enumerate(events):
        if not ctx.blocked_at(ev.start):
            found += _event_claims(ctx, n, ev)
    found += _organs(ctx, mentions)
    found += _weekdays(ctx)
    return sorted(_anniversaries(found), key=lambda c: (c.start, c.end, c.attribute))


def _anniversaries(found: list[Claim]) -> list[Claim]:
    """"Sunday, July 26, is the anniversary of Operation X": the day and month of X's start, in the
    year the source gives X elsewhere (a start claim of its own), else nothing."""
    years = {c.subject_key: c.value[:4] for c in found
             if c.attribute == "start" and c.subject_key and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.value)}
    out = []
    for c in found:
        if c.attribute != "anniversary":
            out.append(c)
        elif c.subject_key in years:
            try:
                day = dt.date.fromisoformat(f"{years[c.subject_key]}{c.value[4:]}")
            except ValueError:
                continue
            out.append(replace(c, attribute="start", value=day.isoformat(), low=float(day.toordinal()),
                               high=float(day.toordinal())))
    return out


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekdays(ctx: _Context) -> list[Claim]:
    """A weekday written beside a date it does not fall on ("on Monday, July 24, 1988": the 24th
    was a Sunday) says two days: two "weekday" claims, the date's and the nearest day of that
    weekday, which compare sets against each other."""
    out = []
    for n, t in enumerate(ctx.timexes):
        if (t.type != "DATE" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or "") or ctx.blocked_at(t.start)
                or not re.search(r"\b\d{4}\b", t.text)):
            continue  # a weekday and a date without its year ("Sunday, July 26") may be of any year
        words = re.findall(r"[a-z]+", (ctx.text[max(0, t.start - 12):t.start] + t.text).lower())
        named = [WEEKDAYS.index(w) for w in words if w in WEEKDAYS]
        day = dt.date.fromisoformat(t.value)
        if not named or named[-1] == day.weekday():
            continue
        shift = (named[-1] - day.weekday() + 3) % 7 - 3  # the nearest such weekday
        said = day + dt.timedelta(days=shift)
        start = ctx.text.rfind(WEEKDAYS[named[-1]].capitalize(), max(0, t.start - 12), t.end)
        start = start if start >= 0 else t.start
        for value in (day, said):
            out.append(Claim(start=start, end=t.end, text=ctx.text[start:t.end], attribute="weekday",
                             value=value.isoformat(), low=float(value.toordinal()), high=float(value.toordinal()),
                             timex=n))
    return out


def _organs(ctx: _Context, mentions: Sequence[Mention]) -> list[Claim]:
    """"The NLA, the military wing of the PMOI", "the PMOI's armed wing, the NLA": an organisation
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


# ---------------------------------------------------------------- counts

def _counts(ctx: _Context, n: int, q: Quantity, event: Event | None, event_n: int | None) -> list[Claim]:
    """The claims a quantity makes: how many of what, with what fate, whose, on whose word; and
    with "all" before it ("all 290 passengers were killed"), how many there were."""
    if (q.unit or "") in TIME_UNITS:
        return []
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return []
    number = span[-1]
    # an infobox row's label, before its number or on the row above ("Deaths200+ ... \n485 (...)")
    label = bool(q.counted) and q.counted.lower() in ctx.text[max(0, q.start - 120):q.start].lower() and (
        ctx.text.find(q.counted, q.end, q.end + 120) < 0)
    head = None if label else _counted_head(ctx, q, number)  # an infobox row's label is no phrase to parse
    head = _noun_head(ctx, head) if head is not None else None
    counted, part, fate, side = None, None, None, None
    if label:
        counted, part = counted_class(q.counted, ctx.lex)
        fate = ctx.lex.fate_noun.get(q.counted.lower())
    elif head is not None:
        counted, part = ("people", None) if _demonym(ctx, head) else counted_class(
            head.lemma_ if head.pos_ == "NOUN" else head.text, ctx.lex)
        if part and any(counted_class(c.text, ctx.lex) == ("people", p) for c in head.conjuncts
                        if not any(n.dep_ == "nummod" for n in c.children)
                        for p in set(ctx.lex.part_of.values()) - {part}):
            part = None  # "men and boys": people of several parts (not "106 women and 63 children")
        fate = ctx.lex.fate_noun.get(head.lower_) or ctx.lex.fate_noun.get(singular(head.lower_))
        side = _side(ctx, head)
    elif q.counted and not q.unit:  # "over 4,800 were killed or injured": the verbs counted
        counted = "people"
    topic = _topic(ctx, number)  # "casualties numbered approximately 400", "put the death toll at 87"
    if topic is not None:
        fate = fate or ctx.lex.fate_noun.get(topic.lower_) or ctx.lex.fate_noun.get(singular(topic.lower_))
        side = side or _side(ctx, topic)
        counted = counted or "people"
    # the counted noun's own fate comes first ("1,263 KIA"), then the verb it is the object or
    # passive subject of ("killed 13 marchers"), then the fate words around, unless those list fates
    fate = fate or (_verb_fate(ctx, head) if head is not None else None)
    listed = _fates(ctx, q, number)
    fate = fate if fate and listed != "casualties" else (listed or fate)
    if head is not None and fate not in ctx.lex.doer_fates and _doer(head):
        fate = None  # "7,000 fighters attacked and killed 50": the fighters suffered nothing
    if counted is None and fate is not None and not q.unit:
        counted = "people"  # "the toll at 87", "1,263 KIA"
    if counted is None and q.unit is None:
        return []
    if counted is None and q.unit not in (None, "USD", "EUR", "GBP", "IRR", "percent", "deg"):
        counted = _measured(ctx, number)  # "The plane was at 10,000 feet": the plane's
    if event is not None and side is not None and side == event.actor_key and fate not in ctx.lex.doer_fates:
        side = None  # what an attack inflicts falls on the other side ("X killed 120 of the enemy")
    if side is None and fate is not None and fate not in ctx.lex.doer_fates:
        side = _inflicted_on(ctx, number) or _suffered_from(event)
    low, high = _amount(q)
    voice = ctx.voice(q.start, q.end, number)
    evidence = (event.start, event.end, event.text) if event is not None and event.end - event.start < 300 \
        else _phrase_around(ctx, q, head)
    base = dict(attribute="count", value=_number_text(q), low=low, high=high, counted=counted,
                counted_text=q.counted, fate=fate, side_key=side, unit=q.unit, period=_period(ctx, number),
                subject_key=event.name_key if event else None, actor_key=event.actor_key if event else None,
                action=event.type if event else None, target_key=event.target_key if event else None,
                place_key=event.place_keys[0] if event and event.place_keys else None,
                voice_kind=voice.kind, voice_index=voice.index,
                voice_key=voice.key, voice_text=voice.text, event=event_n, quantity=n)
    base["counted"] = f"{counted}/{part}" if part else counted  # "people/civilian", "vehicle"
    claims = [Claim(start=evidence[0], end=evidence[1], text=evidence[2], **base)]
    if fate is not None and _whole(ctx, q):
        claims.append(Claim(start=evidence[0], end=evidence[1], text=evidence[2], **base | {"fate": None}))
    return claims


def _counted_head(ctx: _Context, q: Quantity, number: Token) -> Token | None:
    """The head noun of what a quantity counts (its `counted` phrase in the text after it)."""
    if not q.counted or q.counted[:1] in "([":  # "485 (Azerbaijani parliament figure)": a source, not a noun
        return None
    at = ctx.text.find(q.counted, q.end, q.end + 120)
    if at < 0:  # an infobox label before the number
        at = ctx.text.rfind(q.counted, max(0, q.start - 80), q.start + 1)
        if at < 0 and q.counted.lower() in ctx.text[max(0, q.start - 80):q.start].lower():
            at = ctx.text.lower().rfind(q.counted.lower(), max(0, q.start - 80), q.start + 1)
    if at < 0:
        return None
    span = ctx.doc.char_span(at, at + len(q.counted), alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span[0].tag_ in ("VBN", "VBD"):  # "over one thousand killed, including ...": the verb is counted
        return span[0]
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    return span.root if span.root.pos_ in ("NOUN", "PROPN") else (nouns[-1] if nouns else span[-1])


def _side(ctx: _Context, head: Token) -> str | None:
    """Whose the counted are: a nationality or name on or around the head noun ("Iranian soldiers",
    "MEK troops", "members of the MKO", "fighters from the PMOI", "the NLA casualties"), or the
    nationality the head itself is ("1,000 Azeris"). A name the model ran into a fate noun
    ("KIA") or a bracket is no side."""
    if (country := _demonym(ctx, head)) is not None:
        return country
    labelled = ctx.reader.label_at.get(head.i)  # "28 terrorists": the group the source calls so
    if labelled is not None and any(m.key == labelled and m.type in ("ORG", "NORP") for m in ctx.reader.recent):
        return labelled
    for child in head.children:
        inner = child
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ not in ("compound", "amod", "poss", "nmod"):
            continue
        if inner is None:
            continue
        if (country := _demonym(ctx, inner)) is not None:
            return country
        found = ctx.reader.entity_of(inner, depth=1)
        if found is not None and found.type in SPEAKER_TYPES and not re.search(r"[()\[\]]", found.text):
            return found.key
    return None


def _demonym(ctx: _Context, token: Token) -> str | None:
    """The key of the country a nationality word stands for, adjective or noun ("Iranian",
    "Azeris"): the key of the document's own mention of the word when it has one (as the events
    stage keys "Iranian forces", so that resolve joins both to the country), else the country's."""
    if not token.text[:1].isupper():
        return None
    demonyms = ctx.reader.lex.demonyms
    country = demonyms.get(token.text) or demonyms.get(token.text[:-1] if token.text.endswith("s") else "")
    if not country:
        return None
    own = ctx.reader.mention_at.get(token.i)
    return own.key if own is not None and own.type in ("NORP", "GPE") else name_key(country)


def _noun_head(ctx: _Context, head: Token) -> Token | None:
    """The counted noun itself: "MEK troops" is troops, not MEK; a participle taken for a noun
    ("4,500 Reported Killed") counts nothing named."""
    if head.tag_ in ("VBN", "VBD", "VBG"):
        return None
    nxt = ctx.doc[head.i + 1] if head.i + 1 < len(ctx.doc) else None
    if head.pos_ == "PROPN" and nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ != "compound" \
            and _demonym(ctx, head) is None:
        return nxt
    return head


def _topic(ctx: _Context, number: Token) -> Token | None:
    """The noun a bare number is said of: the subject of "numbered" or "were", the object of
    "put ... at" ("Iranian casualties numbered approximately 400", "the death toll at 87")."""
    verb = number.head
    if number.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or number.dep_ not in ("attr", "dobj", "pobj", "npadvmod", "acomp", "oprd"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i != number.i), None)
    for noun in (obj, subject):
        if noun is None or noun.pos_ != "NOUN":
            continue
        if _is_fate_noun(ctx, noun):
            return noun
        if noun.lower_ in ctx.lex.figure_nouns:  # "exaggerate the NLA casualties ... put the figure at"
            sentence = ctx.sentence(noun)
            earlier = [t for t in ctx.doc[sentence.start:noun.i] if t.pos_ == "NOUN" and _is_fate_noun(ctx, t)]
            return earlier[-1] if earlier else noun
    return None


def _is_fate_noun(ctx: _Context, token: Token) -> bool:
    return token.lower_ in ctx.lex.fate_noun or singular(token.lower_) in ctx.lex.fate_noun


def _inflicted_on(ctx: _Context, number: Token) -> str | None:
    """"inflicting over 4,800 casualties on the group": the side is the one the losses fall on."""
    verb = number.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "among")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = ctx.reader.entity_of(pobj, depth=1)
            if found is not None and found.type in SPEAKER_TYPES:
                return found.key
    return None


def _period(ctx: _Context, number: Token) -> str | None:
    """The span of years a count adds up over ("killed in attacks over the past four decades",
    "since 1979"): such a toll is not the toll of one event."""
    sentence = ctx.sentence(number)
    for t in ctx.timexes:
        if not (sentence.start_char <= t.start and t.end <= sentence.end_char) or not t.value:
            continue
        if t.type == "DURATION" and re.search(r"\d+(?:Y|DE|CE)$|P\d+Y", t.value):
            return t.value
        before = re.findall(r"[a-z]+", ctx.text[max(0, t.start - 12):t.start].lower())
        if t.type == "DATE" and before and before[-1] == "since":
            return f"since {t.value}"
    return None


def _suffered_from(event: Event | None) -> str | None:
    """Whose the dead or wounded of an event are when the source does not say: the target's, or
    else the side opposed to the one that inflicted them ("the Iranians had killed 4,500 of the
    enemy": "!" and the actor's key, read by compare as the one side the corpus opposes to it)."""
    if event is None:
        return None
    if event.target_key:
        return event.target_key
    return f"!{event.actor_key}" if event.actor_key else None


def _fates(ctx: _Context, q: Quantity, number: Token) -> str | None:
    """What befell the counted, by the fate words nearest the count in its sentence (after it
    first, then before it): several fates side by side ("killed and wounded", "KIA, WIA, MIA,
    POW") are casualties."""
    sentence = ctx.sentence(number)
    end = sentence.end_char
    if end <= q.end + 1:  # the model ended the sentence at the number (an infobox row): its line
        line_end = ctx.text.find("\n", q.end)
        end = line_end if line_end >= 0 else len(ctx.text)
    after = re.findall(r"[a-z]+", ctx.text[q.end:end].lower())[:14]
    before = re.findall(r"[a-z]+", ctx.text[sentence.start_char:q.start].lower())[-10:]
    fate_of = ctx.lex.fate_of

    def hits(ws: list[str]) -> list[tuple[int, str]]:
        """(position, fate) of the fate words and two-word phrases in ws."""
        pairs = [(i, fate_of[f"{a} {b}"]) for i, (a, b) in enumerate(pairwise(ws))
                 if f"{a} {b}" in fate_of]
        return sorted(pairs + [(i, fate_of[w]) for i, w in enumerate(ws) if w in fate_of])

    words, found = after, hits(after)
    if not found:
        words, found = before, hits(before)[::-1]  # nearest first
    if not found:
        return None
    listed = {found[0][1]}  # fates in one list with the first: "killed and wounded", "KIA, WIA, MIA"
    for (i, _), (j, fate) in pairwise(found):
        between = words[min(i, j) + 1:max(i, j)]
        if not (all(w in ("and", "or", "nor") for w in between) and abs(j - i) <= 2):
            break
        listed.add(fate)
    if "dead" in listed and len(listed & ctx.lex.fate_wholes.get("casualties", frozenset())) > 1:
        return "casualties"  # a list without the dead ("hundreds wounded, missing") is the first fate's
    return found[0][1]


def _measured(ctx: _Context, number: Token) -> str | None:
    """What a distance, height or speed is of: the subject of its clause ("The plane was flying at
    9,000 feet": plane), or what a measure noun as subject is of ("the speed of the convoy")."""
    verb = number
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lemma_.lower() in ctx.lex.measure_nouns:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        subject = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    return subject.lemma_.lower()


def _verb_fate(ctx: _Context, head: Token) -> str | None:
    """The fate a verb gives the counted it takes as object or passive subject ("killed 13
    marchers", "13 marchers were killed")."""
    verb = head.head
    if head.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
        return None
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "acomp", "advmod")), None)
    for form in ([f"{verb.lower_} {particle}"] if particle else []) + [verb.lower_, verb.lemma_.lower()]:
        if form in ctx.lex.fate_of:
            return ctx.lex.fate_of[form]
    return None


def _doer(head: Token) -> bool:
    """Whether the counted do the deed rather than suffer it: the agent of a passive ("shot down by
    two missiles") or the subject of an active verb ("7,000 fighters attacked and killed 50"), but
    not of a verb that is itself their fate ("1,000 people died")."""
    if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ == "agent":
        return True
    verb = head.head
    return (head.dep_ == "nsubj" and verb.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in verb.children)
            and verb.lower_ not in words().fate_of and verb.lemma_.lower() not in words().fate_of)  # "1000 died"


def _whole(ctx: _Context, q: Quantity) -> bool:
    """Whether "all" (or "the entire") stands before the count: it then gives the whole number."""
    before = re.findall(r"[a-z]+", ctx.text[max(0, q.start - 20):q.start].lower())[-2:]
    return bool(set(before) & ctx.lex.whole_quantifiers)


def _amount(q: Quantity) -> tuple[float | None, float | None]:
    """A count's interval: exact, bounded, or widened by a tenth when it is an estimate."""
    if q.value is not None:
        if q.approx:
            return q.value * 0.9, q.value * 1.1
        return q.value, q.value
    return q.low, q.high


def _number_text(q: Quantity) -> str:
    """The count's value as stated: a number ("~" before an estimate), or low-high (either may be empty)."""
    def fmt(x: float | None) -> str:
        return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))

    if q.value is not None:
        return ("~" if q.approx else "") + fmt(q.value)
    return f"{fmt(q.low)}-{fmt(q.high)}"


def _phrase_around(ctx: _Context, q: Quantity, head: Token | None) -> tuple[int, int, str]:
    """Evidence for a count outside any event: the count with the clause it sits in, on one line."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return q.start, q.end, q.text
    sentence = ctx.sentence(span[-1])
    start, end = sentence.start_char, sentence.end_char
    line_start = ctx.text.rfind("\n", 0, q.start) + 1
    line_end = ctx.text.find("\n", q.end)
    start, end = max(start, line_start), min(end, line_end if line_end >= 0 else end)
    if end - start > 240:  # a long sentence: the words around the count
        start = max(start, q.start - 80)
        end = min(end, max(q.end, head.idx + len(head.text) if head is not None else q.end) + 120)
    text = ctx.text[start:end]
    trimmed = text.strip()
    start += len(text) - len(text.lstrip())
    return start, start + len(trimmed), trimmed


# ---------------------------------------------------------------- dates, durations, places

def _event_claims(ctx: _Context, n: int, ev: Event) -> list[Claim]:
    """What an event states that another source can state otherwise: its date (the start of what
    it names, for a launch), how long it lasted, and where it happened."""
    out = []
    voice = _event_voice(ctx, ev)
    span = ctx.doc.char_span(ev.trigger, ev.trigger + 1, alignment_mode="expand") if ev.trigger is not None else None
    trigger = span[0] if span is not None and len(span) else None
    subject = None if _measured_from(ctx, ev, trigger) else ev.name_key
    frame = dict(subject_key=subject, actor_key=ev.actor_key, action=ev.type, target_key=ev.target_key,
                 place_key=ev.place_keys[0] if ev.place_keys else None, voice_kind=voice.kind,
                 voice_index=voice.index, voice_key=voice.key, voice_text=voice.text, event=n)
    if ev.time is not None and not ev.negated and _dates_event(ctx, ev, trigger):
        t = ctx.timexes[ev.time]
        days = (t.earliest, t.latest) if t.earliest else interval(t.value, t.mod)
        low, high = (day_number(days[0]), day_number(days[1])) if days else (None, None)
        if low is not None and high is not None:
            start, end, text = _with_date(ctx, ev, t)
            attribute = "start" if ev.onset else "date"
            if trigger is not None and trigger.lemma_.lower() in ctx.lex.anniversary_nouns and not _counted_back(
                    trigger) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value or ""):
                attribute = "anniversary"  # its day and month, not its year: see _anniversaries
            out.append(Claim(start=start, end=end, text=text, attribute=attribute,
                             value=t.value, low=low, high=high, timex=ev.time, **frame))
    clock = _clock(ctx, ev, trigger) if ev.onset and not ev.negated else None
    if clock is not None:
        n, t, (low, high) = clock
        out.append(Claim(start=min(ev.start, t.start), end=max(ev.end, t.end),
                         text=ctx.text[min(ev.start, t.start):max(ev.end, t.end)], attribute="time", value=t.value,
                         low=low, high=high, timex=n, **frame))
    if ev.duration is not None and not ev.negated:
        t = ctx.timexes[ev.duration]
        days = duration_days(t.value, t.mod)
        if days is not None:
            out.append(Claim(start=ev.start, end=ev.end, text=ev.text, attribute="duration", value=t.value,
                             low=days[0], high=days[1], timex=ev.duration, **frame))
    if not ev.negated and ev.actor_key:
        out.append(Claim(start=ev.start, end=ev.end, text=ev.text, attribute="actor", value=ev.actor_key, **frame))
    if not ev.negated and ev.place_keys and (ev.actor_key or ev.target_key):
        for key in ev.place_keys:
            out.append(Claim(start=ev.start, end=ev.end, text=ev.text, attribute="place", value=key,
                             **frame | {"place_key": key}))
    return out


# parts of the day as TIMEX3 writes them, as hours from midnight
DAY_PARTS = {"MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 22), "NI": (21, 30), "DT": (6, 18)}


def _clock(ctx: _Context, ev: Event, trigger: Token | None) -> tuple[int, Timex, tuple[float, float]] | None:
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


def _event_voice(ctx: _Context, ev: Event) -> Voice:
    if ev.source_kind == "quote" and ev.source_index is not None:
        q = ctx.quotes[ev.source_index]
        return Voice("quote", ev.source_index, q.speaker_key, q.speaker_text)
    if ev.source_kind != "document":
        seg = ctx.segments[ev.source_index] if ev.source_kind == "embedded_post" and ev.source_index is not None \
            else None
        return Voice(ev.source_kind, ev.source_index, None, seg.author if seg else None)
    span = ctx.doc.char_span(ev.start, ev.end, alignment_mode="expand")
    return ctx.attributed(ev.start, ev.end, span.root if span is not None else None) or Voice()


def _dates_event(ctx: _Context, ev: Event, trigger: Token | None) -> bool:
    """Whether the event's date timex dates it, rather than a point it is measured from: "attacks
    since 1979", "since the victory of the revolution in 1979", "after the ceasefire of 1988" do
    not date the attacks (a preposition of `not_dating` before the date, or on the path from the
    date up the parse); nor does the date of the clause an "after ..." clause hangs on ("After Iran
    accepted the resolution, the rebels crossed on July 24"); nor a date that is the event's own
    word ("the fall of the town": no autumn); nor an anniversary's day, unless it says which
    anniversary it is."""
    t = ctx.timexes[ev.time]
    before = re.findall(r"[a-z]+", ctx.text[max(0, t.start - 30):t.start].lower())
    lead = t.text.split()[0].lower() if t.text.split() else ""
    if lead in ctx.lex.not_dating or (before and before[-1] in ctx.lex.not_dating):
        return False
    if trigger is not None:
        anniversary = trigger.lemma_.lower() in ctx.lex.anniversary_nouns
        if trigger.idx < t.end and t.start < trigger.idx + len(trigger.text) and not anniversary:
            return False
        if any(c.dep_ == "mark" and c.lower_ in ctx.lex.not_dating for c in trigger.children):
            comma = ctx.text.find(",", trigger.idx)  # "After Iran accepted X on July 18, the rebels ..."
            if t.start < ev.start or t.end > ev.end or (comma >= 0 and t.start > comma):
                return False  # the date of the clause it hangs on, or past the subordinate clause
        if anniversary and not _counted_back(trigger) and (t.value or "")[:4] < "1000":
            return False  # which anniversary it is, unknown: see _anniversaries
    span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
    token = span.root if span is not None else None
    for _ in range(8):
        if token is None or token.head == token or token.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        if token.dep_ == "prep" and token.lower_ in ctx.lex.not_dating:
            return False
    return True


def _counted_back(anniversary: Token) -> bool:
    """Whether an anniversary says which ("the 37th anniversary"): only then does its day, counted
    back, date the event it marks; "the anniversary of X" on 26 July of another year does not."""
    return any(re.fullmatch(r"\d+(?:st|nd|rd|th)|\w+(?:th|first|second|third)", t.lower_)
               for t in anniversary.lefts)


def _measured_from(ctx: _Context, ev: Event, trigger: Token | None) -> bool:
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


def _with_date(ctx: _Context, ev: Event, t: Timex) -> tuple[int, int, str]:
    """The event's evidence widened to the date it is given, when both sit on one line."""
    start, end = min(t.start, ev.start), max(t.end, ev.end)
    if "\n" in ctx.text[start:end] or end - start > 400:
        return ev.start, ev.end, ev.text
    return start, end, ctx.text[start:end]
