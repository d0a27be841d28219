"""Numbers that count nothing told (a person's age, a calibre, "one witness", one of each of
several things: "brigades, each of 200 men") and counted people whom no fate of a deed befell
(those charged with it): the counts stage asks these before it makes a claim, so that "David
Okoro, 37," is no toll and "murder charges against 270 miners" no 270 dead."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from rashomon.extract.claims.context import Context
from rashomon.extract.claims.words import counted_class, singular
from rashomon.records import Quantity

REFERRED = 3  # "the two sides", "these three camps": as many things as a text names before it refers back to
DEFINITE = frozenset({"the", "these", "those"})


def is_age(ctx: Context, span: Span) -> bool:
    """Whether a number is a person's age: "David Okoro, 37, told reporters", "Mr Otieno (58)",
    "aged 37" (the number set off by commas or brackets right after a person's name)."""
    doc = ctx.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ == "aged":
        return True
    if before is None or after is None or span.start < 2 or (before.text, after.text) not in ((",", ","), ("(", ")")):
        return False
    return doc[span.start - 2].ent_type_ == "PERSON" and len(span) == 1 and span[0].like_num


def is_size_of_thing(ctx: Context, q: Quantity, number: Token) -> bool:
    """Whether a measure is the size of the thing it stands before: a calibre, a weight or a length
    ("155mm howitzers", "a 120-mm mortar", "a 5-ton truck", "a 20-km road"), which counts and
    measures nothing told; "at 10,000 feet altitude" measures what it names. So is a number joined
    by a hyphen to a noun of things before another noun ("a 42-page report", "a five-storey block"):
    "a 12-man patrol" still counts men."""
    if not q.unit:
        return _joined_size(ctx, q, number)
    if q.unit in ("USD", "EUR", "GBP", "IRR", "percent"):
        return False
    nxt = next((t for t in ctx.doc[number.i + 1:number.i + 4] if t.idx >= q.end and t.text != "-"), None)
    return nxt is not None and nxt.pos_ == "NOUN" and singular(nxt.lower_) not in ctx.lex.measure_nouns and (
        nxt.lower_ not in ctx.lex.measure_nouns)


def _joined_size(ctx: Context, q: Quantity, number: Token) -> bool:
    """"42-page report": the number, a hyphen, a singular noun of no people, then the noun it sizes."""
    if not ctx.text.startswith("-", q.end) or number.i + 3 >= len(ctx.doc):
        return False
    hyphen, noun, sized = ctx.doc[number.i + 1:number.i + 4]
    return hyphen.text == "-" and noun.pos_ == "NOUN" and singular(noun.lower_) == noun.lower_ and (
        sized.pos_ in ("NOUN", "PROPN")) and counted_class(noun.lower_, ctx.lex)[0] != "people"


def counts_nothing(ctx: Context, q: Quantity, counted: str | None, fate: str | None) -> bool:
    """Whether a number counts nothing: what it counts is unknown, or it is "one" of something no
    fate befell ("one witness said", "on the one hand"), or a fate of people befell but it counts
    no people ("blinded in one eye" near "his sons died"), or a share ("65 per cent of the voters");
    "destroyed one tank" is a count."""
    return (counted is None and q.unit is None) or q.unit == "percent" or (q.text.lower() == "one" and not q.unit and (
        fate is None or (counted != "people" and fate in ctx.lex.people_fates)))


def is_charged(ctx: Context, token: Token) -> bool:
    """Whether the counted are those charged with a deed, not those it befell: the object of a verb
    of charging ("charge the 80 dockers with the murder of ...") or of "against" after a charge
    ("murder charges against 120 farmers")."""
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in ctx.lex.charge_verbs
    if token.dep_ == "pobj" and token.head.lower_ == "against":
        above = token.head.head  # the charge, or the verb whose object it is ("dropped charges against")
        return any(t.lemma_.lower() in ctx.lex.charge_verbs
                   for t in (above, *(c for c in above.children if c.dep_ == "dobj")))
    return False


def at_commemoration(ctx: Context, token: Token) -> bool:
    """Whether the counted are people at a later commemoration of the event, not at the event:
    the verb they are subject of has a purpose of marking it ("thousands gathered to mourn the
    dead", "hundreds marched to mark the anniversary") or is joined in a commemoration ("hundreds
    joined in commemorations")."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or token.i > verb.i:
        return False
    for child in verb.children:
        if child.dep_ in ("xcomp", "advcl") and child.pos_ == "VERB" and (
                child.lemma_.lower() in ctx.lex.commemoration_verbs and child.i > verb.i):
            return True
        objects = [child] if child.dep_ == "dobj" else [g for g in child.children if g.dep_ == "pobj"] \
            if child.dep_ == "prep" else []
        if any(o.lemma_.lower() in ctx.lex.anniversary_nouns for o in objects):
            return True
    return False


def is_depicted(ctx: Context, token: Token) -> bool:
    """Whether a count is of what pictures show: the words it is "of", up a chain of "of"s, are
    a video's or a photo's ("videos and photos of rows of dozens of dead people"); not a whole
    some of whom are pictured ("pictures of some of the 5,000 people who were killed")."""
    for _ in range(4):
        if token.dep_ != "pobj" or token.head.lower_ != "of":
            return False
        token = token.head.head
        if token.pos_ in ("PRON", "DET", "NUM"):  # "some of", "one of": a part of the counted whole
            return False
        if token.lemma_.lower() in ctx.lex.depiction_nouns:
            return True
    return False


def is_each(ctx: Context, head: Token) -> bool:
    """Whether a count is of one of several things: "each contained 200 people", "every tank
    carried four soldiers", "300 men per battalion", "four soldiers apiece"."""
    each = ctx.lex.distributive_words
    verb = head.head
    if any(c.lower_ in each and _of_each(c) for c in head.children):
        return True
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return any(c.lower_ in each and c.dep_ in ("advmod", "npadvmod") for c in verb.children) or (
        subject is not None and (subject.lower_ in each or any(
            c.lower_ in each and c.dep_ == "det" for c in subject.children)))


def _of_each(word: Token) -> bool:
    """Whether a distributive word says "of each": "per battalion" does, "per the army" and "per
    HRW" name a source."""
    if word.dep_ != "prep":
        return True
    thing = next((c for c in word.children if c.dep_ == "pobj"), None)
    return thing is not None and thing.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") for c in thing.children)


def is_base_of_share(token: Token) -> bool:
    """Whether a count is the whole after "out of" ("112 villagers out of some 450"): the base of
    a share, no figure of the event."""
    if token.dep_ != "pobj" or token.head.lower_ != "of" or token.head.head.lower_ != "out":
        return False
    out = token.head.head  # after a count ("254 villagers out of"), not opening the sentence ("Out of the
    return any(t.like_num for t in token.doc[max(0, out.i - 4):out.i])  # 9,000 killed, 5,000 were soldiers")


def bracketed_noun(text: str, start: int) -> str | None:
    """The plural noun a bare number in brackets follows ("the Korrin massacres (two, as well)",
    "raids (there were three of those)"): what it counts."""
    m = re.search(r"\b([A-Za-z]{3,}s)\s*\((?:there (?:were|are) )?$", text[max(0, start - 60):start])
    return m[1] if m else None


def left_as(ctx: Context, head: Token | None) -> bool:
    """Whether the counted are left in a state their verb names ("left 750,000 people as refugees",
    "made 300 villagers homeless"), no fate of which is death or wounds: the fate words around
    are not theirs."""
    if head is None or head.dep_ != "dobj":
        return False
    state = [p for c in head.head.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
             if p.dep_ == "pobj"] + [c for c in head.head.children if c.dep_ in ("oprd", "acomp")]
    return any(t.lower_ not in ctx.lex.fate_noun and singular(t.lower_) not in ctx.lex.fate_noun for t in state)


def is_reference(ctx: Context, q: Quantity, number: Token) -> bool:
    """Whether a small number after a definite word points back at things already named ("the two
    nations", "these three camps": Varnia and Tolaria, the camps listed), or is "one" of a
    denial ("I never saw one armed man there"): no count of anything told."""
    before = ctx.doc[number.i - 1] if number.i > 0 else None
    if q.value is not None and q.value <= REFERRED and before is not None and before.lower_ in DEFINITE:
        return True
    verb = number.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return q.text.lower() == "one" and any(c.dep_ == "neg" for c in (*verb.children, *verb.head.children))


def the_way_it_went(ctx: Context, head: Token | None, counted: str | None) -> bool:
    """Whether things, no people, are counted in a phrase of the way or place of the verb ("the
    rebels fled in three directions", "split into two groups"): the verb's fate is not theirs."""
    if head is None or not counted or counted.startswith("people") or head.dep_ != "pobj":
        return False
    return head.head.lower_ in ctx.lex.way_prepositions and head.head.head.pos_ == "VERB"
