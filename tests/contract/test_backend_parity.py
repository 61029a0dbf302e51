"""Both backends find the same articles for generated queries over real Reuters copy.

The contract tests hold each feature to a hand-made case; this one asks
queries hypothesis builds from the query language (words, phrases, prefixes,
OR, exclusions, groups, field scopes) over words that 300 Reuters articles
really hold, and requires the same hits in the same order from the embedded
index and from Elasticsearch. The query is parsed once and compiled per
backend, so a difference is a compiler's or an analyzer's.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.query import parse
from service.query.variants import with_variants

from ..extract.extract_corpus import realnews_articles
from .corpus import REFERENCE

ARTICLES = 300
_WORD = re.compile(r"[A-Za-z]{3,}")
#: Words one outlet spells another way (service/query/variants.py): "U.S.", "UK", "co-operation".
_VARIANT = re.compile(r"\b(?:[A-Z]\.){2,4}|\b[A-Z]{2,4}\b|\b[a-z]+-[a-z]+\b")


def _prepared() -> list[dict]:
    return [prepare(dict(raw), REFERENCE) for raw in realnews_articles()[:ARTICLES]]


@pytest.fixture(scope="module")
def both(request, tmp_path_factory):
    """(embedded, Elasticsearch, vocabulary): the articles on both, and the words, phrases,
    prefixes and speakers each of which alone finds the same articles on both."""
    articles = _prepared()
    embedded = EmbeddedBackend(tmp_path_factory.mktemp("parity"))
    elastic = request.getfixturevalue("elastic_engine").backend("parity")
    for engine in (embedded, elastic):
        result = engine.upsert(articles)
        assert not result.failed, result.failed
    yield embedded, elastic, _agreed(embedded, elastic, _vocabulary(articles))
    embedded.close()
    elastic.close()


def _vocabulary(articles: list[dict]) -> dict[str, list[str]]:
    """Query leaves by kind, from words the articles hold: common and rare words, their
    first four letters as prefixes, headline words, two-word phrases, speakers."""
    words: Counter = Counter()
    pairs: Counter = Counter()
    variants: Counter = Counter()
    headline: Counter = Counter()
    for article in articles:
        headline.update(word.lower() for word in _WORD.findall(article["headline"]))
        for paragraph in article["body"]:
            found = _WORD.findall(paragraph)
            words.update(word.lower() for word in found)
            pairs.update(f"{a} {b}".lower() for a, b in zip(found, found[1:]))
            variants.update(_VARIANT.findall(paragraph))
    common = [word for word, _ in words.most_common(60)]
    rare = sorted(word for word, count in words.items() if count <= 2)[::40][:60]
    speakers = sorted({q["speaker"] for a in articles for q in a.get("quotes") or () if q.get("speaker")})
    return {
        "word": common + rare,
        "prefix": sorted({word[:4] + "*" for word in common + rare}),
        "headline": [f"headline:{word}" for word, _ in headline.most_common(40)],
        "phrase": [f'"{pair}"' for pair, _ in pairs.most_common(40)],
        "speaker": [f'speaker:"{name}"' for name in speakers[::3][:20]],
        # near spellings: a bare ~ (edits by length) and ~1, on common and rare words
        "fuzzy": [f"{word}~{edits}" for word in (common[::3] + rare[::3]) for edits in ("", "1")],
        # searched in both spellings, as the service searches them (`_request`)
        "variant": [word for word, _ in variants.most_common(30)],
    }


def _agreed(embedded, elastic, vocabulary: dict[str, list[str]]) -> dict[str, list[str]]:
    """The leaves that alone find the same articles on both. osmem stems with classic
    Porter where Elasticsearch and tantivy use Porter2 (docs/engine-notes.md, "Stemmer"),
    so a word such as "weekly" finds more there: such words are left out, and what is
    tested is how each backend compiles a query's structure around words that agree."""
    agreed = {kind: [leaf for leaf in leaves if _ids(embedded, leaf) == _ids(elastic, leaf)]
              for kind, leaves in vocabulary.items()}
    for kind, leaves in vocabulary.items():  # the test must not shrink to nothing unseen
        assert len(agreed[kind]) >= 0.75 * len(leaves), (kind, sorted(set(leaves) - set(agreed[kind])))
    return agreed


def searched(query: str):
    """The query as the service runs it: its words in both spellings (`build_request`)."""
    return with_variants(parse(query))


def _examples(count: int):
    """Hypothesis settings of these tests: no deadline (osmem's answers vary), no example database."""
    return settings(max_examples=count, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@st.composite
def _queries(draw, vocabulary: dict[str, list[str]]) -> str:
    def leaf() -> str:
        kind = draw(st.sampled_from(["word", "word", "prefix", "headline", "phrase", "speaker", "fuzzy", "variant"]))
        return draw(st.sampled_from(vocabulary[kind]))

    parts = [leaf() for _ in range(draw(st.integers(1, 3)))]
    joined = draw(st.sampled_from([" ", " OR "])).join(parts)
    if draw(st.booleans()):
        joined = f"({joined}) -{draw(st.sampled_from(vocabulary['word']))}"
    return joined


def _ids(engine, query: str, sort: str = "newest") -> tuple[int, list[str]]:
    page = engine.search(SearchRequest(searched(query), size=ARTICLES, sort=sort, highlight=False))
    return page.total, [hit.id for hit in page.hits]


@_examples(100)
@given(data=st.data())
def test_both_backends_find_the_same_articles(both, data):
    embedded, elastic, vocabulary = both
    query = data.draw(_queries(vocabulary), label="query")
    sort = data.draw(st.sampled_from(["newest", "oldest", "ingested"]), label="sort")
    assert _ids(embedded, query, sort) == _ids(elastic, query, sort), query


@_examples(50)
@given(data=st.data())
def test_both_backends_find_the_same_quotes(both, data):
    embedded, elastic, vocabulary = both
    query = data.draw(_queries(vocabulary), label="query")

    def quote_ids(engine):
        page = engine.search_quotes(QuoteSearchRequest(searched(query), size=500, sort="newest", highlight=False))
        return page.total, [hit.id for hit in page.hits]

    assert quote_ids(embedded) == quote_ids(elastic), query


FACETS = ("outlet", "place", "month", "speaker", "source", "source_kind")


@_examples(40)
@given(data=st.data())
def test_both_backends_count_the_same_facets_under_the_same_filters(both, data):
    """Counts by key and the spelling shown, with keyword filters and a date range drawn
    from what the articles hold (the facets of one query are the next one's filters)."""
    embedded, elastic, vocabulary = both
    query = data.draw(st.one_of(st.just(""), _queries(vocabulary)), label="query")
    request = SearchRequest(searched(query), size=1, highlight=False, facets=FACETS, facet_size=5)
    counted = embedded.search(request).facets
    assert counted == elastic.search(request).facets, query
    chosen = {name: [data.draw(st.sampled_from(buckets), label=name)["value"]]
              for name, buckets in counted.items() if buckets and name != "month" and data.draw(st.booleans())}
    months = [bucket["value"] for bucket in counted.get("month") or ()]
    since = until = None
    if months and data.draw(st.booleans()):
        since = datetime.fromisoformat(data.draw(st.sampled_from(months)) + "-01").replace(tzinfo=timezone.utc)
        until = since + timedelta(days=data.draw(st.integers(1, 60)))
    filtered = replace(request, size=ARTICLES, sort="newest", filters=Filters.build(since, until, **chosen))
    found = embedded.search(filtered)
    assert found.facets == elastic.search(filtered).facets, (query, chosen, since, until)
    assert _hit_ids(found) == _hit_ids(elastic.search(filtered)), (query, chosen, since, until)
    quotes = QuoteSearchRequest(searched(query), filters=filtered.filters, size=500, sort="newest", highlight=False,
                                facets=("speaker", "source", "source_kind", "outlet"), facet_size=5)
    found = embedded.search_quotes(quotes)
    assert found.facets == elastic.search_quotes(quotes).facets, (query, chosen, since, until)
    assert _hit_ids(found) == _hit_ids(elastic.search_quotes(quotes)), (query, chosen, since, until)


def _hit_ids(page) -> tuple[int, list[str]]:
    return page.total, [hit.id for hit in page.hits]


@_examples(30)
@given(data=st.data())
def test_both_backends_list_the_same_sources_and_statements(both, data):
    """Source attribution (`/sources`) under drawn filters and kinds, and each statement's
    quotes (`/statements/<id>`): statement ids come from the index, so they must agree too."""
    embedded, elastic, vocabulary = both
    counted = embedded.search(SearchRequest(parse(""), size=1, highlight=False, facets=("outlet", "source"),
                                            facet_size=20)).facets
    chosen = {name: [data.draw(st.sampled_from(buckets), label=name)["value"]]
              for name, buckets in counted.items() if buckets and data.draw(st.booleans())}
    kinds = data.draw(st.one_of(st.none(), st.lists(st.sampled_from(["person", "organization", "outlet",
                                                                     "anonymous"]), min_size=1, unique=True)))
    size = data.draw(st.integers(1, 30), label="size")
    filters = Filters.build(**chosen)
    assert embedded.source_counts(filters, size, kinds) == elastic.source_counts(filters, size, kinds)
    query = data.draw(_queries(vocabulary), label="query")
    found = embedded.search_quotes(QuoteSearchRequest(searched(query), size=5, sort="newest", highlight=False))
    for hit in found.hits:
        statement = hit.article["statement_id"]
        assert embedded.statement_quotes(statement) == elastic.statement_quotes(statement), (query, hit.id)
        article_id = hit.id.rsplit("#q", 1)[0]
        assert embedded.article_quotes(article_id) == elastic.article_quotes(article_id), article_id


@_examples(30)
@given(data=st.data())
def test_both_backends_page_alike_and_find_the_same_claims(both, data):
    """Cursor paging in small pages gives the whole list once, in the same order; a claim
    (`match=near`) taken from a quote finds the same quotes."""
    embedded, elastic, vocabulary = both
    query = data.draw(_queries(vocabulary), label="query")
    sort = data.draw(st.sampled_from(["newest", "oldest", "ingested"]), label="sort")
    size = data.draw(st.integers(1, 7), label="page size")

    def paged(engine) -> list[str]:
        request, seen = SearchRequest(searched(query), size=size, sort=sort, highlight=False), []
        for _ in range(ARTICLES):
            page = engine.search(request)
            seen += [hit.id for hit in page.hits]
            if not page.next_cursor:
                return seen
            request = replace(request, cursor=page.next_cursor)
        raise AssertionError("paging did not end")

    assert paged(embedded) == paged(elastic) == _ids(embedded, query, sort)[1], query
    quotes = embedded.search_quotes(QuoteSearchRequest(parse(""), size=200, sort="newest", highlight=False)).hits
    claims = [hit.article["text"] for hit in quotes if '"' not in hit.article["text"]]  # 1987 copy: isn"t
    claim = data.draw(st.sampled_from(claims), label="claim")
    near = QuoteSearchRequest(parse(claim), size=50, sort="newest", highlight=False, match="near")
    assert [h.id for h in embedded.search_quotes(near).hits] == [h.id for h in elastic.search_quotes(near).hits], claim
