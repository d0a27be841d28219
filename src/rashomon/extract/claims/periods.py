"""The period a count adds up over: a span of years ("over the last three decades", "since 1984")
or a long event it is the toll of ("the war, in which 58,000 died"). Such a toll is no toll of
one event, and is compared only with tolls of the same period."""

from __future__ import annotations

import re

from spacy.tokens import Token

from rashomon.extract.claims.context import Context


def period(ctx: Context, number: Token) -> str | None:
    """The span of years a count adds up over ("killed in raids over the last three decades",
    "since 1984"), or the long event it is the toll of ("the war, in which 58,000 died", "died in
    the war"): such a toll is not the toll of one event."""
    if (war := _toll_of(ctx, number)) is not None:
        return war
    sentence = ctx.sentence(number)
    for since in (t for t in sentence if t.lower_ == "since" and t.dep_ == "prep"):
        begun = next((c for c in since.children if c.dep_ == "pobj"), None)
        if begun is not None and begun.lemma_.lower() in ctx.lex.start_nouns:  # "since the outbreak of ..."
            return f"since {begun.lemma_.lower()}"
    for t in ctx.timexes:
        if not (sentence.start_char <= t.start and t.end <= sentence.end_char) or not t.value:
            continue
        if t.type == "DURATION" and re.search(r"\d+(?:Y|DE|CE)$|P\d+Y", t.value):
            return t.value
        before = re.findall(r"[a-z]+", ctx.text[max(0, t.start - 12):t.start].lower())
        if t.type == "DATE" and before and before[-1] == "since":
            return f"since {t.value}"
    return None


def _toll_of(ctx: Context, number: Token) -> str | None:
    """The long event (`long_event_nouns`: a war, an occupation) a count is told within: a clause
    said of it ("the war, in which 58,000 Americans died") or a phrase on the count's verb ("died in
    the war")."""
    token = number
    for _ in range(6):
        verb = token.head
        if verb.i == token.i:
            return None
        if verb.pos_ in ("VERB", "AUX"):
            if verb.dep_ == "relcl":  # said of its head, or of the noun just before "in which"
                before = next((t for t in reversed(ctx.doc[max(0, verb.left_edge.i - 3):verb.left_edge.i])
                               if not t.is_punct), None)
                for noun in (verb.head, before):
                    if noun is not None and noun.lemma_.lower() in ctx.lex.long_event_nouns:
                        return noun.lemma_.lower()
            within = (p.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                      for p in c.children if p.dep_ == "pobj")
            return next((noun for noun in within if noun in ctx.lex.long_event_nouns), None)
        token = verb
    return None
