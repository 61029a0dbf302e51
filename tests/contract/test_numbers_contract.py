"""Figures with a thousands separator or a decimal point ("1,987", "3.5", "51,187,000") are
found by the same words on every backend.

The embedded tokenizer cuts such a figure at its comma or point ("1", "987"); Elasticsearch's
standard tokenizer (UAX #29) keeps it whole. So `987` found "1,987 tonnes" on the embedded
index only, and near spellings of a figure (`188~1`, `1987~`) found and marked other
articles on each engine: on 2,000 Reuters stories `1987~` found 754 on one, 747 on the other.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _as_given

STORIES = {
    "tonnes": ("Output 1,987 tonnes", ["Output rose to 1,987 tonnes from 3.5 mln."]),
    "writedown": ("Writedown", ["The company took a 51,187,000 dlr writedown."]),
    "plain": ("Plain", ["Output was 900 tonnes in 1986."]),
}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    articles = [prepare({"id": key, "headline": headline, "body": body, "outlet": "Wire"}, REFERENCE,
                        extractor=_as_given) for key, (headline, body) in STORIES.items()]
    backend = own_backend(request, tmp_path_factory, "numbers", articles)
    yield backend
    backend.close()


def _found(engine, q: str, highlight: bool = False):
    page = engine.search(SearchRequest(parse(q), size=10, sort="newest", highlight=highlight))
    return page


@pytest.mark.parametrize("q, found", [
    ("987", {"tonnes"}),
    ("1,987", {"tonnes"}),
    ('"1,987 tonnes"', {"tonnes"}),
    ("5", {"tonnes"}),
    ("3.5", {"tonnes"}),
    ("187", {"writedown"}),
    ("51,187,000", {"writedown"}),
    ("188~1", {"writedown"}),
    ("1987~", {"tonnes", "plain", "writedown"}),   # 987, 1986 and 187 one edit away
])
def test_a_figure_is_found_by_its_parts_on_every_backend(engine, q, found):
    assert {hit.id for hit in _found(engine, q).hits} == found


def test_a_figure_is_marked_alike_on_every_backend(engine):
    hit, = _found(engine, "body:187", highlight=True).hits
    assert hit.highlights["body"] == ["The company took a 51,<em>187</em>,000 dlr writedown."]
