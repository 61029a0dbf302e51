"""Readers turn files into raw article dicts, one format per module.

`read_file` yields `Record`s: each is either an article dict or the reason
the input could not become one, so a caller can reject it with its source
and never lose an input silently.
"""
from __future__ import annotations

import glob
import os
import stat
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..records import FileTime, Record  # noqa: F401 - the readers' records, also imported from here
from . import feed, html, jsonfile, wire
from .files import format_suffix


class ReaderError(Exception):
    """The whole file cannot be read."""


#: A reader yields (source, article or None, reason or None), and may add the
#: names of fields it left out.
READERS: dict[str, Callable[[Path, datetime], Iterator[tuple]]] = {
    ".txt": wire.read,
    ".json": jsonfile.read,
    ".jsonl": jsonfile.read_lines,
    ".ndjson": jsonfile.read_lines,
    ".html": html.read,
    ".htm": html.read,
    ".rss": feed.read,
    ".atom": feed.read,
    ".xml": feed.read,
}


def discover(paths: Iterable[str], own_folders: Iterable[Path] = ()) -> tuple[list[Path], list[Record]]:
    """Expand files, folders (recursively) and globs, in a stable order.

    Returns the files to read and a rejection for everything that names no
    readable file: a missing path (a typo is reported instead of loading zero
    files), a broken symbolic link, a folder or file that cannot be accessed.
    Nothing met on the way is skipped silently but hidden files, notes and
    `own_folders`: the index's own (NEWS_INDEX_DATA_DIR), whose files are no
    articles. Walked into, `load .` over a folder holding it read the index's
    files as articles and refused to write its own rejects file, an input.
    """
    files: list[Path] = []
    rejected: list[Record] = []
    own = {os.path.realpath(folder) for folder in own_folders}
    for argument in paths:
        matches = [Path(m) for m in sorted(glob.glob(argument, recursive=True))] or [Path(argument)]
        for match in matches:
            try:
                mode = os.stat(match).st_mode
            except FileNotFoundError:
                if os.path.islink(match):
                    rejected.append(Record(str(match), error=_broken_link(match)))
                else:
                    rejected.append(Record(source=str(argument), error="no such file or folder"))
                continue
            except OSError as error:
                rejected.append(Record(str(match), error=f"cannot access: {_os_reason(error)}"))
                continue
            if stat.S_ISDIR(mode) and os.path.realpath(match) in own:
                rejected.append(Record(str(match), error=OWN_FOLDER))
            elif stat.S_ISDIR(mode):
                _walk(match, files, rejected, own)
            elif stat.S_ISREG(mode):
                files.append(match)
            else:
                rejected.append(Record(str(match), error=NOT_REGULAR))
    return list(dict.fromkeys(files)), rejected


#: Files a folder may hold beside articles; skipped when walking a folder,
#: rejected like anything else when named on the command line.
NOT_ARTICLES = {".md", ".rst"}
NOT_REGULAR = "not a regular file (a device, socket or pipe)"
OWN_FOLDER = "the index's own folder (NEWS_INDEX_DATA_DIR): its files are no articles"


def _walk(root: Path, files: list[Path], rejected: list[Record], own: set[str] = frozenset()) -> None:
    """Every file under `root` (sorted as `Path`s sort), skipping hidden names and notes.

    A folder that cannot be listed, a broken link and a link to a folder
    (not followed: a link loop would never end) each become a rejection.
    """
    found: list[Path] = []
    problems: list[Record] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            problems.append(Record(str(folder), error=f"cannot read folder: {_os_reason(error)}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not own or os.path.realpath(path) not in own:
                        pending.append(path)
                elif path.suffix.lower() in NOT_ARTICLES:
                    continue
                elif entry.is_file():  # follows a link to a file
                    found.append(path)
                elif entry.is_symlink():
                    if not os.path.exists(path):
                        problems.append(Record(str(path), error=_broken_link(path)))
                    elif entry.is_dir():
                        problems.append(Record(str(path), error="symbolic link to a folder, not followed "
                                                                "(name the folder itself to load it)"))
                    else:
                        problems.append(Record(str(path), error=NOT_REGULAR))
                else:
                    problems.append(Record(str(path), error=NOT_REGULAR))
            except OSError as error:
                problems.append(Record(str(path), error=f"cannot access: {_os_reason(error)}"))
    files.extend(sorted(found))
    rejected.extend(sorted(problems, key=lambda record: Path(record.source)))


def _broken_link(path: Path) -> str:
    try:
        return f"broken symbolic link to {os.readlink(path)}"
    except OSError:
        return "broken symbolic link"


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def reference_for(path: Path, given: datetime | None) -> datetime:
    """A yearless date resolves against --reference-date, else the file's mtime
    (a `FileTime`, which counts the dates that needed it)."""
    if given is not None:
        return given
    return FileTime.fromtimestamp(os.stat(path).st_mtime)


def read_file(path: Path, reference: datetime) -> Iterator[Record]:
    """Every record of one file; a file that cannot be read is one rejected record."""
    reader = READERS.get(format_suffix(path))
    if reader is None:
        yield Record(str(path), error=f"unsupported file type '{format_suffix(path) or path.name}'; "
                                      f"supported: {', '.join(sorted(READERS))}")
        return
    try:
        for source, article, error, *ignored in reader(path, reference):
            yield Record(source, article, error, *ignored)
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as error:
        yield Record(str(path), error=f"cannot read file: {error}")
    except RecursionError:
        yield Record(str(path), error="cannot read file: nested too deeply")
    except Exception as error:  # noqa: BLE001 - one bad file must never stop a load
        # A parser failing in a way nobody foresaw costs this file (rejected
        # with the error, after any records it already gave), not the load.
        yield Record(str(path), error=f"cannot read file: {type(error).__name__}: {error}")
