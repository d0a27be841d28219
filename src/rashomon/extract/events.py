"""Events: who did what to whom, where and when, as one source tells it.

Each clause whose verb (or event noun: "the bombing of Zardeh") is in data/events.yaml becomes
an event with a PLOVER type, read off spaCy's dependency parse:
- actor: the subject, or the agent of a passive; a subject shared with a coordinated or
  governing verb ("pushed ... but was halted"); "MKO forces" and "Iranian forces" name the MKO
  and Iran (data/demonyms.yaml); a pronoun or a descriptive reference ("the group", see
  `labels`) stands for the actor it refers to;
- target, places (every place of a coordination), the named operation it launches or begins,
  the date (a timex attached to the clause), the quantities inside the clause;
- the source it rests on: a quote, a cited work, an embedded post or the document itself;
- negation, and hedging: a Hedge span of the `framing` stage that governs the clause.
Boilerplate yields no events.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from rashomon.data import load
from rashomon.extract.framing import is_hedged
from rashomon.ingest.parse import text_of
from rashomon.names import name_key
from rashomon.records import (
    GROUP_TYPES,
    PLACE_TYPES,
    Citation,
    Event,
    Framing,
    Label,
    Mention,
    Quantity,
    Quote,
    Segment,
    Timex,
)

NAMED_THINGS = ("LAW", "WORK_OF_ART", "PRODUCT", "FAC")  # named things a definite noun can take up
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
# dependents of a verb that belong to another clause, not to this event's span
OTHER_CLAUSES = {"conj", "ccomp", "parataxis", "relcl", "acl", "csubj", "advcl", "cc", "punct"}


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, str]
    passive: dict[str, str]
    nouns: dict[str, str]
    starter_verbs: frozenset[str]
    starter_nouns: frozenset[str]
    named_type: str
    place_preps: frozenset[str]
    target_preps: frozenset[str]
    place_object_types: frozenset[str]
    clause_target_types: frozenset[str]
    pronouns: dict[str, tuple[str, ...]]
    demonyms: dict[str, str]
    place_references: frozenset[str]
    place_reference_determiners: frozenset[str]
    place_reference_sentences: int
    needs_object: frozenset[str]
    intransitive_starters: frozenset[str]
    crossing_verbs: frozenset[str]
    frontier_nouns: frozenset[str]
    crossing_type: str
    weapons: frozenset[str]
    happening_verbs: frozenset[str]
    temporal_marks: frozenset[str]
    offset_words: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = load("events.yaml")

    def by_word(table: dict) -> dict[str, str]:
        return {w: kind for kind, words in table.items() for w in words}

    return _Lexicon(
        verbs=by_word(data["verbs"]), passive=by_word(data["passive_types"]), nouns=by_word(data["nouns"]),
        starter_verbs=frozenset(data["starters"]["verbs"]), starter_nouns=frozenset(data["starters"]["nouns"]),
        named_type=data["named_event_type"], place_preps=frozenset(data["place_prepositions"]),
        target_preps=frozenset(data["target_prepositions"]),
        place_object_types=frozenset(data["place_object_types"]),
        clause_target_types=frozenset(data["clause_target_types"]),
        pronouns={p: tuple(ts) for p, ts in data["pronouns"].items()},
        demonyms={k: v for k, v in load("demonyms.yaml").items()},
        place_references=frozenset(data["place_references"]),
        place_reference_determiners=frozenset(data["place_reference_determiners"]),
        place_reference_sentences=int(data["place_reference_sentences"]),
        needs_object=frozenset(data["needs_object"]),
        intransitive_starters=frozenset(data["starters"]["intransitive"]),
        crossing_verbs=frozenset(data["crossing"]["verbs"]), frontier_nouns=frozenset(data["crossing"]["frontiers"]),
        crossing_type=data["crossing"]["type"], weapons=frozenset(data["weapons"]),
        happening_verbs=frozenset(data["happening_verbs"]), temporal_marks=frozenset(data["temporal_marks"]),
        offset_words=frozenset(data["offset_words"]),
    )


class Reader:
    """One document's parse with its mentions, labels and timexes indexed by token."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], labels: Sequence[Label], timexes: Sequence[Timex],
                 place_keys: frozenset[str]):
        self.doc, self.lex, self.place_keys = doc, _lexicon(), place_keys
        # the sentence of every token, computed once (Token.sent walks the Doc at every access)
        self.sentence_of: dict[int, tuple[int, int]] = {
            t.i: (s.start, s.end) for s in doc.sents for t in s}
        self.mention_at: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span or ():
                self.mention_at.setdefault(t.i, m)
        self.label_at: dict[int, str] = {}
        for lb in labels:
            for t in doc.char_span(lb.start, lb.end, alignment_mode="expand") or ():
                self.label_at.setdefault(t.i, lb.entity_key)
        self.countries = frozenset(name_key(c) for c in self.lex.demonyms.values())
        self.sentence_starts = sorted({start for start, _ in self.sentence_of.values()})
        self._refer_to_places(doc, mentions)
        self.all_timexes = timexes
        self.timexes = [(n, t) for n, t in enumerate(timexes)  # dated on the calendar, in the narrative
                        if t.value and t.context is None and ((t.type == "DATE" and t.value[:1].isdigit()) or (
                            t.type == "TIME" and re.match(r"\d{4}-\d{2}-\d{2}T", t.value)))]  # "7 pm, on July 25"
        self.recent: list[Mention] = []  # actors seen so far, for pronouns
        self.named_events = sorted((m for m in mentions if m.type == "EVENT"), key=lambda m: m.start)
        self.named_things = sorted((m for m in mentions if m.type in NAMED_THINGS), key=lambda m: m.start)
        self.framing: list[Framing] = []  # the document's hedges

    def _refer_to_places(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        """"the town's hospital": a place noun after a definite determiner stands for the last
        place named a few sentences before (not a country); "the town of X" names X itself; so
        does "it" taken, attacked or entered ("advanced towards X and captured it")."""
        places = sorted((m for m in mentions if self.is_place(m) and m.key not in self.countries),
                        key=lambda m: m.start)
        for token in doc:
            taken = token.lower_ == "it" and token.dep_ == "dobj" and self.lex.verbs.get(
                token.head.lemma_.lower()) in self.lex.place_object_types  # "entered X and captured it"
            if not taken and (token.lemma_.lower() not in self.lex.place_references or token.i in self.mention_at
                              or not any(c.dep_ == "det" and c.lower_ in self.lex.place_reference_determiners
                                         for c in token.lefts)
                              or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights)):
                continue
            before = [m for m in places if m.end <= token.idx]
            if not before:
                continue
            place = before[-1]
            if place.start >= self.since(token, self.lex.place_reference_sentences):
                self.mention_at[token.i] = Mention(token.idx, token.idx + len(token.text), token.text,
                                                   place.type, place.key)

    # ------------------------------------------------------------ who

    def entity_of(self, token: Token, depth: int = 2, owners_only: bool = False) -> Mention | None:
        """The named thing a noun phrase stands for: a mention on its head, a label, a pronoun's
        antecedent, or a name or nationality among its modifiers ("MKO forces", "Iranian forces").
        With `owners_only`, an "of" phrase is not searched ("the bombing of Zardeh" is not Zardeh's)."""
        if token.i in self.mention_at and not (
                self.mention_at[token.i].type == "NORP" and token.text in self.lex.demonyms):
            return self.mention_at[token.i]
        if token.i in self.label_at:
            return self._by_key(self.label_at[token.i])
        if (named := self.thing_named_before(token)) is not None:
            return named  # "the U.N. resolution" after "Resolution 598": the resolution, not the U.N.
        if token.lower_ in self.lex.pronouns:
            wanted = self.lex.pronouns[token.lower_]
            return next((m for m in reversed(self.recent) if m.type in wanted), None)
        if token.text in self.lex.demonyms:  # "Iranian forces": Iran, under the key the document's
            country = self.lex.demonyms[token.text]  # own "Iranian" has, which resolve joins to the country
            own = self.mention_at.get(token.i)
            return Mention(token.idx, token.idx + len(token.text), token.text, "GPE",
                           own.key if own is not None else name_key(country))
        if depth == 0:
            return None
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "nummod") or (
                    child.dep_ == "prep" and child.lower_ == "of" and not owners_only):
                inner = child if child.dep_ != "prep" else next((c for c in child.children if c.dep_ == "pobj"), None)
                if inner is not None and (found := self.entity_of(inner, depth - 1)):
                    return found
        return None

    def _by_key(self, key: str) -> Mention | None:
        return next((m for m in reversed(self.recent) if m.key == key), None) or next(
            (m for m in self.mention_at.values() if m.key == key), None)

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The verb's subject token and whether the verb is passive; a verb without one shares
        the subject of the verb it is coordinated with or depends on."""
        passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ == "acl")
        # a participle with a subject but no auxiliary and no object: "claiming 2,000 fighters killed",
        # "50 Killed in Raid"
        passive = passive or (verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children)
                              and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children))
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "a flight that was shot down"
                    return self._antecedent(child, verb.head), passive or child.dep_ == "nsubjpass"
                return child, passive or child.dep_ == "nsubjpass"
        head, seen = verb, 0
        while head.dep_ in ("conj", "advcl", "xcomp", "pcomp", "acl", "relcl", "prep", "pobj") and seen < 4:
            head, seen = head.head, seen + 1
            if head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN"):
                return head.head, passive
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child, passive
        return None, passive

    def _antecedent(self, pronoun: Token, head: Token) -> Token:
        """Whom a relative "who" stands for: not a place the parser hung it on ("the group, operating
        from bases in Iraq, who had crossed ..." is the group), but the nearest noun above it that
        is no place."""
        if pronoun.lower_ != "who":
            return head
        found, steps = head, 0
        while steps < 6 and (((m := self.mention_at.get(found.i)) is not None and self.is_place(m))
                             or found.pos_ not in ("NOUN", "PROPN")):
            if found.head is found:
                return head
            found, steps = found.head, steps + 1
        return found if steps < 6 else head

    # ------------------------------------------------------------ what, where, when

    def places_under(self, token: Token, skip_first: bool = False) -> list[Mention]:
        """Place mentions in a phrase and its coordinations, not crossing into another clause."""
        out, stack = [], [token]
        while stack:
            t = stack.pop()
            m = self.mention_at.get(t.i)
            if m and m not in out and (self.is_place(m) or self._conjunct_of_place(t)):
                out.append(m)
            stack += [c for c in t.children if c.pos_ not in ("VERB", "AUX") and c.dep_ != "relcl"]
        return out

    def is_place(self, mention: Mention) -> bool:
        return mention.type in PLACE_TYPES or mention.key in self.place_keys

    def named_by_apposition(self, token: Token) -> Mention | None:
        """The named operation an event noun or clause stands beside: "Operation Mersad, a
        counteroffensive that decimated ...", "the anniversary of Operation Mersad — a four-day
        operation"."""
        head = token.head if token.dep_ == "relcl" or (token.pos_ == "VERB" and any(
            c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in token.children)) else token
        candidates = [head]
        while candidates[-1].dep_ == "appos" and len(candidates) < 4:
            candidates.append(candidates[-1].head)
        if len(candidates) == 1 and head is not token and head.i not in self.mention_at:
            return None
        for candidate in candidates:
            m = self.mention_at.get(candidate.i)
            if m and m.type == "EVENT":
                return m
            of = next((c for c in candidate.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if candidate.lemma_.lower() in self.lex.starter_nouns and obj is not None:
                m = self.mention_at.get(obj.i)
                if m and m.type == "EVENT":
                    return m
        return None

    def event_named(self, token: Token) -> Mention | None:
        """The named event an event noun stands for: its name beside it ("Operation X, a 16-day
        campaign") or a description of it ("the 17-day operation" after "Operation X", see
        `labels`)."""
        if token.i in self.label_at:
            found = self._by_key(self.label_at[token.i])
            if found is not None and found.type == "EVENT":
                return found
        return self.named_by_apposition(token) or self.named_before(token)

    def since(self, token: Token, sentences: int) -> int:
        """Where the text starts that a reference at `token` may reach back over: its own sentence
        and the `sentences` before it (a character offset)."""
        here = bisect_right(self.sentence_starts, token.i) - 1
        return self.doc[self.sentence_starts[max(0, here - sentences)]].idx

    def thing_named_before(self, token: Token) -> Mention | None:
        """A named thing (a law, a work, a ship, a building) a definite noun takes up by its own word:
        "the resolution" after "Resolution 598", "the treaty" after "the Treaty of Kars", within a
        few sentences."""
        if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in self.lex.place_reference_determiners
                                           for c in token.children):
            return None
        earliest, word = self.since(token, 4), token.lemma_.lower()
        return next((m for m in reversed(self.named_things) if earliest <= m.start < token.idx
                     and word in re.findall(r"[a-z]+", m.text.lower())), None)

    def named_before(self, token: Token) -> Mention | None:
        """"This operation started on ...", "the offensive was halted": an event noun with a
        demonstrative (or "the", in the next sentence) stands for the named event of its kind the
        text named last, a few sentences before."""
        det = next((c.lower_ for c in token.children if c.dep_ == "det"), None)
        reach = {"this": 4, "that": 4, "the": 1}.get(det or "")
        kind = self.lex.nouns.get(token.lemma_.lower())
        if reach is None or kind is None:
            return None
        earliest = self.since(token, reach)
        for m in reversed(self.named_events):
            if m.start >= token.idx:
                continue
            if m.start < earliest:
                return None
            kinds = {self.lex.nouns[w] for w in re.findall(r"[a-z]+", m.text.lower()) if w in self.lex.nouns}
            return m if not kinds or kind in kinds else None
        return None

    def _conjunct_of_place(self, token: Token) -> bool:
        """In "Hamadan and Tabriz", both are places even when the model typed one as a person."""
        linked = [token.head] if token.dep_ == "conj" else []
        linked += [c for c in token.children if c.dep_ == "conj"]
        return any((m := self.mention_at.get(t.i)) and self.is_place(m) for t in linked)

    def timexes_value(self, n: int) -> str | None:
        """The date a timex gives an event: a clock time's day ("7 pm, on July 25")."""
        t = self.all_timexes[n]
        return t.value[:10] if t.type == "TIME" and t.value and re.match(r"\d{4}-\d{2}-\d{2}T", t.value) else t.value

    def date_for(self, tokens: list[Token], word: Token | None = None) -> int | None:
        """The index of the date timex inside the clause's tokens, preferring the earliest, and
        not the event's own `word` read as a date ("the fall of X on Wednesday": no autumn)."""
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        inside = [(n, t) for n, t in self.timexes if lo <= t.start and t.end <= hi
                  and not (word is not None and t.start <= word.idx < t.end and _bare(t.text) == word.lower_)]
        return inside[0][0] if inside else None

    def opening_date(self, token: Token) -> int | None:
        """A date that opens the sentence, set off by a comma ("On July 3, 1988, two missiles fired
        from the cruiser destroyed an airliner"), dates what follows it in the sentence."""
        first, _ = self.sentence_of[token.i]
        opening = self.doc[first:min(first + 3, len(self.doc))]
        for n, t in self.timexes:
            if (opening.start_char <= t.start < opening.end_char and t.end <= token.idx
                    and self.doc.text[t.end:t.end + 1] == ","):
                return n
        return None

    def date_at(self, token: Token) -> int | None:
        """The index of the date timex that covers this token, if one does."""
        return next((n for n, t in self.timexes if t.start <= token.idx < t.end), None)

    def duration_for(self, trigger: Token, tokens: list[Token]) -> int | None:
        """The index of a duration timex that says how long this event lasted: inside its clause and
        attached to it, not to another event noun ("the final battle of the eight-year war")."""
        lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        for n, t in enumerate(self.all_timexes):
            if t.type != "DURATION" or not t.value or not (lo <= t.start and t.end <= hi):
                continue
            after = self.doc.text[t.end:t.end + 12].split()
            if after and after[0].lower().strip(",.") in self.lex.offset_words:
                continue  # "two days before the operation": when, not how long
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            head = span.root if span is not None else None
            while head is not None and head != trigger and head.head != head:
                head = head.head
                if head != trigger and head.lemma_.lower() in self.lex.nouns:
                    head = None
            if head == trigger:
                return n
        return None


def _bare(text: str) -> str:
    """A phrase without its determiner: "The fall" -> "fall"."""
    return re.sub(r"^(?:the|a|an|this|that)\s+", "", text.lower())


def _trigger_type(token: Token, lex: _Lexicon) -> tuple[str, Token | None] | None:
    """The event type of a verb or noun, and for a starter ("launched X") the object it starts."""
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    phrasal = f"{lemma} {particle}" if particle else None
    if token.pos_ == "VERB":
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        if passive and lemma in lex.passive:
            return lex.passive[lemma], None
        if lemma in lex.starter_verbs or phrasal in lex.starter_verbs:
            obj = next((c for c in token.children if c.dep_ in ("dobj", "attr", "nsubjpass")), None)  # "X was launched"
            if obj is None and token.dep_ == "acl" and token.tag_ == "VBN":
                obj = token.head  # "a campaign launched by Israel on April 11"
            elif obj is None and lemma in lex.intransitive_starters:  # "Operation X began on 26 July"
                obj = next((c for c in token.children if c.dep_ == "nsubj"), None)
            return ("?", obj) if obj is not None else None
        if lemma in lex.crossing_verbs and _crosses_a_border(token, lex):
            return lex.crossing_type, token  # crossing the border opens an incursion
        kind = lex.verbs.get(phrasal) or lex.verbs.get(lemma)
        if kind and lemma in lex.needs_object and not passive and not any(c.dep_ == "dobj" for c in token.children):
            return None  # "the cruiser sank": no attack
        return (kind, None) if kind else None
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma in lex.starter_nouns:
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            return ("?", obj) if obj is not None else None
        if lemma in lex.nouns and token.pos_ == "NOUN" and token.dep_ != "compound":
            return lex.nouns[lemma], None
    return None


def _crosses_a_border(verb: Token, lex: _Lexicon) -> bool:
    """"crossed the border", "crossed into western Iran": a crossing that opens an incursion."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in lex.frontier_nouns:
            return True
        if child.dep_ == "prep" and child.lower_ == "into":
            return True
    return False


def _clause(token: Token, sentence: tuple[int, int]) -> list[Token]:
    """The tokens of the event's own clause: the trigger and its dependents, less other clauses
    (a participle without its own subject stays: "utilizing airdrops, the MEK advanced")."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in OTHER_CLAUSES and not (
                    c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and not any(
                        g.dep_.startswith("nsubj") for g in c.children)):
                continue
            stack.append(c)
    return sorted((t for t in out if sentence[0] <= t.i < sentence[1] and not t.is_space), key=lambda t: t.i)


def find_events(doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention], timexes: Sequence[Timex] = (),
                quantities: Sequence[Quantity] = (), quotes: Sequence[Quote] = (), citations: Sequence[Citation] = (),
                labels: Sequence[Label] = (), place_keys: frozenset[str] = frozenset(),
                framing: Sequence[Framing] = ()) -> list[Event]:
    """Events in `doc`, in text order, with every reference given as an entity key or an index into
    the document's own timexes and quantities. `place_keys` are the keys of entities known to be
    places, whatever type the model gave a mention of them."""
    reader, lex = Reader(doc, mentions, labels, timexes, place_keys), _lexicon()
    reader.framing = [f for f in framing if f.technique == "Hedge"]
    text = text_of(doc)
    blocked = [(s.start, s.end) for s in segments if s.kind in ("boilerplate", "byline", "heading")]
    posts = [(n, s) for n, s in enumerate(segments) if s.kind == "embedded_post"]
    events = []
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in lex.pronouns:
            subject = reader.entity_of(token, depth=1, owners_only=True)
            if subject is not None and subject.type in ACTOR_TYPES:
                reader.recent.append(subject)
        if any(a <= token.idx < b for a, b in blocked):
            continue
        found = _trigger_type(token, lex)
        if not found:
            continue
        kind, started = found
        name = None
        if started is not None:
            named = reader.mention_at.get(started.i)
            if named and named.type == "EVENT":
                kind, name = lex.named_type, named
            elif started.lemma_.lower() in lex.nouns:
                kind = lex.nouns[started.lemma_.lower()]
                name = reader.event_named(started)  # "a campaign launched ...", beside its name
            elif started is not token:  # a crossing starts itself
                continue
        event = _event(token, kind, name, reader, text, quantities, quotes, citations, posts)
        events.append(replace(event, onset=started is not None))
    return _share_operation_roles(events)


def placed_by_name(events: Sequence[Event], mentions: Sequence[Mention], place_keys: frozenset[str]) -> list[Event]:
    """Events of a named event that happened at one place ("the X massacre") are at that place
    when the text gives no other: the place named inside the event's name (`mentions` holds the
    names nested in others, which the events stage does not read)."""
    inside = defaultdict(list)
    named = [m for m in mentions if m.type == "EVENT"]
    for m in mentions:
        if m.type in PLACE_TYPES or m.key in place_keys:
            for name in named:
                if name.start <= m.start and m.end <= name.end and m.key not in inside[name.key]:
                    inside[name.key].append(m.key)
    return [replace(ev, place_keys=tuple(inside[ev.name_key])) if ev.name_key and not ev.place_keys
            and len(inside.get(ev.name_key, ())) == 1 else ev for ev in events]


def _share_operation_roles(events: list[Event]) -> list[Event]:
    """Events of one named operation in one document share its actor and target where the document
    gives only one of each: "Iranian forces launched Operation Mersad, a counteroffensive that
    decimated the MKO" tells who launched it against whom."""
    actors, targets = defaultdict(set), defaultdict(set)
    for ev in events:
        if ev.name_key:
            actors[ev.name_key].add(ev.actor_key)
            targets[ev.name_key].add(ev.target_key)
    out = []
    for ev in events:
        if ev.name_key:
            actor = ev.actor_key or _only(actors[ev.name_key])
            target = ev.target_key or _only(targets[ev.name_key] - {actor})
            ev = replace(ev, actor_key=actor, target_key=target if target != actor else None)
        out.append(ev)
    return out


def _only(keys: set[str | None]) -> str | None:
    named = keys - {None}
    return next(iter(named)) if len(named) == 1 else None


def _event(token: Token, kind: str, name: Mention | None, reader: Reader, text: str,
           quantities: Sequence[Quantity], quotes: Sequence[Quote], citations: Sequence[Citation],
           posts: list[tuple[int, Segment]]) -> Event:
    tokens = _clause(token, reader.sentence_of[token.i])
    actor, target, name = _actor(token, kind, name, reader)
    places, target = _places(token, kind, name, target, reader)
    if actor is not None and actor in places:
        places.remove(actor)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    time = _date(token, tokens, reader)
    if name is None:
        name = reader.event_named(token) or _launching(token, reader) or _part_of(token, reader)
    if kind in reader.lex.clause_target_types and target is None:
        target = next((m for t in tokens if (m := reader.entity_of(t, depth=0)) and m.type in GROUP_TYPES
                       and m is not actor), None)
    source_kind, source_index = _source(token, quotes, citations, posts)
    return Event(
        start=start, end=end, text=text[start:end], type=kind,
        actor_key=actor.key if actor else None, target_key=target.key if target else None,
        place_keys=tuple(dict.fromkeys(p.key for p in places)), name_key=name.key if name else None,
        time=time, date=reader.timexes_value(time) if time is not None else None,
        duration=reader.duration_for(token, tokens),
        quantities=tuple(n for n, q in enumerate(quantities) if start <= q.start and q.end <= end),
        source_kind=source_kind, source_index=source_index,
        negated=any(c.dep_ == "neg" for c in token.children),
        hedged=is_hedged(reader.doc, reader.framing, start, end), trigger=token.idx)


def _actor(token: Token, kind: str, name: Mention | None, reader: Reader,
           ) -> tuple[Mention | None, Mention | None, Mention | None]:
    """Who acted, whom a passive names as the target, and the named event when the one who seems
    to act is a named operation ("Operation X decimated ..."): (actor, target, name)."""
    actor = target = None
    if token.pos_ == "VERB":
        subject, passive = reader.subject(token)
        if subject is not None and subject.left_edge.i > 0 and (
                reader.doc[subject.left_edge.i - 1].lower_ in reader.lex.temporal_marks):
            # "Two days before Operation X, the group began ...": the name is a time, the apposition acts
            subject = next((c for c in subject.children if c.dep_ == "appos"), None)
        agent = next((p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        # an event noun as subject ("the bombing of Zardeh killed 275") acts through its owner only
        owners_only = subject is not None and subject.lemma_.lower() in reader.lex.nouns
        subject_entity = reader.entity_of(subject, owners_only=owners_only) if subject is not None else None
        if kind in reader.lex.passive.values() or not passive:  # "the advance was halted": its owner acted
            actor = subject_entity
        else:
            actor, target = _agent(agent, reader), subject_entity
        if actor is not None and actor.type == "EVENT":  # "Operation X decimated ...": part of X
            name, actor = name or actor, None
        if target is not None and target.type == "EVENT":  # "Operation X was launched": X is no target
            name, target = name or target, None
        return actor, target, name
    # an event noun: its owner ("the MKO's attack", "Iraqi raids"), else the clause's subject
    actor = reader.entity_of(token, depth=1, owners_only=True)
    if actor is not None and actor.type == "EVENT":  # "the Mersad operation": its name
        name, actor = name or actor, None
    if actor is None:
        head = token
        while head.dep_ not in ("ROOT",) and head.pos_ != "VERB":
            head = head.head
        subject, _ = reader.subject(head) if head.pos_ in ("VERB", "AUX") else (None, False)
        if subject is not None and (subject.i == token.i or subject.is_ancestor(token)):
            subject = None  # "the fall of Herat shocked Kabul": the event itself is the subject
        actor = reader.entity_of(subject) if subject is not None else None
        if actor is not None and actor.type not in ACTOR_TYPES:
            actor = None  # "Operation X marked the final battle of the war": not the war's actor
    return actor, target, name


def _launching(token: Token, reader: Reader) -> Mention | None:
    """"crossed the border, thus initiating Operation X": a participle that starts a named
    operation names the event it hangs on."""
    for child in token.children:
        if (child.dep_ in ("advcl", "xcomp", "conj") and child.tag_ == "VBG"
                and child.lemma_.lower() in reader.lex.starter_verbs):
            obj = next((c for c in child.children if c.dep_ == "dobj"), None)
            named = reader.mention_at.get(obj.i) if obj is not None else None
            if named is not None and named.type == "EVENT":
                return named
    return None


def _part_of(token: Token, reader: Reader) -> Mention | None:
    """"crossed the border as part of Operation X", "killed during Operation X": the named event
    an action is said to be part of."""
    for prep in (c for c in token.children if c.dep_ == "prep"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ == "as":  # "as part of X"
            objects = [p for o in objects if o.lower_ == "part" for of in o.children
                       if of.dep_ == "prep" and of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]
        elif prep.lower_ not in ("during", "in"):
            continue
        for obj in objects:
            named = reader.mention_at.get(obj.i)
            if named is not None and named.type == "EVENT":
                return named
    return None


def _agent(agent: Token | None, reader: Reader) -> Mention | None:
    """Who did what a passive says was done "by" someone; a weapon is no one: "shot down by two
    missiles fired from the USS Vincennes" was done by the ship the missiles came from."""
    if agent is None:
        return None
    if agent.lemma_.lower() not in reader.lex.weapons:
        return reader.entity_of(agent)
    for token in agent.subtree:
        if token.dep_ == "prep" and token.lower_ in ("from", "by"):
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
            if source is not None and (found := reader.entity_of(source)) is not None:
                return found
    return None


def _places(token: Token, kind: str, name: Mention | None, target: Mention | None, reader: Reader,
            ) -> tuple[list[Mention], Mention | None]:
    """The places of the event, from its object and prepositions (and those of the object a
    starter verb launches), and its target when one of them names it."""
    lex = reader.lex
    places: list[Mention] = []
    started = next((c for c in token.children if c.dep_ in ("dobj", "attr")), None) if token.pos_ == "VERB" else None
    children = list(token.children) + ([c for c in started.children if c.dep_ == "prep"]
                                       if started is not None else [])
    if (verb := _happening(token, lex)) is not None:  # "the attack took place in X"
        children += [c for c in verb.children if c.dep_ == "prep"]
    for child in children:
        if child.dep_ == "dobj":
            obj = reader.entity_of(child, depth=1, owners_only=True)
            if obj and reader.is_place(obj) and kind in lex.place_object_types:
                places += [p for p in reader.places_under(child) if p not in places]
            elif obj and target is None and obj is not name:
                target = obj
            else:
                places += [p for p in reader.places_under(child) if p not in places]
        elif child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                entity = reader.entity_of(pobj, depth=1)
                country = entity is not None and entity.key in reader.countries
                if target is None and entity and (child.lower_ == "against" or (
                        child.lower_ in lex.target_preps and (not reader.is_place(entity) or country))):
                    target = entity
                elif child.lower_ in lex.place_preps or (child.lower_ == "of" and token.pos_ == "NOUN"):
                    found = reader.places_under(pobj)  # "in Herat"; "the fall of Herat"
                    # "against X"; "the acceptance of Resolution 242": what an event noun is done to
                    patient = child.lower_ in lex.target_preps or (
                        child.lower_ == "of" and token.pos_ == "NOUN" and entity is not None and entity.type != "EVENT")
                    if patient and target is None and entity and not found:
                        target = entity
                    places += [p for p in found if p not in places]
    return places, target


def _happening(token: Token, lex: _Lexicon) -> Token | None:
    """The verb that says an event noun happened ("the attack occurred", "the worst of these
    attacks took place"), whose prepositions then place the event."""
    noun = token
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in ("nsubj", "nsubjpass"):
        noun = noun.head.head  # "the most notorious of these attacks"
    if token.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = noun.head
    obj = next((c.lower_ for c in verb.children if c.dep_ == "dobj"), "")
    lemma = verb.lemma_.lower()
    return verb if lemma in lex.happening_verbs or f"{lemma} {obj}" in lex.happening_verbs else None


def _date(token: Token, tokens: list[Token], reader: Reader) -> int | None:
    """The index of the event's date: one inside its clause, else the date of the clause it hangs
    on ("on April 18, 1996, when shells hit the base"), else a date opening the sentence."""
    time = reader.date_for(tokens, token)
    when = token.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when" for c in token.children)
    # "On May 2 the navy sank the cruiser, killing 368": a participle without a subject of its own
    when = when or (token.dep_ == "advcl" and token.tag_ == "VBG"
                     and not any(c.dep_.startswith("nsubj") for c in token.children))
    if time is None and when:  # "on April 18, 1996, when shells hit the base": the date it hangs on
        time = reader.date_at(token.head)
    if time is None and (token.pos_ != "VERB" or when):
        # "marked the beginning of X on July 27"; "took place on April 18, when shells hit the base"
        governor = token.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX"):
            own = {x.i for x in tokens}
            time = reader.date_for([t for t in _clause(governor, reader.sentence_of[governor.i]) if t.i not in own]
                                   or tokens)
    if time is None:
        time = reader.opening_date(token)
    return time


def _source(token: Token, quotes: Sequence[Quote], citations: Sequence[Citation],
            posts: list[tuple[int, Segment]]) -> tuple[str, int | None]:
    """What the event rests on: the innermost of an embedded post, a cited work and a quote
    around it, else the document itself."""
    source_kind, source_index = "document", None
    for n, quote in enumerate(quotes):
        if quote.start <= token.idx < quote.end:
            source_kind, source_index = "quote", n
    for n, cit in enumerate(citations):
        if cit.start <= token.idx < cit.end:
            source_kind, source_index = "citation", n
    for n, seg in posts:
        if seg.start <= token.idx < seg.end:
            source_kind, source_index = "embedded_post", n
    return source_kind, source_index
