"""The seed accounts and their gold, scored the way ../shared/tools/score.py scores an export.

The evidence stages take mentions from the entity stage; here the mentions are the gold's own
entity variants (key = gold id), so these tests measure quotes, citations, quantities and labels
alone, not entity resolution. Everything is skipped when ../shared is absent.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache

from rashomon.extract.citations import find_citations
from rashomon.extract.labels import find_labels
from rashomon.extract.quantities import find_quantities
from rashomon.extract.quotes import find_quotes
from rashomon.ingest.parse import pipeline
from rashomon.records import Mention, Segment

from .conftest import GOLD, SCORER, SEEDS


def gold_mentions(text: str, gold: dict) -> list[Mention]:
    """Every whole-word occurrence of a gold entity variant, longest first where they overlap."""
    found = [Mention(m.start(), m.end(), m[0], str(e["type"]), str(e["id"]))
             for e in gold["entities"] for v in e["variants"]
             for m in re.finditer(r"(?<!\w)" + re.escape(v) + r"(?!\w)", text)]
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def gold_segments(text: str, doc_gold: dict) -> list[Segment]:
    """Boilerplate segments where the gold lists boilerplate, body everywhere else."""
    cuts = sorted(span for b in doc_gold.get("boilerplate") or []
                  for span in [m.span() for m in re.finditer(re.escape(b), text)][:1])
    segments, at = [], 0
    for start, end in cuts:
        if start > at:
            segments.append(Segment("body", at, start))
        segments.append(Segment("boilerplate", start, end))
        at = end
    if at < len(text):
        segments.append(Segment("body", at, len(text)))
    return segments


def _load_score():
    spec = importlib.util.spec_from_file_location("rashomon_seed_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@cache
def seed_scores() -> dict[str, tuple[float, list[str]]]:
    """score.py's (score, misses) for quantities, citations, quotes and labels on the seeds."""
    score = _load_score()
    gold = score.yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    export: dict = {"format": "rashomon/1", "documents": [], "entities": [], "quantities": [],
                    "citations": [], "quotes": [], "labels": []}
    entity_mentions: dict[str, list] = {}
    for key, doc_gold in gold["documents"].items():
        text = (SEEDS / doc_gold["file"]).read_text(encoding="utf-8")
        doc, doc_id = pipeline()(text), f"doc-{key}"
        segments = gold_segments(text, doc_gold)
        mentions = gold_mentions(text, gold)
        export["documents"].append({"id": doc_id, "file": doc_gold["file"], "text": text, "segments": []})
        for m in mentions:
            entity_mentions.setdefault(m.key, []).append({"doc": doc_id, "start": m.start, "end": m.end})
        export["quantities"] += [q.__dict__ | {"doc": doc_id} for q in find_quantities(doc, segments)]
        export["citations"] += [c.__dict__ | {"doc": doc_id, "authors": list(c.authors)}
                                for c in find_citations(doc, segments)]
        export["quotes"] += [q.__dict__ | {"doc": doc_id, "speaker": q.speaker_key}
                             for q in find_quotes(doc, segments, mentions)]
        export["labels"] += [{"doc": doc_id, "entity": lab.entity_key, "start": lab.start, "end": lab.end,
                              "text": lab.text} for lab in find_labels(doc, mentions)]
    export["entities"] = [{"id": k, "mentions": v} for k, v in entity_mentions.items()]
    refs = {str(k): (SEEDS / d["file"]).read_text(encoding="utf-8") for k, d in gold["documents"].items()}
    scorer = score.Scorer(gold, export, refs)
    sections = (score.score_quantities, score.score_citations, score.score_quotes, score.score_labels)
    return {r.name: (r.score, r.misses) for r in (fn(scorer) for fn in sections)}
