"""A story filed from several bureaus is found and counted under each, on every backend.

"LONDON/NEW YORK, March 3 (Reuters) -" kept London alone as the place, so
`place=New York` missed the story and the place facet counted it under
London only. The dateline now lists every bureau (`dateline.places`).
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE


def _articles() -> list[dict]:
    stories = [("bureaus-1", "LONDON/NEW YORK, March 3 (Reuters) - Oil prices rose, \u201cdemand is strong,\u201d "
                             "trader Ann Lee said."),
               ("bureaus-2", "NEW YORK, March 4 (Reuters) - Oil prices fell."),
               ("bureaus-3", "LONDON, March 5 (Reuters) - Oil prices held.")]
    return [prepare({"id": article_id, "headline": f"Oil report {article_id}", "body": [text],
                     "outlet": "Reuters"}, REFERENCE) for article_id, text in stories]


@pytest.fixture(scope="module", params=BACKENDS)
def bureaus(request, tmp_path_factory):
    engine = own_backend(request, tmp_path_factory, "bureaus", _articles())
    yield engine
    engine.close()


@pytest.mark.parametrize(("place", "expected"), [
    ("New York", ["bureaus-1", "bureaus-2"]), ("London", ["bureaus-1", "bureaus-3"]), ("new york", None),
])
def test_a_story_of_two_bureaus_is_found_under_each(bureaus, place, expected):
    expected = expected or ["bureaus-1", "bureaus-2"]  # keys fold case
    request = SearchRequest(parse("oil"), filters=Filters.build(place=[place]), sort="newest", highlight=False)
    assert sorted(hit.id for hit in bureaus.search(request).hits) == expected


def test_the_place_facet_counts_it_under_each(bureaus):
    request = SearchRequest(parse("oil"), size=1, highlight=False, facets=("place",))
    assert bureaus.search(request).facets == {"place": [{"value": "London", "count": 2},
                                                        {"value": "New York", "count": 2}]}
    quotes = QuoteSearchRequest(parse(""), filters=Filters.build(place=["New York"]), highlight=False,
                                facets=("place",))
    page = bureaus.search_quotes(quotes)
    assert [hit.id for hit in page.hits] == ["bureaus-1#q0"]
    assert page.facets == {"place": [{"value": "London", "count": 1}, {"value": "New York", "count": 1}]}
    assert page.hits[0].article["article"]["dateline"]["places"] == ["London", "New York"]
