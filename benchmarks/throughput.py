"""Throughput of `rashomon analyze` against spaCy's bare `nlp.pipe` on the same texts, in one run.

The corpus is generated from the bundled sample accounts (examples/accounts): paragraphs are
drawn with a fixed seed into news-length documents, each one different. Timings on a shared
machine are noisy, so both sides run twice, alternating, and the best of each is kept; the figure
that counts is the ratio, measured in the same run.

    python benchmarks/throughput.py [--docs 200] [--words 500]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "accounts"


def paragraphs() -> list[str]:
    """Body paragraphs of the sample accounts (plain text of every supported file)."""
    from rashomon.ingest.read import iter_files, read_file
    from rashomon.records import Source

    out = []
    for path in iter_files([EXAMPLES]):
        for src in read_file(path):
            if isinstance(src, Source):
                out += [p for p in src.text.split("\n") if len(p.split()) > 12]
    return out


def generate(folder: Path, docs: int, words: int) -> list[str]:
    """Write `docs` news-length accounts into folder; returns their texts."""
    rng = random.Random(1988)
    pool = paragraphs()
    texts = []
    for n in range(docs):
        body = [f"Report {n}: what happened at the bridge"]
        while sum(len(p.split()) for p in body) < words:
            body.append(rng.choice(pool))
        text = "\n".join(body) + "\n"
        (folder / f"{n:05}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def bare_spacy(texts: list[str]) -> float:
    import spacy

    from rashomon.ingest.parse import BATCH_SIZE, MODEL

    nlp = spacy.load(MODEL)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return time.perf_counter() - start


def full_pipeline(folder: Path, run: int) -> float:
    from rashomon import analyze
    from rashomon.ingest.parse import pipeline

    pipeline()  # loading the model is not analysis time, as for the bare side
    start = time.perf_counter()
    with analyze([folder], db=folder.parent / f"bench-{run}.db"):
        pass
    return time.perf_counter() - start


def compare_ratio(folder: Path, docs: int, words: int) -> tuple[float, float]:
    """Seconds to analyse `docs` short accounts, and seconds to compare them again from the store."""
    from rashomon import analyze
    from rashomon.corpus.compare import compare
    from rashomon.ingest.parse import pipeline

    generate(folder, docs, words)
    pipeline()
    start = time.perf_counter()
    with analyze([folder], db=folder.parent / "compare.db") as corpus:
        analysed = time.perf_counter() - start
        start = time.perf_counter()
        compare(corpus.store)
        compared = time.perf_counter() - start
    return analysed, compared


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--compare-docs", type=int, default=1000, help="documents for the comparison timing")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        texts = generate(folder, args.docs, args.words)
        n_words = sum(len(t.split()) for t in texts)
        bare, full = [], []
        for run in range(2):
            bare.append(bare_spacy(texts))
            full.append(full_pipeline(folder, run))
        small = Path(tmp) / "compare"
        small.mkdir()
        analysed, compared = compare_ratio(small, args.compare_docs, 120)
    b, f = min(bare), min(full)
    print(f"## Throughput ({args.docs} generated documents, {n_words:,} words, one process)")
    print(f"spaCy nlp.pipe (bare en_core_web_sm): {n_words / b:8,.0f} words/s")
    print(f"rashomon analyze (full pipeline):     {n_words / f:8,.0f} words/s")
    print(f"ratio full / bare:                    {b / f:8.2f}")
    print(f"## Comparison ({args.compare_docs} generated documents of about 120 words)")
    print(f"analyse: {analysed:.1f} s; compare again from the store: {compared:.2f} s; "
          f"ratio compare / analyse: {compared / analysed:.3f} (target < 0.1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
