"""The default sort of a search that only excludes words, on every backend.

The README: `relevance` is the default when `q` has words, `newest` when it
has none, since every score would be the same. A query of exclusions only
(`-geneva`, `NOT 🌊`) ranks nothing: each match scores alike, so best-match
order was each engine's own (tantivy's index order, Elasticsearch's by id),
and the same request listed the same articles in another order on each.
"""
from __future__ import annotations

import pytest

from service.backends.base import QuoteSearchRequest, SearchRequest
from service.query import parse
from service.quotes import search_quotes
from service.search import search


def _ids(page) -> list[str]:
    return [hit.id for hit in page.hits]


@pytest.mark.parametrize("q", ["-geneva", "NOT 🌊", "-() -talks", "NOT (flood OR storm)"])
def test_a_search_excluding_words_only_lists_newest_first(backend, q):
    page = search(backend, {"q": q, "size": 100, "highlight": False})
    newest = backend.search(SearchRequest(parse(q), sort="newest", size=100, highlight=False))
    assert len(newest.hits) > 20
    assert _ids(page) == _ids(newest)
    assert all(hit.score is None for hit in page.hits)


def test_a_quote_search_excluding_words_only_lists_newest_first(backend):
    page = search_quotes(backend, {"q": "-line", "size": 100, "highlight": False})
    newest = backend.search_quotes(QuoteSearchRequest(parse("-line"), sort="newest", size=100, highlight=False))
    assert len(newest.hits) >= 3
    assert _ids(page) == _ids(newest)


def test_a_search_with_a_word_still_ranks_by_best_match(backend):
    page = search(backend, {"q": "harbour -bulletin", "size": 100, "highlight": False})
    assert page.hits and all(hit.score is not None for hit in page.hits)
