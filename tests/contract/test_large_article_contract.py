"""An article longer than Elasticsearch reads for highlighting by default.

Elasticsearch refuses a highlighted search whose hit has a field longer than
`index.highlight.max_analyzed_offset` (1,000,000 characters), so one such
article made every search that found it fail. The search must find it, and
mark what it can, on every backend.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import QuoteSearchRequest, SearchRequest
from service.backends.document import SUMMARY_MAX_SOURCES
from service.errors import SearchTimeout
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


#: Common words in a row: every proximity phrase of two of them matches thousands of times.
_COMMON = ("the minister said that of the talks in a week to the port and the trade would resume as officials "
           "told the press")
_PROXIMITY = '"the said"~50 "of the"~50 "in a"~50 "to the"~50'


@pytest.fixture(scope="module", params=BACKENDS)
def long_quote_backend(request, tmp_path_factory):
    """A quote given as long as a whole transcript (900 KB): nothing bounds a given quote's text."""
    words = _COMMON.split()
    text = " ".join([" ".join(words[(i * 7) % len(words)] for i in range(180)) + "."] * 1_000)
    article = prepare({"id": "long-quote", "headline": "Port talks transcript", "body": ["Lena Okafor spoke."],
                       "quotes": [{"text": text, "kind": "direct", "speaker": "Lena Okafor", "source": "Lena Okafor"}],
                       "sources": [{"name": "Lena Okafor", "kind": "person"}]}, REFERENCE, extractor=_as_given)
    backend = own_backend(request, tmp_path_factory, "long-quote", [article])
    yield backend
    backend.close()


def test_highlighting_a_huge_quote_is_cut_off_by_the_deadline(long_quote_backend):
    """Quote hits are highlighted by the service on both backends, after the engine has
    answered: proximity phrases of common words on one such quote took 3.4 s, answered 200
    past a deadline of 1 s. The deadline is checked as the phrase's words are tried."""
    kept = long_quote_backend.deadline_seconds
    try:
        long_quote_backend.deadline_seconds = 60.0
        found = long_quote_backend.search_quotes(QuoteSearchRequest(query=parse(_PROXIMITY)))
        assert [hit.id for hit in found.hits] and "<em>" in found.hits[0].highlights["text"]
        long_quote_backend.deadline_seconds = 0.5  # the engine answers in well under that; highlighting takes seconds
        with pytest.raises(SearchTimeout):
            long_quote_backend.search_quotes(QuoteSearchRequest(query=parse(_PROXIMITY)))
    finally:
        long_quote_backend.deadline_seconds = kept


@pytest.fixture(scope="module", params=BACKENDS)
def many_quotes_backend(request, tmp_path_factory):
    """An article of more quotes than a statement lists occurrences (1,000): a long digest's
    extraction gives that many (1,320 in 1.8 MB of Reuters copy)."""
    places = ["harbour", "ferry", "council", "quota", "strike", "tariff"]
    quotes = [{"text": f"the {places[i % 6]} plan {i} will go ahead", "kind": "direct", "speaker": "Lena Okafor",
               "source": "Lena Okafor"} for i in range(1_200)]
    article = prepare({"id": "many-quotes", "headline": "Council digest", "body": ["Lena Okafor spoke."],
                       "quotes": quotes, "sources": [{"name": "Lena Okafor", "kind": "person"}]},
                      REFERENCE, extractor=_as_given)
    backend = own_backend(request, tmp_path_factory, "many-quotes", [article])
    yield backend
    backend.close()


def test_every_quote_of_an_article_is_read_back_with_its_statement(many_quotes_backend):
    """An article's quotes were read back up to 1,000 only, so its attribution and its page
    gave the quotes past that no statement (no link to who said it first)."""
    quotes = many_quotes_backend.article_quotes("many-quotes")
    assert [quote["id"] for quote in quotes] == [f"many-quotes#q{i}" for i in range(1_200)]
    assert all(quote["statement_id"] for quote in quotes)


@pytest.fixture(scope="module", params=BACKENDS)
def many_sources_backend(request, tmp_path_factory):
    """A digest citing more sources than a hit lists (2,061 in 1.6 MB of Reuters copy), in 40 quotes."""
    sources = [{"name": f"Official {i}", "kind": "person"} for i in range(SUMMARY_MAX_SOURCES + 50)]
    quotes = [{"text": f"the harbour plan {i} will go ahead", "kind": "direct", "speaker": f"Official {i}",
               "source": f"Official {i}"} for i in range(40)]
    article = prepare({"id": "many-sources", "headline": "Harbour digest", "body": ["Officials spoke."],
                       "quotes": quotes, "sources": sources}, REFERENCE, extractor=_as_given)
    backend = own_backend(request, tmp_path_factory, "many-sources", [article])
    yield backend
    backend.close()


def test_a_hit_lists_the_first_sources_and_counts_them_all(many_sources_backend):
    """Every quote record stored its article's whole source list: such a digest's 1,134
    quotes made a 38 MB index of one article. A hit, of an article or of a quote, lists
    the first SUMMARY_MAX_SOURCES; `source_count` and the article itself give them all."""
    first = [{"name": f"Official {i}", "kind": "person"} for i in range(SUMMARY_MAX_SOURCES)]
    [hit] = many_sources_backend.search(SearchRequest(query=parse("harbour"))).hits
    assert (hit.article["sources"], hit.article["source_count"]) == (first, SUMMARY_MAX_SOURCES + 50)
    quote_hits = many_sources_backend.search_quotes(QuoteSearchRequest(query=parse("harbour"), size=50)).hits
    assert len(quote_hits) == 40
    assert all(h.article["article"]["sources"] == first  # a quote hit's `article` is the quote
               and h.article["article"]["source_count"] == SUMMARY_MAX_SOURCES + 50 for h in quote_hits)
    assert len(many_sources_backend.get("many-sources")["sources"]) == SUMMARY_MAX_SOURCES + 50


def test_an_export_lists_every_source(many_sources_backend):
    """An export is the data itself: its rows keep every source, not a hit's first 100."""
    [hit] = list(many_sources_backend.export(SearchRequest(query=parse("harbour"), sort="newest")))
    assert len(hit.article["sources"]) == hit.article["source_count"] == SUMMARY_MAX_SOURCES + 50
