"""A search by speaker that found nothing offers the speakers whose names hold the
name given, under the same query and filters, on every backend (service/offers.py)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from service.offers import near_speakers
from service.quotes import search_quotes
from service.search import search


def _offered(backend, args: dict, run=search_quotes):
    page = run(backend, args)
    return near_speakers(lambda again: run(backend, again), args, page.total)


@pytest.mark.parametrize("typed", ["Okafor", "okafor", "OKAFOR", "Okafor Lena", "Okafr", "Lena Okafr"])
def test_a_surname_words_in_any_order_or_a_near_spelling_offer_the_whole_name(backend, typed):
    assert _offered(backend, {"speaker": [typed]}) == [{"name": "Lena Okafor", "count": 2}]


def test_an_article_search_offers_the_speaker_named_not_the_others_its_articles_quote(backend):
    """The article quoting Ilham Aliyev also quotes "a source familiar with the matter"."""
    assert _offered(backend, {"speaker": ["Aliyev"]}, search) == [{"name": "Ilham Aliyev", "count": 1}]


def test_the_offer_keeps_the_query_and_the_other_filters(backend):
    assert _offered(backend, {"speaker": ["Okafor"], "q": "fishermen"}) == [{"name": "Lena Okafor", "count": 2}]
    assert _offered(backend, {"speaker": ["Okafor"], "outlet": ["Estavia Wire"]}) == [
        {"name": "Lena Okafor", "count": 1}]
    assert _offered(backend, {"speaker": ["Okafor"], "q": "meeting"}) is None
    assert _offered(backend, {"speaker": ["Okafor"], "since": datetime(2025, 1, 1, tzinfo=timezone.utc)}) is None


def test_a_claim_looks_for_the_names_among_every_quote(backend):
    """match=near reads `q` as a claim's words, not the query language: no query to keep."""
    args = {"speaker": ["Okafor"], "q": "we will not accept any deal", "match": "near"}
    assert _offered(backend, args) == [{"name": "Lena Okafor", "count": 2}]


def test_several_names_offer_each_one_found(backend):
    assert _offered(backend, {"speaker": ["Aliyev", "Lopez"]}) == [
        {"name": "Ilham Aliyev", "count": 1}, {"name": "Maria Lopez", "count": 1}]


@pytest.mark.parametrize("args", [
    {"speaker": ["Lena Okafor"]},  # found: nothing to offer
    {"q": "nowhere"},  # no speaker asked for
    {"speaker": ["Zwingli"]},  # no name near it
    {"speaker": ["🌊"]},  # no word to look for
    {"speaker": ["a b c d e f g h i"]},  # more words than a name
])
def test_nothing_is_offered(backend, args):
    assert _offered(backend, args) is None
