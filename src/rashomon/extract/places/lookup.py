"""Looking names up: the places a name may be, in the gazetteer and the knowledge file, the
countries an adjective names, and whether a name is one rarely meant otherwise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.extract.places.geonames import Gazetteer, gazetteer
from rashomon.extract.places.model import SETTLEMENTS, Place
from rashomon.extract.places.rules import fold, rules
from rashomon.kb import KbEntity, KnowledgeBase

NOTABLE_TOWN = 5_000  # people: a town this big is rarely a name meant otherwise
BIG_TOWN = 100_000  # people: a town this big is meant even by a name that is also an English word
# a name shorter than this is only matched as spelt (with its case and accents ignored)
MIN_SIMILAR_LETTERS = 4
# people in a town for its initials to name it ("NYC", "LA"); a smaller town's initials among its
# alternate names are mostly its airport's code ("ANC" for Anchorage), and name an acronym's group
CITY_BY_INITIALS = 1_000_000
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{2,5}")


@dataclass
class Candidate:
    """A place a name may be, with what counts for it before the story is read."""

    place: Place
    population: int
    exact: bool  # spelt as the gazetteer spells it (ignoring case and accents), not only alike
    kb: bool  # from the knowledge file
    capital: bool = False
    main: bool = False  # spelt as its main name, not one of its alternate names
    bare: bool = False  # a county named without its division word ("DeKalb")


def notable(name: str, population: int | None = NOTABLE_TOWN, *, as_named: bool = False) -> bool:
    """Whether the gazetteer holds `name` as a country, a division or a town of `population` or
    more (None: no town counts): a name rarely meant otherwise, whatever the tagger took it for.
    `as_named`: a town counts only by its own name, not by one of its alternate names (Nice is
    also "Liberation", Adelaide "ADL")."""
    gaz = gazetteer()
    kinds, pops, names = gaz.columns["kind"], gaz.columns["pop"], gaz.columns["name"]
    folded = fold(name)
    return any(kinds[r] not in SETTLEMENTS or (population is not None and pops[r] >= population
                                               and (not as_named or fold(names[r]) == folded))
               for r in gaz.by_exact.get(folded, ()))


def town_named(name: str) -> bool:
    """Whether the gazetteer holds a town by this very name, as its own ("New York City", "Kansas
    City"; not "Dublin City", the county of Dublin, nor "Springfield City", another name of a town
    called Springfield)."""
    gaz, folded = gazetteer(), fold(name)
    return any(gaz.columns["kind"][r] in SETTLEMENTS and fold(gaz.columns["name"][r]) == folded
               for r in gaz.by_exact.get(folded, ()))


def held(name: str) -> bool:
    """Whether the gazetteer holds a place by this very name (not only as an alternate name),
    its abbreviated words written out or not ("St. Jacob" is "Saint Jacob")."""
    gaz, folded = gazetteer(), fold(name)
    return any(_spelt_out(fold(gaz.columns["name"][r])) == _spelt_out(folded) for rows in gaz.find(name) for r in rows)


def _spelt_out(folded: str) -> str:
    """A folded name with the abbreviations of `name_abbreviations` written out, without the
    apostrophe a transliterated soft sign leaves ("Tver'", "Perm'" are Tver, Perm)."""
    words = rules().name_abbreviations
    return " ".join(words.get(w, w) for w in re.sub(r"['ʹ’]+(?=\s|$)", "", folded).split())


def namesake_town(name: str, country: str) -> Place | None:
    """The biggest town of a country spelt as `name` (a province's namesake capital), or None."""
    gaz, folded = gazetteer(), fold(name)
    rows = [r for r in gaz.by_exact.get(folded, ()) if gaz.columns["kind"][r] in SETTLEMENTS
            and gaz.columns["cc"][r] == country and fold(gaz.columns["name"][r]) == folded]
    return gaz.place(max(rows, key=lambda r: gaz.columns["pop"][r])) if rows else None


def country_point(country: str) -> tuple[float, float] | None:
    """A country's point on the map, by its ISO code."""
    gaz = gazetteer()
    row = gaz.country_rows.get(country)
    return (gaz.columns["lat"][row], gaz.columns["lon"][row]) if row is not None else None


def big_place(name: str) -> bool:
    """A country or a town of BIG_TOWN people or more by that name."""
    gaz = gazetteer()
    kinds, pops = gaz.columns["kind"], gaz.columns["pop"]
    return any(kinds[r] == "country" or (kinds[r] in SETTLEMENTS and pops[r] >= BIG_TOWN)
               for r in gaz.by_exact.get(fold(name), ()))


def lookup(name: str, gaz: Gazetteer, kb: KnowledgeBase | None) -> list[Candidate]:
    """The places of the knowledge file named `name`, then the gazetteer's places spelt so, then
    (for a name long enough) its towns spelt alike."""
    out: list[Candidate] = []
    if kb is not None:
        for entity in kb.candidates(name):
            if entity.lat is not None and entity.lon is not None:
                out.append(Candidate(kb_place(entity), 0, True, True))
    exact, similar = gaz.find(name)
    folded = fold(name)
    if _ACRONYM.fullmatch(name):  # "ANC" is no alternate name (an airport's code) of Anchorage
        exact = {r for r in exact if gaz.columns["kind"][r] not in SETTLEMENTS
                 or fold(gaz.columns["name"][r]) == folded or gaz.columns["pop"][r] >= CITY_BY_INITIALS}
    similar = {r for r in similar if gaz.columns["kind"][r] in SETTLEMENTS}  # divisions go by English names
    if sum(ch.isalpha() for ch in name) < MIN_SIMILAR_LETTERS:
        similar = set()  # "U.S" is not "Us" or "Uzh": too short for spelling variants
    for rows, is_exact in ((exact, True), (similar, False)):
        for row in rows:
            out.append(
                Candidate(
                    gaz.place(row),
                    gaz.columns["pop"][row],
                    is_exact,
                    False,
                    gaz.columns["capital"][row],
                    is_exact and fold(gaz.columns["name"][row]) == folded,
                )
            )
    return out


def _stems(name: str) -> list[str]:
    """The names an adjective may be made from: "Russians" -> "russia", "russ", ..."""
    known = rules()
    folded = fold(name)
    stems = [known.demonyms[folded]] if folded in known.demonyms else []
    for ending, replacement in known.demonym_endings:
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            stems.append(folded[: -len(ending)] + replacement)
    return stems


def division_demonym(name: str, gaz: Gazetteer) -> list[Candidate]:
    """The first-level division or continent an adjective names when it names no country:
    "Nebraskans" -> Nebraska, "Albertan" -> Alberta, "Africans" -> Africa (the division by its own
    name only, not one of its alternate names)."""
    if demonym(name, gaz) or fold(name) in rules().era_adjectives:
        return []
    for stem in _stems(name):
        rows = [r for r in gaz.by_exact.get(stem, ()) if gaz.columns["kind"][r] in ("admin1", "continent")
                and fold(gaz.columns["name"][r]) == stem]
        if rows:
            return [Candidate(gaz.place(r), gaz.columns["pop"][r], True, False, False, True) for r in rows]
    return []


def demonym(name: str, gaz: Gazetteer) -> list[Candidate]:
    """Countries an adjective names: "Tolarian" -> Tolaria, "Russians" -> Russia."""
    for stem in _stems(name):
        if stem.isupper():  # an ISO code from the demonyms table
            rows = [gaz.country_rows[stem]] if stem in gaz.country_rows else []
        else:
            rows = [r for r in gaz.by_exact.get(fold(stem), ()) if gaz.columns["kind"][r] == "country"]
        if rows:
            return [Candidate(gaz.place(r), gaz.columns["pop"][r], True, False, False, True) for r in rows]
    return []


def kb_place(entity: KbEntity) -> Place:
    """A knowledge-file entry as a place."""
    return Place(
        name=entity.name,
        lat=entity.lat,
        lon=entity.lon,
        place_kind=entity.place_kind,
        country=entity.country,
        kb_id=entity.kb_id,
    )
