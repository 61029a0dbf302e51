"""The Elasticsearch backend (osmem-server, or ELASTICSEARCH_URL): the same
indexing-only load and queries as the embedded one, and the client's overhead
over the engine's own `took`, with the CPU the client spent of it (the rest is
the engine's time outside `took` and the HTTP round trip). When the backend is missing or fails the result
says why (`measured: False`); a figure is never made up.
"""
from __future__ import annotations

import itertools
import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.common import ROOT, read_lines
from benchmarks.queries import BenchQuery, api_args
from benchmarks.stats import stats

if TYPE_CHECKING:
    from benchmarks.run import Settings


def elastic_status() -> tuple[bool, str]:
    if not (ROOT / "service" / "backends" / "elastic.py").exists():
        return False, "service/backends/elastic.py does not exist yet"
    try:
        from service.backends.elastic import ElasticBackend  # noqa: F401
    except Exception as error:  # noqa: BLE001
        return False, f"service.backends.elastic does not import: {error}"
    return True, ""


class _TookRecorder:
    """Wraps the Elasticsearch client to keep the engine's own `took` of each search."""

    def __init__(self, client):
        self._client = client
        self.took: list[float] = []

    def search(self, *args, **kwargs):
        response = self._client.search(*args, **kwargs)
        self.took.append(float(response["took"]))
        return response

    def options(self, **options) -> "_TookRecorder":
        """The client with other request options (a search's deadline cuts its timeout), still recorded."""
        recorder = _TookRecorder(self._client.options(**options))
        recorder.took = self.took
        return recorder

    def __getattr__(self, name):
        return getattr(self._client, name)


def measure_elasticsearch(settings: Settings, prepared: Path, queries: list[BenchQuery]) -> dict:
    """The same indexing-only load and searches against osmem (or ELASTICSEARCH_URL)."""
    ok, reason = elastic_status()
    if not ok:
        return {"measured": False, "reason": reason}
    import dataclasses
    import uuid

    from service.backends.elastic import ElasticBackend
    from service.backends.write_results import WriteResult
    from service.config import Config
    from service.search import build_request

    server = None
    try:
        if os.environ.get("ELASTICSEARCH_URL"):
            base = dataclasses.replace(Config.from_env(), backend="elasticsearch")
            where = "ELASTICSEARCH_URL"
        else:
            from osmem_server import OsmemServer

            server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
            base = Config(backend="elasticsearch", elasticsearch_url=server.url,
                          elasticsearch_plain_json=True, elasticsearch_timeout_seconds=120.0)
            where = "osmem-server"
        alias = f"bench-news-{uuid.uuid4().hex[:8]}"
        backend = ElasticBackend.from_config(dataclasses.replace(base, elasticsearch_index=alias))
        backend.ensure_index()
        count = min(settings.es_size, settings.size)
        started = time.perf_counter()
        result = backend.upsert((json.loads(line) for line in itertools.islice(read_lines(prepared), count)),
                                WriteResult(keep_ids=False))
        seconds = time.perf_counter() - started
        load = {"articles": count, "seconds": seconds, "rate": count / seconds,
                "failed": result.counts["failed"]}
        recorder = _TookRecorder(backend.client)
        backend.client = recorder
        args = [api_args(q) for q in queries]
        for a in args:  # warm-up
            backend.search(build_request(a))
        recorder.took.clear()
        samples, overhead, client_cpu = defaultdict(list), [], []
        reps = max(1, settings.reps // 4)
        for _ in range(reps):
            for query, a in zip(queries, args):
                started, cpu_started = time.perf_counter(), time.thread_time()
                backend.search(build_request(a))
                elapsed = (time.perf_counter() - started) * 1000
                client_cpu.append((time.thread_time() - cpu_started) * 1000)
                samples[query.cls].append(elapsed)
                samples["all"].append(elapsed)
                if query.cls.startswith("reuters_"):
                    samples["reuters40"].append(elapsed)
                overhead.append(elapsed - recorder.took[-1])
        try:
            backend.client = recorder._client
            recorder._client.indices.delete(index=f"{alias}-v*", allow_no_indices=True,
                                            ignore_unavailable=True, expand_wildcards="all")
        except Exception:  # noqa: BLE001 - cleanup only
            pass
        return {"measured": True, "engine": where, "load": load, "articles_indexed": count,
                "stats": {cls: stats(v) for cls, v in samples.items()},
                "client_overhead": stats(overhead), "client_cpu": stats(client_cpu)}
    except Exception as error:  # noqa: BLE001 - reported, never faked
        return {"measured": False, "reason": f"{type(error).__name__}: {error}"}
    finally:
        if server is not None:
            server.close()
