"""Limits against resource exhaustion, read from `Config` at request time.

Schemas and the query parser are module-level objects, built once; the
limits belong to the app's `Config` (`NEWS_INDEX_MAX_*`). `setting()` reads
the running app's value, or the default outside an app (scripts, unit tests),
so one schema serves apps configured differently.

The optional rate limit (`NEWS_INDEX_RATE_LIMIT`) is a token bucket per API
key or client IP, in-process: with several gunicorn workers each keeps its
own buckets, so a client may get up to workers × the rate.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections import OrderedDict

from flask import Flask, current_app, has_app_context, request
from marshmallow import validate

from .config import Config

_DEFAULTS = Config()


def setting(name: str):
    """`Config.<name>` of the running app, else its default."""
    if has_app_context():
        config = current_app.config.get("NEWS_INDEX")
        if config is not None:
            return getattr(config, name)
    return getattr(_DEFAULTS, name)


def query_limits() -> dict[str, int]:
    """Keyword arguments of `service.query.parse` for the running app."""
    return {"max_length": setting("max_query_length"), "max_terms": setting("max_query_terms"),
            "max_depth": setting("max_query_depth")}


class ConfiguredRange(validate.Range):
    """`validate.Range(min, max)` whose `max` is a `Config` setting.

    The OpenAPI document shows the value in force when it is generated (the
    app's, since the spec is built inside its context; the default otherwise).
    """

    def __init__(self, setting_name: str, min: int = 1, **kwargs):
        self.setting_name = setting_name
        super().__init__(min=min, max=setting(setting_name), **kwargs)

    @property
    def max(self):
        return setting(self.setting_name)

    @max.setter
    def max(self, value):  # set by Range.__init__; the setting decides
        pass


# -- rate limit ---------------------------------------------------------------

#: Paths never limited: probes and scrapes must not be refused by their own load.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
#: Buckets kept per process; the least recently seen client is forgotten first.
MAX_BUCKETS = 10_000


class TokenBucket:
    """`rate` tokens a second up to `capacity`; one token per request."""

    __slots__ = ("tokens", "stamp")

    def __init__(self, capacity: float, now: float):
        self.tokens = capacity
        self.stamp = now


class RateLimiter:
    def __init__(self, rate: float, capacity: int, clock=time.monotonic, max_buckets: int = MAX_BUCKETS):
        self.rate = rate
        self.capacity = capacity
        self.clock = clock
        self.max_buckets = max_buckets
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when the request may go ahead, else the seconds until it could."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = TokenBucket(self.capacity, now)
                if len(self._buckets) > self.max_buckets:
                    self._buckets.popitem(last=False)
            else:
                self._buckets.move_to_end(key)
                bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.rate)
                bucket.stamp = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate


def client_key(config: Config) -> str:
    """The configured API key when the request carries it, else the client IP.

    Only the real key gets its own bucket: any other token would let a client
    mint fresh buckets at will, so those requests count against their IP.
    """
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    given = given.strip()
    if config.api_key and scheme.lower() == "bearer" and hmac.compare_digest(
            given.encode(), config.api_key.encode()):
        return "key:" + hashlib.sha256(given.encode()).hexdigest()[:16]
    return "ip:" + (request.remote_addr or "unknown")


def init_rate_limit(app: Flask, config: Config) -> None:
    if config.rate_limit <= 0:
        return
    limiter = RateLimiter(config.rate_limit, config.rate_limit_bucket)
    app.extensions["news_rate_limiter"] = limiter

    @app.before_request
    def _rate_limit():
        if request.path in EXEMPT_PATHS or request.method == "OPTIONS":
            return None
        wait = limiter.take(client_key(config))
        if not wait:
            return None
        from .api.errors import error_response

        retry_after = max(1, math.ceil(wait))
        return error_response(
            429, "rate_limited",
            f"Too many requests: the limit is {config.rate_limit:g} per second "
            f"(bursts of {limiter.capacity}) per API key or client; retry after {retry_after} s.",
            {"limit_per_second": config.rate_limit, "burst": limiter.capacity, "retry_after": retry_after},
            {"Retry-After": str(retry_after)},
        )
