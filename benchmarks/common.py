"""What every part of the benchmark shares: the repository root (workers and gunicorn
start there, and the Elasticsearch check looks for the backend there), the progress
log (on stderr, so the report on stdout stays clean) and the corpus reader.
"""
from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def read_lines(path: Path) -> Iterator[str]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line
