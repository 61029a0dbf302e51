"""A batch write (`service.batches.write_batch`, behind POST /articles/batch) answers
every item the same way on every backend."""
from __future__ import annotations

import pytest

from service.backends.base import QuoteSearchRequest, SearchRequest
from service.batches import write_batch
from service.query import parse

from .conftest import BACKENDS, own_backend


def _story(n: int, headline: str | None = None) -> dict:
    return {"headline": headline or f"Ferry route {n} resumes",
            "body": [f"OSKARVIK, May {n} (Reuters) - Ferry route {n} resumed on Monday. "
                     f"\"We are back on schedule,\" said harbour master Ana Reyes."],
            "url": f"https://gazette.example/ferry/{n}"}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    backend = own_backend(request, tmp_path_factory, "batches", [])
    yield backend
    backend.close()


def _statuses(answer: dict) -> list[str]:
    return [item["status"] for item in answer["items"]]


def test_a_batch_is_answered_item_by_item_and_is_idempotent(engine):
    first = write_batch(engine, [_story(1), {"headline": "No body"}, _story(2), _story(2, "Ferry route 2, corrected")])
    assert _statuses(first) == ["indexed", "rejected", "superseded", "indexed"]
    assert first["items"][2]["id"] == first["items"][3]["id"]
    again = write_batch(engine, [_story(1), _story(2, "Ferry route 2, corrected"), _story(3)])
    assert _statuses(again) == ["unchanged", "unchanged", "indexed"]
    edited = write_batch(engine, [_story(3, "Ferry route 3 resumes after repairs")])
    assert _statuses(edited) == ["updated"]
    page = engine.search(SearchRequest(query=parse("ferry"), size=10, sort="newest"))
    assert page.total == 3
    assert sorted(hit.article["headline"] for hit in page.hits) == [
        "Ferry route 1 resumes", "Ferry route 2, corrected", "Ferry route 3 resumes after repairs"]
    quotes = engine.search_quotes(QuoteSearchRequest(query=parse('"back on schedule"'), size=10, sort="newest"))
    assert quotes.total == 3  # one quote an article: the superseded copy left none behind
    assert {hit.article["speaker"] for hit in quotes.hits} == {"Ana Reyes"}
