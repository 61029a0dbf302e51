"""Regressions found by QA on the HTTP API: each test names what used to go wrong."""
from __future__ import annotations

import base64
import json

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


def _tampered(cursor: str, **changes) -> str:
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    payload.update(changes)
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize("route", ["/search", "/quotes"])
@pytest.mark.parametrize("changes", [{"k": 1e30}, {"o": "5"}, {"o": True}, {"s": {}}])
def test_a_tampered_date_cursor_is_400_invalid_cursor(client, route, changes):
    """`"k": 1e30` was a 500 ("Expected I64 type for field newest_key")."""
    cursor = client.get(f"{route}?sort=newest&size=1").get_json()["next_cursor"]
    response = client.get(f"{route}?sort=newest&size=1&cursor={_tampered(cursor, **changes)}")
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json()["code"] == "invalid_cursor"


ARTICLE = {"headline": "Ferry timetable changes", "body": ["OSKARVIK (Reuters) - The ferry changes its timetable."]}


@pytest.mark.parametrize("published_at", ["not a date", "2024-02-30", "2024-13-01", "0001-01-01T00:00:00",
                                          "9999-12-31", "1600-05-05T10:00:00Z"])
def test_a_written_article_with_a_bad_date_is_422_invalid_article(client, auth, published_at):
    """Were stored verbatim as undated (201), or 422 invalid_parameters with empty details."""
    body = {**ARTICLE, "dateline": {"published_at": published_at}}
    response = client.post("/articles", json=body, headers=auth)
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()
    assert error["code"] == "invalid_article"
    assert "published_at" in error["message"]
    assert error["details"]["errors"]["json"]["dateline"]["published_at"]  # under the body, as webargs puts it


@pytest.mark.parametrize("published_at", ["2024-02-29", "2024-02-29T10:00:00Z", "2024-02-29T10:00:00+05:30",
                                          "1678-01-01", "2261-12-31", "", None])
def test_a_written_article_with_a_good_or_no_date_is_taken(client, auth, published_at):
    body = {**ARTICLE, "headline": f"Ferry timetable {published_at}", "dateline": {"published_at": published_at}}
    response = client.post("/articles", json=body, headers=auth)
    assert response.status_code in (200, 201), response.get_data(as_text=True)
    article_id = response.get_json()["id"]
    assert client.delete(f"/articles/{article_id}", headers=auth).status_code == 204


WRITES = [("post", "/articles"), ("delete", "/articles/c-aliyev")]
BROKEN_BODIES = [{}, {"headline": 5}, b"{not json", {"headline": "x", "body": ["y"], "nope": 1}]


@pytest.mark.parametrize("method, route", WRITES)
@pytest.mark.parametrize("body", BROKEN_BODIES)
@pytest.mark.parametrize("headers, status, code", [
    ({}, 401, "unauthorized"), ({"Authorization": "Bearer wrong"}, 401, "unauthorized"),
    ({"Authorization": "Basic test-key-123"}, 401, "unauthorized"),
])
def test_the_key_is_checked_before_the_body(client, method, route, body, headers, status, code):
    """No key + {} was a 422 listing the required fields; a wrong key + broken JSON a 400."""
    kwargs = {"data": body, "content_type": "application/json"} if isinstance(body, bytes) else {"json": body}
    response = getattr(client, method)(route, headers=headers, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.get_json()["code"] == code


@pytest.mark.parametrize("method, route", WRITES)
def test_writes_disabled_is_403_before_the_body(loaded_data_dir, method, route):
    from service.app import create_app
    from service.config import Config

    client = create_app(Config(data_dir=loaded_data_dir)).test_client()
    response = getattr(client, method)(route, data=b"{not json", content_type="application/json")
    assert response.status_code == 403 and response.get_json()["code"] == "forbidden"


def test_repeated_ids_are_combined(client):
    """`ids=a&ids=b` returned a only, b in neither articles nor missing."""
    body = client.get("/articles?ids=c-aliyev&ids=nope,c-french&ids=c-aliyev").get_json()
    assert [a["id"] for a in body["articles"]] == ["c-aliyev", "c-french"]
    assert body["missing"] == ["nope"]


@pytest.mark.parametrize("route", ["/search", "/quotes", "/speakers/Lena%20Okafor/quotes"])
def test_repeated_facets_are_combined(client, route):
    """`facets=outlet&facets=place` counted outlet only."""
    page = client.get(f"{route}?facets=outlet&facets=place,month&facets=outlet").get_json()
    assert set(page["facets"]) == {"outlet", "place", "month"}


@pytest.mark.parametrize("url, parameter", [
    ("/search?q=a&q=b", "q"), ("/search?size=1&size=2", "size"), ("/search?q=red&sort=newest&sort=oldest", "sort"),
    ("/search?from=2024-01-01&from=2025-01-01", "from"), ("/quotes?match=near&match=exact&q=red", "match"),
    ("/sources?size=1&size=2", "size"), ("/export?format=csv&format=jsonl", "format"),
    ("/quotes/export?q=a&q=b", "q"), ("/speakers/Lena%20Okafor/quotes?cursor=a&cursor=b", "cursor"),
    ("/search?highlight=true&highlight=false", "highlight"),
])
def test_a_repeated_single_valued_parameter_is_422_naming_it(client, url, parameter):
    """The first value was kept silently."""
    response = client.get(url)
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()
    assert error["code"] == "invalid_parameters"
    assert parameter in error["details"]["errors"]["query"]
    assert parameter in error["message"]


@pytest.mark.parametrize("url", ["/search?outlet=Reuters&outlet=Harbor%20Gazette", "/sources?kind=person&kind=outlet",
                                 "/quotes?speaker=Lena%20Okafor&speaker=Maria%20Lopez"])
def test_list_parameters_may_repeat(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("method, url", [
    ("get", "/articles/c-aliyev?foo=1"), ("get", "/articles/c-aliyev/attribution?foo=1"),
    ("get", "/healthz?foo=1"), ("get", "/readyz?foo=1"), ("get", "/quotes/nope/occurrences?size=1"),
    ("get", "/search?foo=1"), ("get", "/sources?foo=1"), ("get", "/articles?ids=c-aliyev&foo=1"),
    ("delete", "/articles/nope?foo=1"), ("post", "/articles?foo=1"),
])
def test_unknown_query_parameters_are_refused_on_every_api_route(client, auth, method, url):
    """Some routes ignored them."""
    kwargs = {"json": ARTICLE} if method == "post" else {}
    response = getattr(client, method)(url, headers=auth, **kwargs)
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()
    assert error["code"] == "invalid_parameters"
    assert ("foo" if "foo" in url else "size") in error["details"]["errors"]["query"]


def test_routes_without_parameters_still_answer(client, auth):
    assert client.get("/articles/c-aliyev").status_code == 200
    assert client.get("/articles/c-aliyev/attribution").status_code == 200
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200
    assert client.get("/quotes/nope/occurrences").status_code == 404


@pytest.mark.parametrize("name", ["%20", "%20%20%09", "%E2%80%83"])
def test_a_blank_speaker_is_422(client, name):
    """`/speakers/%20/quotes` listed every quote."""
    response = client.get(f"/speakers/{name}/quotes")
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()
    assert error["code"] == "invalid_parameters" and error["details"]["errors"]["path"]["name"]


def test_csv_export_neutralises_formulas(client, auth):
    """A headline `=HYPERLINK(...)` and outlet `+cmd|calc` were written raw: a spreadsheet runs them."""
    import csv
    import io

    article = {"headline": '=HYPERLINK("http://evil.example","click") zqxformula', "outlet": "+cmd|calc",
               "body": ["-2+3 zqxformula paragraph."], "url": "https://example.org/zqxformula",
               "quotes": [{"text": "@SUM(A1:A9) zqxformula", "speaker": "\tTab Person"}]}
    created = client.post("/articles", json=article, headers=auth)
    assert created.status_code == 201, created.get_data(as_text=True)
    try:
        text = client.get("/export?q=zqxformula&format=csv").get_data(as_text=True)
        (row,) = csv.DictReader(io.StringIO(text))
        assert row["headline"] == "'" + article["headline"]
        assert row["outlet"] == "'+cmd|calc"
        assert row["url"] == article["url"] and row["quote_count"] == "1"
        quotes = list(csv.DictReader(io.StringIO(client.get("/quotes/export?q=zqxformula&format=csv")
                                                 .get_data(as_text=True))))
        assert quotes and all(not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                              for quote in quotes for cell in quote.values())
        assert quotes[0]["text"] == "'@SUM(A1:A9) zqxformula"
        jsonl = client.get("/export?q=zqxformula&format=jsonl").get_data(as_text=True)
        assert json.loads(jsonl)["headline"] == article["headline"]  # JSON is data, kept as it is
    finally:
        client.delete(f"/articles/{created.get_json()['id']}", headers=auth)


@pytest.mark.parametrize("letter", ["ب", "中", "😀", "é"])
def test_a_query_of_the_longest_length_works_in_any_script(client, letter):
    """700 Arabic characters got gunicorn's HTML 414 (the app's side is here, gunicorn's in test_gunicorn)."""
    from urllib.parse import quote

    q = " ".join([letter * 19] * 50) + letter
    assert len(q) == 1000
    response = client.get(f"/search?q={quote(q)}&outlet=Reuters&facets=outlet,place&sort=newest")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


def test_an_over_long_query_string_is_a_json_414(client):
    from service.limits import max_query_string_bytes

    with client.application.app_context():
        limit = max_query_string_bytes()
    response = client.get("/search?q=" + "a" * limit)
    assert response.status_code == 414
    error = response.get_json()
    assert error["code"] == "uri_too_long" and error["details"]["limit"] == limit
    assert client.get("/search?q=" + "a" * (limit - 2)).status_code == 400  # too long for q, not for the URL


@pytest.mark.parametrize("kind", ["ANONYMOUS", "Anonymous", "anonymous", " anonymous "])
def test_kind_filters_are_case_insensitive(client, kind):
    """`source_kind=ANONYMOUS` and `/sources?kind=ANONYMOUS` were 422, though filters are case-insensitive."""
    from urllib.parse import quote

    expected = client.get("/search?source_kind=anonymous&size=1").get_json()["total"]
    page = client.get(f"/search?source_kind={quote(kind)}&size=1")
    assert page.status_code == 200 and page.get_json()["total"] == expected > 0
    quotes = client.get(f"/quotes?source_kind={quote(kind)}")
    assert quotes.status_code == 200 and quotes.get_json()["total"] > 0
    sources = client.get(f"/sources?kind={quote(kind)}").get_json()["sources"]
    assert sources and {s["kind"] for s in sources} == {"anonymous"}
    assert client.get("/sources?kind=anonymus").status_code == 422


@pytest.mark.parametrize("route", ["/search", "/quotes", "/sources", "/export", "/quotes/export",
                                   "/speakers/Lena%20Okafor/quotes"])
def test_from_after_until_is_422_on_every_route(client, route):
    """/sources said 400 invalid_request where the others said 422 invalid_parameters."""
    response = client.get(f"{route}?from=2025-01-01&until=2024-01-01")
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()
    assert error["code"] == "invalid_parameters" and "from" in error["details"]["errors"]["query"]


@pytest.mark.parametrize("headers", [{"Content-Type": "text/plain"}, {}, {"Content-Type": "application/x-www-form-urlencoded"}])
def test_a_body_that_is_not_json_is_415(client, auth, headers):
    """Was 422 "Missing data for required field"."""
    response = client.post("/articles", data=json.dumps(ARTICLE), headers={**auth, **headers})
    assert response.status_code == 415, response.get_data(as_text=True)
    assert response.get_json()["code"] == "unsupported_media_type"


def test_a_json_body_with_a_charset_is_json(client, auth):
    response = client.post("/articles", data=json.dumps({**ARTICLE, "headline": "Charset ferry"}),
                           headers={**auth, "Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 201, response.get_data(as_text=True)
    client.delete(f"/articles/{response.get_json()['id']}", headers=auth)


@pytest.mark.parametrize("method, route, allowed", [
    ("put", "/articles", {"GET", "POST"}), ("delete", "/search", {"GET"}), ("post", "/articles/c-aliyev", {"GET", "DELETE"}),
    ("patch", "/healthz", {"GET"}),
])
def test_405_is_json_with_an_allow_header(client, auth, method, route, allowed):
    response = getattr(client, method)(route, headers=auth)
    assert response.status_code == 405
    assert response.get_json()["code"] == "method_not_allowed"
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_a_204_has_no_content_type(client, auth):
    """A DELETE's empty 204 said Content-Type: application/json."""
    created = client.post("/articles", json={**ARTICLE, "headline": "Deleted ferry"}, headers=auth)
    response = client.delete(f"/articles/{created.get_json()['id']}", headers=auth)
    assert response.status_code == 204 and response.get_data() == b""
    assert "Content-Type" not in response.headers


def _chunked_post(client, body: bytes, auth):
    """As gunicorn hands a chunked body over: no Content-Length, the stream terminated by the server."""
    import io

    return client.post("/articles", input_stream=io.BytesIO(body),
                       headers={**auth, "Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True})


def test_an_oversized_chunked_body_is_413(client, auth):
    """Was 400 invalid_json: werkzeug stopped reading at the limit and handed over the truncated JSON."""
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({**ARTICLE, "body": ["y" * (limit + 10)]}).encode()
    response = _chunked_post(client, body, auth)
    assert response.status_code == 413 and response.get_json()["code"] == "payload_too_large"
    with_length = client.post("/articles", data=body, headers={**auth, "Content-Type": "application/json"})
    assert with_length.status_code == 413 and with_length.get_json()["code"] == "payload_too_large"


def test_a_chunked_body_within_the_limit_is_taken(client, auth):
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    article = {**ARTICLE, "headline": "Chunked ferry", "body": ["y" * 1000]}
    body = json.dumps(article).encode()
    body += b" " * (limit - len(body))  # exactly the limit: the whole body, nothing beyond
    response = _chunked_post(client, body, auth)
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    client.delete(f"/articles/{response.get_json()['id']}", headers=auth)


@pytest.mark.parametrize("body, named", [
    ({"headline": "x", "body": ["y"], "quotes": [{"text": 3}]}, "quotes.0.text: Not a valid string."),
    ({"headline": "x", "body": ["y"], "dateline": {"place": 5}}, "dateline.place: Not a valid string."),
    ([{"headline": "x", "body": ["y"]}], "the body must be one JSON object"),
    ("an article", "the body must be one JSON object"),
])
def test_an_invalid_write_names_the_path_to_each_problem(client, auth, body, named):
    response = client.post("/articles", json=body, headers=auth)
    assert response.status_code == 422 and response.get_json()["code"] == "invalid_parameters"
    assert named in response.get_json()["message"]


def _leaves(problems):
    """Every message list of a `details.errors` location, however deeply nested."""
    for value in problems.values():
        if isinstance(value, dict):
            yield from _leaves(value)
        else:
            yield value


_QUERY_AT_FAULT = [
    ("get", "/search?size=0", None, 422, "invalid_parameters", ("query", "size")),
    ("get", "/search?outlett=x", None, 422, "invalid_parameters", ("query", "outlett")),
    ("get", "/search?from=2025-02-01&until=2025-01-01", None, 422, "invalid_parameters", ("query", "from")),
    ("get", "/speakers/%20/quotes", None, 422, "invalid_parameters", ("path", "name")),
    ("get", '/search?q="red line', None, 400, "query_syntax", ("query", "q")),
    ("get", "/search?q=nosuchfield:x", None, 400, "unknown_field", ("query", "q")),
    ("get", "/search?q=" + "+".join(["w"] * 60), None, 400, "query_too_complex", ("query", "q")),
    ("get", "/search?cursor=zzz", None, 400, "invalid_cursor", ("query", "cursor")),
    ("get", "/quotes?match=near&q=-%20*", None, 400, "invalid_request", ("query", "q")),
    ("post", "/articles", "{not json", 400, "invalid_json", ("json", "_schema")),
    ("post", "/articles", json.dumps([1]), 422, "invalid_parameters", ("json", "_schema")),
    ("post", "/articles", json.dumps({"headline": "x"}), 422, "invalid_parameters", ("json", "body")),
    ("post", "/articles", json.dumps({**ARTICLE, "dateline": {"published_at": "2024-02-30"}}), 422,
     "invalid_article", ("json", "dateline", "published_at")),
    ("post", "/articles", json.dumps({"headline": "x", "body": ["   "]}), 422, "invalid_article", ("json", "body")),
    ("post", "/articles", json.dumps({"headline": " ", "body": ["y"]}), 422, "invalid_article", ("json", "headline")),
    ("post", "/articles", json.dumps({**ARTICLE, "url": "http://example.org:port/x"}), 422, "invalid_article",
     ("json", "url")),
]


@pytest.mark.parametrize("method, url, body, status, code, at", _QUERY_AT_FAULT,
                         ids=[f"{code}-{'.'.join(at)}" for *_, code, at in _QUERY_AT_FAULT])
def test_every_400_and_422_names_the_input_at_fault_in_one_shape(client, auth, method, url, body, status, code, at):
    """webargs put field errors under their location (`errors.json.dateline`),
    our own checks at the top (`errors.dateline`), and the query parser, the
    cursor and `invalid_request` named none: a client had to know which."""
    headers = {**auth, "Content-Type": "application/json"} if body is not None else {}
    response = getattr(client, method)(url, data=body, headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert error["code"] == code and error["message"]
    errors = error["details"]["errors"]
    assert set(errors) <= {"query", "json", "path"} and all(isinstance(v, dict) for v in errors.values())
    for messages in _leaves(errors):
        assert isinstance(messages, list) and messages and all(isinstance(m, str) and m for m in messages)
    found = errors
    for key in at:
        assert key in found, (at, errors)
        found = found[key]


def test_a_domain_errors_own_details_stay_beside_errors(client):
    details = client.get('/search?q="red line').get_json()["details"]
    assert details["position"] == 0 and details["errors"]["query"]["q"]
    details = client.get("/search?q=" + "+".join(["w"] * 60)).get_json()["details"]
    assert details["limit"] == 50
    assert client.get("/quotes?match=near&q=-%20*").get_json()["details"]["parameter"] == "q"


@pytest.mark.parametrize("value", ["５", "٣", "1_0", " 5", "5 ", "0x5", "5.0", "１0"])
@pytest.mark.parametrize("route, parameter", [("/search", "size"), ("/search", "facet_size"), ("/quotes", "size"),
                                              ("/sources", "size"), ("/sources", "offset")])
def test_a_number_written_other_than_in_ascii_digits_is_422_naming_it(client, route, parameter, value):
    """Python's int() reads full-width and Arabic-Indic digits, underscores and spaces around
    them: `size=５` gave a page of five where a client meant something else."""
    response = client.get(route, query_string={parameter: value, "facets": "outlet"})
    assert response.status_code == 422, (route, parameter, value, response.get_data(as_text=True))
    error = response.get_json()
    assert error["code"] == "invalid_parameters"
    assert error["details"]["errors"]["query"][parameter] == ["Not a valid integer."]


@pytest.mark.parametrize("value, size", [("5", 5), ("+5", 5), ("05", 5)])
def test_a_number_in_ascii_digits_is_read(client, value, size):
    assert client.get("/search", query_string={"size": value, "sort": "newest"}).get_json()["hits"].__len__() == size


@pytest.mark.parametrize("body, field", [
    ('{"headline": "Ferry", "body": ["x"], "he\\ud800": 1}', "he\ufffd"),
    ('{"headline": "Ferry", "body": ["x"], "dateline": {"pl\\udfffce": "Oslo"}}', "pl\ufffdce"),
])
def test_an_unknown_field_named_with_an_unpaired_surrogate_is_422_naming_it(client, auth, body, field):
    """JSON's `\\ud800` escape is valid JSON but no character: the 422 naming the
    unknown field could not be encoded (by orjson or by Flask's encoder), and
    the answer was a 500 `internal_error`. It is named with the replacement
    character, as the pipeline cleans text."""
    response = client.post("/articles", data=body.encode(), headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422, response.get_data(as_text=True)
    error = json.loads(response.get_data())
    assert error["code"] == "invalid_parameters" and field in json.dumps(error["details"], ensure_ascii=False)


@pytest.mark.parametrize("route, empty, same_as", [
    ("/search", "q=ferry&sort=", "q=ferry"), ("/search", "q=ferry&from=", "q=ferry"),
    ("/search", "q=ferry&highlight=", "q=ferry"), ("/search", "q=ferry&facet_size=&facets=outlet", "q=ferry&facets=outlet"),
    ("/search", "q=ferry&size=&until=", "q=ferry"), ("/search", "q=ferry&sort=&sort=newest", "q=ferry&sort=newest"),
    ("/quotes", "sort=&match=", ""), ("/sources", "kind=&from=", ""), ("/export", "sort=&format=", ""),
])
def test_an_empty_parameter_is_not_given(client, route, empty, same_as):
    """`sort=`, `from=`, `highlight=` and `facet_size=` were 422 while `outlet=`, `facets=` and
    `cursor=` were ignored: a form or URL template sends every field, filled or not."""
    response = client.get(f"{route}?{empty}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert _without_timing(response) == _without_timing(client.get(f"{route}?{same_as}"))


def _without_timing(response):
    body = response.get_json(silent=True)
    if isinstance(body, dict):
        body.pop("took_ms", None)
        return body
    return response.get_data()


def test_an_unknown_parameter_is_refused_even_empty(client):
    response = client.get("/search?q=ferry&sotr=")
    assert response.status_code == 422 and "sotr" in response.get_data(as_text=True)


def test_a_required_parameter_given_empty_is_named_missing(client):
    response = client.get("/articles?ids=")
    assert response.status_code == 422 and "ids" in response.get_data(as_text=True)


def test_sources_take_kinds_as_a_comma_list(client):
    """`/sources?kind=person,outlet` was a 422; `facets` and `ids` take comma lists."""
    both = client.get("/sources?kind=person,OUTLET&size=100")
    assert both.status_code == 200, both.get_data(as_text=True)
    repeated = client.get("/sources?kind=person&kind=outlet&size=100")
    assert both.get_json() == repeated.get_json()
    kinds = {source["kind"] for source in both.get_json()["sources"]}
    assert kinds == {"person", "outlet"}
    assert client.get("/sources?kind=person,bogus").status_code == 422


@pytest.mark.parametrize("path", ["/articles/%FF", "/speakers/Jos%E9/quotes", "/articles/a%C3/related"])
def test_a_path_not_in_utf8_is_400_naming_the_byte(client, path):
    """`/articles/%FF` was a 404 naming '\ufffd', an id no client sent, and a Latin-1
    speaker name an empty 200: the path is held to UTF-8 as the query string is."""
    response = client.get(path)
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert body["code"] == "invalid_request" and "%" in body["message"] and "UTF-8" in body["message"]
    assert list(body["details"]["errors"]) == ["path"]  # not "query": the query string is fine


def test_a_path_in_utf8_is_read(client):
    response = client.get("/speakers/Jos%C3%A9/quotes")
    assert response.status_code == 200
