"""Which parties a word for rulers or armed forces ("the junta", "the regime", "the army") cannot
refer back to: one the account names only in its headline, and one whose people such forces act
upon in the account. The words of a description fit the party it describes; where no named party
fits, the description names no one (better unattributed than wrong).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from rashomon.extract.labels.words import heads, lemma
from rashomon.records import Segment


def _armed_words() -> frozenset[str]:
    h = heads()
    return h.ruling_heads | h.force_nouns | h.armed_words


def unfitting(span: Span | None, noun: str, segments: Sequence[Segment], armed: bool) -> bool:
    """Whether a description with the noun `noun` for rulers or forces cannot mean the party named
    at `span` (`armed` if its name is an armed force's, which forces may well act upon)."""
    if span is None or not (noun in _armed_words() or noun.removesuffix("s") in _armed_words()):
        return False
    return headlined(span, segments) or (set_upon(span) and not armed)


def headlined(span: Span, segments: Sequence[Segment]) -> bool:
    """Whether a name stands in a headline: a headline sums up, it names no actor the body's
    descriptions refer back to ("League Marks Anniversary of Massacre by Regime Forces")."""
    return any(s.kind == "heading" and s.start <= span.start_char < s.end for s in segments)


def set_upon(span: Span) -> bool:
    """Whether the name is of those a clause has rulers or forces act upon ("troops fired on
    supporters of the Freedom Party", "leaders of the Party were arrested by soldiers")."""
    token, path = span.root, span.root
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        path, token = token, token.head
    if token.pos_ not in ("VERB", "AUX") or path.dep_ in ("nsubj", "agent", "csubj"):
        return False
    doers = [c for c in token.children if c.dep_ in ("nsubj", "agent") and not c.is_ancestor(span.root)]
    return any(_armed(t) for c in doers for t in c.subtree)


def _armed(token: Token) -> bool:
    word = lemma(token)
    return word in _armed_words() or word.removesuffix("s") in _armed_words()
