"""Shared fixtures: an app on a temporary embedded index holding the
contract corpus and the sample articles, its client, and a write key; and the
Elasticsearch engine (osmem or a real cluster), from tests/elastic_engine.py."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from loaders.indexer import load
from service.app import create_app
from service.backends.embedded import EmbeddedBackend
from service.config import Config

from tests.contract.corpus import REFERENCE, corpus
from tests.elastic_engine import elastic_engine  # noqa: F401 - a fixture, registered by import

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
API_KEY = "test-key-123"


def _logging_state() -> tuple:
    root = logging.getLogger()
    return root.level, [(handler, handler.formatter) for handler in root.handlers]


def _restore_logging(state: tuple) -> None:
    level, formatters = state
    logging.getLogger().setLevel(level)
    for handler, formatter in formatters:
        handler.setFormatter(formatter)


#: The logging the shared `app` configured, once it exists: what every test expects.
_shared_app_logging: tuple | None = None


@pytest.fixture(autouse=True)
def _logging_as_it_was():
    """Each app configures the process's root logger (one app a process in
    production): a test's app with another level or format must not change
    what the shared app logs in the tests after it."""
    state = _logging_state()
    yield
    _restore_logging(state)


@pytest.fixture(autouse=True, scope="module")
def _module_logging_as_it_was():
    """The same for a module-scoped fixture's app (tests/web/test_bidi.py's
    `rtl` asks for WARNING): it is built before the per-test snapshot above,
    so that snapshot keeps its level; undo it when the module is done. The
    shared app may have been built during the module, after this snapshot:
    its logging, once it exists, is what the tests after the module expect."""
    state = _logging_state()
    yield
    _restore_logging(_shared_app_logging or state)


@pytest.fixture(scope="session")
def loaded_data_dir(tmp_path_factory) -> Path:
    """An index with the contract corpus and every sample article."""
    data_dir = tmp_path_factory.mktemp("data")
    backend = EmbeddedBackend(data_dir)
    assert not backend.upsert(corpus()).failed
    summary = load(backend, [str(SAMPLES)], data_dir / "rejects.jsonl", reference=REFERENCE)
    assert summary.rejected == 0, (data_dir / "rejects.jsonl").read_text()
    backend.close()
    return data_dir


@pytest.fixture(scope="session")
def app(loaded_data_dir):
    global _shared_app_logging
    config = Config(data_dir=loaded_data_dir, api_key=API_KEY, write_wait_seconds=0.5)
    shared = create_app(config)
    _shared_app_logging = _logging_state()
    return shared


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def auth():
    return {"Authorization": f"Bearer {API_KEY}"}
