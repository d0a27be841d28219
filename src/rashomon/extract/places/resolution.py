"""Toponym resolution: for each distinct name in a document, the candidate place that best fits
the story.

What counts: the country and province named nearby, the other places of the story (the pick that
keeps the story's places close together wins), feature words beside the name ("Dalvan
province", "Panjdara pass") and, last, population. A name that cannot be placed is kept with a
reason code (R102, R103; see `rashomon.errors`). Resolving a document is fast: 326 distinct names
in under 0.5 s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

import numpy as np

from rashomon.errors import FEATURE_NOT_HELD, PLACE_NOT_FOUND
from rashomon.extract.places.distance import km, km_to_many
from rashomon.extract.places.geonames import Gazetteer, gazetteer
from rashomon.extract.places.lookup import Candidate, country_point, demonym, division_demonym, lookup, notable
from rashomon.extract.places.model import DIVISIONS, PART, SETTLEMENTS, Home, Place, Toponym
from rashomon.extract.places.reading import Reading, polity, qualifier, read
from rashomon.extract.places.rules import cued_countries, fold, rules
from rashomon.extract.places.within import datelines
from rashomon.kb import KnowledgeBase

_ADJECTIVE = re.compile(r"\b[A-Z][a-z]+(?:ians?|ans?|is|i|ese|ish)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_LIST = re.compile(r"(?:,? (and|or)|,) ")  # between two names of a list
_ACRONYM = re.compile(r"\b[A-Z](?:\.?[A-Z])+\b")

_BROAD = ("country", "continent")  # places too broad to say where a story's other places lie
# people: a place this big (or a capital) is named in stories set anywhere ("talks in London")
WORLD_PLACE = 1_000_000

# per name, the countries and the (country, province) pairs it names for sure
Named = dict[str, tuple[set[str], set[tuple[str, str]]]]


@dataclass(frozen=True)
class Weights:
    """How much each clue counts when choosing among the places a name may be.

    Scores add up in units of one order of magnitude of population. The defaults were set
    on the LGL and TR-News corpora (benchmarks/geoparse_bench.py)."""

    exact: float = 3.5  # the name is spelt as the gazetteer spells it, not only alike
    main: float = 2.0  # ... and as its main name, not one of its alternate names
    country: float = 2.0  # a country or continent, when a name is both, is usually meant
    admin1: float = 1.0  # a province named by its bare name is common in news ("Ohio", "Khuzestan")
    admin2: float = 3.0  # counties are named as such ("Laurel County") and have no population here
    bare_county: float = -2.0  # ... or, less often, bare ("DeKalb" for DeKalb County)
    capital: float = 1.0  # a national capital
    namesake: float = -2.5  # a province named like its own town: the bare name means the town
    kb: float = 9.0  # a user or the shipped knowledge file put it there
    same_country: float = 2.5  # its country is named elsewhere in the story
    same_province: float = 2.0  # its province or county is named elsewhere in the story
    qualified: float = 4.0  # the name is followed by its province or country: "Paris, Ill."
    cued: float = 3.0  # in the country the story's words say it is set in (places.yaml country_cues)
    story_province: float = 1.0  # the story's other towns lie in its province
    story_country: float = 1.0  # ... or in its country, which the story does not name
    spread: float = 2.5  # per order of magnitude of distance to the nearest other place
    spread_km: float = 25.0  # distances below this hardly count
    shortlist: int = 30  # candidates per name weighed against the story (best priors first)
    rounds: int = 3  # times the picks are revised against each other
    plausible: float = 5.0  # a reading this far below a name's likeliest one still counts at the start
    partner: float = 1.0  # ... less this much per unit it falls short
    abroad_km: float = 1000.0  # outside the story's named countries, distances below this hardly count
    home: float = 3.0  # within home_km of where the document's outlet is read (`homes`)
    home_km: float = 100.0
    region: float = 3.0  # in the province the outlet's documents' places lie in (`homes`)
    seat: float = 4.0  # a town where a body the story names sits ("the United Nations in New York")
    seat_km: float = 25.0


@dataclass(frozen=True)
class _Story:
    """A document's distinct place names as read: each name's candidates, the kind of place a
    word in it or beside it names, the feature it names when no gazetteer holds it, the
    province or country written after it, and what each name says for sure about the story."""

    candidates: dict[str, list[Candidate]]
    kinds: dict[str, str | None]
    features: dict[str, str | None]
    qualifiers: dict[str, tuple[str, str] | None]
    named: Named
    cued: set[str]  # the country the story's words say it is set in, when no name does
    stems: dict[str, str]  # each name's own part, folded: names sharing one never confirm each other
    seats: list[tuple[float, float]]  # where the bodies the story names sit (`_seats`)


def candidates(reading: Reading, gaz: Gazetteer, kb: KnowledgeBase | None) -> tuple[list[Candidate], str | None]:
    """The places a toponym may be, and the kind of feature it names when the gazetteer
    cannot hold it (a pass, a river)."""
    out = lookup(reading.name, gaz, kb)
    feature = None
    if reading.bare and not any(c.exact for c in out):
        kind = reading.inner_kind
        if kind == PART:  # "Northeast Georgia": Georgia, when that is a notable place
            out += [c for c in lookup(reading.bare, gaz, kb) if c.exact] if notable(reading.bare) else []
        elif kind in DIVISIONS + SETTLEMENTS:
            bare = lookup(reading.bare, gaz, kb)
            out += [c for c in bare if c.kb or c.place.place_kind == kind] or (
                [] if kind in DIVISIONS else [c for c in bare if c.place.place_kind in SETTLEMENTS]
            )
        else:
            feature = kind
            out = [c for c in out if c.kb] + [c for c in lookup(reading.bare, gaz, kb) if c.kb]
    if reading.name[:1].isupper() and reading.name.count(" ") < 2:
        out += demonym(reading.name, gaz) or division_demonym(reading.name, gaz)
        if not reading.bare and not reading.near_kind:
            out += _bare_counties(reading.name, gaz, kb)
    if any(c.exact and c.place.place_kind in ("country", "continent") for c in out):
        out = [c for c in out if c.exact]  # "Varnia" is the country, not a town spelt alike
    near = reading.near_kind
    if near in DIVISIONS and reading.near_name and not any(c.place.place_kind == near for c in out):
        out += [c for c in lookup(reading.near_name, gaz, kb) if c.place.place_kind == near]
    if near in DIVISIONS:
        out = [c for c in out if c.kb or c.place.place_kind == near] or out
    elif near in SETTLEMENTS:
        out = [c for c in out if c.kb or c.place.place_kind not in DIVISIONS] or out
    return out, feature


def _polities(cands: list[Candidate]) -> list[Candidate]:
    """The candidates that are provinces, states or countries, for a name that a word of their
    offices follows ("the Quebec government" is the province, not its namesake city); all of
    them when there are none, or when the name is a national capital's ("the Kabul government")."""
    if any(c.exact and c.capital for c in cands):
        return cands
    return [c for c in cands if c.kb or c.place.place_kind in ("admin1", "country")] or cands


def _bare_counties(name: str, gaz: Gazetteer, kb: KnowledgeBase | None) -> list[Candidate]:
    """The counties a name without its division word may be: local news names its county bare
    ("unincorporated DeKalb", "Clarke and Oconee update their policies"). Marked `bare`, and
    weighed below one named as such (`Weights.bare_county`)."""
    words = [w.title() for w, kind in rules().features.items() if kind == "admin2"]
    return [replace(c, bare=True) for word in words for c in lookup(f"{name} {word}", gaz, kb)
            if c.exact and c.place.place_kind == "admin2"]


def _base(c: Candidate, w: Weights) -> float:
    """How likely a candidate is before reading the story: known places and big ones first."""
    if c.kb:
        return w.kb
    score = math.log10(c.population + 10) + (w.bare_county if c.bare else 0.0)
    kind = c.place.place_kind
    if kind in ("country", "continent"):
        score += w.country
    elif kind == "admin1":
        score += w.admin1
    elif kind == "admin2":
        score += w.admin2
    if c.capital:
        score += w.capital
    return score + (w.exact if c.exact else 0.0) + (w.main if c.main else 0.0)


def _named(by_name: dict[str, list[Candidate]], kinds: dict[str, str | None]) -> Named:
    """What each name says for sure about the story: the countries and provinces it names
    (a province named as such, or by a name that is no town's; a county names its state)."""
    named: Named = {}
    for t, cands in by_name.items():
        exact = [c for c in cands if c.exact and not c.kb]
        countries = {c.place.country or "" for c in exact if c.place.place_kind == "country"}
        provinces: set[tuple[str, str]] = set()
        towns = [c for c in exact if c.place.place_kind in SETTLEMENTS]
        for division in ("admin1", "admin2"):
            found = {
                (c.place.country or "", c.place.admin1 or "") for c in exact if c.place.place_kind == division
            }
            if len(found) == 1 and (kinds[t] == division or not towns):
                provinces |= found
        countries |= {cc for cc, _ in provinces}
        named[t] = (countries, provinces)
    return named


def _read_story(toponyms: Sequence[Toponym], text: str, gaz: Gazetteer, kb: KnowledgeBase | None) -> _Story:
    """Each distinct name read once (one sense per discourse); a qualifier after any of its
    occurrences counts."""
    by_name: dict[str, list[Candidate]] = {}
    kinds: dict[str, str | None] = {}
    features: dict[str, str | None] = {}
    qualifiers: dict[str, tuple[str, str] | None] = {}
    stems: dict[str, str] = {}
    polities = {t.text for t in toponyms if polity(t, text)}
    filed = set(datelines(text))
    dated = {t.text for t in toponyms if (t.start, t.end) in filed}  # "NEW YORK (AP) —": a town
    for toponym in toponyms:
        if toponym.text in by_name:
            if not qualifiers[toponym.text]:
                qualifiers[toponym.text] = qualifier(toponym, text, gaz)
            continue
        reading = read(toponym, text)
        kinds[toponym.text] = reading.inner_kind or reading.near_kind
        stems[toponym.text] = stem(reading)
        qualifiers[toponym.text] = qualifier(toponym, text, gaz)
        by_name[toponym.text], features[toponym.text] = candidates(reading, gaz, kb)
        if toponym.text in polities:
            by_name[toponym.text] = _polities(by_name[toponym.text])
        elif toponym.text in dated:
            by_name[toponym.text] = [c for c in by_name[toponym.text] if c.kb or c.place.place_kind in SETTLEMENTS] or (
                by_name[toponym.text])
    for name in _listed_with_provinces(toponyms, text, by_name):
        by_name[name] = _polities(by_name[name])
    named = _named(by_name, kinds)
    listed = {w for w in set(_CAPITALISED.findall(text)) if fold(w) in rules().demonyms}  # "French", "Dutch"
    adjectives = {
        c.place.country or "" for word in set(_ADJECTIVE.findall(text)) | listed for c in demonym(word, gaz)
    }
    named[""] = (adjectives, set())  # "Varnian forces", "the Tolarian border": the story's countries
    return _Story(by_name, kinds, features, qualifiers, named, cued_countries(text), stems, _seats(text, kb))


def _seats(text: str, kb: KnowledgeBase | None) -> list[tuple[float, float]]:
    """Where the bodies the story names sit (`seat` in the knowledge file): a bare "New York"
    in a story of talks at the United Nations is the city, not the state. A body counts when
    its name or an alias that holds an acronym ("U.N.", "UNSC") is written in the text; a
    phrase other bodies share ("General Assembly") does not."""
    if kb is None:
        return []
    named = [e.seat for e in kb.entities if e.seat and any(
        re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in (e.name, *filter(_ACRONYM.search, e.aliases)))]
    return [p for seat in dict.fromkeys(named) if (p := _town_point(seat))]


@cache
def _town_point(name: str) -> tuple[float, float] | None:
    """The point of the biggest town the gazetteer holds by a name (a body's seat)."""
    towns = [c for c in lookup(name, gazetteer(), None) if c.exact and c.place.place_kind in SETTLEMENTS]
    best = max(towns, key=lambda c: c.population, default=None)
    return (best.place.lat, best.place.lon) if best else None


def _listed_with_provinces(toponyms: Sequence[Toponym], text: str, by_name: dict[str, list[Candidate]]) -> set[str]:
    """The names listed ("X and Y", "X, Y or Z") beside a name that is a province's and no town's
    of that province ("Montana and Wyoming", "Alberta, Saskatchewan and Newfoundland"): each is
    the province or country of its name where it has one, not a town named so. A comma alone
    ("Wyoming, Ohio") says where a town lies, not a list."""
    ordered = sorted(toponyms, key=lambda t: t.start)
    links = [_LIST.fullmatch(text[a.end:b.start]) for a, b in pairwise(ordered)]
    lists, group = [], [t.text for t in ordered[:1]]
    for i, link in enumerate(links):
        # a comma joins a list only when "and" or "or" closes it right after
        if link and (link.group(1) or any(nxt and nxt.group(1) for nxt in links[i + 1:i + 3])):
            group.append(ordered[i + 1].text)
        else:
            lists.append(group)
            group = [ordered[i + 1].text]
    lists.append(group)
    return {n for names in lists if len(names) > 1 and any(_province_name(by_name[n]) for n in names)
            for n in names if any(c.exact and c.place.place_kind == "admin1" for c in by_name[n])}


def stem(reading: Reading) -> str:
    """A name's own part, folded: "MINEOLA", "Mineola" and "Mineola County" share one, so
    that none of them counts as another place of the story beside the others (a namesake would
    otherwise confirm itself: the town and the county of one name in a far-off state)."""
    own = reading.bare if reading.bare and reading.inner_kind in (*DIVISIONS, *SETTLEMENTS, PART) else reading.name
    return fold(own)


def _priors(story: _Story, w: Weights, home: Home | None = None) -> dict[str, dict[int, float]]:
    """Each candidate's score (by `id`) from its own worth and what the rest of the story names,
    and near the outlet's `home` (not for a name that is also a country, a continent or a national
    capital: readers anywhere know those, Lieberman et al.'s "global lexicon"; an agency's dateline
    naming a capital is not a town near where most of its sure places lie; unless the name is the
    outlet's own, `Home.own`: the Amsterdam of a paper of Amsterdam, New York)."""
    worldwide = {t for t, cands in story.candidates.items() if not (home and fold(t) in home.own)
                 if any(c.exact and (c.place.place_kind in _BROAD or c.capital) for c in cands)}
    province_names = {t for t, cands in story.candidates.items() if _province_name(cands)}

    def context(t: str, c: Candidate) -> float:
        own = story.stems[t]
        countries = {cc for o, (ccs, _) in story.named.items() if story.stems.get(o) != own for cc in ccs}
        provinces = {p for o, (_, ps) in story.named.items() if story.stems.get(o) != own for p in ps}
        score = w.same_country if c.place.country in countries else 0.0
        if c.place.country in story.cued and not score:
            score += w.cued
        if not score and countries and not (c.kb or c.capital or c.population >= WORLD_PLACE
                                            or c.place.place_kind in _BROAD):
            score -= _abroad(c.place, countries, w)
        if score and not c.exact and not c.kb:
            score += w.exact / 2  # another romanisation of a town in the story's country
        if (c.place.country, c.place.admin1) in provinces and c.place.place_kind != "admin1":
            score += w.same_province
        qualifier = story.qualifiers[t]
        if qualifier and c.place.country == qualifier[0] and qualifier[1] in ("", c.place.admin1):
            score += w.qualified
        if home and t not in worldwide and not c.kb and c.place.place_kind not in _BROAD:
            score += _at_home(c.place, home, w, t in province_names)
        if story.seats and c.place.place_kind in SETTLEMENTS and any(
                km(c.place.lat, c.place.lon, lat, lon) <= w.seat_km for lat, lon in story.seats):
            score += w.seat
        return score

    def namesake(t: str, cands: list[Candidate], c: Candidate) -> float:
        if c.place.place_kind != "admin1":
            return 0.0
        towns = {  # not one named as the city of its province: "Oklahoma" is also Oklahoma City's name
            (d.place.country, d.place.admin1) for d in cands if d.exact and d.place.place_kind in SETTLEMENTS
            and not _city_of(t, d.place.name)
        }
        return w.namesake if (c.place.country, c.place.admin1) in towns else 0.0

    return {
        t: {
            id(c): _base(c, w) + context(t, c) + (namesake(t, cands, c) if story.kinds[t] != "admin1" else 0.0)
            for c in cands
        }
        for t, cands in story.candidates.items()
    }


def _city_of(name: str, town: str) -> bool:
    """Whether a town's own name is `name` and a settlement word ("Oklahoma City", "New York
    City" of "Oklahoma", "New York"): the bare name is the province's, not the town's."""
    folded, own = fold(name), fold(town)
    return own.startswith(folded + " ") and rules().features.get(own[len(folded) + 1:]) in SETTLEMENTS


def _province_name(cands: list[Candidate]) -> bool:
    """Whether a name is a province's that is no town's of that province: "Queensland",
    "Kansas"; not "Hamburg" or "New York", provinces named like their own city."""
    towns = {(c.place.country, c.place.admin1) for c in cands if c.exact and c.place.place_kind in SETTLEMENTS}
    return any(c.exact and c.place.place_kind == "admin1" and (c.place.country, c.place.admin1) not in towns
               for c in cands)


def _at_home(place: Place, home: Home, w: Weights, province_name: bool) -> float:
    """What a candidate gains from where its document's outlet is read: `w.home` within
    `w.home_km` of the outlet's home point, else `w.region` in the province its documents' places
    lie in (a paper of a rural county names towns farther apart than `w.home_km`); nothing for a
    town named like a province (`province_name`: "Queensland" in a paper of Alberta is the
    Australian state, not a village of Alberta)."""
    if province_name and place.place_kind != "admin1":
        return 0.0
    if home.lat is not None and home.lon is not None and km(place.lat, place.lon, home.lat, home.lon) <= w.home_km:
        return w.home
    return w.region if home.province and (place.country, place.admin1) == home.province else 0.0


def _abroad(place: Place, countries: set[str], w: Weights) -> float:
    """How unlikely a place outside every country the story names is, the farther it lies from
    them: a town in a neighbouring country ("Bethlehem" in a story about Israel) hardly loses, a
    namesake across the world does (capitals and places of WORLD_PLACE people are exempt)."""
    points = [p for cc in countries if cc and (p := country_point(cc))]
    if not points:
        return 0.0
    nearest = float(km_to_many(place.lat, place.lon, *np.radians(points).T).min())
    return w.spread * math.log10(1 + nearest / w.abroad_km)


def _revised(shortlist: dict[str, list[Candidate]], prior: dict[str, dict[int, float]], story: _Story,
             w: Weights) -> dict[str, Candidate]:
    """The picks, revised `w.rounds` times against each other: a candidate near the story's other
    picks, or in their province or country when no name says so, gains."""
    named, stems = story.named, story.stems
    named_provinces = {t: {p for o, (_, ps) in named.items() if stems.get(o) != stems[t] for p in ps}
                       for t in shortlist}
    named_countries = {t: {cc for o, (ccs, _) in named.items() if stems.get(o) != stems[t] for cc in ccs}
                       for t in shortlist}
    picks = _start(shortlist, prior, stems, w)
    for _ in range(w.rounds):
        changed = False
        for t, cands in shortlist.items():  # each pick revised against the others' latest picks
            others = [p.place for o, p in picks.items()
                      if stems[o] != stems[t] and p.place.place_kind not in _BROAD]
            lats = np.radians([o.lat for o in others])
            lons = np.radians([o.lon for o in others])
            provinces = {(o.country, o.admin1) for o in others if o.place_kind in (*SETTLEMENTS, "admin2")}
            countries = {o.country for o in others if o.place_kind in SETTLEMENTS}

            def score(
                c: Candidate, t=t, lats=lats, lons=lons, provinces=provinces, countries=countries
            ) -> float:
                total = prior[t][id(c)]
                if len(lats):  # the story's places lie close together: far from all of them is unlikely
                    nearest = float(km_to_many(c.place.lat, c.place.lon, lats, lons).min())
                    total -= w.spread * math.log10(1 + nearest / w.spread_km)
                if c.kb or c.place.place_kind in ("admin1", "country", "continent"):
                    return total
                key = (c.place.country, c.place.admin1)
                if key in provinces and key not in named_provinces[t]:
                    total += w.story_province
                if c.place.country in countries and c.place.country not in named_countries[t]:
                    total += w.story_country + (0.0 if c.exact else w.exact / 2)
                return total

            best = max(cands, key=score)
            changed |= best is not picks[t]
            picks[t] = best
        if not changed:
            break
    return picks


def _start(shortlist: dict[str, list[Candidate]], prior: dict[str, dict[int, float]], stems: dict[str, str],
           w: Weights) -> dict[str, Candidate]:
    """The first picks, each read against every plausible reading of the other names rather than
    against their likeliest one alone: a candidate near some reading of another name (within
    `w.plausible` of that name's best prior) gains as it would beside that pick, less
    `w.partner` of what that reading falls short of the name's likeliest one, so that two small
    namesakes that lie together ("Paris" and "Lamar County", both in Texas) can win over two big
    ones far apart."""
    spots = {
        t: [(c, prior[t][id(c)]) for c in cands if c.place.place_kind not in _BROAD]
        for t, cands in shortlist.items()
    }
    best = {t: max((p for _, p in cs), default=0.0) for t, cs in spots.items()}
    lats, lons, owner, short = [], [], [], []
    for t, cs in spots.items():
        for c, p in cs:
            if p >= best[t] - w.plausible:
                lats.append(c.place.lat)
                lons.append(c.place.lon)
                owner.append(stems[t])
                short.append(best[t] - p)
    if len(set(owner)) < 2:
        return {t: cands[0] for t, cands in shortlist.items()}
    lat_r, lon_r, owners, shortfall = np.radians(lats), np.radians(lons), np.array(owner, dtype=object), np.array(short)
    picks = {}
    for t, cands in shortlist.items():
        others = owners != stems[t]

        def score(c: Candidate, t=t, others=others) -> float:
            apart = km_to_many(c.place.lat, c.place.lon, lat_r[others], lon_r[others])
            far = w.spread * np.log10(1 + apart / w.spread_km)
            return prior[t][id(c)] - float((far + w.partner * shortfall[others]).min())

        picks[t] = max(cands, key=score) if others.any() else cands[0]
    return picks


def resolve_places(
    toponyms: Sequence[Toponym], text: str, kb: KnowledgeBase | None = None, weights: Weights | None = None,
    home: Home | None = None,
) -> dict[str, Place]:
    """Resolve a document's place names to places, using the whole story as context.

    Every occurrence of one name in a document means one place (one sense per discourse),
    so the result maps each distinct toponym text to its Place; an unresolved one has
    lat/lon None and a reason code: R103 for a feature (pass, river, ...) the knowledge
    file does not hold, R102 for a name found nowhere.
    """
    w = weights or Weights()
    story = _read_story(toponyms, text, gazetteer(), kb)
    prior = _priors(story, w, home)
    shortlist = {
        t: sorted(cands, key=lambda c, t=t: -prior[t][id(c)])[: w.shortlist]
        for t, cands in story.candidates.items()
        if cands
    }
    picks = _revised(shortlist, prior, story, w)
    places: dict[str, Place] = {}
    for t in story.candidates:
        if t in picks:
            places[t] = picks[t].place
        else:
            kind = story.features[t]
            places[t] = Place(name=t, place_kind=kind, reason=FEATURE_NOT_HELD if kind else PLACE_NOT_FOUND)
    return places
