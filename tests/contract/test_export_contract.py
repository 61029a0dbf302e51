"""Export streams every match once, in date order, on every backend."""
from __future__ import annotations

from dataclasses import replace

import pytest

import service.backends.cursors as cursors
import service.backends.export_pages as export_pages
from service.backends.base import QuoteSearchRequest, SearchRequest
from service.query import parse

from .test_quotes_contract import OKAFOR
from .test_search_contract import FILLER


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(export_pages, "EXPORT_PAGE", 3)  # many rounds over a small corpus


def test_export_yields_every_match_once_newest_first(backend):
    hits = list(backend.export(SearchRequest(parse("harbour"), sort="relevance")))
    ids = [h.id for h in hits]
    assert len(ids) == len(set(ids)) and set(ids) == FILLER | {"c-headline-harbour"}
    dated = [h.article["dateline"]["published_at"] for h in hits if h.article["dateline"]["published_at"]]
    assert [d.replace("Z", "") for d in dated] == sorted((d.replace("Z", "") for d in dated), reverse=True)


def test_export_quotes(backend):
    hits = list(backend.export_quotes(QuoteSearchRequest(parse("fishermen"), sort="oldest")))
    assert [h.id for h in hits] == ["c-redline-2#q0", "c-okafor-2#q0", "c-okafor-3#q0"]
    assert {h.id for h in hits} == OKAFOR


def _undated_sightings(prefix: str, bird: str, count: int) -> list[dict]:
    """`count` undated articles (one sort key) about `bird`, each with one quote."""
    from loaders.pipeline import prepare

    from .corpus import REFERENCE, _as_given

    return [prepare({"id": f"{prefix}-{n:03d}", "headline": f"{bird} notice {n}", "body": ["Posted."],
                     "quotes": [{"text": f"{bird.lower()} sighting number {n}", "kind": "partial",
                                 "speaker": "Ada Birder", "source": "Ada Birder"}],
                     "sources": [{"name": "Ada Birder", "kind": "person"}]}, REFERENCE, extractor=_as_given)
            for n in range(count)]


def test_export_pages_through_a_long_run_of_undated_hits(backend, monkeypatch):
    """Undated articles share one sort key. Each export page's cursor carried every
    id of that run, so an export of a few thousand undated articles (or quotes)
    grew it past MAX_CURSOR_LENGTH and stopped half-way with InvalidCursor."""
    monkeypatch.setattr(cursors, "MAX_CURSOR_LENGTH", 300)  # a run of 40 undated hits exceeds it
    articles = _undated_sightings("c-undated", "Zebrafinch", 40)
    backend.upsert(articles)
    try:
        expected = {a["id"] for a in articles}
        for sort in ("newest", "oldest"):
            ids = [h.id for h in backend.export(SearchRequest(parse("zebrafinch"), sort=sort))]
            assert len(ids) == 40 and set(ids) == expected
            quote_ids = [h.id for h in backend.export_quotes(QuoteSearchRequest(parse("zebrafinch"), sort=sort))]
            assert len(quote_ids) == 40 and set(quote_ids) == {f"{i}#q0" for i in expected}
    finally:
        for article in articles:
            backend.delete(article["id"])


def test_date_sorted_pages_through_a_long_run_of_undated_hits_keep_short_cursors(backend):
    """Undated articles share one date. On the embedded index each page's cursor
    carried every id of that run, so paging a few hundred undated articles
    made page links longer than a URL may be (414 at about 500 deep)."""
    articles = _undated_sightings("c-undated-page", "Kingfisher", 120)
    backend.upsert(articles)
    try:
        for sort in ("newest", "oldest"):
            for search, request in ((backend.search, SearchRequest(parse("kingfisher"), size=7, sort=sort)),
                                    (backend.search_quotes, QuoteSearchRequest(parse("kingfisher"), size=7,
                                                                               sort=sort))):
                ids, longest = [], 0
                while True:
                    page = search(request)
                    ids += [hit.id for hit in page.hits]
                    if not page.next_cursor:
                        break
                    longest = max(longest, len(page.next_cursor))
                    request = replace(request, cursor=page.next_cursor)
                assert len(ids) == len(set(ids)) == 120
                assert longest < 300, f"a cursor grew to {longest} characters"
    finally:
        for article in articles:
            backend.delete(article["id"])
