"""Documents of one second whose ids' tie codes collide come in id order, on every backend.

Date sorts order one second (and the undated) by a 28-bit code of the id,
then by id (README, docs/engine-notes.md). Codes collide: among 20,000
undated articles, about one pair does. Elasticsearch sorts (second, tie, id);
the embedded index gave such a pair in index order, so the same listing (and
its export) came in another order there, and changed when an article was
written again.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from loaders.pipeline import prepare
from service.backends.base import QuoteSearchRequest, SearchRequest
from service.backends.date_keys import tie_code
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given

#: Ids whose codes collide: undated, of one second, and whose first quotes' ids (`<id>#q0`) do.
UNDATED_PAIR = ("undated-14963", "undated-48657")
DATED_PAIR = ("dated-14033", "dated-6392")
#: A quote's code is its article's code with its place in the low bits (date_keys.tie_code):
#: these articles' codes agree above those bits.
QUOTE_PAIR = ("tie-594", "tie-861")
ARTICLE_PAIRS = [UNDATED_PAIR, DATED_PAIR]
SECOND = "2025-03-03T10:00:00Z"


def _prepared(article_id: str, published: str | None) -> dict:
    return prepare(_article(article_id, f"Tide report {article_id}", [f"Tide report {article_id}."],
                            outlet="Reuters", published=published,
                            quotes=[{"text": f"the tide {article_id}", "kind": "partial",
                                     "speaker": "Ann Lee", "source": "Ann Lee"}],
                            sources=[{"name": "Ann Lee", "kind": "person"}]),
                   REFERENCE, extractor=_as_given)


def _articles() -> list[dict]:
    """Each pair with the larger id first (so first in index order), among neighbours of its second."""
    pairs = [(UNDATED_PAIR, None), (DATED_PAIR, SECOND), (QUOTE_PAIR, SECOND)]
    written = [_prepared(article_id, published) for (low, high), published in pairs for article_id in (high, low)]
    return written + [_prepared(f"tide-{n}", SECOND) for n in range(3)] + [
        _prepared(f"tide-u{n}", None) for n in range(3)]


@pytest.fixture(scope="module", params=BACKENDS)
def colliding(request, tmp_path_factory):
    engine = own_backend(request, tmp_path_factory, "tie-collisions", [])
    for article in _articles():  # one write each: the larger id first in index order
        result = engine.upsert([article])
        assert not result.failed, result.failed
    yield engine
    engine.close()


def test_the_pairs_collide():
    for low, high in ARTICLE_PAIRS:
        assert tie_code(low) == tie_code(high)
    assert tie_code(QUOTE_PAIR[0] + "#q0") == tie_code(QUOTE_PAIR[1] + "#q0")


def _paged(search, request) -> list[str]:
    found = []
    while True:
        page = search(request)
        found += [hit.id for hit in page.hits]
        if not page.next_cursor:
            return found
        request = replace(request, cursor=page.next_cursor)


def _in_order(order: list[str], first: str, second: str) -> bool:
    return order.index(first) < order.index(second)


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_colliding_articles_come_in_id_order(colliding, sort, size):
    request = SearchRequest(parse(""), size=size, sort=sort, highlight=False)
    order = _paged(colliding.search, request)
    assert len(order) == len(set(order)) == len(_articles())
    for low, high in ARTICLE_PAIRS:
        assert _in_order(order, low, high), order
    assert order == [hit.id for hit in colliding.export(SearchRequest(parse(""), sort=sort))]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("size", [1, 2, 100])
def test_colliding_quotes_come_in_id_order(colliding, sort, size):
    request = QuoteSearchRequest(parse(""), size=size, sort=sort, highlight=False)
    order = _paged(colliding.search_quotes, request)
    assert len(order) == len(set(order)) == len(_articles())
    assert _in_order(order, QUOTE_PAIR[0] + "#q0", QUOTE_PAIR[1] + "#q0"), order
    assert order == [hit.id for hit in colliding.export_quotes(QuoteSearchRequest(parse(""), sort=sort))]


@pytest.mark.parametrize("page", [1, 2, 3])
@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_an_export_in_small_pages_gives_colliding_runs_in_id_order(colliding, monkeypatch, sort, page):
    """An export pages too (EXPORT_PAGE, 500 in service): a run its page's end cuts stays in id order."""
    from service.backends import export_pages

    whole = _paged(colliding.search, SearchRequest(parse(""), size=100, sort=sort, highlight=False))
    quotes = _paged(colliding.search_quotes, QuoteSearchRequest(parse(""), size=100, sort=sort, highlight=False))
    monkeypatch.setattr(export_pages, "EXPORT_PAGE", page)
    assert [hit.id for hit in colliding.export(SearchRequest(parse(""), sort=sort))] == whole
    assert [hit.id for hit in colliding.export_quotes(QuoteSearchRequest(parse(""), sort=sort))] == quotes
