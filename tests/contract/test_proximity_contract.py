"""Proximity phrases (`"powell inflation"~3`) find and mark the same on every backend.

The words of such a phrase may stand apart or swap within its slop, as
Lucene and tantivy count it: each word's position less its place in the
phrase, spread over at most the slop.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from loaders.pipeline import prepare
from service.backends.base import QuoteSearchRequest, SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend

REFERENCE = datetime(2025, 6, 1)


def _story(key: str, headline: str, *body: str) -> dict:
    return prepare({"url": f"https://example.org/{key}", "outlet": "Example", "headline": headline,
                    "body": list(body)}, REFERENCE)


NEXT = _story("next", "Fed chair speaks", "Powell said inflation would ease by the summer.")
SWAPPED = _story("swapped", "Markets wait", "Inflation worries Powell, traders said.")
FAR = _story("far", "A long speech", "Powell spoke of jobs, wages, housing and, at last, inflation.")
APART = _story("apart", "Two stories", "Powell retired in May.", "Inflation rose in June.")
QUOTED = _story("quoted", "Fed holds",
                '"We see inflation coming down, and Powell agrees," the governor, Ann Reyes, said.')
TOGETHER = _story("together", "Markets", "Traders heard the Powell inflation warning twice.")
ONCE = _story("once", "Harbour", "The new port opened.")
TWICE = _story("twice", "Harbour plan", "A new plan for the new port.")  # "new" 4 positions apart
STORIES = {"next": NEXT, "swapped": SWAPPED, "far": FAR, "apart": APART, "quoted": QUOTED, "together": TOGETHER,
           "once": ONCE, "twice": TWICE}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    backend = own_backend(request, tmp_path_factory, "proximity", list(STORIES.values()))
    yield backend
    backend.close()


def _found(engine, query: str) -> set[str]:
    page = engine.search(SearchRequest(parse(query), size=10, highlight=False))
    ids = {hit.id for hit in page.hits}
    return {key for key, story in STORIES.items() if story["id"] in ids}


@pytest.mark.parametrize("query, found", [
    ('"powell inflation"', {"together"}),
    ('"powell inflation"~1', {"next", "together"}),
    ('"powell inflation"~2', {"next", "together"}),
    ('"powell inflation"~3', {"next", "swapped", "together"}),  # swapped, a word between: 3
    ('"powell inflation"~8', {"next", "swapped", "far", "quoted", "apart", "together"}),  # paragraphs one apart
    ('"may inflation"', set()),  # but a phrase never runs from one paragraph into the next
    ('"may inflation"~1', {"apart"}),
    ('body:"powell inflation"~1 -headline:chair', {"together"}),
    # A word twice is two occurrences, never one read twice (tantivy's own slop did: "once" was found)
    ('"new new"~2', set()),
    ('"new new"~3', {"twice"}),
    ('"new new"~4', {"twice"}),
    ('"new new"~100', {"twice"}),
])
def test_a_proximity_phrase_finds_its_words_within_its_slop(engine, query, found):
    assert _found(engine, query) == found


def test_each_word_of_a_proximity_phrase_is_marked_apart_where_it_matched(engine):
    page = engine.search(SearchRequest(parse('"powell inflation"~1'), size=10))
    marked = {hit.id: hit.highlights["body"] for hit in page.hits}
    assert marked == {
        NEXT["id"]: ["<em>Powell</em> said <em>inflation</em> would ease by the summer."],
        TOGETHER["id"]: ["Traders heard the <em>Powell inflation</em> warning twice."],  # as a phrase is
    }


def test_quote_search_takes_a_proximity_phrase(engine):
    page = engine.search_quotes(QuoteSearchRequest(parse('"inflation powell"~4'), size=10))
    assert [hit.id.split("#")[0] for hit in page.hits] == [QUOTED["id"]]



#: One paragraph holds the phrase within its slop; the other holds its words swapped, two
#: apart (Lucene's count: 3), and the headline one of them alone.
MIXED = _story("mixed", "A new outlook", "Powell said inflation would ease.", "Inflation worried Powell.",
               "A new plan for the new port.")


@pytest.fixture(scope="module", params=BACKENDS)
def mixed(request, tmp_path_factory):
    backend = own_backend(request, tmp_path_factory, "proximity-marks", [MIXED])
    yield backend
    backend.close()


@pytest.mark.parametrize("query, headline, body", [
    ('"powell inflation"~1', None, ["<em>Powell</em> said <em>inflation</em> would ease."]),
    ('"inflation powell"~1', None, ["<em>Inflation</em> worried <em>Powell</em>."]),
    # A word twice: the headline's one "new" is no match of it
    ('"new new"~3 powell', None, ["<em>Powell</em> said inflation would ease.", "Inflation worried <em>Powell</em>.",
                                  "A <em>new</em> plan for the <em>new</em> port."]),
])
def test_only_the_words_a_proximity_phrase_matched_are_marked(mixed, query, headline, body):
    """osmem marks a proximity phrase's words wherever they stand within slop + 1
    of each other, in either order, or alone (a word twice), in a hit the phrase
    matched elsewhere: "Powell said inflation" for `"inflation powell"~1`, which
    does not match it (Lucene and tantivy count the swap as 2, the word between
    as 1). Both backends mark the words that matched, as the embedded index did."""
    page = mixed.search(SearchRequest(parse(query), size=10))
    assert len(page.hits) == 1
    assert page.hits[0].highlights.get("headline") == headline
    assert page.hits[0].highlights["body"] == body
