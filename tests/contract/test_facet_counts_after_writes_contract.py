"""A facet counts what its filter finds after many writes, on every backend.

Each commit of the embedded index is a segment of its own until tantivy
merges them, and each segment reported only its top `size * 1.5 + 10`
values (`facet_counting.part_size`): a value below that cut in one segment lost its
count there. On an index written more than once (a load after a reindex,
the articles posted since) `place=Zed Harbour` found 41 articles and its
bucket said 40. Elasticsearch (one shard) counted 41.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import Filters, SearchRequest
from service.backends.facet_counting import part_size
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given

#: Places filed 2, 3, ... times each: counts without ties, which are counted again whole anyway.
PORTS = [f"Port {n:02d}" for n in range(part_size(10) + 5)]


def _filed(id: str, place: str) -> dict:
    return prepare(_article(id, f"Harbour report from {place}", ["The harbour reopened."], outlet="Reuters",
                            place=place, published="2025-03-03T10:00:00Z"), REFERENCE, extractor=_as_given)


@pytest.fixture(scope="module", params=BACKENDS)
def written_twice(request, tmp_path_factory):
    """Zed Harbour is the least filed place of the first write, the most of the second."""
    first = [_filed(f"ports-{i}-{n}", port) for i, port in enumerate(PORTS) for n in range(i + 2)]
    engine = own_backend(request, tmp_path_factory, "facets-written-twice", [*first, _filed("zed-0", "Zed Harbour")])
    assert not engine.upsert([_filed(f"zed-{n}", "Zed Harbour") for n in range(1, 41)]).failed
    yield engine
    engine.close()


def test_a_facet_counts_a_value_the_first_write_held_below_the_cut(written_twice):
    page = written_twice.search(SearchRequest(parse(""), size=1, highlight=False, facets=("place",)))
    assert page.facets["place"][0] == {"value": "Zed Harbour", "count": 41}
    for bucket in page.facets["place"]:
        found = written_twice.search(SearchRequest(parse(""), size=1, highlight=False,
                                                   filters=Filters.build(place=[bucket["value"]])))
        assert found.total == bucket["count"], bucket
