"""The command line: a thin layer over the Python API (`rashomon.analyze`, the store, exports).

Exit status: 0 when every input was used, 1 when some input was skipped, 2 for a usage error,
3 for a store that is damaged or cannot be written where it is, 4 for a full disk, 5 when a
worker process died, 130 when interrupted (Ctrl-C or SIGTERM). Every failure is said in one
line, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from rashomon import __version__, interrupts
from rashomon.errors import EXIT_INTERRUPTED, EXIT_OF, EXIT_USAGE, Interrupted, RashomonError
from rashomon.ingest.read import DEFAULT_MAX_BYTES
from rashomon.store import Store
from rashomon.store.database import safe_address
from rashomon.store.faults import explain

app = typer.Typer(help="Many accounts of one event, read side by side.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)
out = Console()
PROGRESS_FROM = 5  # files: fewer than this and a bar would only flicker

DbOption = Annotated[str, typer.Option("--db", help="The store: an SQLite file, or a PostgreSQL address "
                                                    "(postgresql://user@host/dbname).")]


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    csl = "csl"
    timeml = "timeml"
    geojson = "geojson"


def _plain(text: str) -> str:
    """Text from a document or a path, safe to print: no markup, no control characters."""
    return escape("".join(c if c.isprintable() or c == " " else "�" for c in text))


@contextmanager
def _guarded(db: str, run: bool = False) -> Iterator[None]:
    """A documented error, a store that is damaged or not one, a full disk or an interrupt is
    said in one line, with the exit status of its kind (`run`: of an analysis, which says what it
    stored before it was interrupted)."""
    try:
        yield
    except KeyboardInterrupt as e:
        err.print(str(e if isinstance(e, Interrupted) else Interrupted(0)) if run else "interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except RashomonError as e:
        err.print(f"[red]error:[/] {_plain(str(e))}", soft_wrap=True)
        raise typer.Exit(EXIT_OF.get(e.code, EXIT_USAGE)) from None
    except Exception as e:
        known = explain(e, safe_address(db))
        if known is not None:
            err.print(f"[red]error:[/] {_plain(str(known))}", soft_wrap=True)
            raise typer.Exit(EXIT_OF.get(known.code, EXIT_USAGE)) from None
        if not isinstance(e, sqlite3.DatabaseError) and type(e).__module__.split(".")[0] != "psycopg":
            raise
        err.print(f"[red]error:[/] the store {_plain(safe_address(db))} cannot be used ({_plain(str(e))})",
                  soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


def _writable(path: Path | None, folder: bool = False) -> None:
    """Say in one line, before any work, why an output path cannot be written: a file into a
    folder that does not exist or onto a folder, a folder onto a file."""
    if path is None:
        return
    problem = None
    if folder and path.exists() and not path.is_dir():
        problem = "is a file; give a folder (it is made if it does not exist)"
    elif not folder and path.is_dir():
        problem = "is a folder; give a file name"
    elif not folder and not path.parent.is_dir():
        problem = f"cannot be written: the folder {path.parent} does not exist"
    if problem:
        err.print(f"[red]error:[/] {_plain(str(path))} {_plain(problem)}", soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)


@contextmanager
def _writing(path: Path | None) -> Iterator[None]:
    """A failure to write an output (no permission, a name the system refuses) in one line."""
    try:
        yield
    except OSError as e:
        if isinstance(e, sqlite3.Error) or e.filename is None:
            raise
        err.print(f"[red]error:[/] cannot write {_plain(str(e.filename))}: {_plain(e.strerror or str(e))}",
                  soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


def _open(db: str) -> Store:
    with _guarded(db):
        return Store(db, readonly=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"rashomon {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context, version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False) -> None:
    """Many accounts of one event, read side by side."""
    # Ctrl-C and SIGTERM alike, never in the middle of a transaction; an analysis that has not
    # started (it is importing the pipeline) ends at once, in its one line
    interrupts.install(str(Interrupted(0)) if ctx.invoked_subcommand == "analyze" else None)
    ctx.call_on_close(interrupts.unwind)


@app.command()
def analyze(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files and folders of accounts (folders are read recursively); none with --force: every stored "
             "document.", show_default=False)] = None,
    sources: Annotated[Path | None, typer.Option("--sources", help="A sources manifest (YAML).")] = None,
    db: DbOption = "rashomon.db",
    max_size: Annotated[int, typer.Option("--max-size", help="Largest file read, in bytes.")] = DEFAULT_MAX_BYTES,
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="A knowledge file (YAML) of known entities "
                                                  "and places, read beside the shipped one (repeatable).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Worker processes analysing documents "
                                                "(default: the number of cores).", show_default=False)] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="SCHEDULER", help="Analyse on a Dask cluster: "
                                             "a scheduler address, or 'local' for a LocalCluster.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Analyse the given documents again even if stored "
                                        "(without paths: every stored document).")] = False,
) -> None:
    """Read, analyse and store accounts; print what was read, skipped and found."""
    if not paths and not force:
        err.print("[red]error:[/] give the files or folders to analyse (or --force to analyse the store again)")
        raise typer.Exit(2)
    if sources is not None and not sources.is_file():
        err.print(f"[red]error:[/] the sources manifest {_plain(str(sources))} does not exist")
        raise typer.Exit(2)
    bar = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=err, transient=True)
    task = None

    def progress(done: int, total: int, current: str) -> None:
        nonlocal task
        if total < PROGRESS_FROM:
            return
        if task is None:
            bar.start()  # only now: a run that stops before it reads prints nothing but its one line
            task = bar.add_task("analysing", total=total)
        bar.update(task, completed=done, description=_plain(Path(current).name[:40]))  # cut, then escape

    with _guarded(db, run=True):
        from rashomon import data
        from rashomon.extract.places import geonames
        from rashomon.pipeline import analyze as run_analysis

        interrupts.unwind()  # from here a run has a store, workers and a count to unwind

        data.check_all()  # an edited data file is said before the index of places is built (R023)
        if paths and not geonames.built():
            err.print("building the index of places, once for this version (about a minute)…")
            geonames.gazetteer()

        try:
            corpus = run_analysis(paths or [], db=db, sources=sources, max_bytes=max_size, progress=progress,
                                  workers=workers or os.cpu_count() or 1, dask=dask, force=force, kb=kb or ())
        finally:
            with suppress(IndexError):  # a Ctrl-C inside start() left rich no render hook to pop
                bar.stop()
    with _guarded(db), corpus:
        report = corpus.report
        for item in report.skipped:
            err.print(f"[yellow]skipped[/] {_plain(item.path)}: [{item.code}] {_plain(item.reason)}")
        for problem in report.problems:
            err.print(f"[yellow]warning[/] {_plain(problem)}")
        counts = corpus.counts()
        table = Table(title=_plain(f"Rashomon: {db}"), show_header=True)
        table.add_column("")
        table.add_column("this run", justify="right")
        table.add_column("in the store", justify="right")
        table.add_row("documents read", str(len(report.stored)), str(counts["document"]))
        table.add_row("already stored", str(len(report.already)), "")
        if report.updated:
            table.add_row("  their metadata updated", str(len(report.updated)), "")
        table.add_row("inputs skipped", str(len(report.skipped)), str(counts["skip"]))
        for label, key in (("entities", "entity"), ("mentions", "mention"), ("dates", "timex"),
                           ("quantities", "quantity"), ("quotes", "quote"), ("citations", "citation"),
                           ("events", "event"), ("findings", "finding")):
            table.add_row(label, "", str(counts[key]))
        out.print(table)
        raise typer.Exit(report.exit_code)


FORMAT_HELP = ("json: one file (docs/export.md); csv: a folder of tables; csl: the citations as CSL-JSON; "
               "geojson: the places on the map; timeml: a folder with one TimeML file per document.")
OUTPUT_HELP = "File (json, csl, geojson) or folder (csv, timeml); files go to stdout without it."


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ExportFormat.json,
    db: DbOption = "rashomon.db",
    output: Annotated[Path | None, typer.Option("--output", "-o", help=OUTPUT_HELP)] = None,
) -> None:
    """Export the store as JSON (format rashomon/1) or CSV tables."""
    from rashomon.outputs.export import write_csl, write_csv, write_geojson, write_json, write_timeml

    writers = {ExportFormat.json: write_json, ExportFormat.csl: write_csl, ExportFormat.geojson: write_geojson}
    _writable(output, folder=format not in writers)
    with _open(db) as store, _guarded(db), _writing(output):
        if format in writers:
            text = writers[format](store, output)
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
    db: DbOption = "rashomon.db",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write a self-contained HTML report (no network needed to open it)."""
    from rashomon.outputs.report import write_report

    _writable(output)
    with _open(db) as store, _guarded(db), _writing(output):
        write_report(store, output)
    err.print(f"wrote {_plain(str(output))}")


@app.command()
def findings(
    db: DbOption = Path("rashomon.db"),
    kind: Annotated[list[str] | None, typer.Option("--kind", "-k", help="Only these kinds (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many to show (0: all).")] = 50,
) -> None:
    """Print the findings as a table, conflicts first, each claim with its source and its words."""
    from rashomon.corpus.compare.judge import KIND_ORDER
    from rashomon.outputs.export import to_dict, value_text
    from rashomon.outputs.quoting import shorten

    unknown = [k for k in kind or () if k not in KIND_ORDER]
    if unknown:
        err.print(f"[red]error:[/] no finding is of the kind {_plain(', '.join(unknown))}; the kinds are "
                  f"{', '.join(KIND_ORDER)}", soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    with _open(db) as store, _guarded(db):
        data = to_dict(store)
    names = {d["id"]: d["publisher"] or d["title"] or Path(d["file"]).name for d in data["documents"]}
    entity_names = {e["id"]: e["name"] for e in data["entities"]}
    shown = [f for f in data["findings"] if not kind or f["kind"] in kind]
    table = Table(title=f"Findings in {_plain(str(db))}: {len(shown)} of {len(data['findings'])}", show_lines=True)
    for column in ("kind", "subject", "claims", "why"):
        table.add_column(column, overflow="fold")
    for f in shown[:limit or None]:
        claims = "\n".join(f"{_plain(names.get(c['doc'], c['doc']))}: {_plain(value_text(c['value'], entity_names))} — "
                           f"“{_plain(shorten(c['text'], 140))}”" for c in f["claims"])
        style = "bold red" if f["kind"] in ("conflict", "self_contradiction") else ""
        table.add_row(f"[{style}]{f['kind']}[/]" if style else f["kind"], _plain(f["subject"]), claims,
                      _plain(f["explanation"]))
    out.print(table)


@app.command()
def serve(
    db: DbOption = Path("rashomon.db"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on; the default is this machine only.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    public: Annotated[bool, typer.Option("--public", help="Allow an address beyond this machine (--host): "
                                         "anyone who can reach it reads the whole store.")] = False,
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help="A name the server is reached by "
                                                         "besides its address (repeatable).")] = None,
) -> None:
    """Browse the store in a local web app (read-only): sources, documents, findings, timeline, map."""
    import uvicorn

    from rashomon.outputs.web import create_app
    from rashomon.outputs.web.guard import Hosts, is_loopback
    from rashomon.store.faults import check_intact

    if not is_loopback(host) and not public:
        err.print(f"[red]error:[/] --host {_plain(host)} serves the store beyond this machine; "
                  "add --public to do so on purpose")
        raise typer.Exit(EXIT_USAGE)
    with _guarded(db):  # a missing, foreign or damaged store is said before the server starts
        web = create_app(db, Hosts.for_address(host, allow_host or ()))
        if not str(db).startswith(("postgresql:", "postgres:")):
            check_intact(Path(db))
    if not is_loopback(host):
        err.print(f"[yellow]warning:[/] listening on {_plain(host)}: anyone who can reach this address can read "
                  "the whole store (no password, no encryption)")
    shown = f"[{host}]" if ":" in host else host
    err.print(f"serving {_plain(safe_address(db))} read-only at http://{_plain(shown)}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
