"""An article longer than Elasticsearch reads for highlighting by default.

Elasticsearch refuses a highlighted search whose hit has a field longer than
`index.highlight.max_analyzed_offset` (1,000,000 characters), so one such
article made every search that found it fail. The search must find it, and
mark what it can, on every backend.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _as_given

PARAGRAPH = ("The committee said inflation would ease next year as energy prices fell and wage growth slowed, "
             "and it kept its main rate unchanged for a fourth month. ")
LONG_BODY = [PARAGRAPH * 8] * 1_000  # about 1.2 million characters


@pytest.fixture(scope="module", params=BACKENDS)
def long_article_backend(request, tmp_path_factory):
    article = prepare({"id": "long-report", "headline": "Committee report on inflation", "body": LONG_BODY},
                      REFERENCE, extractor=_as_given)
    assert sum(map(len, article["body"])) > 1_000_000
    backend = own_backend(request, tmp_path_factory, "long-article", [article])
    yield backend
    backend.close()


@pytest.mark.parametrize("query", ["inflation", '"ease next year"', "headline:committee"])
def test_an_article_over_a_million_characters_is_found_and_highlighted(long_article_backend, query):
    page = long_article_backend.search(SearchRequest(query=parse(query)))
    assert [hit.id for hit in page.hits] == ["long-report"]
    marked = page.hits[0].highlights
    assert "<em>" in " ".join([*marked.get("body", []), marked.get("headline") or ""])
