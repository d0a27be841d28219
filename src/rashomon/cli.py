"""The command line: a thin layer over the Python API (`rashomon.analyze`, the store, exports).

Exit status: 0 when every input was used, 1 when some input was skipped, 2 for a usage error.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .errors import RashomonError
from .pipeline import analyze as run_analysis
from .read import DEFAULT_MAX_BYTES
from .store import Store

app = typer.Typer(help="Many accounts of one event, read side by side.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)
out = Console()
PROGRESS_FROM = 5  # files: fewer than this and a bar would only flicker

DbOption = Annotated[Path, typer.Option("--db", help="The store: an SQLite file.")]


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    csl = "csl"
    timeml = "timeml"


def _plain(text: str) -> str:
    """Text from a document or a path, safe to print: no markup, no control characters."""
    return escape("".join(c if c.isprintable() or c == " " else "�" for c in text))


def _open(db: Path) -> Store:
    try:
        return Store(db, readonly=True)
    except RashomonError as e:
        err.print(f"[red]error:[/] {_plain(str(e))}")
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"rashomon {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """Many accounts of one event, read side by side."""


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of accounts (folders are read recursively).")],
    sources: Annotated[Path | None, typer.Option("--sources", help="A sources manifest (YAML).")] = None,
    db: DbOption = Path("rashomon.db"),
    max_size: Annotated[int, typer.Option("--max-size", help="Largest file read, in bytes.")] = DEFAULT_MAX_BYTES,
) -> None:
    """Read, analyse and store accounts; print what was read, skipped and found."""
    if sources is not None and not sources.is_file():
        err.print(f"[red]error:[/] the sources manifest {_plain(str(sources))} does not exist")
        raise typer.Exit(2)
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = None

        def progress(done: int, total: int, current: str) -> None:
            nonlocal task
            if total < PROGRESS_FROM:
                return
            if task is None:
                task = bar.add_task("analysing", total=total)
            bar.update(task, completed=done, description=_plain(Path(current).name[:40]))  # cut, then escape

        try:
            corpus = run_analysis(paths, db=db, sources=sources, max_bytes=max_size, progress=progress)
        except RashomonError as e:
            err.print(f"[red]error:[/] {_plain(str(e))}")
            raise typer.Exit(2) from None
    with corpus:
        report = corpus.report
        for item in report.skipped:
            err.print(f"[yellow]skipped[/] {_plain(item.path)}: [{item.code}] {_plain(item.reason)}")
        counts = corpus.counts()
        table = Table(title=_plain(f"Rashomon: {db}"), show_header=True)
        table.add_column("")
        table.add_column("this run", justify="right")
        table.add_column("in the store", justify="right")
        table.add_row("documents read", str(len(report.stored)), str(counts["document"]))
        table.add_row("already stored", str(len(report.already)), "")
        table.add_row("inputs skipped", str(len(report.skipped)), str(counts["skip"]))
        for label, key in (("entities", "entity"), ("mentions", "mention"), ("dates", "timex"),
                           ("quantities", "quantity"), ("quotes", "quote"), ("citations", "citation"),
                           ("events", "event"), ("findings", "finding")):
            table.add_row(label, "", str(counts[key]))
        out.print(table)
        raise typer.Exit(report.exit_code)


FORMAT_HELP = ("json: one file (docs/export.md); csv: a folder of tables; csl: the citations as CSL-JSON; "
               "timeml: a folder with one TimeML file per document.")
OUTPUT_HELP = "File (json, csl) or folder (csv, timeml); json and csl go to stdout without it."


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ExportFormat.json,
    db: DbOption = Path("rashomon.db"),
    output: Annotated[Path | None, typer.Option("--output", "-o", help=OUTPUT_HELP)] = None,
) -> None:
    """Export the store as JSON (format rashomon/1) or CSV tables."""
    from .export import write_csl, write_csv, write_json, write_timeml

    with _open(db) as store:
        if format in (ExportFormat.json, ExportFormat.csl):
            text = (write_json if format is ExportFormat.json else write_csl)(store, output)
            if output is None:
                print(text)
        else:
            if output is None:
                err.print(f"[red]error:[/] --format {format.value} needs --output FOLDER")
                raise typer.Exit(2)
            for path in (write_csv if format is ExportFormat.csv else write_timeml)(store, output):
                err.print(f"wrote {_plain(str(path))}")


@app.command()
def report(
    db: DbOption = Path("rashomon.db"),
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a self-contained HTML report (no network needed to open it)."""
    from .report import write_report

    with _open(db) as store:
        write_report(store, output)
    err.print(f"wrote {_plain(str(output))}")


if __name__ == "__main__":
    app()
