"""Glosses: another name a text gives for a name right after it, which names the same thing.

"Operation Nour-e Sahar (Dawn Light)", "Operation Kaman (Persian: عملیات کمان, lit.
Operation Bow)", "Human Rights Watch/Africa (formerly Africa Watch)", "Svobodnaya Pochta
(Free Post)", "the Panj Dara strait was nicknamed as Kaman strait": the other name
becomes a mention of the first, so that accounts that use only one of them meet (`resolve`
joins entities through such names). A gloss in brackets with no marker ("lit.", "formerly", a
language's name) counts after the name of an event, an organisation, a law, a work or a code name ("under the codename
Nahr Hayat (River of Life)", whatever the model took it for) only (not
after a dateline in capitals), and only when the model found no name there but a title (a
dateline's "(Reuters)", "Press TV (Varnia)" are no glosses). A place's bracket is left alone: "the
Tarvand Strait (or Kaman)" gives a name that would be looked up as a town of its own.
The marker words live in data/entities.yaml (`glosses`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from rashomon.data import load
from rashomon.extract.entities import mention_key
from rashomon.records import PLACE_TYPES, Entity, Mention

_BRACKETS = re.compile(r"[”\"’]?[ \t]*\(([^()\n]{1,160})\)")
_NAME_WORD = re.compile(r"[A-Z0-9][\w’'.-]*")
_UNMARKED_TYPES = ("EVENT", "ORG", "LAW", "WORK")


@dataclass(frozen=True)
class _Markers:
    markers: tuple[str, ...]  # "lit.", "formerly", ...: the part after one is another name
    languages: frozenset[str]  # "Persian", "Arabic": "(Persian: ...)" gives the name in that language
    linkers: frozenset[str]  # small words inside names ("of", "the")
    naming_verbs: re.Pattern  # "X was nicknamed as Y", "X, known as Y"
    named_before: re.Pattern  # "under the codename X", "code-named X": X is an operation's name
    operation_brackets: re.Pattern  # "this operation (X)": X is the operation's name


@cache
def _markers() -> _Markers:
    data, code = load("entities.yaml")["glosses"], load("entities.yaml")["code_names"]
    verbs = "|".join(map(re.escape, data["naming_verbs"] + code["verbs"]))
    events = "|".join(map(re.escape, load("entities.yaml")["event_words"]))
    naming = re.compile(rf"^,?[ \t]+(?:(?:was|were|is|are|had been|has been|also)[ \t]+)*(?:{verbs})[ \t]+"
                        rf"(?:as[ \t]+)?[“\"]?(?=[A-Z])")
    return _Markers(tuple(sorted(data["markers"], key=len, reverse=True)), frozenset(data["languages"]),
                    frozenset(data["linkers"]), naming,
                    re.compile(rf"\b(?i:{'|'.join(map(re.escape, code['nouns'] + code['verbs']))})[ \t]+[“\"`]*$"),
                    re.compile(rf"\b(?i:this|that|the|its|their)[ \t]+(?i:{events})[ \t]*\(([^()\n]{{1,60}})\)"))


def find_glosses(text: str, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Mentions of the other names the text gives right after names, each with the key of the
    name it glosses, and the mentions they replace (a gloss the model had found as a name of its
    own)."""
    marks, out, replaced = _markers(), [], []
    starting = {m.start: m for m in mentions}
    for m in mentions:
        if m.type not in PLACE_TYPES and (brackets := _BRACKETS.match(text, m.end)) is not None:
            coded = m.type not in _UNMARKED_TYPES and marks.named_before.search(text[max(0, m.start - 30):m.start])
            for start, end, marked in _parts(text, brackets.start(1), brackets.end(1), marks):
                other = starting.get(start)
                if not marked and ((m.type not in _UNMARKED_TYPES and not coded) or m.text.isupper()
                                   or (other is not None and other.type != "WORK")):
                    continue  # "BEIRUT (Reuters)", "Press TV (Varnia)": no gloss
                if coded:  # the code name is an operation's, in all its mentions
                    recoded = [replace(o, type="EVENT", key=mention_key(m.text, "EVENT")) for o in mentions
                               if o.key == m.key]
                    out += [o for o in recoded if o not in out]
                    replaced += [o for o in mentions if o.key == m.key]
                    m, coded = recoded[0], False
                out.append(Mention(start, end, text[start:end], m.type, m.key))
        elif m.type != "PERSON" and (named := marks.naming_verbs.match(text[m.end:m.end + 60])) is not None:
            start = m.end + named.end()
            other = starting.get(start)
            end = other.end if other is not None else start + len(_name_at(text[start:], marks))
            if end > start and (other is None or other.type == m.type or m.type in _UNMARKED_TYPES):
                out.append(Mention(start, end, text[start:end], m.type, m.key))
    operations = _described_operations(text, marks)
    replaced += [m for m in mentions if any(m.start < o.end and o.start < m.end for o in operations)]
    out += operations
    for g in out:
        replaced += [m for m in mentions if m.start < g.end and g.start < m.end and m.key != g.key]
    return out, replaced


def _described_operations(text: str, marks: _Markers) -> list[Mention]:
    """A name in brackets after "this operation" ("In this operation (Red Dawn), the rebels used
    ..."): the operation's own name, whatever the model took it for."""
    out = []
    for found in marks.operation_brackets.finditer(text):
        name = found.group(1).strip()
        if _a_name(name, marks):
            start = found.start(1) + found.group(1).index(name)
            out.append(Mention(start, start + len(name), name, "EVENT", mention_key(name, "EVENT")))
    return out


def _parts(text: str, start: int, end: int, marks: _Markers):
    """The names among the comma-separated parts of a bracket: (start, end, marked)."""
    for part in re.finditer(r"[^,;]+", text[start:end]):
        a, b = start + part.start(), start + part.end()
        marked = False
        while True:
            chunk = text[a:b].lstrip(" \t“\"‘'")
            a = b - len(chunk)
            label = re.match(r"([A-Z][a-z]+):[ \t]*", chunk)
            marker = next((mk for mk in marks.markers if chunk.lower().startswith(mk + " ")), None)
            if label and label.group(1) in marks.languages:
                a, marked = a + label.end(), True
            elif marker:
                a, marked = a + len(marker) + 1, True
            else:
                break
        b = a + len(text[a:b].rstrip(" \t”\"’'."))
        name = text[a:b]
        if b > a and (_foreign(name) or _a_name(name, marks)):
            yield a, b, marked


def _foreign(name: str) -> bool:
    """A name written in another script ("عملیات کمان")."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and not any(ch.isascii() for ch in letters)


def _a_name(name: str, marks: _Markers) -> bool:
    """Capitalised words (small linking words aside), not an acronym, a number or a date."""
    words = name.split()
    if not 1 <= len(words) <= 6 or re.fullmatch(r"[A-Z.]+|[\d\s,.–-]+", name):
        return False
    return all(_NAME_WORD.fullmatch(w) or w.lower() in marks.linkers for w in words) and bool(
        re.search(r"[a-z]", name))


def _name_at(text: str, marks: _Markers) -> str:
    """The capitalised words that open `text` ("Kaman strait after ..." -> "Kaman")."""
    words = []
    for w in text.split(" "):
        if not _NAME_WORD.fullmatch(w.rstrip(",.;:”\"")):
            break
        words.append(w.rstrip(",.;:”\""))
        if w != words[-1]:
            break
    return " ".join(words)


@cache
def _described() -> re.Pattern:
    kinds = "|".join(map(re.escape, load("entities.yaml")["organisation_kinds"]))
    not_a_people = r"(?!(?i:the|an?|its|their|his|her)\b)"
    return re.compile(rf"\b{not_a_people}([A-Z][\w’'-]+(?:[ \t]+[a-z][\w-]*)+?[ \t]+(?:{kinds}))[ \t]+$")


def descriptions(text: str, mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """(key, description) for an organisation's name right after a description that says what it is
    with a people's or a country's word ("the Syrian news agency SANA"): accounts that write the
    description as a name ("the official Syrian News Agency") name the same organisation."""
    out = []
    for m in mentions:
        if m.type == "ORG" and (found := _described().search(text, max(0, m.start - 60), m.start)):
            out.append((m.key, found.group(1)))
    return out


def with_glosses(entities: Sequence[Entity], glosses: Sequence[Mention],
                 described: Sequence[tuple[str, str]] = ()) -> list[Entity]:
    """The entities, each with the other names glosses (and `descriptions`) give it among its aliases."""
    extra: dict[str, set[str]] = {}
    for g in glosses:
        extra.setdefault(g.key, set()).add(g.text)
    for key, description in described:
        extra.setdefault(key, set()).add(description)
    return [replace(e, aliases=tuple(sorted(set(e.aliases) | extra[e.id]))) if e.id in extra else e
            for e in entities]
