"""Where the Reuters-21578 research corpus lives; tests read it in place and never copy it."""

from __future__ import annotations

import functools
import gzip
import json
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def realnews_dir() -> Path:
    override = os.environ.get("NEWS_REALNEWS_DIR")
    return Path(override) if override else REPO_ROOT / ".." / "shared" / "realnews"


@functools.lru_cache(maxsize=1)
def realnews_articles() -> tuple[dict, ...]:
    """Every record of articles.jsonl.gz. Missing corpus: an AssertionError, so the test fails, never skips."""
    path = realnews_dir() / "articles.jsonl.gz"
    if not path.is_file():
        raise AssertionError(
            f"Reuters corpus not found at {path}: put shared/realnews beside the repo "
            "or point NEWS_REALNEWS_DIR at the folder holding articles.jsonl.gz"
        )
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle if line.strip())
