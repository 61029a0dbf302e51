"""Export streams every match once, in date order, on every backend."""
from __future__ import annotations

import pytest

import service.backends.base as base_module
from service.backends.base import QuoteSearchRequest, SearchRequest
from service.query import parse

from .test_quotes_contract import OKAFOR
from .test_search_contract import FILLER


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(base_module, "EXPORT_PAGE", 3)  # many rounds over a small corpus


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
