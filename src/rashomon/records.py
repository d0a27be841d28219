"""The records every stage produces: frozen dataclasses shared by the store and the export.

Offsets (`start`, `end`) are Python string indices into the document's stored text, end
exclusive, and `text` is always `document_text[start:end]`. Dates are ISO 8601 strings.
Unknown is None, never an empty string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath


def file_name(path: str | None) -> str:
    """The name of a document's file, without the folders it was given with ("a/b/c.txt" -> "c.txt";
    a record of a JSON file keeps its number: "c.json#3"): what pages and findings call a document
    that has no title, so that a report never shows the folders of whoever made it."""
    path = path or ""
    return PureWindowsPath(PurePosixPath(path).name).name or path

# the entity types that name places (spaCy's labels), and those that name groups
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
GROUP_TYPES = frozenset({"ORG", "NORP"})
# the types an entry of a knowledge file may have (data/kb.yaml)
KB_TYPES = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "LAW", "WORK")


@dataclass(frozen=True)
class Source:
    """One readable account as the `read` stage found it: text plus what is known about it."""

    file: str
    text: str
    sha256: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    perspective: str | None = None
    # where `published` comes from: "metadata" (the manifest, front matter, the page's meta tags)
    # or "text" (the page's own dateline, at published_start:published_end)
    published_from: str | None = None
    published_start: int | None = None
    published_end: int | None = None
    pages: tuple[int, ...] = ()  # offsets where the pages of a paged document (PDF, Word) start
    # the year an undated account's story is set in, as the corpus tells it when the text names none
    # (`corpus.story_years`); not stored: a run that analyses the account again finds it again
    story_year: int | None = None

    @property
    def id(self) -> str:
        """Document id: stable across runs, machines and stores because it comes from the text."""
        return "doc-" + self.sha256[:12]


@dataclass(frozen=True)
class Skip:
    """An input that could not be used, with a stable reason code (see `rashomon.errors`)."""

    path: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped [{self.code}] {self.reason}"


@dataclass(frozen=True)
class Segment:
    """A stretch of a document with one role: heading, byline, body, embedded_post or boilerplate.

    An embedded post carries its own author and date, which override the document's.
    """

    kind: str
    start: int
    end: int
    author: str | None = None
    date: str | None = None
    handle: str | None = None


@dataclass(frozen=True)
class Mention:
    """A name in the text. `key` groups mentions of one real thing (see `rashomon.extract.entities`)."""

    start: int
    end: int
    text: str
    type: str
    key: str


@dataclass(frozen=True)
class Entity:
    """One real-world thing, with every name the corpus uses for it."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    kb_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_kind: str | None = None
    unresolved: str | None = None  # for a place not put on the map: the reason code (R102, R103)
    radius_km: float | None = None  # for a place put on the map from its text alone: how far off it may be


@dataclass(frozen=True)
class Timex:
    """A temporal expression normalised TIMEX3-style, with the anchor it was resolved against."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    mod: str | None = None
    anchor: str | None = None
    earliest: str | None = None
    latest: str | None = None
    context: str | None = None  # where it sits when that is not plain narrative: "title", "citation", ...


@dataclass(frozen=True)
class Quantity:
    """A counted or measured amount: an exact value or a low/high interval, a unit, what is counted."""

    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approx: bool = False
    counted: str | None = None


@dataclass(frozen=True)
class Citation:
    """A reference to a work, parsed into the fields a bibliography needs."""

    start: int
    end: int
    text: str
    authors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None
    place: str | None = None
    publisher: str | None = None
    year: int | None = None
    date: str | None = None
    volume: str | None = None
    pages: str | None = None
    in_text: bool = False


@dataclass(frozen=True)
class Quote:
    """Direct or reported speech; the speaker is an entity key when the speaker is a named thing."""

    start: int
    end: int
    text: str
    speaker_key: str | None = None
    speaker_text: str | None = None
    direct: bool = True
    unnamed_source: bool = False


@dataclass(frozen=True)
class Label:
    """Words a source uses for an actor besides its name ("the terror group")."""

    entity_key: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Framing:
    """A loaded-language, name-calling or hedging span (SemEval-2020 Task 11 technique names)."""

    start: int
    end: int
    text: str
    technique: str


@dataclass(frozen=True)
class Event:
    """Who did what to whom, where and when, as one source tells it.

    Entity references are keys; `time` and `duration` are indexes of timexes and `quantities`
    indexes of quantities in the same document's analysis. `source_kind` is document, quote, citation or
    embedded_post and `source_index` points into that list (None for the document itself).
    """

    start: int
    end: int
    text: str
    type: str
    actor_key: str | None = None
    target_key: str | None = None
    place_keys: tuple[str, ...] = ()
    name_key: str | None = None
    time: int | None = None
    date: str | None = None
    duration: int | None = None  # index of a DURATION timex saying how long it lasted
    quantities: tuple[int, ...] = ()
    source_kind: str = "document"
    source_index: int | None = None
    negated: bool = False
    hedged: bool = False
    onset: bool = False  # it reports the start of what it names ("launched", "the beginning of")
    trigger: int | None = None  # offset of the word that reports it ("launched", "fall", "anniversary")


@dataclass(frozen=True)
class Claim:
    """One checkable statement of one voice, with the frame that says what it is about.

    `attribute` is what is stated: start, end, date, time, duration (of an event), count, place or
    actor. The frame: the named event (`subject_key`) or the actor, action and target it is about;
    for a count what is counted (`counted`, a class such as people or personnel, and `counted_text`,
    the source's words), what befell them (`fate`: dead, wounded, casualties, captured, ... or None
    for how many there were), whose they are (`side_key`), the `unit`, and the `period` a toll
    adds up over, when it is years rather than one event. `value` is the value as
    normalised (a TIMEX3 value, a number, an entity key), `low`/`high` its interval (days since
    0001-01-01 for dates, days for durations, the amount for counts). The voice: the document
    itself, a quote, embedded post or cited work inside it (`voice_index` into those lists), or a
    party the document attributes the statement to (`voice_key`, `voice_text`). `event`,
    `quantity` and `timex` index the records it was read from."""

    start: int
    end: int
    text: str
    attribute: str
    value: str
    low: float | None = None
    high: float | None = None
    subject_key: str | None = None
    actor_key: str | None = None
    action: str | None = None
    target_key: str | None = None
    place_key: str | None = None
    counted: str | None = None
    counted_text: str | None = None
    fate: str | None = None
    side_key: str | None = None
    unit: str | None = None
    period: str | None = None  # a count over a span of years ("over the past four decades": P4DE)
    voice_kind: str = "document"
    voice_index: int | None = None
    voice_key: str | None = None
    voice_text: str | None = None
    event: int | None = None
    quantity: int | None = None
    timex: int | None = None


@dataclass(frozen=True)
class Band:
    """One band of a document's fingerprint (see extract/copies.py): near-identical texts share most."""

    band: int
    hash: int


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the per-document stages found in one source; stored in one transaction."""

    source: Source
    segments: tuple[Segment, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()  # candidate entities, one per mention key
    timexes: tuple[Timex, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    citations: tuple[Citation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    labels: tuple[Label, ...] = ()
    framing: tuple[Framing, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    bands: tuple[Band, ...] = ()
    words: int = 0
    problems: tuple[str, ...] = ()  # stages that failed on this document (not stored; reported)


@dataclass(frozen=True)
class Compared:
    """A claim as a finding sets it beside others: its source, its value, its verbatim evidence."""

    doc: str
    event: str | None
    value: object
    start: int
    end: int
    text: str
    source_kind: str = "document"
    source_id: str | None = None
    low: float | None = None  # a count's or duration's interval, when the value is a figure with a bound
    high: float | None = None


@dataclass(frozen=True)
class Finding:
    """What comparing the sources found about one subject. Never a verdict on who is right."""

    id: str
    kind: str  # agreement | compatible | conflict | self_contradiction | uncorroborated
    subject: str
    attribute: str
    entity: str | None
    claims: tuple[Compared, ...] = field(default_factory=tuple)
    explanation: str = ""
