"""What a reader yields for each input: an article, or why there is none.

A module of its own, apart from the readers: a load sends records to its
preparing processes, and unpickling one there must not import every reader
(trafilatura, dateparser: 0.4 s of CPU in each process, see loaders/jobs.py).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Record:
    source: str
    article: dict | None = None
    error: str | None = None
    #: Fields of the input the article model has no place for, left out (JSON).
    ignored: tuple[str, ...] = ()
