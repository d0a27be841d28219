"""Scale: the same export from SQLite and PostgreSQL, from one worker, many and Dask; a Dask
worker killed mid-run loses no document; adding documents analyses only those; --force redoes.

PostgreSQL tests need a server: set RASHOMON_TEST_PG to a database address (.ci/run starts one).
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import signal
import time
import tracemalloc
import uuid
from pathlib import Path

import pytest

from rashomon import pipeline
from rashomon.outputs.export import write_json
from rashomon.pipeline import analyze
from rashomon.store import Store

from .conftest import EXAMPLES, SEEDS
from .test_store import analysis


def corpus_paths() -> list[Path]:
    """The sample corpus: the bundled accounts, and the shared seeds when present."""
    paths = [EXAMPLES]
    if SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    return paths


def export(db: str | Path, paths: list[Path] | None = None, **options) -> str:
    """The JSON export of `paths` (default: the sample corpus) analysed into `db`, lines sorted."""
    with analyze(paths or corpus_paths(), db=db, sources=EXAMPLES / "sources.yaml", **options) as corpus:
        return "\n".join(sorted(write_json(corpus.store, None).splitlines()))


@pytest.fixture
def small_batches(monkeypatch):
    """One document per batch, so the six sample accounts make six batches and really spread."""
    monkeypatch.setattr(pipeline, "BATCH", 1)


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> str:
    return export(tmp_path_factory.mktemp("plain") / "plain.db")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install 'rashomon[dask]')")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_two_workers_give_the_same_export_as_one(plain, tmp_path, small_batches):
    assert export(tmp_path / "two.db", workers=2) == plain


def test_dask_local_cluster_gives_the_same_export(plain, tmp_path, small_batches, cluster):
    assert export(tmp_path / "dask.db", dask=cluster.scheduler_address) == plain


def test_postgres_gives_the_same_export_as_sqlite(plain, pg, small_batches):
    assert export(pg, workers=2) == plain


def test_adding_documents_analyses_only_the_new_ones(plain, tmp_path):
    db = tmp_path / "grow.db"
    first = corpus_paths()[0]
    with analyze([first], db=db, sources=EXAMPLES / "sources.yaml") as corpus:
        before = set(corpus.report.stored)
    with analyze(corpus_paths(), db=db, sources=EXAMPLES / "sources.yaml") as corpus:
        assert len(corpus.report.already) == len(before)
        assert not before & set(corpus.report.stored)
        assert corpus.counts()["document"] == len(before) + len(corpus.report.stored)
        grown = "\n".join(sorted(write_json(corpus.store, None).splitlines()))
    assert grown == plain  # the comparison is that of the whole corpus, not of the last run


def test_force_analyses_everything_again(plain, tmp_path):
    db = tmp_path / "force.db"
    with analyze(corpus_paths(), db=db, sources=EXAMPLES / "sources.yaml") as corpus:
        ids = set(corpus.report.stored)
    with analyze(db=db, force=True) as corpus:
        assert set(corpus.report.stored) == ids and not corpus.report.already
        assert corpus.counts()["document"] == len(ids)
    assert export(db, force=True) == plain


def test_a_dask_worker_killed_mid_run_loses_no_document(tmp_path, small_batches, cluster):
    from distributed import Client

    folder = tmp_path / "corpus"
    folder.mkdir()
    base = (EXAMPLES / "harbor-gazette.txt").read_text()
    for n in range(24):
        (folder / f"{n:03}.txt").write_text(f"Report number {n}.\n{base}")
    killed = []

    def kill_a_worker(done: int, total: int, current: str) -> None:
        if done == 10 and not killed:  # batches before this one are running on the workers
            with Client(cluster.scheduler_address) as client:
                pid = next(iter(client.run(os.getpid).values()))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    db = tmp_path / "d.db"
    with analyze([folder], db=db, dask=cluster.scheduler_address, progress=kill_a_worker) as corpus:
        assert killed
        assert len(corpus.report.stored) == len(set(corpus.report.stored)) == 24
        assert not corpus.report.skipped
    with Store(db, readonly=True) as store:
        per_doc = {}
        for table in ("segment", "mention", "event"):
            for row in store.rows(table):
                per_doc.setdefault(row["doc"], {}).setdefault(table, 0)
                per_doc[row["doc"]][table] += 1
        assert store.count("document") == 24
    # every document whole: the same text but for its first line, so the same number of records
    assert len(per_doc) == 24 and len({tuple(sorted(c.items())) for c in per_doc.values()}) == 1


def test_postgres_store_keeps_one_copy_and_whole_documents(pg):
    from psycopg.errors import NotNullViolation

    from rashomon.records import Mention

    with Store(pg) as store:
        assert store.add(analysis("Same text."))
        assert not store.add(analysis("Same text."))
        with pytest.raises(NotNullViolation):
            store.add(analysis("Half.", mentions=[Mention(0, 4, "Half", "ORG", None)]))
        assert store.count("document") == 1 and store.count("segment") == 1 and store.count("mention") == 0
        assert store.delete(analysis("Same text.").source.id) and store.count("segment") == 0


def test_postgres_store_opened_readonly_cannot_be_written(pg):
    import psycopg

    Store(pg).close()
    with Store(pg, readonly=True) as store, pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        store.add(analysis("Text."))


def test_cli_takes_a_postgres_address_and_workers(pg, tmp_path):
    from typer.testing import CliRunner

    from rashomon.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--db", pg, "--workers", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--db", pg, "-o", str(tmp_path / "out.json")], catch_exceptions=False)
    assert result.exit_code == 0 and (tmp_path / "out.json").read_text().count('"sha256"') == 4


def _processes_marked(mark: str) -> list[int]:
    """Processes whose environment carries `mark` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_a_killed_run_leaves_no_worker_process_behind(tmp_path):
    import subprocess
    import sys

    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find the worker processes")
    folder = tmp_path / "corpus"
    folder.mkdir()
    base = (EXAMPLES / "harbor-gazette.txt").read_text()
    for n in range(200):
        (folder / f"{n:03}.txt").write_text(f"Report number {n}.\n{base}")
    mark = f"RASHOMON_TEST_RUN={uuid.uuid4().hex}"
    env = os.environ | dict([mark.split("=")])
    db = tmp_path / "d.db"
    proc = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", str(folder), "--db", str(db),
                             "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(_processes_marked(mark)) < 4:  # the run, a forkserver, 2 workers
        time.sleep(0.2)
    assert len(_processes_marked(mark)) >= 4, "the pool never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 30
    while time.time() < deadline and _processes_marked(mark):
        time.sleep(0.5)
    assert _processes_marked(mark) == []


def test_cli_force_without_paths_analyses_the_whole_store_again(tmp_path):
    from typer.testing import CliRunner

    from rashomon.cli import app

    runner = CliRunner()
    db = str(tmp_path / "d.db")
    assert runner.invoke(app, ["analyze", str(EXAMPLES), "--db", db, "--workers", "1"]).exit_code == 0
    before = export(db, [EXAMPLES])
    again = runner.invoke(app, ["analyze", "--force", "--db", db, "--workers", "1"], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert re.search(r"documents read\W+4\W+4\b", again.output), again.output  # this run, in the store
    assert export(db, [EXAMPLES]) == before


ACCOUNTS = [  # sentences written for this test: names of many kinds, acronyms, ships, titles, organs
    "Serb forces shelled Sarajevo on 5 February 1994, killing 68 people at the Markale market, "
    "the United Nations Protection Force (UNPROFOR) said.",
    "General Ratko Mladic denied that his troops fired on the market in Sarajevo.",
    "UNPROFOR commander Michael Rose said the shell came from Serb positions near Sarajevo.",
    "Mladic told reporters in Pale that the Bosnian Army had shelled its own people.",
    "The Argentine cruiser ARA General Belgrano was sunk by HMS Conqueror on 2 May 1982 near the Falkland Islands.",
    "The Belgrano sank within an hour and 323 sailors died, the Argentine Navy said.",
    "Iraqi forces and the Popular Mobilization Forces (PMF) entered Mosul in July 2017.",
    "The PMF said fighters of the Islamic State had fled west of Mosul.",
]


def _tag(n: int) -> str:
    """A word of its own for each copy ("Kobari")."""
    syllables = ("ba", "ko", "ri", "su", "te", "ma")
    return "".join(syllables[n // 6**i % 6] for i in range(4)).capitalize()


def _copy(a, n: int, renamed: bool):
    """Copy `n` of an analysis, with its own text; `renamed`: every name and key of it with a word of
    its own added, so that the copy names things no other document names."""
    from dataclasses import replace

    tag = _tag(n)
    text = f"{a.source.text}\nCopy {n}.\n"
    copied = replace(a, source=replace(a.source, text=text, file=f"{n:05}.txt",
                                       sha256=hashlib.sha256(text.encode()).hexdigest()))
    if not renamed:
        return copied
    return replace(copied, mentions=tuple(replace(m, key=m.key + tag.lower()) for m in a.mentions),
                   entities=tuple(replace(e, id=e.id + tag.lower(), name=f"{e.name} {tag}",
                                          aliases=tuple(f"{x} {tag}" for x in e.aliases)) for e in a.entities))


def test_resolve_grows_linearly_with_the_corpus(tmp_path):
    """Four times the documents cost about four times the time to resolve, not sixteen: the same
    names repeated (near-identical copies) and new names in every other document."""
    from rashomon.corpus.resolve import resolve
    from rashomon.ingest.parse import parse
    from rashomon.ingest.read import read_file
    from rashomon.pipeline import analyze_document
    from rashomon.records import Source

    for n, text in enumerate(ACCOUNTS):
        (tmp_path / f"{n}.txt").write_text(text + "\n")
    sources = [s for p in sorted(tmp_path.glob("*.txt")) for s in read_file(p) if isinstance(s, Source)]
    analyses = [analyze_document(s, doc) for s, doc in zip(sources, parse(s.text for s in sources), strict=True)]
    seconds = {}
    for size in (500, 2000):
        with Store(tmp_path / f"{size}.db") as store:
            for n in range(size):
                store.add(_copy(analyses[n % len(analyses)], n, renamed=n // len(analyses) % 2 == 1))
            resolve(store)  # the gazetteer loaded, the name keys cached, before the clock starts
            runs = []
            for _ in range(3):
                gc.collect()
                started = time.process_time()
                entities = resolve(store)
                runs.append(time.process_time() - started)
            seconds[size] = min(runs)
        assert entities > size // 4  # the renamed copies name things of their own
    assert seconds[2000] < 8 * seconds[500], seconds  # linear: about 4; quadratic: about 16


def _doubled(store: Store, times: int) -> None:
    """Double the store's documents `times` times in one transaction, each copy with ids, texts and
    files of its own (SQL copies: thousands of documents in a second)."""
    from rashomon.store.database import DOCUMENT_TABLES

    con = store.db
    con.execute("BEGIN")
    for r in range(times):
        suffix = f"-{r}"
        for table in ("document", *DOCUMENT_TABLES, "story"):
            columns = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
            copied = {"document": ("id", "sha256", "file"), "story": ("doc", "story")}.get(table, ("doc",))
            values = ", ".join(f"{c} || '{suffix}'" if c in copied else f'"{c}"' for c in columns)
            con.execute(f"INSERT INTO {table} SELECT {values} FROM {table}")
    con.execute("COMMIT")


def _analysed(folder, texts: list[str]) -> list:
    """Each text written to a file of `folder`, read and analysed as the pipeline does."""
    from rashomon.ingest.parse import parse
    from rashomon.ingest.read import read_file
    from rashomon.pipeline import analyze_document
    from rashomon.records import Source

    for n, text in enumerate(texts):
        (folder / f"{n}.txt").write_text(text + "\n")
    sources = [s for p in sorted(folder.glob("*.txt")) for s in read_file(p) if isinstance(s, Source)]
    return [analyze_document(s, doc) for s, doc in zip(sources, parse(s.text for s in sources), strict=True)]


def test_resolve_memory_does_not_grow_with_copies_of_the_same_names(tmp_path):
    """Resolve holds each distinct name form once, however many documents use it: eight times the
    documents (2,048 and 16,384 copies of eight accounts) need about the same memory (its Python
    allocations at their peak), not eight times as much."""
    from rashomon.corpus.resolve import resolve
    from rashomon.extract.places import gazetteer

    analyses = _analysed(tmp_path, ACCOUNTS)
    gazetteer()
    peaks, entities = {}, {}
    for times in (8, 11):
        with Store(tmp_path / f"{times}.db") as store:
            for a in analyses:
                store.add(a)
            _doubled(store, times)
            assert store.count("document") == len(ACCOUNTS) * 2**times
            resolve(store)  # name keys cached before measuring
            gc.collect()
            tracemalloc.start()
            entities[times] = resolve(store)
            peaks[times] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert store.count("entity_key") > 2**times  # every copy's keys are mapped
    assert entities[8] == entities[11]
    # grouped by form: about 1; a row per document: about 8 (9 MB -> 75 MB). tracemalloc counts every
    # thread, and in a full suite the peak at 16,384 was once 0.4 MB against 0.1 MB (threads other tests
    # left running, most likely)
    print(peaks)
    assert peaks[11] < 1.5 * peaks[8] + 2**20, peaks


COUNTED = [  # sentences written for this test: one toll told with other figures, dates and voices
    "Serb forces shelled Sarajevo on 5 February 1994, killing 68 people at the Markale market.",
    "Bosnian officials said 66 people were killed when a shell hit the Markale market in Sarajevo.",
    "The shell killed at least 68 people and wounded 144 in Sarajevo on 5 February 1994.",
    "UNPROFOR said the shelling of the Markale market on 6 February 1994 killed 70 civilians.",
]


def _sqlite_peak() -> int:
    """The most memory SQLite's allocator has held in this process since the last call (Python's
    tracemalloc does not see it): from the SQLite library the sqlite3 module runs on."""
    import _sqlite3
    import ctypes

    highwater = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_highwater
    highwater.restype, highwater.argtypes = ctypes.c_int64, [ctypes.c_int]
    return highwater(1)


def test_compare_memory_does_not_grow_with_the_claims_of_one_frame(tmp_path):
    """Compare holds each distinct telling of a frame once and writes its findings as it finds
    them: eight times the copies of four accounts (1,024 and 8,192 documents), so eight times the
    claims in each frame and in the findings listing them, need about the same memory (its Python
    allocations at their peak, and SQLite's: a finding listing every copy's claim is never whole in
    the database's memory either), not eight times as much."""
    import json
    from dataclasses import asdict

    from rashomon.corpus.compare import compare
    from rashomon.corpus.resolve import resolve

    analyses = _analysed(tmp_path, COUNTED)
    python, sqlite, listed = {}, {}, {}
    for times in (8, 11):
        with Store(tmp_path / f"{times}.db") as store:
            for a in analyses:
                store.add(a)
            _doubled(store, times)
            resolve(store)
            gc.collect()
            tracemalloc.start()
            _sqlite_peak()
            compare(store)
            python[times], sqlite[times] = tracemalloc.get_traced_memory()[1], _sqlite_peak()
            tracemalloc.stop()
            findings = list(store.findings())
            longest = max(findings, key=lambda f: len(f.claims))
            listed[times] = len(longest.claims)
            assert {"conflict", "agreement"} <= {f.kind for f in findings}
    assert listed[11] == 8 * listed[8] >= 256  # one finding lists every copy's claim
    # a telling held once: 1.5 (2.4 -> 3.6 MB); a claim read whole, its record listed: 3.1 (6.4 -> 19.6
    # MB). tracemalloc counts every thread (others tests may leave some running)
    assert python[11] < 1.5 * python[8] + 2**20, python
    # SQLite's page caches fill up in the larger store (2 MB each at most); a finding's claims in
    # parts of 500: 8.1 -> 10.1 MB, beside 2.3 MB of JSON for the longest finding; appended to one
    # text, which SQLite copied and held whole about three times: 8.0 -> 14.2 MB
    longest_json = len(json.dumps([asdict(c) for c in longest.claims], ensure_ascii=False))
    assert sqlite[11] - sqlite[8] < 1.5 * longest_json, (sqlite, longest_json)


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_finding_listing_thousands_of_claims_is_stored_whole_and_ranked(kind, tmp_path, request):
    """The store writes a long finding's claims in rows of 500 and ranks findings apart from their
    claims: a finding of 1,234 claims (three rows) comes back whole and in order, after the finding
    that ranks before it though it was written first, and again once `replace_findings` rewrote them."""
    import json

    from rashomon.records import Compared, Finding

    db = request.getfixturevalue("pg") if kind == "postgres" else tmp_path / "f.db"
    claims = [Compared(doc=f"doc-{n:04}", event=None, value=n, start=n, end=n + 1, text=f"«{n}»")
              for n in range(1234)]
    with Store(db) as store:
        store.findings_begin()
        store.findings_add([((3, True, -1234, "doc-0000", 0), Finding("", "agreement", "many", "quantity", None),
                              (json.dumps(vars(c), ensure_ascii=False) for c in claims)),
                            ((0, False, -1, "doc-0001", 1), Finding("", "conflict", "one", "quantity", None),
                              [json.dumps(vars(claims[1]), ensure_ascii=False)])])
        store.findings_publish()
        found = list(store.findings())
        store.replace_findings(reversed(found))  # as web_bench writes findings: the same whole claims
        replaced = list(store.findings())
    assert [(f.id, f.subject) for f in found] == [("finding-0001", "one"), ("finding-0002", "many")]
    assert found[1].claims == tuple(claims) and found[0].claims == (claims[1],)
    assert replaced == found[::-1]
