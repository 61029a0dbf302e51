"""Facets count what filters match: one bucket per normalised value, on every backend.

A filter on `outlet=Reuters` finds "REUTERS" too, so the outlet facet must
not list "Reuters: 400" and "REUTERS: 1" but "Reuters: 401", in the spelling
most of those articles use (ties: the first in code point order).
"""
from __future__ import annotations

import pytest

from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.backends.keys import normalize_key
from service.query import parse

FOLDED = ("outlet", "place", "source", "source_kind", "speaker", "section")


def _facets(backend, facets, quotes=False) -> dict:
    if quotes:
        return backend.search_quotes(QuoteSearchRequest(parse(""), facets=facets, facet_size=100, size=1)).facets
    return backend.search(SearchRequest(parse(""), facets=facets, facet_size=100, size=1)).facets


def _filtered_total(backend, facet, value, quotes=False) -> int:
    filters = Filters.build(**{facet: [value]})
    if quotes:
        return backend.search_quotes(QuoteSearchRequest(parse(""), filters=filters, size=1)).total
    return backend.search(SearchRequest(parse(""), filters=filters, size=1)).total


def _counts(buckets) -> list[tuple[str, int]]:
    return [(b["value"], b["count"]) for b in buckets]


def test_case_variants_are_one_bucket_counting_what_the_filter_finds(variants):
    facets = _facets(variants, ("outlet", "section"))
    assert _counts(facets["outlet"]) == [("Reuters", 401)]
    assert _filtered_total(variants, "outlet", "Reuters") == 401
    # business 134 + Business 133 + BUSINESS 1: shown as the most used, not the first in order.
    assert _counts(facets["section"]) == [("business", 268), ("Markets", 133)]
    assert _filtered_total(variants, "section", "business") == 268


def test_a_tie_between_spellings_shows_the_first_in_code_point_order(variants):
    assert _counts(_facets(variants, ("place",))["place"]) == [("GENEVA", 401)]  # GENEVA 200, Geneva 200


def test_many_valued_facets_fold_accents_and_count_an_article_once(variants):
    facets = _facets(variants, ("speaker", "source", "source_kind"))
    # Lena Okafor 240, LENA OKAFOR 80, Léna Okafor 80 (and "lena okafor" beside her in 8 articles).
    assert _counts(facets["speaker"]) == [("Lena Okafor", 400), ("Zoë Brandt", 1)]
    assert _counts(facets["source"]) == [("Lena Okafor", 400), ("Zoë Brandt", 1)]
    assert _counts(facets["source_kind"]) == [("person", 401)]
    assert _filtered_total(variants, "speaker", "lena okafor") == 400
    assert _filtered_total(variants, "source", "Lena Okafor") == 400


def test_quote_facets_fold_too(variants):
    facets = _facets(variants, ("speaker", "outlet", "source_kind"), quotes=True)
    assert _counts(facets["speaker"]) == [("Lena Okafor", 400), ("Zoë Brandt", 1)]
    assert _counts(facets["outlet"]) == [("Reuters", 401)]
    assert _counts(facets["source_kind"]) == [("person", 401)]
    assert _filtered_total(variants, "speaker", "LÉNA OKAFOR", quotes=True) == 400


@pytest.mark.parametrize("quotes", [False, True], ids=["articles", "quotes"])
@pytest.mark.parametrize("facet", FOLDED)
def test_every_bucket_is_one_key_and_counts_what_filtering_on_it_finds(variants, facet, quotes):
    buckets = _facets(variants, (facet,), quotes)[facet]
    assert buckets
    keys = [normalize_key(b["value"]) for b in buckets]
    assert len(keys) == len(set(keys))
    for bucket in buckets:
        assert _filtered_total(variants, facet, bucket["value"], quotes) == bucket["count"], bucket


def test_a_narrow_search_shows_the_spelling_its_own_documents_use(variants):
    """The spelling shown is the most used among the documents counted, not in the whole index."""
    page = variants.search(SearchRequest(parse(""), facets=("outlet", "place", "section"), size=1,
                                         filters=Filters.build(speaker=["Zoë Brandt"])))
    assert page.total == 1
    assert {name: _counts(buckets) for name, buckets in page.facets.items()} == {
        "outlet": [("REUTERS", 1)], "place": [("geneva", 1)], "section": [("BUSINESS", 1)]}


@pytest.mark.parametrize("quotes", [False, True], ids=["articles", "quotes"])
def test_letters_without_an_accent_mark_fold_alike_in_buckets_and_filters(variants, quotes):
    """"Søren" and "Soren" (ø is a letter of its own, not o with a mark) are
    two keys on every backend: each bucket counts what filtering on it finds,
    and the filter on one spelling does not find the other."""
    from loaders.pipeline import prepare

    from .corpus import REFERENCE, _article, _as_given

    spellings = {"v-oe-1": "Søren Łukasz", "v-oe-2": "Soren Lukasz"}
    extra = [prepare(_article(article_id, "Fjord report", ["Boats left."], outlet="Fjord Post",
                              place=name.split()[0], published="2024-05-01T06:00:00Z",
                              quotes=[{"text": "boats will leave", "kind": "partial",
                                       "speaker": name, "source": name}],
                              sources=[{"name": name, "kind": "person"}]),
                     REFERENCE, extractor=_as_given) for article_id, name in spellings.items()]
    narrow = Filters.build(outlet=["Fjord Post"])
    try:
        assert not variants.upsert(extra).failed
        for facet in ("place", "speaker", "source"):
            if quotes:
                request = QuoteSearchRequest(parse(""), filters=narrow, facets=(facet,), size=1)
                buckets = variants.search_quotes(request).facets[facet]
            else:
                request = SearchRequest(parse(""), filters=narrow, facets=(facet,), size=1)
                buckets = variants.search(request).facets[facet]
            assert sorted(_counts(buckets)) == sorted((name if facet != "place" else name.split()[0], 1)
                                                      for name in spellings.values()), facet
            for bucket in buckets:
                assert _filtered_total(variants, facet, bucket["value"], quotes) == 1, (facet, bucket)
    finally:
        for article_id in spellings:
            variants.delete(article_id)
