"""`sort=ingested`: the articles last written into the index first, the same on every backend.

What arrived or changed lately, whatever its publication date: a backfill of
old stories, a correction, come first. Articles written in the same second come
in the tie code's order, as the date sorts; a cursor pages through all of them.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.errors import InvalidRequest
from service.query import parse

from .conftest import BACKENDS, own_backend

REFERENCE = datetime(2025, 6, 1)
#: (key, published, written): written in another order than published, three in one second.
ROWS = [("a", "2025-01-01", "2025-05-01T10:00:00"), ("b", "2025-03-01", "2025-04-01T10:00:00"),
        ("c", "2024-06-01", "2025-05-02T09:00:00"), ("d", None, "2025-05-02T09:00:00"),
        ("e", "2025-02-01", "2025-05-02T09:00:00"), ("f", "2025-04-01", "2025-03-01T10:00:00")]


def _story(key: str, published: str | None, written: str) -> dict:
    return prepare({"url": f"https://example.org/written/{key}", "outlet": "Example",
                    "headline": f"Harbour story {key}", "body": [f"The harbour report {key}, said Ana Reyes."],
                    "dateline": {"published_at": published}},
                   REFERENCE, now=datetime.fromisoformat(written).replace(tzinfo=timezone.utc))


STORIES = {key: _story(key, published, written) for key, published, written in ROWS}
KEY_OF = {story["id"]: key for key, story in STORIES.items()}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    backend = own_backend(request, tmp_path_factory, "ingested", list(STORIES.values()))
    yield backend
    backend.close()


def _walk(engine, request: SearchRequest) -> list[str]:
    keys = []
    while True:
        page = engine.search(request)
        keys += [KEY_OF[hit.id] for hit in page.hits]
        if not page.next_cursor:
            return keys
        request = replace(request, cursor=page.next_cursor)


def test_the_last_written_come_first_and_pages_give_each_once(engine):
    whole = _walk(engine, SearchRequest(parse("harbour"), sort="ingested", size=10, highlight=False))
    assert whole[3:] == ["a", "b", "f"]
    assert sorted(whole[:3]) == ["c", "d", "e"]  # one second: in tie-code order, undated or not
    assert _walk(engine, SearchRequest(parse("harbour"), sort="ingested", size=2, highlight=False)) == whole
    assert _walk(engine, SearchRequest(parse(""), sort="ingested", size=1, highlight=False)) == whole


def test_the_order_is_the_same_on_every_backend(engine):
    """The tie code decides within a second on both engines: fixed, whichever runs."""
    whole = _walk(engine, SearchRequest(parse("harbour"), sort="ingested", size=10, highlight=False))
    by_tie = sorted(["c", "d", "e"], key=lambda key: -_tie(STORIES[key]["id"]))
    assert whole[:3] == by_tie


def _tie(article_id: str) -> int:
    from service.backends.date_keys import tie_code
    return tie_code(article_id)


def test_quotes_have_no_time_of_writing_to_sort_by(engine):
    with pytest.raises(InvalidRequest, match="sorts are relevance, newest, oldest"):
        engine.search_quotes(QuoteSearchRequest(parse("harbour"), sort="ingested"))


def test_an_export_lists_them_last_written_first(engine):
    """The search page's 'Recently added' links its export with sort=ingested: the export
    refused it (422) and, asked so, the backends exported newest published first."""
    searched = _walk(engine, SearchRequest(parse("harbour"), sort="ingested", size=10, highlight=False))
    exported = [KEY_OF[hit.id] for hit in engine.export(SearchRequest(parse("harbour"), sort="ingested"))]
    assert exported == searched


def _written(engine, since=None, until=None, **kwargs) -> list[str]:
    filters = Filters.build(ingested_since=_utc(since), ingested_until=_utc(until))
    page = engine.search(SearchRequest(parse("harbour"), filters=filters, sort="ingested", size=10,
                                       highlight=False, **kwargs))
    return sorted(KEY_OF[hit.id] for hit in page.hits)


def _utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc) if text else None


@pytest.mark.parametrize("since, until, expected", [
    ("2025-05-01T10:00:00", None, ["a", "c", "d", "e"]),  # the bound's own second is in
    ("2025-05-01T10:00:00.5", None, ["c", "d", "e"]),  # ingested_at holds whole seconds: 10:00:00 is before
    (None, "2025-04-01T10:00:00", ["b", "f"]),
    (None, "2025-04-01T09:59:59.999", ["f"]),
    ("2025-04-01T10:00:00", "2025-05-01T10:00:00", ["a", "b"]),
    ("2025-05-02T09:00:00", "2025-05-02T09:00:00", ["c", "d", "e"]),  # undated or not: written is what counts
    ("2025-05-03T00:00:00", None, []),
    # Bounds past the seconds the embedded index's keys hold (1678 to 2261): open ends, or nothing.
    # `ingested_from=0001-01-01` was a 500 there (a key past 64 bits), on /search, /export and the page.
    ("0001-01-01T00:00:00", None, ["a", "b", "c", "d", "e", "f"]),
    (None, "9999-12-31T23:59:59.999999", ["a", "b", "c", "d", "e", "f"]),
    ("0001-01-01T00:00:00", "9999-12-31T23:59:59", ["a", "b", "c", "d", "e", "f"]),
    ("1000-01-01T00:00:00", "2025-04-01T10:00:00", ["b", "f"]),
    ("9999-01-01T00:00:00", None, []),
    (None, "0001-12-31T00:00:00", []),
])
def test_ingested_bounds_take_the_articles_written_between_them(engine, since, until, expected):
    """What a client following the archive asks: what was written since its last look."""
    assert _written(engine, since, until) == expected


def test_ingested_bounds_page_with_a_cursor(engine):
    filters = Filters.build(ingested_since=_utc("2025-04-01T10:00:00"))
    request = SearchRequest(parse(""), filters=filters, sort="ingested", size=2, highlight=False)
    assert sorted(_walk(engine, request)) == ["a", "b", "c", "d", "e"]


def test_ingested_bounds_in_the_wrong_order_are_refused():
    with pytest.raises(InvalidRequest, match="'ingested_from' is after 'ingested_until'"):
        Filters.build(ingested_since=_utc("2025-05-02T00:00:00"), ingested_until=_utc("2025-05-01T00:00:00"))
