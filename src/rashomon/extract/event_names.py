"""Named events: events a text names after a place, a people or a number, and events it names by
description, as entities with their mentions, so that what is said about them can attach to them.

- `find_event_names`: "the Khoraly massacre", "the Varnia-Tolaria war", "the First Gulf War", "Pan Am
  Flight 103" (and "PA103" beside it), "U.N. Security Council Resolution 417". The model misses
  these or cuts them at the place ("Khoraly" a town, "Varnia" a country); the names inside stay
  mentions of their own, nested in the event's. Events named after one place with words of one
  kind are one event ("the Khorali massacres", "the Khoraly tragedy"): their key is the place's
  key and the kind ("khujala~massacre").
- `event_descriptions`: "the eight-year war" is the document's "Varnia-Tolaria war", or the only war
  the corpus names (`resolve` joins keys that open with DESCRIBED).
The words live in data/entities.yaml (`event_names`, `event_descriptions`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc

from rashomon.data import load
from rashomon.extract.entities import display_name, majority_type, mention_key
from rashomon.extract.places.lookup import held
from rashomon.ingest.parse import text_of
from rashomon.names import name_key
from rashomon.records import Entity, Mention

DESCRIBED = "~"  # opens the key of an event known only by description ("~war")
# how long it lasted, which makes even "a" war a particular one ("an eight-year war", "a decade-long war")
_LASTING = re.compile(r"(?:(?:\w+[ \t]*-[ \t]*)+(?:year|month|week|decade)s?|decade[ \t]*-[ \t]*long)[ \t]+", re.I)
_PARTY_PREPOSITIONS = ("with", "against", "between")  # the war's other side: "a ten-year war with X"
_FLIGHT = re.compile(r"\b((?:[A-Z][\w’'.&-]*[ \t]+){0,3})[Ff]light[ \t]+(?:No\.?[ \t]*)?(\d{1,5})\b")
_RESOLUTION = re.compile(r"\b[Rr]esolution[ \t]+(?:[Nn]o\.?[ \t]*)?(\d{1,4})\b")
_FLIGHT_CODE = re.compile(r"\b[A-Z]{2}[ \t]?(\d{1,5})\b")
_PAIR = re.compile(r"\b[A-Z][\w’']*[-–—][A-Z][\w’']* $")  # two names joined by a dash
_JOINED = re.compile(r"\b[A-Z][\w’']*[-–—]$")  # a name joined by a dash to the next one
_OPENERS = ("The", "A", "An", "On", "In", "Of", "At", "By", "For", "From", "To")


@dataclass(frozen=True)
class _Words:
    heads: dict[str, str]
    ordinals: frozenset[str]
    flight: str
    facilities: frozenset[str]
    openers: frozenset[str]
    described: frozenset[str]
    not_the_same: frozenset[str]


@cache
def _words() -> _Words:
    data = load("entities.yaml")
    named, described = data["event_names"], data["event_descriptions"]
    return _Words({str(k).lower(): str(v) for k, v in named["heads"].items()}, frozenset(named["ordinals"]),
                  str(named["flight"]), frozenset(named["facilities"]), frozenset(named["openers"]),
                  frozenset(described["heads"]),
                  frozenset(described["not_the_same"]))


def find_event_names(doc: Doc, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Events the document names after a place, a people or a number: their mentions, and the
    mentions they take the place of (a nested name stays a mention: see `nested`)."""
    text, words = text_of(doc), _words()
    events = (_named_after(doc, text, mentions, words) + _flights(text, words) + _resolutions(text, mentions)
              + _opened(mentions, words))
    kept: list[Mention] = []
    for event in sorted(events, key=lambda m: (-(m.end - m.start), m.start)):
        if all(event.end <= k.start or k.end <= event.start for k in kept):
            kept.append(event)
    taken = [m for m in mentions if any(m.start < e.end and e.start < m.end for e in kept)]
    return sorted(kept, key=lambda m: m.start), taken


def memorials(text: str, events: Sequence[Mention], mentions: Sequence[Mention]) -> list[Mention]:
    """Places built for an event, named after it ("the Khoraly Massacre Memorial", which the
    model may take whole for an organisation): a mention of a place around the event's, which
    `estimate` puts where the text says ("in The Hague")."""
    words = _words()
    out = []
    for e in events:
        after = re.match(r"[ \t]+([A-Z][a-z]+)\b", text[e.end:e.end + 20])
        if e.type == "EVENT" and after and after.group(1).lower() in words.facilities:
            out.append(_place(text, e.start, e.end + after.end()))
    for m in mentions:
        last = m.text.split()
        if len(last) > 2 and last[-1].lower() in words.facilities and last[-2].lower() in words.heads:
            out.append(_place(text, m.start, m.end))
    return out


def _place(text: str, start: int, end: int) -> Mention:
    return Mention(start, end, text[start:end], "FAC", mention_key(text[start:end], "FAC"))


def nested(events: Sequence[Mention], taken: Sequence[Mention]) -> list[Mention]:
    """The names inside events' names that stay mentions of their own ("Khoraly" in "the Khoraly
    massacre", "Varnia Air" in "Varnia Air Flight 412"): not the model's cut of the event's own name
    ("Varnia-Tolaria" of "the Varnia-Tolaria war"), nor a resolution's body, whose name is the resolution's.
    A name the model took for a person's that an event is named after is the place the gazetteer
    holds under that name ("Srebrenica" of "the Srebrenica massacre")."""
    laws = [e for e in events if e.type == "LAW"]
    out = []
    for m in taken:
        if m.type in ("EVENT", "LAW") or not any(e.start <= m.start and m.end <= e.end for e in events) or any(
                e.start <= m.start and m.end <= e.end for e in laws) or any((e.start, e.end) == (m.start, m.end)
                                                                             for e in events):
            continue
        named_after = any(e.start == m.start and e.type == "EVENT" for e in events)
        out.append(replace(m, type="GPE") if named_after and m.type == "PERSON" and held(m.text) else m)
    return out


def retyped(entities: Sequence[Entity], mentions: Sequence[Mention]) -> list[Entity]:
    """The entities, each of the type most of its mentions now have."""
    types: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        types[m.key][m.type] += 1
    return [replace(e, type=majority_type(types[e.id])) if types.get(e.id) else e for e in entities]


def _named_after(doc: Doc, text: str, mentions: Sequence[Mention], words: _Words) -> list[Mention]:
    """"<place> massacre", "<people> Genocide", "First <place> War": a head word right after names
    (joined by hyphens or dashes, perhaps after an ordinal), or closing a name the model found."""
    ending_at = {m.end: m for m in mentions}
    out = []
    for token in doc:
        head = token.lower_
        if head not in words.heads:
            continue
        end = token.idx + len(token.text)
        inside = next((m for m in mentions if m.start < token.idx and m.end == end), None)
        owner = inside or (ending_at.get(token.idx - 1) if text[token.idx - 1:token.idx] == " " else None)
        if owner is None and (pair := _PAIR.search(text, max(0, token.idx - 60), token.idx)):
            owner = Mention(pair.start(), pair.end() - 1, pair.group().strip(), "GPE", "")  # "Ethiopia-Eritrea"
        if owner is None:
            owner = _capitalised_owner(doc, token)
        if owner is None or owner.type in ("WORK", "LAW") or owner.key.startswith(DESCRIBED):
            continue
        start = owner.start
        while joined := _JOINED.search(text, max(0, start - 40), start):
            start = joined.start()  # "Varnia-Tolaria", "Varnia–Tolaria"
        name = text[start:token.idx].strip()
        opener = re.search(r"(\w+)[ \t]+$", text[max(0, start - 20):start])
        if opener and opener.group(1).lower() in words.ordinals and opener.group(1)[0].isupper():
            start -= len(opener.group(0))
            name = text[start:token.idx].strip()
        english = head.isascii()
        if owner.type == "NORP" and english and not token.text[0].isupper():
            continue  # "the Tolarian war" names no event; "the Tolarian Genocide" does
        # after a people's name only the same word names the same event: "the Tolarian Genocide"
        # is not "the Tolarian massacres" of 1896
        kind = head if owner.type == "NORP" and english else words.heads[head]
        bare = re.sub(r"[-–—]+", " ", name)
        out.append(Mention(start, end, text[start:end], "EVENT", f"{name_key(bare)}{DESCRIBED}{kind}"))
    return out


def _capitalised_owner(doc: Doc, head) -> Mention | None:
    """The name before an event word that the model did not find: capitalised words a gazetteer
    holds ("the Gwangju uprising"), not where the event word goes on into a longer name ("the
    Gwangju Revolution Square")."""
    first = head.i
    while (first > head.sent.start and first > head.i - 3 and doc[first - 1].is_alpha and doc[first - 1].is_title
           and doc[first - 1].text not in _OPENERS):
        first -= 1
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if first == head.i or (after is not None and after.is_title and after.is_alpha):
        return None
    words = doc[first:head.i]
    if not held(words.text):
        return None
    return Mention(words.start_char, words.end_char, words.text, "GPE", "")


def place_event_key(place: str, word: str) -> str | None:
    """The key of the event named after a place with an event word ("the massacre in Khoraly" is
    "the Khoraly massacre"), or None for a word that names no kind of event."""
    kind = _words().heads.get(word.lower())
    return f"{name_key(re.sub(r'[-–—]+', ' ', place))}{DESCRIBED}{kind}" if kind else None


def _opened(mentions: Sequence[Mention], words: _Words) -> list[Mention]:
    """"The Battle for Isfarabad", "Liberation of Kelend": an event, even where the model took the
    name for a work's title or an organisation's."""
    out = []
    for m in mentions:
        first, _, rest = m.text.partition(" ")
        if m.type not in ("EVENT", "PERSON") and first.lower() in words.openers and rest.split(" ")[0] in (
                "of", "for", "at"):
            out.append(Mention(m.start, m.end, m.text, "EVENT", m.key))
    return out


def _flights(text: str, words: _Words) -> list[Mention]:
    """"Varnia Air Flight 412", "Pan Am flight 103": a numbered flight, keyed by its number, and an
    airline's code glued to that number in the same document ("IR655")."""
    out, numbers = [], set()
    for m in _FLIGHT.finditer(text):
        start = m.start()
        for word in m.group(1).split():
            if word not in _OPENERS:
                break
            start = text.index(word, start) + len(word) + 1
        start = start + len(text[start:m.end()]) - len(text[start:m.end()].lstrip())
        out.append(Mention(start, m.end(), text[start:m.end()], "EVENT", name_key(f"{words.flight} {m.group(2)}")))
        numbers.add(m.group(2))
    for m in _FLIGHT_CODE.finditer(text):
        if m.group(1) in numbers and not any(f.start <= m.start() < f.end for f in out):
            out.append(Mention(m.start(), m.end(), m.group(), "EVENT", name_key(f"{words.flight} {m.group(1)}")))
    return out


def _resolutions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """A numbered resolution ("resolution 417", also with a footnote mark glued to it), with the
    body that passed it when its name stands right before ("U.N. Security Council Resolution
    417"): one name, the resolution's; the body is not named there as an actor."""
    laws = [m for m in mentions if m.type == "LAW" and m.text[:1].lower() == "r"]
    for found in _RESOLUTION.finditer(text):
        if not any(m.start <= found.start() < m.end for m in mentions if m.type == "LAW"):
            laws.append(Mention(found.start(), found.end(), found.group(), "LAW",
                                mention_key(f"Resolution {found.group(1)}", "LAW")))
    ending_at = {m.end: m for m in mentions if m.type in ("ORG", "NORP", "GPE")}
    out = []
    for law in laws:
        body = ending_at.get(law.start - 1)
        start = body.start if body is not None else law.start
        if body is not None or law not in mentions:
            out.append(Mention(start, law.end, text[start:law.end], "LAW", law.key))
    return out


def entities_for(mentions: Sequence[Mention], known: Sequence[Entity]) -> list[Entity]:
    """An entity for each key of `mentions` that `known` lacks, named by its most used name."""
    have, surfaces = {e.id for e in known}, defaultdict(list)
    for m in mentions:
        if m.key not in have:
            surfaces[m.key].append(m.text)
    return [Entity(id=key, type=next(m.type for m in mentions if m.key == key), name=display_name(found),
                   aliases=tuple(sorted(set(found)))) for key, found in surfaces.items()]


def event_descriptions(doc: Doc, mentions: Sequence[Mention], names: Sequence[Entity],
                       ) -> tuple[list[Mention], list[Entity]]:
    """Mentions of named events by description: "the eight-year war" is the document's "Varnia-Tolaria
    war" (an EVENT named with the same head word); without one its key is `DESCRIBED` + the head
    ("~war"), which `resolve` joins to the only such event the corpus names. Returns the new
    mentions and an entity for each new key. The phrase is kept without its article."""
    words = _words()
    taken = {i for m in mentions for i in range(m.start, m.end)}
    named = [m for m in mentions if m.type == "EVENT" and not m.key.startswith(DESCRIBED)]
    text, out = text_of(doc), []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in words.described or token.idx in taken:
            continue
        lefts = [c for c in token.lefts if c.dep_ != "det"]
        start = min((c.left_edge.idx for c in lefts), default=token.idx)
        lasting = _LASTING.fullmatch(text[start:token.idx]) is not None  # "an eight-year war with Tolaria"
        if (not any(c.dep_ == "det" and (c.lower_ == "the" or lasting) for c in token.lefts) or not lefts
                or any(c.dep_ == "prep" and not (lasting and c.lower_ in _PARTY_PREPOSITIONS) for c in token.rights)
                or any(t.lower_ in words.not_the_same or t.idx in taken or t.pos_ in ("PROPN", "PRON", "DET")
                       for c in lefts for t in c.subtree)):
            continue
        end = token.idx + len(token.text)
        same = [m for m in named if m.text.split()[-1].lower() == token.lower_]
        key = same[-1].key if len({m.key for m in same}) == 1 else DESCRIBED + lemma
        out.append(Mention(start, end, text[start:end], "EVENT", key))
    return out, [e for e in entities_for(out, names) if e.type == "EVENT"]

