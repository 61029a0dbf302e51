"""Search backends behind one interface; `create_backend` picks one by config."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config

if TYPE_CHECKING:  # not at run time: a loader's preparing process needs only .keys (see loaders/jobs.py)
    from .base import SearchBackend


def create_backend(config: Config, serving: bool = False) -> SearchBackend:
    """`serving`: the service's backend, whose writes a client waits on (not a load's)."""
    if config.backend == "embedded":
        from .embedded import EmbeddedBackend

        return EmbeddedBackend(config.data_dir, write_wait_seconds=config.write_wait_seconds,
                               deadline_seconds=config.search_deadline_ms / 1000,
                               facet_cache_size=config.facet_cache_size,
                               writer_heap_bytes=config.writer_heap_mb * 1_000_000)
    if config.backend == "elasticsearch":
        from .elastic import ElasticBackend

        return ElasticBackend.from_config(config, serving=serving)
    raise ValueError(f"unknown backend {config.backend!r}")
