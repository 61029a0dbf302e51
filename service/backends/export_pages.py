"""Exports page through every hit by search-after, so memory stays flat at any depth."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # annotations only: base exports through every_hit
    from .base import SearchHit, SearchRequest

#: Hits fetched per round while exporting.
EXPORT_PAGE = 500


def export_request(request: SearchRequest) -> SearchRequest:
    """`request` as an export runs it: every hit in date order (or, for articles, the order
    they were last written in: the search page's 'Recently added'), pages of EXPORT_PAGE, no extras."""
    sort = request.sort if request.sort in ("newest", "oldest", "ingested") else "newest"
    return replace(request, sort=sort, size=EXPORT_PAGE, highlight=False, facets=(), cursor=None)


def every_hit(search, request: SearchRequest) -> Iterator[SearchHit]:
    """Page through all hits of `request` in date order with `search(request)`."""
    request = export_request(request)
    while True:
        page = search(request)
        yield from page.hits
        if not page.next_cursor:
            return
        request = replace(request, cursor=page.next_cursor)
