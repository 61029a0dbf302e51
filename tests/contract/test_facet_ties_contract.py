"""A tie at a facet's cut is ranked whole, by the value shown, on every backend.

The engines report each facet's top `size * 1.5 + 10` keys, breaking ties
by key (Elasticsearch) or by code (the embedded index), and the backends rank
them by count, then by the value shown. Where the engine's list ended inside
a tie, each backend ranked a different part of it: a search of a few articles
citing many sources once each listed other sources on each backend, and
neither the first by the documented order.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.backends.facet_counting import part_size
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given

#: Lower-case names sort after "ZZ Top" as shown, and before it as keys ("zz top").
NAMES = [f"officials of agency {n:02d}" for n in range(40)] + ["ZZ Top"]


def _cited_once_each() -> dict:
    return prepare(_article("ties-1", "Harbour report", ["Many sources spoke about the harbour."],
                            outlet="Reuters", published="2025-03-03T10:00:00Z",
                            quotes=[{"text": f"the harbour {n}", "kind": "partial", "speaker": name, "source": name}
                                    for n, name in enumerate(NAMES)],
                            sources=[{"name": name, "kind": "person" if name == "ZZ Top" else "anonymous"}
                                     for name in NAMES]),
                   REFERENCE, extractor=_as_given)


@pytest.fixture(scope="module", params=BACKENDS)
def tied(request, tmp_path_factory):
    engine = own_backend(request, tmp_path_factory, "facet-ties", [_cited_once_each()])
    yield engine
    engine.close()


@pytest.mark.parametrize("size", [1, 3, 20])
def test_a_tie_longer_than_the_engines_list_is_ranked_whole(tied, size):
    assert len(NAMES) > part_size(size)  # the engine's list ends inside the tie
    expected = [{"value": name, "count": 1} for name in sorted(NAMES)[:size]]
    assert expected[0]["value"] == "ZZ Top"
    request = SearchRequest(parse("harbour"), size=1, highlight=False, facets=("source", "speaker"), facet_size=size)
    assert tied.search(request).facets == {"source": expected, "speaker": expected}
    quotes = QuoteSearchRequest(parse(""), size=1, highlight=False, facets=("speaker",), facet_size=size)
    assert tied.search_quotes(quotes).facets == {"speaker": expected}


@pytest.mark.parametrize("size", [1, 3, 20])
def test_source_counts_rank_a_long_tie_whole(tied, size):
    """`/sources` ranks by articles, then kind, then name: the same cut on every backend."""
    entries = sorted((("person" if name == "ZZ Top" else "anonymous"), name) for name in NAMES)
    expected = [{"name": name, "kind": kind, "articles": 1} for kind, name in entries[:size]]
    assert tied.source_counts(Filters(), size) == expected
    assert tied.source_counts(Filters(), size, ["person"]) == [{"name": "ZZ Top", "kind": "person", "articles": 1}]
