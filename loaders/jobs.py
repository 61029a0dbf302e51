"""One record's preparation, in whichever process runs it.

A load's preparing processes are spawned: each imports what unpickling its
tasks names, that is this module and `loaders.records`, and what they import.
Kept apart from the indexer and the readers, a preparing process no longer
imports trafilatura, dateparser and the backends (0.4 s of CPU each, 3% of
its work on 30k Reuters articles).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import wait

import orjson

from service.errors import ArticleRejected

from .pipeline import prepare
from .records import FileTime, year_less

#: Allocations between young-generation collections while loading. A load makes
#: millions of short-lived objects; at Python's default (700) the collector
#: runs every few articles and promotes them to be scanned again and again.
LOAD_GC_THRESHOLD = (10_000, 50, 100)


def _worker_started() -> None:
    """A preparing process loads until the pool ends: the same settings, for good.

    Ctrl-C reaches every process of the terminal's group: the main process
    stops the load and ends the pool, so a worker ignores it rather than
    print a traceback of its own.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_the_load()
    gc.freeze()
    gc.set_threshold(*LOAD_GC_THRESHOLD)


def _end_with_the_load() -> None:
    """End this process when the load's process is gone.

    A load killed outright (SIGKILL, the OOM killer) cannot end its pool: its
    preparing processes waited for work for good, and every such load left
    more of them. A thread waits on the parent's sentinel (a pipe only the
    parent holds open, readable once it is gone), costing nothing meanwhile.
    """
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="end-with-the-load", daemon=True).start()


def prepare_job(job: tuple) -> tuple[str, dict | None, str | None]:
    """(source, prepared article or None, reason): one record, in any process."""
    record, reference, default_outlet = job
    if record.error:
        return record.source, None, record.error
    article = record.article
    if default_outlet and not article.get("outlet"):
        article = {**article, "outlet": default_outlet}
    try:
        prepared = prepare(article, reference)
    except ArticleRejected as error:
        return record.source, None, error.message
    except RecursionError:
        return record.source, None, "the article is nested too deeply to process"
    except Exception as error:  # noqa: BLE001 - one bad record must never stop a load
        # An input nobody foresaw makes some step fail: that record is rejected
        # with the error, and the load goes on with the next one.
        return record.source, None, f"could not be prepared: {type(error).__name__}: {error}"
    if isinstance(reference, FileTime) and _year_from_body_dateline(article, prepared):
        prepared[YEAR_FROM_FILE_TIME] = True  # taken off by the indexer, which counts it
    return record.source, prepared, None


#: Marks a prepared article whose in-body dateline ("ROTTERDAM, March 3
#: (Reuters) -") gave a date without a year, resolved against the file's time:
#: the dateline is read here, in the preparing process, which counts nothing.
YEAR_FROM_FILE_TIME = "_year_from_file_time"


def _year_from_body_dateline(given: dict, prepared: dict) -> bool:
    """Whether the date came from the body's dateline (none was given) and that names no year."""
    if (given.get("dateline") or {}).get("published_at"):
        return False
    dateline = prepared.get("dateline") or {}
    return bool(dateline.get("published_at") and dateline.get("raw") and year_less(dateline["raw"]))


def prepare_job_as_json(job: tuple) -> tuple[str, bytes | dict | None, str | None]:
    """`prepare_job` in a worker process, the article sent back as JSON.

    A prepared article is plain JSON data, and the writing process (the
    load's busiest) decodes it as JSON about four times faster than it
    unpickles it. Anything JSON cannot carry goes back as it is.
    """
    source, article, error = prepare_job(job)
    if article is not None:
        try:
            return source, orjson.dumps(article), error
        except TypeError:
            pass
    return source, article, error


def prepare_batch_as_json(jobs: list[tuple]) -> list[tuple[str, bytes | dict | None, str | None]]:
    """`prepare_job_as_json` for each of a batch: one task, one hand-over each way."""
    return [prepare_job_as_json(job) for job in jobs]


def _from_json(outcome: tuple) -> tuple[str, dict | None, str | None]:
    source, article, error = outcome
    return source, orjson.loads(article) if isinstance(article, bytes) else article, error
