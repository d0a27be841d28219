"""The command line as users run it: exit codes, messages, and a run killed mid-way."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from rashomon.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_all_read_exits_0_and_prints_the_summary(tmp_path):
    result = run("analyze", EXAMPLES, "--sources", EXAMPLES / "sources.yaml", "--db", tmp_path / "d.db")
    assert result.exit_code == 0, result.output
    assert "documents read" in result.output and "entities" in result.output


def test_a_skipped_input_is_named_with_its_reason_and_exits_1(tmp_path):
    (tmp_path / "good.txt").write_text("The siege of Sarajevo began in April 1992.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "notes.pages").write_bytes(b"PK")
    result = run("analyze", tmp_path, "--db", tmp_path / "d.db")
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "R001" in result.output
    assert "notes.pages" in result.output and "R006" in result.output
    export = run("export", "--db", tmp_path / "d.db", "-o", tmp_path / "out.json")
    assert export.exit_code == 0
    data = json.loads((tmp_path / "out.json").read_text())
    assert len(data["documents"]) == 1
    assert {s["code"] for s in data["skipped"]} == {"R001", "R006"}


def test_manifest_naming_a_missing_file_is_reported_not_fatal(tmp_path):
    (tmp_path / "a.txt").write_text("Troops entered the town on 3 May.")
    (tmp_path / "m.yaml").write_text("sources:\n  - file: a.txt\n    publisher: Daily\n  - file: gone.txt\n")
    result = run("analyze", tmp_path / "a.txt", "--sources", tmp_path / "m.yaml", "--db", tmp_path / "d.db")
    assert result.exit_code == 1 and "gone.txt" in result.output and "R008" in result.output


def test_usage_errors_exit_2(tmp_path):
    assert run("analyze").exit_code == 2
    assert run("export", "--db", tmp_path / "none.db").exit_code == 2
    assert run("export", "--format", "xml", "--db", tmp_path / "none.db").exit_code == 2
    assert run("analyze", tmp_path, "--sources", tmp_path / "missing.yaml").exit_code == 2


def test_running_twice_stores_nothing_twice(tmp_path):
    db = tmp_path / "d.db"
    run("analyze", EXAMPLES, "--db", db)
    second = run("analyze", EXAMPLES, "--db", db)
    assert second.exit_code == 0
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM document").fetchone()[0] == 4


def test_a_killed_run_leaves_each_document_whole_or_absent(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = (EXAMPLES / "harbor-gazette.txt").read_text()
    for n in range(300):
        (corpus / f"{n:03}.txt").write_text(f"Report number {n}.\n{base}")
    db = tmp_path / "d.db"
    cmd = [sys.executable, "-m", "rashomon.cli", "analyze", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and not _stored(db):
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = con.execute("SELECT count(*) FROM document").fetchone()[0]
        assert 0 < stored < 300
        # every stored document has its segments and mentions; none is half-written
        per_doc = con.execute("SELECT d.id, (SELECT count(*) FROM segment s WHERE s.doc=d.id), "
                              "(SELECT count(*) FROM mention m WHERE m.doc=d.id) FROM document d").fetchall()
    assert len({(segs, ments) for _, segs, ments in per_doc}) == 1 and per_doc[0][1] > 0
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM document").fetchone()[0] == 300


def _stored(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return con.execute("SELECT count(*) FROM document").fetchone()[0] >= 5
    except sqlite3.OperationalError:
        return False


def test_a_file_that_is_not_a_store_is_a_usage_error_not_a_traceback(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 50)
    result = run("export", "--db", bogus)
    assert result.exit_code == 2 and "notes.db" in result.output and "Traceback" not in result.output
    assert run("analyze", EXAMPLES, "--db", bogus).exit_code == 2


def test_a_stage_failing_on_a_document_keeps_the_document_and_says_so(tmp_path, monkeypatch):
    import rashomon.extract.quotes

    def broken(*args, **kwargs):  # fault injection: a defect in one stage
        raise ValueError("injected defect")

    monkeypatch.setattr(rashomon.extract.quotes, "find_quotes", broken)
    (tmp_path / "a.txt").write_text("Rebels captured Mosul on June 10, 2014, officials said.\n")
    result = run("analyze", tmp_path / "a.txt", "--db", tmp_path / "d.db")
    assert result.exit_code == 0 and "R017" in result.output and "quotes" in result.output
    with sqlite3.connect(tmp_path / "d.db") as con:
        assert con.execute("SELECT count(*) FROM document").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM timex").fetchone()[0] >= 1
