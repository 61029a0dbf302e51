"""The embedded index's write path: commits in the background, documents added
in order, and the memory a long load frees handed back to the system."""
from __future__ import annotations

import gc
import itertools
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Iterator

import tantivy

from ..errors import IndexBusy, IndexWriteFailed
from ..statements import StatementAssigner
from .quote_documents import article_and_quote_documents
from .tantivy_documents import article_document, quote_document
from .tantivy_facets import FacetDictionary
from .write_results import WriteResult


class MemoryTrim:
    """Hands the memory tantivy has freed back to the system, at most once a `period_s`.

    Commits free the segments they built in memory and merges the segments
    they read, but glibc keeps freed blocks in its per-thread arenas: without
    this, a long load's resident memory creeps up by every segment and merge
    it has seen. Where there is no glibc (`malloc_trim`), there is nothing to do.
    """

    def __init__(self, period_s: float = 1.0):
        self.period_s = period_s
        self._last = time.monotonic()

    def __call__(self) -> None:
        now = time.monotonic()
        if _LIBC is not None and now - self._last >= self.period_s:
            self._last = now
            _LIBC.malloc_trim(0)


def _load_libc():
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _load_libc()


#: Young-generation collection threshold while a write runs (CPython's default is 700).
WRITE_GC_THRESHOLD = 10_000
_gc_lock = threading.Lock()
_gc_writes = 0
_gc_before: tuple[int, ...] = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often while writing; the thresholds before come back after.

    A write makes millions of short-lived containers (decoded articles,
    keyword lists, quote records). At the default threshold the collector
    ran every few articles and scanned the write's caches (known wordings,
    pending band keys, key and code caches) over and over: 0.6 s of CPU
    (6% of the writing thread's) over 30k prepared Reuters articles, 0.1 s
    with this (589 collections against 14). Safe: nothing is left
    uncollected, a cycle is only collected a little later, and the young
    generation it waits in stays below 10,000 objects. Writes in several
    threads overlap: the last to end restores. A threshold of 0 (automatic
    collection off) is left alone.
    """
    global _gc_writes, _gc_before
    with _gc_lock:
        if _gc_writes == 0:
            _gc_before = gc.get_threshold()
            if _gc_before[0]:
                gc.set_threshold(max(WRITE_GC_THRESHOLD, _gc_before[0]), *_gc_before[1:])
        _gc_writes += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_writes -= 1
            if _gc_writes == 0:
                gc.set_threshold(*_gc_before)


def chunks(items: Iterator[dict], size: int) -> Iterator[list[dict]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def add_documents(writer: tantivy.IndexWriter, waiting: list[tuple[str | None, list[tantivy.Document]]]) -> None:
    """Add each article's documents, replacing those of the id given; empties `waiting`.

    A new article is given no id: a delete costs tantivy a lookup in every
    segment at the commit, and there is nothing to delete.
    """
    try:
        for replaced_id, documents in waiting:
            if replaced_id is not None:
                writer.delete_documents_by_term("id", replaced_id)
                writer.delete_documents_by_term("article_id", replaced_id)
            for document in documents:
                writer.add_document(document)
    except ValueError as error:  # its indexing threads met a full disk before the commit did
        raise write_error(error) from None
    waiting.clear()


#: How tantivy's errors begin when the file system refused a write (its `IoError`).
TANTIVY_IO_ERROR = "An IO error occurred"


#: What adding a document raises once the writer's indexing threads stopped on such an error.
TANTIVY_WRITER_KILLED = "An index writer was killed"


def write_error(error: ValueError) -> Exception:
    """A tantivy error as the writer should hear it: an I/O failure named as one."""
    text = str(error)
    if text.startswith(TANTIVY_IO_ERROR):
        reason = text[len(TANTIVY_IO_ERROR):].lstrip(": ").strip("'")
        return IndexWriteFailed(f"The index could not be written: {reason}")
    if TANTIVY_WRITER_KILLED in text:
        return IndexWriteFailed("The index could not be written: its writer stopped on an I/O error "
                                "(a full disk, most likely)")
    return error


class BackgroundCommits:
    """Commits in a thread, so the next batch's documents are built meanwhile.

    tantivy releases the GIL while it commits; the writer itself is only
    touched by the writing thread between `wait()` and `start()`. Leaving the
    block waits for the last commit; an error in a commit is raised there or
    at the next `wait()`.
    """

    def __init__(self, writer: tantivy.IndexWriter):
        self.writer = writer
        self.in_flight: dict[str, str | None] = {}
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def running(self) -> bool:
        """A commit is under way (one that has finished is collected here)."""
        if self._thread is not None and not self._thread.is_alive():
            self.wait()
        return self._thread is not None

    def start(self, hashes: dict[str, str | None]) -> None:
        self.in_flight = hashes
        self._thread = threading.Thread(target=self._commit, name="tantivy-commit", daemon=True)
        self._thread.start()

    def _commit(self) -> None:
        try:
            self.writer.commit()
        except ValueError as error:
            self._error = write_error(error)
        except BaseException as error:  # noqa: BLE001 - handed to the writing thread
            self._error = error

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __enter__(self) -> "BackgroundCommits":
        return self

    def __exit__(self, *exc) -> None:
        self.wait()


def waited_writer(index: tantivy.Index, heap_bytes: int, wait_seconds: float) -> tantivy.IndexWriter:
    """The index's single writer, waited for at most `wait_seconds`: another process
    (a load) may hold it, and a client's write is refused (IndexBusy), not left hanging."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return index.writer(heap_size=heap_bytes, num_threads=1)
        except ValueError as error:
            if "LockBusy" not in str(error) or time.monotonic() >= deadline:
                if "LockBusy" in str(error):
                    raise IndexBusy(
                        "Another process is writing to the index; try again shortly.",
                        retry_after=max(1, int(wait_seconds)),
                    ) from None
                raise
            time.sleep(0.05)


@dataclass
class Write:
    """What one write carries from commit to commit."""
    statements: StatementAssigner
    result: WriteResult
    facets: FacetDictionary
    trim: MemoryTrim = field(default_factory=MemoryTrim)


def build_documents(article: dict, existing: dict, hashes: dict, waiting: list, write: Write, values: set[str]) -> None:
    """One article's documents onto `waiting`, unless the index holds it unchanged;
    its coded facet values onto `values`."""
    article_id = article["id"]
    result = write.result
    if existing.get(article_id) == article.get("content_hash"):
        result.add("unchanged", article_id)
        return
    try:
        document, quotes = article_and_quote_documents(
            article, write.statements, partial(article_document, values=values),
            partial(quote_document, values=values))
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        result.fail(article_id, f"cannot index: {error}")
        return
    # Only an article the index (or this write) already holds has documents to replace.
    waiting.append((article_id if article_id in existing else None, [document, *quotes]))
    result.add("updated" if article_id in existing else "indexed", article_id)
    existing[article_id] = hashes[article_id] = article.get("content_hash")
