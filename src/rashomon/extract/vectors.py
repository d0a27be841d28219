"""The framing tagger's hidden layer: over the parser's contextual token vectors (Doc.tensor) and
static word vectors of the token and its neighbours.

en_core_web_sm has no static word vectors, but its tok2vec layer gives every token a 96-wide
vector in context that the tagger, parser and NER share. Beside it, `data/word_vectors.npz` gives
each lower-cased word a vector of its own, learnt from large web text, so that a loaded word the
training articles never had lands near the loaded words they had: the 300-wide vectors of
Explosion's en_core_web_md 3.8.0 (CC0), reduced to their first 64 principal components and
stored as float16 under spaCy's 64-bit hash of the word (benchmarks/build_word_vectors.py). Kept
apart from framing.py so that stage stays readable; the layer's weights live in
data/framing_model.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc

from rashomon.data import file

WORD_VECTORS_PATH = Path(str(file("word_vectors.npz")))  # written by benchmarks/build_word_vectors.py


@dataclass(frozen=True)
class WordVectors:
    """Static vectors of lower-cased words, found by spaCy's hash of the word (Token.lower)."""

    keys: np.ndarray  # (words,) uint64, sorted
    rows: np.ndarray  # (words,) row of `table` for each key
    table: np.ndarray  # (rows, width) float16

    @property
    def width(self) -> int:
        return self.table.shape[1]

    def of(self, doc: Doc) -> np.ndarray:
        """One row per token, (tokens, width) float32; zeros for a word without a vector."""
        lowers = doc.to_array([LOWER]).astype(np.uint64).reshape(-1)
        out = np.zeros((len(lowers), self.width), dtype=np.float32)
        if not len(lowers) or not len(self.keys):
            return out
        at = np.minimum(np.searchsorted(self.keys, lowers), len(self.keys) - 1)
        found = self.keys[at] == lowers
        out[found] = self.table[self.rows[at[found]]]
        return out


@lru_cache(maxsize=2)
def load_word_vectors(path: Path = WORD_VECTORS_PATH) -> WordVectors:
    """The packaged word vectors (read once per process, about 5 MB)."""
    with np.load(path) as data:
        return WordVectors(data["keys"], data["rows"], data["table"])


@dataclass(frozen=True)
class Dense:
    """One ReLU layer over the inputs of a token and `window` neighbours on each side (zeros past
    the ends), its inputs' standardisation folded into `w1` and `b1`. A token's inputs are its
    Doc.tensor row, then its static word vector when `words` is set."""

    window: int
    w1: np.ndarray  # (input width * (2 * window + 1), hidden)
    b1: np.ndarray  # (hidden,)
    w2: np.ndarray  # (hidden, techniques)
    words: WordVectors | None = None

    def applies(self, doc: Doc) -> bool:
        """Whether the Doc has the parser's tensor this layer was trained on (not a bare tokenisation)."""
        tensor = doc.tensor
        extra = self.words.width if self.words is not None else 0
        width = self.w1.shape[0] // (2 * self.window + 1) - extra
        return len(doc) > 0 and getattr(tensor, "shape", None) == (len(doc), width)

    def scores(self, doc: Doc) -> np.ndarray:
        """The layer's addition to every token's score, (tokens, techniques)."""
        x = context_vectors(token_inputs(doc, self.words), self.window)
        hidden = np.maximum(0.0, _product(x, self.w1) + self.b1)
        return _product(hidden, self.w2)


def token_inputs(doc: Doc, words: WordVectors | None) -> np.ndarray:
    """Each token's Doc.tensor row, then its static word vector if `words` is given."""
    tensor = np.asarray(doc.tensor, dtype=np.float32)
    return tensor if words is None else np.hstack([tensor, words.of(doc)])


def _product(x: np.ndarray, w: np.ndarray, rows: int = 16) -> np.ndarray:
    """x @ w, `rows` rows at a time in one stacked product: OpenBLAS spreads a single large product
    over threads that spin on a busy machine, at several times the CPU time."""
    n = len(x)
    padded = np.zeros((n + (-n) % rows, x.shape[1]), dtype=np.float32)
    padded[:n] = x
    return (padded.reshape(-1, rows, x.shape[1]) @ w).reshape(-1, w.shape[1])[:n]


def context_vectors(tensor: np.ndarray, window: int) -> np.ndarray:
    """Each token's row beside those of `window` neighbours on each side (zeros past the ends of
    the document): (tokens, width * (2 * window + 1))."""
    n, width = tensor.shape
    padded = np.zeros((n + 2 * window, width), dtype=np.float32)
    padded[window : window + n] = tensor
    return np.hstack([padded[o : o + n] for o in range(2 * window + 1)])
