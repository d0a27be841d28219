"""Concurrent use: `analyze` runs writing one store at once, and readers (the export, the report,
read-only Store queries, as the web app will make) while they write: no error, no document lost
or doubled, none seen half-written.

The web app (`rashomon serve`) is not in this branch; its reads go through `Store(readonly=True)`,
which is what the reader here uses."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from rashomon.ingest.read import read_file
from rashomon.outputs.export import to_dict
from rashomon.outputs.report import render
from rashomon.store import DOCUMENT_TABLES, Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "accounts"


def _accounts(folder: Path, numbers: range) -> Path:
    """Text accounts numbered `numbers`: the same number gives the same text in every folder."""
    folder.mkdir()
    bases = sorted([*EXAMPLES.glob("*.txt"), *EXAMPLES.glob("*.md")])
    for n in numbers:
        base = bases[n % len(bases)]
        (folder / f"{n:02}-{base.name}").write_text(f"{base.read_text()}\nDispatch {n} from the desk.\n")
    return folder


def _start(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", str(corpus), "--db", str(db)],
                            env=os.environ | {"PYTHONPATH": str(ROOT / "src")},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _ids(*folders: Path) -> set[str]:
    return {s.id for f in folders for p in sorted(f.iterdir()) for s in read_file(p)}


def _per_document(db: Path) -> dict[str, tuple[int, ...]]:
    with sqlite3.connect(db) as con:
        return {d: tuple(con.execute(f"SELECT count(*) FROM {t} WHERE doc=?", (d,)).fetchone()[0]
                         for t in DOCUMENT_TABLES) for (d,) in con.execute("SELECT id FROM document")}


def _by_base(db: Path) -> dict[str, set[tuple[int, ...]]]:
    """Row counts of the documents grouped by the example they were made from: one shape per example."""
    with sqlite3.connect(db) as con:
        base_of = {d: f.split("-", 1)[1] for d, f in con.execute("SELECT id, file FROM document")}
    shapes = defaultdict(set)
    for doc, counts in _per_document(db).items():
        shapes[base_of[doc]].add(counts)
    return shapes


def test_two_analyze_runs_on_one_store_with_a_reader_lose_and_double_nothing(tmp_path):
    first = _accounts(tmp_path / "first", range(0, 24))
    second = _accounts(tmp_path / "second", range(12, 36))  # 12 accounts in both
    db = tmp_path / "shared.db"
    runs = [_start(first, db), _start(second, db)]
    reads, errors, seen_docs = 0, [], 0
    while any(r.poll() is None for r in runs):
        if not db.exists():
            time.sleep(0.1)
            continue
        try:
            with Store(db, readonly=True) as store:
                data = to_dict(store) if reads % 2 else None
                html = render(store) if not reads % 2 else ""
                docs = list(store.rows("document"))
                for d in docs:  # a document a reader sees is whole: it has its segments and mentions
                    assert store.db.execute("SELECT count(*) FROM segment WHERE doc=?", (d["id"],)).fetchone()[0]
                    assert store.db.execute("SELECT count(*) FROM mention WHERE doc=?", (d["id"],)).fetchone()[0]
                seen_docs = max(seen_docs, len(docs))
                assert data is None or len(data["documents"]) <= 36
                assert html is not None
            reads += 1
        except Exception as e:  # a reader must never fail while a writer works: collect, then report
            if "schema version none" in str(e) or "no such table" in str(e):
                continue  # the store is still being created by the first writer
            errors.append(repr(e))
    outputs = [r.communicate() for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert not errors, errors[:5]
    assert reads >= 5 and seen_docs > 0
    assert set(_per_document(db)) == _ids(first, second)  # 36 documents: none lost, none doubled
    assert len(_per_document(db)) == 36
    assert all(len(shapes) == 1 for shapes in _by_base(db).values())  # each whole, as its siblings
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM skip").fetchone()[0] == 0


def test_three_runs_of_the_same_corpus_at_once_store_it_once(tmp_path):
    corpus = _accounts(tmp_path / "corpus", range(0, 12))
    db = tmp_path / "shared.db"
    runs = [_start(corpus, db) for _ in range(3)]
    outputs = [r.communicate(timeout=600) for r in runs]
    assert [r.returncode for r in runs] == [0, 0, 0], outputs
    assert set(_per_document(db)) == _ids(corpus)
    assert all(len(shapes) == 1 for shapes in _by_base(db).values())
    with Store(db, readonly=True) as store:
        exported = to_dict(store)
    assert len(exported["documents"]) == 12
    assert len({e["id"] for e in exported["entities"]}) == len(exported["entities"])


def _foreign(data: dict) -> dict[str, int]:
    """Records of an export that name a document missing from the export's own document list,
    and references to records it does not hold, by list."""
    docs = {d["id"] for d in data["documents"]}
    ids = {r["id"] for name in ("timexes", "quantities", "citations", "quotes", "events") for r in data[name]}
    foreign = {name: sum(r["doc"] not in docs for r in data[name])
               for name in ("timexes", "quantities", "citations", "quotes", "events", "labels", "framing")}
    foreign["mentions"] = sum(m["doc"] not in docs for e in data["entities"] for m in e["mentions"])
    foreign["claims"] = sum(c["doc"] not in docs for f in data["findings"] for c in f["claims"])
    foreign["references"] = sum(ref not in ids for e in data["events"] for ref in
                                [e["time"], e["duration"], *e["quantities"]] if ref)
    return {name: n for name, n in foreign.items() if n}


def _exports_during_a_run(db: str, corpus: Path) -> list[tuple[int, dict]]:
    """Export the store over and over while `analyze` writes it; each export's document count
    and its foreign records."""
    run = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", str(corpus), "--db", db, "--workers", "1"],
                           env=os.environ | {"PYTHONPATH": str(ROOT / "src")}, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    seen = []
    while run.poll() is None:
        try:
            with Store(db, readonly=True) as store:
                data = to_dict(store)
        except Exception as e:  # the first writer is still creating the store
            if "schema version none" in str(e) or "no store" in str(e) or "no such table" in str(e):
                time.sleep(0.05)
                continue
            raise
        seen.append((len(data["documents"]), _foreign(data)))
    assert run.wait() == 0, run.communicate()[1][-2000:]
    return seen


def test_every_export_taken_during_a_run_is_one_moment_of_the_store(tmp_path):
    corpus = _accounts(tmp_path / "corpus", range(0, 36))
    seen = _exports_during_a_run(str(tmp_path / "store.db"), corpus)
    assert [foreign for _, foreign in seen if foreign] == []
    assert len(seen) >= 10 and any(0 < n < 36 for n, _ in seen), seen  # exports taken mid-run


def test_every_export_taken_during_a_run_on_postgres_is_one_moment(tmp_path, pg):
    corpus = _accounts(tmp_path / "corpus", range(0, 24))
    seen = _exports_during_a_run(pg, corpus)
    assert [foreign for _, foreign in seen if foreign] == []
    assert len(seen) >= 10 and any(0 < n < 24 for n, _ in seen), seen
