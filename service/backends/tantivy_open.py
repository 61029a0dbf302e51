"""Opening the embedded index, and telling which commit of it a reader sees."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

import tantivy

from ..errors import IndexDamaged
from .tantivy_schema import register_analyzers
from .tantivy_upgrade import remove_retired


def open_index(schema: tantivy.Schema, path: Path) -> tantivy.Index:
    """The index in `path`, created there by the first of the workers starting at once."""
    path.mkdir(parents=True, exist_ok=True)
    # Several gunicorn workers may start at once: one creates, the rest open.
    with open(creation_lock(path), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            index = tantivy.Index(schema, path=str(path), reuse=True)
        except ValueError as error:  # tantivy's only error type: its files did not parse
            raise IndexDamaged(f"The index {path} cannot be opened ({error}). Restore it from a "
                               "backup, or move it aside and load the articles again.") from None
        remove_retired(path.parent)  # what a `reindex` killed while deleting the older version left
    register_analyzers(index)
    return index


def meta_stamp(path: Path) -> tuple[int, int, int]:
    """Which commit `meta.json` is: its time, and its inode and size too.

    Most kernels stamp files with a clock that moves every few
    milliseconds, so two commits close together can leave one time;
    tantivy writes each commit's `meta.json` anew and renames it into
    place, so its inode (and mostly its size) tells them apart. By the
    time alone, counts cached for the version before were served with the
    hits of the new one. The same `stat` as before: nothing more per search.
    """
    try:
        found = os.stat(path / "meta.json")
    except FileNotFoundError:
        return (0, 0, 0)
    return (found.st_mtime_ns, found.st_ino, found.st_size)


def creation_lock(index_dir: Path) -> Path:
    """The file workers lock while one of them creates `index_dir` (beside it, not in it)."""
    return index_dir.parent / f".{index_dir.name}.create.lock"
