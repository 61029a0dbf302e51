"""`OrjsonProvider.response` gives the bytes Flask's own provider gives."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from flask import Flask
from flask.json.provider import DefaultJSONProvider

from service.json_provider import OrjsonProvider

VALUES = [
    {"total": 3, "hits": [{"id": "a", "score": 1.5, "highlights": {"body": ["<em>x</em> é 中 😀"]}}],
     "next_cursor": None, "facets": {}, "took_ms": 0.123},
    [1, 2.5, None, True, "\u2028"],
    {"when": datetime(2025, 4, 11, 16, 54, tzinfo=timezone.utc), "day": date(2025, 4, 11)},
    {"big": 2**70},  # beyond orjson: Flask's encoder
    {1: "non-string key"},
    "text",
]


def _app(provider):
    app = Flask(__name__)
    app.json = provider(app)
    return app


@pytest.mark.parametrize("value", VALUES)
def test_the_response_bytes_are_flasks(value):
    ours, flasks = _app(OrjsonProvider), _app(DefaultJSONProvider)
    flasks.json.ensure_ascii, flasks.json.sort_keys = False, False  # as OrjsonProvider
    with ours.app_context():
        mine = ours.json.response(value)
    with flasks.app_context():
        reference = flasks.json.response(value)
    assert mine.get_data() == reference.get_data()
    assert mine.headers["Content-Type"] == reference.headers["Content-Type"] == "application/json"
    assert mine.headers["Content-Length"] == reference.headers["Content-Length"]


def test_keyword_arguments_and_debug_indentation_are_flasks():
    app = _app(OrjsonProvider)
    with app.app_context():
        assert app.json.response(a=1, b=[2]).get_data() == b'{"a":1,"b":[2]}\n'
    app.debug = True
    with app.app_context():
        assert app.json.response({"a": 1}).get_data() == b'{\n  "a": 1\n}\n'
