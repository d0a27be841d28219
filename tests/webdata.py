"""Stores for the web tests: the sample accounts as analysed, plus, for the pages that show
later stages (dates, events, places, findings), rows written here as test data.

The enrichment is generic over the sample texts (it finds "March 14"-style dates and sentences
with killed/died counts by pattern) and stands in for the time, places, events and compare
stages until they land; it never claims to be their output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rashomon import analyze
from rashomon.records import Claim, Finding
from rashomon.store import Store

from .conftest import EXAMPLES

MONTH_DAY = re.compile(r"March (\d{1,2})(?:, (\d{4}))?")
DEATHS = re.compile(r"[^.\n]*\b(killed|died|killing|bodies)\b[^.\n]*[.]?")
PLACES = {"tarvand-bridge": (27.18, 56.27), "golzar": (27.2, 56.35)}  # test coordinates for fictional places


def sample_store(folder: Path, enrich: bool = True, extra: list[Path] = ()) -> Path:
    """Analyse examples/accounts (and `extra` files) into folder/sample.db; with `enrich`, add test rows."""
    db = folder / "sample.db"
    with analyze([EXAMPLES, *extra], db=db, sources=EXAMPLES / "sources.yaml"):
        pass
    if enrich:
        with Store(db) as store:
            _enrich(store)
    return db


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0, text.rfind("\n", 0, start) + 1)
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _enrich(store: Store) -> None:
    db = store.db
    db.execute("BEGIN")
    for key, (lat, lon) in PLACES.items():
        db.execute("UPDATE entity SET lat=?, lon=?, place_kind='town', kb_id='Q1' WHERE id=?", (lat, lon, key))
    date_claims, death_claims = [], []
    for doc in store.rows("document"):
        text, n = doc["text"], 0
        for m in MONTH_DAY.finditer(text):
            day = f"2019-03-{int(m.group(1)):02}"
            db.execute("INSERT INTO timex (doc, n, start, \"end\", text, type, value, earliest, latest) "
                       "VALUES (?, ?, ?, ?, ?, 'DATE', ?, ?, ?)", (doc["id"], n, m.start(), m.end(), m.group(), day,
                                                                     day, day))
            s, e = _sentence(text, m.start(), m.end())
            db.execute("INSERT INTO event (doc, n, start, \"end\", text, type, place_keys, time, date, quantities, "
                       "source_kind, negated, hedged) "
                       "VALUES (?, ?, ?, ?, ?, 'ASSAULT', ?, ?, ?, '[]', 'document', 0, 0)",
                       (doc["id"], n, s, e, text[s:e], '["tarvand-bridge"]', n, day))
            if n == 0:
                date_claims.append(Claim(doc=doc["id"], event=f"{doc['id']}:event:0", value=day, start=s, end=e,
                                         text=text[s:e]))
            n += 1
        db.execute("INSERT INTO timex (doc, n, start, \"end\", text, type, value, earliest, latest) VALUES "
                   "(?, ?, 0, 5, ?, 'DATE', '2019-03', '2019-03-01', '2019-03-31')", (doc["id"], n, text[:5]))
        for m in DEATHS.finditer(text):
            q = db.execute("SELECT value, low, high FROM quantity WHERE doc=? AND start>=? AND \"end\"<=? "
                           "ORDER BY start", (doc["id"], m.start(), m.end())).fetchone()
            if q:
                s, e = m.start() + len(m.group()) - len(m.group().lstrip()), m.end()
                death_claims.append(Claim(doc=doc["id"], event=None, value=q[0] if q[0] is not None else [q[1], q[2]],
                                          start=s, end=e, text=text[s:e]))
                break
    db.execute("COMMIT")
    findings = [Finding(id="f-deaths", kind="conflict", subject="people killed at Tarvand Bridge",
                        attribute="quantity", entity="tarvand-bridge", claims=tuple(death_claims),
                        explanation="The sources give death tolls that no single interval contains."),
                Finding(id="f-start", kind="conflict", subject="start date of the seizure of Tarvand Bridge",
                        attribute="date", entity="tarvand-bridge", claims=tuple(date_claims),
                        explanation="One source dates the seizure a day earlier than the others."),
                Finding(id="f-alone", kind="uncorroborated", subject="withdrawal ordered by Daryoush Kamrani",
                        attribute="occurrence", entity=None, claims=tuple(date_claims[:1]),
                        explanation="Only one source says so.")]
    store.replace_findings(findings)
    assert json.loads(db.execute("SELECT claims FROM finding WHERE id='f-deaths'").fetchone()[0])
