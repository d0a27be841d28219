"""How a toponym reads in its text: a feature word inside it or beside it ("Tarvand River", "the
town of Kelend"), a part of a place ("Northeast Georgia"), the province or country written
after it ("Paris, Ill.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.extract.places.geonames import Gazetteer, gazetteer
from rashomon.extract.places.lookup import NOTABLE_TOWN
from rashomon.extract.places.model import DIVISIONS, PART, SETTLEMENTS, Toponym
from rashomon.extract.places.rules import fold, rules

_FEATURE_AFTER = re.compile(r"^[ \t]+([A-Za-z]+)\b")
# the rest of a list of names and the feature word they share: ", Jasper and Tyler counties"
_LIST_AFTER = re.compile(
    r"^(?:(?:,|,?[ \t]+(?:and|or|&))[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}){1,6},?[ \t]+([a-z]+)\b"
)
_FEATURE_BEFORE = re.compile(r"\b([A-Za-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")
# a word of a division's or a country's offices after a name, a title-case word or two between:
# "Ohio Gov.", "Nova Scotia Health Minister", "the Quebec government"
_OFFICE_AFTER = re.compile(r"^(?:'s)?[ \t]+(?:[A-Z][a-z]+[ \t]+){0,2}([A-Za-z]+\.?)")
# the division or country written after a town ("Paris, Ill."), or said to hold it ("Zirak, a
# village in the Kandahar province of Afghanistan", "Zirak is located in Afghanistan", "near
# Zirak in Kandahar Province")
_QUALIFIER = re.compile(
    r"^(?:,[ \t]+(?:(?:an?|the)[ \t]+(?:[a-z]+[ \t]+){1,3}?in[ \t]+(?:the[ \t]+)?)?"
    r"|[ \t]+(?:(?:is|was|lies|lay)[ \t]+)?(?:located[ \t]+|situated[ \t]+)?in[ \t]+(?:the[ \t]+)?)"
    r"([A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})")


@dataclass(frozen=True)
class Reading:
    """How a toponym reads: its name, the name without a feature word in it ("Tarvand" of
    "Tarvand River") and the kind that word names, and the kind a word beside it names, and the
    name that word completes ("Love" in "Hardin, Jasper and Tyler counties": "Tyler County")."""

    name: str
    bare: str | None
    inner_kind: str | None
    near_kind: str | None
    near_name: str | None = None  # the name with the feature word beside it: "Tyler County"


def feature_name(name: str) -> tuple[str, str] | None:
    """A feature's name split into its own part and the kind of spot its feature word names:
    "Panjdara pass" and "Panj Dara Gorge" -> ("Panjdara", "pass"), ("Panj Dara",
    "pass") (kinds of one `one_spot` group share its first kind). None for a name without a
    feature word, and for divisions and settlements ("Dalvan province" is not its city)."""
    found = _feature_split(name.split())
    if found is None or found[1] in DIVISIONS + SETTLEMENTS:
        return None
    return found[0], rules().one_spot.get(found[1], found[1])


def _feature_split(words: list[str]) -> tuple[str, str] | None:
    """A name without the feature word that closes or opens it, and the kind that word names:
    "Tarvand River" -> ("Tarvand", "river"), "Mount Sinai" -> ("Sinai", "mountain"); a division or
    a town named with "of" ("Province of Ontario", "City of Lansing") -> ("Ontario", "admin1")."""
    known = rules()
    if len(words) > 1 and words[-1].lower() in known.features:
        return " ".join(words[:-1]), known.features[words[-1].lower()]
    kind = known.features.get(words[0].lower())
    if len(words) > 2 and words[1] == "of" and kind in DIVISIONS + SETTLEMENTS:
        return " ".join(words[2:]), kind
    if len(words) > 1 and words[0].lower() in known.opening_features:
        return " ".join(words[1:]), known.features[words[0].lower()]
    return None


def read(toponym: Toponym, text: str) -> Reading:
    """How `toponym` reads in `text` (the document's)."""
    known = rules()
    words = toponym.text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    name, bare, inner = " ".join(words), None, None
    if text[toponym.end : toponym.end + 1] == "." and gazetteer().by_exact.get(fold(name + ".")):
        name += "."  # the tagger left the full stop of "Alta." or "Sask." out of the name
    if split := _feature_split(words):
        bare, inner = split
    elif len(words) > 1 and words[0].lower() in known.parts:
        rest = words[1:]
        while len(rest) > 1 and rest[0].lower() in known.parts:
            rest = rest[1:]  # "Far North Queensland"
        bare, inner = " ".join(rest), PART
    near, near_word = None, None
    after = _FEATURE_AFTER.match(text[toponym.end : toponym.end + 30])
    listed = _LIST_AFTER.match(text[toponym.end : toponym.end + 160])
    before = _FEATURE_BEFORE.search(text[max(0, toponym.start - 30) : toponym.start])
    for match in (after, listed):  # "Love counties", "Hardin, Jasper and Tyler counties"
        word = match.group(1).lower() if match else ""
        near_word = known.plurals.get(word, word if match is after else "")
        if near_word in known.features:
            near = known.features[near_word]
            break
    else:
        near_word = None
        if before and before.group(1).lower() in known.before_of:
            near = known.features.get(before.group(1).lower())
    near_name = f"{name} {near_word.title()}" if near_word else None
    return Reading(name, bare, inner, near, near_name)


def polity(toponym: Toponym, text: str) -> bool:
    """Whether a word of the offices of a division or a country (`polity_words`) stands right
    after a name or before "of" it ("Ohio Gov. Jo Doe", "the Government of Tasmania"): the name is
    the province, the state or the country, not a town of that name."""
    words = rules().polity_words
    after = _OFFICE_AFTER.match(text[toponym.end : toponym.end + 40])
    before = _FEATURE_BEFORE.search(text[max(0, toponym.start - 30) : toponym.start])
    said = [after.group(1).lower()] if after else []  # "Gov.", or "government." ending a sentence
    said += [w.rstrip(".") for w in said] + ([before.group(1).lower()] if before else [])
    return any(w in words for w in said)


def owner_before(text: str, start: int) -> bool:
    """Whether the words right before `start` are a name's possessive ("Toronto's ", "Paris' ")."""
    return bool(re.search(r"[A-Z][\w.-]*(?:'s|’s|'|’) $", text[max(0, start - 40):start]))


def qualifier(toponym: Toponym, text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The province or country written right after a town, or said to hold it: "Paris, Ill.",
    "Morvan, Varnia", "Zirak, a village in Kandahar Province", "Zirak is located in Afghanistan" ->
    ("US", "IL"), ("IR", ""), ("AF", "23"), ("AF", ""). None when those words name neither."""
    match = _QUALIFIER.match(text[toponym.end : toponym.end + 60])
    return _division(match.group(1).split(), gaz) if match else None


def container(toponym: Toponym, text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The province or country that the text says holds a place, in so many words ("Zirak, a
    village in Kandahar Province", "Zirak is located in Afghanistan"), or by a comma after it
    when what follows ends there and is no town's name ("Holliday, Mo. -", "Orient, Ohio." but
    not a list: "Dalvan, Korsk and Morvan"): no namesake elsewhere is meant."""
    match = _QUALIFIER.match(text[toponym.end : toponym.end + 60])
    if not match:
        return None
    if not re.fullmatch(r",[ \t]+", text[toponym.end : toponym.end + match.start(1)]):
        return _division(match.group(1).split(), gaz)
    written = _written_division(text[toponym.end + match.start(1) : toponym.end + 60], gaz)
    return _division(written.split(), gaz) if written else None


def _written_division(after: str, gaz: Gazetteer) -> str | None:
    """The province or state written after a town and a comma, when it ends a clause (a comma,
    a full stop, a dash or a bracket after it, not "and") and the gazetteer holds no town of
    NOTABLE_TOWN people by that very name ("Mo.", "Missouri"; not "Korsk")."""
    found = re.match(r"([A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2}?)(?=[ \t]*(?:[,;:)(\n—–]|--|-[ \t]|\.?$|\.[ \t]))",
                     after)
    if not found:
        return None
    name, columns = found.group(1), gaz.columns
    rows = gaz.by_exact.get(fold(name), ()) or gaz.by_exact.get(fold(name.rstrip(".")), ())
    if any(columns["kind"][r] in SETTLEMENTS and columns["pop"][r] >= NOTABLE_TOWN
           and fold(columns["name"][r]) == fold(name) for r in rows):  # "Missouri" is also Bozeman's
        return None
    return name if any(columns["kind"][r] == "admin1" for r in rows) else None


def _division(words: list[str], gaz: Gazetteer) -> tuple[str, str] | None:
    """The one province or country the longest run of the words opening a phrase names, by
    itself or with its feature word ("the Kandahar Province": Kandahar), or before the full stop
    that ends a sentence ("in Afghanistan.", but "Ill." is Illinois)."""
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        split = _feature_split(words[:size])
        rows = gaz.by_exact.get(fold(name), ()) or gaz.by_exact.get(fold(name.rstrip(".")), ()) or (
            gaz.by_exact.get(fold(split[0]), ()) if split and split[1] == "admin1" else ())
        divisions = {
            (gaz.columns["cc"][r], gaz.columns["admin1"][r])
            for r in rows
            if gaz.columns["kind"][r] in ("admin1", "country")
        }
        if len(divisions) == 1:
            return divisions.pop()
    return None
