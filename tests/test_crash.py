"""Crash safety: `rashomon analyze` killed with SIGKILL (its whole process group: the run, the
forkserver and the workers) over and over, with 1 and 2 workers, leaves a store that opens,
passes SQLite's integrity check and holds each document whole or not at all, and the corpus-wide
results (entities, findings) whole or not at all; a rerun completes the corpus, and its export
is a clean run's. Half the kills land while documents are committed, half in the corpus-wide
steps (resolve, compare) of a run over a store that holds every document."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path

from rashomon.store import DOCUMENT_TABLES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "accounts"
ENV = os.environ | {"PYTHONPATH": str(ROOT / "src")}
KILLS_WRITING = 24  # half with 1 worker, half with 2
KILLS_CORPUS_WIDE = 28
ATTEMPTS = 4  # runs tried for one kill in the corpus-wide steps before it counts as missed
CORPUS_WIDE = ("entity", "entity_key", "finding")


def _corpus(folder: Path) -> Path:
    """Forty accounts: the text examples, each under twenty different closing lines."""
    folder.mkdir()
    for n, source in enumerate(sorted([*EXAMPLES.glob("*.txt"), *EXAMPLES.glob("*.md")]) * 20):
        (folder / f"{n:02}-{source.name}").write_text(f"{source.read_text()}\nDispatch {n} from the desk.\n")
    return folder


def _command(corpus: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "rashomon.cli", "analyze", str(corpus), "--db", str(db), "--workers", str(workers)]


def _run(corpus: Path, db: Path, workers: int) -> subprocess.CompletedProcess:
    return subprocess.run(_command(corpus, db, workers), env=ENV, capture_output=True, timeout=600)


def _start(corpus: Path, db: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen(_command(corpus, db, workers), env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _kill(proc: subprocess.Popen) -> bool:
    """SIGKILL the run's whole process group; whether it was still running."""
    running = proc.poll() is None
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return running


def per_document(db: Path) -> dict[str, tuple[int, ...]]:
    """For each stored document, how many rows it has in every per-document table."""
    with sqlite3.connect(db) as con:
        docs = [r[0] for r in con.execute("SELECT id FROM document")]
        return {d: tuple(con.execute(f"SELECT count(*) FROM {t} WHERE doc=?", (d,)).fetchone()[0]
                         for t in DOCUMENT_TABLES) for d in docs}


def corpus_wide(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall()) for t in CORPUS_WIDE}


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA integrity_check").fetchone()[0]


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _without_corpus_wide(reference: Path, db: Path) -> Path:
    """A copy of a whole store with its entities and findings taken away, for resolve and
    compare to write again."""
    shutil.copy(reference, db)
    with sqlite3.connect(db) as con:
        for table in CORPUS_WIDE:
            con.execute(f"DELETE FROM {table}")
    return db


def _export(db: Path) -> dict:
    from rashomon.outputs.export import to_dict
    from rashomon.store import Store

    with Store(db, readonly=True) as store:
        return json.loads(json.dumps(to_dict(store)))


def test_analyze_killed_at_random_moments_loses_nothing_and_a_rerun_completes(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    reference = tmp_path / "reference.db"
    assert _run(corpus, reference, 1).returncode == 0
    with sqlite3.connect(reference) as con:  # one file, to copy
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    expected, expected_wide = per_document(reference), corpus_wide(reference)
    assert len(expected) == 40 and all(sum(c) > 0 for c in expected.values()) and expected_wide["finding"]
    calibration = _without_corpus_wide(reference, tmp_path / "calibration.db")
    started = time.monotonic()
    assert _run(corpus, calibration, 1).returncode == 0
    whole_run = time.monotonic() - started  # a run over a store that holds every document

    def writing(n: int) -> tuple[bool, Path | None]:
        return _kill_while_writing(corpus, tmp_path / f"writing-{n}.db", 1 + n % 2, expected, random.Random(n))

    def in_steps(n: int) -> tuple[bool, bool]:
        rng = random.Random(n)
        for attempt in range(ATTEMPTS):  # a run that ended before its kill (the machine got faster than
            # when `whole_run` was measured) is run again and killed sooner: every kill counts
            db = _without_corpus_wide(reference, tmp_path / f"wide-{n}.db")
            killed, inside = _kill_in_corpus_wide_steps(corpus, db, 1 + n % 2, n % 2 == 1, whole_run / 2 ** attempt,
                                                        expected, expected_wide, rng)
            if killed:
                break
        return killed, inside

    with ThreadPoolExecutor(2) as pool:  # two runs at a time: the machine's two cores
        wrote = list(pool.map(writing, range(KILLS_WRITING)))
        wide = list(pool.map(in_steps, range(KILLS_CORPUS_WIDE)))
    killed = sum(k for k, _ in wrote) + sum(k for k, _ in wide)
    partial = [db for _, db in wrote if db]
    inside = sum(i for _, i in wide)  # kills after resolve committed, before compare did
    assert killed >= 50 and inside >= 3 and partial, (killed, inside, len(partial))

    db = partial[0]
    done = _run(corpus, db, 2)
    assert done.returncode == 0, done.stderr[-2000:]
    assert integrity(db) == "ok"
    assert per_document(db) == expected
    assert _export(db) == _export(reference)  # the same export as a clean run


def _kill_while_writing(corpus: Path, db: Path, workers: int, expected: dict, rng: random.Random,
                        ) -> tuple[bool, Path | None]:
    """Kill a run over a new store soon after its first document is committed: in the middle of
    writing documents. Whether it was killed running, and the store when it holds part of the corpus."""
    proc = _start(corpus, db, workers)
    started = time.monotonic()
    while time.monotonic() - started < 120 and not _count(db, "document") and proc.poll() is None:
        time.sleep(0.01)
    time.sleep(rng.uniform(0, 0.25))
    killed = _kill(proc)
    if not db.exists():
        return killed, None
    assert integrity(db) == "ok", db
    stored = per_document(db)
    assert set(stored) <= set(expected), db
    half = {d: (c, expected[d]) for d, c in stored.items() if c != expected[d]}
    assert not half, (db, half)  # whole or absent
    return killed, db if 0 < len(stored) < len(expected) else None


def _kill_in_corpus_wide_steps(corpus: Path, db: Path, workers: int, after_resolve: bool, whole_run: float,
                               expected: dict, expected_wide: dict, rng: random.Random) -> tuple[bool, bool]:
    """Kill a run over a store that holds every document, so it goes straight to resolve and
    compare: once resolve has committed its entities (during compare), or at a random moment in
    the last part of the run, where resolve and compare are. Whether it was killed running, and
    whether it was killed after resolve had committed and before compare had."""
    proc = _start(corpus, db, workers)
    started = time.monotonic()
    if after_resolve:
        while time.monotonic() - started < 60 and not _count(db, "entity") and proc.poll() is None:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.1))
    else:
        time.sleep(rng.uniform(0.6, 1.0) * whole_run)
    killed = _kill(proc)
    assert integrity(db) == "ok", db
    assert per_document(db) == expected, db
    wide = corpus_wide(db)
    for table in CORPUS_WIDE:  # each step's result whole, or not there at all
        assert wide[table] in ([], expected_wide[table]), (db, table, len(wide[table]))
    db.unlink()
    return killed, bool(wide["entity"]) and not wide["finding"]
