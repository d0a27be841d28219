"""Whether a timex looks ahead of or back from the time of writing: from the parse, else the words near it."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from rashomon.extract.time.candidates import Candidate
from rashomon.extract.time.lexicon import words

FUTURE = re.compile(r"\b(?:will|'ll|shall|would|going to|expected to|expects? to|plans? to|planned|scheduled"
                    r"|due|payable|to be held|upcoming|tune into|next|coming)\b", re.I)
FUTURE_NEAR = re.compile(r"\b(?:will(?: be)?|'ll|shall|going to|scheduled (?:for|to)|due|tune into|next"
                         r"|coming|can'?t wait(?: for| till| until)?|looking forward to)"
                         r"\W+(?:\w+\W+){0,3}$", re.I)  # "will meet on Friday"
PAST = re.compile(r"\b(?:was|were|had|did|said|\w+ed|bought|brought|began|came|went|made|took|gave|fell|rose"
                  r"|sold|won|lost|met|left|held|paid|told|saw|became|grew|ran|struck|fled|sank|spent|built"
                  r"|fought|led)\b", re.I)


def tense(c: Candidate, sentence: str, sentence_start: int) -> str | None:
    """'future' or 'past' from the verb that governs the timex when the parse gives one (c.tense),
    else when the words just around it say so; None when neither does."""
    if c.tense:
        return c.tense
    a, b = c.start - sentence_start, c.end - sentence_start
    before = sentence[max(0, a - 80):a]
    if FUTURE.search(before):
        return "future"
    if PAST.search(before[-50:]) or PAST.search(sentence[b:b + 40]):
        return "past"
    return None


def _clause(verb: Any, modals: set[str]) -> str | None:
    """The tense a verb's own clause says ('will meet' future, 'met' past, 'meets' present)."""
    aux = [t for t in verb.children if t.dep_ in ("aux", "auxpass")]
    said = {t.lower_ for t in aux}
    if said & modals or ("going" in said and verb.tag_ == "VB"):
        return "future"
    if any(t.tag_ == "MD" for t in aux):
        return None  # would, could, might: no tense of their own
    if verb.tag_ == "VBD" or any(t.tag_ == "VBD" for t in aux):
        return "past"
    if verb.tag_ == "VBN" and said & {"has", "have", "'ve", "'s"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(t.tag_ in ("VBZ", "VBP") for t in aux):
        return "present"
    return None


def _governor(span: Any) -> Any:
    """The word a timex hangs on, past prepositions and the noun it dates ("the Aug. 7 blasts killed")."""
    token = span.root.head
    while token.pos_ == "ADP" and token.head.i != token.i:  # "on Tuesday", "by Jan. 14"
        token = token.head
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        token = token.head  # "the Aug. 7 blasts killed", "held talks on Monday"
        while token.pos_ == "ADP" and token.head.i != token.i:
            token = token.head
    return token


def _verb_tense(token: Any, modals: set[str], ahead: set[str], done: set[str]) -> str | None:
    """The tense a verb says of the time that depends on it (see grammar_tense)."""
    own = _clause(token, modals)
    if own == "present" and token.tag_ in ("VBZ", "VBP") and token.lemma_.lower() in _scheduled():
        return "future"  # "the show opens Friday", "the season ends in May": what a schedule holds
    if own is None and token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        own = _clause(token.head, modals)  # "will last three days and end on Monday": the first verb's tense
    governor = token.head if token.dep_ in ("xcomp", "ccomp") else None  # not "staged X to mark Y"
    infinitive = any(t.tag_ == "TO" for t in token.children)
    if own is None and infinitive and governor is not None and governor.i != token.i:
        # "agreed to buy in February" looks ahead of the agreeing; "tried to flee Friday" does not
        if any(t.lower_ == "had" for g in (governor, governor.head) for t in g.children):
            return "past"  # "had been scheduled to expire Friday", "had been due to expire Friday"
        return _clause(governor, modals) if governor.lemma_.lower() in done else "future"
    if own in ("past", "present") and token.lemma_.lower() in ahead:
        return "future"
    return own


def _ahead_above(noun: Any, modals: set[str], ahead: set[str], done: set[str]) -> str | None:
    """'future' when the nearest verb above the noun a timex hangs on looks ahead ("is scheduled to
    spend five hours in the capital, her first stop Tuesday morning"); else None, since a past or present
    verb above a noun says nothing of when the thing the noun names happens ("condemned Wednesday's
    ruling")."""
    token = noun
    for _ in range(_ABOVE):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return "future" if token.is_alpha and _verb_tense(token, modals, ahead, done) == "future" else None
    return None


_ABOVE = 6  # words climbed from a noun to the verb above it


@cache
def _scheduled() -> frozenset[str]:
    return frozenset(x.lower() for x in words()["scheduled_verbs"])


def present_sentences(doc: Any, sentences: list[tuple[int, int]]) -> tuple[int, ...]:
    """Indexes of the sentences whose main verb speaks of the present in the writer's own voice ("Gonzalez
    has cited his rights", "The alliance is larger"): a narrative that went back years comes back to the
    time of writing there. Only a statement about a named subject (not "we" or "someone" of an interview,
    not a question), and not one that opens in quotes (a speaker's present is his own time)."""
    out = []
    for i, (a, b) in enumerate(sentences):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or not len(span) or span.text.lstrip()[:1] in _QUOTES:
            continue
        root = span.root
        if root.pos_ not in ("VERB", "AUX") or span.text.rstrip().endswith("?") \
                or any(t.text in _QUOTES for t in doc[span.start:root.i]):
            continue
        if not any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN") for t in root.children):
            continue  # "we represent", "someone has shot": an interview or a speaker, not the report's own voice
        aux = {t.lower_ for t in root.children if t.dep_ in ("aux", "auxpass")}
        perfect = root.tag_ == "VBN" and bool(aux & {"has", "have"}) and not aux & {"had", "will", "would"}
        if perfect or (root.tag_ in ("VBZ", "VBP") and not any(t.tag_ in ("MD", "VBD") for t in root.children)):
            out.append(i)
    return tuple(out)


_QUOTES = {'"', "``", "''", "“", "”", "'", "‘", "’"}


def grammar_tense(doc: Any) -> Callable[[int, int], str | None]:
    """tense_of(start, end): 'future', 'past' or 'present' from the verb the words at [start, end)
    depend on in a spaCy Doc with a dependency parse ("met Monday", "will meet on Monday"); for words
    that hang on a noun, 'future' when the verb above that noun looks ahead, else None ("payable Dec. 7",
    "Wednesday's ruling")."""
    w = words()
    ahead, modals = {x.lower() for x in w["looking_ahead"]}, {x.lower() for x in w["modals_ahead"]}
    done, ahead_adj = {x.lower() for x in w["done_infinitive"]}, {x.lower() for x in w["ahead_adjectives"]}

    def tense_of(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        token = _governor(span)
        if token.i in range(span.start, span.end):
            return None
        if token.pos_ == "ADJ" and token.lower_ in ahead_adj:
            return "future"
        if token.pos_ in ("NOUN", "PROPN"):
            return _ahead_above(token, modals, ahead, done)
        if token.pos_ not in ("VERB", "AUX") or not token.is_alpha:  # not a link the tagger took for a verb
            return None
        return _verb_tense(token, modals, ahead, done)

    return tense_of
