"""What the Elasticsearch reindex folds anew: keys from the spellings stored beside them."""
from __future__ import annotations

import logging

from service.backends.elastic import ElasticBackend
from service.backends.elastic_rekey import stale_keys
from service.config import Config


def test_only_keys_that_fold_differently_now_are_stale():
    source = {"speaker_key": ["robin leigh-pemberton", "ada"], "speaker_facet": ["Robin Leigh-Pemberton", "Ada"],
              "outlet_key": "reuters", "outlet_facet": "Reuters",
              "place_key": ["o’brien bay"], "place_facet": ["O’Brien Bay"]}
    assert stale_keys(source) == {"speaker_key": ["robin leigh pemberton", "ada"], "place_key": ["o'brien bay"]}


def test_a_key_without_its_stored_spellings_is_kept():
    """Nothing to derive it from: better an old key than none."""
    assert stale_keys({"speaker_key": ["robin leigh-pemberton"]}) == {}


def test_spellings_that_now_fold_alike_leave_one_key():
    assert stale_keys({"source_key": ["o'brien", "o’brien"], "source_facet": ["O'Brien", "O’Brien"]}) == \
        {"source_key": ["o'brien"]}


def test_an_engine_that_does_not_answer_at_start_gives_no_notice(caplog):
    """The notice is asked once while the app is made; an engine down then is the readiness
    check's business, not a reason to refuse to start."""
    config = Config(backend="elasticsearch", elasticsearch_url="http://127.0.0.1:9",
                    elasticsearch_plain_json=True, elasticsearch_timeout_seconds=1.0)
    backend = ElasticBackend.from_config(config)
    with caplog.at_level(logging.WARNING, logger="service.backends.elastic"):
        assert backend.upgrade_notice() is None
    assert "cannot tell whether the index needs a reindex" in caplog.text
