"""`GET /metrics`: Prometheus exposition, outside the OpenAPI document.

A plain Flask blueprint, not a flask-smorest one: the JSON API's spec (and
the fuzzing that walks it) is for API clients; this is for the scraper.
Under gunicorn, `PROMETHEUS_MULTIPROC_DIR` holds every worker's samples and
the scrape sums them, whichever worker answers.
"""
from __future__ import annotations

import os

from flask import Blueprint, Response, request
from flask_smorest import abort
from prometheus_client import REGISTRY, CollectorRegistry
from prometheus_client.exposition import choose_encoder

from ..load_stats import LoadStatsCollector, stats_path
from ..observability import update_index_size
from .auth import bearer_matches
from .resources import backend, config

blp = Blueprint("metrics", __name__)


@blp.route("/metrics")
def metrics():
    _check_token(config().metrics_token)
    update_index_size(backend())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    encoder, content_type = choose_encoder(request.headers.get("Accept", ""))
    collectors = (registry, LoadStatsCollector(stats_path(config().data_dir)))
    return Response(encoder(_Together(collectors)), content_type=content_type)


def _check_token(expected: str | None) -> None:
    """Request counts by route and the index's size say how a newsroom works: a
    service reachable from outside can ask its scraper for a token."""
    if not expected:
        return
    if not bearer_matches(expected):
        abort(401, message="Send 'Authorization: Bearer <NEWS_INDEX_METRICS_TOKEN>' to read the metrics.",
              headers={"WWW-Authenticate": "Bearer"})


class _Together:
    """Several collectors as one registry: the exposition only calls `collect()`."""

    def __init__(self, collectors):
        self.collectors = collectors

    def collect(self):
        for collector in self.collectors:
            yield from collector.collect()
