"""Compare: lay the sources side by side and say where they agree, differ, contradict each other
or themselves, and what only one of them says. It never decides who is right.

Claims are grouped by what they are about, with explainable keys only (no similarity model):
- the start date of an offensive: events that report a start ("launched", "the beginning of",
  "the anniversary of") grouped by the named operation or by actor and type;
- how long a named operation lasted: events that carry a duration;
- where an actor did something: events of one actor and type (an advance halted at a place and
  a road blocked against that advance are one frame), compared place by place;
- what an actor did on one day: events of one actor and type dated to the same day, a country's
  regime, government, army or ministry counting as the country;
- how many of a thing: quantities counting the same thing in the same kind of event, and a part
  beside its whole ("106 civilians" killed, "102 people" killed: the part cannot be larger).
Interval logic decides: values whose intervals do not meet are a conflict between sources, or a
self-contradiction inside one source when its body and a post or quote it carries disagree;
different values that can both be true are compatible. Dates of one source that disagree in its
own voice mean the group mixes two events, so no conflict is drawn from it. A claim no other
source covers is uncorroborated. Every grouping is a dictionary lookup, so the step grows with
the number of claims, not with its square.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rashomon.corpus.resolve import Union
from rashomon.extract.time import interval
from rashomon.outputs.export import entity_lookup
from rashomon.records import Claim, Finding
from rashomon.resources import load_yaml
from rashomon.store import Store

KIND_ORDER = ("conflict", "self_contradiction", "compatible", "agreement", "uncorroborated")
# a duration's own interval in days, from its TIMEX3 value
DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
                      r"(?:T(?:(\d+(?:\.\d+)?)H)?)?$")
DAYS_PER = (365.25, 30.44, 7, 1, 1 / 24)


@dataclass
class _Event:
    id: str
    doc: str
    start: int
    end: int
    text: str
    type: str
    actor: str | None
    target: str | None
    side: str | None  # the actor, or the country it is an organ of ("the Iraqi regime": Iraq)
    places: tuple[str, ...]
    name: str | None
    onset: bool
    date: str | None
    span: tuple[str, str] | None  # earliest, latest day of the date
    duration: str | None
    duration_span: tuple[float, float] | None
    source: dict
    quantities: list[str] = field(default_factory=list)
    evidence: tuple[int, int, str] | None = None  # the clause widened to the date it is given

    def claim(self, value: object, with_date: bool = False) -> Claim:
        start, end, text = self.evidence if with_date and self.evidence else (self.start, self.end, self.text)
        return Claim(doc=self.doc, event=self.id, value=value, start=start, end=end, text=text,
                     source_kind=self.source["kind"], source_id=self.source["id"])

    @property
    def voice(self) -> tuple[str, str]:
        """Who speaks inside the document: its own body, or a post, quote or work it carries."""
        return self.doc, self.source["id"]


def duration_days(value: str | None, mod: str | None) -> tuple[float, float] | None:
    """A duration's interval in days: P3D -> (3, 3); "within three days" (EQUAL_OR_LESS) -> (0, 3)."""
    m = DURATION.match(value or "")
    if not m or not any(m.groups()):
        return None
    days = sum(float(g) * per for g, per in zip(m.groups(), DAYS_PER, strict=True) if g)
    low, high = days, days
    if mod in ("EQUAL_OR_LESS", "LESS_THAN"):
        low = 0.0
    elif mod in ("EQUAL_OR_MORE", "MORE_THAN"):
        high = float("inf")
    elif mod == "APPROX":
        low, high = days * 0.75, days * 1.25
    return low, high


def _meet(a: tuple, b: tuple) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _load(store: Store) -> tuple[list[_Event], dict, dict]:
    entity = entity_lookup(store)
    sides = _sides(store, entity)
    names = {r["id"]: r["name"] for r in store.rows("entity")}
    timex = {(t["doc"], t["n"]): t for t in store.rows("timex")}
    text = ("", "")  # (doc, its text): one document's text at a time, as events come by document
    events = []
    for ev in store.rows("event"):
        t = timex.get((ev["doc"], ev["time"])) if ev["time"] is not None else None
        span = None
        if t and t["value"]:
            span = (t["earliest"], t["latest"]) if t["earliest"] else interval(t["value"], t["mod"])
        d = timex.get((ev["doc"], ev["duration"])) if ev["duration"] is not None else None
        evidence = None
        if t and (t["start"] < ev["start"] or t["end"] > ev["end"]):
            if text[0] != ev["doc"]:
                text = (ev["doc"], store.document(ev["doc"])["text"])
            start, end = min(t["start"], ev["start"]), max(t["end"], ev["end"])
            if "\n" not in text[1][start:end]:
                evidence = (start, end, text[1][start:end])
        kind = ev["source_kind"]
        source = {"kind": kind, "id": ev["doc"] if kind == "document" else f"{ev['doc']}:{kind}:{ev['source_index']}"}
        events.append(_Event(
            id=f"{ev['doc']}:event:{ev['n']}", doc=ev["doc"], start=ev["start"], end=ev["end"], text=ev["text"],
            type=ev["type"], actor=entity(ev["doc"], ev["actor_key"]), target=entity(ev["doc"], ev["target_key"]),
            side=sides.get(entity(ev["doc"], ev["actor_key"]) or "", entity(ev["doc"], ev["actor_key"])),
            places=tuple(dict.fromkeys(p for k in json.loads(ev["place_keys"]) if (p := entity(ev["doc"], k)))),
            name=entity(ev["doc"], ev["name_key"]),
            onset=bool(ev["onset"]), date=ev["date"], span=span if span and all(span) else None,
            duration=d["value"] if d else None, duration_span=duration_days(d["value"], d["mod"]) if d else None,
            source=source, quantities=[f"{ev['doc']}:quantity:{n}" for n in json.loads(ev["quantities"])],
            evidence=evidence))
    documents = {d["id"]: d["publisher"] or d["title"] or d["file"] for d in store.rows("document")}
    return events, names, documents


def _sides(store: Store, entity) -> dict[str, str]:
    """Organisations named as a country's regime, government or army ("the Iraqi Ba'ath regime":
    a country's name opens the name, a state body closes it) -> that country's entity."""
    countries = {r["id"] for r in store.rows("entity") if r["place_kind"] == "country"}
    mentions = [(m, entity(m["doc"], m["key"])) for m in store.rows("mention", "type IN ('GPE', 'LOC', 'NORP', 'ORG')")]
    country_at = {(m["doc"], m["start"]): e for m, e in mentions if e in countries}
    sides = defaultdict(set)
    for m, e in mentions:
        country = country_at.get((m["doc"], m["start"]))
        if (e and country and e != country and m["type"] == "ORG"
                and (" " + m["text"].lower()).endswith(STATE_BODIES)):
            sides[e].add(country)
    return {e: next(iter(found)) for e, found in sides.items() if len(found) == 1}


class _Findings:
    """Findings as they are found, with the events each one uses."""

    def __init__(self, names: dict[str, str], documents: dict[str, str]):
        self.names, self.documents = names, documents
        self.items: list[tuple[tuple, Finding]] = []
        self.used: set[str] = set()

    def name(self, entity: str | None) -> str:
        return self.names.get(entity or "", entity or "someone")

    def add(self, kind: str, subject: str, attribute: str, entity: str | None, claims: list[Claim],
            explanation: str, central: bool) -> None:
        claims = sorted(claims, key=lambda c: (c.doc, c.start))
        rank = (KIND_ORDER.index(kind), not central, -len({c.doc for c in claims}), claims[0].doc, claims[0].start)
        self.items.append((rank, Finding(id="", kind=kind, subject=subject, attribute=attribute, entity=entity,
                                         claims=tuple(claims), explanation=explanation)))
        if kind != "uncorroborated":
            self.used.update(c.event for c in claims if c.event)

    def ranked(self) -> list[Finding]:
        out = []
        for n, (_, f) in enumerate(sorted(self.items, key=lambda item: item[0]), 1):
            out.append(Finding(id=f"finding-{n:04d}", kind=f.kind, subject=f.subject, attribute=f.attribute,
                               entity=f.entity, claims=f.claims, explanation=f.explanation))
        return out


def _said_text(item: tuple, documents: dict[str, str]) -> str:
    """"Harbor Gazette (quote) gives 37": who gives a claim's value, for an explanation."""
    ev, value, _ = item
    where = documents.get(ev.doc, ev.doc)
    kind = ev.source["kind"]
    return f"{where}{'' if kind == 'document' else ' (' + kind.replace('_', ' ') + ')'} gives {value}"


def _judge(values: list[tuple[_Event, object, tuple]], what: str, documents: dict[str, str]) -> tuple[str, str] | None:
    """The kind of finding for one subject's claims (event, value, interval), and a sentence saying
    why; None when the claims do not compare (one voice only, or one voice contradicting itself)."""
    voices = defaultdict(list)
    for ev, value, span in values:
        voices[ev.voice].append((value, span))
    for own in voices.values():  # one voice giving exclusive values: the group mixes two things
        if any(not _meet(a[1], b[1]) for a in own for b in own):
            return None
    pairs = [(a, b) for a in values for b in values if a[0].voice < b[0].voice]
    if not pairs:
        return None

    def said(item) -> str:
        return _said_text(item, documents)

    clashes = [(a, b) for a, b in pairs if not _meet(a[2], b[2])]
    if clashes:
        a, b = clashes[0]
        kind = "conflict" if any(x[0].doc != y[0].doc for x, y in clashes) else "self_contradiction"
        if kind == "conflict":
            a, b = next((x, y) for x, y in clashes if x[0].doc != y[0].doc)
        return kind, f"{said(a)}, {said(b)}: the two cannot both be true."
    if len({str(v) for _, v, _ in values}) == 1:
        return "agreement", f"Every source that states the {what} gives {values[0][1]}."
    a, b = next(((x, y) for x, y in pairs if str(x[1]) != str(y[1])), pairs[0])
    return "compatible", f"{said(a)}, {said(b)}: different, but both can be true."


def _start_dates(events: list[_Event], out: _Findings) -> None:
    """Start dates of offensives: by named operation, or by actor and type of the launch."""
    union, members = Union(), defaultdict(list)
    onsets = [ev for ev in events if ev.onset and ev.span and (ev.name or ev.actor)]
    for ev in onsets:
        keys = [("name", ev.name)] * bool(ev.name) + [("actor", ev.actor, ev.type)] * bool(ev.actor)
        for k in keys[1:]:
            union.join(keys[0], k)
        union.find(keys[0])
        members[keys[0]].append(ev)
    groups = defaultdict(list)
    for key, evs in members.items():
        groups[union.find(key)] += evs
    for evs in groups.values():
        name = next((ev.name for ev in evs if ev.name), None)
        actor = next((ev.actor for ev in evs if ev.actor), None)
        subject = f"start date of {out.name(name)}" if name else f"start date of {out.name(actor)}'s " \
                  f"{evs[0].type.lower()}"
        if name and actor:
            subject += f" ({out.name(actor)})"
        verdict = _judge([(ev, ev.date, ev.span) for ev in evs], subject, out.documents)
        if verdict:
            out.add(verdict[0], subject, "date", name or actor, [ev.claim(ev.date, with_date=True) for ev in evs],
                    verdict[1], central=True)


def _durations(events: list[_Event], out: _Findings) -> None:
    by_name = defaultdict(list)
    for ev in events:
        if ev.name and ev.duration_span:
            by_name[ev.name].append(ev)
    for name, evs in by_name.items():
        subject = f"duration of {out.name(name)}"
        verdict = _judge([(ev, ev.duration, ev.duration_span) for ev in evs], subject, out.documents)
        if verdict:
            out.add(verdict[0], subject, "duration", name, [ev.claim(ev.duration) for ev in evs], verdict[1],
                    central=True)


def _frame(ev: _Event) -> tuple[str, str] | None:
    """What an event says an actor did, so that two ways of telling it meet: the advance that "was
    halted" and the road "blocked" against it are both where that actor was stopped."""
    if ev.type == "HALTED" and ev.actor:
        return "stopped", ev.actor
    if ev.type == "BLOCK" and ev.target:
        return "stopped", ev.target
    return (ev.type.lower(), ev.side) if ev.side else None


_WORDING = load_yaml("compare.yaml")
FRAME_WORDS: dict[str, str] = _WORDING["frame_words"]


def _places(events: list[_Event], out: _Findings) -> None:
    """Places both sources name for the same frame agree; a place only one names is its own."""
    by_frame = defaultdict(list)
    for ev in events:
        if ev.places and (frame := _frame(ev)):
            by_frame[frame].append(ev)
    for (verb, actor), evs in by_frame.items():
        docs_of = defaultdict(set)
        for ev in evs:
            for p in ev.places:
                docs_of[p].add(ev.doc)
        shared = [p for p, docs in docs_of.items() if len(docs) > 1]
        if not shared:
            continue
        claims = [ev.claim([p for p in ev.places if p in shared]) for ev in evs if set(ev.places) & set(shared)]
        where = ", ".join(out.name(p) for p in shared)
        subject = f"where {out.name(actor)} {FRAME_WORDS.get(verb, verb)}"
        out.add("agreement", subject, "place", actor, claims,
                f"{len({c.doc for c in claims})} sources name {where} for where {out.name(actor)} "
                f"{FRAME_WORDS.get(verb, verb)}.", central=False)


def _same_day(events: list[_Event], out: _Findings) -> None:
    """What one actor (or the country whose organ it is) did on one day, told by several sources:
    the same telling agrees, different tellings (another target, other places) are compatible."""
    by_day = defaultdict(list)
    for ev in events:
        if ev.side and ev.span and ev.span[0] == ev.span[1] and not ev.onset:
            by_day[ev.type, ev.side, ev.span[0]].append(ev)
    for (kind, actor, day), evs in by_day.items():
        if len({ev.doc for ev in evs}) < 2:
            continue
        tellings = {(ev.target, ev.places) for ev in evs}
        words = [_content_words(ev.text) for ev in evs]
        alike = all(len(a & b) >= 0.5 * len(a | b) for a in words for b in words)
        verdict = "agreement" if len(tellings) == 1 and alike else "compatible"
        subject = f"what {out.name(actor)} did on {day} ({kind.lower()})"
        explanation = (f"The sources date {out.name(actor)}'s {kind.lower()} to {day}"
                       + (" and tell it alike." if verdict == "agreement" else
                          "; they tell it in different words, targets or places, which can all be true."))
        out.add(verdict, subject, "occurrence", actor, [ev.claim(day, with_date=True) for ev in evs], explanation,
                central=False)


STOPWORDS = frozenset(_WORDING["stopwords"])
STATE_BODIES = tuple(" " + body for body in _WORDING["state_bodies"])  # a name's last words
# count heads: a whole's other names -> the whole; the whole -> the heads of its parts
WHOLE_OF = {w: group["wholes"][0] for group in _WORDING["count_wholes"] for w in group["wholes"]}
COUNT_PARTS = {group["wholes"][0]: tuple(group["parts"]) for group in _WORDING["count_wholes"]}
SAME_COUNTED = {word: words[0] for words in _WORDING["same_counted"] for word in words}
PARTS = frozenset(part for parts in COUNT_PARTS.values() for part in parts)
UNNAMED = _WORDING["unnamed_counted"]  # what a count of nothing named, or of people of several kinds, counts
FATE_OF = {word: fate for fate, words in _WORDING["fates"].items() for word in words}
TIME_UNITS = frozenset(_WORDING["time_units"])


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS and len(w) > 2}


def _head(counted: str | None) -> str | None:
    """The counted thing's head word, singular ("MKO members" -> "member"); people for people of
    several kinds counted together ("men and boys", "women and children")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", counted or "")]
    if not words:
        return None
    singular = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words]
    if "and" in words and WHOLE_OF.get(SAME_COUNTED.get(singular[-1], singular[-1])) is None and any(
            SAME_COUNTED.get(w, w) in PARTS for w in singular):
        return UNNAMED  # "Bosniak men and boys": people
    return singular[-1]


@dataclass(frozen=True)
class _Said:
    """Who gives a count: a document, or a post, quote or work inside it."""

    doc: str
    source: dict

    @property
    def voice(self) -> tuple[str, str]:
        return self.doc, self.source["id"]


def _count_interval(q: dict) -> tuple[float, float]:
    low = q["value"] if q["value"] is not None else q["low"]
    high = q["value"] if q["value"] is not None else q["high"]
    low, high = (low if low is not None else 0.0), (high if high is not None else float("inf"))
    if q["approx"] and q["value"] is not None:
        low, high = low * 0.9, high * 1.1
    return low, high


def _fate(text: str, start: int, end: int) -> str | None:
    """What the count at text[start:end] says happened to what it counts: the fate (data/compare.yaml)
    of the nearest fate word in its sentence, after the count or before it ("killing 106", "106 were
    killed"); None when no such word is in the sentence."""
    first = max(text.rfind(stop, 0, start) for stop in ".!?\n") + 1
    last = min((i for i in (text.find(stop, end) for stop in ".!?;\n") if i >= 0), default=len(text))
    after = re.findall(r"[a-z]+", text[end:last].lower())
    before = re.findall(r"[a-z]+", text[first:start].lower())
    after_pairs = [" ".join(after[n:n + 2]) for n in range(len(after))]
    before_pairs = [" ".join(before[n - 1:n + 1]) for n in range(1, len(before))][::-1]
    found = [(n, w) for words in (after_pairs, after, before_pairs, before[::-1])
             for n, w in enumerate(words) if w in FATE_OF]
    return FATE_OF[min(found, key=lambda f: f[0])[1]] if found else None


def _quantities(store: Store, events: list[_Event], out: _Findings) -> None:
    """Counts of the same thing across sources. Two counts are compared only when they count the
    same thing with the same fate ("37 people were killed", "over 50 people died") or, without a
    fate word, in the same kind of event; a count of a thing no other source counts is
    uncorroborated. A source giving one value twice gives it once."""
    in_event = {q: ev for ev in events for q in ev.quantities}

    def event_of(q: dict) -> _Event | None:
        return in_event.get(f"{q['doc']}:quantity:{q['n']}")

    text: tuple[str, str] = ("", "")  # (doc, its text): one document's text at a time (rows come by doc)
    what: dict[tuple[str, int], str | None] = {}
    by_head = defaultdict(list)
    for q in store.rows("quantity"):
        if (q["unit"] or "").rstrip("s") in TIME_UNITS:
            continue
        if text[0] != q["doc"]:
            text = (q["doc"], store.document(q["doc"])["text"])
        fate, ev = _fate(text[1], q["start"], q["end"]), event_of(q)
        what[q["doc"], q["n"]] = fate or (ev.type if ev else None)
        head = _head(q["counted"]) or (UNNAMED if fate else None)
        if head is not None:
            head = SAME_COUNTED.get(head, head)
            by_head[WHOLE_OF.get(head, head)].append(q)

    quotes = defaultdict(list)
    for quote in store.rows("quote"):
        quotes[quote["doc"]].append(quote)

    def source_of(q: dict) -> dict:
        """Who gives the count: its event's source, else the quote it stands in, else the document."""
        if ev := event_of(q):
            return ev.source
        inside = [u for u in quotes[q["doc"]] if u["start"] <= q["start"] and q["end"] <= u["end"]]
        if inside:
            u = min(inside, key=lambda u: u["end"] - u["start"])
            return {"kind": "quote", "id": f"{q['doc']}:quote:{u['n']}"}
        return {"kind": "document", "id": q["doc"]}

    def claim(q: dict) -> Claim:
        """The count with its clause as evidence ("37 people were killed"), or alone outside one."""
        ev = event_of(q)
        value = q["value"] if q["value"] is not None else [q["low"], q["high"]]
        if ev is None:
            source = source_of(q)
            return Claim(doc=q["doc"], event=None, value=value, start=q["start"], end=q["end"], text=q["text"],
                         source_kind=source["kind"], source_id=source["id"])
        return ev.claim(value)

    def day_of(q: dict) -> tuple[str, str] | None:
        ev = event_of(q)
        return ev.span if ev else None

    def said(q: dict, interval: tuple[float, float]) -> tuple:
        return _Said(q["doc"], source_of(q)), q["text"], interval

    compared = _wholes_and_parts(by_head, what, said, claim, day_of, out)
    for qs in by_head.values():
        if len({q["doc"] for q in qs}) == 1:
            for q in qs:
                if (q["doc"], q["n"]) not in compared:
                    out.add("uncorroborated", f"number of {q['counted'] or UNNAMED}", "quantity", None, [claim(q)],
                            f"Only {out.documents.get(q['doc'], q['doc'])} gives this count.", central=False)
            continue
        by_what = defaultdict(list)
        for q in _once_per_voice(qs, source_of):
            if what[q["doc"], q["n"]] is not None:
                by_what[what[q["doc"], q["n"]]].append(q)
        for same in by_what.values():
            if len({q["doc"] for q in same}) < 2:
                continue
            values = [said(q, _count_interval(q)) for q in same]
            subject = f"number of {min((q['counted'] or UNNAMED for q in same), key=len)}"
            verdict = _judge(values, subject, out.documents)
            if verdict and (verdict[0] != "conflict" or _sources_clash(values, same, day_of)):
                out.add(verdict[0], subject, "quantity", None, [claim(q) for q in same], verdict[1], central=False)
            else:
                _figure_by_figure(same, subject, claim, out)


def _sources_clash(values: list[tuple], qs: list[dict], when) -> bool:
    """Whether two sources disagree on a count: figures of two sources exclude each other, neither
    source also gives the other's figure (a source that reports both, "police said 40,000,
    organisers 250,000", contradicts neither), and the events they count in are not dated to
    different days (`when`: a count's event's date interval, or None): those are two incidents."""
    by_doc = defaultdict(list)
    for (said, _, span), q in zip(values, qs, strict=True):
        by_doc[said.doc].append((span, (q["value"], q["low"], q["high"]), when(q)))
    for d1, figures1 in by_doc.items():
        for d2, figures2 in by_doc.items():
            if d1 >= d2:
                continue
            given1, given2 = {f for _, f, _ in figures1}, {f for _, f, _ in figures2}
            for a, fa, day_a in figures1:
                for b, fb, day_b in figures2:
                    if (not _meet(a, b) and fb not in given1 and fa not in given2
                            and (day_a is None or day_b is None or _meet(day_a, day_b))):
                        return True
    return False


def _figure_by_figure(same: list[dict], subject: str, claim, out: _Findings) -> None:
    """Counts of one thing where a source gives several ("police said 128,000, organisers 1.7
    million"): which figure answers which is unknown, so no conflict is drawn; a figure several
    sources give agrees, one only a single source gives is uncorroborated."""
    by_value = defaultdict(list)
    for q in same:
        by_value[q["value"], q["low"], q["high"]].append(q)
    for qs in by_value.values():
        docs = {q["doc"] for q in qs}
        if len(docs) > 1:
            out.add("agreement", f"{subject}: {qs[0]['text']}", "quantity", None, [claim(q) for q in qs],
                    f"{len(docs)} sources give {qs[0]['text']} (among other figures).", central=False)
        else:
            out.add("uncorroborated", f"{subject}: {qs[0]['text']}", "quantity", None, [claim(q) for q in qs],
                    f"Only {out.documents.get(qs[0]['doc'], qs[0]['doc'])} gives this figure.", central=False)


def _once_per_voice(qs: list[dict], source_of) -> list[dict]:
    """The counts, a value a voice gives twice (a headline and its story) kept once."""
    seen, out = set(), []
    for q in sorted(qs, key=lambda q: (q["doc"], q["start"])):
        key = (q["doc"], source_of(q)["id"], q["value"], q["low"], q["high"])
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def _wholes_and_parts(by_head: dict, what: dict, said, claim, when, out: _Findings) -> set[tuple[str, int]]:
    """"102 people were killed" beside "killing 106 civilians": a part's count is at most the
    whole's, told with the same fate. A part one source counts above a whole another source counts
    is a conflict (the two figures are its claims) unless their events are dated to different days;
    parts below wholes are compatible. Returns the (doc, n) of every count compared so."""
    compared = set()
    for whole, parts in COUNT_PARTS.items():
        for part in parts:
            by_what = defaultdict(lambda: ([], []))
            for side, head in ((0, whole), (1, part)):
                for q in by_head.get(head, ()):
                    if what[q["doc"], q["n"]] is not None:
                        by_what[what[q["doc"], q["n"]]][side].append(q)
            for wholes, part_qs in by_what.values():
                pairs = [(w, p) for w in wholes for p in part_qs if w["doc"] != p["doc"]]
                if not pairs:
                    continue
                subject = f"number of {wholes[0]['counted'] or UNNAMED} ({part_qs[0]['counted']} among them)"
                clash = next(((w, p) for w, p in pairs if _count_interval(p)[0] > _count_interval(w)[1]
                              and (when(w) is None or when(p) is None or _meet(when(w), when(p)))), None)
                if clash:
                    w, p = clash
                    gives = [_said_text(said(q, ()), out.documents) for q in (w, p)]
                    explanation = f"{gives[0]}, {gives[1]}: a part cannot outnumber its whole."
                    out.add("conflict", subject, "quantity", None, [claim(w), claim(p)], explanation, central=False)
                else:
                    out.add("compatible", subject, "quantity", None, [claim(q) for q in wholes + part_qs],
                            "The part one source counts fits within the whole another counts.", central=False)
                compared |= {(q["doc"], q["n"]) for q in wholes + part_qs}
    return compared


def _uncorroborated(events: list[_Event], out: _Findings) -> None:
    """Events with an actor or a name that no finding above sets beside another source's."""
    for ev in events:
        if ev.id in out.used or not (ev.actor or ev.name):
            continue
        who = out.name(ev.actor) if ev.actor else out.name(ev.name)
        out.add("uncorroborated", f"{who}: {ev.type.lower()}", "occurrence", ev.actor or ev.name,
                [ev.claim(ev.type)], f"Only {out.documents.get(ev.doc, ev.doc)} reports this.", central=False)


def compare(store: Store) -> list[Finding]:
    """Findings over every document in the store, ranked so that conflicts on central events come
    first; they replace the store's previous findings."""
    events, names, documents = _load(store)
    out = _Findings(names, documents)
    _start_dates(events, out)
    _durations(events, out)
    _places(events, out)
    _same_day(events, out)
    _quantities(store, events, out)
    _uncorroborated(events, out)
    findings = out.ranked()
    store.replace_findings(findings)
    return findings

