"""Facets the embedded index counts by key (service/backends/tantivy_facets.py):
each value's dictionary document is written once, in the commit of the first
article using it, and every key counted is named again, in its most used spelling."""
from __future__ import annotations

from collections import Counter

import pytest
from tantivy import Query

from service.backends.base import Filters, SearchRequest
from service.backends.document import derived_fields
from service.backends.embedded import EmbeddedBackend
from service.backends.facet_counting import FOLDED_FACETS
from service.backends.tantivy_facets import CODED_FACETS, FACET_VALUE, FacetCounter, split_by_cost
from service.query import parse

PLACES = ["Zürich", "São Paulo", "Reykjavík", "N'Djamena", "Москва", "東京", "a|b", " spaced "]


def _article(n: int, place: str, speaker: str) -> dict:
    return {
        "id": f"f-{n}", "headline": f"Story {n}", "body": [f"Paragraph of story {n}."], "outlet": "Wire",
        "content_hash": f"h-{n}",
        "dateline": {"place": place, "published_at": "2025-03-03T10:00:00Z"},
        "quotes": [{"text": f"words {n}", "kind": "direct", "speaker": speaker, "source": speaker}],
        "sources": [{"name": speaker, "kind": "person"}, {"name": "officials", "kind": "anonymous"}],
    }


def _articles(count: int, offset: int = 0) -> list[dict]:
    return [_article(n, PLACES[n % len(PLACES)], f"Speaker {n % 5}") for n in range(offset, offset + count)]


def _expected(articles: list[dict], facet: str) -> list[dict]:
    counted = Counter(value for article in articles for value in derived_fields(article)["keywords"][facet])
    return [{"value": v, "count": c} for v, c in sorted(counted.items(), key=lambda item: (-item[1], item[0]))]


def _dictionary_values(backend: EmbeddedBackend) -> list[str]:
    searcher = backend.index.searcher()
    query = Query.term_query(backend.schema, "doc_type", FACET_VALUE)
    return [searcher.doc(address).get_first("facet_value") for _, address in searcher.search(query, 1000).hits]


def _facets(backend: EmbeddedBackend) -> dict:
    return backend.search(SearchRequest(parse(""), facets=CODED_FACETS, facet_size=50)).facets


@pytest.fixture
def backend(tmp_path):
    engine = EmbeddedBackend(tmp_path)
    yield engine
    engine.close()


def test_values_written_over_several_writes_are_counted_and_named(backend):
    articles = _articles(30)
    for start in range(0, 30, 7):  # five writes, each with values new and old
        backend.upsert(articles[start:start + 7])
    facets = _facets(backend)
    for facet in CODED_FACETS:
        assert facets[facet] == _expected(articles, facet), facet
    assert backend.count() == 30


def test_each_value_has_one_dictionary_document(backend):
    backend.upsert(_articles(20))
    backend.upsert([{**a, "content_hash": "changed"} for a in _articles(20)])  # every article replaced
    backend.upsert(_articles(10, offset=20))
    values = _dictionary_values(backend)
    assert len(values) == len(set(values))
    everything = {value for article in _articles(30) for name, found in derived_fields(article)["keywords"].items()
                  if name in FOLDED_FACETS for value in found}
    everything |= {entry for article in _articles(30) for entry in derived_fields(article)["source_entries"]}
    assert set(values) == everything


def test_a_value_in_the_same_write_as_a_commit_under_way_is_written_once(backend, monkeypatch):
    """With commits of 4 articles, later batches look values up in an index that
    does not show the commit before: the write remembers what it has added."""
    import service.backends.embedded as embedded

    monkeypatch.setattr(embedded, "COMMIT_EVERY", 4)
    monkeypatch.setattr(embedded, "LOOKUP_CHUNK", 3)
    articles = _articles(25)
    backend.upsert(articles)
    values = _dictionary_values(backend)
    assert len(values) == len(set(values))
    assert _facets(backend)["place"] == _expected(articles, "place")


def test_a_write_remembers_the_values_of_two_batches_and_finds_older_ones_in_the_index(backend, monkeypatch):
    """What a long write remembers stays bounded: a value of a batch whose commit
    the index shows is looked up there again, not written twice."""
    import service.backends.embedded as embedded
    from service.backends import tantivy_facets

    remembered = []
    rebase = tantivy_facets.FacetDictionary.rebase

    def noting(dictionary):
        remembered.append(len(dictionary))
        rebase(dictionary)

    monkeypatch.setattr(tantivy_facets.FacetDictionary, "rebase", noting)
    monkeypatch.setattr(embedded, "COMMIT_EVERY", 3)
    # Every article's own place and speaker, and values every few batches come back.
    articles = [_article(n, f"Place {n}" if n % 4 else PLACES[n % 3], f"Speaker {n}" if n % 2 else "Speaker 0")
                for n in range(60)]
    backend.upsert(articles)
    values = _dictionary_values(backend)
    assert len(values) == len(set(values))
    assert _facets(backend)["place"] == _expected(articles, "place")
    assert _facets(backend)["speaker"] == _expected(articles, "speaker")
    assert len(remembered) >= 20 and max(remembered) < len(values) / 4  # two batches of 3 articles, not 60


def test_keys_are_named_again_after_the_cache_starts_over(backend):
    articles = _articles(16)
    backend.upsert(articles)
    backend._facet_counter = FacetCounter(backend.schema, cache_size=2)
    for _ in range(3):
        assert _facets(backend)["place"] == _expected(articles, "place")


def test_a_spelling_added_by_a_commit_is_shown_by_the_next_search(backend):
    """Remembered spellings are those of one index version."""
    backend.upsert([_article(n, "Oslo", "Speaker") for n in range(2)])
    assert _facets(backend)["place"] == [{"value": "Oslo", "count": 2}]
    backend.upsert([_article(n, "OSLO", "Speaker") for n in range(2, 5)])
    assert _facets(backend)["place"] == [{"value": "OSLO", "count": 5}]


def test_deleted_articles_leave_no_counted_value(backend):
    articles = _articles(8)
    backend.upsert(articles)
    backend.delete("f-0")
    assert _facets(backend)["place"] == _expected(articles[1:], "place")


def test_source_listing_names_its_entries(backend):
    articles = _articles(12)
    backend.upsert(articles)
    listed = backend.source_counts(Filters(), 50)
    counted = Counter(entry for article in articles for entry in derived_fields(article)["source_entries"])
    assert {(row["name"], row["kind"], row["articles"]) for row in listed} == {
        (entry.split("|", 1)[1], entry.split("|", 1)[0], count) for entry, count in counted.items()}


def _counting(backend: EmbeddedBackend) -> list[tuple]:
    """Records each facet count the backend runs (the aggregation itself)."""
    counted = []
    real = backend._facets

    def spy(searcher, query, request, *version):
        counted.append(request.facets)
        return real(searcher, query, request, *version)

    backend._facets = spy
    return counted


def test_the_next_page_of_a_faceted_search_reuses_its_counts_until_a_commit(backend):
    backend.upsert(_articles(12))
    counted = _counting(backend)
    request = SearchRequest(parse("story"), facets=("place", "outlet"), size=5)
    first = backend.search(request)
    second = backend.search(SearchRequest(parse("story"), facets=("place", "outlet"), size=5,
                                          cursor=first.next_cursor))
    assert second.facets == first.facets and len(counted) == 1
    assert [h.id for h in second.hits] != [h.id for h in first.hits]  # the page moved, the counts did not
    second.facets["place"].clear()  # what a caller does to its copy stays with it
    assert backend.search(request).facets == first.facets and len(counted) == 1
    backend.search(SearchRequest(parse("story"), facets=("place",), size=5))  # other facets: counted
    backend.search(SearchRequest(parse("story 3"), facets=("place", "outlet"), size=5))  # other query
    assert len(counted) == 3

    backend.upsert(_articles(4, offset=12))  # a commit: a new version of the index
    after = backend.search(request)
    assert len(counted) == 4
    assert sum(b["count"] for b in after.facets["outlet"]) == 16


def test_quote_searches_reuse_their_counts_too_and_apart_from_article_searches(backend):
    from service.backends.base import QuoteSearchRequest

    backend.upsert(_articles(12))
    counted = _counting(backend)
    request = QuoteSearchRequest(parse("words"), facets=("speaker",), size=4)
    first = backend.search_quotes(request)
    second = backend.search_quotes(QuoteSearchRequest(parse("words"), facets=("speaker",), size=4,
                                                      cursor=first.next_cursor))
    assert second.facets == first.facets and len(counted) == 1
    assert sum(b["count"] for b in first.facets["speaker"]) == 12  # one quote an article
    backend.search_quotes(QuoteSearchRequest(parse(""), facets=("speaker",)))
    backend.search(SearchRequest(parse(""), facets=("speaker",)))  # the same empty query, over articles
    assert len(counted) == 3


def test_facet_counts_are_not_remembered_when_the_cache_is_off(tmp_path):
    from service.backends import create_backend
    from service.config import Config

    backend = create_backend(Config.from_env({"NEWS_INDEX_DATA_DIR": str(tmp_path), "NEWS_INDEX_FACET_CACHE_SIZE": "0"}))
    try:
        backend.upsert(_articles(6))
        counted = _counting(backend)
        request = SearchRequest(parse("story"), facets=("place",))
        assert backend.search(request).facets == backend.search(request).facets
        assert len(counted) == 2
    finally:
        backend.close()


def test_a_search_listing_many_values_is_not_remembered():
    from service.backends.tantivy_facets import FacetCounts

    counts = FacetCounts(4)
    small = {"place": [{"value": "Oslo", "count": 2}]}
    wide = {"place": [{"value": f"v{n}", "count": 1} for n in range(FacetCounts.MAX_BUCKETS + 1)]}
    counts.put("small", small)
    counts.put("wide", wide)
    assert counts.get("small") == small and counts.get("wide") is None


def test_values_spelt_several_ways_are_one_bucket_shown_in_the_most_used_spelling(backend):
    """The second count names spellings exactly, also those with regular-expression characters."""
    spelt = ["a|b", "A|B", "A|B", "x.*", "X.*", "(Paren)", "(paren)", "(paren)", "São Paulo", "SAO PAULO",
             "sao  paulo"]
    backend.upsert([_article(n, place, f"Speaker {n % 2}") for n, place in enumerate(spelt)])
    assert _facets(backend)["place"] == [
        {"value": "(paren)", "count": 3}, {"value": "A|B", "count": 3}, {"value": "SAO PAULO", "count": 3},
        {"value": "X.*", "count": 2}]
    narrow = backend.search(SearchRequest(parse("story"), facets=("place",),
                                          filters=Filters.build(speaker=["speaker 1"])))  # the odd articles
    assert narrow.facets["place"] == [  # "(Paren)" 1 and "(paren)" 1 here: the first in code point order
        {"value": "(Paren)", "count": 2}, {"value": "A|B", "count": 1}, {"value": "SAO PAULO", "count": 1},
        {"value": "x.*", "count": 1}]


def test_costly_facets_are_split_into_halves_of_about_equal_cost():
    aggregations = {name: {"terms": {"field": name}} for name in ("outlet", "place", "month", "speaker", "source")}
    first, second = split_by_cost(aggregations)
    assert set(first) == {"source"} and set(second) == {"speaker", "place", "outlet", "month"}
    assert split_by_cost({name: aggregations[name] for name in ("outlet", "place", "speaker")}) is None
    assert split_by_cost({"source": aggregations["source"]}) is None


def test_counts_split_over_two_threads_are_those_counted_in_one(backend, monkeypatch):
    backend.upsert(_articles(40))
    facets = ("outlet", "place", "month", "speaker", "source", "source_kind")
    request = SearchRequest(parse(""), facets=facets, facet_size=50)
    split_calls = []
    real = backend._facet_counter._split_pool.submit
    monkeypatch.setattr(backend._facet_counter._split_pool, "submit",
                        lambda *args: split_calls.append(args) or real(*args))
    # With a searcher given, nothing is remembered: the second search counts again.
    split = backend._search(request, None, backend._searcher()).facets
    monkeypatch.setattr(backend._facet_counter, "_split_pool", None)
    assert split_calls and split == backend._search(request, None, backend._searcher()).facets
    assert split["place"] == _expected(_articles(40), "place") and split["source"]
