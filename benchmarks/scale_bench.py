"""Scale: the full pipeline against bare spaCy, 2 workers against 1, memory per worker as the corpus
grows tenfold, and a Dask local cluster against the plain process pool, in one run.

Every measured run but the ratio runs `rashomon.analyze` in a fresh Python process, so its
memory peak is its own; speed runs load the model before the clock starts, on both sides of a
comparison (loading takes a few seconds once per process, whatever the corpus). Peak memory is
the kernel's high-water mark (VmHWM) of each worker process, read from /proc while the run goes.

    python benchmarks/scale_bench.py [--docs 160] [--words 150] [--short 1000,10000] [--workers 2]

`--short 1000,10000,100000` adds the size at which the corpus-wide steps' memory is judged flat
(about ten minutes more on two cores). Memory is measured on two corpora of each size: short
documents that repeat the sample accounts' sentences, and short documents that each name three
towns drawn from the gazetteer, so that a worker looks up ever new places.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import throughput  # noqa: E402  (the generator and the ratio's two sides)


def generate_short(folder: Path, docs: int) -> int:
    """Write `docs` short accounts (a title and one sentence of the sample accounts, 15-40 words);
    returns the number of words."""
    rng = random.Random(1995)
    sentences = [s.strip() + "." for p in throughput.paragraphs() for s in p.split(". ")
                 if 12 <= len(s.split()) <= 35]
    words = 0
    for n in range(docs):
        text = f"Report {n}: what happened at the bridge\n{rng.choice(sentences)}\n"
        (folder / f"{n:05}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


PLACE_SENTENCES = ("Troops moved from {0} to {1} on Monday, officials in {2} said.",
                   "Residents of {0} fled toward {1} after shelling, a witness in {2} told reporters.",
                   "The convoy left {0} at dawn and reached {1} before the road to {2} was closed.")


def generate_places(folder: Path, docs: int) -> int:
    """Write `docs` short accounts that each name three towns drawn from the gazetteer, so that
    every document sends new names to the worker's place look-ups (the short accounts above
    repeat a few hundred sentences); returns the number of words."""
    from rashomon.extract.places import gazetteer

    rng = random.Random(1991)
    towns = [name for (name,) in gazetteer().query("SELECT name FROM place WHERE kind IN ('city', 'town')")
             if name.isascii() and name.replace(" ", "").isalpha()]
    words = 0
    for n in range(docs):
        names = rng.sample(towns, 3)
        text = f"Report {n}: fighting near {names[0]}\n{rng.choice(PLACE_SENTENCES).format(*names)}\n"
        (folder / f"{n:05}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _shares_kb(pid: int) -> tuple[int, int]:
    """A process's proportional set size (PSS: each shared page divided among the processes that map
    it) and unique set size (USS: its private pages), from /proc/PID/smaps_rollup."""
    fields: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
    except (OSError, ValueError, IndexError):
        return 0, 0
    return fields.get("Pss", 0), fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (from /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def _descendants(pid: int) -> list[int]:
    """Process ids below `pid` (from /proc: no extra package needed)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


WORKER_MB_LIMIT = 250  # a worker's whole process at its peak (issue 16)
# a process that builds the gazetteer file (a first run, geonames._build_apart): no worker
BUILDER = "rashomon.extract.places.geonames import build"


class Watch:
    """The peaks of the processes below this one, sampled from /proc every quarter second: VmHWM,
    PSS and USS (each the largest seen), and CPU seconds."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.shares: dict[int, tuple[int, int]] = {}
        self.cpu: dict[int, float] = {}
        self.builders: set[int] = set()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.is_set():
            for pid in _descendants(os.getpid()):
                if BUILDER in _cmdline(pid):  # checked each time: a child is forked, then runs its command
                    self.builders.add(pid)
                self.peaks[pid] = max(self.peaks.get(pid, 0), _peak_kb(pid))
                pss, uss = _shares_kb(pid)
                old = self.shares.get(pid, (0, 0))
                self.shares[pid] = (max(old[0], pss), max(old[1], uss))
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            self.done.wait(0.25)

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    def largest(self, count: int) -> dict[str, list[float]]:
        """The `count` processes with the highest peaks, builders of the gazetteer left out (the
        workers: helpers such as the forkserver are smaller): VmHWM, PSS and USS in MB."""
        pids = sorted(set(self.peaks) - self.builders, key=self.peaks.get, reverse=True)[:count]
        return {"worker_mb": [self.peaks[pid] / 1024 for pid in pids],
                "worker_pss_mb": [self.shares.get(pid, (0, 0))[0] / 1024 for pid in pids],
                "worker_uss_mb": [self.shares.get(pid, (0, 0))[1] / 1024 for pid in pids],
                "build_mb": [self.peaks[pid] / 1024 for pid in self.builders]}


def child_run(folder: str, db: str, workers: int, dask: str | None, warm: bool) -> dict:
    """One run of `analyze` (in a fresh process): seconds, and peak memory of the process itself
    and of its largest worker processes. `warm`: the model and the gazetteer are loaded before the
    clock starts, on both sides of a comparison (in this process for 1 worker; for a pool, in the
    forkserver that its workers are forked from; on the Dask workers, by a first run on the same
    cluster)."""
    watch = Watch()
    from rashomon import analyze
    from rashomon import pipeline as flow
    from rashomon.extract.places import gazetteer
    from rashomon.ingest.parse import pipeline
    from rashomon.pipeline import BATCH, dask_client

    streaming: list[float] = []  # this process's peak before the corpus-wide steps start
    corpus_wide: list[float] = []  # seconds in resolve and in compare
    resolve, compare = flow.resolve, flow.compare

    def resolve_after_noting_the_peak(store):
        streaming.append(_peak_kb(os.getpid()) / 1024)
        started = time.perf_counter()
        try:
            return resolve(store)
        finally:
            corpus_wide.append(time.perf_counter() - started)

    def timed_compare(store):
        started = time.perf_counter()
        try:
            return compare(store)
        finally:
            corpus_wide.append(time.perf_counter() - started)

    flow.resolve, flow.compare = resolve_after_noting_the_peak, timed_compare

    client = dask_client(dask) if dask else None
    if warm:
        if workers == 1 and not dask:
            pipeline()
            gazetteer()
        else:
            warm_up = Path(folder).parent / f"warm-{os.getpid()}"
            warm_up.mkdir()
            for n in range(2 * BATCH):
                (warm_up / f"{n}.txt").write_text(f"Warm-up {n} in Paris.\n", encoding="utf-8")
            with analyze([warm_up], db=f"{db}-warm", workers=workers, dask=client):
                pass
    start, before = time.perf_counter(), os.times()
    busy = {pid: watch.cpu.get(pid, 0.0) for pid in _descendants(os.getpid())}  # Dask workers warmed up
    with analyze([folder], db=db, workers=workers, dask=client) as corpus:
        stored = len(corpus.report.stored)
    seconds, after = time.perf_counter() - start, os.times()
    own = after.user - before.user + after.system - before.system
    if client is not None:
        client.close()
        client.close_cluster()
    watch.stop()
    worker_cpu = sorted((c - busy.get(pid, 0.0) for pid, c in watch.cpu.items()), reverse=True)[:workers]
    return {"seconds": seconds, "stored": stored, "self_mb": _peak_kb(os.getpid()) / 1024,
            "streaming_mb": streaming[-1], "resolve_s": corpus_wide[-2], "compare_s": corpus_wide[-1],
            "self_cpu": own, "worker_cpu": worker_cpu, **watch.largest(workers)}


def fresh(folder: Path, workers: int, dask: str | None = None, warm: bool = True) -> dict:
    """`child_run` in a fresh interpreter, over a fresh store."""
    db = folder.parent / f"{folder.name}-{workers}-{dask or 'pool'}-{time.monotonic_ns()}.db"
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import scale_bench; "
            "print(json.dumps(scale_bench.child_run(sys.argv[2], sys.argv[3], int(sys.argv[4]), "
            "sys.argv[5] or None, sys.argv[6] == '1')))")
    env = os.environ | {"PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH"))
                                                     if p)}
    done = subprocess.run([sys.executable, "-c", code, str(HERE), str(folder), str(db), str(workers), dask or "",
                           "1" if warm else "0"],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


CORPORA = {"short": (generate_short, "short documents of 15-40 words repeating the sample accounts' sentences"),
           "places": (generate_places, "short documents each naming three towns drawn from the gazetteer")}


def memory(tmp: Path, kind: str, sizes: list[int], workers: int) -> None:
    """Print the peak memory of each worker (VmHWM, PSS, USS) and of the parent at each corpus size,
    each a cold run in a fresh process, and how much the largest worker grows."""
    generate, what = CORPORA[kind]
    print(f"memory ({workers} workers, {what}; a worker's peak RSS = VmHWM, then its peak PSS and USS):")
    peaks = []
    for size in sizes:
        folder = tmp / f"{kind}-{size}"
        folder.mkdir()
        words = generate(folder, size)
        run = fresh(folder, workers, warm=False)
        peaks.append(max(run["worker_mb"], default=0.0))
        print(f"  {size:6,} documents ({words:,} words, {run['seconds']:.0f} s): peak per worker "
              f"{', '.join(f'{mb:.0f}' for mb in run['worker_mb'])} MB (PSS "
              f"{', '.join(f'{mb:.0f}' for mb in run['worker_pss_mb'])}, USS "
              f"{', '.join(f'{mb:.0f}' for mb in run['worker_uss_mb'])}); parent (reads, writes the store) "
              f"{run['streaming_mb']:.0f} MB, {run['self_mb']:.0f} MB after resolve and compare; resolve "
              f"{run['resolve_s']:.1f} s, compare {run['compare_s']:.1f} s "
              f"({run['compare_s'] / run['seconds']:.1%} of the run; target under 10%)", flush=True)
    if len(peaks) > 1 and peaks[0]:
        print(f"  largest worker grows {peaks[-1] / peaks[0] - 1:+.1%} from {sizes[0]:,} to {sizes[-1]:,} documents "
              f"(target within 10%, under {WORKER_MB_LIMIT} MB)")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=160, help="news-length documents for the speed figures")
    ap.add_argument("--words", type=int, default=150, help="words per news-length document")
    ap.add_argument("--short", default="1000,10000", help="corpus sizes (short documents) for memory")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-dask", action="store_true", help="leave out the Dask local-cluster figure")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.short.split(",")]
    print(f"## Scale ({load()} at the start)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        news = Path(tmp) / "news"
        news.mkdir()
        texts = throughput.generate(news, args.docs, args.words)
        n_words = sum(len(t.split()) for t in texts)

        # the ratio: both sides in this process, model loaded, best of two alternating runs
        sample = texts[: max(20, args.docs // 4)]
        sample_dir = Path(tmp) / "sample"
        sample_dir.mkdir()
        for n, text in enumerate(sample):
            (sample_dir / f"{n:05}.txt").write_text(text, encoding="utf-8")
        sample_words = sum(len(t.split()) for t in sample)
        bare, full = [], []
        for run in range(2):
            bare.append(throughput.bare_spacy(sample))
            full.append(throughput.full_pipeline(sample_dir, run))
        b, f = min(bare), min(full)
        print(f"full pipeline against bare spaCy ({len(sample)} documents, {sample_words:,} words, one process):")
        print(f"  spaCy nlp.pipe {sample_words / b:8,.0f} words/s; rashomon analyze {sample_words / f:8,.0f} "
              f"words/s; ratio {b / f:.2f} (target >= 0.6)", flush=True)

        # alternating, best of two: the load of a shared machine changes from minute to minute
        ones, manys = [], []
        for _ in range(2):
            ones.append(fresh(news, 1))
            manys.append(fresh(news, args.workers))
        one = min(ones, key=lambda r: r["seconds"])
        many = min(manys, key=lambda r: r["seconds"])
        print(f"workers ({args.docs} documents, {n_words:,} words, model loaded before the clock starts, "
              f"best of 2 alternating runs):")
        print(f"  1 worker {one['seconds']:6.1f} s ({n_words / one['seconds']:6,.0f} words/s); {args.workers} workers "
              f"{many['seconds']:6.1f} s ({n_words / many['seconds']:6,.0f} words/s); speed-up "
              f"{one['seconds'] / many['seconds']:.2f}x (target >= 1.7x)")
        split = ", ".join(f"{c:.1f}" for c in many["worker_cpu"])
        print(f"  CPU time: 1 worker {one['self_cpu']:.1f} s; {args.workers} workers {split} s each, their parent "
              f"{many['self_cpu']:.1f} s: an idle machine would give up to "
              f"{one['self_cpu'] / max(max(many['worker_cpu'], default=0), many['self_cpu'], 1e-9):.2f}x", flush=True)

        if not args.no_dask:
            try:
                dask = fresh(news, args.workers, "local")
            except subprocess.CalledProcessError as e:
                print(f"  Dask local cluster: failed ({e.stderr.strip().splitlines()[-1:]})")
            else:
                print(f"  Dask local cluster ({os.cpu_count()} single-threaded workers) {dask['seconds']:6.1f} s "
                      f"({n_words / dask['seconds']:6,.0f} words/s); {dask['seconds'] / many['seconds']:.2f}x the "
                      f"time of the {args.workers}-process pool", flush=True)

        for kind in ("short", "places"):
            memory(Path(tmp), kind, sizes, args.workers)
    print(f"({load()} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
