"""`load_plain` answers a search's arguments exactly as the schema would, or not at all."""
from __future__ import annotations

from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import RAISE

from service.api import search as search_api
from service.api.parsing import StrictParser
from service.backends.base import FACETS, SORTS
from service.schemas.search import SearchArgsSchema, load_plain

_APP = Flask(__name__)
_SCHEMA = SearchArgsSchema()

_KEYS = st.sampled_from(["q", "size", "sort", "highlight", "facets", "facet_size", "cursor",
                         "from", "until", "outlet", "bogus"])
_VALUES = st.one_of(
    st.text(max_size=12),
    st.integers(-5, 1_000_500).map(str),
    st.sampled_from(["", " 5", "1_0", "10.0", "\u0663", "007", "true", "False", "on", "no", "maybe", "1", "0",
                     *SORTS, "newest ", "2025-01-01"]),
    st.lists(st.sampled_from([*FACETS, "bogus", " outlet", ""]), max_size=4).map(",".join),
)


def _by_the_schema(pairs: list[tuple[str, str]]):
    with _APP.test_request_context("/search", query_string=pairs):
        try:
            return StrictParser().parse(_SCHEMA, location="query", unknown=RAISE)
        except Exception as error:  # noqa: BLE001 - webargs aborts with an HTTP error
            return ("refused", type(error).__name__)


def _plainly(pairs: list[tuple[str, str]]):
    with _APP.test_request_context("/search", query_string=pairs):
        from flask import request

        return load_plain(_SCHEMA, request.args)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_KEYS, _VALUES), max_size=5))
def test_plain_loading_is_the_schemas_or_nothing(pairs):
    plain = _plainly(pairs)
    if plain is not None:
        assert plain == _by_the_schema(pairs)


def test_the_common_searches_take_the_plain_way():
    for pairs in ([("q", '"central bank"')], [("q", "oil"), ("facets", "outlet,month"), ("size", "20")],
                  [("q", "x"), ("highlight", "false"), ("sort", "newest"), ("facet_size", "5")], []):
        plain = _plainly(pairs)
        assert plain is not None and plain == _by_the_schema(pairs), pairs


def test_the_search_route_loads_plainly_when_it_can(client, monkeypatch):
    calls = []
    loaders = search_api.blp.ARGUMENTS_PARSER.plain_loaders

    def spy(schema, args):
        calls.append(load_plain(schema, args))
        return calls[-1]

    monkeypatch.setitem(loaders, SearchArgsSchema, spy)
    assert client.get("/search?q=ferry&size=5").status_code == 200
    response = client.get("/search?q=ferry&size=0")
    assert response.status_code == 422 and response.get_json()["code"]  # refused by the schema, as always
    assert calls[0] is not None and calls[0]["size"] == 5 and calls[1] is None
