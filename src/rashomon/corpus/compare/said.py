"""The claims of the whole store, read for comparing: every entity key resolved to its entity, a
side's organs (a country's army, government or regime) read as the side, and each claim's voice
and story (republished copies of one text are one story)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from itertools import groupby
from operator import attrgetter

from rashomon.data import load
from rashomon.extract.claims.words import day_number
from rashomon.extract.places import gazetteer
from rashomon.names import name_key
from rashomon.records import Compared
from rashomon.store import Store


@dataclass(frozen=True, slots=True)
class Told:
    """What one claim says, as compare reads it: its frame in entity ids, its interval, its voice
    and where it stands in its document. Copies of a story say the same thing in the same words:
    a frame holds each distinct telling once, however many documents repeat it."""

    n: int
    attribute: str
    value: str
    low: float | None
    high: float | None
    subject: str | None
    actor: str | None
    side_of_actor: str | None  # the actor, or the country it is an organ of
    action: str | None
    target: str | None
    place: str | None
    kind: str | None  # what a count counts: people, vehicle, ... (None for other claims)
    part: str | None  # the part of people a count counts: civilian, personnel, ... (None: people)
    fate: str | None
    side: str | None
    unit: str | None  # a count's dimension after conversion (length, speed, ...) or its unit
    unit_text: str | None  # the unit as the source gives it ("ft", "mph")
    noun: str | None  # a count's counted words as the source wrote them ("SVO members")
    period: str | None  # the span of years a toll adds up over
    voice_kind: str
    voice: str  # who speaks inside the document: "document", "quote:3", "post:1", "party:varnia"
    voice_text: str | None
    event: int | None  # the index of the event the claim is part of, in its document
    start: int
    end: int
    text: str
    day: tuple[float, float] | None  # the day interval of the event a count sits in

    @property
    def interval(self) -> tuple[float, float]:
        return (self.low if self.low is not None else float("-inf"),
                self.high if self.high is not None else float("inf"))

    @property
    def own(self) -> bool:
        """Whether the document speaks in its own name (its body or its own posts), not a party's."""
        return self.voice_kind in ("document", "embedded_post")


TOLD_FIELDS = tuple(f.name for f in fields(Told))


class Said:
    """One claim as compare reads it: what it says (`told`, shared with every claim of the frame
    that says the same in the same words) and who says it: its document and the story the
    document tells (shared by its republished copies). Reads every field of `told` as its own."""

    __slots__ = ("doc", "story", "told")

    def __init__(self, told: Told, doc: str, story: str):
        self.told, self.doc, self.story = told, doc, story

    @property
    def event(self) -> str | None:
        """The event the claim is part of, as the corpus names it ("doc-1:event:2")."""
        return None if self.told.event is None else f"{self.doc}:event:{self.told.event}"

    def compared(self, value: object | None = None) -> Compared:
        """The claim as a finding lists it; a count's value as a number or [low, high]."""
        kind = "document" if self.voice_kind == "attributed" else self.voice_kind
        source_id = self.doc if kind == "document" else f"{self.doc}:{self.voice}"
        if value is None:
            value = amount(self.value) if self.attribute == "count" else self.value
        finite = [x if x is not None and abs(x) != float("inf") else None for x in (self.low, self.high)]
        ranged = self.attribute in ("count", "duration", "plan")
        bounds = dict(zip(("low", "high"), finite, strict=True)) if ranged else {}
        return Compared(doc=self.doc, event=self.event, value=value, **bounds,
                        start=self.start, end=self.end, text=self.text, source_kind=kind, source_id=source_id)


for _name in (*(f for f in TOLD_FIELDS if f != "event"), "interval", "own"):
    setattr(Said, _name, property(attrgetter(f"told.{_name}")))


def retold(claims: list[Said], change: Callable[[Told], dict]) -> list[Said]:
    """The claims with part of what they say changed (`change` gives the new values of a telling:
    the side a count is counted for), each distinct telling changed once."""
    new: dict[int, Told] = {}
    out = []
    for s in claims:
        if id(s.told) not in new:
            new[id(s.told)] = replace(s.told, **change(s.told))
        out.append(Said(new[id(s.told)], s.doc, s.story))
    return out


def whole_of(a: Said, b: Said) -> bool:
    """Whether count a counts a whole that count b counts a part of: people and a part of them
    (civilians), the casualties and a fate among them (the dead), or both at once."""
    return part_whole(a.part, a.fate, b.part, b.fate)


def part_whole(part: str | None, fate: str | None, part_b: str | None, fate_b: str | None) -> bool:
    """`whole_of` on two counts' parts of people and fates."""
    people = (part is None and part_b is not None) or part == part_b
    fated = fate == fate_b or (fate is not None and FATE_WHOLE.get(fate_b or "") == fate)
    return people and fated and not (part == part_b and fate == fate_b)


def amount(stated: str) -> float | list[float]:
    """A count's stated figure ("~7000", "4800-", "1500-2506") as the export gives it: the number
    the source wrote ("over 4,800": 4800; the bound is in the claim's `low` and `high`), or
    [low, high] for a range."""
    low, sep, high = stated.lstrip("~").partition("-")
    if sep and low and high:
        return [float(low), float(high)]
    return float(low or high)


WORDING = load("compare.yaml")
DEMONYMS: dict[str, str] = load("demonyms.yaml")
ATTRIBUTION_NOUNS = frozenset(load("claims.yaml")["attribution_nouns"])
SO_FAR_FATES = frozenset(WORDING["growing_fates"])
FATE_WHOLE = {part: whole for whole, parts in WORDING["fate_wholes"].items() for part in parts}
# unit -> (dimension, size): "95 miles" meets "150 kilometres"
UNITS = {unit: (dimension, float(size)) for unit, (dimension, size) in WORDING["conversions"].items()}
STATE_BODIES = tuple(" " + body for body in WORDING["state_bodies"])  # a name's last words
OPERATION_NOUNS = frozenset(WORDING["operation_nouns"])
CRAFT_NOUNS = frozenset(load("events.yaml")["craft_nouns"])
# "Flight 412": the name of one flight, by the word entities.yaml gives a numbered flight
FLIGHT = re.compile(rf"\b{re.escape(load('entities.yaml')['event_names']['flight'])}\s+(?:no\.?\s*)?\d+", re.I)
NAVIES: dict[str, str] = WORDING["navy_prefixes"]  # "USS" -> the code of the country whose warships it names


class Resolver:
    """(document, key) -> entity id, one document at a time: the document's own keys, else the
    entity the other documents give the key when they give one (the country of "Varnian forces"
    in an account that never names Varnia). Only the current document's keys and the keys looked up
    across documents are held, so resolving does not grow with the corpus."""

    def __init__(self, store: Store):
        self.store, self.doc, self.keys, self.shared = store, None, {}, {}

    def __call__(self, doc: str, key: str | None) -> str | None:
        if not key:
            return None
        if doc != self.doc:
            self.doc, self.keys = doc, {k.key: k.entity for k in self.store.entity_keys(doc)}
        if key in self.keys:
            return self.keys[key]
        if key not in self.shared:
            if len(self.shared) > 50_000:
                self.shared.clear()
            found = self.store.entities_of_key(key)
            self.shared[key] = next(iter(found)) if len(found) == 1 else None
        return self.shared[key]


def sides(store: Store, entity: Resolver, rows: list) -> dict[str, str]:
    """The side each organ acts for: organisations named as a country's regime, government or army
    ("the Tolarian Vanguard regime": a country's name opens the name, a state body closes it) -> that
    country's entity; an organisation a source calls another's wing or army ("organ" claims) ->
    that organisation's entity; a person a source says leads a country or a group ("Tolarian
    President X", "the group's leader X") -> that party; a nationality ("Ugandan") -> its country.
    Read from the few rows that can say so, not from every mention; `rows` are the entities."""
    organs = defaultdict(set)
    for c in store.rows("claim", "attribute = 'organ'"):
        part, whole = entity(c["doc"], c["actor_key"]), entity(c["doc"], c["value"])
        if part and whole and part != whole:
            organs[part].add(whole)
    parties = {r.id for r in rows if r.type in ("ORG", "GPE", "NORP")}
    for c in store.rows("claim", "attribute = 'leader' AND subject_key IS NOT NULL"):
        person, led = entity(c["doc"], c["actor_key"]), entity(c["doc"], c["subject_key"])
        if person and led in parties and person != led:  # "Tolarian President X": X's forces are Tolaria's
            organs[person].add(led)
    countries = {r.id for r in rows if r.place_kind == "country"}
    by_key = country_keys(rows)
    nationality = {}  # "Ugandan" (NORP) -> Uganda's entity, or Uganda's key when no document names it
    for r in rows:
        country = DEMONYMS.get(r.name) if r.type == "NORP" else None
        if country and r.id not in countries:
            nationality[r.id] = by_key.get(name_key(country), f"~{name_key(country)}")
    found = defaultdict(set)
    ends = " OR ".join("lower(text) LIKE ?" for _ in STATE_BODIES)
    for m in store.rows("mention", f"type = 'ORG' AND ({ends})", tuple(f"%{body}" for body in STATE_BODIES)):
        e = entity(m["doc"], m["key"])
        for c in store.rows("mention", "doc = ? AND start = ? AND type IN ('GPE', 'LOC', 'NORP')",
                            (m["doc"], m["start"])):
            country = entity(c["doc"], c["key"])
            if e and country in countries and e != country:
                found[e].add(country)
    found.update((part, wholes) for part, wholes in organs.items() if part not in found)
    return nationality | {e: next(iter(cs)) for e, cs in found.items() if len(cs) == 1}


def runners(store: Store, entity: Resolver, side_of: dict[str, str], entities: list) -> dict[str, str]:
    """The side that runs each named operation ("Operation X", "the X offensive"): the side at least
    two thirds of the documents that name a doer of it give, two documents at least ("the front
    launched Operation X"), so that "Operation X took two towns" is that side's deed."""
    operations = {r.id for r in entities if r.type == "EVENT" and OPERATION_NOUNS & set(r.name.lower().split())}
    votes = defaultdict(set)
    for c in store.rows("claim", "subject_key IS NOT NULL AND actor_key IS NOT NULL"):
        operation, actor = entity(c["doc"], c["subject_key"]), entity(c["doc"], c["actor_key"])
        if operation in operations and actor and actor not in operations:
            votes[operation].add((c["doc"], side_of.get(actor, actor)))
    runners = {}
    for operation, said in votes.items():
        docs = defaultdict(set)
        for doc, side in said:
            docs[side].add(doc)
        side, named = max(docs.items(), key=lambda item: (len(item[1]), item[0]))
        if len(named) >= 2 and 3 * len(named) >= 2 * len({doc for doc, _ in said}):
            runners[operation] = side
    return runners


def crafts(entities: list) -> dict[str, str]:
    """Each aircraft a source names by its make or kind ("the Varnian Airbus") -> the one numbered
    flight the corpus names, where it names one: what was done to the plane was done to the flight."""
    flights = [e.id for e in entities if e.type == "EVENT" and FLIGHT.search(e.name)]
    if len(flights) != 1:
        return {}
    return {e.id: flights[0] for e in entities
            if e.type != "EVENT" and set(re.findall(r"[a-z]+", e.name.lower())) & CRAFT_NOUNS}


def warships(entities: list) -> dict[str, str]:
    """Each warship -> the side whose navy its name's prefix says it sails in ("USS X": the
    country the corpus names, as "the United States", "U.S." or "America", else that country's
    key): on a day it is the only one of its country to strike, what the country did is what it did."""
    ships = {e.id: NAVIES.get(e.name.split()[0].replace(".", "")) for e in entities
             if e.type != "NORP" and " " in e.name}
    ships = {ship: cc for ship, cc in ships.items() if cc}
    if not ships:
        return {}
    gaz, by_key = gazetteer(), country_keys(entities)
    by_kb = {e.kb_id: e.id for e in entities if e.place_kind == "country" and e.kb_id}
    side = {}  # a country code -> the country's entity, or its key
    for cc in set(ships.values()):
        row = gaz.country_rows.get(cc)
        name = gaz.columns["name"][row] if row is not None else cc
        side[cc] = by_kb.get(f"geonames:{gaz.columns['gid'][row]}" if row is not None else "") or by_key.get(
            name_key(name), f"~{name_key(name)}")
    return {ship: side[cc] for ship, cc in ships.items()}


def country_keys(entities: list) -> dict[str, str]:
    """The key of each country's name -> its entity, the country being named by its name or by
    its nationality ("Ugandan" placed as Uganda)."""
    return {name_key(DEMONYMS.get(e.name, e.name)): e.id for e in entities if e.place_kind == "country"}


def _voice(c: dict, entity) -> tuple[str, str | None]:
    """Who speaks inside the document, as a key: the document, a quote or post by its index, or
    a party by its entity (else its words)."""
    kind = c["voice_kind"]
    if kind == "attributed":  # by its words less the word for a figure: "Ostrian parliament"
        words = [w for w in re.findall(r"\w+", (c["voice_text"] or "").lower()) if w not in ATTRIBUTION_NOUNS]
        return f"party:{' '.join(words) or entity(c['doc'], c['voice_key'])}", c["voice_text"]
    if kind == "document":
        return "document", None
    return f"{kind}:{c['voice_index']}", c["voice_text"]


def read_claims(store: Store, entities: list) -> Iterator[Said]:
    """Every stored claim, resolved; one document's claims at a time. `entities` are the store's,
    read once by the caller."""
    entity = Resolver(store)
    organ_of = sides(store, entity, entities)
    run_by = runners(store, entity, organ_of, entities)
    organ_of |= run_by | {f"~{key}": country for key, country in country_keys(entities).items()}
    flown = crafts(entities)
    events = {e.id for e in entities if e.type == "EVENT"}
    for doc, rows in groupby(store.claims_with_story(), key=lambda c: c["doc"]):
        claims = list(rows)
        dated = [c for c in claims if c["attribute"] in ("date", "start") and c["low"] is not None]
        day_of = {c["event"]: (c["low"], c["high"]) for c in dated if c["event"] is not None}  # each dated event's
        issued = day_number((store.document(doc) or {}).get("published"))
        only_day = {(d["low"], d["high"]) for d in dated if d["low"] == d["high"]}  # "the late 1990s" is no day
        for c in claims:
            if c["subject_key"] is None and c["actor_key"] and entity(doc, c["actor_key"]) in events:
                c = c | {"subject_key": c["actor_key"], "actor_key": None}  # "the X operation began": no doer, X
            day = day_of.get(c["event"]) if c["event"] is not None else _told_day(c, dated)
            if _so_far(c, day or (next(iter(only_day)) if len(only_day) == 1 else None), issued):
                c = c | {"high": None}  # a toll told the day it happened: at least that many
            said = _said(c, lambda key, doc=doc: entity(doc, key), organ_of, run_by, day, entity)
            if said.told.target in flown:  # "the airliner was hit": the flight was
                said = Said(replace(said.told, target=flown[said.told.target]), said.doc, said.story)
            yield said


def _so_far(c: dict, day: tuple[float, float] | None, issued: float | None) -> bool:
    """Whether a count of the dead or wounded is a tally so far: told in a story issued on the day
    of the deed it counts ("the ministry said five people had died", that evening), when
    the dead were still being counted; a later story's figure may be higher without contradicting it."""
    return (c["attribute"] == "count" and c["fate"] in SO_FAR_FATES and c["low"] is not None and day is not None
            and issued is not None and day[0] <= issued <= (day[1] if day[1] is not None else day[0]))


def _told_day(c: dict, dated: list[dict]) -> tuple[float, float] | None:
    """The day of a claim no event holds, where the words it is told in date one day ("On 11 August
    they opened fire; two wounded strikers were reported killed": the two were of 11 August)."""
    days = {(d["low"], d["high"]) for d in dated if d["start"] < c["end"] and c["start"] < d["end"]}
    return next(iter(days)) if len(days) == 1 else None


def _said(c: dict, ent, organ_of: dict[str, str], run_by: dict[str, str], day: tuple[float, float] | None,
          entity) -> Said:
    side_key = (c["side_key"] or "").lstrip("!")
    # a side no document names (a country known only by its adjective) keeps its key across documents
    actor, side = ent(c["actor_key"]), ent(side_key) or (f"~{side_key}" if side_key else None)
    subject = ent(c["subject_key"])
    # what an operation did with no doer named is done by the side that runs it ("Operation X took Y"),
    # unless that side is where or whom it struck: then the text tells another side's deed
    side_of_actor = organ_of.get(actor, actor) if actor else run_by.get(subject or "")
    if not actor and side_of_actor in (ent(c["target_key"]), ent(c["place_key"])):
        side_of_actor = None
    side = organ_of.get(side or "", side)
    if side and (c["side_key"] or "").startswith("!"):
        side = "!" + side  # the side opposed to this one
    kind, _, part = (c["counted"] or "").partition("/")
    dimension, factor = UNITS.get(c["unit"] or "", (c["unit"], 1.0))
    voice, voice_text = _voice(c, entity)
    value = c["value"]
    if c["attribute"] == "route":  # the places a journey passed, as entities
        value = " ".join(ent(key) or key for key in value.split())
    elif c["attribute"] == "sequence" and len(parts := value.split()) == 4:
        relation, kind, other_actor, other_target = parts  # the other event's kind, its actor's side, its target
        value = " ".join((relation, kind, organ_of.get(ent(other_actor) or "", ent(other_actor)) or other_actor,
                          ent(other_target) or other_target))
    told = Told(
        n=c["n"], attribute=c["attribute"], value=value,
        low=c["low"] * factor if c["low"] is not None else None,
        high=c["high"] * factor if c["high"] is not None else None,
        subject=subject, actor=actor, side_of_actor=side_of_actor,
        action=c["action"], target=ent(c["target_key"]), place=ent(c["place_key"]),
        kind=kind or None, part=part or None, fate=c["fate"], side=side,
        unit=dimension, unit_text=c["unit"], noun=c["counted_text"], period=c["period"],
        voice_kind=c["voice_kind"], voice=voice, voice_text=voice_text,
        event=c["event"], start=c["start"], end=c["end"], text=c["text"], day=day)
    return Said(told, c["doc"], c["story"] or c["doc"])
