"""Limits against resource exhaustion: each a setting (NEWS_INDEX_*), each a
4xx with a clear message when exceeded, at its default and when configured."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import lxml.html
import pytest

from loaders.pipeline import prepare
from service.app import create_app
from service.backends import create_backend
from service.config import Config
from service import rate_limit
from service.rate_limit import RateLimiter

from tests.conftest import API_KEY


@pytest.fixture(scope="module")
def tight(loaded_data_dir):
    """An app with every limit set low."""
    config = Config(data_dir=loaded_data_dir, api_key=API_KEY, max_page_size=5, max_batch_ids=3,
                    max_facet_size=4, max_query_length=40, max_query_terms=4, max_query_depth=2,
                    max_request_bytes=2_000)
    return create_app(config).test_client()


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["code"] == code and body["message"]
    return body


@pytest.mark.parametrize("url, status, code, words", [
    ("/search?size=101", 422, "invalid_parameters", ["size", "less than or equal to 100"]),
    ("/search?facets=outlet&facet_size=101", 422, "invalid_parameters", ["facet_size", "100"]),
    ("/articles?ids=" + ",".join(f"a{i}" for i in range(101)), 422, "invalid_parameters",
     ["At most 100 ids", "101 given"]),
    ("/search?q=" + "a" * 1001, 400, "query_too_complex", ["1001 characters", "limit is 1000"]),
    ("/search?q=" + "+".join(f"w{i}" for i in range(51)), 400, "query_too_complex",
     ["51 terms", "limit is 50"]),
    ("/search?q=" + "(" * 9 + "a" + ")" * 9, 400, "query_too_complex", ["deeper than 8 levels"]),
])
def test_default_limits(client, url, status, code, words):
    body = _error(client.get(url), status, code)
    assert all(word in body["message"] for word in words), body["message"]


def test_defaults_are_accepted_at_the_limit(client):
    assert client.get("/search?size=100&facets=outlet&facet_size=100").status_code == 200
    assert client.get("/articles?ids=" + ",".join(f"a{i}" for i in range(100))).status_code == 200
    assert client.get("/search?q=" + "(" * 8 + "a" + ")" * 8).status_code == 200


@pytest.mark.parametrize("url, status, code, words", [
    ("/search?size=6", 422, "invalid_parameters", ["less than or equal to 5"]),
    ("/search?facets=outlet&facet_size=5", 422, "invalid_parameters", ["less than or equal to 4"]),
    ("/articles?ids=a,b,c,d", 422, "invalid_parameters", ["At most 3 ids", "4 given"]),
    ("/search?q=" + "a" * 41, 400, "query_too_complex", ["41 characters", "limit is 40"]),
    ("/search?q=a+b+c+d+e", 400, "query_too_complex", ["5 terms", "limit is 4"]),
    ("/search?q=(((a)))", 400, "query_too_complex", ["deeper than 2 levels"]),
])
def test_configured_limits(tight, url, status, code, words):
    body = _error(tight.get(url), status, code)
    assert all(word in body["message"] for word in words), body["message"]
    if code == "query_too_complex":
        assert body["details"]["limit"] in (40, 4, 2)


def test_configured_limits_accept_what_fits(tight):
    assert tight.get("/search?q=a+b+c+d&size=5&facets=outlet&facet_size=4").status_code == 200
    assert tight.get("/search?q=((a))").status_code == 200
    assert tight.get("/articles?ids=a,b,c").status_code == 200


def test_related_coverage_gives_a_query_the_configured_limits_accept(tight):
    """`q` is for the client to run on /search: with 4 terms and 40 characters
    allowed, a related search of 20 words and names was a `q` /search refused."""
    sable = tight.get("/search", query_string={"q": "Sable Bank quotas", "size": 1}).get_json()["hits"][0]
    related = tight.get(f"/articles/{sable['id']}/related", query_string={"size": 3})
    assert related.status_code == 200
    body = related.get_json()
    assert body["q"] and body["hits"]
    assert len(body["q"]) <= 40
    again = tight.get("/search", query_string={"q": body["q"], "size": 4})
    assert again.status_code == 200, again.get_json()
    assert [hit["id"] for hit in again.get_json()["hits"] if hit["id"] != sable["id"]][:3] == \
        [hit["id"] for hit in body["hits"]]


def test_configured_body_limit_is_413(tight):
    body = {"headline": "Too long", "body": ["x" * 3_000]}
    response = tight.post("/articles", json=body, headers={"Authorization": f"Bearer {API_KEY}"})
    _error(response, 413, "payload_too_large")


def test_a_page_reaching_past_the_relevance_window_is_its_last_page(client, monkeypatch):
    """A cursor the service issued is never refused: with size=30, best-match
    pages start at 0, 30, ..., 9,990, and the page at 9,990 was a 400
    `invalid_cursor` (9,990 + 30 > 10,000) instead of the window's last 10
    hits. A window of 5 over the samples' 35 articles shows the same."""
    from service.backends import cursors, embedded

    for module in (cursors, embedded):
        monkeypatch.setattr(module, "MAX_RELEVANCE_WINDOW", 5)
    first = client.get("/search?size=3&sort=relevance").get_json()
    assert first["next_cursor"] and first["total"] > 5
    last = client.get(f"/search?size=3&sort=relevance&cursor={first['next_cursor']}")
    assert last.status_code == 200, last.get_json()
    body = last.get_json()
    assert len(body["hits"]) == 2 and body["next_cursor"] is None and body["relevance_window_end"] is True
    seen = {hit["id"] for hit in first["hits"]}
    assert seen.isdisjoint(hit["id"] for hit in body["hits"])


def test_a_relevance_cursor_past_the_window_is_a_clear_400(client):
    from service.backends.base import SearchRequest
    from service.backends.cursors import Cursor
    from service.query import parse

    beyond = Cursor(SearchRequest(parse("red")).fingerprint(), offset=10_000).encode()
    _error(client.get(f"/search?q=red&cursor={beyond}"), 400, "invalid_cursor")


def test_the_spec_shows_the_configured_page_size(tight):
    parameters = tight.get("/openapi.json").get_json()["paths"]["/search"]["get"]["parameters"]
    size = next(p for p in parameters if p["name"] == "size")
    assert size["schema"]["maximum"] == 5


def test_limits_come_from_the_environment():
    config = Config.from_env({
        "NEWS_INDEX_MAX_PAGE_SIZE": "50", "NEWS_INDEX_MAX_BATCH_IDS": "20", "NEWS_INDEX_MAX_FACET_SIZE": "30",
        "NEWS_INDEX_MAX_QUERY_LENGTH": "500", "NEWS_INDEX_MAX_QUERY_TERMS": "25",
        "NEWS_INDEX_MAX_QUERY_DEPTH": "4", "NEWS_INDEX_MAX_REQUEST_BYTES": "1000000",
        "NEWS_INDEX_RATE_LIMIT": "2.5", "NEWS_INDEX_RATE_LIMIT_BURST": "10", "NEWS_INDEX_PROXY_HOPS": "1",
    })
    assert (config.max_page_size, config.max_batch_ids, config.max_facet_size, config.max_query_length,
            config.max_query_terms, config.max_query_depth, config.max_request_bytes) == (
        50, 20, 30, 500, 25, 4, 1_000_000)
    assert (config.rate_limit, config.rate_limit_bucket, config.proxy_hops) == (2.5, 10, 1)
    defaults = Config.from_env({})
    assert (defaults.max_page_size, defaults.max_batch_ids, defaults.max_facet_size,
            defaults.max_query_length, defaults.max_query_terms, defaults.max_query_depth,
            defaults.max_request_bytes, defaults.rate_limit) == (100, 100, 100, 1000, 50, 8, 2_000_000, 0)
    assert Config.from_env({"NEWS_INDEX_RATE_LIMIT": "3"}).rate_limit_bucket == 6
    assert (defaults.facet_cache_size, Config.from_env({"NEWS_INDEX_FACET_CACHE_SIZE": "0"}).facet_cache_size) == (
        256, 0)


@pytest.mark.parametrize("name, value, words", [
    ("NEWS_INDEX_MAX_PAGE_SIZE", "0", "at least 1"),
    ("NEWS_INDEX_MAX_BATCH_IDS", "many", "not a whole number"),
    ("NEWS_INDEX_MAX_QUERY_DEPTH", "500", "between 1 and 64"),
    ("NEWS_INDEX_RATE_LIMIT", "-1", "0 (off) or a positive number"),
    ("NEWS_INDEX_LOG_FORMAT", "xml", "json, text"),
    ("NEWS_INDEX_FACET_CACHE_SIZE", "-5", "at least 0"),
    ("NEWS_INDEX_WRITER_HEAP_MB", "14", "at least 15"),
    ("NEWS_INDEX_WRITER_HEAP_MB", "64000", "between 15 and 4000"),
])
def test_bad_settings_fail_at_start_with_the_variable_named(name, value, words):
    """Each is refused at start, naming the variable (a writer heap under
    tantivy's 15 MB would fail only at the first write, as an engine error)."""
    with pytest.raises(ValueError) as raised:
        Config.from_env({name: value})
    assert name in str(raised.value) and words in str(raised.value)


def test_the_writer_heap_setting_reaches_the_embedded_index_and_writes_at_its_least(tmp_path):
    from service.backends.write_results import WriteResult

    backend = create_backend(Config.from_env({"NEWS_INDEX_DATA_DIR": str(tmp_path), "NEWS_INDEX_WRITER_HEAP_MB": "15"}))
    assert backend.writer_heap_bytes == 15_000_000
    backend.upsert([prepare({"headline": "Ferry resumes", "body": "The ferry sailed, officials said."},
                            datetime(2025, 6, 1, tzinfo=timezone.utc))], WriteResult())
    assert backend.count() == 1
    assert create_backend(Config(data_dir=tmp_path)).writer_heap_bytes == 64_000_000


# -- rate limit -----------------------------------------------------------------


@pytest.fixture()
def limited(loaded_data_dir):
    config = Config(data_dir=loaded_data_dir, api_key=API_KEY, rate_limit=0.5, rate_limit_burst=3)
    return create_app(config).test_client()


def test_rate_limit_is_off_by_default(client):
    assert all(client.get("/search?q=red&size=1").status_code == 200 for _ in range(30))


def test_rate_limit_refuses_beyond_the_burst_with_429_and_retry_after(limited):
    assert [limited.get("/search?q=red&size=1").status_code for _ in range(3)] == [200] * 3
    response = limited.get("/search?q=red&size=1")
    body = _error(response, 429, "rate_limited")
    assert "0.5 per second" in body["message"] and "bursts of 3" in body["message"]
    assert set(body) == {"code", "message", "details"}
    assert int(response.headers["Retry-After"]) == body["details"]["retry_after"] >= 1
    assert response.headers["X-Request-ID"]


def test_rate_limit_counts_per_client_and_per_key(limited):
    for _ in range(3):
        limited.get("/healthz", environ_base={"REMOTE_ADDR": "10.0.0.1"})
        limited.get("/search?size=1", environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert limited.get("/search?size=1", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 429
    assert limited.get("/search?size=1", environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 200
    # the API key has its own bucket wherever it comes from; a wrong key counts against the IP
    key = {"Authorization": f"Bearer {API_KEY}"}
    assert limited.get("/search?size=1", headers=key, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200
    wrong = {"Authorization": "Bearer guessed"}
    assert limited.get("/search?size=1", headers=wrong,
                       environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 429
    # probes and scrapes are never limited
    assert all(limited.get(path, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200
               for path in ("/healthz", "/readyz", "/metrics") for _ in range(5))


def test_probes_and_scrapes_with_a_trailing_slash_are_never_limited_either(limited):
    """The app takes `/healthz/` for `/healthz`, but the rate limit compared the
    path as written: a probe or a scrape configured with the slash got 429s
    once its client's budget was spent, and the orchestrator restarted a
    healthy server."""
    for _ in range(4):
        limited.get("/search?size=1", environ_base={"REMOTE_ADDR": "10.0.0.3"})
    assert limited.get("/search?size=1", environ_base={"REMOTE_ADDR": "10.0.0.3"}).status_code == 429
    for path in ("/healthz/", "/readyz/", "/metrics/"):
        assert [limited.get(path, environ_base={"REMOTE_ADDR": "10.0.0.3"}).status_code
                for _ in range(3)] == [200] * 3, path


def test_the_api_docs_page_costs_two_requests_not_five(limited):
    """/docs loads Swagger UI's stylesheet and two scripts (files of the installed
    package, never the engine) and /openapi.json: at a rate of 0.5 a second and
    bursts of 3, /docs came without its scripts (429s)."""
    assert limited.get("/docs").status_code == 200
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"):
        assert limited.get(f"/docs/assets/{asset}").status_code == 200, asset
    assert limited.get("/openapi.json").status_code == 200
    assert limited.get("/search?size=1").status_code == 200  # the third request of the budget


def test_a_page_view_is_one_request_of_the_budget_and_over_it_an_html_page(limited):
    """The page's stylesheet, script and icon are not counted (else a page view
    costs four, and a page came without its stylesheet); a page over the limit
    is a page, with the API's status and Retry-After, and the API keeps JSON."""
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    for _ in range(3):
        assert limited.get("/?q=red", headers=browser).status_code == 200
        for asset in ("/web-assets/site.css", "/web-assets/site.js", "/web-assets/favicon.svg"):
            assert limited.get(asset, headers=browser).status_code == 200, asset
        assert limited.get("/favicon.ico", headers=browser).status_code == 301
    response = limited.get("/?q=red", headers=browser)
    assert response.status_code == 429 and response.content_type.startswith("text/html")
    assert int(response.headers["Retry-After"]) >= 1
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    page = lxml.html.fromstring(response.get_data(as_text=True))
    # The search form comes back filled in, saying why (it was an error page without the form).
    assert page.get_element_by_id("f-q").get("value") == "red"
    alert = page.get_element_by_id("form-errors").text_content()
    assert "Too many requests" in alert and "0.5 per second" in alert
    quotes = limited.get("/quote-search?q=fishermen&match=near", headers=browser)
    assert quotes.status_code == 429
    form = lxml.html.fromstring(quotes.get_data(as_text=True))
    assert form.get_element_by_id("f-q").get("value") == "fishermen"
    sources = limited.get("/source-search?name=okaf&kind=person", headers=browser)
    assert sources.status_code == 429
    form = lxml.html.fromstring(sources.get_data(as_text=True))
    assert form.get_element_by_id("f-name").get("value") == "okaf"
    assert "Too many requests" in form.get_element_by_id("form-errors").text_content()
    other = limited.get("/article/nope", headers=browser)
    assert other.status_code == 429 and "<h1>Too many requests</h1>" in other.get_data(as_text=True)
    _error(limited.get("/search?q=red", headers=browser), 429, "rate_limited")


def test_token_bucket_refills_at_the_rate():
    now = [100.0]
    limiter = RateLimiter(rate=2.0, capacity=2, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(2)] == [0.0, 0.0]
    assert limiter.take("a") == pytest.approx(0.5)
    now[0] += 0.5
    assert limiter.take("a") == 0.0
    assert limiter.take("a") == pytest.approx(0.5)
    now[0] += 10  # never more than the capacity
    assert [limiter.take("a") for _ in range(3)][2] > 0


def test_token_buckets_that_filled_up_again_are_swept(monkeypatch):
    monkeypatch.setattr(rate_limit, "SWEEP_EVERY", 3)
    now = [0.0]
    limiter = RateLimiter(rate=1.0, capacity=2, clock=lambda: now[0])
    limiter.take("a"), limiter.take("a")  # empty: full again after 2 s
    now[0] = 1.5
    limiter.take("b")  # third take sweeps; "a" holds 1.5 tokens, not full yet
    assert limiter.buckets() == 2
    now[0] = 3.0
    limiter.take("c"), limiter.take("c"), limiter.take("c")  # sweeps: "a" and "b" are full again
    assert limiter.buckets() == 1
    assert limiter.take("a") == 0.0 and limiter.take("a") == 0.0 and limiter.take("a") > 0  # a full bucket



def test_a_bucket_file_kept_across_a_restart_of_the_machine_does_not_lock_a_client_out(tmp_path):
    """The buckets' times are the monotonic clock, which starts again at boot. A
    bucket file on a disk (NEWS_INDEX_RATE_LIMIT_FILE) held times from before the
    restart, far ahead of the clock: a client spent on the old clock was refused
    for as long as the machine had been up before (here 11 days)."""
    path = tmp_path / "buckets.sqlite"
    before = RateLimiter(rate=1.0, capacity=2, path=path, clock=lambda: 1_000_000.0)
    assert [before.take("ip:10.0.0.1") for _ in range(3)][2] > 0  # spent
    after = RateLimiter(rate=1.0, capacity=2, path=path, clock=lambda: 50.0)  # booted 50 s ago
    assert after.take("ip:10.0.0.1") == 0.0 and after.take("ip:10.0.0.1") == 0.0
    assert after.take("ip:10.0.0.1") == pytest.approx(1.0)  # and limited as usual from there


def _take_in_another_process(path: str, key: str, times: int, results) -> None:
    limiter = RateLimiter(rate=0.001, capacity=5, path=path)
    results.put([limiter.take(key) for _ in range(times)])


def test_worker_processes_sharing_the_bucket_file_share_the_budget(tmp_path):
    """As gunicorn's workers do: two processes draw from one budget of 5."""
    import multiprocessing

    path = str(tmp_path / "buckets.sqlite")
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=_take_in_another_process, args=(path, "ip:10.0.0.1", 4, results))
                 for _ in range(2)]
    for process in processes:
        process.start()
    waits = results.get(timeout=60) + results.get(timeout=60)
    for process in processes:
        process.join(timeout=60)
    assert sum(wait == 0 for wait in waits) == 5 and sum(wait > 0 for wait in waits) == 3
    # and this process, on the same file, finds the budget spent; another client's is whole
    here = RateLimiter(rate=0.001, capacity=5, path=path)
    assert here.take("ip:10.0.0.1") > 0 and here.take("ip:10.0.0.2") == 0


def test_a_take_waits_out_a_lock_held_past_a_second(tmp_path):
    """Another worker descheduled inside its transaction on a loaded machine: the take
    waits for it (it failed open after 1 s, and a request over the limit went through)."""
    import threading

    path = str(tmp_path / "buckets.sqlite")
    limiter = RateLimiter(rate=0.001, capacity=1, path=path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    threading.Timer(1.5, lambda: other.execute("COMMIT")).start()
    assert limiter.take("ip:10.0.0.1") == 0.0
    assert limiter.take("ip:10.0.0.1") > 0


def test_statements_refused_at_once_for_a_lock_are_tried_again():
    refusals = [sqlite3.OperationalError("database is locked")] * 3

    def statement():
        if refusals:
            raise refusals.pop()
        return "done"

    assert rate_limit._when_unlocked(statement, sleep=lambda _: None) == "done"
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        rate_limit._when_unlocked(lambda: (_ for _ in ()).throw(sqlite3.OperationalError("no such table")))


def test_a_failing_bucket_store_lets_requests_through(loaded_data_dir, monkeypatch):
    config = Config(data_dir=loaded_data_dir, rate_limit=0.5, rate_limit_burst=1)
    app = create_app(config)
    limiter = app.extensions["news_rate_limiter"]

    def broken(key):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(limiter, "take", broken)
    assert [app.test_client().get("/search?q=red&size=1").status_code for _ in range(3)] == [200] * 3


#: Common words in a row, as a long digest or transcript has them: every proximity phrase of
#: two of them matches thousands of times a paragraph.
_COMMON = ("the minister said that of the talks in a week to the port and the trade would resume as officials "
           "told the press")


def test_highlighting_a_huge_hit_is_cut_off_by_the_deadline(tmp_path):
    """The deadline is checked while a hit is highlighted, not only between hits: proximity
    phrases on one 900 KB article took seconds to highlight (near spellings on a 5 MB one, a
    minute), and a search with a single such hit answered long after its deadline."""
    words = _COMMON.split()
    paragraph = " ".join(words[(i * 7) % len(words)] for i in range(180)) + "."
    article = prepare({"headline": "Port talks digest", "body": [paragraph] * 1_000,
                       "url": "https://example.org/digest"}, datetime(2025, 6, 1, tzinfo=timezone.utc))
    app = create_app(Config(data_dir=tmp_path, search_deadline_ms=10_000))
    backend = app.extensions["news_backend"]
    assert not backend.upsert([article]).failed
    client = app.test_client()
    query = '"the said"~50 "of the"~50 "in a"~50 "to the"~50'
    backend.deadline_seconds = 0.2  # the engine finds it in a few ms; highlighting takes seconds
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 504, response.get_json()
    assert response.get_json()["code"] == "search_timeout"
    backend.deadline_seconds = 60.0
    found = client.get("/search", query_string={"q": query}).get_json()
    assert found["total"] == 1 and "<em>" in found["hits"][0]["highlights"]["body"][0]
