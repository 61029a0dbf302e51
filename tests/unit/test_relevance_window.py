"""Best-match order stops at MAX_RELEVANCE_WINDOW hits: a page there says so
(`relevance_window_end`), so a client tells "no more matches" from "no more in
this order" and can go on by date."""
from __future__ import annotations

from dataclasses import replace

import pytest

from service.backends.base import SearchHit, SearchPage, SearchRequest
from service.backends.cursors import MAX_RELEVANCE_WINDOW, Cursor, relevance_window_ended
from service.query import parse

REQUEST = SearchRequest(query=parse("fishermen"), size=10)


def _page(count: int, total: int, next_cursor: str | None = None) -> SearchPage:
    hits = [SearchHit(id=f"a{i}", score=1.0, article={"id": f"a{i}"}) for i in range(count)]
    return SearchPage(total=total, hits=hits, next_cursor=next_cursor)


def _at(offset: int, request: SearchRequest = REQUEST) -> SearchRequest:
    return replace(request, cursor=Cursor(request.fingerprint(), offset=offset).encode())


def test_the_last_page_of_the_window_ends_it_when_more_matched():
    assert relevance_window_ended(_at(MAX_RELEVANCE_WINDOW - 10), _page(10, 25_000))


@pytest.mark.parametrize("request_, page", [
    (_at(MAX_RELEVANCE_WINDOW - 10), _page(10, MAX_RELEVANCE_WINDOW)),  # the matches ran out too
    (_at(MAX_RELEVANCE_WINDOW - 20), _page(10, 25_000, next_cursor="more")),  # pages on
    (REQUEST, _page(7, 7)),  # a short search's only page
    (_at(MAX_RELEVANCE_WINDOW - 10, replace(REQUEST, sort="newest")), _page(10, 25_000)),  # dates page on
    (_at(MAX_RELEVANCE_WINDOW - 10), _page(0, 25_000)),
])
def test_other_last_pages_do_not(request_, page):
    assert not relevance_window_ended(request_, page)


def test_the_api_says_whether_the_window_ended(client):
    body = client.get("/search?q=said&size=1").get_json()
    assert body["relevance_window_end"] is False
    spec = client.get("/openapi.json").get_json()
    page = spec["components"]["schemas"]["SearchPage"]["properties"]
    assert page["relevance_window_end"]["type"] == "boolean"


def test_quote_search_says_it_too(client):
    body = client.get("/quotes?q=said&size=1").get_json()
    assert body["relevance_window_end"] is False
    spec = client.get("/openapi.json").get_json()
    assert spec["components"]["schemas"]["QuotePage"]["properties"]["relevance_window_end"]["type"] == "boolean"


def test_a_quote_search_request_is_judged_alike():
    from service.backends.base import QuoteSearchRequest

    request = QuoteSearchRequest(query=parse("harbour"), size=10)
    assert relevance_window_ended(_at(MAX_RELEVANCE_WINDOW - 10, request), _page(10, 25_000))
