"""The flow: read -> structure -> parse -> extract -> store, then the corpus-wide steps.

`analyze` is the Python API behind `rashomon analyze`. Per-document work is a pure function of
a Source and its spaCy Doc (`analyze_document`), so it can run anywhere; the store is written
here only, one transaction per document.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from . import citations, entities, events, framing, labels, places, quantities, quotes, structure, time
from .compare import compare
from .kb import KnowledgeBase, load_kb
from .parse import batches, parse, text_of
from .read import DEFAULT_MAX_BYTES, Manifest, apply_manifest, iter_files, read_file, read_manifest, skip
from .records import DocumentAnalysis, Entity, Skip, Source
from .resolve import resolve
from .store import Store

BATCH = 32  # documents parsed together: enough for spaCy's batching, small enough to keep memory flat

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)


@cache
def knowledge(paths: tuple[str, ...] = ()) -> KnowledgeBase:
    """The shipped knowledge file plus the user's (`--kb`), loaded once per process."""
    return load_kb([Path(p) for p in paths])


def _known(entity: Entity, kb: KnowledgeBase) -> Entity:
    """The entity with the knowledge file's id when one of its names is a known alias."""
    if entity.kb_id:
        return entity
    for name in (entity.name, *entity.aliases):
        if (found := kb.lookup(name, entity.type)) is not None:
            return replace(entity, kb_id=found.kb_id)
    return entity


# how far from the story's other places a name the model did not type as a place may lie and
# still be read as one ("Tabriz" tagged as a person in a story about western Iran)
STORY_RADIUS_KM = 400


def _locate(names: list[Entity], mentions, text: str, kb: KnowledgeBase) -> tuple[list[Entity], dict[str, str]]:
    """Places on the map: the entities typed as places, then one-word names typed otherwise that
    the gazetteer places within STORY_RADIUS_KM of the story's places."""
    placed, unplaced = places.locate(names, mentions, text, kb)
    anchors = [(e.lat, e.lon) for e in placed if e.lat is not None and e.place_kind not in ("country", "continent")]
    others = [replace(e, type="GPE") for e in placed if e.type in ("PERSON", "ORG", "NORP") and not e.name.isupper()
              and not (e.type == "PERSON" and " " in e.name)]
    if not anchors or not others:
        return list(placed), unplaced
    found = {e.id: e for e in places.locate(others, mentions, text, kb)[0]
             if e.lat is not None and min(places.km(e.lat, e.lon, a, b) for a, b in anchors) <= STORY_RADIUS_KM}
    return [found.get(e.id, e) for e in placed], unplaced


def analyze_document(source: Source, doc: Doc, kb: KnowledgeBase | None = None) -> DocumentAnalysis:
    """Everything the per-document stages find in one source, given its parsed text.

    A stage that fails on this document leaves its own list empty and says so in `problems`;
    the document and every other stage's findings are kept."""
    kb = kb if kb is not None else knowledge()
    problems: list[str] = []

    def stage(name: str, run, *args, empty=()):
        try:
            return run(*args)
        except Exception as e:  # a defect on one document must not cost its other findings
            problems.append(f"[R016] the {name} stage failed: {type(e).__name__}: {e}")
            return empty

    segments = tuple(structure.segment(source.text, author=source.author))
    mentions, names = stage("entities", entities.find_mentions, doc, segments, kb, empty=([], []))
    placed, unplaced = stage("places", _locate, names, mentions, text_of(doc), kb, empty=(names, {}))
    names = [_known(replace(e, unresolved=unplaced.get(e.id)), kb) for e in placed]
    boilerplate = [(s.start, s.end) for s in segments if s.kind == "boilerplate"]
    claimable = [m for m in mentions if not any(a <= m.start < b for a, b in boilerplate)]
    words = sum(1 for t in doc if not (t.is_space or t.is_punct))
    found_timexes = stage("time", time.find_timexes, doc, segments, source.published)
    found_quantities = stage("quantities", quantities.find_quantities, doc, segments)
    found_citations = stage("citations", citations.find_citations, doc, segments)
    found_quotes = stage("quotes", quotes.find_quotes, doc, segments, claimable)
    found_labels = stage("labels", labels.find_labels, doc, claimable)
    found_framing = stage("framing", framing.find_framing, doc, segments)
    place_keys = frozenset(e.id for e in names if e.type in events.PLACE_TYPES or e.lat is not None)
    found_events = stage("events", events.find_events, doc, segments, claimable, found_timexes, found_quantities,
                         found_quotes, found_citations, found_labels, place_keys, found_framing)
    return DocumentAnalysis(
        source=source, segments=segments, mentions=tuple(mentions), entities=tuple(names),
        timexes=tuple(found_timexes), quantities=tuple(found_quantities), citations=tuple(found_citations),
        quotes=tuple(found_quotes), labels=tuple(found_labels), framing=tuple(found_framing),
        events=tuple(found_events), words=words, problems=tuple(problems))


@dataclass
class RunReport:
    """What one `analyze` run did with its inputs."""

    stored: list[str] = field(default_factory=list)  # document ids added
    already: list[str] = field(default_factory=list)  # files whose text was stored before
    skipped: list[Skip] = field(default_factory=list)  # inputs that could not be used, and why
    problems: list[str] = field(default_factory=list)  # stages that failed on a document that was kept

    @property
    def exit_code(self) -> int:
        """0 when every input was used, 1 when something was skipped (the CLI's exit status)."""
        return 1 if self.skipped else 0


class Corpus:
    """An analysed corpus: a store plus what the last run did. Close it when done."""

    def __init__(self, db: str | os.PathLike, report: RunReport | None = None, readonly: bool = False):
        self.store = Store(db, readonly=readonly)
        self.report = report or RunReport()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def to_dict(self) -> dict:
        """The JSON export (EXPORT.md) as a dict."""
        from .export import to_dict

        return to_dict(self.store)


def _sources(files: list[Path | Skip], manifest: Manifest | None, max_bytes: int, report: RunReport,
             progress: Progress | None) -> Iterator[Source]:
    for done, item in enumerate(files, 1):
        if progress:
            progress(done, len(files), str(item.path if isinstance(item, Skip) else item))
        if isinstance(item, Skip):
            report.skipped.append(item)
            continue
        for found in read_file(item, max_bytes=max_bytes):
            if isinstance(found, Skip):
                report.skipped.append(found)
            else:
                yield apply_manifest(found, manifest)


def analyze(paths: Iterable[str | os.PathLike] | str | os.PathLike, db: str | os.PathLike = "rashomon.db",
            sources: str | os.PathLike | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            progress: Progress | None = None, kb: Iterable[str | os.PathLike] = ()) -> Corpus:
    """Read, analyse and store the accounts under `paths`; returns the corpus in store `db`.

    `sources` is a sources manifest (YAML) whose metadata overrides what the files say; `kb` are
    knowledge files (YAML, see data/kb.yaml) read beside the shipped one.
    Inputs that cannot be used are listed in `corpus.report.skipped` with their reason; a text
    already in the store is not analysed again.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    report = RunReport()
    known = knowledge(tuple(str(p) for p in kb))
    manifest = read_manifest(sources) if sources else None
    if manifest:
        report.skipped.extend(manifest.problems)
    corpus = Corpus(db, report)
    store = corpus.store
    files = list(iter_files(paths))
    seen_files: list[str] = []
    for batch in batches(_sources(files, manifest, max_bytes, report, progress), BATCH):
        seen_files += [s.file for s in batch]
        fresh, ids = [], set()
        for source in batch:
            if store.has_document(source.id) or source.id in ids:
                report.already.append(source.file)
            else:
                fresh.append(source)
                ids.add(source.id)
        for source, doc in zip(fresh, parse(s.text for s in fresh), strict=True):
            try:
                analysis = analyze_document(source, doc, known)
            except Exception as e:  # a defect on one document must not cost the others
                report.skipped.append(skip(source.file, "R015", f"{type(e).__name__}: {e}"))
                continue
            report.problems += [f"{source.file}: {p}" for p in analysis.problems]
            if store.add(analysis):
                report.stored.append(source.id)
            else:
                report.already.append(source.file)
    if manifest:
        report.skipped.extend(manifest.unmatched(seen_files))
    for item in report.skipped:
        store.note_skip(item)
    resolve(store)
    compare(store)
    return corpus
