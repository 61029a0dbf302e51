"""The time budget of one search, shared by the engines and the highlighters."""
from __future__ import annotations

import time
from typing import NoReturn

from ..errors import SearchTimeout


class Deadline:
    """When a search must give up; checked between its steps.

    An engine call already running is not interrupted (tantivy offers no
    cancel), so a deadline bounds the work that follows a slow step: loading
    documents, highlighting, facets. Elasticsearch also gets it as `timeout`.
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.ends = None if seconds is None else time.monotonic() + seconds

    def check(self, step: str) -> None:
        if self.ends is not None and time.monotonic() > self.ends:
            self.expired(step)

    def remaining(self) -> float | None:
        """Seconds left (at least 0), or None without a deadline."""
        return None if self.ends is None else max(0.0, self.ends - time.monotonic())

    def expired(self, step: str) -> NoReturn:
        raise SearchTimeout(
            f"The search took longer than its {self.seconds * 1000:.0f} ms deadline ({step}); "
            "narrow the query or add filters.", deadline_ms=round(self.seconds * 1000))
