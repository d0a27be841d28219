"""Resolve at scale: the corpus-wide step that joins names into entities, timed as the corpus grows,
on many near-identical documents (its worst case), in one run.

The stores are built quickly from real analyses: `--base` short accounts (scale_bench's: a title
and one sentence) and `--news` news-length ones (throughput.py's generator) go through the real
pipeline once, then copies of those analyses, each with its own text, are stored until a store
holds the size asked for (as web_bench.py does). Each measure runs `resolve` in a fresh process
with the gazetteer loaded before the clock starts; the figure that counts is the ratio of times
between sizes, measured in the same run (the machine is shared and noisy). `--baseline SRC` times
the same stores with another checkout's source tree too (e.g. main's, before a change), each
run cut at `--timeout` seconds. `--memory` sizes: the peak (VmHWM) of a process that runs
resolve and compare over a store of that many short documents, i.e. the parent of `analyze` in
its corpus-wide steps (with `--baseline`, the other tree's on the same store right after).
`--tolls` sizes: the same over copies of four accounts of one toll (two sides' dead, counts of no
side; each copy a story of its own), where a count frame holds claims of every story.

    python benchmarks/resolve_bench.py [--sizes 1000,4000,10000] [--kinds short,news]
        [--baseline ../main/src] [--memory 30000,100000] [--tolls 8192,32768]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import scale_bench  # noqa: E402  (the short accounts and the load average)
import throughput  # noqa: E402  (the news-length accounts)

# one toll, written for the bench: two sides' dead and counts of no side, where each copy is a story of its own
TOLLS = [
    "Forty Velorian soldiers were killed in the battle for Dorvast on 3 May 1994, the Velorian army said.",
    "Twenty-five Tarkan fighters were killed at Dorvast on 3 May 1994, the Tarkan command said.",
    "At least 90 people were killed in the fighting at Dorvast, the town hospital said.",
    "The fighting at Dorvast killed 120 people, among them 30 civilians, a relief agency said.",
]


def analyses(folder: Path, kind: str, base: int) -> list:
    """`base` accounts of a kind written and analysed by the real pipeline."""
    from rashomon.ingest.parse import parse
    from rashomon.ingest.read import read_file
    from rashomon.pipeline import analyze_document
    from rashomon.records import Source

    folder.mkdir()
    if kind == "short":
        scale_bench.generate_short(folder, base)
    elif kind == "tolls":
        for n, text in enumerate(TOLLS):
            (folder / f"{n}.txt").write_text(text + "\n")
    else:
        throughput.generate(folder, base, 400)
    sources = [s for p in sorted(folder.glob("*.txt")) for s in read_file(p) if isinstance(s, Source)]
    return [analyze_document(s, doc) for s, doc in zip(sources, parse(s.text for s in sources), strict=True)]


def build(db: Path, base: list, size: int) -> None:
    """A store of `size` documents: copies of the analyses, each with its own text."""
    from rashomon.store import Store

    with Store(db) as store:
        for n in range(size):
            a = base[n % len(base)]
            text = f"{a.source.text}\nCopy {n}.\n"  # appended: every offset of the analysis still holds
            store.add(replace(a, source=replace(a.source, text=text, file=f"copy/{n:06}.txt",
                                                sha256=hashlib.sha256(text.encode()).hexdigest())))


def child(db: str, compare: bool) -> dict:
    """Resolve (and compare) over a store, in this fresh process: seconds, CPU seconds, entities,
    compare's seconds and CPU seconds, this process's peak memory before and after."""
    import time

    from rashomon.corpus.compare import compare as compare_all
    from rashomon.corpus.resolve import resolve
    from rashomon.extract.places import gazetteer
    from rashomon.store import Store

    gazetteer()
    with Store(db) as store:
        before = scale_bench._peak_kb(os.getpid()) / 1024
        started, cpu = time.perf_counter(), time.process_time()
        entities = resolve(store)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        resolved, compare_s, compare_cpu = scale_bench._peak_kb(os.getpid()) / 1024, None, None
        if compare:
            started, compare_cpu = time.perf_counter(), time.process_time()
            compare_all(store)
            compare_s, compare_cpu = time.perf_counter() - started, time.process_time() - compare_cpu
    return {"seconds": seconds, "cpu": cpu, "entities": entities, "compare_s": compare_s, "compare_cpu": compare_cpu,
            "before_mb": before, "resolved_mb": resolved, "peak_mb": scale_bench._peak_kb(os.getpid()) / 1024}


def fresh(db: Path, src: Path, compare: bool = False, timeout: float | None = None) -> dict | None:
    """`child` in a fresh interpreter with `src` first on the path; None when it ran out of time."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import resolve_bench; "
            "print(json.dumps(resolve_bench.child(sys.argv[2], sys.argv[3] == '1')))")
    env = os.environ | {"PYTHONPATH": os.pathsep.join(p for p in (str(src), os.environ.get("PYTHONPATH")) if p)}
    try:
        done = subprocess.run([sys.executable, "-c", code, str(HERE), str(db), "1" if compare else "0"],
                              capture_output=True, text=True, env=env, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _times(sizes: list[int], runs: list[dict | None]) -> str:
    first = runs[0]
    out = []
    for size, run in zip(sizes, runs, strict=True):
        if run is None:
            out.append(f"{size:,}: out of time")
            continue
        ratio = f" ({run['cpu'] / first['cpu']:.1f}x the CPU of {sizes[0]:,})" if first and run is not first else ""
        out.append(f"{size:,}: {run['seconds']:.2f} s, CPU {run['cpu']:.2f} s{ratio}, {run['entities']} entities")
    return "; ".join(out)


def _compare_runs(tmp: Path, base: list, kind: str, sizes: list[int], baseline: Path | None) -> None:
    """Resolve and compare over stores of copies of `base`, each size with this tree and then the
    baseline's on the same store: compare's CPU time and the process's peak."""
    for size in sizes:
        db = tmp / f"{kind}-{size}.db"
        build(db, base, size)
        for name, src in (("this tree", ROOT / "src"), ("baseline", baseline))[:2 if baseline else 1]:
            run = fresh(db, src, compare=True)
            print(f"  {size:,} {kind} documents, {name}: resolve {run['seconds']:.1f} s, compare "
                  f"{run['compare_s']:.1f} s (CPU {run['compare_cpu']:.2f} s); process peak "
                  f"{run['before_mb']:.0f} MB with the store open, {run['resolved_mb']:.0f} MB after resolve, "
                  f"{run['peak_mb']:.0f} MB after compare", flush=True)
        db.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,4000,10000", help="corpus sizes (documents) to resolve")
    ap.add_argument("--kinds", default="short,news", help="short (a title and a sentence), news (about 400 words)")
    ap.add_argument("--base", type=int, default=300, help="short accounts analysed for real")
    ap.add_argument("--news", type=int, default=150, help="news-length accounts analysed for real")
    ap.add_argument("--baseline", type=Path, help="another checkout's src folder, timed on the same stores")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a baseline run is cut")
    ap.add_argument("--memory", default="", help="sizes (short documents) for the resolve-and-compare peak")
    ap.add_argument("--tolls", default="", help="sizes (copies of TOLLS) for compare's time on one toll")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"## Resolve ({scale_bench.load()} at the start)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            base = analyses(Path(tmp) / kind, kind, args.base if kind == "short" else args.news)
            dbs = []
            for size in sizes:
                dbs.append(Path(tmp) / f"{kind}-{size}.db")
                build(dbs[-1], base, size)
            print(f"{kind} documents, copies of {len(base)} analysed ones:", flush=True)
            print(f"  this tree: {_times(sizes, [fresh(db, ROOT / 'src') for db in dbs])}", flush=True)
            if args.baseline:
                print(f"  baseline:  {_times(sizes, [fresh(db, args.baseline, timeout=args.timeout) for db in dbs])}",
                      flush=True)
        for kind, listed in (("short", args.memory), ("tolls", args.tolls)):
            if listed:
                _compare_runs(Path(tmp), analyses(Path(tmp) / f"{kind}-compared", kind, args.base), kind,
                              [int(s) for s in listed.split(",")], args.baseline)
    print(f"({scale_bench.load()} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
