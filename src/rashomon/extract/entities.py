"""Entities: names in a document become mentions, and mentions of one real thing share a key.

Within a document this is a first, simple resolution:
- spaCy's named entities, trimmed of a leading "the" and a possessive "’s";
- Persian and Arabic compound names ("Bagh-e Narin", "Surkhanin-e Varan", "Dar-pol-Navar") joined into one;
- acronyms defined in parentheses ("Surkhanin-e Varan Organization (SVO)") point to the long form;
- a name found once is found everywhere else in the document it occurs;
- a surname alone ("Darvani") points to the full name used before it ("Massoud Darvani").
Across documents, equal keys are one entity: the key comes from `names.name_key` of the canonical
name, so spelling variants of a transliterated name meet. The word lists live in data/entities.yaml.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from rashomon.data import load
from rashomon.extract import acronyms, facilities
from rashomon.extract.cut_names import (
    counted_thing,
    headline_verb_cut,
    natural_place,
    operation_cut,
    peoples,
    titles_only,
)
from rashomon.ingest.parse import text_of
from rashomon.kb import KbEntity, KnowledgeBase
from rashomon.names import name_key
from rashomon.records import GROUP_TYPES, KB_TYPES, PLACE_TYPES, Entity, Mention, Segment

POSSESSIVE = re.compile(r"[’'`]s?$")  # with a typewriter's backtick ("Varnia`s")
POSSESSIVE_INSIDE = re.compile(r"[’'`]s\s")
VESSEL_BEFORE = re.compile(r"\b([A-Z]{2,5})[ \t]+$")  # a ship's prefix the model left out of its name
_PAIR = re.compile(r"([A-Z][\w’']+)[ \-–]([A-Z][\w’']+)")  # "Kelend Isfarabad (road)", "Isfarabad-Kaland (axis)"
# a name ending in an abbreviation keeps its full stop: "U.S.", "W. Va.", "Ky.", "Acme Inc."
ABBREVIATION_END = re.compile(r"(?:^|[\s.])(?:[A-Z]\.(?:\s?[A-Z][a-z]?\.)+|[A-Z][a-z]{0,4}\.)$")
# on a tie, the type to believe: the model often takes an unfamiliar place name for an organisation
TYPE_PRIORITY = ("PERSON", "GPE", "LOC", "ORG", "EVENT", "FAC", "LAW", "WORK", "NORP")


@dataclass(frozen=True)
class _Vocabulary:
    types: dict[str, str]
    leading: frozenset[str]
    titles: frozenset[str]
    place_words: frozenset[str]
    place_kinds: frozenset[str]
    name_place_words: frozenset[str]
    event_words: frozenset[str]
    event_openers: frozenset[str]
    possessive_names: frozenset[str]
    vessel_prefixes: frozenset[str]
    name_tails: frozenset[str]
    other_place_words: frozenset[str]
    org_words: frozenset[str]
    not_names: frozenset[str]
    keep_lower: frozenset[str]
    openers: frozenset[str]
    particles: frozenset[str]
    hyphen_prefixes: re.Pattern
    prepositions: frozenset[str]
    inner_prepositions: frozenset[str]
    organisation_kinds: frozenset[str]
    compound: re.Pattern
    work_titles: tuple[re.Pattern, ...]


@cache
def _vocabulary() -> _Vocabulary:
    data = load("entities.yaml")
    particles = "|".join(sorted(map(re.escape, data["ezafe_particles"]), key=len, reverse=True))
    word = r"[A-Z][\w’']*"
    stops = "|".join(map(re.escape, data["hyphen_connectors"]))  # "Korsk-to-Telsk" joins two names
    link = rf"-(?:{particles})-?(?:\s+|(?=[A-Z])|-)?|-(?!(?:{stops})-)[a-z]{{2,5}}-(?=[A-Z])"  # "Dar-pol-Navar"
    compound = re.compile(rf"\b{word}(?:(?:{link}){word})+(?:\s+{word})*")
    lower = lambda key: frozenset(w.lower() for w in data[key])  # noqa: E731
    return _Vocabulary(data["types"], lower("leading_words"), lower("titles"), lower("place_words"),
                       lower("place_kind_words"), lower("name_place_words"), lower("event_words"),
                       lower("event_openers"), lower("possessive_names"), frozenset(data["vessel_prefixes"]),
                       lower("name_tails"), lower("other_place_words"),
                       lower("organisation_words"), lower("not_names"), lower("lower_case_name_words"),
                       lower("lower_case_name_openers"), lower("ezafe_particles"),
                       re.compile(rf"^(?:{'|'.join(map(re.escape, data['hyphen_prefixes']))})-(?=[A-Z])", re.I),
                       lower("leading_prepositions"), lower("inner_prepositions"), lower("organisation_kinds"),
                       compound, tuple(re.compile(p) for p in data["work_titles"]))


@dataclass
class _Candidate:
    start: int
    end: int
    type: str
    canonical: str | None = None  # the name this one stands for, when it is an acronym or short form


def _trim(text: str, start: int, end: int, vocab: _Vocabulary, title: bool = False) -> tuple[int, int]:
    """Offsets without a leading article, symbol, lower-case word or hyphenated prefix ("anti-"), a
    line break, a headline's words from a preposition on ("Units Across Varnia"), a bracket the
    name does not close ("Dalvan.[1]", "Varnia(PSOV/SEV)"), trailing punctuation, a trailing
    lower-case word or a possessive ending. `title`: a work's title, whose opening preposition is its own."""
    if "\n" in text[start:end]:
        end = text.index("\n", start, end)
    for word in re.finditer(r"(?<= )[A-Z][a-z]+\b", text[start:end]) if not title else ():
        if word.group().lower() in vocab.inner_prepositions:  # "... Units Across Varnia"
            end = start + word.start() - 1
            break
    while True:
        end = start + _unbracketed(text[start:end])
        span = text[start:end]
        first, last = span.split(" ", 1)[0], span.rsplit(" ", 1)[-1]
        if span != span.strip():
            start, end = start + len(span) - len(span.lstrip()), end - (len(span) - len(span.rstrip()))
        elif span and not span[0].isalnum():
            start += 1
        elif " " in span and (first.lower() in vocab.leading or (
                first.isalpha() and ((first.islower() and first not in vocab.openers)
                                     or (not title and first.lower() in vocab.prepositions)))):
            start += len(first) + 1
        elif prefix := vocab.hyphen_prefixes.match(span):
            start += prefix.end()
        elif " " in span and last.islower() and last.isalpha() and last not in vocab.keep_lower:
            end -= len(last) + 1
        elif span and span[-1] in ".,;:!?\"“”‘’'()[]" and not span.endswith(("’s", "'s")) and end - start > 1 \
                and not ABBREVIATION_END.search(span):
            end -= 1
        elif (m := POSSESSIVE.search(span)) and end - start > 3 and text[start:end - len(m.group())].strip():
            end -= len(m.group())
        else:
            return start, end


def _unbracketed(span: str) -> int:
    """Where a name ends before a footnote mark or a bracket it does not close: "Dalvan.[1]"
    and "Varnia(PSOV/SEV" end before the bracket, "Forces (SDF)" and "Watch/Africa" do not."""
    depth = 0
    for i, ch in enumerate(span):
        if ch == "[" or (ch == ")" and depth == 0):
            return i
        if ch == "(":
            closes = span.find(")", i)
            if closes < 0:
                return i
            depth += 1
        elif ch == ")":
            depth -= 1
    return len(span)


def _from_ner(doc: Doc, text: str, segments: Sequence[Segment], vocab: _Vocabulary) -> list[_Candidate]:
    """spaCy's entities outside boilerplate (where the model mistakes promotion for names).
    `text` is the Doc's text (parse.text_of)."""
    boilerplate = [(s.start, s.end) for s in segments if s.kind == "boilerplate"]
    out = []
    for ent in doc.ents:
        if any(a <= ent.start_char < b for a, b in boilerplate):
            continue
        start, end = ent.start_char, ent.end_char
        inside = POSSESSIVE_INSIDE.search(text, start, end)
        owner = text[start:inside.start()].split()[-1:] if inside is not None else []
        if inside is not None and not (owner and owner[0].lower() in vocab.possessive_names):
            owned = text[inside.end():end].split()  # an organisation's name too: "the Front’s Liberation Army"
            if ent.label_ == "ORG" and all(map(str.istitle, owned)) and {*map(str.lower, owned)} & vocab.org_words:
                out.append(_Candidate(inside.end(), end, "ORG"))
            end = inside.start()  # "Kadir’s Vanguard": the model ran the owner into the owned
        start, end = _trim(text, start, end, vocab, title=ent.label_ == "WORK_OF_ART")
        prefix = VESSEL_BEFORE.search(text[max(0, start - 8):start])
        if prefix and prefix.group(1) in vocab.vessel_prefixes:  # "USS [Kestrel]": the ship's whole name
            start -= len(prefix.group(0))
        if (cut := operation_cut(text, start, end, vocab.event_openers)) is not None:  # "Varnian Operation| Dalir 7"
            out += [_Candidate(start, cut[0] - 1, "NORP")] if text[start:cut[0] - 1] in peoples() else []
            start, end = cut
        end = (ent.label_ == "ORG" and headline_verb_cut(text, start, end)) or end  # "X Marks Anniversary"
        surface = text[start:end]
        kind = _kind(surface, vocab.types.get(ent.label_), vocab)
        if (kind and end > start and surface.lower() not in vocab.not_names and any(c.isupper() for c in surface)
                and not titles_only(surface, vocab.titles) and not counted_thing(text, start, surface)):
            out.append(_Candidate(start, end, kind))
    return out


def _kind(surface: str, tagged: str | None, vocab: _Vocabulary) -> str | None:
    """A name's type: a named operation or campaign is an EVENT, a ship an ORG and a forest a place
    whatever the model typed them ("Operation X" a work, "the Y Campaign" a group, "Z Forest")."""
    first, _, rest = surface.partition(" ")
    if rest and (first.lower() in vocab.event_openers or (
            tagged == "ORG" and surface.rsplit(" ", 1)[-1].lower() in vocab.event_words)):
        return "EVENT"
    if rest and first.replace(".", "") in vocab.vessel_prefixes:
        return "ORG"
    return "LOC" if tagged in ("ORG", "PERSON", "WORK") and natural_place(surface) else tagged


def _run_together(text: str, found: list[_Candidate], vocab: _Vocabulary, kb: KnowledgeBase | None,
                  ) -> list[_Candidate]:
    """Split names the model ran together: a surname of a person named in full and an organisation's
    name ("the magazine Vecherny Kolokol Dervalov stated", "the anti-Zarani Surkhaneen Varan") that
    holds an organisation's word, the knowledge file knows or a common noun before it says what it
    is; a place the document names and a people ("Taravakh Tolarian forces")."""
    full = {}  # a person's full name -> the keys of its words
    for c in found:
        keys = [name_key(w) for w in _name_words(text[c.start:c.end], vocab)] if c.type == "PERSON" else []
        if len(keys) > 1:
            full[text[c.start:c.end]] = keys
    places = {text[c.start:c.end] for c in found if c.type in PLACE_TYPES}
    named = {text[c.start:c.end]: c.type for c in found}  # a name the document uses -> its type
    out = []
    for c in found:
        words = text[c.start:c.end].split(" ")
        people = [keys for name, keys in full.items() if name != text[c.start:c.end]]
        parts = _person_and_organisation(text, c, words, people, vocab, kb) if len(words) > 2 and people else None
        head = " ".join(words[:-1])
        if c.type == "NORP" and len(words) > 1 and head in places:  # "Taravakh Tolarian": a place, a people
            parts = [_Candidate(c.start, c.start + len(head), "GPE"), _Candidate(c.end - len(words[-1]), c.end, "NORP")]
        pair = _PAIR.fullmatch(text[c.start:c.end])
        if pair and c.type != "PERSON" and pair.group(1) in named and pair.group(2) in named:
            parts = [_Candidate(c.start, c.start + pair.end(1), named[pair.group(1)]),
                     _Candidate(c.start + pair.start(2), c.end, named[pair.group(2)])]
        out.extend(parts or [c])
    return out


def _person_and_organisation(text: str, c: _Candidate, words: list[str], people: list[list[str]],
                             vocab: _Vocabulary, kb: KnowledgeBase | None) -> list[_Candidate] | None:
    """The person and the organisation a candidate runs together, or None."""
    before = text[max(0, c.start - 30):c.start].split()
    keys = [name_key(w) for w in words]
    for i in range(1, len(words)):
        for person_first in (False, True):
            person, rest = (keys[:i], words[i:]) if person_first else (keys[i:], words[:i])
            bearer = next((p for p in people if p[-len(person):] == person), None)
            if bearer is None or len(rest) < 2 or set(bearer) & {name_key(w) for w in rest}:
                continue
            rest_name = " ".join(rest)
            named_so = before and before[-1].lower() in vocab.organisation_kinds  # "the magazine ..."
            if not ({w.lower() for w in rest} & vocab.org_words or named_so
                    or (kb is not None and kb.candidates(rest_name, "ORG"))):
                continue
            cut = c.start + len(" ".join(words[:i]))
            first, second = ("PERSON", "ORG") if person_first else ("ORG", "PERSON")
            return [_Candidate(c.start, cut, first), _Candidate(cut + 1, c.end, second)]
    return None


def _compounds(text: str, found: list[_Candidate], vocab: _Vocabulary) -> list[_Candidate]:
    """Join the parts of ezafe compounds into one mention whose type comes from the parts or words."""
    out = []
    for m in vocab.compound.finditer(text):
        start, end = _trim(text, m.start(), m.end(), vocab)
        parts = [c for c in found if c.start < end and start < c.end]
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text[start:end])}
        if words & vocab.org_words:
            kind = "ORG"
        elif parts:
            kind = max(parts, key=lambda c: (c.type in ("GPE", "LOC"), c.end - c.start)).type
        else:
            kind = "GPE" if words & vocab.place_words else "ORG"
        out.append(_Candidate(start, end, kind))
    return out


def _works(text: str, vocab: _Vocabulary) -> list[_Candidate]:
    """Titles of works in a series ("The Story of Masoud and Kadir - Part 2")."""
    return [_Candidate(m.start("title"), m.end("title"), "WORK") for p in vocab.work_titles for m in p.finditer(text)]


def _post_authors(text: str, segments: Sequence[Segment], vocab: _Vocabulary) -> list[_Candidate]:
    """The author of each embedded post, where its signature names it, and its @handle."""
    out = []
    for seg in segments:
        if seg.kind != "embedded_post" or not seg.author:
            continue
        words = {w.lower() for w in seg.author.split()}
        kind = "ORG" if words & vocab.org_words else "PERSON"
        at = text.rfind(seg.author, seg.start, seg.end)
        if at >= 0:
            out.append(_Candidate(at, at + len(seg.author), kind))
        if seg.handle and (h := text.rfind("@" + seg.handle, seg.start, seg.end)) >= 0:
            out.append(_Candidate(h, h + len(seg.handle) + 1, kind, canonical=seg.author))
    return out


def _without_overlaps(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest candidates first; a candidate overlapping a kept one is dropped."""
    kept: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.canonical is None, c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _propagate(text: str, found: list[_Candidate]) -> list[_Candidate]:
    """Every other occurrence of a name already found, as a whole word, with the same reading."""
    by_surface: dict[str, _Candidate] = {}
    for c in sorted(found, key=lambda c: c.canonical is None):
        by_surface.setdefault(text[c.start:c.end], c)
    out = []
    for surface, c in by_surface.items():
        if len(surface) < 2:
            continue
        for m in re.finditer(rf"(?<![\w@]){re.escape(surface)}(?!\w)", text):
            out.append(_Candidate(m.start(), m.end(), c.type, c.canonical))
    return out


def _surnames(text: str, found: list[_Candidate], vocab: _Vocabulary) -> list[_Candidate]:
    """A person named in full, named again by the surname alone ("Oskar Smirnov" ... "what had
    Smirnov said?") where the model missed it: every capitalised whole-word occurrence of the
    surname, when one person of the document bears it, the text never writes it in lower case
    (a word, not a name) and never names something else by it."""
    people = defaultdict(set)  # surname -> the full names that end with it
    for c in found:
        words = _name_words(text[c.start:c.end], vocab)
        if c.type == "PERSON" and c.canonical is None and len(words) > 1 and len(words[-1]) > 2 and words[-1].istitle():
            people[words[-1]].add(" ".join(words))
    other = {text[c.start:c.end] for c in found if c.type != "PERSON"}
    out = []
    for surname, names in people.items():
        if len(names) > 1 or surname in other or re.search(rf"(?<!\w){re.escape(surname.lower())}(?!\w)", text):
            continue
        out += [_Candidate(m.start(), m.end(), "PERSON", None)
                for m in re.finditer(rf"(?<![\w@-]){re.escape(surname)}(?![\w-])", text)]
    return out


def _canonical_names(text: str, cands: list[_Candidate], vocab: _Vocabulary) -> None:
    """Point short forms to the full name the document uses: a person's surname or last names
    ("Darvani", "Sayyad Tarani") or a first name only one person has ("Kadir"); the head of an
    organisation's or country's name ("Islamic Republic") to the longer one ("Islamic Republic of
    Varnia")."""
    names = {text[c.start:c.end]: c.type for c in cands if c.canonical is None}
    people = {n: [name_key(w) for w in _name_words(n, vocab)] for n, t in names.items() if t == "PERSON"}
    for c in cands:
        if c.canonical is not None:
            continue
        name = text[c.start:c.end]
        words = [name_key(w) for w in _name_words(name, vocab)]
        if c.type != "GPE" and words:
            longer = [p for p, pw in people.items() if len(pw) > len(words) and pw[-len(words):] == words]
            if not longer and len(words) == 1:  # a first name alone ("Kadir"), when only one person has it
                longer = [p for p, pw in people.items() if len(pw) > 1 and pw[0] == words[0]]
                longer = longer if len({people[p][-1] for p in longer}) == 1 else []
            if longer:
                c.canonical, c.type = max(longer, key=len), "PERSON"
                continue
        if c.type in ("ORG", "GPE", "LOC", "EVENT", "FAC"):
            # "Surkhanin-e Varan" opens "Surkhanin-e Varan Organization"; "Varnia" does not open
            # "Varnia-Tolaria War", nor "Varnia" the "SEV Resistance Units Across Varnia"
            opened = [n for n, t in names.items() if _same_family(t, c.type) and (
                      (n.startswith(name + " ") and n[len(name) + 1:].split()[0].lower() in vocab.name_tails)
                      or (vocab.compound.fullmatch(n) and n.startswith(name + "-")))]
            # a one-word name ending exactly one longer name of the document: "the Guard" after
            # "the Provincial Guard", "Golzar" after "Bandar-e Golzar"; not "Kaland" after
            # "Isfarabad-Kaland", two names the document also uses apart
            ending = [n for n, t in names.items() if " " not in name and "-" not in name and n != name
                      and _same_family(t, c.type) and re.split(r"[\s-]+", n)[-1] == name
                      and not any(part in names for part in re.split(r"[\s-]+", n)[:-1])
                      and not (c.type in ("GPE", "LOC") and n.split()[0].lower() in vocab.other_place_words)
                      ] if not opened else []
            if opened or len(ending) == 1:
                c.canonical = min(opened, key=len) if opened else ending[0]


def _same_family(a: str, b: str) -> bool:
    """Places with places, groups with groups: a place's name is no short form of an organisation's."""
    return a == b or {a, b} <= PLACE_TYPES or {a, b} <= GROUP_TYPES


def _name_words(name: str, vocab: _Vocabulary) -> list[str]:
    """The words of a name without titles and ranks."""
    return [w for w in name.split() if w.strip(".").lower() not in vocab.titles]


def _key_name(name: str, kind: str, vocab: _Vocabulary) -> str:
    """The name a key is made from: without titles (people), a generic place word ("Dalvan province"; not
    of a town's own name: "New York City") or the generic word of a named event ("Operation Kaman")."""
    if kind == "PERSON":
        return " ".join(_name_words(name, vocab)) or name
    words = name.split()
    generic = vocab.place_kinds if kind in PLACE_TYPES else vocab.event_words
    if len(words) > 1 and words[-1].lower() in generic:
        from rashomon.extract.places.lookup import town_named  # lazily: the places stage reads this module
        words = words if words[-1].lower() in vocab.name_place_words and town_named(name) else words[:-1]
    if len(words) > 1 and words[0].lower() in vocab.event_words:
        words = words[1:]
    if kind not in PLACE_TYPES and len(words) == 1 and words[0] in peoples():
        return name  # "the Varnian Operation" is an operation of Varnia's, not Varnia
    return " ".join(words)


def mention_key(name: str, kind: str) -> str:
    """The key of a mention's name (see `names.name_key`): without a generic word ("Operation
    Kaman" = "Kaman operation", "Dalvan province" = "Dalvan") or a title; people's
    names are keyed as such."""
    return name_key(_key_name(name, kind, _vocabulary()), "PERSON" if kind == "PERSON" else None)


_KB_MATCHERS: dict[int, tuple[KnowledgeBase, PhraseMatcher, PhraseMatcher, dict[str, KbEntity]]] = {}


def _kb_matchers(kb: KnowledgeBase, doc: Doc) -> tuple[PhraseMatcher, PhraseMatcher, dict[str, KbEntity]]:
    """Phrase matchers for the knowledge file's names, built once per knowledge base: acronyms by
    their exact letters ("WHO" is not "who"), other names case-insensitively, both apostrophes."""
    cached = _KB_MATCHERS.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1:]
    from rashomon.ingest.parse import pipeline

    make = pipeline().make_doc
    exact, folded = PhraseMatcher(doc.vocab, attr="ORTH"), PhraseMatcher(doc.vocab, attr="NORM")
    by_label: dict[str, KbEntity] = {}
    for entity in kb.entities:
        if entity.type not in KB_TYPES:
            continue
        by_label[entity.id] = entity
        for name in set(entity.names):
            spellings = {name, name.replace("'", "’"), name.replace("’", "'")}
            (exact if name.isupper() else folded).add(entity.id, [make(n) for n in spellings if len(n) > 1])
    _KB_MATCHERS[id(kb)] = (kb, exact, folded, by_label)
    return exact, folded, by_label


def _from_kb(doc: Doc, text: str, kb: KnowledgeBase) -> list[_Candidate]:
    """Every name of a known entity in the text, standing for that entity's canonical name: as the file
    spells it, or (names of two words or more) spelt otherwise ("People`s Sorkhanin", "Surkhaneen Varan")."""
    exact, folded, by_label = _kb_matchers(kb, doc)
    out = []
    for matcher in (exact, folded):
        for label, start, end in matcher(doc):
            span = doc[start:end]
            if not ((_owned_by_name(doc, start) and len(span) > 1) or any(c.isupper() for c in span.text)):
                continue  # in lower case only after a named owner ("Tavrov’s revolutionary guards")
            entity = by_label[doc.vocab.strings[label]]
            out.append(_Candidate(span.start_char, span.end_char, entity.type, canonical=entity.name))
    return out + _kb_spelt_otherwise(doc, kb)


def _owned_by_name(doc: Doc, i: int) -> bool:
    """Whether token `i` follows the possessive of a name that is not a place's: "Tavrov’s
    republican guard" is the Republican Guard, "Tavria's security council" not the UN's."""
    owner = doc[i - 2] if i > 1 and doc[i - 1].lower_ in ("'s", "’s", "`s") else doc[i - 1] if i > 0 else None
    return owner is not None and bool(re.search(r"[’'`]s$", doc[i - 1].text)) and owner.text[:1].isupper() \
        and owner.ent_type_ not in ("GPE", "LOC", "FAC", "NORP")


_KB_OPENERS: dict[int, tuple[KnowledgeBase, frozenset[str]]] = {}
_NAME_LINKS = frozenset({"of", "the", "and", "for", "-", "'s", "’s"})  # with the articles of names_articles()


def _kb_spelt_otherwise(doc: Doc, kb: KnowledgeBase) -> list[_Candidate]:
    """Known names of two words or more, found by their key: runs of capitalised words (and the
    small words names hold) whose first word opens a known name."""
    cached = _KB_OPENERS.get(id(kb))
    if cached is None or cached[0] is not kb:
        openers = frozenset(name_key(n.split()[0]) for e in kb.entities for n in e.names
                            if " " in n and e.type in KB_TYPES)
        cached = _KB_OPENERS[id(kb)] = (kb, openers)
    openers, leading, out, i = cached[1], _vocabulary().leading, [], 0
    while i < len(doc):
        if not doc[i].text[:1].isupper() or doc[i].lower_ in leading or name_key(doc[i].text) not in openers:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i < 8 and (doc[j].text[:1].isupper() or doc[j].lower_ in _NAME_LINKS
                                              or doc[j].lower_ in name_articles()):
            j += 1
        for end in range(j, i + 1, -1):
            span = doc[i:end]
            if not span[-1].text[:1].isupper():
                continue
            if (entity := kb.lookup(span.text)) is not None and entity.type in KB_TYPES:
                out.append(_Candidate(span.start_char, span.end_char, entity.type, canonical=entity.name))
                i = end - 1
                break
        i += 1
    return out


def find_mentions(doc: Doc, segments: Sequence[Segment] = (), kb: KnowledgeBase | None = None,
                  ) -> tuple[list[Mention], list[Entity]]:
    """Mentions in `doc`, each with an entity key, and one candidate entity per key. spaCy's entities
    in boilerplate are left out, but a name found elsewhere in the document is found there too (a
    related-posts title names the same group); the knowledge file's names are found anywhere."""
    vocab = _vocabulary()
    text = text_of(doc)
    works = _without_overlaps(_works(text, vocab))  # a series title outranks the model's cut of it
    found = works + [c for c in _post_authors(text, segments, vocab) + _from_ner(doc, text, segments, vocab)
                     if all(c.end <= w.start or w.end <= c.start for w in works)]
    found = _run_together(text, found, vocab, kb)
    if kb is not None:
        found = _without_overlaps(_from_kb(doc, text, kb) + found)
    joined = _compounds(text, found, vocab)  # less a cut the model began after a hyphen ("-Navar ad Saleh")
    found = _without_overlaps(joined + [c for c in found if not any(
        k.start < c.start < k.end < c.end and text[c.start - 1] == "-" for k in joined)])
    found = _without_overlaps(found + acronyms.defined(text, found, _Candidate))
    found = _without_overlaps(found + _propagate(text, found))
    found = _without_overlaps(found + _surnames(text, found, vocab))
    found = facilities.named_after_places(text, found, _Candidate)
    _canonical_names(text, found, vocab)

    names: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, list[str]] = defaultdict(list)
    surfaces: dict[str, set[str]] = defaultdict(set)
    types: dict[str, Counter] = defaultdict(Counter)
    mentions = []
    for c in found:
        surface = text[c.start:c.end]
        name = c.canonical or surface
        key = mention_key(name, c.type)
        if not key:
            continue
        mentions.append(Mention(c.start, c.end, surface, c.type, key))
        names[key].append(name)
        kinds[key].append(c.type)
        surfaces[key].add(surface)
        types[key][c.type] += 1
    entities = []
    for key in names:
        # a thing's own name before the adjective made from it: "Tolaria", not "Tolarian"
        own = [n for n, t in zip(names[key], kinds[key], strict=True) if t != "NORP"] or names[key]
        proper = Counter({t: n for t, n in types[key].items() if t != "NORP"}) or types[key]
        entities.append(Entity(id=key, type=majority_type(proper), name=display_name(own),
                               aliases=tuple(sorted(surfaces[key]))))
    return mentions, entities


def mentions_at(text: str, spans: Sequence[tuple[int, int, str]], known: Sequence[Entity],
                ) -> tuple[list[Mention], list[Entity]]:
    """Mentions at the given (start, end, type) spans, keyed as `find_mentions` keys names, and an
    entity for each key not among `known` (the places named inside an organisation's name)."""
    have = {e.id for e in known}
    mentions, surfaces, kinds = [], defaultdict(set), {}
    for start, end, kind in spans:
        surface = text[start:end]
        key = mention_key(surface, kind)
        if key:
            mentions.append(Mention(start, end, surface, kind, key))
            surfaces[key].add(surface)
            kinds.setdefault(key, kind)
    new = [Entity(id=key, type=kinds[key], name=display_name(sorted(names)), aliases=tuple(sorted(names)))
           for key, names in surfaces.items() if key not in have]
    return mentions, new


def with_known_ids(found: Sequence[Entity], kb: KnowledgeBase) -> list[Entity]:
    """The entities, each with the knowledge file's id when one of its names is a known alias of
    its type; an entity that already has an id (a place's, from the gazetteer) keeps it."""
    return [_known(e, kb) for e in found]


def _known(entity: Entity, kb: KnowledgeBase) -> Entity:
    if entity.kb_id:
        return entity
    for name in (entity.name, *entity.aliases):
        if (found := kb.lookup(name, entity.type)) is not None:
            return replace(entity, kb_id=found.kb_id)
    return entity


def is_vessel(name: str) -> bool:
    """Whether a name is a ship's ("USS Kestrel", "the HMS Conqueror")."""
    words = name.split()
    if words and words[0].lower() in _vocabulary().leading:
        words = words[1:]
    return len(words) > 1 and words[0].replace(".", "") in _vocabulary().vessel_prefixes


def name_articles() -> frozenset[str]:
    """Articles and particles inside names ("al", "el", "de", "e"): never a name on their own."""
    vocab = _vocabulary()
    return vocab.openers | vocab.particles


def operation(name: str) -> bool:
    """Whether a name is an operation's ("Operation Anvil", "Anvil Offensive"; not "Campaign for X")."""
    words, vocab = [w.lower() for w in name.split()], _vocabulary()
    return len(words) > 1 and (words[0] in vocab.event_openers or words[-1] in vocab.event_words)


def organisation_word(word: str) -> bool:
    """Whether a word is one organisations are named with ("Police", "Union", "Committee")."""
    return word.lower() in _vocabulary().org_words


def majority_type(counts: Counter) -> str:
    """The most frequent type; ties go to the more specific type (TYPE_PRIORITY)."""
    return min(counts.items(), key=lambda kv: (-kv[1], TYPE_PRIORITY.index(kv[0])))[0]


def display_name(names: Iterable[str] | Counter) -> str:
    """The name to show: the most frequent full name, the longest on a tie (`names`: each use, or a
    Counter of them)."""
    return max(Counter(names).items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
