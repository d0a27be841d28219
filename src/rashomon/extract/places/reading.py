"""How a toponym reads in its text: a feature word inside it or beside it ("Ravand River", "the
town of Kerend"), a part of a place ("Northeast Georgia"), the province or country written
after it ("Paris, Ill.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.extract.places.geonames import Gazetteer, gazetteer
from rashomon.extract.places.model import DIVISIONS, PART, SETTLEMENTS, Toponym
from rashomon.extract.places.rules import fold, rules

_FEATURE_AFTER = re.compile(r"^[ \t]+([A-Za-z]+)\b")
# the rest of a list of names and the feature word they share: ", Jasper and Tyler counties"
_LIST_AFTER = re.compile(
    r"^(?:(?:,|,?[ \t]+(?:and|or|&))[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}){1,6},?[ \t]+([a-z]+)\b"
)
_FEATURE_BEFORE = re.compile(r"\b([A-Za-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")
# the division or country written after a town ("Paris, Ill."), or said to hold it ("Zirak, a
# village in the Kandahar province of Afghanistan", "Zirak is located in Afghanistan", "near
# Zirak in Kandahar Province")
_QUALIFIER = re.compile(
    r"^(?:,[ \t]+(?:(?:an?|the)[ \t]+(?:[a-z]+[ \t]+){1,3}?in[ \t]+(?:the[ \t]+)?)?"
    r"|[ \t]+(?:(?:is|was|lies|lay)[ \t]+)?(?:located[ \t]+|situated[ \t]+)?in[ \t]+(?:the[ \t]+)?)"
    r"([A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})")


@dataclass(frozen=True)
class Reading:
    """How a toponym reads: its name, the name without a feature word in it ("Ravand" of
    "Ravand River") and the kind that word names, and the kind a word beside it names, and the
    name that word completes ("Love" in "Hardin, Jasper and Tyler counties": "Tyler County")."""

    name: str
    bare: str | None
    inner_kind: str | None
    near_kind: str | None
    near_name: str | None = None  # the name with the feature word beside it: "Tyler County"


def feature_name(name: str) -> tuple[str, str] | None:
    """A feature's name split into its own part and the kind of spot its feature word names:
    "Chaharzebar pass" and "Chahar Zaber Gorge" -> ("Chaharzebar", "pass"), ("Chahar Zaber",
    "pass") (kinds of one `one_spot` group share its first kind). None for a name without a
    feature word, and for divisions and settlements ("Kermanshah province" is not its city)."""
    found = _feature_split(name.split())
    if found is None or found[1] in DIVISIONS + SETTLEMENTS:
        return None
    return found[0], rules().one_spot.get(found[1], found[1])


def _feature_split(words: list[str]) -> tuple[str, str] | None:
    """A name without the feature word that closes or opens it, and the kind that word names:
    "Ravand River" -> ("Ravand", "river"), "Mount Sinai" -> ("Sinai", "mountain"); a division or
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


def qualifier(toponym: Toponym, text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The province or country written right after a town, or said to hold it: "Paris, Ill.",
    "Tabriz, Iran", "Zirak, a village in Kandahar Province", "Zirak is located in Afghanistan" ->
    ("US", "IL"), ("IR", ""), ("AF", "23"), ("AF", ""). None when those words name neither."""
    match = _QUALIFIER.match(text[toponym.end : toponym.end + 60])
    return _division(match.group(1).split(), gaz) if match else None


def container(toponym: Toponym, text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The province or country that the text says holds a place, in so many words ("Zirak, a
    village in Kandahar Province", "Zirak is located in Afghanistan"), not only by a comma after
    it (a list: "Kermanshah, Tehran and Tabriz"): no namesake elsewhere is meant."""
    match = _QUALIFIER.match(text[toponym.end : toponym.end + 60])
    said = match and not re.fullmatch(r",[ \t]+", text[toponym.end : toponym.end + match.start(1)])
    return _division(match.group(1).split(), gaz) if said else None


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
