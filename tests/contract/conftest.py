"""One contract, every backend: each test here runs once per backend.

The corpus is indexed once per backend per run. Elasticsearch runs on
osmem-server, started here on a free loopback port (or on the cluster at
`ELASTICSEARCH_URL` when set, under an index name unique to this run that is
deleted afterwards). If it cannot start, the run fails: it never skips.
Nothing in the tests themselves is engine-specific.
"""
from __future__ import annotations

import pytest

from service.backends.embedded import EmbeddedBackend

from ..elastic_engine import elastic_engine
from .corpus import corpus
from .variants import variants as variant_corpus

BACKENDS = ["embedded", "elasticsearch"]


def _embedded(request, tmp_path_factory):
    return EmbeddedBackend(tmp_path_factory.mktemp("embedded"))


def _elasticsearch(request, tmp_path_factory, name="contract"):
    engine = request.getfixturevalue("elastic_engine")
    return engine.backend(name)


_FACTORIES = {"embedded": _embedded, "elasticsearch": _elasticsearch}


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request, tmp_path_factory):
    engine = _FACTORIES[request.param](request, tmp_path_factory)
    result = engine.upsert(corpus())
    assert not result.failed, result.failed
    yield engine
    engine.close()


def own_backend(request, tmp_path_factory, name: str, articles: list[dict]):
    """A backend (of `request.param`) holding only `articles`, on a directory or
    alias named `name`: the shared backend's tests count every document it holds."""
    if request.param == "embedded":
        engine = EmbeddedBackend(tmp_path_factory.mktemp(name))
    else:
        engine = _elasticsearch(request, tmp_path_factory, name)
    result = engine.upsert(articles)
    assert not result.failed, result.failed
    return engine


@pytest.fixture(scope="session", params=BACKENDS)
def variants(request, tmp_path_factory):
    """A backend holding `variants.py`: facet values in several spellings."""
    engine = own_backend(request, tmp_path_factory, "variants", variant_corpus())
    yield engine
    engine.close()
