"""The HTTP API under gunicorn, as deployed: per-class latency with concurrent
keep-alive clients, the service's own overhead (HTTP time minus the engine's
`took_ms`), and the throughput at which p99 stays within THROUGHPUT_P99_MS.
"""
from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

from benchmarks.common import ROOT, log
from benchmarks.engines import EmbeddedEngine, RawTantivy
from benchmarks.http_client import KeepAliveClient
from benchmarks.queries import BenchQuery, http_path
from benchmarks.stats import stats

VENV_BIN = Path(sys.executable).parent
#: HTTP throughput is the highest rate whose p99 stays within this.
THROUGHPUT_P99_MS = 100.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """`gunicorn -c gunicorn.conf.py service.wsgi:app` on a free loopback port."""

    def __init__(self, data_dir: Path, extra_env: dict | None = None):
        self.port = free_port()
        # As in-process (engines.py): every faceted search counts.
        env = {**os.environ, "NEWS_INDEX_DATA_DIR": str(data_dir), "PORT": str(self.port),
               "NEWS_INDEX_FACET_CACHE_SIZE": "0", **(extra_env or {})}
        env.pop("NEWS_INDEX_API_KEY", None)
        self.stderr = open(Path(data_dir).parent / "gunicorn.log", "wb")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{self.port}",
             "service.wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.stderr)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _, _ = self.get("/readyz")
                if status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.close()
        raise RuntimeError("gunicorn did not become ready; see gunicorn.log")

    def get(self, path: str):
        """(status, content type, body) of one GET on a connection of its own."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type"), response.read()
        finally:
            connection.close()

    def workers(self) -> int:
        return int(os.environ.get("WEB_CONCURRENCY", "2"))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stderr.close()


def measure_http(server: Gunicorn, queries: list[BenchQuery], reps: int, clients: int) -> dict:
    """Per-class latency with `clients` concurrent keep-alive connections.

    Each client is a process of its own: client threads in one process would
    queue for its GIL, and that wait would be timed as the server's latency.
    """
    paths = [(q.cls, http_path(q)) for q in queries]
    # Warm-up: each worker's searcher, caches and the page cache. The kernel hands each
    # new connection to any worker, so every path goes out on several connections at once.
    warmers = [KeepAliveClient(server.port).connect() for _ in range(2 * server.workers())]
    try:
        for _, path in paths:
            for client in warmers:
                client.timed_get(path)
    finally:
        for client in warmers:
            client.close()
    work = [item for _ in range(reps) for item in paths]
    random.Random(11).shuffle(work)
    shares = [(server.port, work[k::clients]) for k in range(clients)]
    samples: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        started = time.perf_counter()
        outcomes = pool.map(_client_share, shares, chunksize=1)
        seconds = time.perf_counter() - started
    for timed, failed in outcomes:
        errors += failed
        for cls, elapsed in timed:
            samples[cls].append(elapsed)
            samples["all"].append(elapsed)
            if cls.startswith("reuters_"):
                samples["reuters40"].append(elapsed)
    return {"clients": clients, "requests": len(work), "seconds": seconds, "errors": errors[:10],
            "error_count": len(errors), "stats": {cls: stats(v) for cls, v in samples.items()}}


def _client_share(share: tuple[int, list[tuple[str, str]]]) -> tuple[list[tuple[str, float]], list[str]]:
    """One client process: its share of the requests on one keep-alive connection."""
    port, work = share
    client = KeepAliveClient(port)
    timed, failed = [], []
    try:
        for cls, path in work:
            status, _, elapsed = client.timed_get(path)
            if status == 200:
                timed.append((cls, elapsed))
            else:
                failed.append(f"{status} {path[:80]}")
    finally:
        client.close()
    return timed, failed


def measure_overhead(server: Gunicorn, queries: list[BenchQuery], reps: int, fetch_ids: list[str],
                     engine: EmbeddedEngine, raw: RawTantivy) -> dict:
    """One client, sequential: HTTP time minus the engine's own `took_ms`, per request.
    Fetch by id returns no engine time, so its overhead is the HTTP distribution minus the
    in-process `backend.get` distribution (p50 - p50, p99 - p99), after one untimed pass over
    the ids: otherwise HTTP, asked first, would pay every cold page and the in-process read
    of the same article would find it cached."""
    client = KeepAliveClient(server.port)
    overhead, http_ms, took_ms = [], [], []
    for _ in range(reps):
        for query in queries:
            status, body, elapsed = client.timed_get(http_path(query))
            if status != 200:
                continue
            engine_ms = json.loads(body)["took_ms"]
            http_ms.append(elapsed)
            took_ms.append(engine_ms)
            overhead.append(elapsed - engine_ms)
    fetch_http, fetch_engine, fetch_raw = [], [], []
    fetches = [(article_id, "/articles/" + urllib.parse.quote(article_id, safe="")) for article_id in fetch_ids]
    for article_id, path in fetches:  # untimed: HTTP and in-process then read equally warm pages
        client.timed_get(path)
        engine.fetch(article_id)
        raw.fetch(article_id)
    for _ in range(2):
        for article_id, path in fetches:
            status, body, elapsed = client.timed_get(path)
            if status == 200:
                fetch_http.append(elapsed)
            started = time.perf_counter()
            engine.fetch(article_id)
            fetch_engine.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            raw.fetch(article_id)
            fetch_raw.append((time.perf_counter() - started) * 1000)
    client.close()
    http_stats, engine_stats = stats(fetch_http), stats(fetch_engine)
    fetch_overhead = {
        "p50": (http_stats["p50"] - engine_stats["p50"]) if fetch_http else None,
        "p99": (http_stats["p99"] - engine_stats["p99"]) if fetch_http else None,
    }
    return {"search": {"overhead": stats(overhead), "http": stats(http_ms), "took": stats(took_ms)},
            "fetch": {"http": http_stats, "embedded": engine_stats, "raw_tantivy": stats(fetch_raw),
                      "overhead": fetch_overhead, "found": len(fetch_http)}}


def measure_throughput(server: Gunicorn, queries: list[BenchQuery], step_seconds: float,
                       budget_s: float, limit_ms: float = THROUGHPUT_P99_MS) -> dict:
    """Concurrency 1, 2, 4, ... for `step_seconds` each, until p99 passes `limit_ms` or the
    time budget runs out; the answer is the best rate whose p99 stayed within the limit."""
    paths = [http_path(q) for q in queries]
    steps = []
    started_all = time.monotonic()
    concurrency = 1
    while time.monotonic() - started_all + step_seconds <= budget_s:
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        stop = time.perf_counter() + step_seconds

        def client(offset: int):
            connection = KeepAliveClient(server.port)
            local, failed = [], 0
            i = offset
            try:
                while time.perf_counter() < stop:
                    status, _, elapsed = connection.timed_get(paths[i % len(paths)])
                    i += 1
                    if status == 200:
                        local.append(elapsed)
                    else:
                        failed += 1
            finally:
                connection.close()
                with lock:
                    latencies.extend(local)
                    errors[0] += failed

        threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(concurrency)]
        begun = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - begun
        step = {"concurrency": concurrency, "requests": len(latencies), "errors": errors[0],
                "rps": len(latencies) / seconds, **{k: v for k, v in stats(latencies).items() if k != "n"}}
        steps.append(step)
        log(f"  concurrency {concurrency}: {step['rps']:.0f} req/s, p99 {step['p99']:.1f} ms")
        if step["p99"] is None or step["p99"] > limit_ms or errors[0]:
            break
        concurrency *= 2
    within = [s for s in steps if s["p99"] is not None and s["p99"] <= limit_ms and not s["errors"]]
    best = max(within, key=lambda s: s["rps"]) if within else None
    return {"limit_p99_ms": limit_ms, "steps": steps, "best": best,
            "workers": int(os.environ.get("WEB_CONCURRENCY", "2")),
            "threads": int(os.environ.get("GUNICORN_THREADS", "4"))}
