"""One page of a search on the embedded index, and the cursor to the next.

Date sorts page by search-after on (sort key, id), ties settled in id order
as an export settles them (`tantivy_export.date_page`); best-match order
pages by offset, up to the relevance window.
"""
from __future__ import annotations

import tantivy
from tantivy import Occur, Query

from .base import SearchPage, SearchRequest
from .cursors import Cursor, next_cursor
from .date_keys import SORT_FIELDS
from .deadline import Deadline
from .tantivy_export import date_page
from .tantivy_query import TantivyQueryCompiler


def search_page(searcher: tantivy.Searcher, base: Query, request: SearchRequest, cursor: Cursor | None,
                compiler: TantivyQueryCompiler, id_field: str, to_hit, deadline: Deadline, window: int) -> SearchPage:
    """One page of hits, by relevance (offset, within the first `window` hits) or by date (search-after)."""
    sort_field = SORT_FIELDS.get(request.sort)
    if sort_field:
        page_query = base
        if cursor is not None:
            clauses = [(Occur.Must, base)]
            clauses += compiler.search_after(sort_field, cursor.key, cursor.seen, id_field)
            page_query = Query.boolean_query(clauses)
        result = searcher.search(page_query, request.size + 1, count=True,
                                 order_by_field=sort_field, order=tantivy.Order.Desc)
        total = searcher.search(base, 1, count=True).count if cursor else result.count
        rows = date_page(searcher, page_query, sort_field, compiler, result.hits, request.size, id_field)
    else:
        offset = cursor.offset if cursor else 0
        limit = min(request.size + 1, window - offset)
        result = searcher.search(base, limit, count=True, offset=offset)
        total = result.count
        rows = result.hits
    more = len(rows) > request.size
    hits, keys = [], []
    for score, address in rows[: request.size]:
        deadline.check("loading hits")
        hits.append(to_hit(searcher.doc(address), None if sort_field else float(score)))
        keys.append(int(score) if sort_field else 0)
    return SearchPage(total=total, hits=hits,
                      next_cursor=next_cursor(request, cursor, hits, keys, more))
