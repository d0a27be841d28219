"""Output safety: strings from documents (text, titles, authors, file names, manifest values) never
act in what Rashomon writes: no markup or script in the HTML report, no formula in a CSV cell,
no escape sequence or Rich markup on the terminal, well-formed XML in TimeML."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rashomon import analyze
from rashomon.outputs.export import FORMULA_PREFIXES, write_csl, write_csv, write_json, write_timeml
from rashomon.outputs.report import render
from rashomon.store import Store

ROOT = Path(__file__).resolve().parents[1]

HTML_PAYLOADS = ["<script>alert('PWN1')</script>", "\"><img src=x onerror=alert('PWN2')>",
                 "</textarea><svg onload=alert('PWN3')>", "javascript:alert('PWN4')", "<!-- PWN5", "{{ 7*7 }}PWN6",
                 "<iframe src=//evil.example/PWN7></iframe>", "<a href='javascript:alert(8)'>PWN8</a>"]
CSV_PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"PWN\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
                "@SUM(1+9)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
TERMINAL_PAYLOADS = ["\x1b[31mRED\x1b[0m", "\x1b]0;PWN-TITLE\x07", "[red]MARKUP[/red]", "[link=http://evil]L[/link]",
                     "over\rwrite", "back\x08\x08space", "\x9b31mC1", "bidi\u202eevil", "[/]"]
TERMINAL_BAD = ["\x1b", "\x07", "\x9b", "\x08", "\r", "\u202e"]


def _front_matter(title: str, author: str, publisher: str, url: str, perspective: str) -> str:
    return "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in (
        ("title", title), ("author", author), ("publisher", publisher), ("url", url),
        ("perspective", perspective))) + "---\n"


def _hostile_corpus(folder: Path) -> list[Path]:
    """Accounts whose text, metadata, file names and manifest carry the payloads."""
    folder.mkdir()
    files = []
    for n, (html_p, csv_p) in enumerate(zip(HTML_PAYLOADS, CSV_PAYLOADS * 2, strict=False)):
        body = (f"{csv_p} said the ministry.\n"
                f"Police said {n + 3} people were hurt in Tabriz on Monday, 3 June 2024. {html_p}\n"
                f"“{csv_p} and {html_p},” said Ali Rezaei, a witness.\n"
                f"{TERMINAL_PAYLOADS[n % len(TERMINAL_PAYLOADS)]} {n}\n")
        front = _front_matter(title=f"{csv_p} {html_p}", author=CSV_PAYLOADS[(n + 1) % len(CSV_PAYLOADS)],
                              publisher=f"{html_p}", url=f"javascript:alert({n})",
                              perspective=CSV_PAYLOADS[(n + 2) % len(CSV_PAYLOADS)])
        path = folder / f"{n}.md"
        path.write_text(front + body)
        files.append(path)
    # file names: formula starts, markup and control characters (a '/' cannot be in a name)
    for n, name in enumerate(["=1+1.txt", "@cmd.txt", "+x.txt", "[red]markup[bold].txt", "esc\x1b[31m.txt",
                              "bell\x07\r.txt", "<b>tag<i>.txt"]):
        path = folder / name
        path.write_bytes(b"\x00binary" if n % 2 else f"Account {n}: 5 people died in Shiraz.\n".encode())
        files.append(path)
    (folder / "f\x1b]0;x\x07.json").write_text('{"not": "text"}')
    return files


def _manifest(folder: Path) -> Path:
    entries = [{"file": "0.md", "title": "=HYPERLINK(\"http://evil.example\")", "author": "<script>PWN9</script>",
                "published": "2024-06-03"},
               {"file": "1.md", "publisher": "\x1b[31m[red]PUB", "published": "\x1b[31mnot a date"},
               {"file": "absent\x1b[2J[red]X.txt"},
               {"file": "2.md", "title": {"nested": "<b>"}}]
    path = folder / "sources.yaml"
    path.write_text(json.dumps({"sources": entries}))  # JSON is YAML
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "accounts"
    _hostile_corpus(corpus)
    cwd = Path.cwd()
    os.chdir(corpus)  # relative paths: the file-name payloads start the 'file' and 'path' cells
    try:
        with analyze(sorted(p.name for p in corpus.iterdir() if p.suffix != ".yaml"), db=folder / "h.db",
                     sources=_manifest(corpus)) as result:
            report = result.report
    finally:
        os.chdir(cwd)
    assert len(report.stored) >= len(HTML_PAYLOADS)
    return folder / "h.db", corpus


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.comments = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_comment(self, data):
        self.comments.append(data)


def test_report_html_shows_every_payload_as_text_never_as_markup(hostile, tmp_path):
    with Store(hostile[0], readonly=True) as store:
        page = render(store)
    with Store(tmp_path / "empty.db") as empty:  # what the report's own template puts in a page
        own = _Tags()
        own.feed(render(empty))
    parsed = _Tags()
    parsed.feed(page)
    risky = {"script", "iframe", "img", "svg", "textarea", "object", "embed"}
    assert sorted(t for t in parsed.tags if t in risky) == sorted(t for t in own.tags if t in risky)
    handlers = sorted(a for a in parsed.attrs if a[0].startswith("on"))
    assert handlers == sorted(a for a in own.attrs if a[0].startswith("on"))  # only the template's own
    assert not [v for k, v in parsed.attrs if k in ("href", "src") and v
                and not v.startswith(("#", "data:", "https://www.wikidata.org/"))]
    assert not [c for c in parsed.comments if "PWN" in c]
    for marker in ("PWN1", "PWN2", "PWN3", "PWN6", "PWN9"):  # the payloads are there, as visible text
        assert marker in page
    assert "&lt;script&gt;" in page and "{{ 7*7 }}" in page


NUMBER = re.compile(r"-?\d+(\.\d+)?")


def test_csv_cells_never_start_a_formula(hostile, tmp_path):
    with Store(hostile[0], readonly=True) as store:
        written = write_csv(store, tmp_path / "csv")
    cells = 0
    for path in written:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    cells += 1
                    assert not (cell.startswith(FORMULA_PREFIXES) and not NUMBER.fullmatch(cell)), (path.name, cell)
    text = "".join(p.read_text(encoding="utf-8") for p in written)
    for payload in ("'=HYPERLINK", "'+1+cmd", "'-2+3+cmd", "'@SUM", "'=1+1.txt", "'@cmd.txt"):
        assert payload in text, payload  # neutralised, not dropped
    assert cells > 100


def test_json_csl_and_timeml_carry_payloads_as_data(hostile, tmp_path):
    with Store(hostile[0], readonly=True) as store:
        data = json.loads(write_json(store, None))
        json.loads(write_csl(store, None))
        tml = write_timeml(store, tmp_path / "tml")
    assert any("<svg onload" in (d["title"] or "") for d in data["documents"])  # data kept exact in JSON
    for path in tml:
        root = ET.fromstring(path.read_bytes())  # well-formed XML, whatever the text held
        assert root.tag == "TimeML" and root.find("script") is None


def _terminal_clean(output: str) -> None:
    found = [c for c in TERMINAL_BAD if c in output]
    assert not found, (found, output[:3000])


def test_cli_messages_neutralise_control_characters_and_markup(hostile, tmp_path):
    corpus = hostile[1]
    env = os.environ | {"PYTHONPATH": str(ROOT / "src"), "TERM": "dumb", "COLUMNS": "200"}
    fresh = tmp_path / "x[" / "]e\x1b[31m.db"  # the store's own path: markup and an escape
    fresh.parent.mkdir()
    done = subprocess.run([sys.executable, "-m", "rashomon.cli", "analyze", ".", "--db", str(fresh),
                           "--sources", "sources.yaml"], cwd=corpus, env=env, capture_output=True, timeout=600)
    output = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 1, output  # some inputs are skipped: exit 1, not a crash
    _terminal_clean(output)
    assert "[red]markup[bold].txt" in output  # markup in a file name is printed, not obeyed
    assert "skipped" in output and "R002" in output and "R008" in output
    for command in (["export", "--format", "csv", "-o", str(tmp_path / "c")], ["report", "-o", str(tmp_path / "r")]):
        done = subprocess.run([sys.executable, "-m", "rashomon.cli", *command, "--db", str(fresh)], env=env,
                              capture_output=True, timeout=600)
        assert done.returncode == 0, done.stderr
        _terminal_clean(done.stdout.decode() + done.stderr.decode())

