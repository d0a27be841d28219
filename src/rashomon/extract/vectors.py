"""The framing tagger's hidden layer over the parser's own contextual token vectors (Doc.tensor).

en_core_web_sm has no static word vectors, but its tok2vec layer gives every token a 96-wide
vector in context that the tagger, parser and NER share; a small layer over the vectors of a token
and its neighbours carries the tagger to words its training articles never had. Kept apart from
framing.py so that stage stays readable; the weights live in data/framing_model.json.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Dense:
    """One ReLU layer over the Doc.tensor rows of a token and `window` neighbours on each side
    (zeros past the ends), its inputs' standardisation folded into `w1` and `b1`."""

    window: int
    w1: np.ndarray  # (tensor width * (2 * window + 1), hidden)
    b1: np.ndarray  # (hidden,)
    w2: np.ndarray  # (hidden, techniques)

    def scores(self, tensor: np.ndarray) -> np.ndarray:
        """The layer's addition to every token's score, (tokens, techniques)."""
        hidden = np.maximum(0.0, _product(context_vectors(tensor, self.window), self.w1) + self.b1)
        return _product(hidden, self.w2)


def _product(x: np.ndarray, w: np.ndarray, rows: int = 16) -> np.ndarray:
    """x @ w, `rows` rows at a time in one stacked product: OpenBLAS spreads a single large product
    over threads that spin on a busy machine, at several times the CPU time."""
    n = len(x)
    padded = np.zeros((n + (-n) % rows, x.shape[1]), dtype=np.float32)
    padded[:n] = x
    return (padded.reshape(-1, rows, x.shape[1]) @ w).reshape(-1, w.shape[1])[:n]


def context_vectors(tensor: np.ndarray, window: int) -> np.ndarray:
    """Each token's Doc.tensor row beside those of `window` neighbours on each side (zeros past
    the ends of the document): (tokens, width * (2 * window + 1))."""
    n, width = tensor.shape
    padded = np.zeros((n + 2 * window, width), dtype=np.float32)
    padded[window : window + n] = tensor
    return np.hstack([padded[o : o + n] for o in range(2 * window + 1)])
