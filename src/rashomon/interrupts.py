"""Ctrl-C and SIGTERM stop a run at once, but never in the middle of a store transaction: an
interrupt that comes while one is open waits for it to end (a few milliseconds), so that the
connection is left usable and what was committed can be counted. The command line installs
`stop` for both signals; the store marks its transactions with `deferred`."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

_open = 0  # transactions under way
_waiting = False  # an interrupt came while one was


def stop(signum: int, frame: object) -> None:
    """The handler of SIGINT and SIGTERM: KeyboardInterrupt now, or when the transaction ends."""
    global _waiting
    if _open:
        _waiting = True
        return
    raise KeyboardInterrupt


def install() -> None:
    """Make Ctrl-C and SIGTERM stop this process through `stop` (main thread only)."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)


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
