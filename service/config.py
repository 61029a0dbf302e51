"""All configuration, read from the environment in one place.

Everything else receives a `Config` (the app factory stores it on the app;
the loader CLI builds its own), so no module reads `os.environ` itself.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

BACKENDS = ("embedded", "elasticsearch")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


#: The parser recurses once per parenthesis level: deeper than this could
#: exhaust Python's stack, so NEWS_INDEX_MAX_QUERY_DEPTH cannot exceed it.
MAX_QUERY_DEPTH_CEILING = 64


def _positive(env: Mapping[str, str], name: str, default: int, least: int = 1,
              most: int | None = None) -> int:
    text = (env.get(name) or "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a whole number") from None
    if value < least or (most is not None and value > most):
        bound = f"between {least} and {most}" if most is not None else f"at least {least}"
        raise ValueError(f"{name}={value} must be {bound}")
    return value


def _path(value: str | None) -> Path | None:
    return Path(value) if value and value.strip() else None


def _rate(text: str | None) -> float:
    text = (text or "").strip()
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"NEWS_INDEX_RATE_LIMIT={text!r} is not a number (requests per second)") from None
    if value < 0 or value != value or value == float("inf"):
        raise ValueError(f"NEWS_INDEX_RATE_LIMIT={text!r} must be 0 (off) or a positive number")
    return value


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = (env.get(name) or choices[0]).strip()
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ValueError(f"{name}={value!r} is not one of {', '.join(choices)}")


@dataclass(frozen=True)
class Config:
    backend: str = "embedded"
    data_dir: Path = Path("data")
    port: int = 8000
    api_key: str | None = None
    #: How long a write waits for the embedded index's single writer before 503.
    write_wait_seconds: float = 5.0
    #: A search still running after this many milliseconds is cut off with a 504.
    search_deadline_ms: int = 1000
    #: Faceted searches whose counts the embedded backend remembers until the
    #: next commit (the next page of a search counts nothing); 0 is off.
    facet_cache_size: int = 256
    # -- limits against resource exhaustion (each a 4xx when exceeded) --------
    #: Hits per search page (`size`).
    max_page_size: int = 100
    #: Ids per batch fetch (`GET /articles?ids=`).
    max_batch_ids: int = 100
    #: Buckets per facet (`facet_size`).
    max_facet_size: int = 100
    #: Characters, terms and parenthesis depth of a query (`q`).
    max_query_length: int = 1000
    max_query_terms: int = 50
    max_query_depth: int = 8
    #: Largest accepted request body (POST /articles), in bytes: larger gets 413.
    max_request_bytes: int = 2_000_000
    #: Requests per second per API key or client IP (token bucket); 0 is off.
    rate_limit: float = 0.0
    #: Requests a client may send at once before the rate applies (bucket size).
    rate_limit_burst: int = 0
    #: SQLite file of the buckets, shared by the server's worker processes
    #: (gunicorn.conf.py sets one per server); None keeps them in this process.
    rate_limit_file: Path | None = None
    #: Reverse proxies in front whose X-Forwarded-For is trusted (client IP).
    proxy_hops: int = 0
    # -- operations ------------------------------------------------------------
    #: Origins allowed to call the API from a browser (CORS); empty is off.
    cors_origins: tuple[str, ...] = ()
    #: `json` (one object per line) or `text`.
    log_format: str = "json"
    log_level: str = "INFO"
    elasticsearch_url: str | None = None
    elasticsearch_api_key: str | None = None
    elasticsearch_username: str | None = None
    elasticsearch_password: str | None = None
    elasticsearch_ca_certs: str | None = None
    elasticsearch_plain_json: bool = False
    elasticsearch_index: str = "news-articles"
    elasticsearch_timeout_seconds: float = 10.0
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def rate_limit_bucket(self) -> int:
        """Bucket size: NEWS_INDEX_RATE_LIMIT_BURST, else twice the rate (at least 1)."""
        return self.rate_limit_burst or max(1, math.ceil(2 * self.rate_limit))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Config":
        env = os.environ if env is None else env
        backend = env.get("NEWS_INDEX_BACKEND", "embedded").strip().lower() or "embedded"
        if backend not in BACKENDS:
            raise ValueError(
                f"NEWS_INDEX_BACKEND={backend!r} is not one of {', '.join(BACKENDS)}"
            )
        return cls(
            backend=backend,
            data_dir=Path(env.get("NEWS_INDEX_DATA_DIR", "data")),
            port=int(env.get("PORT", "8000")),
            api_key=env.get("NEWS_INDEX_API_KEY") or None,
            write_wait_seconds=float(env.get("NEWS_INDEX_WRITE_WAIT_SECONDS", "5")),
            search_deadline_ms=_positive(env, "NEWS_INDEX_SEARCH_DEADLINE_MS", cls.search_deadline_ms),
            facet_cache_size=_positive(env, "NEWS_INDEX_FACET_CACHE_SIZE", cls.facet_cache_size, least=0),
            max_page_size=_positive(env, "NEWS_INDEX_MAX_PAGE_SIZE", cls.max_page_size),
            max_batch_ids=_positive(env, "NEWS_INDEX_MAX_BATCH_IDS", cls.max_batch_ids),
            max_facet_size=_positive(env, "NEWS_INDEX_MAX_FACET_SIZE", cls.max_facet_size),
            max_query_length=_positive(env, "NEWS_INDEX_MAX_QUERY_LENGTH", cls.max_query_length),
            max_query_terms=_positive(env, "NEWS_INDEX_MAX_QUERY_TERMS", cls.max_query_terms),
            max_query_depth=_positive(env, "NEWS_INDEX_MAX_QUERY_DEPTH", cls.max_query_depth,
                                      most=MAX_QUERY_DEPTH_CEILING),
            max_request_bytes=_positive(env, "NEWS_INDEX_MAX_REQUEST_BYTES", cls.max_request_bytes),
            rate_limit=_rate(env.get("NEWS_INDEX_RATE_LIMIT")),
            rate_limit_burst=_positive(env, "NEWS_INDEX_RATE_LIMIT_BURST", 0, least=0),
            rate_limit_file=_path(env.get("NEWS_INDEX_RATE_LIMIT_FILE")),
            proxy_hops=_positive(env, "NEWS_INDEX_PROXY_HOPS", 0, least=0),
            cors_origins=tuple(o.strip() for o in env.get("NEWS_INDEX_CORS_ORIGINS", "").split(",")
                               if o.strip()),
            log_format=_choice(env, "NEWS_INDEX_LOG_FORMAT", ("json", "text")),
            log_level=_choice(env, "NEWS_INDEX_LOG_LEVEL", ("INFO", "DEBUG", "WARNING", "ERROR")),
            elasticsearch_url=env.get("ELASTICSEARCH_URL") or None,
            elasticsearch_api_key=env.get("ELASTICSEARCH_API_KEY") or None,
            elasticsearch_username=env.get("ELASTICSEARCH_USERNAME") or None,
            elasticsearch_password=env.get("ELASTICSEARCH_PASSWORD") or None,
            elasticsearch_ca_certs=env.get("ELASTICSEARCH_CA_CERTS") or None,
            elasticsearch_plain_json=_flag(env.get("ELASTICSEARCH_PLAIN_JSON")),
            elasticsearch_index=env.get("ELASTICSEARCH_INDEX", "news-articles"),
            elasticsearch_timeout_seconds=float(env.get("ELASTICSEARCH_TIMEOUT_SECONDS", "10")),
        )
