"""Reported speech: the clause or object of a reporting verb or noun, and whose it is.

"X said that ...", "predicting the capture of Korsk", "slammed the maneuver as tactically flawed",
"the claim that ...", "according to X, ...". The speaker is the verb's subject, the noun's owner
("X's claim", "the claim by X") or the object of "according to"; "it is claimed that ..." is an
unnamed source.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from rashomon.extract.labels.words import is_event_word
from rashomon.extract.quotes.direct import Page, subject_of
from rashomon.extract.quotes.speakers import NOBODY, RELATIVE, Speaker
from rashomon.extract.quotes.words import words
from rashomon.records import Quote


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
        if obj is None or (obj.pos_ == "PRON" and obj.n_lefts + obj.n_rights == 0):
            return None  # "denied it": the words are elsewhere
        if any(c.dep_ in ("dative", "iobj") for c in head.children):
            return None  # "denied them food and water": withheld, not said
        judgement = [c for c in head.children if c.i > obj.i and (
            c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for")))]
        parts = [obj, *judgement]
        first, last = obj.left_edge, max((p.right_edge for p in parts), key=lambda t: t.i)
    while last.i > first.i and last.is_punct:
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _reporting(page: Page, t: Token) -> tuple[tuple[int, int] | None, Speaker] | None:
    """What token t reports and on whose word, when t is a reporting verb, noun or "according"."""
    w = words()
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and (lemma in w.clause_verbs or lemma in w.object_verbs):
        content = _content(t, clause_only=lemma not in w.object_verbs)
        subject = subject_of(_outer_report(t) or t)
        if subject is not None and _is_event(page, subject):
            return None  # "the massacre claimed the lives of 100": no one speaks
        if subject is not None and subject.dep_ == "nsubjpass" and subject.lower_ == "it":
            return content, Speaker(None, None, True)  # "it is claimed that ..."
        speaker = page.speakers.of(subject) if subject is not None else NOBODY
        return (content, speaker) if speaker is not NOBODY else None
    if t.pos_ == "NOUN" and lemma in w.reporting_nouns:
        holder = next((c for c in t.children if c.dep_ == "poss"), None) or next(
            (g for c in t.children if c.lower_ == "by" for g in c.children if g.dep_ == "pobj"), None)
        return _content(t, clause_only=True), page.speakers.of(holder) if holder is not None else NOBODY
    if t.lower_ == "according":
        obj = next((g for c in t.children for g in c.children if g.dep_ == "pobj"), None)
        clause = t.head if t.head.i != t.i else None
        if obj is None or clause is None:
            return None
        rest = [x for x in clause.subtree if x.i not in {y.i for y in t.subtree} and not x.is_punct]
        return ((rest[0].idx, rest[-1].idx + len(rest[-1])) if rest else None), page.speakers.of(obj)
    return None


def _outer_report(verb: Token) -> Token | None:
    """The reporting verb a participle goes on ("X said that the gunmen attacked the posts, adding
    that ..."): the parser hangs "adding" on the reported clause, but it is X who adds."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    clause = verb.head
    while clause.dep_ in ("advcl", "conj") and clause.head.i != clause.i:
        clause = clause.head
    outer = clause.head
    w = words()
    if clause.dep_ == "ccomp" and outer.lemma_.lower() in w.clause_verbs | w.quote_verbs:
        return outer
    return None


def _is_event(page: Page, subject: Token) -> bool:
    """Whether a subject is an event ("the massacre", "the Dorsk massacre", "the massacre that
    claimed ..."), which says nothing."""
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        subject = subject.head.head
    named = page.speakers.at.get(subject.i)
    return (named is not None and named.type == "EVENT") or (named is None and is_event_word(subject))


def reported_speech(page: Page, skip_verbs: set[int]) -> list[Quote]:
    """Reported speech in one segment; the verbs in `skip_verbs` introduce direct quotes."""
    seg = page.seg
    span: Span | None = page.doc.char_span(seg.start, seg.end, alignment_mode="contract")
    found = []
    for t in span if span is not None else ():
        if t.i in skip_verbs or (read := _reporting(page, t)) is None:
            continue
        content, speaker = read
        if content is None or content[1] > seg.end or content[0] < seg.start:
            continue
        found.append(Quote(content[0], content[1], page.text[content[0]:content[1]], speaker.key, speaker.text,
                           False, speaker.unnamed))
    return found
