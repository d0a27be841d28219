"""Shared fixtures. Tests that need ../shared (gold, sample accounts, scorer) skip without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the shared sample accounts, gold and scorer: ../shared beside the repository, or where
# RASHOMON_SHARED says (a checkout elsewhere, such as a git worktree)
SHARED = Path(os.environ.get("RASHOMON_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.yaml"
SCORER = SHARED / "tools" / "score.py"
EXAMPLES = ROOT / "examples" / "accounts"
PG = os.environ.get("RASHOMON_TEST_PG")


@pytest.fixture
def compared(tmp_path):
    """Analyse texts given by name (a="...", b="...") as one corpus; returns the findings exported."""
    return lambda **texts: export_of(tmp_path, {f"{name}.txt": text for name, text in texts.items()})["findings"]


def export_of(folder: Path, articles: dict[str, str], **options) -> dict:
    """The JSON export of the articles (file name -> text), written to `folder` and analysed there
    as one corpus; `options` go to `analyze` (a sources manifest, ...)."""
    from rashomon import analyze

    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    with analyze([folder], db=folder / "r.db", **options) as corpus:
        return corpus.to_dict()


def entities(folder: Path, *texts: str) -> dict[str, dict]:
    """One account per text analysed as one corpus (`export_of`): each mention's text -> its
    exported entity."""
    export = export_of(folder, {f"{n}.txt": text + "\n" for n, text in enumerate(texts)})
    return {m["text"]: e for e in export["entities"] for m in e["mentions"]}


def need_shared() -> None:
    """Skip the calling test when ../shared (beside the repository) is absent."""
    if not (SEEDS.is_dir() and GOLD.is_file() and SCORER.is_file()):
        pytest.skip(f"needs the shared sample accounts, gold and scorer in {SHARED} (absent on users' machines)")


@pytest.fixture(scope="session")
def seeds_export(tmp_path_factory) -> Path:
    """The JSON export of the two sample accounts analysed with their sources manifest."""
    need_shared()
    from rashomon import analyze
    from rashomon.outputs.export import write_json

    folder = tmp_path_factory.mktemp("seeds")
    with analyze(sorted(SEEDS.glob("*.txt")), db=folder / "seeds.db", sources=SEEDS / "sources.yaml") as corpus:
        write_json(corpus.store, folder / "seeds.json")
    return folder / "seeds.json"


def score(export: Path) -> dict:
    """score.py's section scores for an export of the seeds."""
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--export", str(export),
                           "--json", "--verbose"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def seeds_scores(seeds_export) -> dict:
    """score.py's section scores for the seeds export."""
    return score(seeds_export)


@pytest.fixture(scope="session")
def seeds_scores_with_kb(tmp_path_factory) -> dict:
    """Scores of the seeds analysed as a user studying them would: with a knowledge file of the
    small features (passes, a village) that no gazetteer of populated places holds."""
    need_shared()
    from rashomon import analyze
    from rashomon.outputs.export import write_json

    folder = tmp_path_factory.mktemp("seeds-kb")
    with analyze(sorted(SEEDS.glob("*.txt")), db=folder / "seeds.db", sources=SEEDS / "sources.yaml",
                 kb=[ROOT / "tests" / "data" / "kermanshah_kb.yaml"]) as corpus:
        write_json(corpus.store, folder / "seeds.json")
    return score(folder / "seeds.json")


@pytest.fixture(scope="session")
def nlp():
    from rashomon.ingest.parse import pipeline

    return pipeline()


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The address of a fresh, empty PostgreSQL schema of the test database, dropped afterwards;
    skips the calling test without a server."""
    if not PG:
        pytest.skip("RASHOMON_TEST_PG is not set: no PostgreSQL server to test against (.ci/run starts one)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'rashomon[postgres]')")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in PG else "?"
    try:
        yield f"{PG}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG, autocommit=True) as con:
            con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema for one test."""
    with postgres_schema() as address:
        yield address
