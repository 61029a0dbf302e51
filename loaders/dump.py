"""`python -m loaders dump`: every article the index holds, whole, as JSON Lines.

What a newsroom needs to move its archive to the other backend (the
embedded index outgrown, Elasticsearch for several machines) or to keep a
backup no schema version binds: articles posted through the API exist
nowhere else, and `/export` writes summaries. Each line is the article as
stored (its id, text, dateline, quotes and sources as extracted, content
hash), so `python -m loaders load` of the file into any backend indexes the
same articles under the same ids without extracting them again, and loading
it into an index that holds them already changes nothing.
"""
from __future__ import annotations

import gzip
import io
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

import orjson

from service.backends.base import SearchBackend, SearchRequest
from service.backends.export_pages import EXPORT_PAGE
from service.query import parse

#: What a load computes again (a load stamps its own time, and hashes the content as it reads it).
RECOMPUTED = ("ingested_at", "content_hash")


def stored_articles(backend: SearchBackend) -> Iterator[dict]:
    """Every article, oldest first (then by id), whole, one lookup per page of ids.

    The ids come from one snapshot (`export`); an article deleted while the
    dump runs is left out, one changed meanwhile is written as it is then.
    """
    ids: list[str] = []
    for hit in backend.export(SearchRequest(parse(""), sort="oldest", size=EXPORT_PAGE, highlight=False)):
        ids.append(hit.id)
        if len(ids) >= EXPORT_PAGE:
            yield from _whole(backend, ids)
            ids = []
    yield from _whole(backend, ids)


def _whole(backend: SearchBackend, ids: list[str]) -> Iterator[dict]:
    if not ids:
        return
    found = backend.get_many(ids)
    for article_id in ids:
        article = found.get(article_id)
        if article is not None:
            yield {name: value for name, value in article.items() if name not in RECOMPUTED}


def write_lines(articles: Iterator[dict], out: TextIO) -> int:
    """Writes each article as one line; how many."""
    written = 0
    for article in articles:
        out.write(orjson.dumps(article).decode() + "\n")
        written += 1
    out.flush()
    return written


@contextmanager
def output(path: str) -> Iterator[TextIO]:
    """Standard output for "-", a gzip file for a name ending in .gz, else a text file.

    Written under a temporary name and renamed when complete, so an
    interrupted dump never leaves a file that looks whole.
    """
    import sys

    if path == "-":
        yield sys.stdout
        return
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    raw = gzip.open(partial, "wb") if target.suffix == ".gz" else open(partial, "wb")
    try:
        with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as text:
            yield text
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
