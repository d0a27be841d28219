"""What weapons did: how many were fired, how many hit, as a source tells it.

A count of weapons is of what was fired when they are the object of a verb of firing ("fired two
missiles", "two rockets were launched", "missiles fired by the ship"), and of what hit when they
are the subject or the agent of a verb of striking ("one of the missiles struck the plane", "hit by
two rockets"): hits are some of what was fired, so "two fired" and "one hit" can both be true while
"two fired" and "one fired" cannot. A weapon told with an article where its firing or its hit is
told, in a deed the source says happened ("the ship fired a missile at the plane", "the plane was
hit by a missile"), is one weapon: a reader holds the source to it. An article elsewhere counts
nothing ("a missile attack", "a missile cruiser", "could fire a missile", "did not fire a
missile", "fired a barrage of rockets"). The words live in data/claims.yaml (`uses`).
"""

from __future__ import annotations

from spacy.tokens import Token

from rashomon.extract.claims.context import Context
from rashomon.extract.claims.words import counted_class
from rashomon.records import Quantity

ARTICLES = ("a", "an")


def use_fate(ctx: Context, head: Token | None, number: Token) -> str | None:
    """What counted weapons did, "fired" or "hit", by the verb the counted noun (or the number,
    "one of the missiles struck") is an argument of, else by the participle said of the noun
    ("missiles fired by the ship"); None for a count of anything else, or for weapons a verb with
    a particle takes ("shot down two missiles": they were the target) or a negated verb."""
    if head is None or counted_class(head.lemma_ if head.pos_ == "NOUN" else head.text, ctx.lex)[0] not in (
            ctx.lex.use_kinds):
        return None
    for token in (head, number):
        if (fate := _argument_fate(ctx, token)) is not None:
            return fate
    told = (c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN")  # "missiles fired by the ship"
    return next((fate for verb in told if (fate := _fate_of_verb(ctx, verb, "object")) is not None), None)


def _argument_fate(ctx: Context, token: Token) -> str | None:
    """The use a verb gives the weapon that is its argument: fired for its object or passive
    subject, hit for its subject or its passive's agent."""
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "agent":
        return _fate_of_verb(ctx, verb.head, "subject")
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    role = {"dobj": "object", "nsubjpass": "object", "nsubj": "object" if passive else "subject"}.get(token.dep_)
    return _fate_of_verb(ctx, verb, role) if role else None


def _fate_of_verb(ctx: Context, verb: Token, role: str) -> str | None:
    if verb.pos_ != "VERB" or any(c.dep_ in ("prt", "neg") for c in verb.children):
        return None
    fate = ctx.lex.use_fate_of.get(verb.lemma_.lower())
    return fate if fate is not None and ctx.lex.use_roles[fate] == role else None


def article_counts(ctx: Context) -> list[Quantity]:
    """One weapon for each article before a weapon's noun whose firing or hit the source tells as
    done ("fired a missile", "was hit by an SM-2 missile"), as a quantity of one (never stored:
    the quantities stage reads numbers only)."""
    found = []
    for article in ctx.doc:
        noun = article.head
        if article.lower_ not in ARTICLES or article.dep_ != "det" or noun.tag_ not in ("NN", "NNP") or (
                noun.dep_ == "compound" or ctx.blocked_at(article.idx)):
            continue
        if use_fate(ctx, noun, noun) is None or not _told_as_done(ctx, noun):
            continue
        end = noun.idx + len(noun.text)
        found.append(Quantity(article.idx, article.idx + len(article.text), article.text, value=1.0,
                              counted=ctx.text[article.idx + len(article.text):end].strip()))
    return found


def _told_as_done(ctx: Context, noun: Token) -> bool:
    """Whether the clause of a weapon's use tells it as done: a verb in the past, with no modal
    that makes it unreal ("could have fired a missile") and no "if"."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj"):
        verb = next((c for c in noun.children if c.dep_ == "acl"), verb)
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    helpers = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "mark")]
    if verb.tag_ == "VBN" and verb.dep_ != "acl" and not helpers:
        return False
    return not set(helpers) & ctx.lex.not_done
