"""Labels of events: the words a source uses for what happened ("a terrible human tragedy", "a
proper defensive action", "the mass murder", "this unforgivable crime", "a genocide").

For a contested event these words are the heart of the framing: massacre or incident, crime or
defence, operation or invasion. An event word (data/labels.yaml `event_words`) labels an event
when it is
- said of it: "This is a terrible human tragedy", "the downing of the jetliner was a “proper
  defensive action”", "the attack was among the most horrendous crimes";
- what a source casts it as: "refer to the massacre as a genocide or a tragedy", "called what
  had happened, a tragedy", "justify this hostile act as a mistake", "changed it from a loss to
  a historic victory";
- pointed back with: "this crime", "this hostile act", "the 1992 slaughter of Ostrian civilians",
  "The massacre of hundreds of civilians in Khorali", "the ill-conceived attack" (an adjective
  that judges it; what a countering verb's subject repelled is not its own counter-attack);
- a headline on its own ("Terrible Tragedy"), also where the model took it whole for a title.
Which event: the one named in the words' own phrase or clause; else one the document names with
the same noun ("the massacre" for "the Khoraly massacre"); else the one named in the same
sentence; else the event the document is about, the one it names most often (the first named on
a tie). A document that names no event describes it at a place ("the capture of the town of X",
"the slaughter of civilians in X"): its words label the event named after that place with their
kind ("a tragedy" -> "the X massacre", keyed as data/entities.yaml `event_names` keys it), which
`resolve` joins to the event other accounts name so. One that names no event and describes none
at a place ("Terrible Tragedy" over an account of "the incident") is read as an account of the event
the collection is about: its words label COLLECTION_EVENT, which `resolve` gives to the event the
most accounts name. A negated predicate ("was not a surprise
attack") labels nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from rashomon.extract.event_names import place_event_key
from rashomon.extract.labels.words import compared, event_kind, heads, is_event_word, lemma, noun_of, phrase
from rashomon.records import PLACE_TYPES, Label, Mention, Segment

PLACE_PREPS = frozenset({"in", "at", "of", "near"})
PLACE_WORDS = 12  # how far after an event word its place may stand ("of civilians in the town of X")
AT = "at:"  # opens the key of an event a document describes at a place
COLLECTION_EVENT = "collection:event"  # the key of the event of an account that names and places none
HEADLINE_WORDS = 8
FIGHTING = frozenset({"war", "battle", "uprising"})  # kinds of event (labels.yaml event_kinds) a killing happens in


class _Events:
    """The events one document names or describes, in text order, and the one it is about."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], segments: Sequence[Segment]):
        self.doc = doc
        self.sentence_starts = [s.start for s in doc.sents]
        self.at: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                self.at.setdefault(t.i, m)
        self.named = sorted((m for m in mentions if m.type == "EVENT"), key=lambda m: m.start)
        self.places: dict[str, Mention] = {}  # a place-described event's key -> its place
        if not self.named:  # "the massacre of civilians in Khoraly": the event a place names
            self.named = self._described_at_places(mentions)
        headings = [s for s in segments if s.kind == "heading"]
        self.named = [m for m in self.named if not compared(doc, m)]  # "compared to the 1960 massacre"
        self.headlined = any(h.start <= m.start < h.end for m in self.named for h in headings)
        self.main = _main(self.named, headings) or Mention(
            0, 0, "", "EVENT", COLLECTION_EVENT)  # an account of the event the collection is about
        # every reference to an event, in text order: a name's first token, or an event noun
        self.refs: list[tuple[int, Mention | Token]] = []
        kept = {(m.start, m.key) for m in self.named}
        for t in doc:
            m = self.event_at(t)
            if m is not None and (m.start, m.key) not in kept:
                continue  # an event named to compare with, which nothing after refers to
            if m is not None and (t.i == 0 or self.at.get(t.i - 1) is not m):
                self.refs.append((t.i, m))
            elif m is None and is_event_word(t) and not _complement(t):
                self.refs.append((t.i, t))
        self._back: dict[int, Mention | None] = {}
        # events named right after a counter-move ("a counter-attack known as Operation X")
        self.countered = {b.key for (i, a), (j, b) in pairwise(self.refs)
                          if isinstance(a, Token) and _is_counter(a) and isinstance(b, Mention) and j - i <= 6}

    def _described_at_places(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Events a document without a named one describes at a place ("the 1992 slaughter of
        civilians in the town of Khoraly", "the capture of the town of Khoraly"), one per word;
        keyed by the place, and given the name that the words for them make ("the Khoraly
        massacre" for "a tragedy") when labels are made."""
        places = {t.i: m for m in mentions if m.type in PLACE_TYPES
                  for t in self.doc.char_span(m.start, m.end, alignment_mode="expand") or ()}
        out = []
        for token in self.doc:
            if not is_event_word(token) or token.i in self.at or not _is_definite(token):
                continue
            near = [t for t in token.subtree if token.i < t.i <= token.i + PLACE_WORDS]
            place = next((places[t.i] for t in near if t.i in places and t.head.dep_ == "prep"
                          and t.head.lower_ in PLACE_PREPS), None)
            if place is not None:
                described = Mention(token.idx, token.idx + len(token.text), token.text, "EVENT", AT + place.key)
                self.places[described.key] = place
                self.at[token.i] = described
                out.append(described)
        return out

    def main_at(self, word: Token) -> Mention:
        """The event the document is about, as a word that refers to no event near it reads it: the
        one its headlines name, or one it names before the word; an event first named after the word
        ("It was a tragic event ... after the revolution") is no clue, and the word is read as one of
        the event the collection is about."""
        if self.main.key == COLLECTION_EVENT or self.headlined or any(
                m.key == self.main.key and m.start < word.idx for m in self.named):
            return self.main
        return Mention(0, 0, "", "EVENT", COLLECTION_EVENT)

    def key_of(self, event: Mention, word: Token) -> str | None:
        """The key a label of `event` gives: a place-described event's the name its word makes
        after the place ("the Khoraly massacre"), none for a word that names no kind."""
        place = self.places.get(event.key)
        return event.key if place is None else place_event_key(place.text, word.lemma_) or place_event_key(
            place.text, word.text)

    def event_at(self, token: Token) -> Mention | None:
        m = self.at.get(token.i)
        return m if m is not None and m.type == "EVENT" else None

    def kinds_of(self, event: Mention) -> set[str]:
        span = self.doc.char_span(event.start, event.end, alignment_mode="expand")
        return {k for t in span or () if (k := event_kind(t)) is not None}

    def fits(self, word: Token, event: Mention) -> bool:
        """Whether an event word can name this event: a judgement names any; a kind ("offensive")
        only one of its group or one whose name says no kind ("Flight 412"); the collection's event,
        whose kind the account does not say, only a judgement; a war or battle no word of a mass
        deed (`deed_judgements`)."""
        kind, kinds = event_kind(word), self.kinds_of(event)
        if event.key == COLLECTION_EVENT:  # another event of the account's own ("Kaman operation")
            return kind is None
        if lemma(word) in heads().deed_judgements and kinds and kinds <= FIGHTING:
            return False  # "the massacre", "the incident" is a deed, not the war it happened in
        return kind is None or not kinds or kind in kinds

    def same_noun(self, word: Token) -> Mention | None:
        """The event named with this very noun ("the massacre", "the Khoraly massacre"): the last
        one before it, else the first after it."""
        noun = lemma(word).rstrip("s")
        same = [m for m in self.named if any(w.lower().rstrip("s") == noun for w in m.text.split())]
        before = [m for m in same if m.start < word.idx]
        return before[-1] if before else (same[0] if same else None)

    def refer_back(self, word: Token, fallback: bool) -> Mention | None:
        """The event `word` (an event noun, "this", "what happened") refers to: the last event
        referred to a few sentences before it that it can name: a name, or a definite description
        that refers back in turn ("the attack ... this crime"), the last with the same noun first
        ("the attack ... repel Operation X ... the attack"). One introduced as new ("a massive
        assault ... This attack") is an event of its own, unnamed. With `fallback`, the
        document's event when there is none."""
        if word.i in self._back:
            return self._back[word.i]
        self._back[word.i] = None  # a cycle refers to nothing
        fought = word.dep_ == "dobj" and word.head.lemma_.lower() in heads().countering_verbs  # "repelled the attack"
        n = bisect_right(self.sentence_starts, word.i) - 1
        first = self.sentence_starts[max(0, n - heads().max_sentences_back - fought)]  # past the counter-move
        found: Mention | None = None
        done = False
        window = [ref for i, ref in self.refs if first <= i < word.i]
        same = [ref for ref in window if isinstance(ref, Token) and lemma(ref) == lemma(word)]  # "the attack"
        for ref in [*reversed(same), *reversed(window)]:  # ... "the attack": the same noun wins over recency
            if fought and ((isinstance(ref, Token) and _is_counter(ref)) or (
                    isinstance(ref, Mention) and ref.key in self.countered)):
                continue  # what was repelled is not the counter-attack that repelled it
            if isinstance(ref, Token):
                if ((event_kind(ref) is not None and event_kind(word) not in (None, event_kind(ref)))
                        or _is_generic(ref)):
                    continue  # the war named before is not "this offensive"; "possible attack" is none
                found = None if _is_new(ref, self.at) else self.refer_back(ref, fallback)
                if found is None and ref in same and not _is_new(ref, self.at):
                    continue  # the same noun that refers to nothing known ("the X chemical attack")
                done = True
                break
            if self.fits(word, ref):
                found, done = ref, True
                break
        main = self.main_at(word)
        if not done and fallback and self.fits(word, main):
            found = main
        self._back[word.i] = found
        return found

    def named_by(self, token: Token) -> Mention | None:
        """The event a subject or object stands for: a name on it; "this", "it" or "what
        happened"; or a definite event word ("the Navy's downing of the jetliner")."""
        found = self.event_at(token)
        if found is not None:
            return found
        if token.lower_ in heads().pointing or token.lower_ == "it" or _what_happened(token):
            return self.refer_back(token, fallback=True)
        if is_event_word(token) and not _is_new(token, self.at):
            return self.same_noun(token) or self.refer_back(token, fallback=True)
        return None


def _main(named: Sequence[Mention], headings: Sequence[Segment]) -> Mention | None:
    """The event a document is about: the one its headlines name, else the one it names most
    often; the first named on a tie."""
    headlined = [m for m in named if any(h.start <= m.start < h.end for h in headings)]
    pool = headlined or named
    counts = Counter(m.key for m in pool)
    first = {m.key: n for n, m in reversed(list(enumerate(pool)))}
    key = max(counts, key=lambda k: (counts[k], -first[k]), default=None)
    return next((m for m in pool if m.key == key), None)


def _complement(token: Token) -> bool:
    """An event noun said of something ("was a tragedy", "as a genocide or a massacre"), not a
    reference."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("attr", "oprd") or (token.dep_ == "pobj" and token.head.lower_ in ("as", "among"))


def _is_definite(token: Token) -> bool:
    return any((c.dep_ in ("det", "predet") and c.lower_ in heads().definite) or c.dep_ == "poss"
               for c in token.lefts)


def _is_new(token: Token, at: dict[int, Mention]) -> bool:
    """An event noun that introduces an event ("a massive assault", "Tolarian air raids", "the
    chemical bombing of Varzeh": its own target named), not one that refers to one already known
    ("the attack on the airliner", "this crime", "the Navy's downing")."""
    anchored = any(c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "in")
                   and any(g.dep_ == "pobj" and g.i in at and at[g.i].type != "EVENT" for g in c.children)
                   for c in token.rights)
    return not _is_definite(token) or (anchored and not any(c.lower_ in heads().pointing for c in token.lefts))


def _is_counter(token: Token) -> bool:
    """"counter-attack", "counteroffensive": a move against another one."""
    return noun_of(token).startswith("counter")


def _judged(token: Token) -> bool:
    """"the ill-conceived attack", "the heroic operation": an adjective that says what a source
    thinks of the event, not which one it is ("the first attack", "the ground offensive")."""
    return any(c.dep_ == "amod" and c.pos_ in ("ADJ", "VERB") and not c.ent_type_
               and c.lower_ not in heads().neutral_adjectives for c in token.lefts)


def _is_generic(token: Token) -> bool:
    """A singular event noun with no determiner at all names no one event ("against possible
    attack", "SVO shelling", "heavy fighting")."""
    return token.tag_ in ("NN", "NNP") and not any(c.dep_ in ("det", "predet", "poss") for c in token.lefts)


def _what_happened(token: Token) -> bool:
    """"what had happened", "what occurred": a clause that stands for the event itself."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (verb.lemma_.lower() in heads().happening_verbs and subject is not None
            and subject.lower_ in ("what", "which", "this", "that", "it"))


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.children if c.dep_ == "conj" and is_event_word(c))]


def _complements(verb: Token) -> list[Token]:
    """What a copula says its subject is: "was a tragedy", "was among the worst crimes"."""
    out, among = [], heads().among_words
    for c in verb.children:
        if c.dep_ == "attr" and c.lower_ in among:
            out += [g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
        elif c.dep_ == "attr":
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in among:
            out += [g for g in c.children if g.dep_ == "pobj"]
    return [t for c in out for t in _with_conjuncts(c) if is_event_word(t)]


def _said_of(events: _Events, doc: Doc) -> list[tuple[Mention, Token]]:
    """"X was a tragedy": (event, the event word said of it)."""
    out, copulas = [], heads().copulas
    for verb in doc:
        if verb.lemma_.lower() not in copulas or any(c.dep_ == "neg" for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        event = events.named_by(subject) if subject is not None else None
        if event is not None:
            out += [(event, word) for word in _complements(verb)]
    return out


def _cast_as(events: _Events, doc: Doc) -> list[tuple[Mention, Token]]:
    """"refer to the massacre as a genocide", "called what had happened, a tragedy", "changed it from
    a loss to a historic victory": (event, word)."""
    h, out = heads(), []
    for verb in doc:
        turning = verb.lemma_.lower() in h.turning_verbs
        if verb.pos_ != "VERB" or not (turning or verb.lemma_.lower() in h.casting_verbs) or any(
                c.dep_ == "neg" for c in verb.children):
            continue
        objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "nsubjpass")]
        objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and not turning
                    for g in c.children if g.dep_ == "pobj"]
        for obj in objects:
            event = events.named_by(obj)
            if event is None:
                continue
            words = [g for holder in (verb, obj) for c in holder.children
                     if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
            words += [g for p in verb.subtree if turning and p.i > obj.i and p.dep_ == "prep"
                      and p.lower_ in ("from", "to", "into") for g in p.children if g.dep_ == "pobj"]
            words += [c for c in verb.children if c.dep_ in ("oprd", "conj") and c.pos_ == "NOUN"]
            after = doc[obj.right_edge.i + 1:min(obj.right_edge.i + 4, len(doc))]
            words += [t for t in after if is_event_word(t) and t.dep_ not in ("pobj", "dobj")][:1]
            out += [(event, w) for word in words for w in _with_conjuncts(word) if is_event_word(w)]
    return out


def _pointing(events: _Events, doc: Doc) -> list[tuple[Mention, Token]]:
    """"this crime", "the 1992 slaughter of civilians", "the massacre": (event, word)."""
    h, out = heads(), []
    for token in doc:
        if not is_event_word(token) or token.i in events.at or token.tag_ in ("NNS", "NNPS") or (
                token.dep_ == "nsubj" and token.head.lemma_.lower() in h.party_verbs):
            continue  # "the defense asserts": a party that speaks
        if any(c.dep_ in ("compound", "nmod", "amod") and (c.pos_ == "PROPN" or c.i in events.at)
               for c in token.lefts):
            continue  # "the Nagorno-Taravakh conflict", "the Varnian attack": another event's name or side
        dets = [c.lower_ for c in token.lefts if c.dep_ in ("det", "poss")]
        pointing = any(d in h.pointing for d in dets)
        described = "the" in dets and (event_kind(token) is None or _judged(token))  # "the tragedy", "the
        # 1992 slaughter of", "the ill-conceived attack"
        same = events.same_noun(token) if pointing or "the" in dets else None
        if same is not None and not events.fits(token, same):
            same = None
        event = same or (events.refer_back(token, fallback=event_kind(token) is None)
                         if pointing or described else None)
        if event is not None:
            out.append((event, token))
    return out


def _headlines(events: _Events, doc: Doc, segments: Sequence[Segment]) -> list[tuple[Mention, Span]]:
    """A headline that is only an event word's phrase ("Terrible Tragedy") labels the main event."""
    out = []
    for seg in segments:
        span = doc.char_span(seg.start, seg.end, alignment_mode="contract") if seg.kind == "heading" else None
        words = [t for t in span or () if not (t.is_punct or t.is_space)]
        whole = words and _is_whole(events.at.get(words[0].i), words)  # the model took it for a title
        if (events.main is None or not words or len(words) > HEADLINE_WORDS
                or any(t.pos_ in ("VERB", "AUX") or (t.i in events.at and not whole) for t in words)):
            continue  # a headline with a verb says more; one with a name is about that name
        head = words[-1]  # an English noun phrase ends in its head, unless that is the object of a
        if is_event_word(head) and head.dep_ != "pobj" and events.fits(head, events.main):  # preposition
            out.append((events.main, doc[words[0].i:head.i + 1]))
    return out


def _is_whole(m: Mention | None, words: Sequence[Token]) -> bool:
    """Whether a mention that is not an event's is all the words of a headline ("Terrible Tragedy"
    taken for a title)."""
    return (m is not None and m.type != "EVENT" and m.start <= words[0].idx
            and words[-1].idx + len(words[-1]) <= m.end)


def _words(token: Token) -> Span:
    """The event word with its modifiers on the left, inside any quotation marks."""
    words = phrase(token)
    while len(words) > 1 and words[0].is_punct:
        words = words[1:]
    return words


def event_labels(doc: Doc, mentions: Sequence[Mention], segments: Sequence[Segment] = ()) -> list[Label]:
    """The words each event named in `mentions` is given, in text order, one per (event, span)."""
    events = _Events(doc, mentions, segments)
    described = [(m, doc[i]) for i, m in events.at.items() if m.key in events.places]
    found = [(event, _words(token)) for event, token in
             [*_said_of(events, doc), *_cast_as(events, doc), *_pointing(events, doc), *described]]
    labels = {}
    for event, words in [*found, *_headlines(events, doc, segments)]:
        if any(events.event_at(t) is not None and events.event_at(t).key not in events.places for t in words):
            continue  # the event's own name, not a label
        key = events.key_of(event, words.root)
        if key is not None:
            labels[key, words.start_char, words.end_char] = Label(key, words.start_char, words.end_char, words.text)
    return sorted(labels.values(), key=lambda lab: (lab.start, lab.end, lab.entity_key))
