"""The command line when a user gets something wrong (issue 20): one line that says what and
where, never a traceback; a manifest's mistakes cost the field, not the manifest; a corrected
manifest is applied without analysing again; titles never show the folders a file was given with."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli import app

runner = CliRunner()
ACCOUNT = ("Rebel units crossed the Narew river on 12 May 2003, the regional governor said.\n"
           "The governor said 14 soldiers were killed in the fighting near the crossing.\n")
OTHER = ("The army said on 13 May 2003 that rebel units crossed the Narew river.\n"
         "According to the army, 9 soldiers were killed near the crossing.\n")


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def said(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "deep" / "private"
    folder.mkdir(parents=True)
    (folder / "governor.txt").write_text(ACCOUNT)
    (folder / "army.txt").write_text(OTHER)
    db = folder.parent / "s.db"
    assert run("analyze", folder, "--db", db, "--workers", "1").exit_code == 0
    return db


def test_bad_output_paths_are_one_line_each(store, tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.csv").write_text("x")
    cases = [(("export", "-o", tmp_path / "missing" / "x.json"), "does not exist"),
             (("export", "-f", "geojson", "-o", tmp_path / "missing" / "x.geojson"), "does not exist"),
             (("export", "-o", tmp_path / "folder"), "is a folder"),
             (("export", "-f", "csv", "-o", tmp_path / "file.csv"), "is a file"),
             (("export", "-f", "timeml", "-o", tmp_path / "file.csv"), "is a file"),
             (("report", "-o", tmp_path / "missing" / "r.html"), "does not exist"),
             (("report", "-o", tmp_path / "folder"), "is a folder")]
    for args, words in cases:
        result = run(*args, "--db", store)
        assert result.exit_code == 2, args
        assert len(said(result)) == 1 and words in result.output and "Traceback" not in result.output, args
    assert (tmp_path / "file.csv").read_text() == "x" and not (tmp_path / "missing").exists()
    assert run("export", "-f", "csv", "-o", tmp_path / "new" / "tables", "--db", store).exit_code == 0


def test_findings_kind_must_be_a_kind(store):
    wrong = run("findings", "-k", "conflicts", "--db", store)
    assert wrong.exit_code == 2 and "conflicts" in wrong.output and "self_contradiction" in wrong.output
    assert run("findings", "-k", "conflict", "--db", store).exit_code == 0


def test_a_bad_date_costs_that_field_and_a_misspelt_field_is_named(tmp_path):
    (tmp_path / "a.txt").write_text(ACCOUNT)
    (tmp_path / "b.txt").write_text(OTHER)
    (tmp_path / "m.yaml").write_text("sources:\n"
                                     "  - file: a.txt\n"
                                     "    title: Governor's statement\n"
                                     "    published: 2003-02-30\n"
                                     "  - file: b.txt\n"
                                     "    publsher: Army press office\n"
                                     "    published: 2003-05-14\n")
    db = tmp_path / "d.db"
    result = run("analyze", tmp_path / "a.txt", tmp_path / "b.txt", "--sources", tmp_path / "m.yaml", "--db", db,
                 "--workers", "1")
    out = " ".join(result.output.split())
    assert "line 4" in out and "2003-02-30" in out
    assert "line 6" in out and "publsher" in out and "did you mean 'publisher'?" in out
    with sqlite3.connect(db) as con:
        rows = dict(con.execute("SELECT title, published FROM document WHERE file LIKE '%a.txt'").fetchall())
        assert rows == {"Governor's statement": None}  # the title kept, only the bad date left out
        assert con.execute("SELECT published FROM document WHERE file LIKE '%b.txt'").fetchone()[0] == "2003-05-14"


def test_a_corrected_manifest_is_applied_without_force(tmp_path):
    (tmp_path / "a.txt").write_text(ACCOUNT)
    db, manifest = tmp_path / "d.db", tmp_path / "m.yaml"
    manifest.write_text("sources:\n  - file: a.txt\n    publisher: Wrong name\n")
    run("analyze", tmp_path / "a.txt", "--sources", manifest, "--db", db, "--workers", "1")
    with sqlite3.connect(db) as con:
        mentions = con.execute("SELECT count(*) FROM mention").fetchone()[0]
    manifest.write_text("sources:\n  - file: a.txt\n    publisher: Regional Governor's Office\n"
                        "    published: 2003-05-12\n")
    again = run("analyze", tmp_path / "a.txt", "--sources", manifest, "--db", db, "--workers", "1")
    assert again.exit_code == 0 and "metadata updated" in again.output
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT publisher, published, published_from FROM document").fetchone() == (
            "Regional Governor's Office", "2003-05-12", "metadata")
        assert con.execute("SELECT count(*) FROM mention").fetchone()[0] == mentions


def test_titles_and_pages_never_show_the_folders_typed(store, tmp_path):
    report = tmp_path / "r.html"
    assert run("report", "--db", store, "-o", report).exit_code == 0
    page = report.read_text()
    assert "governor.txt" in page and "army.txt" in page
    assert "private" not in page and "deep" not in page
    table = run("findings", "--db", store)
    assert "private" not in table.output


def test_serving_beyond_this_machine_needs_public(store):
    refused = run("serve", "--host", "0.0.0.0", "--db", store)
    assert refused.exit_code == 2 and "--public" in refused.output
    assert run("serve", "--host", "192.0.2.1", "--db", store).exit_code == 2


def test_first_run_says_it_builds_the_place_index_and_ctrl_c_says_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ACCOUNT)
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "fresh-cache"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", str(tmp_path / "a.txt"), "--db",
                             str(tmp_path / "d.db"), "--workers", "1"], env=env, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, start_new_session=True)
    first = proc.stderr.readline()
    assert "building the index of places" in first
    time.sleep(1)
    os.killpg(proc.pid, signal.SIGINT)
    rest = proc.communicate(timeout=30)[1]
    assert proc.returncode == 130 and rest.strip() == "interrupted: 0 documents stored, run again to continue"
