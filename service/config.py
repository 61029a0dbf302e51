"""All configuration, read from the environment in one place.

Everything else receives a `Config` (the app factory stores it on the app;
the loader CLI builds its own), so no module reads `os.environ` itself.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

BACKENDS = ("embedded", "elasticsearch")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Config:
    backend: str = "embedded"
    data_dir: Path = Path("data")
    port: int = 8000
    api_key: str | None = None
    #: How long a write waits for the embedded index's single writer before 503.
    write_wait_seconds: float = 5.0
    max_page_size: int = 100
    max_batch_ids: int = 100
    #: Largest accepted request body (POST /articles), in bytes: larger gets 413.
    max_request_bytes: int = 2_000_000
    elasticsearch_url: str | None = None
    elasticsearch_api_key: str | None = None
    elasticsearch_username: str | None = None
    elasticsearch_password: str | None = None
    elasticsearch_ca_certs: str | None = None
    elasticsearch_plain_json: bool = False
    elasticsearch_index: str = "news-articles"
    elasticsearch_timeout_seconds: float = 10.0
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Config":
        env = os.environ if env is None else env
        backend = env.get("NEWS_INDEX_BACKEND", "embedded").strip().lower() or "embedded"
        if backend not in BACKENDS:
            raise ValueError(
                f"NEWS_INDEX_BACKEND={backend!r} is not one of {', '.join(BACKENDS)}"
            )
        return cls(
            backend=backend,
            data_dir=Path(env.get("NEWS_INDEX_DATA_DIR", "data")),
            port=int(env.get("PORT", "8000")),
            api_key=env.get("NEWS_INDEX_API_KEY") or None,
            write_wait_seconds=float(env.get("NEWS_INDEX_WRITE_WAIT_SECONDS", "5")),
            elasticsearch_url=env.get("ELASTICSEARCH_URL") or None,
            elasticsearch_api_key=env.get("ELASTICSEARCH_API_KEY") or None,
            elasticsearch_username=env.get("ELASTICSEARCH_USERNAME") or None,
            elasticsearch_password=env.get("ELASTICSEARCH_PASSWORD") or None,
            elasticsearch_ca_certs=env.get("ELASTICSEARCH_CA_CERTS") or None,
            elasticsearch_plain_json=_flag(env.get("ELASTICSEARCH_PLAIN_JSON")),
            elasticsearch_index=env.get("ELASTICSEARCH_INDEX", "news-articles"),
            elasticsearch_timeout_seconds=float(env.get("ELASTICSEARCH_TIMEOUT_SECONDS", "10")),
        )
