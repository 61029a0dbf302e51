"""One contract, every backend: each test here runs once per backend.

The corpus is indexed once per backend per run. Elasticsearch joins the
parameter list with its own issue; nothing here is engine-specific.
"""
from __future__ import annotations

import pytest

from service.backends.embedded import EmbeddedBackend

from .corpus import corpus

BACKENDS = ["embedded"]


def _embedded(tmp_path_factory):
    return EmbeddedBackend(tmp_path_factory.mktemp("embedded"))


_FACTORIES = {"embedded": _embedded}


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, tmp_path_factory):
    engine = _FACTORIES[request.param](tmp_path_factory)
    result = engine.upsert(corpus())
    assert not result.failed, result.failed
    yield engine
    engine.close()
