"""From files to the index: read, prepare, reject or index, and count.

Every input ends in exactly one place: indexed, updated, unchanged, or the
rejects file with its reason. The articles stream through the backend's
writer, so memory stays flat however large the load.
"""
from __future__ import annotations

import fcntl
import gc
import json
import multiprocessing
import os
import stat
import sys
import time
from collections import Counter, OrderedDict, deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from service.backends.base import SearchBackend
from service.backends.write_results import WriteResult
from service.errors import IndexBusy, IndexWriteFailed
from service.iterables import batches

from .identity import keep_earlier_ids
from .jobs import (LOAD_GC_THRESHOLD, YEAR_FROM_FILE_TIME, _from_json, _worker_started, prepare_batch_as_json,
                   prepare_job)
from .readers import FileTime, Record, discover, read_file, reference_for

#: Records handed to a worker at a time: large enough to amortise the pickling.
PREPARE_CHUNK = 64
#: Where the most recent articles came from. A backend reports a failure while
#: it writes the batch holding that article (at most a few thousand back), so
#: the rejects file can name the input without remembering every article.
RECENT_SOURCES = 20_000
#: Articles whose earlier ids are looked up at once (one `get_many`; only articles with a web address ask).
EARLIER_IDS_CHUNK = 256
#: Without a terminal (a container's log, cron, CI) progress is a plain line
#: this often instead of a bar: a long load shows it is alive, and the log
#: holds no carriage returns.
PROGRESS_EVERY_SECONDS = 30


@dataclass
class LoadSummary:
    read: int = 0
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects_path: str | None = None
    #: Input fields left out because articles have no such field: name -> articles.
    ignored_fields: Counter = field(default_factory=Counter)
    #: Articles whose id an article of other content had earlier in this load
    #: (they replaced it), and the first such pair of sources (later, earlier).
    repeated: int = 0
    first_repeat: tuple[str, str] | None = None
    #: Dates without a year that took theirs from a file's modification time
    #: (no --reference-date given).
    year_from_file_time: int = 0

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "indexed": self.indexed, "updated": self.updated,
                "unchanged": self.unchanged, "rejected": self.rejected}

    def line(self) -> str:
        text = (f"read {self.read}, indexed {self.indexed}, updated {self.updated}, "
                f"unchanged {self.unchanged}, rejected {self.rejected}")
        if self.rejected and self.rejects_path:
            text += f" (reasons in {self.rejects_path})"
        return text + self.repeated_line() + self.ignored_line() + self.file_time_line()

    def file_time_line(self) -> str:
        """Once a load, never per article: a copy of the files (`git clone`, `cp`
        without `-p`) has other modification times, so loaded again these dates
        can fall in another year and wire copy without a URL get other ids."""
        if not self.year_from_file_time:
            return ""
        count = self.year_from_file_time
        return (f"\nwarning: {count:,} {'date' if count == 1 else 'dates'} without a year (such as 'March 3') "
                f"took {'its year' if count == 1 else 'their years'} from the files' modification times; "
                f"a copy of the files (git clone, cp without -p) can read them in another year and give "
                f"articles without a URL other ids: give --reference-date (the day the files were written)")

    def repeated_line(self) -> str:
        """Articles that replaced another of the same load: counted 'updated', or
        'unchanged' on a re-run, two inputs were one article in the index."""
        if not self.repeated:
            return ""
        later, earlier = self.first_repeat
        return (f"\n{self.repeated} {'article has' if self.repeated == 1 else 'articles have'} the id of a "
                f"different article earlier in this load and replaced it (first: {later} replaced {earlier}); "
                f"if they are different articles, give each its own id or URL")

    def ignored_line(self) -> str:
        """What was left out, so that a field mapped under another name is seen to be missing."""
        if not self.ignored_fields:
            return ""
        named = ", ".join(f"{name} ({count} {'article' if count == 1 else 'articles'})" for name, count in sorted(
            self.ignored_fields.items(), key=lambda item: (-item[1], item[0]))[:10])
        more = len(self.ignored_fields) - 10
        return (f"\nleft out, as articles have no such field: {named}"
                + (f" and {more} more" if more > 0 else ""))


class RejectsUnwritable(IndexWriteFailed):
    """The rejects file could not be written (a full disk): the load stops, as
    going on would index the rest while the reasons for refusing some were lost.
    Raised as an OSError it was a traceback, the run unrecorded."""


class RejectsBusy(IndexBusy):
    """Another run is writing the rejects file: this one stops before it reads anything (status 75)."""


class RejectsFile:
    """JSONL of `{source, reason, at}`; truncated at the start of each run.

    The run holds a lock on it until it closes it (the system lets go of a
    killed process's): a second load on the same data directory truncated the
    file of the load running, whose reasons were lost and whose next lines
    landed after a run of NUL bytes (its own offset), before it found the
    writer busy.
    """

    def __init__(self, path: Path | str, renamed: dict[str, str] | None = None):
        self.path = Path(path)
        #: Sources to show under another name, by prefix: standard input spooled to
        #: a temporary file is `<stdin>:3`, not a path deleted after the load.
        self.renamed = renamed or {}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A source can hold what UTF-8 cannot encode (a file name's undecodable
        # bytes, as surrogate escapes): written escaped, never failing the load.
        # Opened to append, and emptied only once the lock is this run's.
        self.handle = self.path.open("a", encoding="utf-8", errors="backslashreplace")
        if not stat.S_ISREG(os.fstat(self.handle.fileno()).st_mode):
            return  # a pipe or a terminal (`--rejects /dev/stderr`): nothing to empty or keep
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            raise RejectsBusy(f"Another run is writing the rejects file {str(self.path)!r}; run this one again "
                              "when it is done, or give it a file of its own with --rejects.") from None
        self.handle.truncate(0)

    def shown(self, source: str) -> str:
        """The name a source goes by in what the user reads (`<stdin>:3`)."""
        for prefix, name in self.renamed.items():
            if source.startswith(prefix):
                return name + source[len(prefix):]
        return source

    def write(self, source: str, reason: str) -> None:
        record = {"source": self.shown(source), "reason": reason,
                  "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        try:
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.handle.flush()
        except OSError as error:
            raise RejectsUnwritable(f"The rejects file {str(self.path or '<stderr>')!r} could not be written: "
                                    f"{error.strerror or error}") from None

    def close(self) -> None:
        try:
            self.handle.close()
        except OSError:  # what a full disk left unflushed: reported by the write that met it
            pass


class RejectsStream(RejectsFile):
    """The same lines on a stream, for `extract` without `--rejects`.

    `extract` indexes nothing, so it must not truncate the rejects file that
    explains the last load: its rejections go to standard error instead.
    """

    def __init__(self, stream: TextIO, renamed: dict[str, str] | None = None):
        self.path = None
        self.handle = stream
        self.renamed = renamed or {}

    def close(self) -> None:
        self.handle.flush()


@dataclass
class Prepared:
    """Prepared articles of a run, with the counts of what was read and rejected."""

    rejects: RejectsFile
    reference: datetime | None = None
    progress: bool = False
    #: Outlet for inputs that name none (plain wire copy carries no outlet).
    default_outlet: str | None = None
    #: Processes preparing articles (extraction is the load's CPU cost);
    #: 1 prepares in this process, as small loads should.
    workers: int = 1
    summary: LoadSummary = field(default_factory=LoadSummary)
    sources: OrderedDict[str, str] = field(default_factory=OrderedDict)
    #: The content hash of each article in `sources`: a repeated id with other content replaced one.
    _hashes: OrderedDict[str, str | None] = field(default_factory=OrderedDict)
    #: The backend's `get_many`, to keep the earlier ids articles are indexed under (None: ids as prepared).
    stored: Callable[[list[str]], dict[str, dict]] | None = None
    #: Folders never read for articles when a folder holding them is (`discover`).
    own_folders: tuple[Path, ...] = ()
    #: Where progress lines go when it is not a terminal (None: no lines).
    progress_lines: TextIO | None = None
    _next_line: float = 0.0
    _started: float = 0.0

    #: The bar on a terminal: articles read (a single archive file holds them all), which file.
    _bar: object | None = None

    def __post_init__(self) -> None:
        if self.progress and not _is_terminal(sys.stderr):
            self.progress_lines = sys.stderr
        self._started = time.monotonic()
        self._next_line = self._started + PROGRESS_EVERY_SECONDS

    def articles(self, paths: Iterable[str]) -> Iterator[dict]:
        files, missing = discover(paths, self.own_folders)
        if self.progress and self.progress_lines is None:
            from tqdm import tqdm

            self._bar = tqdm(desc="loading", unit=" articles", file=sys.stderr,  # a terminal: see __post_init__
                             bar_format="{desc}: {n_fmt} articles [{elapsed}, {rate_fmt}]")
        try:
            for record in missing:
                self._count(record.source, None, record.error)
            jobs = self._jobs(files)
            if self.workers > 1:
                # Not multiprocessing.Pool: its worker handler polls in a loop whenever a
                # result waits to be read, as one mostly does while this process writes
                # (4% of a load's CPU, measured with perf on 30k Reuters articles).
                pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_worker_started)  # no fork of a process holding an index
                try:
                    yield from self._collect(self._in_window(pool, jobs))
                finally:
                    pool.shutdown(wait=True, cancel_futures=True)
            else:
                yield from self._collect(map(prepare_job, jobs))
        finally:
            if self._bar is not None:
                self._bar.close()

    def _in_window(self, pool, jobs: Iterator[tuple]) -> Iterator[tuple]:
        """Results in input order, with at most a few batches in flight.

        `ProcessPoolExecutor.map` would read every input and queue every result as fast as
        the workers go, so memory would grow with the load whenever the
        writer is the slower side; a bounded window keeps it flat.
        """
        in_flight: deque = deque()
        for batch in batches(jobs, PREPARE_CHUNK):
            in_flight.append(pool.submit(prepare_batch_as_json, batch))
            if len(in_flight) > 2 * self.workers:
                yield from map(_from_json, in_flight.popleft().result())
        while in_flight:
            yield from map(_from_json, in_flight.popleft().result())

    def _jobs(self, files: list[Path]) -> Iterator[tuple]:
        for number, path in enumerate(files, start=1):
            if self._bar is not None and len(files) > 1:
                self._bar.set_description_str(f"loading file {number:,}/{len(files):,}", refresh=False)
            try:
                reference = reference_for(path, self.reference)
            except OSError as error:  # gone or unreadable since it was found
                yield Record(str(path), error=f"cannot read file: {error}"), None, self.default_outlet
                continue
            for record in read_file(path, reference):
                self.summary.ignored_fields.update(record.ignored)
                yield record, reference, self.default_outlet
            if isinstance(reference, FileTime):  # the readers counted the dates they read
                self.summary.year_from_file_time += reference.year_less

    def _collect(self, outcomes) -> Iterator[dict]:
        for chunk in batches(outcomes, EARLIER_IDS_CHUNK):
            if self.stored is not None:  # before the repeats and sources, which key on the id
                keep_earlier_ids([article for _, article, _ in chunk if article is not None], self.stored)
            for source, article, error in chunk:
                if article is not None and article.pop(YEAR_FROM_FILE_TIME, False):
                    self.summary.year_from_file_time += 1
                if self._count(source, article, error):
                    self._note_repeat(source, article)
                    self.sources[article["id"]] = source
                    self.sources.move_to_end(article["id"])
                    self._hashes[article["id"]] = article.get("content_hash")
                    self._hashes.move_to_end(article["id"])
                    if len(self.sources) > RECENT_SOURCES:
                        self.sources.popitem(last=False)
                        self._hashes.popitem(last=False)
                    yield article

    def _note_repeat(self, source: str, article: dict) -> None:
        """Counts an article that replaces a different one of this load (among the recent ones)."""
        earlier = self.sources.get(article["id"])
        if earlier is not None and self._hashes.get(article["id"]) != article.get("content_hash"):
            self.summary.repeated += 1
            self.summary.first_repeat = self.summary.first_repeat or (self.rejects.shown(source),
                                                                      self.rejects.shown(earlier))

    def not_indexed(self, article_id: str, reason: str) -> None:
        """A prepared article the backend could not index: to the rejects file."""
        self._reject(self.sources.get(article_id, article_id), reason)

    def _count(self, source: str, article: dict | None, error: str | None) -> bool:
        self.summary.read += 1
        if self._bar is not None:
            self._bar.update(1)
        if self.progress_lines is not None and time.monotonic() >= self._next_line:
            self._progress_line()
        if article is None:
            self._reject(source, error)
            return False
        return True

    def _progress_line(self) -> None:
        now = time.monotonic()
        self._next_line = now + PROGRESS_EVERY_SECONDS
        rate = self.summary.read / max(now - self._started, 1e-9)
        self.progress_lines.write(f"loading: {self.summary.read:,} read, {self.summary.rejected:,} rejected, "
                                  f"{rate:,.0f} articles/s\n")
        self.progress_lines.flush()

    def _reject(self, source: str, reason: str) -> None:
        self.summary.rejected += 1
        self.rejects.write(source, reason)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect less often while loading, and never scan what was imported.

    Everything alive when the load starts (modules, the backend) lives as
    long as the process: `gc.freeze` keeps it out of every collection. About
    5% of a load's CPU, measured on 20k Reuters articles.
    """
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*LOAD_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def load(backend: SearchBackend, paths: Iterable[str], rejects_path: Path | str,
         reference: datetime | None = None, progress: bool = False,
         default_outlet: str | None = None, workers: int = 1,
         renamed_sources: dict[str, str] | None = None, own_folders: tuple[Path, ...] = ()) -> LoadSummary:
    """`own_folders`: the index's own (NEWS_INDEX_DATA_DIR), never read for articles."""
    rejects = RejectsFile(rejects_path, renamed_sources)
    try:
        run = Prepared(rejects, reference, progress, default_outlet, workers, stored=backend.get_many,
                       own_folders=own_folders)
        run.summary.rejects_path = str(rejects_path)
        result = WriteResult(keep_ids=False, on_failure=run.not_indexed)
        with fewer_collections():
            backend.upsert(run.articles(paths), result)
        summary = run.summary
        summary.indexed += result.counts["indexed"]
        summary.updated += result.counts["updated"]
        summary.unchanged += result.counts["unchanged"]
        return summary
    finally:
        rejects.close()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
