"""The regime a description stands for where a source names it by its rulers ("the mullahs"): the
government named before it, else the government of the ruler or country whose organ was named last."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from rashomon.extract.labels.words import heads
from rashomon.extract.organs import OWNED, owned_by
from rashomon.records import Mention


def government(mentions: Sequence[Mention], organs: Sequence[Mention], token: Token) -> Mention | None:
    """The regime "the mullahs" stand for: the last government named before them ("the Zarani
    regime ... The mullahs' spokesmen"); where the account names none, the government of the
    ruler or country whose other organ it named last ("Zarani's forces
    ... the mullahs": Zarani's regime, keyed as that regime's name is elsewhere)."""
    h, named = heads(), (*mentions, *organs)
    ruling = [m for m in named if m.end <= token.idx
              and (owned := owned_by(m.key)) is not None and owned[0] in h.ruling_organs]
    if ruling:
        return max(ruling, key=lambda m: m.end)
    groups = {m.key for m in mentions if m.type not in ("PERSON", "GPE")}  # a group's forces make no regime
    owned_organs = [o for o in named if o.end <= token.idx
                    and (owned := owned_by(o.key)) is not None and owned[1] and owned[1] not in groups]
    if not owned_organs:
        return None
    last = max(owned_organs, key=lambda m: m.end)
    owner = owned_by(last.key)[1]
    return Mention(last.start, last.end, last.text, "ORG", f"{_ruling_kind(named, owner)}{OWNED}{owner}")


def _ruling_kind(named: Sequence[Mention], owner: str) -> str:
    """The kind of organ a ruler's regime is keyed by: the ruling organ of theirs the account names
    first, after "the mullahs" ("... the mullahs ... Kazemi's government"), else the first kind
    labels.yaml lists (`ruling_organs`), as the regime's name is keyed in other accounts."""
    h = heads()
    kinds = [(m.start, owned[0]) for m in named
             if (owned := owned_by(m.key)) is not None and owned[1] == owner and owned[0] in h.ruling_organs]
    return min(kinds)[1] if kinds else h.ruling_organs[0]
