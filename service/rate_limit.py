"""The optional per-client rate limit (`NEWS_INDEX_RATE_LIMIT`): token buckets.

One bucket per API key or client IP. Under gunicorn every worker process
answers the same clients, so the buckets live in one SQLite file that all
the workers of a server share (`NEWS_INDEX_RATE_LIMIT_FILE`, which
`gunicorn.conf.py` points at a fresh file in a per-server temporary
directory): a client gets the configured rate, not workers × the rate.
Without the file (the Flask development server, tests) the buckets are an
in-memory database of this process. The clock is `time.monotonic`, the same
in every process of one machine.

A bucket that has filled up again is the same as no bucket, so such rows are
dropped as they come; that is what keeps the table small, not forgetting
clients that are still limited.
"""
from __future__ import annotations

import hashlib
import logging
import math
import sqlite3
import threading
import time
from pathlib import Path

from flask import Flask, request

from .config import Config
from .errors import RateLimited
from .write_keys import bearer_token, write_key_sent

log = logging.getLogger(__name__)

#: Paths never limited: probes and scrapes must not be refused by their own load.
EXEMPT_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/favicon.ico"})
#: The pages' own stylesheet, script and icon, and Swagger UI's for /docs:
#: files that never reach the engine, fetched with every page view (a page is
#: one request of the budget, not four, and is never left without its stylesheet).
EXEMPT_PREFIXES = ("/web-assets/", "/docs/assets/")
#: Takes between sweeps of the buckets that have filled up again.
SWEEP_EVERY = 1000
#: How long a take waits for the other workers' (microseconds long) transactions. A
#: worker descheduled inside one on a machine under load held the lock past a
#: second: the take failed open and let a request over the limit through.
BUSY_TIMEOUT_MS = 5000


class RateLimiter:
    """`rate` tokens a second up to `capacity` per key; one token per request."""

    def __init__(self, rate: float, capacity: int, path: Path | str | None = None, clock=time.monotonic):
        self.rate = rate
        self.capacity = capacity
        self.clock = clock
        self.path = str(path) if path else ":memory:"
        self._lock = threading.Lock()  # one connection per process, shared by its threads
        self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
        if path:  # every worker at once, as gunicorn starts them: each waits its turn
            _when_unlocked(lambda: self._db.execute("PRAGMA journal_mode = WAL"))
            self._db.execute("PRAGMA synchronous = OFF")  # a crash forgets some tokens, nothing else
        _when_unlocked(lambda: self._db.execute(
            "CREATE TABLE IF NOT EXISTS buckets "
            "(key TEXT PRIMARY KEY, tokens REAL NOT NULL, stamp REAL NOT NULL) WITHOUT ROWID"))
        self._takes = 0

    def take(self, key: str) -> float:
        """0 when the request may go ahead, else the seconds until it could."""
        with self._lock:
            # read and write under one lock across processes
            _when_unlocked(lambda: self._db.execute("BEGIN IMMEDIATE"))
            try:
                now = self.clock()
                row = self._db.execute("SELECT tokens, stamp FROM buckets WHERE key = ?", (key,)).fetchone()
                # A time ahead of the clock is from before the machine started again (the
                # monotonic clock starts at boot, a file on disk outlives it): a full bucket.
                tokens = (self.capacity if row is None or row[1] > now
                          else min(self.capacity, row[0] + (now - row[1]) * self.rate))
                wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
                if not wait:
                    tokens -= 1
                self._db.execute("INSERT OR REPLACE INTO buckets (key, tokens, stamp) VALUES (?, ?, ?)",
                                 (key, tokens, now))
                self._takes += 1
                if self._takes % SWEEP_EVERY == 0:
                    self._sweep(now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return wait

    def _sweep(self, now: float) -> None:
        """Drop the buckets that would be full again by now, and those from before a restart (`take`)."""
        self._db.execute("DELETE FROM buckets WHERE stamp + (? - tokens) / ? <= ? OR stamp > ?",
                         (self.capacity, self.rate, now, now))

    def buckets(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM buckets").fetchone()[0]


def _when_unlocked(statement, clock=time.monotonic, sleep=time.sleep):
    """Run `statement`, again while SQLite answers that the file is locked, for up to BUSY_TIMEOUT_MS.

    The busy timeout makes SQLite wait for a lock, but not in every case: a
    connection opening a WAL file that another is setting up, or changing
    its journal mode beside others doing the same, is refused at once.
    """
    deadline = clock() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            return statement()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error) or clock() >= deadline:
                raise
            sleep(pause)
            pause = min(pause * 2, 0.1)


def client_key(config: Config) -> str:
    """The configured API key when the request carries it, else the client IP.

    Only the real key gets its own bucket: any other token would let a client
    mint fresh buckets at will, so those requests count against their IP.
    """
    if write_key_sent(config) is not None:  # either key of a rotation: each its own bucket
        return "key:" + hashlib.sha256((bearer_token() or "").encode()).hexdigest()[:16]
    return "ip:" + (request.remote_addr or "unknown")


def init_rate_limit(app: Flask, config: Config) -> None:
    if config.rate_limit <= 0:
        return
    limiter = RateLimiter(config.rate_limit, config.rate_limit_bucket, config.rate_limit_file)
    app.extensions["news_rate_limiter"] = limiter

    @app.before_request
    def _rate_limit():
        # By the route, not the path as written: `/healthz/` is the probe too (the
        # app takes a trailing slash), and a probe set up with one was limited.
        rule = request.url_rule
        if ((rule is not None and rule.rule in EXEMPT_PATHS) or request.path.startswith(EXEMPT_PREFIXES)
                or request.method == "OPTIONS"):
            return None
        try:
            wait = limiter.take(client_key(config))
        except sqlite3.Error:  # the limit protects the service; its own failure must not refuse it
            log.warning("rate limit not applied: its bucket store failed", exc_info=True)
            return None
        if not wait:
            return None
        retry_after = max(1, math.ceil(wait))
        # Raised, not answered here: the API's handler gives the JSON error, the
        # pages' handler a page (a browser asked for one).
        raise RateLimited(
            f"Too many requests: the limit is {config.rate_limit:g} per second "
            f"(bursts of {limiter.capacity}) per API key or client; retry after {retry_after} s.",
            retry_after, limit_per_second=config.rate_limit, burst=limiter.capacity)
