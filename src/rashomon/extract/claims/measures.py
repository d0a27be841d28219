"""Measures: what a distance, height or speed is of, whether a length is how deep a force went,
and which two places a distance lies between, so that a measure is compared only with measures
of the same thing."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from rashomon.data import load
from rashomon.extract.claims.context import Context
from rashomon.records import Mention, Quantity


def measured(ctx: Context, number: Token) -> str | None:
    """What a distance, height or speed is of: the subject of its clause ("The plane was flying at
    9,000 feet": plane), or what a measure noun as subject is of ("the speed of the convoy")."""
    verb = number
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ == "it":
        return _of_sentence_before(ctx, subject, names=True)  # "The Airbus took off ... it was flying at 7,500 feet"
    if subject is not None and subject.lemma_.lower() in ctx.lex.measure_nouns:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None and any(c.dep_ == "det" and c.lower_ in ("the", "its", "this") for c in subject.children):
            return _of_sentence_before(ctx, subject)  # "The speed was 450 m.p.h.": of what was just measured
        subject = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    return subject.lemma_.lower()


def is_depth(ctx: Context, q: Quantity, number: Token) -> bool:
    """Whether a length is how deep a force went: a verb of going forward above it and a word of
    depth after it ("advanced 140 kilometers into the country", "carried the army 170 km inside")."""
    if q.unit not in ctx.lex.depth_units:
        return False
    after = re.findall(r"[a-z]+", ctx.text[q.end:q.end + 20].lower())[:2]
    if not after or not (after[0] in ctx.lex.depth_words or " ".join(after) in ctx.lex.depth_words):
        return False
    verb = number
    for _ in range(4):
        if verb.pos_ == "VERB" and verb.lemma_.lower() in ctx.lex.depth_verbs:
            return True
        verb = verb.head
    return False


def places_a_place(ctx: Context, q: Quantity, number: Token) -> bool:
    """Whether a length says where a place is ("Halabjeh, 25 kilometres inside Iraq", "this valley
    150 miles northeast of Baghdad"): a word of position (`position_words`) and a place's name
    right after it; no measure of what the event did."""
    if q.unit not in ctx.lex.depth_units:
        return False
    after = [t for t in ctx.doc[number.i + 1:number.i + 6] if t.idx >= q.end]
    position = next((n for n, t in enumerate(after) if t.lower_ in ctx.lex.position_words), None)
    return position is not None and any(
        (m := ctx.reader.mention_at.get(t.i)) is not None and m.type in ("GPE", "LOC")
        for t in after[position + 1:position + 3])


def _of_sentence_before(ctx: Context, measure: Token, names: bool = False) -> str | None:
    """What "the speed" or "its altitude" is of: the subject of the sentence before, when that is
    a thing and not itself a measure ("The plane was tracked at 500 m.p.h. The speed was ...");
    with `names`, a thing's name too ("The Airbus took off ... it was flying at 7,500 feet"), not
    a person's or a place's."""
    first, _ = ctx.reader.sentence_of[measure.i]
    for _ in range(2):  # a speaker's tag ("Jones:") read as a sentence of its own is passed over
        if first == 0:
            return None
        first, last = ctx.reader.sentence_of[first - 1]
        roots = [t for t in ctx.doc[first:last] if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
        subject = next((c for r in roots for c in r.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            named = ctx.reader.mention_at.get(subject.i)
            thing = subject.pos_ == "NOUN" or (names and subject.pos_ == "PROPN" and (
                named is None or named.type not in ("PERSON", "GPE", "LOC", "NORP")))
            measured = thing and subject.lemma_.lower() not in ctx.lex.measure_nouns
            return subject.lemma_.lower() if measured else None
    return None


@cache
def _apart() -> re.Pattern:
    """What stands between a distance and the place it is measured from: "(west) of", "(away)
    from" (the compass words of data/places.yaml's `estimates`)."""
    directions = "|".join(sorted(load("places.yaml")["estimates"]["directions"], key=len, reverse=True))
    return re.compile(rf"\s*(?:(?:{directions})\s+of|(?:(?:{directions})\s+)?(?:away\s+)?from)\s+(?:the\s+)?",
                      re.IGNORECASE)


def places_apart(ctx: Context, q: Quantity, number: Token) -> tuple[str, str] | None:
    """The place a distance is of and the place it is measured from, when the text names both:
    "This gorge is located 25 kilometers west of Kermanshah" (the gorge, from Kermanshah), "the
    strait located 34 kilometers away from X", "the pass, 40 km north of X", "X lies 12 miles from Y"."""
    m = _apart().match(ctx.text, q.end)
    after = ctx.doc.char_span(m.end(), m.end() + 1, alignment_mode="expand") if m else None
    anchor = ctx.reader.mention_at.get(after[0].i) if after else None
    if anchor is None or not ctx.reader.is_place(anchor):
        return None
    measured = _place_of(ctx, _measured_noun(ctx, q, number))
    return (measured.key, anchor.key) if measured is not None and measured.key != anchor.key else None


def _measured_noun(ctx: Context, q: Quantity, number: Token) -> Token | None:
    """The noun a distance is said of: the first noun above it outside the quantity ("the pass,
    40 km north of X"), the noun a participle above it is said of ("the strait located 34 km
    from X"), else its verb's subject ("the gorge is located 25 km west of X")."""
    token = number
    for _ in range(6):
        if token.head.i == token.i:
            break
        token = token.head
        if q.start <= token.idx < q.end:
            continue  # the unit's own word
        if token.pos_ in ("NOUN", "PROPN"):
            return token if token.dep_ not in ("pobj", "npadvmod") else None
        if token.pos_ in ("VERB", "AUX"):
            if token.dep_ == "acl":
                return token.head
            return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _place_of(ctx: Context, noun: Token | None) -> Mention | None:
    """The place a noun names: its own mention, or the place a definite noun takes up by its word
    ("this gorge" after "the Chaharzabar Gorge")."""
    if noun is None:
        return None
    own = ctx.reader.mention_at.get(noun.i)
    if own is not None:
        return own if ctx.reader.is_place(own) else None
    return ctx.reader.place_named_before(noun)
