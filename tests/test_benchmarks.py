"""`make bench` runs every benchmark to the end (issue 20): the web benchmark, on a small store,
builds it, requests every page and prints a figure for each."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

BENCH = ROOT / "benchmarks"
PAGES = ("document", "entities", "entity", "findings", "framing", "map", "search", "sources", "timeline",
         "worst search")


def test_make_bench_names_only_benchmarks_that_exist():
    sys.path.insert(0, str(BENCH))
    try:
        import run
    finally:
        sys.path.remove(str(BENCH))
    assert all((BENCH / f"{name}.py").is_file() for name in run.ORDER)
    assert "web_bench" in run.ORDER


def test_web_bench_runs_to_the_end_on_a_small_store(tmp_path):
    env = os.environ | {"PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, str(BENCH / "web_bench.py"), "--docs", "60", "--base", "6",
                           "--requests", "4", "--store", str(tmp_path / "bench.db")],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {line.split()[0] if not line.startswith("worst") else "worst search": line
            for line in done.stdout.splitlines() if line and not line.startswith(("#", "page"))}
    assert set(PAGES) <= set(rows), done.stdout
    assert "60 documents" in done.stdout


def test_resolve_bench_runs_to_the_end_on_small_stores():
    env = os.environ | {"PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, str(BENCH / "resolve_bench.py"), "--sizes", "20,40", "--kinds", "short",
                           "--base", "4", "--memory", "40"],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "40: " in done.stdout and "x the CPU of 20" in done.stdout, done.stdout
    assert "40 short documents, this tree: resolve" in done.stdout and "MB after compare" in done.stdout, done.stdout
