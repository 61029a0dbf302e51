"""Paging while the archive changes, as the README promises ("Deep pages"), on every backend.

Pages are read live, not from a snapshot. In date order the cursor is a
position (search-after): an article written between two pages shows on a
later page when it sorts after that position and never when it sorts before,
one deleted meanwhile is gone, and no article comes twice. Real Reuters copy.
"""
from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from loaders.pipeline import prepare
from service.backends.base import QuoteSearchRequest, SearchRequest
from service.query import parse

from ..extract.extract_corpus import realnews_articles
from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE

ARTICLES = 60
#: Each test writes: each gets an index (an Elasticsearch alias) of its own.
_NAMES = (f"paging-writes-{n}" for n in itertools.count())


def _reuters() -> list[dict]:
    return [prepare(dict(raw), REFERENCE) for raw in realnews_articles()[:ARTICLES]]


def _dated(article: dict, published: str, suffix: str) -> dict:
    """A copy of `article` under another id and date: a story written later."""
    raw = {key: article[key] for key in ("headline", "body", "outlet", "url")}
    raw["url"] += f"?{suffix}"
    raw["dateline"] = {"published_at": published}
    return prepare(raw, REFERENCE)


@pytest.fixture(params=BACKENDS)
def archive(request, tmp_path_factory):
    articles = _reuters()
    engine = own_backend(request, tmp_path_factory, next(_NAMES), articles)
    yield engine, articles
    engine.close()


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("quotes", [False, True], ids=["articles", "quotes"])
def test_a_date_ordered_walk_takes_writes_after_its_cursor_and_none_twice(archive, sort, quotes):
    engine, articles = archive
    kind = QuoteSearchRequest if quotes else SearchRequest
    search = engine.search_quotes if quotes else engine.search
    request = kind(parse(""), sort=sort, size=7, highlight=False)
    first = search(request)
    walked = [hit.id for hit in first.hits]
    quoted = next(article for article in articles if article.get("quotes"))  # so both walks see it
    ahead = _dated(quoted, "1988-06-01T00:00:00" if sort == "newest" else "1986-06-01T00:00:00", "ahead")
    behind = _dated(quoted, "1986-06-01T00:00:00" if sort == "newest" else "1988-06-01T00:00:00", "behind")
    unseen = search(replace(request, cursor=first.next_cursor)).hits[-1].id.split("#q")[0]
    assert not engine.upsert([ahead, behind]).failed
    assert engine.delete(unseen)
    request = replace(request, cursor=first.next_cursor)
    while request.cursor:
        page = search(request)
        walked += [hit.id for hit in page.hits]
        request = replace(request, cursor=page.next_cursor)
    now = [hit.id for hit in search(kind(parse(""), sort=sort, size=500, highlight=False)).hits]
    expected = [hit for hit in now if hit.split("#q")[0] != ahead["id"]]
    assert len(expected) < len(now)  # the story written ahead of the cursor is in the archive
    assert len(walked) == len(set(walked))
    assert walked == expected
    assert behind.get("quotes") and any(hit.split("#q")[0] == behind["id"] for hit in walked)
    assert not any(hit.split("#q")[0] == unseen for hit in walked)
