"""What a platform team watches: request ids, access logs, Prometheus metrics, CORS.

* **Request id.** A valid incoming `X-Request-ID` (1–128 of `A-Za-z0-9._:-`)
  is kept, anything else replaced by a new one; it is in every log line of
  the request and returned in the `X-Request-ID` response header.
* **Access log.** One JSON line per request (`service/logs.py`): method,
  path, status, duration_ms, request_id. Under gunicorn it and the request
  metrics are written once the response is handed over (`_finish`).
* **Metrics** (`GET /metrics`, `service/api/metrics.py`): requests and their
  latency by route and status, engine time (the backend's own `took_ms`),
  index size, articles written through the API, and the loaders' runs and
  counts (`service/load_stats.py`). Under gunicorn each
  worker writes to `PROMETHEUS_MULTIPROC_DIR` (set by `gunicorn.conf.py`)
  and a scrape sums them.
* **CORS** for the origins in `NEWS_INDEX_CORS_ORIGINS`; off when empty.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import time

from flask import Flask, g, request
from flask.globals import request_ctx
from prometheus_client import Counter, Gauge, Histogram, disable_created_metrics
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from .config import Config
from .logs import json_line, sole_json_handler

access_log = logging.getLogger("news_index.access")
_ACCESS_MESSAGE = "%s %s %s %.1f ms"  # method, path, status, duration_ms
log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_ENVIRON = "HTTP_X_REQUEST_ID"  # where WSGI puts the header
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
#: Methods counted by name; anything else is "other" (labels must stay few).
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED_ROUTE = "<unmatched>"
#: In the environ of every request gunicorn serves (it closes each response after sending it).
_SERVER_CLOSES_AFTER_SENDING = "gunicorn.socket"

disable_created_metrics()  # `*_created` series: noise for a service's dashboards

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "news_index_http_requests_total", "HTTP requests answered, by route and status.",
    ["method", "route", "status"])
LATENCY = Histogram(
    "news_index_http_request_duration_seconds", "Time to answer an HTTP request, by route and status.",
    ["method", "route", "status"], buckets=LATENCY_BUCKETS)
ENGINE_TIME = Histogram(
    "news_index_engine_duration_seconds",
    "Time the search engine took for a search (the backend's took_ms), by operation.",
    ["backend", "operation"], buckets=LATENCY_BUCKETS)
ARTICLES = Gauge(
    "news_index_articles", "Articles in the index (counted at each scrape).", ["backend"],
    multiprocess_mode="mostrecent")
WRITES = Counter(
    "news_index_article_writes_total",
    "Articles written through the API, by outcome (indexed, updated, unchanged, failed, deleted).",
    ["backend", "outcome"])
PREVIOUS_KEY_WRITES = Counter(
    "news_index_previous_key_writes_total",
    "Writes sent with NEWS_INDEX_API_KEY_PREVIOUS: once this stays flat, the key rotation can end.")


def request_id() -> str | None:
    return g.get("request_id")


def new_request_id() -> str:
    """`uuid.uuid4().hex`, the same 16 random bytes with the same version and
    variant bits, without building a `UUID` (whose checks cost a few µs of
    every request that brings no id of its own; tests/test_observability.py
    holds the two equal for the same bytes)."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw.hex()


def init_app(app: Flask, config: Config) -> None:
    """Request ids, access log and request metrics; CORS when configured.

    Call it before any other `before_request` hook (the rate limit), so a
    request refused there is still timed, logged and counted.
    """
    app.before_request(_start)
    app.after_request(_finish)
    if config.cors_origins:
        from flask_cors import CORS

        app.after_request(_vary_on_origin)  # registered first, so it runs after flask-cors's hook

        origins = "*" if "*" in config.cors_origins else [_exactly(origin) for origin in config.cors_origins]
        CORS(app, origins=origins, methods=["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
             # ETag, If-None-Match (If-Modified-Since against Last-Modified) and Location: a
             # browser app polls with conditional GETs and follows a 201's Location; an
             # editor writes with If-Match (If-None-Match: * to create only) and chains on
             # the answer's ETag. Script may read no response header not listed here.
             allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match", "If-Modified-Since",
                            REQUEST_ID_HEADER],
             expose_headers=[REQUEST_ID_HEADER, "Retry-After", "ETag", "Location"], max_age=600,
             allow_private_network=config.cors_private_network)


def _exactly(origin: str) -> re.Pattern:
    """An origin as flask-cors matches nothing but that origin, in any case.

    flask-cors takes a string holding `*`, `[`, `(`, `$`, ... for a regular
    expression and matches it at the start only: `https://*.app.example` let
    in https://xapp.example.evil.example, and an IPv6 origin,
    `http://[::1]:3000`, was a character class that let in http://1:3000 and
    never itself."""
    return re.compile(re.escape(origin) + r"\Z", re.IGNORECASE)


def _vary_on_origin(response):
    """With CORS on, every response depends on the request's Origin (the allowed
    origin is echoed, or no CORS header is sent for another), so a cache must
    key on it: `Vary: Origin`, once, beside any other Vary. flask-cors adds it
    only when several origins are configured, and never to a refused origin."""
    values = [v.strip() for line in response.headers.getlist("Vary") for v in line.split(",") if v.strip()]
    if not any(v.lower() == "origin" for v in values):
        values.append("Origin")
    response.headers["Vary"] = ", ".join(dict.fromkeys(values))
    return response


def _start() -> None:
    # The request and g once each: every use of Flask's proxies looks the context up again.
    given = request.environ.get(_REQUEST_ID_ENVIRON, "")
    store = g._get_current_object()
    store.started = time.perf_counter()
    store.request_id = given if _VALID_REQUEST_ID.fullmatch(given) else new_request_id()


def _finish(response):
    current, store = request._get_current_object(), g._get_current_object()
    started = getattr(store, "started", None)
    rid = getattr(store, "request_id", None) or new_request_id()
    response.headers[REQUEST_ID_HEADER] = rid
    given_method = current.method
    method = given_method if given_method in _METHODS else "other"
    route = current.url_rule.rule if current.url_rule is not None else _unmatched_route(current)
    record = functools.partial(_record, started, rid, given_method, method, route, current.path,
                               response.status_code)
    if response.is_streamed or _SERVER_CLOSES_AFTER_SENDING in current.environ:
        # An export streams for as long as it has rows: the time to answer is
        # until the last byte is handed over, not until the first is ready.
        # gunicorn hands every body over before it closes the response (as
        # WSGI servers must): the metrics and the access line are written
        # then, once the client has its answer, not before it is sent.
        response.call_on_close(record)
    else:
        record()  # the test client closes a response only when told to
    return response


def _unmatched_route(current) -> str:
    """The rule of a path whose route takes other methods (a 405, `PATCH /search`),
    for its metrics: routing stopped before naming it. Else `<unmatched>`."""
    error = current.routing_exception
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        try:
            rule, _ = request_ctx.url_adapter.match(method=error.valid_methods[0], return_rule=True)
        except HTTPException:  # a redirect or no match after all: nothing to name
            return UNMATCHED_ROUTE
        return rule.rule
    return UNMATCHED_ROUTE


#: (method, route, status) -> its request counter and latency histogram.
_SERIES: dict[tuple[str, str, str], tuple] = {}


def _series(method: str, route: str, status: str) -> tuple:
    """The labelled children, looked up once per label set: `labels()` checks
    and converts its arguments and takes a lock on every call. Bounded: the
    methods are _METHODS or "other", the routes the app's rules, the statuses few."""
    key = (method, route, status)
    series = _SERIES.get(key)
    if series is None:
        series = _SERIES[key] = (REQUESTS.labels(method, route, status), LATENCY.labels(method, route, status))
    return series


def _record(started: float | None, rid: str, given_method: str, method: str, route: str, path: str,
            status_code: int) -> None:
    elapsed = time.perf_counter() - started if started is not None else 0.0
    status = str(status_code)
    requests, latency = _series(method, route, status)
    requests.inc()
    latency.observe(elapsed)
    duration_ms = round(elapsed * 1000, 3)
    if access_log.isEnabledFor(logging.INFO):
        args = (given_method, path, status, duration_ms)
        fields = {"method": given_method, "path": path, "status": status_code, "duration_ms": duration_ms}

        def record() -> logging.LogRecord:
            # As access_log.info(...) builds it, less its search of the stack for
            # the caller's file and line, which no formatter here writes.
            return access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, _ACCESS_MESSAGE, args, None,
                                         extra={"request_id": rid, **fields})

        handler = sole_json_handler(access_log)
        if handler is None:
            access_log.handle(record())
        else:
            # The same line without a LogRecord (logs.sole_json_handler): the access
            # line took ~20 of _record's ~34 µs in a request here, against ~38 of 52
            # through logging (tests/test_access_line.py holds the two lines equal).
            handler.write_line(json_line(time.time(), "INFO", _ACCESS_MESSAGE % args, access_log.name, rid, fields),
                               record)


#: The route of a request gunicorn refused before the app saw it (no method or path to trust).
REFUSED_ROUTE = "<refused by server>"


def record_refused(status: int) -> str:
    """Count and log a request gunicorn answered itself (malformed, headers too
    large); returns the request id its answer carries."""
    rid = new_request_id()
    _record(None, rid, "-", "other", REFUSED_ROUTE, "-", status)
    return rid


# -- the backend --------------------------------------------------------------

_WRAPPED = "_news_index_metrics"


def instrument_backend(backend) -> None:
    """Engine time and write counts from the backend's own results.

    The wrappers are set on this instance only (once), so the backend class,
    its tests and `isinstance` checks are untouched. Every public method whose
    name starts with `search` is timed by the `took_ms` of what it returns.
    """
    name = getattr(backend, "name", type(backend).__name__)
    for attribute in dir(type(backend)):
        if attribute.startswith("search") and callable(getattr(backend, attribute, None)):
            _wrap(backend, attribute, functools.partial(_observe_took, name, attribute))
    _wrap(backend, "upsert", functools.partial(_count_writes, name))
    _wrap(backend, "delete", lambda result: result and WRITES.labels(name, "deleted").inc())


def _wrap(backend, attribute: str, observe) -> None:
    method = getattr(backend, attribute, None)
    if method is None or getattr(method, _WRAPPED, False):
        return

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        result = method(*args, **kwargs)
        try:
            observe(result)
        except Exception:  # noqa: BLE001 - metrics never break a request
            log.warning("could not record metrics for %s", attribute, exc_info=True)
        return result

    setattr(wrapper, _WRAPPED, True)
    setattr(backend, attribute, wrapper)


#: (backend, operation) -> its engine-time histogram (see _series).
_ENGINE_SERIES: dict[tuple[str, str], Histogram] = {}


def _observe_took(backend_name: str, operation: str, page) -> None:
    took_ms = getattr(page, "took_ms", None)
    if isinstance(took_ms, (int, float)):
        series = _ENGINE_SERIES.get((backend_name, operation))
        if series is None:
            series = _ENGINE_SERIES[backend_name, operation] = ENGINE_TIME.labels(backend_name, operation)
        series.observe(took_ms / 1000)


def _count_writes(backend_name: str, result) -> None:
    for outcome, count in result.counts.items():
        if count:
            WRITES.labels(backend_name, outcome).inc(count)


#: Seconds a scrape waits for the article count: an engine that hangs must not
#: take the scrape past Prometheus' own timeout (10 s by default), which would
#: lose every other series of the scrape with it.
SCRAPE_COUNT_TIMEOUT_SECONDS = 2.0


def update_index_size(backend) -> None:
    """Set the article gauge; an engine that cannot count (in time) leaves it as it was."""
    try:
        ARTICLES.labels(getattr(backend, "name", "unknown")).set(
            backend.count(timeout=SCRAPE_COUNT_TIMEOUT_SECONDS))
    except Exception:  # noqa: BLE001 - a scrape must answer even when the engine does not
        log.warning("could not count articles for /metrics", exc_info=True)
