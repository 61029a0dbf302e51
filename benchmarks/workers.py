"""Loads and index builds, each run in a fresh Python process so that its peak RSS
(ru_maxrss) and anonymous memory are its own and no cache is shared between them.

`run_worker` starts `benchmarks/run.py _worker KIND PARAMS`; run.py's `main` looks
KIND up in WORKERS and prints the result as JSON. The child thus starts exactly as
the benchmark script does (same sys.path set-up, same imports). A new worker
function needs an entry in WORKERS to be reachable by name.

`prepare_remainder` is the one untimed job: it prepares the articles beyond the
loader's share on every core (a forked pool running `_prepare_line`).
"""
from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import resource
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from benchmarks import corpus as corpora
from benchmarks.common import ROOT, read_lines
from benchmarks.engines import FTS_INDEXES, FTS_SCHEMA, fts_rows, open_raw_index, raw_document

if TYPE_CHECKING:
    from benchmarks.run import Settings

#: The day extraction reads datelines against (a date without a year), the same in every run.
REFERENCE_DATE = datetime(2025, 6, 1)
#: The script a worker process runs (its `main` dispatches `_worker KIND PARAMS`).
WORKER_SCRIPT = Path(__file__).resolve().with_name("run.py")


def dir_bytes(path: Path) -> int:
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


class AnonPeak:
    """Peak anonymous memory (RssAnon) of this process, sampled in a thread.

    ru_maxrss also counts file-backed pages: the index's segments, mmapped
    for lookups and merges, which grow with the index and which the kernel
    can drop at will. RssAnon is what the process itself holds.

    The samples are kept (seconds, kB) so that the peaks of the run's first
    and second halves can be compared: memory that grows with what was
    loaded shows as a higher second half, whereas the step of a first commit
    and its writer heap shows in both.
    """

    def __init__(self, every_s: float = 0.05):
        import threading

        self.every_s = every_s
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        started = time.perf_counter()
        while not self._stop.is_set():
            self._record(time.perf_counter() - started)
            self._stop.wait(self.every_s)
        self._record(time.perf_counter() - started)

    def _record(self, seconds: float) -> None:
        self.samples.append((seconds, _status_kb("RssAnon")))

    def __enter__(self) -> "AnonPeak":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return max((kb for _, kb in self.samples), default=0) / 1024.0

    def halves_mb(self) -> tuple[float, float]:
        """Peak MB of the first and of the second half of the run, by time."""
        if not self.samples:
            return 0.0, 0.0
        middle = self.samples[-1][0] / 2
        first = max((kb for seconds, kb in self.samples if seconds <= middle), default=0)
        second = max((kb for seconds, kb in self.samples if seconds > middle), default=first)
        return first / 1024.0, second / 1024.0


class ThreadCpu:
    """CPU seconds of each thread of this process by name, sampled in a thread, and of
    the processes it waited for (a load's preparing processes: RUSAGE_CHILDREN).

    Where a load's CPU goes, measured on every run: the writing process's Python
    thread, tantivy's indexing thread, and the preparing processes. A thread
    that ended between samples loses what it used since the last one (tantivy's
    merge threads are short-lived; the indexing thread lives as long as the writer).
    """

    def __init__(self, every_s: float = 0.2):
        import threading

        self.every_s = every_s
        self.seconds: dict[tuple[str, str], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._children_before = 0.0

    def _sample(self) -> None:
        while not self._stop.is_set():
            self._record()
            self._stop.wait(self.every_s)
        self._record()

    def _record(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        for stat in Path("/proc/self/task").glob("*/stat"):
            try:
                raw = stat.read_text()
            except OSError:  # the thread ended
                continue
            name = raw[raw.index("(") + 1:raw.rindex(")")]
            fields = raw[raw.rindex(")") + 2:].split()
            if stat.parent.name != str(threading_id()):  # not the sampling thread itself
                self.seconds[(stat.parent.name, name)] = (int(fields[11]) + int(fields[12])) / tick

    def __enter__(self) -> "ThreadCpu":
        import resource

        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        self._children_before = usage.ru_utime + usage.ru_stime
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        import resource

        self._stop.set()
        self._thread.join()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.children = usage.ru_utime + usage.ru_stime - self._children_before

    def by_role(self) -> dict[str, float]:
        """Seconds of the main Python thread, tantivy's threads, other threads, and child processes."""
        main = str(os.getpid())
        roles = {"python_main": 0.0, "tantivy": 0.0, "other_threads": 0.0, "preparing_processes": self.children}
        for (tid, name), seconds in self.seconds.items():
            role = "python_main" if tid == main else "tantivy" if name.startswith(
                ("thrd-tantivy", "docstore", "merge_thread", "segment_updater")) else "other_threads"
            roles[role] += seconds
        return roles


def threading_id() -> int:
    import threading

    return threading.get_native_id()


def _status_kb(field_name: str) -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_worker(kind: str, **params) -> dict:
    """Run one measurement in a fresh Python process (own RSS, no shared caches)."""
    command = [sys.executable, str(WORKER_SCRIPT), "_worker", kind, json.dumps(params)]
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if process.returncode != 0:
        raise RuntimeError(f"worker {kind} failed ({process.returncode}):\n{process.stderr[-4000:]}")
    return json.loads(process.stdout.strip().splitlines()[-1])


# ======================================================================================
# workers: each load runs in its own process (peak RSS = ru_maxrss of that process)

def worker_load(corpus_path: str, data_dir: str, dump: str | None = None) -> dict:
    """Time `loaders.indexer.load` (readers + extraction + indexing) on a JSONL(.gz) file."""
    from loaders.indexer import load
    from service.backends.embedded import EmbeddedBackend

    backend = EmbeddedBackend(data_dir)
    started = time.perf_counter()
    # As the CLI runs a large load: one process per core prepares, this one writes.
    with AnonPeak() as anon, ThreadCpu() as cpu:
        summary = load(backend, [corpus_path], Path(data_dir) / "rejects.jsonl", reference=REFERENCE_DATE,
                       workers=os.cpu_count() or 1)
    seconds = time.perf_counter() - started
    rss = maxrss_mb()
    result = {"seconds": seconds, "read": summary.read, "indexed": summary.indexed,
              "updated": summary.updated, "unchanged": summary.unchanged, "rejected": summary.rejected,
              "rate": summary.read / seconds, "peak_rss_mb": rss, "peak_anon_mb": anon.mb,
              "peak_anon_halves_mb": anon.halves_mb(), "index_bytes": dir_bytes(backend.path),
              "cpu_ms_per_article": {role: seconds * 1000 / max(1, summary.read)
                                     for role, seconds in cpu.by_role().items()}}
    if dump:  # the prepared articles as the loader stored them: "prepare once" for the next runs
        import orjson

        from service.backends.tantivy_upgrade import stored_articles

        started = time.perf_counter()
        dumped = 0
        with open(dump, "wb") as handle:
            for article in stored_articles(backend.path):
                if "headline" in article and "content_hash" in article:
                    handle.write(orjson.dumps(article) + b"\n")
                    dumped += 1
        result["dumped"] = dumped
        result["dump_seconds"] = time.perf_counter() - started
    backend.close()
    return result


def worker_upsert(prepared: str, data_dir: str) -> dict:
    """Time only `backend.upsert` over already-prepared articles (JSON decoding included)."""
    from service.backends.embedded import EmbeddedBackend
    from service.backends.write_results import WriteResult

    backend = EmbeddedBackend(data_dir)
    started = time.perf_counter()
    with AnonPeak() as anon:
        result = backend.upsert((json.loads(line) for line in read_lines(Path(prepared))),
                                WriteResult(keep_ids=False))
    seconds = time.perf_counter() - started
    count = sum(result.counts.values())
    return {"seconds": seconds, "articles": count, "failed": result.counts["failed"], "rate": count / seconds,
            "peak_rss_mb": maxrss_mb(), "peak_anon_mb": anon.mb, "index_bytes": dir_bytes(backend.path)}


def worker_raw_index(prepared: str, path: str) -> dict:
    """Raw tantivy's own indexing rate of the same articles: minimal schema, same analyzers,
    same writer heap and thread count as the embedded backend, one commit at the end."""
    index = open_raw_index(Path(path))
    writer = index.writer(heap_size=64_000_000, num_threads=1)
    started = time.perf_counter()
    count = 0
    for line in read_lines(Path(prepared)):
        writer.add_document(raw_document(json.loads(line)))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": count, "rate": count / seconds, "peak_rss_mb": maxrss_mb(),
            "index_bytes": dir_bytes(Path(path))}


def worker_fts_index(prepared: str, path: str) -> dict:
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + FTS_SCHEMA)
    started = time.perf_counter()
    count = 0
    docs, metas, facets = [], [], []

    def flush():
        db.executemany("INSERT INTO docs(rowid, headline, body, quote) VALUES (?, ?, ?, ?)", docs)
        db.executemany("INSERT INTO meta VALUES (?, ?, ?, ?)", metas)
        db.executemany("INSERT INTO facet VALUES (?, ?, ?)", facets)
        docs.clear(), metas.clear(), facets.clear()

    with db:
        for line in read_lines(Path(prepared)):
            count += 1
            doc, meta, facet = fts_rows(json.loads(line), count)
            docs.append(doc), metas.append(meta), facets.extend(facet)
            if len(docs) >= 2000:
                flush()
        flush()
        db.executescript(FTS_INDEXES)
    db.execute("INSERT INTO docs(docs) VALUES('optimize')")
    db.commit()
    seconds = time.perf_counter() - started
    db.close()
    return {"seconds": seconds, "articles": count, "rate": count / seconds, "peak_rss_mb": maxrss_mb(),
            "index_bytes": dir_bytes(Path(path))}


def _prepare_line(line: str) -> str | None:
    from loaders.pipeline import prepare
    from loaders.readers.jsonfile import from_mapping
    from service.errors import ArticleRejected

    try:
        return json.dumps(prepare(from_mapping(json.loads(line), REFERENCE_DATE), REFERENCE_DATE),
                          ensure_ascii=False)
    except (ArticleRejected, ValueError):
        return None


def prepare_remainder(settings: Settings, start: int, out: Path) -> dict:
    """Prepare articles [start, size) with every core (not a timed figure)."""
    started = time.perf_counter()
    count = 0
    source = itertools.islice(corpora.articles(settings.corpus, settings.size, settings.seed), start, None)
    lines = (json.dumps(a, ensure_ascii=False) for a in source)
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 2) as pool, out.open("a") as handle:
        for prepared in pool.imap(_prepare_line, lines, chunksize=64):
            if prepared is not None:
                handle.write(prepared + "\n")
                count += 1
    return {"articles": count, "seconds": time.perf_counter() - started}

WORKERS: dict[str, Callable[..., dict]] = {
    "load": worker_load, "upsert": worker_upsert, "raw_index": worker_raw_index,
    "fts_index": worker_fts_index,
}
