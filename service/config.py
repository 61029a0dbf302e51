"""All configuration, read from the environment in one place.

Everything else receives a `Config` (the app factory stores it on the app;
the loader CLI builds its own), so no module reads `os.environ` itself.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

BACKENDS = ("embedded", "elasticsearch")


class ConfigError(ValueError):
    """A setting the service cannot start with.

    The message is one line naming the variable, the value given and what it
    accepts: the launchers (`service/serve.py`, `gunicorn.conf.py`, the
    loader's command line) print it as it is, instead of a traceback, and stop.
    """


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _text(env: Mapping[str, str], name: str) -> str:
    """The value, stripped; empty means unset (compose passes `${X:-}` as empty)."""
    return (env.get(name) or "").strip()


def _flag(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    text = _text(env, name).lower()
    if not text:
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigError(f"{name}={text!r} is not a yes/no value: use true or false (also 1/0, yes/no, on/off)")


#: The parser recurses once per parenthesis level: deeper than this could
#: exhaust Python's stack, so NEWS_INDEX_MAX_QUERY_DEPTH cannot exceed it.
MAX_QUERY_DEPTH_CEILING = 64

#: The largest value each whole-number setting accepts. Beyond these a value
#: is a typo (an extra zero or three), not a plan: a page of more than 10,000
#: hits is past Elasticsearch's result window, and numbers this large reach
#: the engines as overflows instead of as a clear message at start.
CEILINGS = {
    "PORT": 65_535,
    "NEWS_INDEX_SEARCH_DEADLINE_MS": 3_600_000,
    "NEWS_INDEX_FACET_CACHE_SIZE": 100_000,
    "NEWS_INDEX_WRITER_HEAP_MB": 4_000,
    "NEWS_INDEX_MAX_PAGE_SIZE": 10_000,
    "NEWS_INDEX_MAX_BATCH_IDS": 10_000,
    "NEWS_INDEX_MAX_FACET_SIZE": 10_000,
    "NEWS_INDEX_MAX_QUERY_LENGTH": 100_000,
    "NEWS_INDEX_MAX_QUERY_TERMS": 10_000,
    "NEWS_INDEX_MAX_QUERY_DEPTH": MAX_QUERY_DEPTH_CEILING,
    "NEWS_INDEX_MAX_REQUEST_BYTES": 1_000_000_000,
    "NEWS_INDEX_RATE_LIMIT_BURST": 1_000_000,
    "NEWS_INDEX_PROXY_HOPS": 10,
    "WEB_CONCURRENCY": 256,
    "GUNICORN_THREADS": 1_000,
    "GUNICORN_TIMEOUT": 86_400,
    "GUNICORN_GRACEFUL_TIMEOUT": 3_600,
}


def _positive(env: Mapping[str, str], name: str, default: int, least: int = 1,
              most: int | None = None) -> int:
    """A whole number between `least` and `most` (by default its `CEILINGS` entry)."""
    most = CEILINGS.get(name) if most is None else most
    text = _text(env, name)
    if not text:
        return default
    accepts = f"a whole number from {least} to {most}" if most is not None else f"a whole number, at least {least}"
    try:
        value = int(text)
    except ValueError:
        raise ConfigError(f"{name}={text!r} is not a whole number; it accepts {accepts}") from None
    if value < least:
        raise ConfigError(f"{name}={value} must be at least {least}"
                          + (f" (and at most {most})" if most is not None else ""))
    if most is not None and value > most:
        raise ConfigError(f"{name}={value} must be between {least} and {most}")
    return value


def _seconds(env: Mapping[str, str], name: str, default: float, least: float, most: float,
             zero: bool = True) -> float:
    """A number of seconds (decimals allowed), `least` to `most`; 0 only when `zero`."""
    text = _text(env, name)
    if not text:
        return default
    accepts = f"a number of seconds from {least:g} to {most:g}" if zero else f"a number of seconds above 0, at most {most:g}"
    try:
        value = float(text)
    except ValueError:
        raise ConfigError(f"{name}={text!r} is not a number; it accepts {accepts}") from None
    if not math.isfinite(value) or value < least or value > most or (not zero and value <= 0):
        raise ConfigError(f"{name}={text!r} is out of range; it accepts {accepts}")
    return value


def _path(value: str | None) -> Path | None:
    return Path(value) if value and value.strip() else None


#: Requests per second beyond which the limit is a typo (no single client is
#: meant to get a million a second).
MAX_RATE_LIMIT = 1_000_000


def _rate(text: str | None) -> float:
    text = (text or "").strip()
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise ConfigError(f"NEWS_INDEX_RATE_LIMIT={text!r} is not a number (requests per second)") from None
    if value < 0 or value != value or value > MAX_RATE_LIMIT:
        raise ConfigError(f"NEWS_INDEX_RATE_LIMIT={text!r} must be 0 (off) or a positive number "
                          f"of requests per second, at most {MAX_RATE_LIMIT:,}")
    return value


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = _text(env, name) or choices[0]
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ConfigError(f"{name}={value!r} is not one of {', '.join(choices)}")


#: What an origin is: scheme, host (a name in ASCII, as a browser's `Origin`
#: header writes it, or an IPv6 address in brackets), optional port, nothing
#: after (a browser's `Origin` never has a path, so `https://app.example/`
#: matches nothing).
_ORIGIN = re.compile(r"https?://(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


def _origins(env: Mapping[str, str]) -> tuple[str, ...]:
    name = "NEWS_INDEX_CORS_ORIGINS"
    origins = tuple(o.strip() for o in _text(env, name).split(",") if o.strip())
    for origin in origins:
        if origin != "*" and "*" in origin:
            # flask-cors read such an entry as a regular expression, matched at the start only:
            # `https://*.app.example` let in https://xapp.example.evil.example.
            raise ConfigError(f"{name}: {origin!r} holds a wildcard; list each origin in full "
                              f"(e.g. https://app.example), comma separated, or give * alone")
        if origin != "*" and not _ORIGIN.fullmatch(origin):
            raise ConfigError(f"{name}: {origin!r} is not an origin; use scheme://host[:port] with no path "
                              f"(e.g. https://app.example), comma separated, or *")
    return origins


def _public_url(env: Mapping[str, str]) -> str | None:
    """An http(s) address with a host and no query or fragment, without its trailing slash.

    Behind a proxy the request's own host is the proxy's upstream name
    (`http://news-index:8000`), which a feed reader elsewhere cannot open.
    """
    name = "NEWS_INDEX_PUBLIC_URL"
    url = _text(env, name)
    if not url:
        return None
    try:
        parts = urlsplit(url)
        parts.port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or parts.query or parts.fragment or "@" in parts.netloc:
        raise ConfigError(f"{name}={url!r} is not an http:// or https:// address with a host and no query, "
                          f"fragment or user (e.g. https://news.example or https://news.example/index)")
    return url.rstrip("/")


#: A bearer token is sent in a header: visible ASCII, no spaces (RFC 6750's b64token is narrower).
_API_KEY = re.compile(r"[\x21-\x7e]+")


def _api_key(env: Mapping[str, str], name: str = "NEWS_INDEX_API_KEY",
             unset: str = "disable writes") -> str | None:
    value = env.get(name) or ""
    if not value:
        return None
    if not _API_KEY.fullmatch(value):
        raise ConfigError(f"{name} holds spaces, control or non-ASCII characters (a trailing "
                          f"newline?); it accepts visible ASCII characters only, or leave it empty to "
                          f"{unset}")
    return value


def _previous_api_key(env: Mapping[str, str]) -> str | None:
    """NEWS_INDEX_API_KEY_PREVIOUS, which only a rotation (a current key beside it) makes sense of."""
    previous = _api_key(env, "NEWS_INDEX_API_KEY_PREVIOUS", "end the rotation")
    if previous and not env.get("NEWS_INDEX_API_KEY"):
        raise ConfigError("NEWS_INDEX_API_KEY_PREVIOUS is set without NEWS_INDEX_API_KEY: set the new key "
                          "there (the previous one is taken beside it while clients move over)")
    return previous


def _elasticsearch_url(env: Mapping[str, str], backend: str) -> str | None:
    name = "ELASTICSEARCH_URL"
    url = _text(env, name)
    if not url:
        if backend == "elasticsearch":
            raise ConfigError(f"NEWS_INDEX_BACKEND=elasticsearch needs {name} (e.g. https://search.internal:9200)")
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed "[" of an IPv6 host: urlsplit's own error, a traceback at start
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name}={_without_password(url)!r} is not an http:// or https:// URL with a host")
    try:
        parts.port
    except ValueError:
        raise ConfigError(f"{name}={_without_password(url)!r} has a port that is not a number from 1 "
                          f"to 65535") from None
    return url


def _without_password(url: str) -> str:
    """`url` as an error line may show it: a password before the host's `@` masked."""
    user, at, rest = url.rpartition("@")
    if not at:
        return url
    scheme, slashes, userinfo = user.rpartition("//")
    name, colon, _ = userinfo.partition(":")
    return f"{scheme}{slashes}{name}{colon and ':***'}@{rest}"


#: Elasticsearch's rules for an index (or alias) name; `-v<N>` and `-quotes` are appended to it.
_INDEX_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,199}")


def _index_name(env: Mapping[str, str]) -> str:
    name = "ELASTICSEARCH_INDEX"
    value = _text(env, name) or "news-articles"
    if not _INDEX_NAME.fullmatch(value) or value in (".", ".."):
        raise ConfigError(f"{name}={value!r} is not an index name: lower-case letters, digits, '.', '_' "
                          f"and '-', starting with a letter or digit, at most 200 characters")
    return value


@dataclass(frozen=True)
class Config:
    backend: str = "embedded"
    data_dir: Path = Path("data")
    port: int = 8000
    api_key: str | None = None
    #: The key before the last rotation, still taken for writes until it is unset: clients
    #: move to the new key one by one, with no window where either side is refused.
    previous_api_key: str | None = None
    #: Bearer token a Prometheus scrape sends for `/metrics`; None leaves it open.
    metrics_token: str | None = None
    #: How long a write waits for the embedded index's single writer before 503.
    write_wait_seconds: float = 5.0
    #: A search still running after this many milliseconds is cut off with a 504.
    search_deadline_ms: int = 1000
    #: Faceted searches whose counts the embedded backend remembers until the
    #: next commit (the next page of a search counts nothing); 0 is off.
    facet_cache_size: int = 256
    #: Megabytes the embedded index's writer buffers before it writes a segment
    #: (tantivy's heap: at least 15). Most of a load's memory: 24 held a 100k
    #: load at 158 MB instead of 212, but indexes a third more slowly.
    writer_heap_mb: int = 64
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
    #: The address readers reach the service at (`https://news.example/index`),
    #: for the absolute links of the Atom feeds; None takes the request's own host.
    public_url: str | None = None
    # -- operations ------------------------------------------------------------
    #: Origins allowed to call the API from a browser (CORS); empty is off.
    cors_origins: tuple[str, ...] = ()
    #: Answer Chrome's Private Network Access preflight: a page served from a public site (a
    #: hosted CMS) may then call this service on a newsroom's private network.
    cors_private_network: bool = False
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
        """Every setting from the environment; a bad value raises `ConfigError` naming it.

        An empty value is the same as unset (the default applies).
        """
        env = os.environ if env is None else env
        backend = _choice(env, "NEWS_INDEX_BACKEND", BACKENDS)
        return cls(
            backend=backend,
            data_dir=Path(_text(env, "NEWS_INDEX_DATA_DIR") or "data"),
            port=_positive(env, "PORT", cls.port),
            api_key=_api_key(env),
            previous_api_key=_previous_api_key(env),
            metrics_token=_api_key(env, "NEWS_INDEX_METRICS_TOKEN", "leave /metrics open"),
            write_wait_seconds=_seconds(env, "NEWS_INDEX_WRITE_WAIT_SECONDS", cls.write_wait_seconds, 0, 3600),
            search_deadline_ms=_positive(env, "NEWS_INDEX_SEARCH_DEADLINE_MS", cls.search_deadline_ms),
            facet_cache_size=_positive(env, "NEWS_INDEX_FACET_CACHE_SIZE", cls.facet_cache_size, least=0),
            writer_heap_mb=_positive(env, "NEWS_INDEX_WRITER_HEAP_MB", cls.writer_heap_mb, least=15),
            max_page_size=_positive(env, "NEWS_INDEX_MAX_PAGE_SIZE", cls.max_page_size),
            max_batch_ids=_positive(env, "NEWS_INDEX_MAX_BATCH_IDS", cls.max_batch_ids),
            max_facet_size=_positive(env, "NEWS_INDEX_MAX_FACET_SIZE", cls.max_facet_size),
            max_query_length=_positive(env, "NEWS_INDEX_MAX_QUERY_LENGTH", cls.max_query_length),
            max_query_terms=_positive(env, "NEWS_INDEX_MAX_QUERY_TERMS", cls.max_query_terms),
            max_query_depth=_positive(env, "NEWS_INDEX_MAX_QUERY_DEPTH", cls.max_query_depth),
            max_request_bytes=_positive(env, "NEWS_INDEX_MAX_REQUEST_BYTES", cls.max_request_bytes),
            rate_limit=_rate(env.get("NEWS_INDEX_RATE_LIMIT")),
            rate_limit_burst=_positive(env, "NEWS_INDEX_RATE_LIMIT_BURST", 0, least=0),
            rate_limit_file=_path(env.get("NEWS_INDEX_RATE_LIMIT_FILE")),
            proxy_hops=_positive(env, "NEWS_INDEX_PROXY_HOPS", 0, least=0),
            cors_origins=_origins(env),
            cors_private_network=_flag(env, "NEWS_INDEX_CORS_PRIVATE_NETWORK"),
            public_url=_public_url(env),
            log_format=_choice(env, "NEWS_INDEX_LOG_FORMAT", ("json", "text")),
            log_level=_choice(env, "NEWS_INDEX_LOG_LEVEL", ("INFO", "DEBUG", "WARNING", "ERROR")),
            elasticsearch_url=_elasticsearch_url(env, backend),
            elasticsearch_api_key=env.get("ELASTICSEARCH_API_KEY") or None,
            elasticsearch_username=env.get("ELASTICSEARCH_USERNAME") or None,
            elasticsearch_password=env.get("ELASTICSEARCH_PASSWORD") or None,
            elasticsearch_ca_certs=_text(env, "ELASTICSEARCH_CA_CERTS") or None,
            elasticsearch_plain_json=_flag(env, "ELASTICSEARCH_PLAIN_JSON"),
            elasticsearch_index=_index_name(env),
            elasticsearch_timeout_seconds=_seconds(env, "ELASTICSEARCH_TIMEOUT_SECONDS",
                                                   cls.elasticsearch_timeout_seconds, 0, 3600, zero=False),
        )


@dataclass(frozen=True)
class ServerConfig:
    """gunicorn's settings (`gunicorn.conf.py`), checked like the service's."""

    port: int = 8000
    workers: int = 2
    threads: int = 4
    #: Seconds before a stuck worker is restarted; 0 never restarts one.
    timeout: int = 30
    #: On SIGTERM, seconds a worker may take to finish the requests it holds.
    graceful_timeout: int = 30

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "ServerConfig":
        env = os.environ if env is None else env
        return cls(
            port=_positive(env, "PORT", cls.port),
            workers=_positive(env, "WEB_CONCURRENCY", cls.workers),
            threads=_positive(env, "GUNICORN_THREADS", cls.threads),
            timeout=_positive(env, "GUNICORN_TIMEOUT", cls.timeout, least=0),
            graceful_timeout=_positive(env, "GUNICORN_GRACEFUL_TIMEOUT", cls.graceful_timeout, least=0),
        )
