"""Read: files, folders and a sources manifest become `Source` records (text plus metadata).

Every input that cannot be used becomes a `Skip` naming the file and a stable reason code;
reading never raises for a bad file, so one bad input never stops a run.

Supported: .txt and .md (optional YAML front matter), .html/.htm (main text and metadata
through trafilatura), .json (an object or a list of objects) and .jsonl (one object per line)
whose records carry `text` and metadata fields, .pdf and .docx (their text layer, page by page:
ingest.paged). Folders are read recursively in name order.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

import charset_normalizer
import yaml

from rashomon.errors import (
    BINARY_FILE,
    EMPTY_FILE,
    INVALID_JSON,
    INVALID_MANIFEST_VALUE,
    MISSING_PATH,
    NO_MAIN_TEXT,
    REASONS,
    RECORD_WITHOUT_TEXT,
    TOO_LARGE,
    UNDECODABLE,
    UNMATCHED_MANIFEST_ENTRY,
    UNREADABLE_MANIFEST,
    UNREADABLE_PATH,
    UNSUPPORTED_TYPE,
)
from rashomon.ingest import paged
from rashomon.records import Skip, Source

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
PAGED_SUFFIXES = {".pdf", ".docx"}  # read by ingest.paged: their text layer, page by page
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | PAGED_SUFFIXES
MANIFEST_SUFFIXES = {".yaml", ".yml"}  # in a folder these are manifests, not accounts: passed over
DEFAULT_MAX_BYTES = 20_000_000
METADATA_FIELDS = ("title", "publisher", "author", "published", "url", "perspective")
# other names under which JSON records and front matter carry the same metadata
FIELD_ALIASES = {"date": "published", "published_at": "published", "publication_date": "published",
                 "source": "publisher", "site": "publisher", "sitename": "publisher", "byline": "author",
                 "authors": "author", "link": "url"}
# encodings users meet in scraped accounts, tried in order when the text is not UTF-8
FALLBACK_ENCODINGS = ("cp1252", "cp1256")
# UTF-8 with some damaged bytes is still UTF-8 when its good multibyte characters outnumber them so
UTF8_GOOD_PER_BAD = 10
LEGACY_MESS = 0.6  # the most mess (charset-normalizer's chaos, 0-1, per chunk) a legacy decoding may show


def skip(path: os.PathLike | str, code: str, detail: str | None = None) -> Skip:
    """A Skip with the table's reason, plus a detail when there is one."""
    reason = REASONS[code] + (f" ({detail})" if detail else "")
    return Skip(unpaired(str(path)), code, unpaired(reason))


def iter_files(paths: Iterable[os.PathLike | str]) -> Iterator[Path | Skip]:
    """Files under `paths` (folders recursively, in name order); missing paths become Skips.

    Symbolic links to folders are followed once: a loop is not walked twice.
    """
    seen_dirs: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, seen_dirs)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield skip(path, MISSING_PATH)


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path | Skip]:
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError) as e:
        yield skip(folder, UNREADABLE_PATH, str(e))
        return
    if real in seen:
        return
    seen.add(real)
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as e:
        yield skip(folder, UNREADABLE_PATH, e.strerror)
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, seen)
        elif child.suffix.lower() not in MANIFEST_SUFFIXES:
            yield child


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Source | Skip]:
    """The sources in one file (a JSON file may hold many), or the reasons it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return [skip(path, UNSUPPORTED_TYPE, f"'{suffix or path.name}'; supported: {', '.join(sorted(SUPPORTED))}")]
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe blocks and /dev/zero never ends
            return [skip(path, UNREADABLE_PATH, "not a regular file: a pipe, device or socket")]
        size = info.st_size
        if size <= max_bytes:
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1)  # a file that grows meanwhile is still cut at the limit
            size = max(size, len(data))
        if size > max_bytes:
            return [skip(path, TOO_LARGE, f"{size:,} bytes, limit {max_bytes:,}; raise it with --max-size")]
    except OSError as e:
        return [skip(path, UNREADABLE_PATH, e.strerror or str(e))]
    if not data.strip():
        return [skip(path, EMPTY_FILE)]
    if suffix in PAGED_SUFFIXES:
        return [_from_paged(path, data, suffix)]
    text = decode(data)
    if isinstance(text, Skip):
        return [replace(text, path=unpaired(str(path)))]
    if suffix in HTML_SUFFIXES:
        return [_from_html(path, text)]
    if suffix in JSON_SUFFIXES:
        return _from_json(path, text, jsonl=suffix != ".json")
    return [_from_text(path, text)]


def decode(data: bytes) -> str | Skip:
    """Text of `data`: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), else a legacy
    encoding; line ends become \\n. Binary data and undecodable bytes give a Skip."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = _try(data, "utf-8-sig")
    elif _looks_utf16(data):
        text = _try(data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    elif b"\x00" in data:
        return skip("", BINARY_FILE, "it contains NUL bytes")
    else:
        text = _utf8(data)
        if text is None:
            text = _legacy(data)
    if text is None:
        return skip("", UNDECODABLE, "tried UTF-8, UTF-16, " + ", ".join(FALLBACK_ENCODINGS))
    if _control_share(text) > 0.05:
        return skip("", BINARY_FILE, "it is mostly control characters")
    return text.translate(_C1_AS_CP1252).replace("\r\n", "\n").replace("\r", "\n")


# C1 control characters (U+0080 to U+009F) mean nothing in text: where one stands, Windows-1252
# text was once read as Latin-1 ("TEGA CAY \x97 Local" is an em dash), so each becomes its
# Windows-1252 character (the five bytes that encoding leaves undefined stay as they are)
_C1_AS_CP1252 = {
    code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0) if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf8(data: bytes) -> str | None:
    """UTF-8 text, also when a download cut its last character in half or a few bytes are damaged
    (each bad byte becomes U+FFFD): read as a legacy encoding, the whole text would be mojibake.
    None when the bad bytes are too many for UTF-8 (then it is likely a legacy encoding)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        cut_at_end = e.start >= len(data) - 3 and e.reason == "unexpected end of data"
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return text if multibyte and (cut_at_end or multibyte >= UTF8_GOOD_PER_BAD * bad) else None


def _legacy(data: bytes) -> str | None:
    """The text in the legacy encoding under which it reads most like language (charset-normalizer's
    measure of mess and coherence); None when no encoding tried gives plausible text."""
    # not the default 0.2: the zero-width non-joiner that Persian writes inside
    # words counts as mess, and pushed real Windows-1256 Persian (0.55 per chunk) over it;
    # junk such as the bytes of test_read's undecodable file scores 0.75
    best = charset_normalizer.from_bytes(data, cp_isolation=list(FALLBACK_ENCODINGS), threshold=LEGACY_MESS).best()
    return str(best) if best is not None else None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: in text, every other byte of ASCII characters is NUL."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > half * 0.4 and min(even, odd) < half * 0.05


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return bad / max(1, len(sample))


def _source(path: Path, text: str, meta: dict, suffix: str = "") -> Source:
    clean = {k: unpaired(v) for k, v in _metadata(meta).items() if k in METADATA_FIELDS}
    text = unpaired(text)
    return Source(file=unpaired(str(path) + suffix), text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                  published_from="metadata" if clean.get("published") else None, **clean)


_SURROGATE = re.compile("[\ud800-\udfff]")


def unpaired(text: str | None) -> str | None:
    """The text with each lone surrogate as U+FFFD, one character for one, so that it can be encoded,
    hashed and stored. JSON and YAML can escape one ("\\ud800"), and Python names a file whose
    name is not UTF-8 with them."""
    return _SURROGATE.sub("\ufffd", text) if text else text


def _metadata(raw: dict) -> dict[str, str | None]:
    """Metadata fields under their canonical names, as non-empty strings (dates as ISO)."""
    out: dict[str, str | None] = {}
    for key, value in raw.items():
        name = FIELD_ALIASES.get(str(key).lower(), str(key).lower())
        if name not in METADATA_FIELDS or name in out or value in (None, ""):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if name == "published":
            value = iso_date(value)
        out[name] = str(value).strip() or None if value is not None else None
    return out


def iso_date(value: object) -> str | None:
    """ISO form of a date given as a date, a datetime or an ISO string; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        for candidate in (text, text[:10]):
            try:
                return dt.date.fromisoformat(candidate).isoformat()
            except ValueError:
                continue
    return None


def _from_text(path: Path, text: str) -> Source | Skip:
    meta, body = split_front_matter(text)
    if not body.strip():
        return skip(path, EMPTY_FILE, "only front matter")
    return _source(path, body, meta)


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (between '---' lines at the very top) and the text after it."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    try:
        meta = load_metadata(text[4:end])
    except (yaml.YAMLError, ValueError, RecursionError):  # ValueError: a date like 2024-05-00
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    rest = text[end + 4:]
    return meta, rest[1:] if rest.startswith("\n") else rest


def _from_html(path: Path, html: str) -> Source | Skip:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False, output_format="python")
    except (ValueError, TypeError, RecursionError) as e:
        return skip(path, NO_MAIN_TEXT, f"the HTML could not be parsed: {e}")
    if result is None:
        return skip(path, NO_MAIN_TEXT)
    found = result if isinstance(result, dict) else result.as_dict()
    text = (found.get("text") or "").strip()
    if not text:
        return skip(path, NO_MAIN_TEXT)
    meta = {"title": found.get("title"), "author": found.get("author"), "published": found.get("date"),
            "publisher": found.get("sitename"), "url": found.get("url")}
    return _source(path, text, meta)


def _from_paged(path: Path, data: bytes, suffix: str) -> Source | Skip:
    read = paged.read_pdf(data) if suffix == ".pdf" else paged.read_docx(data)
    if isinstance(read, paged.Unread):
        return skip(path, read.code, read.detail)
    if not read.text.strip():
        return skip(path, EMPTY_FILE, "no text in the document's body")
    return replace(_source(path, read.text, read.meta), pages=read.pages)


def _from_json(path: Path, raw: str, jsonl: bool) -> list[Source | Skip]:
    try:
        if jsonl:
            records = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            loaded = json.loads(raw)
            records = loaded if isinstance(loaded, list) else [loaded]
    except (ValueError, RecursionError) as e:
        return [skip(path, INVALID_JSON, str(e)[:200])]
    out: list[Source | Skip] = []
    for n, record in enumerate(records):
        where = f"#{n}" if len(records) > 1 else ""
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(record, dict):
            out.append(skip(f"{path}{where}", INVALID_JSON, f"a JSON {type(record).__name__}, not an object"))
        elif not isinstance(text, str) or not text.strip():
            out.append(skip(f"{path}{where}", RECORD_WITHOUT_TEXT, "no 'text' string"))
        else:
            out.append(_source(path, text.replace("\r\n", "\n"), record, where))
    return out


class _Lined(dict):
    """A YAML mapping that knows the line of each of its keys (`lines`)."""

    lines: dict


class _MetadataLoader(yaml.SafeLoader):
    """YAML as metadata are read: dates stay text, for `iso_date` to read, so that one bad date
    ("2019-02-30") is one bad field and not a file that cannot be read; mappings keep their lines."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, rx) for tag, rx in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _lined_mapping(loader: _MetadataLoader, node: yaml.MappingNode) -> _Lined:
    mapping = _Lined(loader.construct_mapping(node, deep=True))
    mapping.lines = {getattr(k, "value", None): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_MetadataLoader.add_constructor("tag:yaml.org,2002:map", _lined_mapping)


def load_metadata(text: str) -> object:
    """Parse YAML metadata (a manifest, front matter) with `_MetadataLoader`."""
    return yaml.load(text, Loader=_MetadataLoader)  # a SafeLoader: no object is built from a tag


@dataclass(frozen=True)
class Manifest:
    """A sources manifest: metadata per file, and what was wrong with its entries."""

    folder: Path
    entries: tuple[dict, ...]
    problems: tuple[Skip, ...] = ()

    def metadata_for(self, file: str) -> dict | None:
        """The entry for an analysed file: by path relative to the manifest, or by bare name."""
        path = Path(file.split("#")[0])
        for entry in self.entries:
            named = Path(entry["file"])
            if len(named.parts) == 1 and named.name == path.name:
                return entry
            try:
                if (self.folder / named).resolve() == path.resolve():
                    return entry
            except OSError:
                continue
        return None

    def unmatched(self, files: Iterable[str]) -> list[Skip]:
        """Entries that name no analysed file."""
        used = {id(e) for f in files if (e := self.metadata_for(f)) is not None}
        return [skip(e["file"], UNMATCHED_MANIFEST_ENTRY, f"listed in the manifest {self.folder}") for e in self.entries
                if id(e) not in used]


def read_manifest(path: os.PathLike | str) -> Manifest:
    """Parse a sources manifest; bad entries and bad values become problems, never exceptions."""
    path = Path(path)
    try:
        data = load_metadata(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, RecursionError) as e:
        return Manifest(path.parent, (), (skip(path, UNREADABLE_MANIFEST, str(e).splitlines()[0][:200]),))
    items = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return Manifest(path.parent, (), (skip(path, UNREADABLE_MANIFEST, "no top-level 'sources:' list"),))
    entries, problems = [], []
    for n, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("file"), str) or not item["file"].strip():
            problems.append(skip(path, INVALID_MANIFEST_VALUE, f"entry {n + 1} has no 'file' name"))
            continue
        entry, said = _manifest_entry(item)
        entries.append(entry)
        problems += [skip(path, INVALID_MANIFEST_VALUE, problem) for problem in said]
    return Manifest(path.parent, tuple(entries), tuple(problems))


def _manifest_entry(item: dict) -> tuple[dict, list[str]]:
    """A manifest's entry as metadata, and what was wrong in it (each said with its line): a
    value that cannot be used leaves out that field only, a field the manifest does not know is
    named (with the field meant, when it is a misspelling)."""
    entry, problems = {"file": unpaired(item["file"].strip())}, []
    lines = getattr(item, "lines", {})
    for key, value in item.items():
        where = f"line {lines[key]}: " if key in lines else ""
        name = FIELD_ALIASES.get(str(key).lower(), str(key).lower())
        if name == "file" or value is None:
            continue
        if name not in METADATA_FIELDS:
            meant = difflib.get_close_matches(name, [*METADATA_FIELDS, "file"], n=1, cutoff=0.7)
            hint = f" (did you mean '{meant[0]}'?)" if meant else f"; the fields are file, {', '.join(METADATA_FIELDS)}"
            problems.append(f"{where}entry {item['file']!r}: unknown field '{key}' left out{hint}")
        elif name == "published" and iso_date(value) is None:
            problems.append(f"{where}entry {item['file']!r}: published {str(value)!r} is not a date "
                            "(YYYY-MM-DD); left out")
        elif not isinstance(value, (str, int, float)):
            problems.append(f"{where}entry {item['file']!r}: {key} is not text; left out")
        elif name not in entry:
            entry[name] = iso_date(value) if name == "published" else unpaired(str(value))
    return entry, problems


def apply_manifest(source: Source, manifest: Manifest | None) -> Source:
    """The source with the manifest's metadata for its file, which overrides what the file said."""
    entry = manifest.metadata_for(source.file) if manifest else None
    if not entry:
        return source
    given = {k: v for k, v in entry.items() if k in METADATA_FIELDS}
    if "published" in given:
        given |= {"published_from": "metadata", "published_start": None, "published_end": None}
    return replace(source, **given)
