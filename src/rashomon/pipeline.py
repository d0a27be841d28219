"""The flow: read -> structure -> parse -> extract -> store, then the corpus-wide steps.

`analyze` is the Python API behind `rashomon analyze`. Per-document work is a pure function of
a Source and its spaCy Doc (`analyze_document`), so it can run anywhere; the store is written
here only, one transaction per document.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from . import citations, entities, events, labels, quantities, quotes, structure, time
from .compare import compare
from .parse import parse
from .read import DEFAULT_MAX_BYTES, Manifest, apply_manifest, iter_files, read_file, read_manifest, skip
from .records import DocumentAnalysis, Skip, Source
from .resolve import resolve
from .store import Store

BATCH = 32  # documents parsed together: enough for spaCy's batching, small enough to keep memory flat

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)


def analyze_document(source: Source, doc: Doc) -> DocumentAnalysis:
    """Everything the per-document stages find in one source, given its parsed text."""
    segments = tuple(structure.segment(source.text, author=source.author))
    mentions, names = entities.find_mentions(doc, segments)
    boilerplate = [(s.start, s.end) for s in segments if s.kind == "boilerplate"]
    claimable = [m for m in mentions if not any(a <= m.start < b for a, b in boilerplate)]
    words = sum(1 for t in doc if not (t.is_space or t.is_punct))
    found_timexes = time.find_timexes(doc, segments, source.published)
    found_quantities = quantities.find_quantities(doc, segments)
    found_citations = citations.find_citations(doc, segments)
    found_quotes = quotes.find_quotes(doc, segments, claimable)
    found_labels = labels.find_labels(doc, claimable)
    places = frozenset(e.id for e in names if e.type in events.PLACE_TYPES)
    found_events = events.find_events(doc, segments, claimable, found_timexes, found_quantities, found_quotes,
                                      found_citations, found_labels, places)
    return DocumentAnalysis(
        source=source, segments=segments, mentions=tuple(mentions), entities=tuple(names),
        timexes=tuple(found_timexes), quantities=tuple(found_quantities), citations=tuple(found_citations),
        quotes=tuple(found_quotes), labels=tuple(found_labels), events=tuple(found_events), words=words)


@dataclass
class RunReport:
    """What one `analyze` run did with its inputs."""

    stored: list[str] = field(default_factory=list)  # document ids added
    already: list[str] = field(default_factory=list)  # files whose text was stored before
    skipped: list[Skip] = field(default_factory=list)  # inputs that could not be used, and why

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
        try:
            read = read_file(item, max_bytes=max_bytes)
        except Exception as e:  # read never raises by design; if a defect makes it, lose one file, not the run
            read = [skip(item, "R015", f"{type(e).__name__}: {e}")]
        for found in read:
            if isinstance(found, Skip):
                report.skipped.append(found)
            else:
                yield apply_manifest(found, manifest)


def _batches(sources: Iterable[Source], size: int) -> Iterator[list[Source]]:
    batch: list[Source] = []
    for source in sources:
        batch.append(source)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze(paths: Iterable[str | os.PathLike] | str | os.PathLike, db: str | os.PathLike = "rashomon.db",
            sources: str | os.PathLike | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            progress: Progress | None = None) -> Corpus:
    """Read, analyse and store the accounts under `paths`; returns the corpus in store `db`.

    `sources` is a sources manifest (YAML) whose metadata overrides what the files say.
    Inputs that cannot be used are listed in `corpus.report.skipped` with their reason; a text
    already in the store is not analysed again.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    report = RunReport()
    manifest = read_manifest(sources) if sources else None
    if manifest:
        report.skipped.extend(manifest.problems)
    corpus = Corpus(db, report)
    store = corpus.store
    files = list(iter_files(paths))
    seen_files: list[str] = []
    for batch in _batches(_sources(files, manifest, max_bytes, report, progress), BATCH):
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
                analysis = analyze_document(source, doc)
            except Exception as e:  # a defect on one document must not cost the others
                report.skipped.append(skip(source.file, "R015", f"{type(e).__name__}: {e}"))
                continue
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
