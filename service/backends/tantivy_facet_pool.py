"""Facet counts of the embedded index, run beside the page that asked for them.

A faceted search spends most of its time aggregating; tantivy releases the
GIL meanwhile, so the counts run in a pool while the page's hits are loaded
and highlighted, and the counts of one search on one index version are
remembered for its next page.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from functools import partial
from typing import Callable

import tantivy
from tantivy import Query

from .base import SearchRequest
from .deadline import Deadline
from .tantivy_facets import FacetCounts

#: Threads counting facets beside the searches that asked (one per request thread is plenty).
FACET_THREADS = 4
#: Faceted searches whose counts are remembered per index version (FacetCounts).
FACET_CACHE_SIZE = 256


class FacetPool:
    """Counts facets with `count(searcher, query, request, version)` in threads of its own."""

    def __init__(self, count: Callable[[tantivy.Searcher, Query, SearchRequest, tuple | None], dict],
                 cache_size: int = FACET_CACHE_SIZE):
        self._count = count
        self._pool = ThreadPoolExecutor(max_workers=FACET_THREADS, thread_name_prefix="facets")
        self._counts = FacetCounts(cache_size)

    def start(self, searcher, query: Query, request: SearchRequest, remembered=None) -> Future | None:
        """Facets are counted in another thread while the page's hits are loaded
        and highlighted: tantivy releases the GIL as it aggregates, so a second
        core shortens a faceted search by the shorter of the two. With a key
        `remembered` (which starts with the index version), counts of the same
        search on the same version are reused (FacetCounts), and the spellings
        of counted keys are remembered for that version (FacetCounter)."""
        if not request.facets:
            return None
        if remembered is not None and (counts := self._counts.get(remembered)) is not None:
            counted: Future = Future()
            counted.set_result(counts)
            return counted
        version = None if remembered is None else remembered[0]  # the index version it counts
        counting = self._pool.submit(self._count, searcher, query, request, version)
        if remembered is not None:
            counting.add_done_callback(partial(self._remember, remembered))
        return counting

    def _remember(self, key, counting: Future) -> None:
        """Counts that came through (also after their search's deadline: the next asks again)."""
        if not counting.cancelled() and counting.exception() is None:
            self._counts.put(key, counting.result())

    @staticmethod
    def result(counting: Future | None, deadline: Deadline) -> dict:
        if counting is None:
            return {}
        try:
            return counting.result(timeout=deadline.remaining())
        except FutureTimeout:
            deadline.expired("counting facets")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def facet_key(version: tuple | None, doc_type: str, request: SearchRequest, statements: list[str] | None = None):
    """What a search's facet counts depend on (None: not to be remembered, as in an
    export's own snapshot): the index version, the query and filters, the facets."""
    if version is None:
        return None
    return (version, doc_type, request.query, request.filters, request.facets, request.facet_size,
            None if statements is None else tuple(statements))
