"""A worker's memory (issue 16): its whole process stays under 250 MB, on a first run too, and the
places it looks up do not pile up in it as a corpus names ever new ones."""

from __future__ import annotations

import gc
import sys
import tracemalloc

from rashomon.extract.places import gazetteer

from .conftest import ROOT

BENCH = ROOT / "benchmarks"


def _scale_bench():
    """benchmarks/scale_bench.py, whose measure of a worker's peak this test shares with `make bench`."""
    sys.path.insert(0, str(BENCH))
    try:
        import scale_bench
    finally:
        sys.path.remove(str(BENCH))
    return scale_bench


def test_looking_up_thousands_of_different_places_keeps_a_few_mb():
    gaz = gazetteer()
    names = [name for (name,) in gaz.query("SELECT DISTINCT name FROM place WHERE kind = 'village' LIMIT 12000")]
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for name in names:
            exact, keyed = gaz.find(name)
            for row in exact | keyed:
                gaz.place(row)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # 7 MB seen: every cache of rows, names and name keys full (4,096 or 8,192 entries each); when
    # the gazetteer kept 50,000 rows and names, 39 MB for 20,000 places, and growing up to 50,000
    assert kept < 10_000_000, f"{kept / 1e6:.1f} MB kept after looking up {len(names):,} places"


def test_a_first_run_keeps_each_worker_under_250_mb(tmp_path, monkeypatch):
    bench = _scale_bench()
    folder = tmp_path / "docs"
    folder.mkdir()
    bench.generate_places(folder, 40)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh-cache"))  # the gazetteer is built in this run
    run = bench.fresh(folder, 2, warm=False)
    assert run["stored"] == 40
    assert run["build_mb"], "no process built the gazetteer: the cache was not cold"
    assert len(run["worker_mb"]) == 2
    # the workers are forked from a forkserver that opened the file another process built: had it
    # built the file itself (800 MB at the peak), each worker would start from some 340 MB
    assert max(run["worker_mb"]) < bench.WORKER_MB_LIMIT, run


def test_parsing_a_unit_of_news_articles_holds_little_beside_the_model():
    from rashomon.ingest.parse import parse, pipeline

    pipeline()  # the model is loaded before, in the forkserver
    paragraph = ("Officials in the northern province said on Tuesday that floodwater had reached the old market, "
                 "and that two bridges near the river port were closed while engineers inspected them. ")
    articles = [f"Report {n}\n" + paragraph * 10 for n in range(16)]  # a worker's unit, 1,800 characters each
    gc.collect()
    tracemalloc.start()
    try:
        docs = list(parse(articles))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(docs) == 16
    # 22 MB seen, at most 8,000 characters parsed at once; 82 MB when all 16 were parsed in one batch
    assert peak < 40_000_000, f"{peak / 1e6:.0f} MB held while parsing"
