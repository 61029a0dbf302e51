"""What the loaders did, kept beside the index so `/metrics` can report it.

The loader is a short-lived process of its own, so it cannot hold Prometheus
counters the service exposes. Each run adds its counts to `load-stats.json`
in the data directory (under a lock, replaced atomically); a scrape reads
the file. The totals only grow, as a Prometheus counter must.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

FILE_NAME = "load-stats.json"
OUTCOMES = ("read", "indexed", "updated", "unchanged", "rejected")


def stats_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / FILE_NAME


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def read_stats(path: Path) -> dict:
    try:
        stats = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return stats if isinstance(stats, dict) else {}


def record_run(path: Path, counts: dict[str, int] | None, seconds: float, completed: bool) -> None:
    """Add one run: its counts (None when it stopped early), duration and end time."""
    with _locked(path):
        stats = read_stats(path)
        totals = stats.setdefault("articles", {})
        for outcome in OUTCOMES:
            totals[outcome] = int(totals.get(outcome, 0)) + int((counts or {}).get(outcome, 0))
        runs = stats.setdefault("runs", {})
        result = "completed" if completed else "interrupted"
        runs[result] = int(runs.get(result, 0)) + 1
        stats["last_run"] = {"finished_at": time.time(), "seconds": seconds, "result": result,
                             "read": int((counts or {}).get("read", 0))}
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(stats), encoding="utf-8")
        os.replace(temporary, path)


class LoadStatsCollector:
    """Prometheus metrics from the stats file, read at each scrape."""

    def __init__(self, path: Path):
        self.path = path

    def collect(self):
        stats = read_stats(self.path)
        articles = CounterMetricFamily(
            "news_index_loader_articles", "Articles through the loader, by outcome (all runs).",
            labels=["outcome"])
        for outcome in OUTCOMES:
            articles.add_metric([outcome], float(stats.get("articles", {}).get(outcome, 0)))
        yield articles
        runs = CounterMetricFamily("news_index_loader_runs", "Loader runs, by result.", labels=["result"])
        for result in ("completed", "interrupted"):
            runs.add_metric([result], float(stats.get("runs", {}).get(result, 0)))
        yield runs
        last = stats.get("last_run")
        if last:
            yield GaugeMetricFamily("news_index_loader_last_run_finished_timestamp_seconds",
                                    "When the last loader run ended (Unix time).", value=last["finished_at"])
            yield GaugeMetricFamily("news_index_loader_last_run_duration_seconds",
                                    "How long the last loader run took.", value=last["seconds"])
            rate = last["read"] / last["seconds"] if last["seconds"] else 0.0
            yield GaugeMetricFamily("news_index_loader_last_run_articles_per_second",
                                    "Articles read per second in the last loader run.", value=rate)
