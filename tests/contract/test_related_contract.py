"""Related coverage finds the stories about the same people and subject, on every backend.

`service.search.related` builds one query in the query language from an
article's names and words; both backends run it as any search, so the same
stories come first and the article is never its own related story.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.query import parse
from service.related import story_key
from service.search import related

from ..extract.extract_corpus import realnews_articles
from .conftest import BACKENDS, own_backend

REFERENCE = datetime(2025, 6, 1)


def _story(url: str, outlet: str, headline: str, *body: str) -> dict:
    return prepare({"url": url, "outlet": outlet, "headline": headline, "body": list(body)}, REFERENCE)


MAIN = _story("https://gazette.example/talks", "Harbor Gazette",
              "Estavia and Morvane resume Sable Bank quota talks",
              "PORT VERRAN, March 3 (Reuters) - Estavia and Morvane resumed talks on Sable Bank fishing quotas.",
              "\"We will not give up the inshore fleet,\" said Lena Okafor, the fisheries minister.")
SAME_SUBJECT = _story("https://gazette.example/quotas", "Harbor Gazette",
                      "Sable Bank quota deal near, Okafor says",
                      "Lena Okafor said a deal on Sable Bank quotas for the inshore fleet was close.")
OTHER_OUTLET = _story("https://post.example/fleet", "Northgate Post",
                      "Inshore fleet waits on Sable Bank quotas",
                      "Skippers of the inshore fleet said the Sable Bank quotas would decide their season.")
#: Another outlet's run of SAME_SUBJECT: one story, shown once.
COPY = _story("https://post.example/quota-deal", "Northgate Post",
              "Sable Bank quota deal near, Okafor says",
              "Lena Okafor said a deal on Sable Bank quotas for the inshore fleet was close, as the Gazette reported.")
UNRELATED = _story("https://gazette.example/marathon", "Harbor Gazette",
                   "Runner breaks course record at harbour marathon",
                   "The marathon ended at the harbour after a record time, organisers said.")


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    backend = own_backend(request, tmp_path_factory, "related",
                          [MAIN, SAME_SUBJECT, OTHER_OUTLET, COPY, UNRELATED])
    yield backend
    backend.close()


def _ids(page: dict) -> list[str]:
    return [hit["id"] for hit in page["hits"]]


def test_the_stories_on_the_same_subject_come_first_and_the_article_is_none_of_them(engine):
    page = related(engine, MAIN, {"size": 10})
    ids = _ids(page)
    assert MAIN["id"] not in ids
    assert OTHER_OUTLET["id"] in ids[:2] and {SAME_SUBJECT["id"], COPY["id"]} & set(ids[:2])
    assert not {SAME_SUBJECT["id"], COPY["id"]} <= set(ids)  # one story, shown once
    assert ids[2:] in ([UNRELATED["id"]], [])
    assert page["hits"][0]["highlights"]  # highlighted as a search is


def test_the_query_is_shown_as_text_that_parses_back_and_names_the_speaker(engine):
    page = related(engine, MAIN, {"size": 3})
    assert '"Lena Okafor"' in page["q"] and "quotas" in page["q"]
    assert "reuters" not in page["q"].lower() and "said" not in page["q"].split(" OR ")  # dateline, stop words
    assert parse(page["q"])  # a query /search takes as it is


def test_filters_and_size_apply(engine):
    assert set(_ids(related(engine, MAIN, {"size": 10, "outlet": ["Northgate Post"]}))) == {
        OTHER_OUTLET["id"], COPY["id"]}
    assert len(related(engine, MAIN, {"size": 1})["hits"]) == 1


def _reuters_fed_season() -> list[dict]:
    """Real Reuters copy: the Fed's daily "adds reserves via customer repurchases"
    note, run fourteen times in 1987, and the stories about repurchases beside it."""
    articles = realnews_articles()
    copies = [raw for raw in articles if raw["headline"].upper() == FED_HEADLINE]
    others = [raw for raw in articles if raw not in copies and "repurchase" in " ".join(raw["body"]).lower()]
    return [prepare(dict(raw), REFERENCE) for raw in copies + others[:40]]


FED_HEADLINE = "FED ADDS RESERVES VIA CUSTOMER REPURCHASES"


@pytest.fixture(scope="module", params=BACKENDS)
def fed_season(request, tmp_path_factory):
    articles = _reuters_fed_season()
    backend = own_backend(request, tmp_path_factory, "related-fed", articles)
    yield backend, articles
    backend.close()


@pytest.mark.parametrize("size", [1, 3, 10])
def test_a_story_run_many_times_still_gets_size_related_stories(fed_season, size):
    """The related hits are the first `size` stories of the search `q` shows, each
    once: a page of `size * 3 + 1` best matches held only copies of the story itself."""
    engine, articles = fed_season
    seed = next(article for article in articles if article["headline"].upper() == FED_HEADLINE)
    assert sum(article["headline"].upper() == FED_HEADLINE for article in articles) == 14
    page = related(engine, seed, {"size": size, "highlight": False})
    searched = engine.search(SearchRequest(parse(page["q"]), sort="relevance", size=100, highlight=False))
    expected, seen = [], {story_key(seed)}
    for hit in searched.hits:
        if hit.id != seed["id"] and story_key(hit.article) not in seen:
            seen.add(story_key(hit.article))
            expected.append(hit.id)
    assert len(expected) >= 10
    assert _ids(page) == expected[:size]
