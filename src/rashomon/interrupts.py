"""Ctrl-C and SIGTERM stop a run at once, but never in the middle of a store transaction: an
interrupt that comes while one is open waits for it to end (a few milliseconds), so that the
connection is left usable and what was committed can be counted. The command line installs
`stop` for both signals; the store marks its transactions with `deferred`.

Nor in the middle of an import: CPython does not let a KeyboardInterrupt through every import
safely. A compiled extension's module set-up may swallow it (the Ctrl-C is lost and the run goes
on), and one raised in code that exec() runs (dataclasses and namedtuples make their methods so)
leaves CPython believing it went uncaught, so that `python -m` ends by SIGINT at exit (status -2)
whatever status the program asked for. An interrupt that comes during an import is held and
tried again a moment later; before a run has anything to undo (`install(at_once=...)` until
`unwind`, while the command line imports the pipeline), it ends the process there and then.
"""

from __future__ import annotations

import _thread
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from rashomon.errors import EXIT_INTERRUPTED

RETRY = 0.05  # seconds before an interrupt held by an import is tried again
_open = 0  # transactions under way
_waiting = False  # an interrupt came while one was
_at_once: str | None = None  # the line said when an interrupt ends the process at once


def stop(signum: int, frame: FrameType | None) -> None:
    """The handler of SIGINT and SIGTERM: KeyboardInterrupt now, or when the transaction or
    the import under way ends."""
    global _waiting
    if _at_once is not None:
        os.write(2, f"{_at_once}\n".encode())
        os._exit(EXIT_INTERRUPTED)
    if _open:
        _waiting = True
        return
    if _importing(frame):
        retry = threading.Timer(RETRY, _thread.interrupt_main, (signum,))  # calls `stop` again
        retry.daemon = True
        retry.start()
        return
    raise KeyboardInterrupt


def _importing(frame: FrameType | None) -> bool:
    """Whether the main thread, stopped at `frame`, is importing a module or running a string
    given to exec() or eval() (not a program given as one: `python -c`)."""
    while frame is not None:
        code = frame.f_code
        if code.co_filename.startswith("<frozen importlib._bootstrap") or (
                code.co_filename == "<string>" and code.co_name == "<module>" and frame.f_back is not None):
            return True
        frame = frame.f_back
    return False


def install(at_once: str | None = None) -> None:
    """Make Ctrl-C and SIGTERM stop this process through `stop` (main thread only). With
    `at_once`, until `unwind` is called an interrupt ends the process there and then, saying
    `at_once` on stderr, with the exit status of an interrupt: for a command that has nothing to
    undo yet (no store open, no worker started) and is mostly importing modules."""
    global _at_once
    _at_once = at_once
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)


def unwind() -> None:
    """From now on an interrupt raises KeyboardInterrupt: the command has work to stop and count."""
    global _at_once
    _at_once = None


@contextmanager
def deferred() -> Iterator[None]:
    """Hold interrupts until the block ends, then raise the one that came, if any."""
    global _open, _waiting
    _open += 1
    try:
        yield
    finally:
        _open -= 1
        if not _open and _waiting:
            _waiting = False
            raise KeyboardInterrupt
