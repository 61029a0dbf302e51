"""The Elasticsearch engine the tests run on: osmem-server, or a real cluster.

By default the bundled osmem-server binary is started on a free loopback
port (the OS picks it: port 0, no race) and stopped at the end. With
`ELASTICSEARCH_URL` set, the tests use that cluster instead (credentials and
CA from the usual `ELASTICSEARCH_*` settings), under index names unique to
this run, deleted afterwards. Either way a failure to start fails the run
loudly: the Elasticsearch half of the contract never skips.
"""
from __future__ import annotations

import dataclasses
import os
import uuid

import pytest

from service.backends.elastic import ElasticBackend
from service.config import Config


class ElasticEngine:
    def __init__(self, base: Config, server=None):
        self.base = base
        self.server = server
        self.prefix = f"test-news-{uuid.uuid4().hex[:8]}"
        self.aliases: list[str] = []

    @property
    def url(self) -> str:
        return self.base.elasticsearch_url

    def config(self, name: str, **changes) -> Config:
        alias = f"{self.prefix}-{name}"
        self.aliases.append(alias)
        return dataclasses.replace(self.base, elasticsearch_index=alias, **changes)

    def backend(self, name: str, **options) -> ElasticBackend:
        """A backend on its own alias, with `<alias>-v1` created."""
        backend = ElasticBackend.from_config(self.config(name))
        for key, value in options.items():
            setattr(backend, key, value)
        backend.ensure_index()
        return backend

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            return
        client = ElasticBackend.from_config(self.base).client
        try:
            for alias in self.aliases:
                client.indices.delete(index=f"{alias}-v*", allow_no_indices=True,
                                      ignore_unavailable=True, expand_wildcards="all")
        finally:
            client.close()


def start_engine() -> ElasticEngine:
    env_url = os.environ.get("ELASTICSEARCH_URL")
    if env_url:
        base = dataclasses.replace(Config.from_env(), backend="elasticsearch")
        return ElasticEngine(base)
    from osmem_server import OsmemError, OsmemServer

    try:
        server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    except (OsmemError, OSError) as error:
        pytest.fail(f"osmem-server could not start, so the Elasticsearch contract cannot run: {error}",
                    pytrace=False)
    # A search's deadline cuts the client's wait (NEWS_INDEX_SEARCH_DEADLINE_MS, 1 s by default):
    # osmem takes up to 300 ms for a highlighted phrase on a quiet machine, more on a busy one, so
    # the tests give it 10 s. The deadline's own tests set theirs (tests/test_elastic_ops.py).
    base = Config(backend="elasticsearch", elasticsearch_url=server.url,
                  elasticsearch_plain_json=True, elasticsearch_timeout_seconds=30.0, search_deadline_ms=10_000)
    return ElasticEngine(base, server)


@pytest.fixture(scope="session")
def elastic_engine():
    engine = start_engine()
    try:
        ElasticBackend.from_config(engine.base).client.info()
    except Exception as error:  # noqa: BLE001 - any failure here must fail the run
        engine.close()
        pytest.fail(f"Elasticsearch at {engine.url} does not answer: {error}", pytrace=False)
    yield engine
    engine.close()
