"""The per-document stages in the order they run, and the document context passed from one to the next.

Like a spaCy pipeline (`nlp.pipeline`), the flow is a list: each `Stage` reads the context (the
source, its parsed Doc, its segments and what the stages before it found) and returns the
context with its own records added; `run_stages` passes the context down the list. The stage
modules keep plain signatures (`find_quotes(doc, segments, mentions)`), easy to test alone; the
entries here say which records of the context each one reads. Adding a stage is adding an entry.

A stage that fails leaves the context as it found it and says so in `problems` (R017): the
document and every other stage's findings are kept. The context is frozen, so a failing stage
cannot leave half of its records behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from rashomon.errors import STAGE_FAILED
from rashomon.extract import (
    citations,
    claims,
    copies,
    entities,
    event_names,
    events,
    framing,
    glosses,
    labels,
    listed,
    organs,
    places,
    quantities,
    quotes,
    time,
)
from rashomon.ingest.parse import text_of
from rashomon.kb import KnowledgeBase
from rashomon.records import (
    PLACE_TYPES,
    Band,
    Citation,
    Claim,
    DocumentAnalysis,
    Entity,
    Event,
    Framing,
    Label,
    Mention,
    Quantity,
    Quote,
    Segment,
    Source,
    Timex,
)


@dataclass(frozen=True)
class DocumentContext:
    """One document as the stages see it: what it is, its parse, and the records found so far."""

    source: Source
    doc: Doc
    kb: KnowledgeBase
    segments: tuple[Segment, ...]
    mentions: tuple[Mention, ...] = ()  # every mention, in text order
    # the mentions the claim stages read: not those in boilerplate, nor the places named inside an
    # organisation's name or a dateline (there the organisation is the actor, the dateline no claim)
    claimable: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()  # one per mention key
    timexes: tuple[Timex, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    citations: tuple[Citation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    labels: tuple[Label, ...] = ()
    framing: tuple[Framing, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    bands: tuple[Band, ...] = ()
    problems: tuple[str, ...] = ()  # the stages that failed on this document, and why

    @property
    def text(self) -> str:
        return text_of(self.doc)

    def analysis(self) -> DocumentAnalysis:
        """What the stages found, as the store and the exports take it."""
        return DocumentAnalysis(
            source=self.source, segments=self.segments, mentions=self.mentions, entities=self.entities,
            timexes=self.timexes, quantities=self.quantities, citations=self.citations, quotes=self.quotes,
            labels=self.labels, framing=self.framing, events=self.events, claims=self.claims, bands=self.bands,
            words=sum(1 for t in self.doc if not (t.is_space or t.is_punct)), problems=self.problems)


@dataclass(frozen=True)
class Stage:
    """One step of the flow: `run` returns the context with this step's records added."""

    name: str  # as a failure names it ("the places stage failed")
    run: Callable[[DocumentContext], DocumentContext]


def _in_order(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    return tuple(sorted(mentions, key=lambda m: (m.start, -m.end)))


def _claimable(mentions: Sequence[Mention], segments: Sequence[Segment]) -> tuple[Mention, ...]:
    boilerplate = [(s.start, s.end) for s in segments if s.kind == "boilerplate"]
    return tuple(m for m in mentions if not any(a <= m.start < b for a, b in boilerplate))


def _names(c: DocumentContext) -> DocumentContext:
    # names in page chrome are still names (a menu's "Maryam Darvani", a wiki's "(Redirected from
    # X)"): the model reads them there too; `claimable` keeps them from the claim stages
    body = [s for s in c.segments if s.kind != "boilerplate"]
    mentions, found = entities.find_mentions(c.doc, body, c.kb)
    return replace(c, mentions=tuple(mentions), claimable=_claimable(mentions, c.segments), entities=tuple(found))


def _event_names(c: DocumentContext) -> DocumentContext:
    events, taken = event_names.find_event_names(c.doc, c.mentions)
    inside = event_names.nested(events, taken)
    built = event_names.memorials(c.text, events, c.mentions)  # "the Khoraly Massacre Memorial": a place
    spans = {(b.start, b.end) for b in built}
    taken = [*taken, *(m for m in c.mentions if (m.start, m.end) in spans)]  # found whole, as an organisation
    mentions = _in_order([*(m for m in c.mentions if m not in taken), *events, *inside, *built])
    claimable = _claimable([*(m for m in c.claimable if m not in taken), *events], c.segments)
    keys = {m.key for m in mentions}
    kept = event_names.retyped([e for e in c.entities if e.id in keys], mentions)
    return replace(c, mentions=mentions, claimable=_in_order(claimable),
                   entities=(*kept, *event_names.entities_for([*events, *built], kept)))


def _glosses(c: DocumentContext) -> DocumentContext:
    found, replaced = glosses.find_glosses(c.text, c.mentions)
    mentions = _in_order([*(m for m in c.mentions if m not in replaced), *found])
    claimable = _claimable([*(m for m in c.claimable if m not in replaced), *found], c.segments)
    keys = {m.key for m in mentions}
    kept = [e for e in c.entities if e.id in keys]
    return replace(c, mentions=mentions, claimable=_in_order(claimable),
                   entities=tuple(glosses.with_glosses([*kept, *event_names.entities_for(found, kept)], found,
                                                       glosses.descriptions(c.text, mentions))))


def _organs(c: DocumentContext) -> DocumentContext:
    # the owner stays the actor the claim stages read ("Varnian forces" advanced: Varnia's side);
    # the organ is a mention of its own around it
    found, owners = organs.find_organs(c.text, c.mentions)
    spans = {(f.start, f.end): f for f in found}  # "Varnian Army", found whole: now an organ's name
    mentions = [spans.pop((m.start, m.end), m) for m in c.mentions]
    claimable = [next((f for f in found if (f.start, f.end) == (m.start, m.end)), m) for m in c.claimable]
    keys = {m.key for m in mentions} | {f.key for f in spans.values()}
    kept = [e for e in c.entities if e.id in keys]
    return replace(c, mentions=_in_order([*mentions, *spans.values(), *owners]), claimable=_in_order(claimable),
                   entities=(*kept, *event_names.entities_for([*found, *owners], kept)))


def _units(c: DocumentContext) -> DocumentContext:
    found, replaced = organs.find_units(c.text, c.mentions)
    mentions = _in_order([*(m for m in c.mentions if m not in replaced), *found])
    claimable = _claimable([*(m for m in c.claimable if m not in replaced), *found], c.segments)
    keys = {m.key for m in mentions}
    kept = [e for e in c.entities if e.id in keys]
    return replace(c, mentions=mentions, claimable=_in_order(claimable),
                   entities=(*kept, *event_names.entities_for(found, kept)))


def _listed_places(c: DocumentContext) -> DocumentContext:
    found, replaced = listed.listed_places(c.text, c.mentions)
    mentions = _in_order([*(m for m in c.mentions if m not in replaced), *found])
    claimable = _claimable([*(m for m in c.claimable if m not in replaced), *found], c.segments)
    keys = {m.key for m in mentions}
    kept = event_names.retyped([e for e in c.entities if e.id in keys], mentions)
    return replace(c, mentions=mentions, claimable=_in_order(claimable),
                   entities=(*kept, *event_names.entities_for(found, kept)))


def _described_events(c: DocumentContext) -> DocumentContext:
    described, found = event_names.event_descriptions(c.doc, c.mentions, c.entities)
    return replace(c, mentions=_in_order([*c.mentions, *described]),
                   claimable=_in_order([*c.claimable, *_claimable(described, c.segments)]),
                   entities=(*c.entities, *found))


def _places_within_names(c: DocumentContext) -> DocumentContext:
    nested, found = places.within_names(c.doc, c.mentions, c.entities)
    return replace(c, mentions=_in_order([*c.mentions, *nested]), entities=(*c.entities, *found))


def _places_on_the_map(c: DocumentContext) -> DocumentContext:
    placed, unplaced = places.locate_entities(c.entities, c.mentions, c.text, c.kb)
    placed = [replace(e, unresolved=unplaced.get(e.id)) for e in placed]
    return replace(c, entities=tuple(places.estimate_places(placed, c.mentions, c.text)))


def _known_ids(c: DocumentContext) -> DocumentContext:
    return replace(c, entities=tuple(entities.with_known_ids(c.entities, c.kb)))


def _timexes(c: DocumentContext) -> DocumentContext:
    return replace(c, timexes=tuple(time.find_timexes(c.doc, c.segments, c.source.published, c.source.story_year)))


def _quantities(c: DocumentContext) -> DocumentContext:
    return replace(c, quantities=tuple(quantities.find_quantities(c.doc, c.segments, c.timexes)))


def _citations(c: DocumentContext) -> DocumentContext:
    return replace(c, citations=tuple(citations.find_citations(c.doc, c.segments)))


def _quotes(c: DocumentContext) -> DocumentContext:
    return replace(c, quotes=tuple(quotes.find_quotes(c.doc, c.segments, c.claimable)))


def _labels(c: DocumentContext) -> DocumentContext:
    around = [m for m in _claimable(c.mentions, c.segments) if organs.owned_by(m.key) and m not in c.claimable]
    return replace(c, labels=tuple(labels.find_labels(c.doc, c.claimable, c.segments, around)))


def _framing(c: DocumentContext) -> DocumentContext:
    return replace(c, framing=tuple(framing.find_framing(c.doc, c.segments)))


def _place_keys(c: DocumentContext) -> frozenset[str]:
    """Places by type, and names of other types that the places stage put on the map."""
    return frozenset(e.id for e in c.entities if e.type in PLACE_TYPES or (e.lat is not None and e.type != "NORP"))


def _events(c: DocumentContext) -> DocumentContext:
    found = events.find_events(c.doc, c.segments, c.claimable, c.timexes, c.quantities, c.quotes, c.citations,
                               c.labels, _place_keys(c), c.framing)
    return replace(c, events=tuple(events.placed_by_name(found, c.mentions, _place_keys(c))))


def _claims(c: DocumentContext) -> DocumentContext:
    return replace(c, claims=tuple(claims.find_claims(
        c.doc, c.segments, c.claimable, c.timexes, c.quantities, c.quotes, c.citations, c.labels, c.events,
        _place_keys(c), c.source.published)))


def _fingerprint(c: DocumentContext) -> DocumentContext:
    return replace(c, bands=tuple(copies.fingerprint(c.source.text, c.segments)))


STAGES: tuple[Stage, ...] = (
    Stage("entities", _names),  # names and their mentions, one entity per key
    Stage("entities", _event_names),  # "the Khoraly massacre", "Flight 412": events named after things
    Stage("entities", _glosses),  # "Operation Kaman (lit. Operation Bow)": another name for a name
    Stage("entities", _organs),  # "the Tolarian forces", "the Zarani regime": a side's organs
    Stage("entities", _units),  # "the 366th CIS regiment", "the 366th"
    Stage("entities", _listed_places),  # "the cities of Tavra and Mirzaq": places, whatever the model read
    Stage("entities", _described_events),  # "the eight-year war": a named event by description
    Stage("places", _places_within_names),  # "Kentucky State Police", "MANSFIELD --"
    Stage("places", _places_on_the_map),  # coordinates, read with the story's other places
    Stage("knowledge", _known_ids),  # the knowledge file's ids for the names it knows
    Stage("time", _timexes),
    Stage("quantities", _quantities),
    Stage("citations", _citations),
    Stage("quotes", _quotes),
    Stage("labels", _labels),
    Stage("framing", _framing),
    Stage("events", _events),
    Stage("claims", _claims),  # what each source states, with its frame and voice
    Stage("copies", _fingerprint),  # so that republished copies count as one story
)


def run_stages(context: DocumentContext, stages: Sequence[Stage] = STAGES) -> DocumentContext:
    """The context after every stage in turn; a stage that raises is named in `problems` (R017)
    and leaves the context as it was."""
    for stage in stages:
        try:
            context = stage.run(context)
        except Exception as e:  # a defect on one document must not cost its other findings
            problem = f"[{STAGE_FAILED}] the {stage.name} stage failed: {type(e).__name__}: {e}"
            context = replace(context, problems=(*context.problems, problem))
    return context
