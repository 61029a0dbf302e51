"""Operability: request ids, JSON logs, Prometheus metrics (in-process and
summed over gunicorn workers), CORS, graceful shutdown."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service.app import create_app
from service.config import Config

from tests.servers import call, gunicorn, wait_until


def _samples(client_or_text) -> dict:
    text = client_or_text if isinstance(client_or_text, str) else client_or_text.get("/metrics").get_data(as_text=True)
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def _value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def _json_lines(text: str) -> list[dict]:
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


# -- request id -------------------------------------------------------------------

def test_a_valid_request_id_is_kept_and_returned(client):
    response = client.get("/search?q=red", headers={"X-Request-ID": "edge-7f3a:12.b_c"})
    assert response.headers["X-Request-ID"] == "edge-7f3a:12.b_c"


@pytest.mark.parametrize("given", [None, "", "has space", "x" * 129, "semi;colon", "<script>"])
def test_an_invalid_or_missing_request_id_is_replaced(client, given):
    headers = {} if given is None else {"X-Request-ID": given}
    returned = client.get("/healthz", headers=headers).headers["X-Request-ID"]
    assert returned != given and len(returned) == 32 and int(returned, 16) >= 0


@pytest.mark.parametrize("raw", [bytes(16), b"\xff" * 16, bytes(range(16)), bytes(range(240, 256))])
def test_a_new_request_id_is_uuid4s_hex_of_the_same_bytes(monkeypatch, raw):
    import uuid

    from service import observability

    monkeypatch.setattr(observability.os, "urandom", lambda size: raw[:size])
    assert observability.new_request_id() == uuid.UUID(bytes=raw, version=4).hex


def test_errors_carry_the_request_id_too(client):
    for url in ("/articles/nope", "/search?size=0", "/no/such/path", '/search?q="open'):
        assert client.get(url, headers={"X-Request-ID": "err-1"}).headers["X-Request-ID"] == "err-1"


# -- JSON logs ----------------------------------------------------------------------

def test_each_request_logs_one_json_line_with_its_id(client, capsys):
    client.get("/search?q=red", headers={"X-Request-ID": "log-test-1"})
    lines = [line for line in _json_lines(capsys.readouterr().err) if line.get("request_id") == "log-test-1"]
    assert len(lines) == 1
    line = lines[0]
    assert {"time", "level", "message", "request_id", "method", "path", "status", "duration_ms"} <= set(line)
    assert (line["level"], line["method"], line["path"], line["status"]) == ("INFO", "GET", "/search", 200)
    assert isinstance(line["duration_ms"], float) and line["time"].endswith("+00:00")


def test_a_log_written_during_a_request_names_the_request(app, monkeypatch, capsys):
    backend = app.extensions["news_backend"]

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(backend, "_search", broken)
    response = app.test_client().get("/search?q=x", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    lines = [line for line in _json_lines(capsys.readouterr().err) if line.get("request_id") == "boom-1"]
    error = next(line for line in lines if line["level"] == "ERROR")
    assert error["path"] == "/search" and "secret internals" in error["exception"]
    assert any(line.get("status") == 500 for line in lines)


def test_text_logs_can_be_chosen(loaded_data_dir, capsys):
    create_app(Config(data_dir=loaded_data_dir, log_format="text")).test_client().get(
        "/healthz", headers={"X-Request-ID": "plain-1"})
    err = capsys.readouterr().err
    assert "[plain-1] GET /healthz 200" in err
    create_app(Config(data_dir=loaded_data_dir))  # back to JSON for the other tests



@pytest.mark.parametrize("path, shown", [
    ("/x%0A2026-01-01 00:00:00,000 INFO news_index.access [forged] GET /admin 200 1.0 ms",
     "/x\\n2026-01-01 00:00:00,000 INFO news_index.access [forged] GET /admin"),
    ("/x%0D%0Aforged", "/x\\r\\nforged"),
    ("/x%E2%80%A8forged%1B[2J", "/x\\u2028forged\\x1b[2J"),
])
def test_a_text_log_line_cannot_be_split_by_what_a_request_brings(loaded_data_dir, capsys, path, shown):
    """The path is decoded before it is logged: `%0A` was a line break in the
    text log, so a request wrote a whole line of its own choosing (a forged
    access line, another request id) into it."""
    client = create_app(Config(data_dir=loaded_data_dir, log_format="text")).test_client()
    capsys.readouterr()
    client.get(path, headers={"X-Request-ID": "text-line-1"})
    err = capsys.readouterr().err
    create_app(Config(data_dir=loaded_data_dir))  # back to JSON for the other tests
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "[text-line-1] GET " + shown in lines[0], err


def test_a_module_fixtures_log_level_ends_with_its_module():
    """Regression: tests/web/test_bidi.py's module-scoped app asks for WARNING. Built
    after the shared app (tests/api first), it left the root logger at WARNING for every
    later module, and the shared app's access lines were dropped. The shortest such run:"""
    tests = ["tests/api/test_service.py::test_health_and_ready",
             "tests/web/test_bidi.py::test_search_hit_isolates_outlet_and_place",
             "tests/test_observability.py::test_each_request_logs_one_json_line_with_its_id"]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *tests],
                         cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "3 passed" in run.stdout, run.stdout[-3000:]

# -- metrics ------------------------------------------------------------------------

def test_metrics_count_requests_latency_engine_time_and_index_size(client):
    before = _samples(client)
    for _ in range(3):
        client.get("/search?q=red")
    client.get("/search?size=0")
    client.get("/no/such/path")
    after = _samples(client)
    labels = {"method": "GET", "route": "/search", "status": "200"}
    assert _value(after, "news_index_http_requests_total", **labels) - _value(
        before, "news_index_http_requests_total", **labels) == 3
    assert _value(after, "news_index_http_requests_total", method="GET", route="/search", status="422") >= 1
    assert _value(after, "news_index_http_requests_total", method="GET", route="<unmatched>", status="404") >= 1
    assert _value(after, "news_index_http_request_duration_seconds_count", **labels) - _value(
        before, "news_index_http_request_duration_seconds_count", **labels) == 3
    assert _value(after, "news_index_http_request_duration_seconds_bucket", le="+Inf", **labels) >= 3
    engine = {"backend": "embedded", "operation": "search"}
    assert _value(after, "news_index_engine_duration_seconds_count", **engine) - _value(
        before, "news_index_engine_duration_seconds_count", **engine) == 3
    assert _value(after, "news_index_engine_duration_seconds_sum", **engine) > 0
    articles = client.get("/readyz").get_json()["articles"]
    assert _value(after, "news_index_articles", backend="embedded") == articles > 0


def test_a_method_a_route_does_not_take_is_counted_under_that_route(client):
    """`PATCH /search` and `PUT /articles/<id>` are 405s of known routes: a
    dashboard of /search's errors counts them there, not under `<unmatched>`,
    which is for paths no route takes."""
    before = _samples(client)
    assert client.patch("/search?q=red").status_code == 405
    assert client.put("/articles/abc").status_code == 405
    after = _samples(client)

    def grew(**labels):
        return _value(after, "news_index_http_requests_total", **labels) - _value(
            before, "news_index_http_requests_total", **labels)
    assert grew(method="PATCH", route="/search", status="405") == 1
    assert grew(method="PUT", route="/articles/<string:article_id>", status="405") == 1
    assert grew(method="PATCH", route="<unmatched>", status="405") == 0


def test_a_streamed_export_is_timed_and_logged_when_its_last_byte_is_out(client, capsys):
    labels = {"method": "GET", "route": "/export", "status": "200"}
    before = _value(_samples(client), "news_index_http_request_duration_seconds_count", **labels)
    capsys.readouterr()
    response = client.get("/export?format=jsonl", headers={"X-Request-ID": "export-1"}, buffered=False)
    # Headers are out, rows still to come: not answered yet.
    assert _value(_samples(client), "news_index_http_request_duration_seconds_count", **labels) == before
    assert response.get_data(as_text=True).count("\n") > 10
    response.close()
    assert _value(_samples(client), "news_index_http_request_duration_seconds_count", **labels) == before + 1
    lines = [line for line in _json_lines(capsys.readouterr().err) if line.get("request_id") == "export-1"]
    assert [(line["path"], line["status"]) for line in lines] == [("/export", 200)]


def test_metrics_count_articles_written_through_the_api(tmp_path):
    client = create_app(Config(data_dir=tmp_path, api_key="k")).test_client()
    auth = {"Authorization": "Bearer k"}
    before = _samples(client)
    article = {"headline": "Metrics ferry", "body": ["The metrics ferry sailed."]}
    created = client.post("/articles", json=article, headers=auth).get_json()
    client.post("/articles", json=article, headers=auth)
    client.delete(f"/articles/{created['id']}", headers=auth)
    after = _samples(client)
    for outcome in ("indexed", "unchanged", "deleted"):
        name = "news_index_article_writes_total"
        assert _value(after, name, backend="embedded", outcome=outcome) - _value(
            before, name, backend="embedded", outcome=outcome) == 1, outcome


def test_metrics_report_the_loaders_runs_and_counts(tmp_path):
    from loaders.cli import main as loader

    config = Config(data_dir=tmp_path)
    client = create_app(config).test_client()
    assert _value(_samples(client), "news_index_loader_runs_total", result="completed") == 0
    good = tmp_path / "in.jsonl"
    good.write_text(json.dumps({"headline": "Loader ferry", "body": ["The loader ferry sailed."]}) + "\n"
                    + json.dumps({"headline": "", "body": []}) + "\n")
    assert loader(["load", str(good), "--no-progress"], config) == 2  # one rejected
    assert loader(["load", str(good), "--no-progress"], config) == 2
    samples = _samples(client)
    assert _value(samples, "news_index_loader_runs_total", result="completed") == 2
    assert _value(samples, "news_index_loader_articles_total", outcome="read") == 4
    assert _value(samples, "news_index_loader_articles_total", outcome="indexed") == 1
    assert _value(samples, "news_index_loader_articles_total", outcome="unchanged") == 1
    assert _value(samples, "news_index_loader_articles_total", outcome="rejected") == 2
    assert _value(samples, "news_index_loader_last_run_duration_seconds") > 0
    assert _value(samples, "news_index_loader_last_run_finished_timestamp_seconds") > time.time() - 60


def test_metrics_are_prometheus_text_and_not_an_api_operation(client):
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert "# TYPE news_index_http_requests_total counter" in response.get_data(as_text=True)
    assert "/metrics" not in client.get("/openapi.json").get_json()["paths"]


def test_metrics_ask_for_the_token_when_one_is_set(tmp_path):
    client = create_app(Config(data_dir=tmp_path, metrics_token="scrape-me")).test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic scrape-me"}):
        response = client.get("/metrics", headers=headers)
        assert response.status_code == 401 and response.get_json()["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert "NEWS_INDEX_METRICS_TOKEN" in response.get_json()["message"]
    response = client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
    assert response.status_code == 200 and "news_index_http_requests_total" in response.get_data(as_text=True)
    assert client.get("/healthz").status_code == 200  # probes need no token


def test_an_interrupted_load_adds_a_run_and_none_of_its_articles_as_the_readme_says(tmp_path):
    """The README said the article counts were of all runs; a run the engine
    or Ctrl-C stopped adds none (its re-run counts what it wrote as unchanged)."""
    from service.load_stats import read_stats, record_run, stats_path

    path = stats_path(tmp_path)
    record_run(path, None, 1.0, completed=False)
    stats = read_stats(path)
    assert stats["runs"]["interrupted"] == 1 and not any(stats["articles"].values())
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `news_index_loader_articles_total`"))
    assert "completed runs" in row and "interrupted run adds none" in row, row


def test_backend_instrumentation_is_applied_once(loaded_data_dir):
    app = create_app(Config(data_dir=loaded_data_dir))
    backend = app.extensions["news_backend"]
    wrapped = backend.search
    create_app(Config(data_dir=loaded_data_dir), backend=backend)
    assert backend.search is wrapped


# -- CORS -----------------------------------------------------------------------------

def test_cors_is_off_by_default(client):
    response = client.get("/search?q=red", headers={"Origin": "https://newsroom.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_allows_the_configured_origins(loaded_data_dir):
    config = Config(data_dir=loaded_data_dir, cors_origins=("https://newsroom.example",))
    client = create_app(config).test_client()
    allowed = {"Origin": "https://newsroom.example"}
    response = client.get("/search?q=red", headers=allowed)
    assert response.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options("/articles", headers={
        **allowed, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Authorization, Content-Type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
    other = client.get("/search?q=red", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    error = client.get("/search?size=0", headers=allowed)
    assert error.status_code == 422 and error.headers["Access-Control-Allow-Origin"] == "https://newsroom.example"


@pytest.mark.parametrize("header", ["If-Match", "If-None-Match", "If-Modified-Since", "X-Request-ID"])
def test_cors_lets_a_browser_app_send_the_conditional_and_request_id_headers(loaded_data_dir, header):
    """The README offers `If-Modified-Since` against an article's `Last-Modified`;
    it is no header a browser sends without asking, and the preflight did not
    allow it, so a browser app's conditional GET was blocked outright."""
    config = Config(data_dir=loaded_data_dir, cors_origins=("https://newsroom.example",))
    client = create_app(config).test_client()
    preflight = client.options("/articles/ccf035179e48d153437e436b", headers={
        "Origin": "https://newsroom.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": header.lower()})
    assert header.lower() in preflight.headers.get("Access-Control-Allow-Headers", "").lower()


@pytest.mark.parametrize("origins", [("https://newsroom.example",), ("https://a.example", "https://newsroom.example"),
                                     ("*",)])
@pytest.mark.parametrize("method, path, headers", [
    ("get", "/search?q=red", {"Origin": "https://newsroom.example"}),
    ("get", "/search?q=red", {"Origin": "https://evil.example"}),
    ("get", "/search?q=red", {}),
    ("get", "/articles/nope", {"Origin": "https://newsroom.example"}),
    ("options", "/search", {"Origin": "https://newsroom.example", "Access-Control-Request-Method": "GET"}),
])
def test_cors_responses_vary_on_origin(loaded_data_dir, origins, method, path, headers):
    """A single configured origin got no `Vary: Origin`: a shared cache could hand one
    origin's answer (with or without CORS headers) to another."""
    client = create_app(Config(data_dir=loaded_data_dir, cors_origins=origins)).test_client()
    response = getattr(client, method)(path, headers=headers)
    vary = [v.strip().lower() for line in response.headers.getlist("Vary") for v in line.split(",")]
    assert vary.count("origin") == 1, response.headers


@pytest.mark.parametrize("origin, allowed", [
    ("https://news.example", True),
    ("HTTPS://NEWS.EXAMPLE", True),
    ("https://news.example.evil.example", False),
    ("https://newsxexample", False),
    ("http://[::1]:3000", True),
    ("http://1:3000", False),
    ("https://xapp.example.evil.example", False),
    ("https://*.app.example", True),
])
def test_a_configured_origin_is_matched_whole_never_as_a_pattern(loaded_data_dir, origin, allowed):
    """flask-cors read an origin holding `*`, `[` or `(` as a regular expression,
    matched at the start only, and the others matched `.` as a dot only by luck
    of having none of those: `https://*.app.example` allowed
    https://x.app.example.evil.example, and an IPv6 origin was a character class."""
    config = Config(data_dir=loaded_data_dir,
                    cors_origins=("https://news.example", "http://[::1]:3000", "https://*.app.example"))
    client = create_app(config).test_client()
    for response in (client.get("/search?q=red", headers={"Origin": origin}),
                     client.options("/articles", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})):
        assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed, response.headers
        assert allowed or "Access-Control-Allow-Origin" not in response.headers


def test_without_cors_nothing_varies_on_origin(client):
    assert "origin" not in client.get("/search?q=red", headers={"Origin": "https://x.example"}).headers.get(
        "Vary", "").lower()


def test_cors_origins_come_from_the_environment():
    config = Config.from_env({"NEWS_INDEX_CORS_ORIGINS": "https://a.example, https://b.example,"})
    assert config.cors_origins == ("https://a.example", "https://b.example")
    assert Config.from_env({}).cors_origins == ()


# -- under gunicorn ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("observed")
    log_path = data_dir / "gunicorn.log"
    with gunicorn({"NEWS_INDEX_DATA_DIR": str(data_dir), "NEWS_INDEX_API_KEY": "k"},
                  log_path=log_path) as (base, process):
        yield base, process, log_path


def test_metrics_sum_over_gunicorn_workers(served):
    base, _, _ = served
    _, _, before = call(base + "/metrics")
    for _ in range(20):  # fresh connections: both workers answer some
        assert call(base + "/search?q=anything", headers={"X-Request-ID": "multi-1"})[0] == 200
    labels = {"method": "GET", "route": "/search", "status": "200"}

    def counted():
        # A request is counted once its answer is out (observability._finish): the
        # last may still be being counted as its client reads the answer.
        status, headers, text = call(base + "/metrics")
        assert status == 200 and headers["X-Request-ID"]
        added = _value(_samples(text), "news_index_http_requests_total", **labels) - _value(
            _samples(before), "news_index_http_requests_total", **labels)
        assert added <= 20
        return text if added == 20 else None

    text = wait_until(counted, 10, 0.05, "20 searches counted")
    assert _value(_samples(text), "news_index_articles", backend="embedded") == 0


def test_gunicorn_logs_are_json_lines_with_request_ids(served):
    base, _, log_path = served
    call(base + "/healthz", headers={"X-Request-ID": "gunicorn-log-1"})

    def logged():
        return [line for line in _json_lines(log_path.read_text()) if line.get("request_id") == "gunicorn-log-1"]

    lines = wait_until(logged, 10, 0.05, "the access line")
    assert lines[0]["path"] == "/healthz" and lines[0]["status"] == 200
    assert all(line.startswith("{") for line in log_path.read_text().splitlines() if line.strip())


def test_sigterm_lets_an_in_flight_request_finish(tmp_path):
    """A request whose body is still arriving when gunicorn is told to stop is answered."""
    log_path = tmp_path / "gunicorn.log"
    with gunicorn({"NEWS_INDEX_DATA_DIR": str(tmp_path), "NEWS_INDEX_API_KEY": "k"},
                  workers=1, log_path=log_path) as (base, process):
        host, port = base.removeprefix("http://").split(":")
        body = json.dumps({"headline": "Late ferry", "body": ["The late ferry docked."]}).encode()
        head = (f"POST /articles HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer k\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n").encode()
        with socket.create_connection((host, int(port)), timeout=20) as sock:
            sock.sendall(head + body[:10])
            time.sleep(0.2)  # the worker picks the request up and waits for the rest of the body
            process.send_signal(signal.SIGTERM)
            wait_until(lambda: "Handling signal: term" in log_path.read_text(), 10, 0.02,
                       "gunicorn to begin its shutdown")
            time.sleep(0.5)  # the worker has its SIGTERM too (it checks once a second at most)
            sock.sendall(body[10:])
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 201"), answer[:200]
        assert process.wait(timeout=30) == 0
        assert "Shutting down" in log_path.read_text()


def test_under_gunicorn_a_request_is_logged_once_its_answer_is_out(served):
    """The access line is written as gunicorn closes the response, after sending it:
    its duration covers the handing over, and the client is not kept waiting for it."""
    base, _, log_path = served
    assert call(base + "/search?q=anything", headers={"X-Request-ID": "after-send-1"})[0] == 200

    def logged():
        return [line for line in _json_lines(log_path.read_text()) if line.get("request_id") == "after-send-1"]

    lines = wait_until(logged, 10, 0.05, "the access line")
    assert len(lines) == 1 and lines[0]["status"] == 200 and lines[0]["duration_ms"] > 0


def test_in_process_a_request_is_recorded_before_the_client_has_it(client, capsys):
    """The test client closes a response only when told to: recorded at once there."""
    client.get("/healthz", headers={"X-Request-ID": "at-once-1"})
    assert [line for line in _json_lines(capsys.readouterr().err) if line.get("request_id") == "at-once-1"]


@pytest.mark.parametrize("private_network", [False, True])
def test_a_private_network_preflight_is_allowed_only_when_configured(loaded_data_dir, private_network):
    """Chrome asks before a public page calls a private address (Private Network Access):
    a hosted CMS calling the newsroom's own service needs `Access-Control-Allow-Private-Network`."""
    config = Config(data_dir=loaded_data_dir, cors_origins=("https://cms.example",),
                    cors_private_network=private_network)
    preflight = create_app(config).test_client().options("/search", headers={
        "Origin": "https://cms.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Private-Network": "true"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Private-Network"] == ("true" if private_network else "false")


def test_the_private_network_setting_comes_from_the_environment():
    assert Config.from_env({"NEWS_INDEX_CORS_PRIVATE_NETWORK": "true"}).cors_private_network is True
    assert Config.from_env({}).cors_private_network is False
