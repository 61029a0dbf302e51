"""Where the Reuters-21578 research corpus lives; tests read it in place and never copy it."""

from __future__ import annotations

import gzip
import json
import os

import pytest
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def realnews_dir() -> Path:
    override = os.environ.get("NEWS_REALNEWS_DIR")
    return Path(override) if override else REPO_ROOT / ".." / "shared" / "realnews"


def realnews_articles() -> Iterator[dict]:
    """Every record of articles.jsonl.gz; a clear failure (never a skip) when it is missing."""
    path = realnews_dir() / "articles.jsonl.gz"
    if not path.is_file():
        raise AssertionError(
            f"Reuters corpus not found at {path}: put shared/realnews beside the repo "
            "or point NEWS_REALNEWS_DIR at the folder holding articles.jsonl.gz"
        )
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@pytest.fixture(scope="session")
def reuters_articles() -> list[dict]:
    return list(realnews_articles())
