"""Searches on article text skip the document-type clause: quote documents keep
their article's headline in fields of their own, so no quote can match such a
search. Held here by comparing hits with and without the clause."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tantivy import Occur, Query

from service.backends.base import SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.backends.tantivy_documents import ARTICLE
from service.backends.tantivy_query import article_only
from service.query import parse

from tests.contract.corpus import corpus

WORDS = ["harbour", "talks", "red", "line", "baku", "said", "minister", "flood", "dredging", "oil"]
SCOPES = ["", "headline:", "body:", "quote:", "speaker:", "outlet:"]


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    engine = EmbeddedBackend(tmp_path_factory.mktemp("doc-type"))
    assert not engine.upsert(corpus()).failed
    return engine


def _hits(backend, query: Query) -> list[str]:
    searcher = backend.index.searcher()
    return sorted(searcher.doc(address).get_first("doc").decode()
                  for _, address in searcher.search(query, 1000, count=False).hits)


def _leaf(draw) -> str:
    scope = draw(st.sampled_from(SCOPES))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2))
    return f'{scope}"{" ".join(words)}"' if len(words) > 1 else scope + words[0]


@st.composite
def queries(draw, depth=2) -> str:
    if depth == 0 or draw(st.booleans()):
        return _leaf(draw)
    parts = draw(st.lists(queries(depth=depth - 1), min_size=1, max_size=3))
    joiner = draw(st.sampled_from([" ", " OR ", " AND "]))
    text = "(" + joiner.join(parts) + ")"
    return ("-" + text) if draw(st.integers(0, 4)) == 0 else text


@settings(max_examples=150, deadline=None)
@given(queries())
def test_article_searches_match_articles_only_without_the_type_clause(backend, text):
    request = SearchRequest(parse(text))
    searcher = backend._searcher()
    compiled = backend._query(ARTICLE, request, searcher)
    typed = Query.boolean_query([(Occur.Must, backend.compiler.reading(searcher).compile(request.query)),
                                 (Occur.Must, backend._doc_type(ARTICLE))])
    assert _hits(backend, compiled) == _hits(backend, typed)


@pytest.mark.parametrize("text, expected", [
    ("harbour", True), ('headline:"red line"', True), ("body:flood -quote:oil", True),
    ("quote:oil", False), ("speaker:baku OR harbour", False), ("speaker:baku harbour", True),
    ("-harbour", False), ("", False),
])
def test_article_only(text, expected):
    assert article_only(parse(text)) is expected
