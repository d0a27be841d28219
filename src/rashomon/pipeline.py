"""The flow: read -> structure -> parse -> extract -> store, then the corpus-wide steps.

`analyze` is the Python API behind `rashomon analyze`. Per-document work is a pure function of
a Source and its spaCy Doc (`analyze_document`), so it can run anywhere: in this process, in a
pool of worker processes on this machine, or on a Dask cluster (`analyze_batch` is the unit of
work; each worker process loads the spaCy pipeline once). Sources are streamed: only a bounded
window of batches is in flight, so memory stays flat however large the corpus. The store is
written here only, by this process, one transaction per document.

What is incremental: a text already in the store is neither parsed nor analysed again (its
sha256 is its identity). The corpus-wide steps, `resolve` and `compare`, run once per run over
the compact per-document tables (names, mentions, events, dates, counts), never over the texts,
so adding ten documents to a million costs ten analyses plus those two passes. Before them,
`story_years` finds the year an undated account is set in when only the corpus tells it (such an
account is analysed again with it), and `homes` reads again the place names of the publishers
whose documents the run stored or updated (the text only of their documents with a name it may
move). `force` analyses the given documents (or, without paths, every stored one) again.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time as clock
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from rashomon import data
from rashomon.corpus.compare import compare
from rashomon.corpus.homes import place_at_home
from rashomon.corpus.resolve import resolve
from rashomon.corpus.story_years import story_years
from rashomon.errors import ANALYSIS_FAILED, MISSING_PACKAGE, WORKER_DIED, Interrupted, RashomonError
from rashomon.extract import copies
from rashomon.extract.stages import DocumentContext, run_stages
from rashomon.ingest import structure
from rashomon.ingest.parse import batches, parse
from rashomon.ingest.read import DEFAULT_MAX_BYTES, Manifest, apply_manifest, iter_files, read_file, read_manifest, skip
from rashomon.kb import KnowledgeBase, load_kb
from rashomon.records import DocumentAnalysis, Segment, Skip, Source
from rashomon.store import Store

if TYPE_CHECKING:
    from distributed import Client

BATCH = 16  # documents per unit of work: enough for spaCy's batching, small enough to spread evenly
IN_FLIGHT = 2  # batches waiting or running per worker: keeps every worker busy, memory bounded
DASK_RETRIES = 3  # a batch whose workers keep dying is tried again this many times before the run fails
MANAGER_WAIT = 10  # seconds a stopped pool's manager thread has to notice its workers are dead

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)


@cache
def knowledge(paths: tuple[str, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge file plus the user's (`--kb`), loaded once per process."""
    return load_kb([Path(p) for p in paths])


def analyze_document(source: Source, doc: Doc, kb: KnowledgeBase | None = None) -> DocumentAnalysis:
    """Everything the per-document stages (`extract.stages.STAGES`) find in one source, given
    its parsed text.

    A stage that fails on this document leaves its own records empty and says so in `problems`;
    the document and every other stage's findings are kept."""
    kb = kb if kb is not None else knowledge()
    segments = tuple(structure.segment(source.text, author=source.author, pages=source.pages))
    return run_stages(DocumentContext(dated(source, segments), doc, kb, segments)).analysis()


def dated(source: Source, segments: tuple[Segment, ...]) -> Source:
    """The source with the page's own date when its metadata gives none: the first dateline the
    structure found ("Sunday, July 28, 2024" above the title), marked as read from the text."""
    if source.published and source.published_from != "text":
        return replace(source, published_from="metadata")
    line = structure.page_date(segments)
    if line is None:
        return replace(source, published=None, published_from=None, published_start=None, published_end=None)
    return replace(source, published=line.date, published_from="text", published_start=line.start,
                   published_end=line.end)


def analyze_batch(sources: list[Source], kb_files: tuple[str, ...] = ()) -> list[DocumentAnalysis | Skip]:
    """Parse and analyse a batch of sources in this process; a document whose analysis fails
    becomes a Skip (R015) and does not cost the others. The unit of work of every executor."""
    out: list[DocumentAnalysis | Skip] = []
    kb = knowledge(kb_files)
    for source, doc in zip(sources, parse(s.text for s in sources), strict=True):
        try:
            out.append(analyze_document(source, doc, kb))
        except Exception as e:  # a defect on one document must not cost the others
            out.append(skip(source.file, ANALYSIS_FAILED, f"{type(e).__name__}: {e}"))
    return out


@dataclass
class RunReport:
    """What one `analyze` run did with its inputs."""

    stored: list[str] = field(default_factory=list)  # document ids added
    already: list[str] = field(default_factory=list)  # files whose text was stored before
    updated: list[str] = field(default_factory=list)  # of those, files whose metadata the manifest changed
    skipped: list[Skip] = field(default_factory=list)  # inputs that could not be used, and why
    problems: list[str] = field(default_factory=list)  # stages that failed on a document that was kept

    @property
    def exit_code(self) -> int:
        """0 when every input was used, 1 when something was skipped (the CLI's exit status)."""
        return 1 if self.skipped else 0


class Corpus:
    """An analysed corpus: a store plus what the last run did. Close it when done."""

    def __init__(self, db: str | os.PathLike, report: RunReport | None = None, readonly: bool = False):
        self.store = Store(db, readonly=readonly)
        self.report = report or RunReport()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def to_dict(self) -> dict:
        """The JSON export (EXPORT.md) as a dict."""
        from rashomon.outputs.export import to_dict

        return to_dict(self.store)


def _sources(files: list[Path | Skip], manifest: Manifest | None, max_bytes: int, report: RunReport,
             progress: Progress | None) -> Iterator[Source]:
    for done, item in enumerate(files, 1):
        if progress:
            progress(done, len(files), str(item.path if isinstance(item, Skip) else item))
        if isinstance(item, Skip):
            report.skipped.append(item)
            continue
        try:
            read = read_file(item, max_bytes=max_bytes)
        except Exception as e:  # read never raises by design; if a defect makes it, lose one file, not the run
            read = [skip(item, ANALYSIS_FAILED, f"{type(e).__name__}: {e}")]
        for found in read:
            if isinstance(found, Skip):
                report.skipped.append(found)
            else:
                yield apply_manifest(found, manifest)


def _worker_start(owner: int) -> None:
    """In a pool worker: load the spaCy pipeline once, and exit when the process that owns the
    pool (`owner`) is gone, so a killed run leaves no worker behind holding a model in memory.
    (The worker's parent is the forkserver, which outlives the owner while workers live.)"""
    from rashomon.ingest.parse import pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the owner's to handle: it stops the pool

    def watch() -> None:
        while True:
            clock.sleep(1)
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # alive, under another user: not ours to signal
                continue

    threading.Thread(target=watch, daemon=True).start()
    pipeline()


def _windowed(submit: Callable[[list[Source]], Future], batches: Iterator[list[Source]], window: int,
              ) -> Iterator[tuple[list[Source], Future]]:  # Dask's futures have the same result()
    """Submit batches keeping at most `window` in flight; yield each with its future, in order."""
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def _in_pool(batches: Iterator[list[Source]], workers: int, kb_files: tuple[str, ...],
             ) -> Iterator[list[DocumentAnalysis | Skip]]:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")  # not fork: the caller may run threads
        context.set_forkserver_preload(["rashomon._warm"])
        _start_forkserver()
    else:
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        for _, future in _windowed(lambda b: pool.submit(analyze_batch, b, kb_files), batches, workers * IN_FLIGHT):
            yield future.result()
    except BrokenProcessPool:  # a worker killed from outside (the system short of memory): the pool is lost
        how = _death(pool)
        _stop(pool)
        raise BrokenProcessPool(f"a worker process died while analysing documents ({how})") from None
    except BaseException:  # an interrupt, a full disk: stop at once, not after the batches in flight
        _stop(pool)
        raise
    pool.shutdown()


def _death(pool: ProcessPoolExecutor) -> str:
    """How a pool's dead worker ended, as its exit status says (the pool then terminates the
    others with SIGTERM, which may not have been reported yet)."""
    codes = [p.exitcode for p in (getattr(pool, "_processes", None) or {}).values() if p.exitcode]
    code = next((c for c in codes if c != -signal.SIGTERM), codes[0] if codes else None)
    if code is None:
        return "its exit was not reported"
    return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"


def _start_forkserver() -> None:
    """Start the pool's forkserver with Ctrl-C blocked. Ctrl-C reaches the whole process group:
    one that came while the forkserver starts up, before it ignores Ctrl-C, would print a
    KeyboardInterrupt traceback from it. (The resource tracker guards itself so; it is started
    first, as it unblocks the signal when it has started.)"""
    from multiprocessing import forkserver, resource_tracker

    resource_tracker.ensure_running()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool now: its workers killed (their batches were not stored), queued batches dropped,
    and the forkserver too, so that no worker it is still starting appears after the run has ended.
    (No public way to do this before Python 3.14: the executor's and forkserver's own fields.)

    The pool's manager thread is waited for: seeing its workers dead, it ends and closes its
    wake-up pipe. Left running, it could close that pipe while the interpreter's exit writes to it
    (concurrent.futures' exit hook, which takes no lock on Python 3.11): "Exception ignored ...
    Bad file descriptor" after the run's last line. It could also wait for ever for the rest of
    a result a worker was killed while sending (the process then never exits): this process's
    own end for writing results is closed, so that with every worker dead, reading meets the end."""
    from concurrent.futures import process as futures_process
    from multiprocessing import forkserver

    manager = getattr(pool, "_executor_manager_thread", None)  # read before shutdown, which forgets it
    results = getattr(pool, "_result_queue", None)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    server = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    if server:
        with suppress(ProcessLookupError):
            os.kill(server, signal.SIGKILL)
    if results is not None:
        results._writer.close()
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(timeout=MANAGER_WAIT)
        futures_process._threads_wakeups.pop(manager, None)  # nothing left for the exit hook to wake


def dask_client(address: str) -> Client:
    """A Dask client for `address`, or for a new LocalCluster of single-threaded worker processes
    (one per core) when `address` is "local"; spaCy pipelines are not shared between threads."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RashomonError(MISSING_PACKAGE, "--dask needs Dask: pip install 'rashomon[dask]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        client.close_cluster = cluster.close  # type: ignore[attr-defined]
        return client
    return Client(address)


def _on_dask(batches: Iterator[list[Source]], client: Client, kb_files: tuple[str, ...],
             ) -> Iterator[list[DocumentAnalysis | Skip]]:
    """Batches analysed on Dask workers, results back in order. The scheduler already moves the
    tasks of a worker that died to another; a batch that still fails that way is submitted again
    (pure=False: a fresh task), so no document is lost; the store's dedup stores none twice."""
    from distributed import KilledWorker

    threads = sum(client.nthreads().values()) or 1

    def submit(batch: list[Source]) -> Future:
        return client.submit(analyze_batch, batch, kb_files, pure=False)

    for batch, future in _windowed(submit, batches, threads * IN_FLIGHT):
        for attempt in range(DASK_RETRIES + 1):
            try:
                yield future.result()
                break
            except KilledWorker:
                if attempt == DASK_RETRIES:
                    raise
                future = submit(batch)


def _executor(batches: Iterator[list[Source]], workers: int, dask: Client | None, kb_files: tuple[str, ...] = (),
              ) -> Iterator[list[DocumentAnalysis | Skip]]:
    """Where batches are analysed: Dask when given, a process pool when there is more than one
    worker and more than one batch (a handful of accounts is not worth loading more models),
    else this process."""
    if dask is not None:
        yield from _on_dask(batches, dask, kb_files)
        return
    heads = list(islice(batches, 2))
    if workers > 1 and len(heads) == 2:
        yield from _in_pool(chain(heads, batches), workers, kb_files)
    else:
        yield from (analyze_batch(batch, kb_files) for batch in chain(heads, batches))


def analyze(paths: Iterable[str | os.PathLike] | str | os.PathLike = (), db: str | os.PathLike = "rashomon.db",
            sources: str | os.PathLike | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            progress: Progress | None = None, workers: int = 1, dask: str | Client | None = None,
            force: bool = False, kb: Iterable[str | os.PathLike] = ()) -> Corpus:
    """Read, analyse and store the accounts under `paths`; returns the corpus in store `db`
    (an SQLite file, or a `postgresql://` address).

    `sources` is a sources manifest (YAML) whose metadata overrides what the files say; `kb` are
    knowledge files (YAML, see data/kb.yaml) read beside the shipped one.
    Inputs that cannot be used are listed in `corpus.report.skipped` with their reason; a text
    already in the store is not analysed again unless `force` (without paths, `force` analyses
    every stored document again). `workers` > 1 analyses in that many processes; `dask` is a
    scheduler address, "local" (a LocalCluster with one worker per core) or a connected
    `distributed.Client`. The results are the same whichever runs them.
    """
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    report = RunReport()
    kb_files = tuple(str(Path(p).resolve()) for p in kb)
    data.check_all()  # a data file edited out of its schema is said before any work (R023), as is
    knowledge(kb_files)  # a knowledge file that cannot be read (R101)
    manifest = read_manifest(sources) if sources else None
    if manifest:
        report.skipped.extend(manifest.problems)
    corpus = Corpus(db, report)
    store = corpus.store
    seen_files: list[str] = []
    publishers: set[str | None] = set()  # of the documents this run stores or updates: their homes are read again
    forced: set[str] = set()  # what this run analyses again: a second file with the same text is not new

    def fresh(found: Iterable[Source]) -> Iterator[Source]:
        for source in found:
            seen_files.append(source.file)
            if force and source.id not in forced:
                forced.add(source.id)
                store.delete(source.id)
            elif store.has_document(source.id):
                report.already.append(source.file)
                if manifest and _corrected(store, source, manifest):
                    report.updated.append(source.file)
                    publishers.add(source.publisher)
                continue
            yield source

    found = _sources(list(iter_files(paths)), manifest, max_bytes, report, progress) if paths else (
        _stored(store, manifest, progress) if force else iter(()))
    client = dask_client(dask) if isinstance(dask, str) else dask
    adding: Source | None = None
    work = _executor(batches(fresh(found), BATCH), max(1, workers), client, kb_files)
    try:
        for results in work:
            for result in results:
                if isinstance(result, Skip):
                    report.skipped.append(result)
                    continue
                report.problems += [f"{result.source.file}: {p}" for p in result.problems]
                adding = result.source
                if store.add(result, copies_from=copies.COPY_BANDS):
                    report.stored.append(result.source.id)
                    publishers.add(result.source.publisher)
                else:
                    report.already.append(result.source.file)
        _read_in_story_years(store, lambda b: _executor(b, max(1, workers), client, kb_files))
    except (KeyboardInterrupt, BrokenExecutor) as e:
        raise _stopped(e, store, report, adding) from None
    finally:
        work.close()  # a run that stops early (an interrupt, a full disk) stops its workers now
        if isinstance(dask, str) and client is not None:
            client.close()
            getattr(client, "close_cluster", lambda: None)()
    if manifest:
        report.skipped.extend(manifest.unmatched(seen_files))
    try:
        for item in report.skipped:
            store.note_skip(item)
        place_at_home(store, publishers, knowledge(kb_files))
        resolve(store)
        compare(store)
    except KeyboardInterrupt:
        raise Interrupted(len(report.stored)) from None
    return corpus


Executor = Callable[[Iterator[list[Source]]], Iterator[list[DocumentAnalysis | Skip]]]


def _read_in_story_years(store: Store, executor: Executor) -> None:
    """Analyse again, each with the year its story is set in, the undated accounts whose year only
    the corpus tells (`corpus.story_years`); one that fails to analyse stays as it was."""
    years = story_years(store)
    sources = (replace(source, story_year=year) for doc, year in years.items() if (source := store.source(doc)))
    work = executor(batches(sources, BATCH))
    try:
        for results in work:
            for result in results:
                if not isinstance(result, Skip):
                    store.replace(result, copies_from=copies.COPY_BANDS)
    finally:
        work.close()


def _corrected(store: Store, source: Source, manifest: Manifest) -> bool:
    """Give a stored document the metadata its manifest entry gives now (metadata are no part of
    the analysis: no need to analyse it again); True when they changed."""
    entry = manifest.metadata_for(source.file)
    if not entry:
        return False
    values = {k: getattr(source, k) for k in entry if k != "file"}
    if "published" in values:
        values |= {"published_from": "metadata", "published_start": None, "published_end": None}
    return store.update_metadata(source.id, values)


def _stopped(error: BaseException, store: Store, report: RunReport, adding: Source | None) -> BaseException:
    """What a run stopped early by an interrupt or a dead worker says: what it stored. The
    document it was adding counts when an interrupt came just after its commit (stored, not yet
    counted)."""
    if isinstance(error, BrokenExecutor):
        return RashomonError(WORKER_DIED, f"{error}: {len(report.stored)} documents stored, run again to continue "
                                          "(with fewer --workers if memory is short)")
    late = adding is not None and adding.id not in report.stored and adding.file not in report.already
    try:
        late = late and store.has_document(adding.id)
    except Exception:  # a query the interrupt cut short leaves the connection busy: count what is known
        late = False
    return Interrupted(len(report.stored) + late)


def _stored(store: Store, manifest: Manifest | None, progress: Progress | None) -> Iterator[Source]:
    """Every stored document as a Source, to be analysed again (ids first: the table changes)."""
    ids = store.document_ids()
    for done, doc_id in enumerate(ids, 1):
        source = store.source(doc_id)
        if progress:
            progress(done, len(ids), source.file)
        yield apply_manifest(source, manifest)
