"""A search by speaker that found nothing offers the speakers whose names hold the
name given, under the same query and filters, on every backend (service/offers.py)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from loaders.pipeline import prepare
from service.offers import near_speakers, shorter_names
from service.quotes import search_quotes
from service.search import search

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given


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


def test_a_claim_looks_for_the_names_among_the_quotes_near_it(backend):
    """match=near reads `q` as a claim's words, not the query language: the names are
    those of the quotes near the claim."""
    args = {"speaker": ["Okafor"], "q": "We will not accept any deal that leaves our fishermen behind",
            "match": "near"}
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


def _quoting(article_id: str, speakers: list[str], published: str) -> dict:
    return prepare(_article(article_id, "Summit ends", ["Leaders spoke."], outlet="Wire", published=published,
                            quotes=[{"text": f"the summit {n}", "kind": "partial", "speaker": name, "source": name}
                                    for n, name in enumerate(speakers)],
                            sources=[{"name": name, "kind": "person"} for name in dict.fromkeys(speakers)]),
                   REFERENCE, extractor=_as_given)


@pytest.fixture(scope="module", params=BACKENDS)
def summit(request, tmp_path_factory):
    """Stories that name a president whole, and stories that give his surname alone."""
    articles = [_quoting("s-1", ["Ronald Reagan"], "2025-01-01T00:00:00Z"),
                _quoting("s-2", ["Reagan", "Reagan", "Nancy Reagan"], "2025-01-02T00:00:00Z"),
                _quoting("s-3", ["Reagan", "Baker"], "2025-02-01T00:00:00Z"),
                _quoting("s-4", ["James A. Baker", "James Baker", "Ronald"], "2025-02-02T00:00:00Z"),
                _quoting("s-5", ["a company spokesman", "a spokesman"], "2025-02-03T00:00:00Z")]
    engine = own_backend(request, tmp_path_factory, "summit", articles)
    yield engine
    engine.close()


def _shorter(backend, args: dict, run=search_quotes):
    return shorter_names(lambda again: run(backend, again), args)


def test_a_whole_name_offers_the_speakers_named_by_part_of_it(summit):
    """A story that never prints "Ronald Reagan" quotes "Reagan": offered, not merged (not
    "Nancy Reagan", whose name is no part of his). Not "Ronald" alone either: a part of a
    name that is not its surname ("Nigel" of Nigel Lawson) is some other speaker."""
    assert _shorter(summit, {"speaker": ["Ronald Reagan"]}) == [{"name": "Reagan", "count": 3}]
    assert _shorter(summit, {"speaker": ["Ronald Reagan"]}, search) == [{"name": "Reagan", "count": 2}]
    assert _shorter(summit, {"speaker": ["Nancy Reagan", "Ronald Reagan"]}) == [{"name": "Reagan", "count": 3}]
    assert _shorter(summit, {"speaker": ["James A. Baker"]}) == [
        {"name": "Baker", "count": 1}, {"name": "James Baker", "count": 1}]


def test_shorter_names_keep_the_query_and_filters_and_are_offered_on_the_first_page_only(summit):
    february = datetime(2025, 2, 1, tzinfo=timezone.utc)
    assert _shorter(summit, {"speaker": ["Ronald Reagan"], "since": february}) == [{"name": "Reagan", "count": 1}]
    assert _shorter(summit, {"speaker": ["Ronald Reagan"], "q": '"summit 1"'}) == [{"name": "Reagan", "count": 1}]
    assert _shorter(summit, {"speaker": ["Ronald Reagan"], "cursor": "next"}) is None


@pytest.mark.parametrize("args", [
    {"speaker": ["Reagan"]},  # one word: no part of it is a name
    {"speaker": ["Nancy Smith"]},  # no part of it is a speaker's name
    {"speaker": ["a company spokesman"]},  # a description: "a spokesman" is no shorter name of it
    {"speaker": ["Ronald Reagan", "Reagan"]},  # the shorter name asked for already
    {"q": "summit"},  # no speaker asked for
])
def test_no_shorter_names_are_offered(summit, args):
    assert _shorter(summit, args) is None


@pytest.mark.parametrize("claim", ["we will not accept any deal", "We will not accept any deal that leaves our "
                                   "fishermen behind", "the harbour dredging began at dawn on Tuesday"])
def test_a_claims_offer_counts_what_its_link_finds(backend, claim):
    """The link keeps the claim and match=near (it replaces only the speaker): a name
    offered with the count of every quote of his led to a page that found none of them."""
    args = {"speaker": ["Okafor"], "q": claim, "match": "near"}
    offered = _offered(backend, args) or []
    found = {name: search_quotes(backend, {**args, "speaker": [name]}).total
             for name in ("Lena Okafor", *(offer["name"] for offer in offered))}
    assert {offer["name"]: offer["count"] for offer in offered} == {name: total for name, total in found.items()
                                                                     if total}


@pytest.fixture(scope="module", params=BACKENDS)
def companies(request, tmp_path_factory):
    """A company whose name holds a word the query language reads as an operator."""
    articles = [_quoting("p-1", ["Procter and Gamble"], "2025-01-01T00:00:00Z"),
                _quoting("p-2", ["Procter and Gamble", "Gamble"], "2025-01-02T00:00:00Z")]
    engine = own_backend(request, tmp_path_factory, "companies", articles)
    yield engine
    engine.close()


@pytest.mark.parametrize("typed", ["GAMBLE AND PROCTER", "Gamble AND Procter"])
def test_a_name_typed_with_an_operator_word_is_offered(companies, typed):
    """"AND" of a name in capitals is a word of it, not the query's operator: `speaker:AND`
    was no query, and the look-up offered nothing."""
    assert _offered(companies, {"speaker": [typed]}) == [{"name": "Procter and Gamble", "count": 2}]


def test_a_whole_name_with_an_operator_word_offers_its_parts(companies):
    """Its surname is its last word before the legal form ("Co")."""
    assert _shorter(companies, {"speaker": ["PROCTER AND GAMBLE CO"]}) == [
        {"name": "Procter and Gamble", "count": 2}, {"name": "Gamble", "count": 1}]


def test_a_whole_name_given_surname_first_offers_its_parts(summit):
    """"Reagan, Ronald" is Ronald Reagan to near_speakers (words in any order): its comma
    made "reagan," a word no shorter name holds, and "Reagan" was not offered."""
    assert _shorter(summit, {"speaker": ["Reagan, Ronald"]}) == [{"name": "Reagan", "count": 3}]


@pytest.mark.parametrize("typed, offered", [
    ("J. Baker", ["James A. Baker", "James Baker"]), ("j baker", ["James A. Baker", "James Baker"]),
    ("Baker J.", ["James A. Baker", "James Baker"]), ("J. A. Baker", ["James A. Baker"]),
])
def test_an_initial_stands_for_any_name_word_it_starts(summit, typed, offered):
    """A letter matched only a word of that letter: "J. Baker" offered nobody. It is
    now any word of the name it starts ("James"); "Baker" alone has none, and is not offered."""
    assert _offered(summit, {"speaker": [typed]}) == [{"name": name, "count": 1} for name in offered]
