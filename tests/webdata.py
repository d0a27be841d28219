"""Stores for the web tests: the sample accounts as the real pipeline analyses them."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rashomon import analyze

from .conftest import EXAMPLES, ROOT

MONTH_DAY = re.compile(r"March (\d{1,2})(?:, (\d{4}))?")
DEATHS = re.compile(r"[^.\n]*\b(killed|died|killing|bodies)\b[^.\n]*[.]?")
PLACES = {"tarvand-bridge": (27.18, 56.27), "golzar": (27.2, 56.35)}  # test coordinates for fictional places


def sample_store(folder: Path, extra: list[Path] = ()) -> Path:
    """Analyse examples/accounts (and `extra` files) with the demo's knowledge file into
    folder/sample.db."""
    db = folder / "sample.db"
    with analyze([EXAMPLES, *extra], db=db, sources=EXAMPLES / "sources.yaml", kb=[EXAMPLES.parent / "knowledge.yaml"]):
        pass
    return db


# an account whose page carries dates that are not its story's: a 2014 dateline above it and a
# quote box with life dates below it; its story runs over four days of March 1994
CHROME_PAGE = """Monday, March 3, 2014
HomeWorldThe Port Siege, Twenty Years On

The Port Siege, Twenty Years On

The siege of the port began on March 12, 1994, when rebel units cut the coastal road.
The garrison surrendered on March 15, 1994, after three days of shelling, the governor said.

Famous quotes containing the word siege:

    A siege is a long argument conducted with stones and patience, in equal measure.
    Ada Quill (1802–1871)
"""


def chrome_store(folder: Path) -> Path:
    """A store of the one page above."""
    (folder / "chrome.txt").write_text(CHROME_PAGE, encoding="utf-8")
    with analyze([folder / "chrome.txt"], db=folder / "chrome.db"):
        pass
    return folder / "chrome.db"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, log: Path, *extra: str) -> Iterator[str]:
    """`rashomon serve` on the store `db` on a free loopback port, as a user starts it; yields its
    base URL once it answers, and stops it after."""
    port = free_port()
    env = os.environ | {"PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "rashomon.cli", "serve", "--db", str(db), "--port", str(port),
                                 *extra], stdout=out, stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    raise RuntimeError(f"rashomon serve did not start: {log.read_text()}") from None
                time.sleep(0.3)
        try:
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)
