"""Under faults, on real SQLite files: a damaged store (a page overwritten with random bytes, a
truncated file) is said in one line by every command and never written into; a store in a
read-only folder is said as such and still read; a full disk (a size limit on the process) is
said with its own exit status and what was committed is kept; Ctrl-C and SIGTERM stop a run at
once, in one line, with exit status 130."""

from __future__ import annotations

import hashlib
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pytest

from rashomon.store import DOCUMENT_TABLES

from .conftest import EXAMPLES, ROOT

KB = EXAMPLES.parent / "knowledge.yaml"
READERS = (("export", "-o", "{out}/x.json"), ("findings",), ("report", "-o", "{out}/x.html"))


def cli(*args: object, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    """The command line as a user runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "rashomon.cli", *map(str, args)], capture_output=True, text=True,
                          env=(env or os.environ) | {"PYTHONPATH": str(ROOT / "src")}, timeout=600, **options)


def said(done: subprocess.CompletedProcess) -> list[str]:
    """The lines a command printed on stderr."""
    return [line for line in done.stderr.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """A whole store of the sample accounts."""
    db = tmp_path_factory.mktemp("faults") / "sample.db"
    done = cli("analyze", EXAMPLES, "--kb", KB, "--db", db, "--workers", "1")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as con:  # one file, as a user would copy it
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def _copy(sample: Path, folder: Path, name: str = "store.db") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(sample, folder / name)
    return folder / name


def _overwrite_a_page(db: Path) -> None:
    """Random bytes over the first page of the document table (one every reader reads)."""
    with sqlite3.connect(db) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name='document'").fetchone()[0]
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(random.Random(root).randbytes(page_size))


def _truncate(db: Path) -> None:
    with db.open("r+b") as fh:
        fh.truncate(db.stat().st_size // 3)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", [_overwrite_a_page, _truncate], ids=["page-overwritten", "truncated"])
def test_a_damaged_store_is_said_in_one_line_by_every_command_and_never_written(sample, tmp_path, damage):
    db = _copy(sample, tmp_path)
    damage(db)
    before = _sha(db)
    for command in [*READERS, ("analyze", EXAMPLES, "--workers", "1")]:
        args = [a.format(out=tmp_path) if isinstance(a, str) else a for a in command]
        done = cli(*args, "--db", db)
        lines = said(done)
        assert done.returncode == 3, (command, done.stderr[-2000:])
        assert len(lines) == 1 and "[R018]" in lines[0] and "damaged" in lines[0], (command, lines)
        assert "integrity_check" in lines[0] and "Traceback" not in done.stderr
    assert _sha(db) == before  # analyze wrote nothing into it: the user's copy is as it was
    assert "nothing was written" in said(done)[0]


def test_serve_says_a_damaged_store_before_it_starts(sample, tmp_path):
    db = _copy(sample, tmp_path)
    _overwrite_a_page(db)
    done = cli("serve", "--db", db, "--port", "8765")
    assert done.returncode == 3 and len(said(done)) == 1 and "[R018]" in done.stderr, done.stderr[-2000:]


# ---------------------------------------------------------------- read-only places


def _drop_dac() -> None:
    """In the child before it runs: give up root's power to ignore file modes (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH), so a read-only folder is read-only to it as to any user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def _as_user() -> dict:
    """subprocess options under which file modes hold: as root (CI runs as root), without the
    capabilities that let root write anywhere; skips where they cannot be dropped."""
    if os.geteuid() != 0:
        return {}
    probe = subprocess.run(["true"], preexec_fn=_drop_dac, capture_output=True)
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o555)
        touched = subprocess.run(["touch", str(folder / "x")], preexec_fn=_drop_dac, capture_output=True)
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
    if probe.returncode != 0 or touched.returncode == 0:
        pytest.skip("root's capability to write into read-only folders cannot be dropped here")
    return {"preexec_fn": _drop_dac}


def _writable_again(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_store_in_a_read_only_folder_is_read_and_said_read_only_to_analyze(sample, tmp_path):
    options = _as_user()
    store = _copy(sample, tmp_path / "archive")
    out = tmp_path / "out"
    out.mkdir()
    store.parent.chmod(0o555)
    try:
        for command in READERS:
            done = cli(*[a.format(out=out) for a in command], "--db", store, **options)
            assert done.returncode == 0, (command, done.stderr[-2000:])
        assert "Operation Sahel Dawn" in (out / "x.html").read_text(encoding="utf-8")
        assert '"documents"' in (out / "x.json").read_text(encoding="utf-8")
        done = cli("analyze", EXAMPLES, "--db", store, "--workers", "1", **options)
        lines = said(done)
        assert done.returncode == 3 and len(lines) == 1, done.stderr[-2000:]
        assert "[R019]" in lines[0] and "read-only" in lines[0] and str(store.parent) in lines[0]
        assert "schema version" not in done.stderr
        assert [p.name for p in store.parent.iterdir()] == ["store.db"]  # nothing made beside it
    finally:
        _writable_again(store.parent)


def test_a_read_only_store_leaves_nothing_behind_that_blocks_the_next_run(sample, tmp_path):
    options = _as_user()
    folder = tmp_path / "work"
    store = _copy(sample, folder)
    store.chmod(0o444)
    done = cli("analyze", EXAMPLES, "--db", store, "--workers", "1", **options)
    assert done.returncode == 3 and "[R019]" in done.stderr and len(said(done)) == 1, done.stderr[-2000:]
    done = cli("export", "--db", store, "-o", folder / "x.json", **options)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in folder.iterdir()) == ["store.db", "x.json"]  # no -shm or -wal left behind
    store.chmod(0o644)  # the user makes it writable: the next run works
    done = cli("analyze", EXAMPLES, "--db", store, "--workers", "1", **options)
    assert done.returncode == 0, done.stderr[-2000:]


# ---------------------------------------------------------------- a full disk


def _accounts(folder: Path, n: int) -> Path:
    folder.mkdir()
    bases = sorted([*EXAMPLES.glob("*.txt"), *EXAMPLES.glob("*.md")])
    for i in range(n):
        base = bases[i % len(bases)]
        (folder / f"{i:03}-{base.name}").write_text(f"{base.read_text()}\nDispatch {i} from the desk.\n")
    return folder


def per_document(db: Path) -> dict[str, tuple[int, ...]]:
    with sqlite3.connect(db) as con:
        return {d: tuple(con.execute(f"SELECT count(*) FROM {t} WHERE doc=?", (d,)).fetchone()[0]
                         for t in DOCUMENT_TABLES) for (d,) in con.execute("SELECT id FROM document")}


def test_a_full_disk_is_said_with_its_own_exit_status_and_keeps_what_was_committed(tmp_path):
    from rashomon.extract.places import gazetteer

    gazetteer()  # its cache is written before the limit: the limit is for the store
    corpus = _accounts(tmp_path / "corpus", 48)
    reference = tmp_path / "reference.db"
    assert cli("analyze", corpus, "--db", reference, "--workers", "1").returncode == 0
    expected = per_document(reference)
    limit = 1 << 20  # the write-ahead log of a run grows past it after some documents, well before the end

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    for workers in ("1", "2"):
        db = tmp_path / f"full-{workers}.db"
        done = cli("analyze", corpus, "--db", db, "--workers", workers, preexec_fn=limited)
        lines = said(done)
        assert done.returncode == 4, done.stderr[-2000:]
        assert len(lines) == 1 and "[R020]" in lines[0] and "disk is full" in lines[0], lines
        with sqlite3.connect(db) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = per_document(db)
        assert 0 < len(kept) < len(expected), len(kept)
        assert all(expected[d] == counts for d, counts in kept.items())  # each document whole
        again = cli("analyze", corpus, "--db", db, "--workers", "1")  # room again: the run continues
        assert again.returncode == 0, again.stderr[-2000:]
        assert per_document(db) == expected


# ---------------------------------------------------------------- interrupts


def _run_marked(corpus: Path, db: Path, workers: str, mark: str) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": str(ROOT / "src"), "RASHOMON_TEST_RUN": mark}
    return subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", str(corpus), "--db", str(db),
                             "--workers", workers], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _marked(mark: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if f"RASHOMON_TEST_RUN={mark}".encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT count(*) FROM document").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _catches(pid: int, sig: signal.Signals) -> bool:
    """Whether the process has installed a handler for `sig` (the SigCgt mask of /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next((int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigCgt:")), 0)
    return bool(mask & (1 << (sig - 1)))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_and_sigterm_stop_at_once_in_one_line(tmp_path, workers):
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find the worker processes")
    corpus = _accounts(tmp_path / "corpus", 96)
    rng = random.Random()
    # Ctrl-C (to the whole process group, as a terminal sends it) while the pool starts, and while
    # documents are stored; SIGTERM (to the run alone, as a service manager sends it) likewise
    for n, (sig, group, when) in enumerate([(signal.SIGINT, True, "start"), (signal.SIGINT, True, "storing"),
                                            (signal.SIGTERM, False, "start"), (signal.SIGTERM, False, "storing")]):
        db, mark = tmp_path / f"i{n}.db", f"{os.getpid()}-{workers}-{n}"
        proc = _run_marked(corpus, db, workers, mark)
        started = time.perf_counter()
        if when == "start":  # once the command line has its handlers (SIGTERM has none before: a busy
            # machine can take seconds to get there), while the pool starts
            while time.perf_counter() - started < 60 and not _catches(proc.pid, signal.SIGTERM) and proc.poll() is None:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 2.0))
        else:
            while time.perf_counter() - started < 120 and _stored(db) == 0 and proc.poll() is None:
                time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        sent = time.perf_counter()
        (os.killpg if group else os.kill)(proc.pid, sig)
        _, stderr = proc.communicate(timeout=60)
        took = time.perf_counter() - sent
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert proc.returncode == 130, (sig, when, stderr[-3000:])
        assert "Traceback" not in stderr and len(lines) == 1, (sig, when, stderr[-3000:])
        stored = int(lines[0].split()[1])
        assert lines[0] == f"interrupted: {stored} documents stored, run again to continue"
        assert took < 5, (sig, when, took)
        assert stored == _stored(db) and (when == "start" or stored > 0)
        if db.exists():
            with sqlite3.connect(db) as con:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        deadline = time.time() + 10
        while _marked(mark) and time.time() < deadline:
            time.sleep(0.2)
        assert _marked(mark) == [], "a process of the run is still alive"


def _workers(run: int, mark: str) -> list[int]:
    """The pool's worker processes of a marked run: the children of its forkserver, which is a
    child of the run."""
    def parent(pid: int) -> int:
        try:
            return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return 0

    marked = _marked(mark)
    servers = {p for p in marked if parent(p) == run and b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()}
    return [p for p in marked if parent(p) in servers]


def test_a_worker_that_dies_is_said_in_one_line_and_what_was_stored_is_kept(tmp_path):
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find the worker processes")
    corpus = _accounts(tmp_path / "corpus", 96)
    db, mark = tmp_path / "died.db", f"{os.getpid()}-died"
    proc = _run_marked(corpus, db, "2", mark)
    started = time.perf_counter()
    while time.perf_counter() - started < 120 and _stored(db) == 0 and proc.poll() is None:
        time.sleep(0.05)
    workers = _workers(proc.pid, mark)
    assert proc.poll() is None and workers, "the run ended before a worker could be killed"
    os.kill(workers[0], signal.SIGKILL)  # as the system's out-of-memory killer does
    _, stderr = proc.communicate(timeout=60)  # never a parent waiting on a dead worker
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert proc.returncode == 5 and len(lines) == 1 and "Traceback" not in stderr, stderr[-3000:]
    assert "[R024]" in lines[0] and "killed by SIGKILL" in lines[0] and "run again to continue" in lines[0]
    stored = int(lines[0].split(" documents stored")[0].rsplit(" ", 1)[1])
    assert stored == _stored(db) > 0
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    deadline = time.time() + 10
    while _marked(mark) and time.time() < deadline:
        time.sleep(0.2)
    assert _marked(mark) == [], "a process of the run is still alive"


IMPORTED_INTERRUPTED = """\
import os, signal, time
exec("os.kill(os.getpid(), signal.SIGINT); total = sum(range(100000))")  # as dataclasses make methods
time.sleep(0.3)  # still importing
"""
CATCHES_IT = """\
import sys, time
from rashomon import interrupts
interrupts.install()
try:
    import interrupted_import
    time.sleep(10)
    print("the interrupt was lost")
except KeyboardInterrupt:
    print("after the import" if "interrupted_import" in sys.modules else "inside the import")
    sys.exit(130)
"""


def test_an_interrupt_during_an_import_comes_after_it_with_the_status_asked(tmp_path):
    (tmp_path / "interrupted_import.py").write_text(IMPORTED_INTERRUPTED)
    (tmp_path / "catches_it.py").write_text(CATCHES_IT)
    done = subprocess.run([sys.executable, "-m", "catches_it"], capture_output=True, text=True, cwd=tmp_path,
                          env=os.environ | {"PYTHONPATH": f"{ROOT / 'src'}:{tmp_path}"}, timeout=60)
    assert done.stdout.strip() == "after the import" and done.returncode == 130, (done.returncode, done.stdout,
                                                                                 done.stderr[-2000:])


def _stored_in_postgres(address: str) -> int:
    import psycopg

    with psycopg.connect(address) as con:
        try:
            return con.execute("SELECT count(*) FROM document").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


def _shapes(address: str) -> dict[str, set[tuple[int, ...]]]:
    """How many records of each kind every stored document has, grouped by the example it was made
    from: a whole document has the shape of its siblings."""
    from rashomon.outputs.export import to_dict
    from rashomon.store import Store

    with Store(address, readonly=True) as store:
        data = to_dict(store)
    lists = ("timexes", "quantities", "quotes", "events", "framing", "claims")
    counts = {d["id"]: [0] * len(lists) for d in data["documents"]}
    for i, name in enumerate(lists):
        for record in data[name]:
            counts[record["doc"]][i] += 1
    shapes = defaultdict(set)
    for d in data["documents"]:
        shapes[d["file"].split("-", 1)[1]].add(tuple(counts[d["id"]]))
    return shapes


def test_sigterm_stops_a_run_on_postgres_in_one_line_and_keeps_whole_documents(tmp_path, pg):
    corpus = _accounts(tmp_path / "corpus", 48)
    proc = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "analyze", str(corpus), "--db", pg, "--workers",
                             "2"], env=os.environ | {"PYTHONPATH": str(ROOT / "src")}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    started = time.perf_counter()
    while time.perf_counter() - started < 120 and not _stored_in_postgres(pg) and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert proc.returncode == 130 and len(lines) == 1 and "Traceback" not in stderr, stderr[-3000:]
    assert lines[0] == f"interrupted: {_stored_in_postgres(pg)} documents stored, run again to continue"
    again = cli("analyze", corpus, "--db", pg, "--workers", "1")
    assert again.returncode == 0, again.stderr[-2000:]
    assert _stored_in_postgres(pg) == 48
    assert all(len(shapes) == 1 for shapes in _shapes(pg).values())  # those stored before the stop are whole
