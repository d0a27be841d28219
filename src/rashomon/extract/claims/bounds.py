"""Counts that are lower bounds of what they count: a tally still running ("30 have died so far"),
and the dead told by the bodies someone found or counted ("180 bodies had been recovered", "he
had counted 31 dead", "the bodies of 80 villagers were found"): more may have died than were
found, so such a count is "at least", never a toll that another toll contradicts."""

from __future__ import annotations

from spacy.tokens import Token

from rashomon.extract.claims.context import Context
from rashomon.extract.claims.words import singular


def is_lower_bound(ctx: Context, number: Token, head: Token | None) -> bool:
    """Whether a count is at least what it says: a running tally, or bodies found or counted."""
    said_of = number.head if number.dep_ == "nummod" else number  # "counted 31 dead": the word it counts
    return _running(ctx, number) or _tallied(ctx, said_of) or (head is not None and (
        _bodies(ctx, head) or _tallied(ctx, head)))


def _running(ctx: Context, number: Token) -> bool:
    """Whether the verb a count hangs on tells a tally still running ("had washed the bodies of
    nine children already", "30 have died so far", "killed 12 to date")."""
    verb = number
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("advmod", "npadvmod", "prep") and " ".join(t.lower_ for t in c.subtree) in ctx.lex.running_tally
        for c in verb.children)


def _bodies(ctx: Context, head: Token) -> bool:
    """Whether the counted are bodies ("180 bodies", "the bodies of 80 villagers")."""
    if singular(head.lower_) in ctx.lex.body_nouns:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "of" and singular(head.head.head.lower_) in ctx.lex.body_nouns


def _tallied(ctx: Context, token: Token) -> bool:
    """Whether the dead or their bodies are the object of a verb of finding ("found 40 dead"), or its
    passive subject ("80 bodies were found"), or what one person counted or saw ("he had counted
    31 dead"; an office's count is its toll; "26 were found involved" is a verdict)."""
    verb = token.head
    dead = ctx.lex.fate_noun.get(token.lower_) == "dead" or singular(token.lower_) in ctx.lex.body_nouns
    how = ctx.lex.tally_verbs.get(verb.lemma_.lower()) if dead and token.dep_ in ("dobj", "nsubjpass") else None
    if how != "witnessed":
        return how == "found"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    person = ctx.reader.entity_of(subject) if subject is not None else None  # "he", "the photographer Ann Roe"
    return subject is not None and (subject.ent_type_ == "PERSON" or "PERSON" in ctx.reader.lex.pronouns.get(
        subject.lower_, ()) or (person is not None and person.type == "PERSON"))
