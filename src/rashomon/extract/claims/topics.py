"""What a bare number is said of: the noun a verb of counting or a figure noun ties it to ("Varnian
casualties numbered roughly 300", "put the death toll at 64", "the number of prisoners
executed ... put the number at 3,216"), and the fate that noun gives."""

from __future__ import annotations

from spacy.tokens import Token

from rashomon.extract.claims.context import Context
from rashomon.extract.claims.words import singular


def topic(ctx: Context, number: Token) -> Token | None:
    """The noun a bare number is said of: the subject of "numbered" or "were", the object of
    "put ... at" ("Varnian casualties numbered roughly 300", "the death toll at 64", "put the
    number between 1,900 and 2,600": the range's first number)."""
    while number.dep_ == "conj" and number.head.i != number.i and number.head.like_num:
        number = number.head
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
        if is_fate_noun(ctx, noun):
            return noun
        if noun.lower_ in ctx.lex.figure_nouns:  # "exaggerate the VLA casualties ... put the figure at"
            sentence = ctx.sentence(noun)
            earlier = [t for t in ctx.doc[sentence.start:noun.i] if t.pos_ == "NOUN" and is_fate_noun(ctx, t)]
            return earlier[-1] if earlier else _figure_told_before(ctx, noun) or noun
    return None


def _figure_told_before(ctx: Context, noun: Token) -> Token | None:
    """What "the number" takes up from earlier in its sentence or from the sentence before, where
    that says what befell whom: "the number of prisoners executed is still disputed. X put the number
    at 3,216" (prisoners, executed)."""
    sentence = ctx.sentence(noun)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    before = ctx.doc[ctx.sentence(ctx.doc[sentence.start - 1]).start if sentence.start else sentence.start:noun.i]
    for figure in (t for t in reversed(before) if t.lower_ in ctx.lex.figure_nouns):
        of = next((c for c in figure.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is not None and (is_fate_noun(ctx, counted) or participle_fate(ctx, counted)):
            return counted
    return None


def participle_fate(ctx: Context, noun: Token) -> str | None:
    """The fate a participle after a noun gives it ("prisoners executed", "civilians killed")."""
    return next((ctx.lex.fate_of[c.lower_] for c in noun.children
                 if c.dep_ == "acl" and c.tag_ == "VBN" and c.lower_ in ctx.lex.fate_of), None)


def is_fate_noun(ctx: Context, token: Token) -> bool:
    """Whether a noun names what befell people ("casualties", "deaths", "dead"), in either number."""
    return token.lower_ in ctx.lex.fate_noun or singular(token.lower_) in ctx.lex.fate_noun


def said_to_be(number: Token) -> Token | None:
    """The noun a bare number is said to be ("31 were women": women), if any."""
    if number.dep_ != "nsubj" or number.head.lemma_ != "be":
        return None
    return next((c for c in number.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
