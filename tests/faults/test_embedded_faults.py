"""Faults around the embedded index: a loader writing while gunicorn workers
search, an API write while a loader holds the single writer, a loader killed
mid-load."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from service.app import create_app
from service.backends.embedded import EmbeddedBackend
from service.config import Config

from tests.faults.articles import api_article, write_articles
from tests.servers import ROOT, call, gunicorn, loader, run_loader, summary, wait_until

TOTAL = 400


class Searcher(threading.Thread):
    """Searches in a loop on fresh connections (so both workers answer), recording each answer."""

    def __init__(self, base: str, queries: list[str]):
        super().__init__(daemon=True)
        self.base, self.queries = base, queries
        self.results: list[tuple[str, int, object]] = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            for query in self.queries:
                try:
                    status, _, body = call(f"{self.base}/search?q={query}&size=20")
                except OSError as error:  # a refused or dropped connection is an error too
                    status, body = 0, repr(error)
                self.results.append((query, status, body))
                self.stop.wait(0.02)  # pace: the loader needs the CPU too


def _meta_time(data_dir) -> float:
    try:
        return os.stat(next(data_dir.glob("tantivy-v*")) / "meta.json").st_mtime
    except (StopIteration, FileNotFoundError):
        return 0.0


def _load_and_time_visibility(base: str, data_dir, source, query: str, env: dict) -> tuple[dict, float]:
    """Run a loader; as soon as its commit lands (meta.json changes), time how
    long until a run of 12 fresh connections, spread over both workers, all
    see the TOTAL articles. Returns the loader's summary and those seconds."""
    before = _meta_time(data_dir)
    running = loader(["load", str(source), "--no-progress"], env)
    try:
        wait_until(lambda: _meta_time(data_dir) != before or running.poll() is not None, 60, 0.005,
                   "the loader's commit")
        committed = _meta_time(data_dir)
        deadline = time.monotonic() + 20
        while True:
            started = time.time()
            if all(call(f"{base}/search?q={query}&size=1")[2]["total"] == TOTAL for _ in range(12)):
                break
            assert time.monotonic() < deadline, f"{query!r} never showed {TOTAL} hits on every worker"
            time.sleep(0.01)
    finally:
        _, stderr = running.communicate(timeout=120)
    assert running.returncode == 0, stderr
    return summary(stderr), started - committed


def test_loader_writing_while_gunicorn_workers_search(tmp_path):
    """No failed search and no torn result while a loader adds, then replaces,
    articles; each commit is visible on every worker within a second."""
    data_dir = tmp_path / "data"
    env = {"NEWS_INDEX_DATA_DIR": str(data_dir)}
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    ids = write_articles(first, range(TOTAL), "zorblat aurelian")
    write_articles(second, range(TOTAL), "zorblat borealic", version="second")
    with gunicorn(env) as (base, _):
        searchers = [Searcher(base, ["zorblat", "aurelian%20OR%20borealic", "borealic"]) for _ in range(2)]
        for searcher in searchers:
            searcher.start()
        try:
            added, seconds = _load_and_time_visibility(base, data_dir, first, "zorblat", env)
            assert added["indexed"] == TOTAL and seconds <= 1.0, (added, seconds)
            replaced, seconds = _load_and_time_visibility(base, data_dir, second, "borealic", env)
            assert replaced["updated"] == TOTAL and seconds <= 1.0, (replaced, seconds)
        finally:
            for searcher in searchers:
                searcher.stop.set()
            for searcher in searchers:
                searcher.join(timeout=30)

    results = [result for searcher in searchers for result in searcher.results]
    assert len(results) > 30
    failed = [(query, status, body) for query, status, body in results if status != 200]
    assert not failed, failed[:3]
    for query, _, body in results:
        # One commit adds or replaces all TOTAL articles at once: a search sees all or none,
        # never a part, and never an old and a new copy of one article.
        assert body["total"] in (0, TOTAL), (query, body["total"])
        hit_ids = [hit["id"] for hit in body["hits"]]
        assert len(hit_ids) == len(set(hit_ids)) and set(hit_ids) <= set(ids)
        assert all(hit["headline"] and hit["outlet"] == "Fault Gazette" for hit in body["hits"])
    zorblat = [body["total"] for query, _, body in results if query == "zorblat"]
    assert TOTAL in zorblat


def test_api_write_while_the_loader_holds_the_writer_is_503_then_accepted(tmp_path):
    data_dir = tmp_path / "data"
    source = tmp_path / "many.jsonl"
    write_articles(source, range(2500), "plentiful")
    client = create_app(Config(data_dir=data_dir, api_key="k", write_wait_seconds=0.2)).test_client()
    auth = {"Authorization": "Bearer k"}
    running = loader(["load", str(source), "--no-progress"], {"NEWS_INDEX_DATA_DIR": str(data_dir)})
    try:
        probe = 10_000
        while True:  # until the loader has taken the writer: then a write gets 503
            assert running.poll() is None, "the loader finished before a write found it busy"
            response = client.post("/articles", json=api_article(probe, "probe"), headers=auth)
            if response.status_code == 503:
                break
            assert response.status_code == 201, response.get_data(as_text=True)
            probe += 1
        body = response.get_json()
        assert body["code"] == "index_busy" and "try again" in body["message"]
        retry_after = int(response.headers["Retry-After"])
        assert retry_after >= 1

        deadline = time.monotonic() + 60
        while True:  # a client that honours Retry-After gets its write in
            time.sleep(min(retry_after, 0.2))
            response = client.post("/articles", json=api_article(probe, "probe"), headers=auth)
            if response.status_code != 503:
                break
            assert time.monotonic() < deadline, "the write was never accepted"
        assert response.status_code == 201, response.get_data(as_text=True)
        assert response.get_json()["status"] == "indexed"
    finally:
        _, stderr = running.communicate(timeout=120)
    assert running.returncode == 0, stderr
    assert client.get("/articles/" + api_article(probe, "probe")["id"]).status_code == 200
    assert client.get("/search?q=plentiful&size=1").get_json()["total"] == 2500


#: The loader, committing every 400 articles instead of 5,000 so that a kill
#: lands between commits of a few thousand articles.
_SMALL_COMMITS = ("import sys, service.backends.embedded as embedded; embedded.COMMIT_EVERY = 400; "
                  "from loaders.cli import main; sys.exit(main(sys.argv[1:]))")


def test_loader_killed_mid_load_leaves_an_index_that_opens_and_a_rerun_completes(tmp_path):
    total = 2000
    data_dir = tmp_path / "data"
    source = tmp_path / "articles.jsonl"
    expected = write_articles(source, range(total), "interruptus")
    env = {**os.environ, "NEWS_INDEX_DATA_DIR": str(data_dir)}
    reader = EmbeddedBackend(data_dir)
    killed = subprocess.Popen([sys.executable, "-c", _SMALL_COMMITS, "load", str(source), "--no-progress"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        def committed_twice():
            assert killed.poll() is None, "the load finished before it could be killed"
            return reader.count() >= 800

        wait_until(committed_twice, 60, 0.005, "two commits")
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.wait(timeout=30)
        killed.stderr.close()
    assert killed.returncode == -signal.SIGKILL

    reopened = EmbeddedBackend(data_dir)  # a fresh open, as after a crash
    kept = reopened.count()
    assert 800 <= kept < total and kept % 400 == 0
    rerun = run_loader(["load", str(source), "--no-progress"], {"NEWS_INDEX_DATA_DIR": str(data_dir)})
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stderr) == {"read": total, "indexed": total - kept, "updated": 0,
                                     "unchanged": kept, "rejected": 0}
    final = EmbeddedBackend(data_dir)
    assert final.count() == total  # every article once: no duplicates
    assert set(final.get_many(expected)) == set(expected)
