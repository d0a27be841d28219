"""Quotes and reported speech: on whose word a statement rests.

Direct quotes are the stretches between quotation marks, with the speaker named by the reporting
verb before or after them ("X, a former member, describes ...: “...”"). Reported speech is the
clause or object of a reporting verb or noun ("predicting the capture of Tehran", "the claim that
..."), with its subject as the speaker; "according to X" does the same for a whole clause. A
speaker who is a named thing gets the key of the mention that names them; "military analysts",
"sources" and the like are flagged as unnamed sources. Verbs and nouns live in data/quotes.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from rashomon.ingest.parse import text_of
from rashomon.records import Mention, Quote, Segment
from rashomon.resources import load_yaml

QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"))
SUBJECTS = ("nsubj", "nsubjpass")
RELATIVE = frozenset({"who", "which", "that"})


@dataclass(frozen=True)
class Words:
    """The word lists of data/quotes.yaml."""

    clause_verbs: frozenset[str]
    object_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    unnamed_sources: frozenset[str]
    naming_words: frozenset[str]
    min_quote_words: int
    person_pronouns: frozenset[str]
    speaking_pronouns: frozenset[str]


@cache
def words() -> Words:
    data = load_yaml("quotes.yaml")
    lower = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return Words(lower("clause_verbs"), lower("object_verbs"),
                 lower("quote_verbs") | lower("clause_verbs") | lower("object_verbs"),
                 lower("reporting_nouns"), lower("unnamed_sources"), lower("naming_words"),
                 int(data["min_quote_words"]), lower("person_pronouns"), lower("speaking_pronouns"))


@dataclass(frozen=True)
class Speaker:
    key: str | None
    text: str | None
    unnamed: bool = False


NOBODY = Speaker(None, None)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the insides of quotation-mark pairs in text, outermost only.

    A closing ’ must not be an apostrophe (a letter follows it) and an opening ‘ or " must start
    a word, so "MEK’s" and "the 1980s'" open nothing.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        pair = next(((o, c) for o, c in QUOTE_PAIRS if text[i] == o), None)
        if pair is None or (i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        closing = pair[1]
        j = i + 1
        while j < len(text) and text[j] != "\n":
            if text[j] == closing and j > i + 1 and not (j + 1 < len(text) and text[j + 1].isalpha()):
                break
            j += 1
        if j < len(text) and text[j] == closing:
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


def _mention_at(token: Token, mentions: Sequence[Mention]) -> Mention | None:
    return next((m for m in mentions if m.start <= token.idx < m.end), None)


def _name_phrase(token: Token) -> Span:
    """The subject as a phrase: the head with its modifiers on the left, no apposition or clause."""
    left = min([token.i, *(t.i for t in token.lefts if t.dep_ not in ("punct", "cc", "det", "poss"))])
    left = min([left, *(t.left_edge.i for t in token.lefts if t.dep_ in ("compound", "amod"))])
    return token.doc[left:token.i + 1]


def speaker_of(subject: Token, mentions: Sequence[Mention]) -> Speaker:
    """Who a subject token names: a mention's key, a pronoun's nearest person, or free text."""
    w = words()
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        subject = subject.head.head
    mention = _mention_at(subject, mentions)
    if mention is not None:
        return Speaker(mention.key, mention.text)
    if subject.lower_ in w.person_pronouns:
        before = [m for m in mentions if m.type == "PERSON" and m.end <= subject.idx]
        if before:
            nearest = max(before, key=lambda m: m.end)
            return Speaker(nearest.key, nearest.text)
        return Speaker(None, subject.text)
    if subject.pos_ == "PRON" or subject.tag_ in ("WP", "WDT", "DT"):
        return Speaker(None, subject.text) if subject.lower_ in w.speaking_pronouns else NOBODY
    # no mention covers the head: "military analysts", "Iranian officials" are unnamed sources
    return Speaker(None, _name_phrase(subject).text, subject.lemma_.lower() in w.unnamed_sources)


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited from the verb it hangs on for participles and conjuncts."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("advcl", "xcomp", "conj", "acl") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _direct_speaker(doc: Doc, start: int, end: int, mentions: Sequence[Mention],
                    sentence_starts: list[int]) -> tuple[Speaker, Token | None]:
    """The speaker of the quote inside [start, end): the subject of a quote verb before it in the
    same sentence, or just after it ("..., he said"), or of "according to"."""
    w = words()
    before = doc.char_span(start - 1, start, alignment_mode="expand")
    candidates: list[Token] = []
    if before is not None and before.start > 0:
        lead = doc[before.start - 1]
        first = sentence_starts[bisect_right(sentence_starts, lead.i) - 1]
        candidates += [doc[i] for i in range(lead.i, first - 1, -1)]
    after = doc.char_span(end, end + 1, alignment_mode="expand")
    if after is not None:
        tail = []
        for t in doc[after.end:after.end + 8]:
            if (t.is_sent_start and tail) or t.text in ".!?" or "\n" in t.text:
                break
            tail.append(t)
        candidates = tail + candidates
    for verb in candidates:
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in w.quote_verbs:
            subject = _subject(verb)
            if subject is not None:
                return speaker_of(subject, mentions), verb
        if verb.lower_ == "according":
            obj = next((t for c in verb.children for t in c.children if t.dep_ == "pobj"), None)
            if obj is not None:
                return speaker_of(obj, mentions), verb
    return NOBODY, None


def _direct(doc: Doc, text: str, seg: Segment, mentions: Sequence[Mention],
            sentence_starts: list[int]) -> tuple[list[Quote], set[int]]:
    w = words()
    found, verbs = [], set()
    for s, e in quoted_spans(text[seg.start:seg.end]):
        start, end = s + seg.start, e + seg.start
        while end > start and text[end - 1] in ",;: ":
            end -= 1  # “We will not retreat,” he said
        inner = text[start:end]
        n_words = len(re.findall(r"\w+", inner))
        lead = re.findall(r"[\w-]+", text[max(seg.start, start - 30):start - 1].lower())[-2:]
        if n_words < w.min_quote_words or (n_words < 2 * w.min_quote_words and set(lead) & w.naming_words):
            continue
        speaker, verb = _direct_speaker(doc, start, end, mentions, sentence_starts)
        if verb is not None:
            verbs.add(verb.i)
        found.append(Quote(start, end, inner, speaker.key, speaker.text, True, speaker.unnamed))
    return found, verbs


def _clause(head: Token) -> Token | None:
    """The "that"-clause a reporting verb or noun governs."""
    for c in head.children:
        if c.i < head.i:
            continue
        marked = any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in c.children)
        if (c.dep_ == "ccomp" and (head.pos_ == "VERB" or marked)) or (c.dep_ == "acl" and marked):
            return c
    return None


def _content(head: Token, clause_only: bool) -> tuple[int, int] | None:
    """The char span of what a reporting verb or noun reports: its clause, else its object with
    the judgement on it ("slammed the maneuver as tactically flawed", "accused X of Y")."""
    clause = _clause(head)
    if clause is not None:
        tokens = list(clause.subtree)
        while tokens and tokens[0].dep_ == "mark":
            tokens = tokens[1:]
        if not tokens:
            return None
        first, last = tokens[0], tokens[-1]
    elif clause_only:
        return None
    else:
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        judgement = [c for c in head.children if c.i > obj.i and (
            c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for")))]
        parts = [obj, *judgement]
        first, last = obj.left_edge, max((p.right_edge for p in parts), key=lambda t: t.i)
    while last.i > first.i and last.is_punct:
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _reported(doc: Doc, text: str, seg: Segment, mentions: Sequence[Mention],
              skip_verbs: set[int]) -> list[Quote]:
    w = words()
    span = doc.char_span(seg.start, seg.end, alignment_mode="contract")
    if span is None:
        return []
    found = []
    for t in span:
        lemma = t.lemma_.lower()
        if t.i in skip_verbs:
            continue
        if t.pos_ == "VERB" and (lemma in w.clause_verbs or lemma in w.object_verbs):
            content = _content(t, clause_only=lemma not in w.object_verbs)
            subject = _subject(t)
            if subject is not None and subject.dep_ == "nsubjpass" and subject.lower_ == "it":
                speaker = Speaker(None, None, True)  # "it is claimed that ..."
            else:
                speaker = speaker_of(subject, mentions) if subject is not None else NOBODY
                if speaker is NOBODY:
                    continue
        elif t.pos_ == "NOUN" and lemma in w.reporting_nouns:
            content = _content(t, clause_only=True)
            holder = next((c for c in t.children if c.dep_ == "poss"), None) or next(
                (g for c in t.children if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None)
            speaker = speaker_of(holder, mentions) if holder is not None else NOBODY
        elif t.lower_ == "according":
            obj = next((g for c in t.children for g in c.children if g.dep_ == "pobj"), None)
            clause = t.head if t.head is not t else None
            if obj is None or clause is None:
                continue
            rest = [x for x in clause.subtree if x.i not in {y.i for y in t.subtree} and not x.is_punct]
            if not rest:
                continue
            content = (rest[0].idx, rest[-1].idx + len(rest[-1]))
            speaker = speaker_of(obj, mentions)
        else:
            continue
        if content is None or content[1] > seg.end or content[0] < seg.start:
            continue
        found.append(Quote(content[0], content[1], text[content[0]:content[1]], speaker.key, speaker.text,
                           False, speaker.unnamed))
    return found


def find_quotes(doc: Doc, segments: Sequence[Segment], mentions: Sequence[Mention]) -> list[Quote]:
    """Direct quotes and reported speech in the non-boilerplate segments, in text order.

    `doc` is the spaCy Doc of the whole stored text; `mentions` give speakers their entity keys.
    Reported speech that falls inside a direct quote is left to the direct quote.
    """
    found: list[Quote] = []
    sentence_starts = [s.start for s in doc.sents]  # once: Token.sent rescans the whole Doc
    text = text_of(doc)  # and Doc.text joins every token
    for seg in segments:
        if seg.kind == "boilerplate":
            continue
        direct, verbs = _direct(doc, text, seg, mentions, sentence_starts)
        reported = [q for q in _reported(doc, text, seg, mentions, verbs)
                    if not any(d.start < q.end and q.start < d.end for d in direct)]
        found += direct + reported
    return sorted(found, key=lambda q: (q.start, q.end))
