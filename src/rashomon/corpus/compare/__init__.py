"""Compare: lay the sources side by side and say where they agree, differ, contradict each other
or themselves, and what only one of them says. It never decides who is right.

The claims every document made (extract/claims.py) are read with their entities resolved
(`said`), grouped by frame, so that only claims about one thing meet (`frames`), and judged by
their intervals (`judge`): values that cannot both be true conflict, different values that can
both be true are compatible, one figure several independent stories give is an agreement, a claim
only one story makes is uncorroborated. Republished copies of one story count once (`stories`).
"""

from __future__ import annotations

from rashomon.corpus.compare import frames
from rashomon.corpus.compare.judge import KIND_ORDER, Findings
from rashomon.corpus.compare.said import read_claims
from rashomon.records import Finding
from rashomon.store import Store

__all__ = ["KIND_ORDER", "compare"]


def compare(store: Store) -> list[Finding]:
    """Findings over every document in the store, ranked so that conflicts on central events come
    first; they replace the store's previous findings."""
    claims = list(read_claims(store))
    entities = list(store.rows("entity"))
    documents = {d["id"]: d["publisher"] or d["title"] or d["file"] for d in store.rows("document")}
    out = Findings({e["id"]: e["name"] for e in entities}, documents, {e["id"]: e["type"] for e in entities},
                   {e["id"] for e in entities if e["type"] in ("GPE", "LOC", "FAC") and e["place_kind"] != "country"})
    frames.starts(claims, out)
    frames.starts(claims, out, "time")
    frames.durations(claims, out)
    frames.dated_actions(claims, out)
    frames.places(claims, out)
    frames.same_day(claims, out)
    frames.counts(claims, out)
    frames.actors(claims, out)
    frames.weekdays(claims, out)
    findings = out.ranked()
    store.replace_findings(findings)
    return findings
