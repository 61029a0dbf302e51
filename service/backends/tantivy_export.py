"""Date order on one tantivy searcher: a page's runs of one key, and every hit (an export).

tantivy sorts on one field, the combined key (date_keys: second and tie
code), and gives documents of an equal key (ids of one second whose codes
collide, about one pair among 20,000 undated articles) in index order.
Elasticsearch and the README order them by id: `in_id_order` does here, and
`whole_run` reads a run a page's end cuts, so a page holds its run's first
ids, not whichever the index holds first.

Search pages over HTTP carry, in their cursor, the ids already returned with
the last sort key, since the index may change between two pages. An export
reads one snapshot and pages strictly below the last key: each page ends
with its last key's whole run, so nothing is carried from page to page.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterator

import orjson
import tantivy
from tantivy import Occur, Query

from .base import SearchHit
from .tantivy_query import TantivyQueryCompiler

Rows = list[tuple[int, tantivy.DocAddress]]


def stored_id(document: tantivy.Document, id_field: str) -> str:
    """The id a run of one key is ordered by: an article's `id`, a quote's (in its stored JSON)."""
    if id_field == "id":
        return document.get_first("id")
    return orjson.loads(document.get_first("doc"))["id"]


def in_id_order(searcher: tantivy.Searcher, rows: Rows, id_field: str) -> Rows:
    """`rows` (highest key first) with each run of one key in id order."""
    counts = Counter(key for key, _ in rows)
    if len(counts) == len(rows):  # no two share a key: nothing to read
        return rows
    return sorted(rows, key=lambda row: (-row[0], stored_id(searcher.doc(row[1]), id_field)
                                         if counts[row[0]] > 1 else ""))


def whole_run(searcher: tantivy.Searcher, query: Query, sort_field: str, compiler: TantivyQueryCompiler,
              key: int) -> Rows:
    """Every hit of `query` whose `sort_field` is `key`."""
    run = Query.boolean_query([(Occur.Must, query), compiler.key_equals(sort_field, key)])
    count = searcher.search(run, 1, count=True).count
    return searcher.search(run, max(count, 1), count=False, order_by_field=sort_field,
                           order=tantivy.Order.Desc).hits


def date_page(searcher: tantivy.Searcher, query: Query, sort_field: str, compiler: TantivyQueryCompiler,
              rows: Rows, size: int, id_field: str) -> Rows:
    """The `size + 1` first `rows` of a page (highest key first) in date order, ties by id.

    Where the page's end cuts a run (its last hit and the one after share a
    key), the whole run is read so the page ends with the run's lowest ids.
    """
    if len(rows) > size and rows[size][0] == rows[size - 1][0]:
        last = rows[size][0]
        rows = [row for row in rows if row[0] != last] + whole_run(searcher, query, sort_field, compiler, last)
    return in_id_order(searcher, rows, id_field)


def every_hit(searcher: tantivy.Searcher, base: Query, sort_field: str, compiler: TantivyQueryCompiler,
              to_hit: Callable[[tantivy.Document], SearchHit], page_size: int,
              id_field: str = "id") -> Iterator[SearchHit]:
    """`base`'s hits, highest `sort_field` first and a run of one key by id: each
    page after the first holds those below the last key of the one before."""
    below = None
    while True:
        query = base
        if below is not None:
            query = Query.boolean_query([(Occur.Must, base)] + compiler.search_after(sort_field, below - 1, ()))
        rows = searcher.search(query, page_size, count=False, order_by_field=sort_field,
                               order=tantivy.Order.Desc).hits
        complete = len(rows) < page_size
        if not complete:  # the last key's run may go on past the page: read it whole
            below = rows[-1][0]
            rows = [row for row in rows if row[0] != below] + whole_run(searcher, base, sort_field, compiler, below)
        for _, address in in_id_order(searcher, rows, id_field):
            yield to_hit(searcher.doc(address))
        if complete:
            return
