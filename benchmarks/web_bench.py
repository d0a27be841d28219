"""Page latency of the web app on a store of 10,000 generated documents (95th percentile per page).

The store is built quickly but from real analyses: a few hundred news-length texts generated as in
throughput.py go through the real pipeline (`analyze_document`), and copies of those analyses,
each with its own text and sha256, are added through `Store.add` until the store holds --docs
documents. The first copy of each text is resolved with the others; a later copy takes its
first's entity keys (what resolving them all gives, in seconds). Rows are then added so that every
page has plenty to show: three dates and two dated events per document (numbered after those the
stages found), coordinates for half the places, 2,000 findings. Pages are requested in-process
(FastAPI's TestClient, no network) in random order, searches among them, with the costliest
queries a user can type ("worst search"); the target is p95 < 200 ms for every page.

    python benchmarks/web_bench.py [--docs 10000] [--base 150] [--requests 60]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generate

TARGET_MS = 200


def build_store(db: Path, docs: int, base: int, folder: Path) -> None:
    """A store of `docs` documents: `base` analysed for real, the rest copies with their own text."""
    from rashomon.corpus.resolve import resolve
    from rashomon.ingest.parse import parse
    from rashomon.ingest.read import read_file
    from rashomon.pipeline import analyze_document
    from rashomon.records import Compared, Finding, Source
    from rashomon.store import Store

    generate(folder, base, 400)
    sources = [s for p in sorted(folder.glob("*.txt")) for s in read_file(p) if isinstance(s, Source)]
    perspectives = ["government", "armed group", "independent press", "eyewitness", "wire service"]
    analyses = [analyze_document(replace(s, perspective=perspectives[i % 5], publisher=f"Outlet {i % 37}",
                                         published=f"2019-03-{1 + i % 28:02}"), doc)
                for i, (s, doc) in enumerate(zip(sources, parse(s.text for s in sources), strict=True))]
    rng = random.Random(7)
    with Store(db) as store:
        # every text's first copy is resolved with the others; a later copy names what its first
        # names (its entity keys are those of the first): 10,000 documents resolve in seconds
        firsts, copies = [], []  # the first copy's id of each text; (copy, its first)
        for n in range(docs):
            a = analyses[n % len(analyses)]
            text = a.source.text + f"\nCopy {n}.\n"  # appended: every offset of the analysis still holds
            src = replace(a.source, text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), file=f"gen/{n:05}.txt")
            if n == len(analyses):
                resolve(store)
            store.add(replace(a, source=src))
            if n < len(analyses):
                firsts.append(src.id)
            else:
                copies.append((src.id, firsts[n % len(analyses)]))
        if not copies:
            resolve(store)
        store.db.execute("BEGIN")
        store.db.executemany("INSERT INTO entity_key SELECT ?, key, entity FROM entity_key WHERE doc = ?", copies)
        store.db.execute("COMMIT")
        ids = [r[0] for r in store.db.execute("SELECT id FROM document")]
        store.db.execute("BEGIN")
        places = [r[0] for r in store.db.execute("SELECT id FROM entity WHERE type IN ('GPE', 'LOC', 'FAC')")]
        for i, pid in enumerate(places[: max(1, len(places) // 2)]):
            store.db.execute("UPDATE entity SET lat=?, lon=? WHERE id=?", (25 + i % 10, 50 + i % 13, pid))
        last = {table: dict(store.db.execute(f"SELECT doc, max(n) FROM {table} GROUP BY doc").fetchall())
                for table in ("timex", "event")}
        dated: dict[str, int] = {}  # the first generated event of each document
        for doc in ids:  # three dates and two dated events per document, numbered after those the stages found
            first = {table: (last[table].get(doc) or 0) + 1 for table in last}
            dated[doc] = first["event"]
            for n in range(first["timex"], first["timex"] + 3):
                day = f"2019-03-{rng.randint(1, 28):02}"
                latest = day if n == first["timex"] else "2019-03-31"
                store.db.execute("INSERT INTO timex (doc, n, start, \"end\", text, type, value, earliest, latest) "
                                 "VALUES (?, ?, 0, 6, 'Report', 'DATE', ?, ?, ?)", (doc, n, day, day, latest))
            for n in range(first["event"], first["event"] + 2):
                store.db.execute(
                    "INSERT INTO event (doc, n, start, \"end\", text, type, place_keys, time, date, quantities, "
                    "source_kind, negated, hedged, onset) VALUES (?, ?, 0, 6, 'Report', 'ASSAULT', ?, ?, NULL, '[]', "
                    "'document', 0, 0, 0)", (doc, n, f'["{rng.choice(places)}"]' if places else "[]",
                                             first["timex"] + n - first["event"]))
        store.db.execute("COMMIT")
        kinds = ["conflict", "agreement", "uncorroborated", "compatible", "self_contradiction"]
        findings = []
        for n in range(2000):
            chosen = rng.sample(ids, rng.randint(1, 4))
            claims = tuple(Compared(doc=d, event=f"{d}:event:{dated[d]}", value=rng.randint(1, 99), start=0, end=6,
                                    text="Report") for d in chosen)
            findings.append(Finding(id=f"f{n}", kind=kinds[n % 5], subject=f"subject {n}", attribute="quantity",
                                    entity=rng.choice(places) if places else None, claims=claims, explanation="x"))
        store.replace_findings(findings)


def requests(db: Path, per_page: int) -> list[tuple[str, str]]:
    """(page kind, URL) pairs to request: each kind `per_page` times, with varied ids and filters."""
    import sqlite3

    rng = random.Random(11)
    with sqlite3.connect(db) as con:
        docs = [r[0] for r in con.execute("SELECT id FROM document")]
        entities = [r[0] for r in con.execute("SELECT entity, count(*) FROM entity_key k JOIN mention m "
                                              "ON m.doc = k.doc AND m.key = k.key GROUP BY entity ORDER BY 2 DESC")]
        kinds = [r[0] for r in con.execute("SELECT DISTINCT kind FROM finding")]
    words = ["bridge", "fighters", "Guard", "road", "killed", "statement", "Golzar", "coast", "border", "radio"]
    common = "the OR of OR and OR to OR a OR in OR on OR said OR was OR by OR at OR for OR with OR that OR from OR it"
    worst = [  # what costs a search most: one word 800 times (4 KB), every common word ORed, common phrases
        "bridge " * 800, common, '"the" "of" "and" "to" "a" "in" "on" "said"', '"of the" OR "in the" OR "on the"',
        " ".join(f"{w} OR" for w in words) + " the"]
    makers = {
        "sources": lambda: rng.choice(["/", f"/?page={rng.randint(1, 100)}", "/?perspective=government"]),
        "document": lambda: f"/documents/{rng.choice(docs)}",
        "entity": lambda: f"/entities/{rng.choice(entities[:10] + entities)}",  # the most named ones too
        "findings": lambda: rng.choice(["/findings", f"/findings?kind={rng.choice(kinds)}",
                                        f"/findings?source={rng.choice(docs)}",
                                        f"/findings?page={rng.randint(1, 40)}"]),
        "timeline": lambda: rng.choice(["/timeline", f"/timeline?page={rng.randint(1, 500)}",
                                        f"/timeline?source={rng.choice(docs)}"]),
        "map": lambda: rng.choice(["/map", f"/map?source={rng.choice(docs)}"]),
        "search": lambda: f"/search?q={'+'.join(rng.sample(words, rng.randint(1, 2)))}",
        "worst search": lambda: "/search?" + urlencode({"q": rng.choice(worst)}),
        "entities": lambda: rng.choice(["/entities", f"/entities?kind={rng.choice(['places', 'people', 'groups'])}",
                                        "/entities?name=a"]),
        "framing": lambda: "/framing",
    }
    makers["baseline"] = lambda: "/static/app.css"  # a static file through the same app and client
    out = [(kind, make()) for kind, make in makers.items() for _ in range(per_page)]
    rng.shuffle(out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--base", type=int, default=150, help="texts analysed by the real pipeline")
    ap.add_argument("--requests", type=int, default=60, help="requests per page kind")
    ap.add_argument("--store", type=Path, help="keep the generated store here (reused when it exists)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a page misses the target")
    args = ap.parse_args(argv)
    from fastapi.testclient import TestClient

    from rashomon.outputs.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        db = args.store or Path(tmp) / "web.db"
        start = time.perf_counter()
        reused = db.exists()
        if not reused:
            build_store(db, args.docs, args.base, folder)
        built = "reused" if reused else f"built in {time.perf_counter() - start:.0f} s"
        start = time.perf_counter()
        app = create_app(db)
        times: dict[str, list[float]] = {}
        with TestClient(app, base_url="http://127.0.0.1") as client:
            app.state.ready.wait()  # the search index and the corpus-wide facts, gathered as the server starts
            opened = time.perf_counter() - start
            for kind, url in requests(db, args.requests):
                t = time.perf_counter()
                response = client.get(url)
                times.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
                if response.status_code != 200:
                    print(f"{url}: HTTP {response.status_code}", file=sys.stderr)
                    return 1
    print(f"## Web app page latency ({args.docs:,} documents; store {built}, app ready with its search index "
          f"and corpus-wide facts in {opened:.1f} s)")
    p95 = {kind: statistics.quantiles(ms, n=20)[-1] for kind, ms in times.items()}
    base = p95.pop("baseline")
    print(f"{'page':<12} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p95 / static file':>18}  "
          f"target p95 < {TARGET_MS} ms")
    for kind, value in sorted(p95.items()):
        print(f"{kind:<12} {len(times[kind]):>8} {statistics.median(times[kind]):>8.1f} {value:>8.1f} "
              f"{value / base:>18.1f}  {'ok' if value < TARGET_MS else 'SLOW'}")
    print(f"{'baseline':<12} {len(times['baseline']):>8} {statistics.median(times['baseline']):>8.1f} {base:>8.1f}"
          f"{'':>20}  (GET /static/app.css)")
    return 0 if all(v < TARGET_MS for v in p95.values()) or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
