"""A cursor is bound to its search by a fingerprint; a release that adds a filter keeps it.

A client paging through an export or a sync while the service is upgraded
holds cursors of the release before: had the new filter's empty value
changed every fingerprint, each of those became 400 `invalid_cursor`.
"""
from __future__ import annotations

from datetime import datetime, timezone

from service.backends.base import Filters, SearchRequest
from service.query import parse


def _request(**bounds) -> SearchRequest:
    filters = Filters.build(since=datetime(2025, 1, 1, tzinfo=timezone.utc), outlet=["Reuters"], **bounds)
    return SearchRequest(parse('"red line" harbour'), filters=filters, sort="newest")


def test_a_search_without_ingested_bounds_has_the_fingerprint_of_earlier_releases():
    assert _request().fingerprint() == "1c14a917a78b17a0"  # as computed before `ingested_from` existed


def test_ingested_bounds_are_part_of_the_fingerprint():
    since = datetime(2025, 5, 1, tzinfo=timezone.utc)
    assert len({_request().fingerprint(), _request(ingested_since=since).fingerprint(),
                _request(ingested_until=since).fingerprint()}) == 3
