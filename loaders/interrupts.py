"""SIGTERM stops a loader command as Ctrl-C does, not in the middle of a write.

`docker stop`, Kubernetes, systemd and `timeout` end a process with SIGTERM,
whose default kills Python on the spot: no line saying what happened, the
run missing from `load-stats.json` (so `/metrics` never counts it as
interrupted), exit status 143 with nothing to tell a script to re-run. Raised
as an exception instead, it takes the Ctrl-C path: the writer rolls back what
was not committed, the rejects file is closed, the run is recorded as
interrupted and the command says how to complete it.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

#: 128 + SIGTERM, the status a shell reports for a process SIGTERM ended.
EXIT_TERMINATED = 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: a KeyboardInterrupt, so every Ctrl-C clean-up runs for it too."""


def _raise_terminated(signum, frame) -> None:
    # A second SIGTERM (an impatient supervisor) ends the process at once, as before.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise Terminated


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated` (only the main thread may set handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def exit_status(interrupt: KeyboardInterrupt) -> int:
    """130 for Ctrl-C, 143 for SIGTERM: what a shell reports for each signal."""
    return EXIT_TERMINATED if isinstance(interrupt, Terminated) else 130


def how_stopped(interrupt: KeyboardInterrupt) -> str:
    return "SIGTERM" if isinstance(interrupt, Terminated) else "Ctrl-C"
