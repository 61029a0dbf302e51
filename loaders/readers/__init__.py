"""Readers turn files into raw article dicts, one format per module.

`read_file` yields `Record`s: each is either an article dict or the reason
the input could not become one, so a caller can reject it with its source
and never lose an input silently.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import feed, html, jsonfile, wire
from .files import format_suffix


@dataclass
class Record:
    source: str
    article: dict | None = None
    error: str | None = None


class ReaderError(Exception):
    """The whole file cannot be read."""


READERS: dict[str, Callable[[Path, datetime], Iterator[tuple[str, dict | None, str | None]]]] = {
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


def discover(paths: Iterable[str]) -> tuple[list[Path], list[Record]]:
    """Expand files, folders (recursively) and globs, in a stable order.

    Returns the files to read and a rejection for every argument that names
    nothing, so a typo in a path is reported instead of loading zero files.
    """
    files: list[Path] = []
    missing: list[Record] = []
    for argument in paths:
        matches = [Path(m) for m in sorted(glob.glob(argument, recursive=True))] or [Path(argument)]
        for match in matches:
            if match.is_dir():
                files.extend(sorted(p for p in match.rglob("*") if p.is_file() and not _hidden(p, match)))
            elif match.is_file():
                files.append(match)
            else:
                missing.append(Record(source=str(argument), error="no such file or folder"))
    return list(dict.fromkeys(files)), missing


#: Files a folder may hold beside articles; skipped when walking a folder,
#: rejected like anything else when named on the command line.
NOT_ARTICLES = {".md", ".rst"}


def _hidden(path: Path, root: Path) -> bool:
    if path.suffix.lower() in NOT_ARTICLES:
        return True
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def reference_for(path: Path, given: datetime | None) -> datetime:
    """A yearless date resolves against --reference-date, else the file's mtime."""
    if given is not None:
        return given
    return datetime.fromtimestamp(os.stat(path).st_mtime)


def read_file(path: Path, reference: datetime) -> Iterator[Record]:
    """Every record of one file; a file that cannot be read is one rejected record."""
    reader = READERS.get(format_suffix(path))
    if reader is None:
        yield Record(str(path), error=f"unsupported file type '{format_suffix(path) or path.name}'; "
                                      f"supported: {', '.join(sorted(READERS))}")
        return
    try:
        for source, article, error in reader(path, reference):
            yield Record(source, article, error)
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as error:
        yield Record(str(path), error=f"cannot read file: {error}")
    except RecursionError:
        yield Record(str(path), error="cannot read file: nested too deeply")
    except Exception as error:  # noqa: BLE001 - one bad file must never stop a load
        # A parser failing in a way nobody foresaw costs this file (rejected
        # with the error, after any records it already gave), not the load.
        yield Record(str(path), error=f"cannot read file: {type(error).__name__}: {error}")
