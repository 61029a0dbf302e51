"""What a reader yields for each input: an article, or why there is none.

A module of its own, apart from the readers: a load sends records to its
preparing processes, and unpickling one there must not import every reader
(trafilatura, dateparser: 0.4 s of CPU in each process, see loaders/jobs.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

#: A four-digit year as dates write it (1800-2199).
FULL_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")


@dataclass
class Record:
    source: str
    article: dict | None = None
    error: str | None = None
    #: Fields of the input the article model has no place for, left out (JSON).
    ignored: tuple[str, ...] = ()


class FileTime(datetime):
    """A file's modification time, standing in for `--reference-date` when none is given.

    A date without a year ("March 3") takes the latest year that puts it not
    after the reference, so with this one a copy of the file (`git clone`,
    `cp` without `-p`) can read it in another year and, for wire copy without
    a URL, give the article another id. Readers count each such date here
    (`note_year_less`) so the load can say so; here, not in the readers, so a
    preparing process unpickles it without importing them.
    """

    year_less: int = 0

    def note_year_less(self) -> None:
        self.year_less += 1


def year_less(text: str) -> bool:
    """Whether a date as written has no four-digit year (its year comes from the reference)."""
    return FULL_YEAR.search(text) is None


def note_year_less(reference: datetime) -> None:
    """Counts a year-less date resolved against `reference`, when that is a file's time."""
    if isinstance(reference, FileTime):
        reference.note_year_less()
