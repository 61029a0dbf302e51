"""Temporary directories a gunicorn server keeps for its lifetime (metrics, rate-limit buckets).

A server removes them as it exits, but a server killed outright (SIGKILL, the
OOM killer) runs no exit hook, and on /dev/shm what it leaves holds memory.
So each directory holds a lock file that the server's processes keep open and
locked: a directory whose lock nobody holds was left behind by a server that
is gone, and the next server to start removes it. A lock, unlike a process
id, also tells right across PID namespaces sharing the directory.
"""
from __future__ import annotations

import fcntl
import glob
import os
import shutil
import tempfile

#: Only a locked file bears this name: it is locked first and renamed after.
LOCK_NAME = ".held-by-a-running-server"


def held_directory(prefix: str, parent: str | None = None) -> tuple[str, int]:
    """A new directory and the descriptor holding its lock; keep the descriptor open
    for as long as the directory is in use (forked workers share it)."""
    path = tempfile.mkdtemp(prefix=prefix, dir=parent)
    descriptor, unnamed = tempfile.mkstemp(dir=path)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    os.rename(unnamed, os.path.join(path, LOCK_NAME))
    return path, descriptor


def remove_abandoned(prefix: str, parent: str | None = None) -> list[str]:
    """Remove the `prefix*` directories in `parent` whose lock nobody holds.

    A directory without the lock file (one of an earlier release, or one a
    server is still creating) is left alone: nothing says it is abandoned.
    """
    removed = []
    for path in glob.glob(os.path.join(parent or tempfile.gettempdir(), glob.escape(prefix) + "*")):
        try:
            descriptor = os.open(os.path.join(path, LOCK_NAME), os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # held: a running server's
        finally:
            os.close(descriptor)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
