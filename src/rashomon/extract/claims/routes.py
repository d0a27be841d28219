"""Routes: "a flight from A to B", "flying from A (in the south) to B", "on the way from A via B to
C": the places a journey went from, through and to, in that order. Accounts of a journey that
ended in disaster (an airliner, a convoy, a ferry) agree or not on where it was going."""

from __future__ import annotations

from spacy.tokens import Token

from rashomon.extract.claims.context import Context
from rashomon.records import Claim

STOPS = ("to", "via")  # the words that name the next place of a route after its "from"
REACH = 12  # tokens after "from" a route's last place may be


def route_claims(ctx: Context) -> list[Claim]:
    """A "route" claim for each "from" place followed by "to" or "via" places in one clause, where
    "from" hangs on a word of journeys (`route_heads` in data/claims.yaml); its value is the places'
    keys in the order the route passes them, "via" places before the destination."""
    out = []
    for t in ctx.doc:
        if t.lower_ != "from" or ctx.blocked_at(t.idx) or not _journey(ctx, t):
            continue
        origin = _place_after(ctx, t)
        if origin is None:
            continue
        ahead, via, last = [], [], t
        for u in ctx.doc[t.i + 1:min(len(ctx.doc), t.i + REACH)]:
            if u.is_sent_start or u.text in (",", ";", ".") or (
                    u.pos_ in ("VERB", "AUX") and u.i not in ctx.reader.mention_at):  # "Tromso" read as a verb
                break
            if u.lower_ in STOPS and (place := _place_after(ctx, u)) is not None:
                (via if u.lower_ == "via" else ahead).append(place.key)
                last = u
        if not ahead:
            continue
        keys = dict.fromkeys([origin.key, *via, *ahead])  # "to A via B" passes B on the way to A
        end = _place_end(ctx, last)
        out.append(Claim(start=t.idx, end=end, text=ctx.text[t.idx:end], attribute="route", value=" ".join(keys),
                         place_key=origin.key, target_key=ahead[-1]))
    return out


def _journey(ctx: Context, word: Token) -> bool:
    heads = (word.head, word.head.head)
    return any(h.lemma_.lower() in ctx.lex.route_heads or h.lower_ in ctx.lex.route_heads for h in heads)


def _place_after(ctx: Context, preposition: Token):
    """The place a preposition's object names, as a mention ("from Oslo"), else None."""
    if preposition.i + 1 >= len(ctx.doc):
        return None
    mention = ctx.reader.mention_at.get(preposition.i + 1)
    return mention if mention is not None and ctx.reader.is_place(mention) else None


def _place_end(ctx: Context, preposition: Token) -> int:
    return ctx.reader.mention_at[preposition.i + 1].end
