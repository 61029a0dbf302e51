"""Regressions found by QA on the HTTP API: each test names what used to go wrong."""
from __future__ import annotations

import pytest

SEARCH_ROUTES = ["/search", "/quotes", "/sources", "/export", "/quotes/export", "/speakers/Lena%20Okafor/quotes"]


@pytest.mark.parametrize("route", SEARCH_ROUTES)
@pytest.mark.parametrize("bounds", ["until=9999-12-31", "from=0001-01-01", "from=1677-09-21",
                                    "until=2262-04-12", "from=0001-01-01&until=9999-12-31"])
def test_open_ended_date_bounds_are_no_error(client, route, bounds):
    """They were a 500: tantivy holds dates from 1677-09-21 to 2262-04-11 only."""
    response = client.get(f"{route}?{bounds}")
    body = response.get_data(as_text=True)
    assert response.status_code == 200, body
    if route in ("/search", "/quotes"):
        assert response.get_json()["total"] > 0
