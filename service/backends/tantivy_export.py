"""Every hit of a search in date order, from one tantivy searcher (an export).

Search pages over HTTP carry, in their cursor, the ids already returned with
the last sort key, since the index may change between two pages. Every
undated document has the same key, so exporting a few thousand undated
articles grew that list past the longest cursor accepted (and made each
page exclude more ids): the export stopped half-way. An export reads one
snapshot, on which tantivy orders documents of equal key the same way in
every search (by document address), so here a run of equal keys is paged by
offset: nothing grows with the run.
"""
from __future__ import annotations

from typing import Callable, Iterator

import tantivy
from tantivy import Occur, Query

from .base import SearchHit
from .tantivy_query import TantivyQueryCompiler


def every_hit(searcher: tantivy.Searcher, base: Query, sort_field: str, compiler: TantivyQueryCompiler,
              to_hit: Callable[[tantivy.Document], SearchHit], page_size: int) -> Iterator[SearchHit]:
    """`base`'s hits, highest `sort_field` first: after the first page, those at
    or below the last key seen, skipping the ones of that key already given."""
    key, skip = None, 0
    while True:
        query = base
        if key is not None:
            query = Query.boolean_query([(Occur.Must, base)] + compiler.search_after(sort_field, key, ()))
        rows = searcher.search(query, page_size, count=False, order_by_field=sort_field,
                               order=tantivy.Order.Desc, offset=skip).hits
        for _, address in rows:
            yield to_hit(searcher.doc(address))
        if len(rows) < page_size:
            return
        last = rows[-1][0]
        run = sum(1 for value, _ in rows if value == last)
        key, skip = last, (skip + run if last == key else run)
