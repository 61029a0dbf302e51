"""`author` and `tag` filter and count an article's `authors` (its byline) and
`tags` on every backend, as the other name filters do: whole names, any case,
accents, hyphens and periods; several values ORed. A quote takes its article's."""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE

STORIES = [
    {"id": "flood", "headline": "River breaks its banks in Brenning", "authors": ["Lena Okafor", "Tomás Reyes"],
     "tags": ["Floods", "Brenning"],
     "body": ['"We lost the lower town in an hour," said Mayor Ida Sand.', "Water rose overnight."]},
    {"id": "bridge", "headline": "Temporary bridge opens in Brenning", "authors": ["Lena Okafor"],
     "tags": ["brenning", "Transport"], "body": ["The army built the bridge in two days."]},
    {"id": "budget", "headline": "Council passes the budget", "authors": ["Tomas Reyes"], "tags": ["Politics"],
     "body": ['"It is a careful budget," said councillor Jon Berg.']},
    {"id": "wire", "headline": "Markets close higher", "body": ["Shares rose on Tuesday."]},
    {"id": "hyphen", "headline": "Port expands", "authors": ["Anne-Marie O'Neill"], "tags": ["Ports"],
     "body": ["The port will add two berths."]},
]


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    articles = [prepare({**story, "outlet": "Courier"}, REFERENCE) for story in STORIES]
    backend = own_backend(request, tmp_path_factory, "bylines", articles)
    yield backend
    backend.close()


def _ids(engine, q: str = "", **keywords) -> list[str]:
    page = engine.search(SearchRequest(parse(q), filters=Filters.build(**keywords), size=20, highlight=False))
    return sorted(hit.id for hit in page.hits)


@pytest.mark.parametrize(("keywords", "expected"), [
    ({"author": ["Lena Okafor"]}, ["bridge", "flood"]),
    ({"author": ["LENA OKAFOR"]}, ["bridge", "flood"]),
    ({"author": ["Tomas Reyes"]}, ["budget", "flood"]),  # "Tomás" folds to "Tomas"
    ({"author": ["anne marie o’neill"]}, ["hyphen"]),  # the hyphen, the curly apostrophe
    ({"author": ["Okafor"]}, []),  # the whole name, as every name filter
    ({"author": ["Lena Okafor", "Anne-Marie O'Neill"]}, ["bridge", "flood", "hyphen"]),
    ({"tag": ["Brenning"]}, ["bridge", "flood"]),  # "Brenning" and "brenning" are one tag
    ({"tag": ["floods"]}, ["flood"]),
    ({"tag": ["Brenning"], "author": ["Tomas Reyes"]}, ["flood"]),
])
def test_author_and_tag_filters_match_whole_names(engine, keywords, expected):
    assert _ids(engine, **keywords) == expected


def test_author_filter_narrows_a_query(engine):
    assert _ids(engine, "Brenning", author=["Lena Okafor"]) == ["bridge", "flood"]
    assert _ids(engine, "budget OR bridge", author=["Tomas Reyes"]) == ["budget"]


def test_author_and_tag_facets_count_each_article_once(engine):
    page = engine.search(SearchRequest(parse(""), facets=("author", "tag"), facet_size=10, size=1))
    authors = {bucket["value"]: bucket["count"] for bucket in page.facets["author"]}
    tags = {bucket["value"].casefold(): bucket["count"] for bucket in page.facets["tag"]}
    # "Tomás Reyes" and "Tomas Reyes" are one author, shown in the spelling a tie gives (code point order).
    assert authors == {"Lena Okafor": 2, "Tomas Reyes": 2, "Anne-Marie O'Neill": 1}
    assert tags == {"brenning": 2, "floods": 1, "transport": 1, "politics": 1, "ports": 1}


def test_quotes_take_their_article_authors_and_tags(engine):
    def quote_articles(**keywords):
        page = engine.search_quotes(QuoteSearchRequest(parse(""), filters=Filters.build(**keywords), size=20,
                                                       highlight=False))
        return sorted({hit.id.partition("#q")[0] for hit in page.hits})

    assert quote_articles(author=["Lena Okafor"]) == ["flood"]
    assert quote_articles(author=["Tomas Reyes"]) == ["budget", "flood"]
    assert quote_articles(tag=["politics"]) == ["budget"]


@pytest.mark.parametrize(("q", "expected"), [
    ("author:okafor", ["bridge", "flood"]),  # part of a name, as speaker: finds a surname
    ('author:"lena okafor"', ["bridge", "flood"]),
    ("author:reyes", ["budget", "flood"]),
    ("author:tomás", ["budget", "flood"]),  # accents folded, as in every name field
    ("author:okaf*", ["bridge", "flood"]),
    ("author:okafr~1", ["bridge", "flood"]),
    ("brenning -author:reyes", ["bridge"]),
    ("okafor", []),  # an unscoped word searches the text, not the byline
])
def test_author_scope_searches_the_byline(engine, q, expected):
    assert _ids(engine, q) == expected


def test_author_scope_finds_quotes_of_the_articles(engine):
    page = engine.search_quotes(QuoteSearchRequest(parse("author:okafor"), size=20, highlight=False))
    assert sorted({hit.id.partition("#q")[0] for hit in page.hits}) == ["flood"]
