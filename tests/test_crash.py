"""Crash safety: `rashomon analyze` killed with SIGKILL at random moments, over and over, leaves a
store that opens, passes SQLite's integrity check and holds each document whole or not at all;
a rerun completes the corpus. Half the kills land anywhere in a run, half while it writes."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from rashomon.store import DOCUMENT_TABLES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "accounts"
KILLS = 10


def _corpus(folder: Path) -> Path:
    """Forty accounts: the text examples, each under twenty different closing lines."""
    folder.mkdir()
    for n, source in enumerate(sorted([*EXAMPLES.glob("*.txt"), *EXAMPLES.glob("*.md")]) * 20):
        (folder / f"{n:02}-{source.name}").write_text(f"{source.read_text()}\nDispatch {n} from the desk.\n")
    return folder


def _cli(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "rashomon.cli", "analyze", str(corpus), "--db", str(db)]


def _env() -> dict:
    return os.environ | {"PYTHONPATH": str(ROOT / "src")}


def per_document(db: Path) -> dict[str, tuple[int, ...]]:
    """For each stored document, how many rows it has in every per-document table."""
    with sqlite3.connect(db) as con:
        docs = [r[0] for r in con.execute("SELECT id FROM document")]
        return {d: tuple(con.execute(f"SELECT count(*) FROM {t} WHERE doc=?", (d,)).fetchone()[0]
                         for t in DOCUMENT_TABLES) for d in docs}


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA integrity_check").fetchone()[0]


def test_analyze_killed_at_random_moments_loses_nothing_and_a_rerun_completes(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    reference = tmp_path / "reference.db"
    started = time.perf_counter()
    subprocess.run(_cli(corpus, reference), env=_env(), check=True, capture_output=True, timeout=600)
    clean_run = time.perf_counter() - started  # kills are spread over as long as a whole run takes
    expected = per_document(reference)
    assert len(expected) == 40 and all(sum(c) > 0 for c in expected.values())

    rng, survived, partial, moments = random.Random(), 0, [], []
    for n in range(KILLS):
        db = tmp_path / f"killed-{n}.db"
        proc = subprocess.Popen(_cli(corpus, db), env=_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        started = time.perf_counter()
        if n % 2:  # at a random moment of the run
            time.sleep(rng.uniform(0.3, clean_run))
        else:  # a random moment after the first document is stored: in the middle of writing
            while time.perf_counter() - started < 2 * clean_run and not _holds_documents(db):
                time.sleep(0.02)
            time.sleep(0 if n == 0 else rng.uniform(0, 0.3))  # the first at once: a half-done corpus
        moments.append(round(time.perf_counter() - started, 2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if not db.exists():
            continue  # killed before the store was created
        assert integrity(db) == "ok", moments
        stored = per_document(db)
        assert set(stored) <= set(expected), moments
        half = {d: (c, expected[d]) for d, c in stored.items() if c != expected[d]}
        assert not half, (half, moments)  # whole or absent
        survived += 1
        if 0 < len(stored) < len(expected):
            partial.append(db)
    assert survived >= KILLS // 2 and partial, (survived, len(partial), moments)

    db = partial[0]
    done = subprocess.run(_cli(corpus, db), env=_env(), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert integrity(db) == "ok"
    assert per_document(db) == expected
    with sqlite3.connect(db) as a, sqlite3.connect(reference) as b:
        for table in ("entity", "entity_key", "finding", "skip"):  # corpus-wide results as a clean run's
            assert a.execute(f"SELECT count(*) FROM {table}").fetchone() == \
                b.execute(f"SELECT count(*) FROM {table}").fetchone(), table


def _holds_documents(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return con.execute("SELECT count(*) FROM document").fetchone()[0] > 0
    except sqlite3.OperationalError:  # not created yet
        return False
