"""Bulk export of a search or a quote search as CSV or JSONL, streamed.

Rows are produced one page of hits at a time and written out as they come,
so an export of a million articles needs no more memory than one of ten.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterable, Iterator

from .backends.base import SearchBackend
from .quotes import quote_request
from .search import build_request

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
#: `authors` and `tags` last: they came later, and a sheet reading columns by place keeps its own.
ARTICLE_COLUMNS = ("id", "headline", "outlet", "place", "agency", "published_at", "url", "sources",
                   "quote_count", "authors", "tags")
#: `agency` too: a wire story's quotes often have no outlet, only the agency of its dateline.
QUOTE_COLUMNS = ("id", "statement_id", "text", "kind", "speaker", "cue", "source", "source_kind",
                 "article_id", "headline", "outlet", "place", "agency", "published_at", "url")


def article_rows(backend: SearchBackend, args: dict) -> Iterator[dict]:
    """Validates first (a bad query raises before anything streams), then yields rows."""
    hits = backend.export(build_request({**args, "sort": args.get("sort", "newest")}))
    return (_article_row(hit.article) for hit in _started(hits))


def quote_rows(backend: SearchBackend, args: dict) -> Iterator[dict]:
    hits = backend.export_quotes(quote_request({**args, "sort": args.get("sort", "newest")}))
    return (_quote_row(hit.article) for hit in _started(hits))


def _started(hits: Iterator) -> Iterator:
    """Run the generator up to its first hit now, so errors surface before the 200."""
    iterator = iter(hits)
    first = next(iterator, None)

    def chained():
        if first is not None:
            yield first
            yield from iterator

    return chained()


def _article_row(article: dict) -> dict:
    dateline = article.get("dateline") or {}
    return {
        "id": article["id"], "headline": article.get("headline"), "outlet": article.get("outlet"),
        "place": dateline.get("place"), "agency": dateline.get("agency"),
        "published_at": dateline.get("published_at"), "url": article.get("url"),
        "sources": article.get("sources") or [], "quote_count": article.get("quote_count", 0),
        "authors": article.get("authors") or [], "tags": article.get("tags") or [],
    }


def _quote_row(quote: dict) -> dict:
    article = quote.get("article") or {}
    dateline = article.get("dateline") or {}
    source = quote.get("source") or {}
    return {
        "id": quote["id"], "statement_id": quote.get("statement_id"), "text": quote.get("text"),
        "kind": quote.get("kind"), "speaker": quote.get("speaker"), "cue": quote.get("cue"),
        "source": source.get("name"), "source_kind": source.get("kind"),
        "article_id": article.get("id"), "headline": article.get("headline"),
        "outlet": article.get("outlet"), "place": dateline.get("place"), "agency": dateline.get("agency"),
        "published_at": dateline.get("published_at"), "url": article.get("url"),
    }


#: Line ends to Python's `str.splitlines` (and to some JSONL readers) that JSON lets
#: stand unescaped in a string (NEL, LS, PS; it escapes the controls below U+0020):
#: escaped, one row stays one line to every reader.
_LINE_BREAKS_IN_TEXT = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _json_line(row: dict) -> str:
    line = json.dumps(row, ensure_ascii=False)
    if not line.isascii():  # three C-speed replaces, only where they can find something
        for character, escaped in _LINE_BREAKS_IN_TEXT:
            line = line.replace(character, escaped)
    return line + "\n"


def encode(rows: Iterable[dict], fmt: str, columns: tuple[str, ...]) -> Iterator[str]:
    if fmt == "jsonl":
        yield from map(_json_line, rows)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):  # sources: "kind:name; kind:name"
        text = "; ".join(f"{v.get('kind')}:{v.get('name')}" if isinstance(v, dict) else str(v) for v in value)
    else:
        text = str(value)
    return neutralised(text)


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as text: one starting like a formula gets a leading `'`
    (OWASP's advice against CSV injection); the JSONL export keeps text as it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
