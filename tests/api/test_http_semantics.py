"""HTTP as a polling app or an API client relies on it: conditional GET,
Location on a create, 406 for an Accept a route cannot meet, 413 that names
the limit. Each test names what used to go wrong."""
from __future__ import annotations

import re

import pytest

SEED = "bc-20231017-flood-mayor"
POLLED = [f"/articles/{SEED}", f"/articles?ids={SEED},nope", f"/articles/{SEED}/attribution",
          "/sources?size=5"]


@pytest.fixture()
def statement_url(client):
    statement_id = client.get(f"/articles/{SEED}/attribution").get_json()["sources"][0]["quotes"][0]["statement_id"]
    return f"/quotes/{statement_id}/occurrences"


@pytest.mark.parametrize("url", POLLED + ["statement"])
def test_a_polled_resource_answers_304_while_its_etag_is_current(client, url, statement_url):
    """There was no ETag: a client polling an article fetched it whole every time."""
    url = statement_url if url == "statement" else url
    first = client.get(url)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    for method in (client.get, client.head):
        again = method(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, again.get_data(as_text=True)[:200]
        assert again.data == b"" and again.headers["ETag"] == etag
    other = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.get_json() == first.get_json()


def test_the_etag_changes_when_the_article_does(client, auth):
    article = {"headline": "Harbour crane inspected", "body": ["OSKARVIK (Reuters) - The crane passed."],
               "url": "https://example.org/news/harbour-crane"}
    created = client.post("/articles", json=article, headers=auth)
    url = created.headers["Location"]
    try:
        etag = client.get(url).headers["ETag"]
        changed = client.post("/articles", json={**article, "body": article["body"] + ["It reopens."]},
                              headers=auth)
        assert changed.get_json()["status"] == "updated"
        after = client.get(url, headers={"If-None-Match": etag})
        assert after.status_code == 200 and after.headers["ETag"] != etag
        assert after.get_json()["body"][-1] == "It reopens."
    finally:
        client.delete(url, headers=auth)


def test_an_article_is_last_modified_when_it_was_last_written(client):
    """An article had no Last-Modified: a client using If-Modified-Since fetched it whole every time."""
    from datetime import datetime, timedelta

    first = client.get(f"/articles/{SEED}")
    written = datetime.fromisoformat(first.get_json()["ingested_at"])
    assert first.last_modified == written
    since = first.headers["Last-Modified"]
    assert client.get(f"/articles/{SEED}", headers={"If-Modified-Since": since}).status_code == 304
    earlier = (written - timedelta(seconds=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert client.get(f"/articles/{SEED}", headers={"If-Modified-Since": earlier}).status_code == 200
    stale_etag = {"If-Modified-Since": since, "If-None-Match": '"stale"'}
    assert client.get(f"/articles/{SEED}", headers=stale_etag).status_code == 200  # the ETag decides


def test_errors_and_searches_carry_no_etag(client):
    """A 404 is not a version of the article, and /search holds took_ms: no ETag could ever match."""
    assert "ETag" not in client.get("/articles/nope").headers
    assert "ETag" not in client.get("/search?q=flood").headers


def test_a_created_article_has_a_location(client, auth):
    """A 201 had no Location: a client had to build the article's URL itself."""
    article = {"headline": "Ferry pier repainted", "body": ["OSKARVIK (Reuters) - The pier is blue."]}
    created = client.post("/articles", json=article, headers=auth)
    assert created.status_code == 201
    location = created.headers["Location"]
    try:
        assert location.endswith(f"/articles/{created.get_json()['id']}")
        assert client.get(location).get_json()["headline"] == article["headline"]
        unchanged = client.post("/articles", json=article, headers=auth)
        assert unchanged.status_code == 200 and "Location" not in unchanged.headers
    finally:
        client.delete(location, headers=auth)


def test_openapi_documents_the_304_and_the_location(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    for path in ("/articles", "/articles/{article_id}", "/articles/{article_id}/attribution",
                 "/quotes/{statement_id}/occurrences", "/sources"):
        assert "304" in paths[path]["get"]["responses"], path
    assert "Location" in paths["/articles"]["post"]["responses"]["201"]["headers"]
    assert {"400", "413", "415"} <= set(paths["/articles"]["post"]["responses"])


@pytest.mark.parametrize("url, accept", [
    (f"/articles/{SEED}", "application/xml"),
    (f"/articles?ids={SEED}", "text/csv"),
    ("/search?q=flood", "text/html"),
    ("/sources", "text/plain"),
    ("/export", "application/json"),  # CSV by default
    ("/quotes/export?format=jsonl", "text/csv"),
    ("/healthz", "application/xml"),
    ("/search?q=flood", "application/json; charset=latin-1"),
    # the type itself refused (q=0): a wildcard beside it does not take it back
    ("/search?q=flood", "application/json;q=0, */*;q=0.5"),
    ("/export", "text/csv;q=0, */*"),
    ("/quotes/export?format=jsonl", "*/*, application/x-ndjson; q=0"),
])
def test_a_read_whose_accept_the_route_cannot_meet_is_406(client, url, accept):
    """Were 200 with JSON (or CSV) the client had said it cannot read."""
    response = client.get(url, headers={"Accept": accept})
    assert response.status_code == 406, response.get_data(as_text=True)[:200]
    error = response.get_json()
    assert error["code"] == "not_acceptable" and error["details"]["accept"] == accept


@pytest.mark.parametrize("url, accept", [
    (f"/articles/{SEED}", "application/json"),
    (f"/articles/{SEED}", "*/*"),
    (f"/articles/{SEED}", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    ("/search?q=flood", "application/*"),
    ("/export", "text/csv"),
    ("/export?format=jsonl", "application/x-ndjson"),
    ("/quotes/export", "text/*"),
    # The charset every answer is in: many HTTP clients send it by default.
    ("/search?q=flood", "application/json; charset=utf-8"),
    (f"/articles/{SEED}", "application/json;charset=UTF-8"),
    ("/export", "text/csv; charset=utf-8"),
    ("/quotes/export?format=jsonl", "application/x-ndjson; charset=utf-8"),
])
def test_a_read_whose_accept_the_route_meets_is_answered(client, url, accept):
    assert client.get(url, headers={"Accept": accept}).status_code == 200


def test_writes_check_the_key_before_the_accept_header(client):
    response = client.post("/articles", json={}, headers={"Accept": "application/xml"})
    assert response.status_code == 401


def test_an_oversized_body_with_a_length_names_the_limit(client, auth):
    """Was "The data value transmitted exceeds the capacity limit." with no limit,
    where the same body sent chunked named it."""
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    response = client.post("/articles", data=b"{" + b" " * limit + b"}",
                           headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 413
    error = response.get_json()
    assert error["code"] == "payload_too_large" and error["details"] == {"limit": limit}
    assert str(limit) in error["message"]


def test_a_fetched_article_can_be_posted_back_edited(client, auth):
    """Was 422 "ingested_at: Unknown field., content_hash: Unknown field." for the
    article exactly as GET gave it: a fetch, edit, post round trip always failed."""
    article = {"headline": "Lighthouse lamp replaced", "body": ["OSKARVIK (Reuters) - The lamp is new."],
               "url": "https://example.org/news/lighthouse-lamp"}
    url = client.post("/articles", json=article, headers=auth).headers["Location"]
    try:
        fetched = client.get(url).get_json()
        assert client.post("/articles", json=fetched, headers=auth).get_json()["status"] == "unchanged"
        edited = {**fetched, "headline": "Lighthouse lamp replaced at last", "content_hash": "forged",
                  "ingested_at": "1999-01-01T00:00:00+00:00"}
        response = client.post("/articles", json=edited, headers=auth)
        assert response.status_code == 200, response.get_data(as_text=True)
        stored = response.get_json()["article"]
        assert stored["headline"] == "Lighthouse lamp replaced at last"
        assert stored["content_hash"] not in ("forged", fetched["content_hash"])
        assert stored["ingested_at"] != "1999-01-01T00:00:00+00:00"
    finally:
        client.delete(url, headers=auth)


@pytest.mark.parametrize("value", [5, None, [], {"x": 1}])
def test_the_computed_fields_are_ignored_whatever_their_type(client, auth, value):
    body = {"headline": "Quay lights", "body": ["OSKARVIK (Reuters) - Lit."], "content_hash": value,
            "ingested_at": value, "colour": "red"}
    response = client.post("/articles", json=body, headers=auth)
    assert response.status_code == 422  # the unknown field still is an error, and only it
    assert list(response.get_json()["details"]["errors"]["json"]) == ["colour"]


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000,
                                  b'{"headline": "x", "body": ["y"], "tags": ' + b"[" * 5_000 + b"]" * 5_000 + b"}"])
def test_a_body_nested_too_deeply_is_400_invalid_json(client, auth, body):
    """Was a 500: Python's json parser raised RecursionError."""
    response = client.post("/articles", data=body, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert error["code"] == "invalid_json" and "nested too deeply" in str(error["details"])


@pytest.mark.parametrize("path, body", [
    ("/articles", b'{"headline": "x", "body": ["y"], "section": ' + b"9" * 5_000 + b"}"),
    ("/articles/batch", b'{"articles": [{"headline": "x", "body": ["y"], "dateline": {"published_at": -'
     + b"1" * 4_301 + b"}}]}"),
])
def test_a_number_too_long_to_read_is_400_invalid_json(client, auth, path, body):
    """Was a 500: Python reads no integer of more than 4,300 digits, and its json parser
    raised a plain ValueError, which no handler took for bad JSON."""
    response = client.post(path, data=body, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert error["code"] == "invalid_json" and "4300 digits" in str(error["details"])


def test_a_browser_app_may_poll_conditionally_and_follow_a_location(loaded_data_dir):
    """With CORS on, script could not read the ETag or a 201's Location (not exposed),
    nor send If-None-Match (not an allowed header)."""
    from service.app import create_app
    from service.config import Config

    client = create_app(Config(data_dir=loaded_data_dir, cors_origins=("https://newsroom.example",))).test_client()
    origin = {"Origin": "https://newsroom.example"}
    preflight = client.options(f"/articles/{SEED}", headers={
        **origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "If-None-Match"})
    assert "if-none-match" in preflight.headers["Access-Control-Allow-Headers"].lower()
    exposed = client.get(f"/articles/{SEED}", headers=origin).headers["Access-Control-Expose-Headers"]
    assert {"etag", "location"} <= {name.strip().lower() for name in exposed.split(",")}


@pytest.mark.parametrize("route", ["/articles/{}", "/articles/{}/attribution", "/quotes/{}/occurrences",
                                   "/speakers/{}/quotes"])
def test_an_over_long_path_is_a_json_414(client, route):
    """Any length was taken (gunicorn's request-line limit is off): a 5 MB id was
    looked up and echoed whole in a 5 MB 404."""
    from service.limits import max_query_string_bytes

    with client.application.app_context():
        limit = max_query_string_bytes()
    response = client.get(route.format("é" * limit))
    assert response.status_code == 414
    error = response.get_json()
    assert error["code"] == "uri_too_long" and error["details"]["limit"] == limit and "path" in error["message"]
    assert client.get(route.format("é" * 2000)).status_code in (200, 404)  # a long name is still fine


@pytest.mark.parametrize("url", ["/articles", f"/articles/{SEED}", "/export", "/"])
def test_an_options_answer_has_no_content_type(client, url):
    """Flask's empty answer to OPTIONS said Content-Type: text/html."""
    response = client.options(url)
    assert response.status_code == 200 and response.get_data() == b"" and "GET" in response.headers["Allow"]
    assert "Content-Type" not in response.headers


def test_every_parameter_and_property_in_the_openapi_document_has_a_type(client):
    """`ids` had none (client generators read it as "any"); and `details`, in every
    error, was documented as optional."""
    spec = client.get("/openapi.json").get_json()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []) if method != "parameters" else []:
                assert "type" in parameter["schema"] or "$ref" in parameter["schema"], (method, path, parameter)
    ids = next(p for p in spec["paths"]["/articles"]["get"]["parameters"] if p["name"] == "ids")
    assert ids["schema"]["type"] == "array" and ids["schema"]["items"] == {"type": "string"}
    assert set(spec["components"]["schemas"]["Error"]["required"]) == {"code", "message", "details"}


def test_ids_as_the_document_shows_them_work(client):
    """The array parameter, exploded as OpenAPI clients send it, and the comma form."""
    exploded = client.get(f"/articles?ids={SEED}&ids=nope").get_json()
    assert exploded == client.get(f"/articles?ids={SEED},nope").get_json()
    assert [a["id"] for a in exploded["articles"]] == [SEED] and exploded["missing"] == ["nope"]


def test_not_ready_is_503_backend_unavailable_with_retry_after(app, client, monkeypatch):
    """Was code "unavailable", which the README's table of codes does not have."""
    engine = app.extensions["news_backend"]
    monkeypatch.setattr(engine, "ready", lambda: False)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    error = response.get_json()
    assert error["code"] == "backend_unavailable" and error["details"] == {"backend": "embedded"}
    assert "503" in client.get("/openapi.json").get_json()["paths"]["/readyz"]["get"]["responses"]


def test_a_count_that_times_out_is_not_ready_not_a_search_timeout(app, client, monkeypatch):
    """An engine that answers its health but not the count in time: /readyz
    answered 504 `search_timeout`, a code no probe expects from it and no
    search was made; the README says not ready is 503 with Retry-After."""
    from service.errors import SearchTimeout

    engine = app.extensions["news_backend"]

    def slow(timeout=None):
        raise SearchTimeout("Elasticsearch did not answer in time while counting articles.")

    monkeypatch.setattr(engine, "count", slow)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert response.get_json()["code"] == "backend_unavailable"


@pytest.mark.parametrize("coding", ["gzip", "br", "deflate, gzip"])
def test_a_compressed_body_is_415_naming_the_encoding(client, auth, coding):
    """A gzipped body was 400 "not valid JSON", which sent its sender looking for a JSON mistake."""
    import gzip
    import json

    body = gzip.compress(json.dumps({"headline": "Gzipped", "body": ["x"]}).encode())
    response = client.post("/articles", data=body, headers={
        **auth, "Content-Type": "application/json", "Content-Encoding": coding})
    assert response.status_code == 415
    error = response.get_json()
    assert error["code"] == "unsupported_media_type" and error["details"]["content_encoding"] == coding


def test_an_identity_encoded_body_is_taken(client, auth):
    response = client.post("/articles", json={"headline": "Plain ferry note", "body": ["x"]},
                           headers={**auth, "Content-Encoding": "identity"})
    assert response.status_code == 201
    client.delete(response.headers["Location"], headers=auth)


@pytest.mark.parametrize("path", [
    "/articles/%2F..", "/articles/%2F../attribution", "/quotes/%2F../occurrences", "/speakers/%2F../quotes",
    "/articles//attribution", f"/articles/{SEED}//attribution", "/search//", "/sources//",
])
def test_a_path_with_an_encoded_slash_is_a_json_404_not_a_redirect(client, path):
    """`/articles/%2F..` arrives as `/articles//..`: werkzeug merged the slashes
    with a 308 and an HTML body, to another article (`..`) or another route."""
    response = client.get(path)
    assert response.status_code == 404 and response.is_json and "Location" not in response.headers
    error = response.get_json()
    assert error["code"] == "not_found" and "'//'" in error["message"] and error["details"] == {}


@pytest.mark.parametrize("path, status", [
    ("/articles/..", 404), ("/articles/%2e%2e", 404), ("/articles/.", 404), ("/articles/../attribution", 404),
    ("/quotes/../occurrences", 404), ("/speakers/../quotes", 200), ("/speakers/AC%2F%2FDC/quotes", 200),
])
def test_a_dot_segment_is_taken_as_written(client, path, status):
    """Clients normalise `..` before sending; one sent as it is names an id or a speaker."""
    response = client.get(path)
    assert response.status_code == status and response.is_json and "Location" not in response.headers


def test_no_api_route_answers_a_path_parameter_with_a_redirect(app, client):
    """Every API route with a path parameter, given an encoded slash or a dot
    segment in it: a JSON answer (an error, or a speaker's empty page), never a 3xx."""
    rules = [rule for rule in app.url_map.iter_rules() if rule.arguments and "GET" in rule.methods
             and rule.endpoint.split(".")[0] not in ("web", "docs_assets", "static")]
    assert len(rules) >= 4
    for rule in rules:
        for value in ("%2F..", "..", "a%2F", "%2F%2F"):
            path = re.sub(r"<[^>]+>", value, rule.rule)
            response = client.get(path)
            assert not 300 <= response.status_code < 400 and response.is_json, (path, response.status_code)
            assert response.status_code == 200 or {"code", "message"} <= set(response.get_json()), path


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize("method, path, kwargs, status, code", [
    ("get", "/articles/%2F..", {}, 404, "not_found"),
    ("get", "/articles/x/nothing-here", {}, 404, "not_found"),
    ("get", "/speakers//quotes", {}, 404, "not_found"),
    ("put", "/search", {}, 405, "method_not_allowed"),
    ("delete", "/sources", {}, 405, "method_not_allowed"),
    ("post", "/articles", {"data": b"{" + b" " * 2_100_000 + b"}", "content_type": "application/json"},
     413, "payload_too_large"),
    ("get", "/articles/" + "x" * 30_000, {}, 414, "uri_too_long"),
    ("post", "/articles", {"data": b"{", "content_type": "application/json"}, 400, "invalid_json"),
    ("post", "/articles", {"data": b"a=1", "content_type": "application/x-www-form-urlencoded"},
     415, "unsupported_media_type"),
])
def test_werkzeugs_own_errors_on_api_paths_are_json_even_for_a_browser(client, auth, method, path, kwargs, status,
                                                                       code):
    response = getattr(client, method)(path, headers={**BROWSER, **auth}, **kwargs)
    assert response.status_code == status and response.is_json, response.get_data(as_text=True)[:200]
    error = response.get_json()
    assert error["code"] == code and error["message"] and isinstance(error["details"], dict)


@pytest.mark.parametrize("url", POLLED)
@pytest.mark.parametrize("method", ["get", "head"])
def test_a_read_without_conditions_is_answered_as_make_conditional_would(app, client, url, method):
    """caching.py skips werkzeug's make_conditional when the request has no condition;
    the answer must be the one make_conditional gives."""
    from flask import request

    from service.api import caching

    body = client.get(url).get_data()
    answer = getattr(client, method)(url)
    with app.test_request_context(url, method=method.upper()):
        made = app.make_response((body, 200, {"Content-Type": answer.content_type}))
        made.headers.pop("Content-Length")  # make_conditional sets it when missing, as the fast path must
        reference = app.make_response((body, 200, {"Content-Type": answer.content_type}))
        reference.headers.pop("Content-Length")
        caching._unconditional(made)
        reference.make_conditional(request)
    assert made.status_code == reference.status_code == 200
    assert made.headers["Date"] and reference.headers["Date"]  # the same but across a second's turn
    made.headers.pop("Date"), reference.headers.pop("Date")
    assert sorted(made.headers.items()) == sorted(reference.headers.items())
    assert made.get_data() == reference.get_data()
    assert answer.headers["Date"] and answer.headers["Content-Length"] == str(len(body))


def test_the_date_of_a_read_is_werkzeugs_formatted_once_a_second(monkeypatch):
    from datetime import datetime, timezone

    from werkzeug.http import http_date

    from service import http_dates
    from service.api import caching

    now = [1_700_000_000.75]
    monkeypatch.setattr(http_dates.time, "time", lambda: now[0])
    monkeypatch.setattr(caching, "_now", http_dates.date_once_a_second(http_date))  # nothing remembered yet
    assert caching._now() == http_date(datetime.fromtimestamp(now[0], timezone.utc)) == "Tue, 14 Nov 2023 22:13:20 GMT"
    now[0] += 0.2  # the same second: remembered
    assert caching._now() is caching._now() and caching._now() == "Tue, 14 Nov 2023 22:13:20 GMT"
    now[0] += 1
    assert caching._now() == http_date(datetime.fromtimestamp(now[0], timezone.utc))


@pytest.mark.parametrize("header, value", [("Range", "bytes=0-10"), ("If-Range", '"x"'),
                                           ("If-Match", '"x"'), ("If-Unmodified-Since", "Tue, 01 Jan 2030 00:00:00 GMT")])
def test_a_read_with_any_condition_goes_through_make_conditional(client, header, value):
    plain = client.get(f"/articles/{SEED}")
    conditional = client.get(f"/articles/{SEED}", headers={header: value})
    expected = 412 if header == "If-Match" else 200
    assert conditional.status_code == expected
    if expected == 200:
        assert conditional.get_data() == plain.get_data() and conditional.headers["ETag"] == plain.headers["ETag"]


def test_a_route_without_parameters_still_refuses_one(client):
    """parsing.py answers a parameterless route's empty query string without webargs."""
    assert client.get(f"/articles/{SEED}").status_code == 200
    assert client.get(f"/articles/{SEED}?").status_code == 200
    refused = client.get(f"/articles/{SEED}?x=1")
    assert refused.status_code == 422 and "x" in refused.get_json()["details"]["errors"]["query"]


def _get(client, route: str, query_string: bytes):
    """A GET with these bytes as its query string, as a server hands them on (WSGI: latin-1 text)."""
    return client.get(route, environ_overrides={"QUERY_STRING": query_string.decode("latin-1")})


@pytest.mark.parametrize("query_string, parameter", [
    (b"q=caf%E9", "q"),  # Latin-1, percent-encoded
    (b"q=%FF", "q"),
    (b"q=ok&outlet=Le+Monde+%E0+Paris", "outlet"),
    (b"q=caf\xe9", "q"),  # Latin-1 sent raw
    (b"q=%C3", "q"),  # a UTF-8 sequence cut short
    (b"q=ok&caf%E9=1", "caf%E9"),  # the name itself: as written, not '\ufffd'
    (b"q=ok&caf\xe9=1", "caf%E9"),
])
@pytest.mark.parametrize("route", ["/search", "/quotes", "/sources"])
def test_a_parameter_not_in_utf8_is_400_naming_it(client, route, query_string, parameter):
    """werkzeug keeps undecodable bytes as the text `%E9`: the search looked for
    "caf%E9" and answered an empty 200 to a client encoding in Latin-1."""
    response = _get(client, route, query_string)
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert body["code"] == "invalid_request" and body["details"]["parameter"] == parameter
    assert "UTF-8" in body["message"] and "%C3%A9" in body["message"]


@pytest.mark.parametrize("query_string", [b"q=caf%C3%A9", "q=café".encode(), b"q=a+b%22c%22", b"q=%E2%80%9Cred+line%E2%80%9D"])
def test_utf8_parameters_encoded_or_raw_are_searched(client, query_string):
    assert _get(client, "/search", query_string).status_code == 200


def test_the_page_shows_the_same_error_for_a_query_not_in_utf8(client):
    response = _get(client, "/", b"q=caf%E9")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "is not UTF-8 text" in response.get_data(as_text=True)


@pytest.mark.parametrize("method, url, status, kind", [
    ("get", "/docs", 200, "text/html"),
    ("get", "/openapi.json", 200, "application/json"),
    ("get", "/search?q=red", 200, "application/json"),
    ("get", "/articles/%3Cscript%3E", 404, "application/json"),
    ("post", "/articles", 401, "application/json"),
    ("get", "/export?q=red", 200, "text/csv"),
    ("get", "/metrics", 200, "text/plain"),
    ("get", "/healthz", 200, "application/json"),
    ("get", "/docs/assets/swagger-ui.css", 200, "text/css"),
])
def test_every_response_carries_the_security_headers(client, method, url, status, kind):
    """Only the search pages had them: /docs (Swagger UI, which sends the API key
    for "Try it out") could be framed by any site, and JSON echoing what a request
    gave (an article id in a 404) went without nosniff. A page's own policy stays."""
    response = getattr(client, method)(url)
    assert response.status_code == status and response.mimetype == kind
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    policy = [part.strip() for part in response.headers["Content-Security-Policy"].split(";")]
    assert "frame-ancestors 'none'" in policy and len(response.headers.getlist("Content-Security-Policy")) == 1
    if kind != "text/html":
        assert "default-src 'none'" in policy


def test_the_pages_keep_their_own_security_policy(client):
    for url in ("/", "/web-assets/site.css", "/nope"):
        policy = client.get(url, headers={"Accept": "text/html"}).headers.getlist("Content-Security-Policy")
        assert len(policy) == 1 and "script-src 'self'" in policy[0] and "style-src 'self'" in policy[0]


def test_no_route_serves_files_but_the_pages_and_the_docs_assets(app, client):
    """Flask's default `/static/<path:filename>` route was there, serving a
    `service/static/` folder no one meant to have; its paths were werkzeug's 404,
    not the API's "no route", and a browser got JSON for them instead of a page."""
    files = sorted(rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.endswith("static")
                   or rule.endpoint.startswith("docs_assets."))
    assert files == ["/docs/assets/<path:filename>", "/docs/assets/news-index-init.js",
                     "/web-assets/<path:filename>"]
    response = client.get("/static/app.py")
    assert response.status_code == 404 and "No route matches the path '/static/app.py'" in response.get_json()["message"]


@pytest.mark.parametrize("content_type, said", [
    ("application/json; charset=iso-8859-1", "charset=iso-8859-1"), ("application/json", None)])
def test_a_body_that_is_not_utf8_is_refused_naming_its_first_such_byte(client, auth, content_type, said):
    """A CMS sending Latin-1 was told "not valid JSON", of a body whose JSON was sound:
    the 400 now says it is the encoding, and where."""
    body = '{"headline": "Café reopens", "body": ["The café reopened."], "url": "https://example.org/cafe"}'
    response = client.post("/articles", data=body.encode("latin-1"), headers={**auth, "Content-Type": content_type})
    assert response.status_code == 400
    error = response.get_json()
    assert error["code"] == "invalid_json"
    assert "It is not UTF-8" in error["message"] and "byte 0xE9 at offset 17" in error["message"]
    assert (said in error["message"]) if said else "charset" not in error["message"]
    assert error["details"]["errors"]["json"]["_schema"][1] == error["message"].split("JSON. ", 1)[1]
    # The same body in UTF-8 is read (and refused for its field alone: nothing is written)
    utf8 = body.replace('"url"', '"colour": "red", "url"').encode()
    response = client.post("/articles", data=utf8, headers={**auth, "Content-Type": content_type})
    assert response.status_code == 422 and list(response.get_json()["details"]["errors"]["json"]) == ["colour"]


def test_a_utf8_body_opening_with_a_byte_order_mark_is_read(client, auth):
    """RFC 8259 lets a reader skip it, as the loader does for files; it was 400 "not valid JSON"."""
    body = '{"headline": "Café", "body": ["x"], "colour": "red"}'.encode()
    response = client.post("/articles", data=b"\xef\xbb\xbf" + body,
                           headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422 and list(response.get_json()["details"]["errors"]["json"]) == ["colour"]
    latin = b"\xef\xbb\xbf" + body.decode().encode("latin-1")
    error = client.post("/articles", data=latin, headers={**auth, "Content-Type": "application/json"}).get_json()
    assert "byte 0xE9 at offset 20" in error["message"]  # counted in the body as sent, its mark too
