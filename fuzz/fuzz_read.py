"""Fuzzing target for the reader and the structure stage (atheris, libFuzzer-driven).

Each input is treated as the bytes of a scraped file: decoded (`read.decode`), split from its
front matter, read from a temporary file under each supported suffix (`read.read_file`) and
segmented (`structure.segment`). A crash is any exception, or an invariant broken: decode gives
text or a Skip with a known code; every segment lies inside the text, in order, without overlap.

    PYTHONPATH=src python fuzz/fuzz_read.py -max_total_time=600 out/fuzz-corpus fuzz/seeds

Falls back to a Hypothesis loop of the same checks when atheris is not installed
(`--hypothesis SECONDS`).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

try:
    import atheris
except ImportError:  # the Hypothesis loop below needs no instrumentation
    atheris = None
if "--hypothesis" in sys.argv:
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["rashomon"]):
        from rashomon.ingest import read, structure
else:
    from rashomon.ingest import read, structure
from rashomon.errors import REASONS
from rashomon.records import Skip, Source

SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl")
WORKDIR = Path(tempfile.mkdtemp(prefix="rashomon-fuzz-"))


def check_segments(text: str) -> None:
    """Segments lie inside the text, in order, and do not overlap."""
    last = 0
    for seg in structure.segment(text):
        assert 0 <= last <= seg.start < seg.end <= len(text), (seg, last, len(text))
        assert text[seg.start:seg.end].strip(), seg
        last = seg.end


def check_bytes(data: bytes) -> None:
    """Every invariant the reader and the structure stage promise, on one input."""
    decoded = read.decode(data)
    if isinstance(decoded, Skip):
        assert decoded.code in REASONS, decoded
    else:
        assert isinstance(decoded, str) and "\r" not in decoded
        meta, body = read.split_front_matter(decoded)
        assert isinstance(meta, dict) and decoded.endswith(body)
        check_segments(decoded)
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".txt"
    path = WORKDIR / f"input{suffix}"
    path.write_bytes(data)
    for found in read.read_file(path, max_bytes=1_000_000):
        if isinstance(found, Skip):
            assert found.code in REASONS, found
        else:
            assert isinstance(found, Source) and found.text.strip()
            check_segments(found.text)


def run_atheris(argv: list[str]) -> None:
    atheris.Setup(argv, check_bytes)
    atheris.Fuzz()


def run_hypothesis(seconds: float) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = st.text(alphabet=st.characters(codec="utf-8"), max_size=2000)
    encoded = st.tuples(text, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1256", "utf-8-sig"])).map(
        lambda te: te[0].encode(te[1], errors="replace"))
    inputs = st.one_of(st.binary(max_size=4000), encoded)
    checks = given(inputs)(settings(max_examples=2000, deadline=None, database=None,
                                    suppress_health_check=list(HealthCheck))(lambda data: check_bytes(data)))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        checks()


if __name__ == "__main__":
    if "--hypothesis" in sys.argv or atheris is None:
        given_time = [a.split("=", 1)[1] for a in sys.argv if a.startswith("-max_total_time=")]
        seconds = sys.argv[sys.argv.index("--hypothesis") + 1] if "--hypothesis" in sys.argv else None
        run_hypothesis(float(seconds or (given_time or ["600"])[0]))
    else:
        run_atheris(sys.argv)
