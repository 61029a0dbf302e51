"""A loader killed outright (SIGKILL, the OOM killer) runs no clean-up of its
own: what it committed must be whole, and what it leaves must not pile up
from one killed run to the next."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.faults.articles import write_articles
from tests.servers import summary, wait_until

#: A load whose writing side stops for good once the first prepared article
#: reaches it, after touching the file argv[1]: the test kills it there.
STALLED_LOAD = """
import sys, time
import loaders.indexer as indexer
collect = indexer.Prepared._collect
def stalled(self, outcomes):
    for article in collect(self, outcomes):
        open(sys.argv[1], "w").close()
        time.sleep(600)
        yield article
indexer.Prepared._collect = stalled
from loaders.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _spooled(tmp: str) -> list[str]:
    return sorted(name for name in os.listdir(tmp) if name.startswith("news-index-stdin-"))


def test_the_copy_of_standard_input_a_killed_load_left_is_removed_by_the_next(tmp_path):
    """`zcat archive.jsonl.gz | python -m loaders load -` copies standard input to a
    temporary file first; a killed load left that copy (the whole archive) in the
    temporary directory for good, one more with every killed run."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    source = tmp_path / "articles.jsonl"
    write_articles(source, range(20), "spooled")
    env = {**os.environ, "TMPDIR": str(tmp), "NEWS_INDEX_DATA_DIR": str(tmp_path / "data")}
    marker = tmp_path / "writing"
    with source.open("rb") as stdin:
        killed = subprocess.Popen([sys.executable, "-c", STALLED_LOAD, str(marker), "load", "-", "--no-progress"],
                                  cwd=ROOT, env=env, stdin=stdin, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: marker.exists() or killed.poll() is not None, 60, 0.02, "the first article")
        assert killed.poll() is None and len(_spooled(str(tmp))) == 1
    finally:
        killed.kill()
        killed.wait(timeout=30)
    rerun = subprocess.run([sys.executable, "-m", "loaders", "load", "-", "--no-progress"], cwd=ROOT, env=env,
                           input=source.read_text(), capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stderr)["indexed"] == 20
    assert _spooled(str(tmp)) == []  # its own copy, and the one the killed run left


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting for a parent to reap it."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_load_leaves_no_preparing_process_behind(tmp_path):
    """SIGKILL (the OOM killer, `docker kill`) of a load preparing in worker processes
    left them (and multiprocessing's resource tracker) running for good, each
    waiting for work from a parent that was gone: every killed load added more."""
    source = tmp_path / "articles.jsonl"
    write_articles(source, range(300), "orphaned")
    marker = tmp_path / "writing"
    killed = subprocess.Popen([sys.executable, "-c", STALLED_LOAD, str(marker), "load", str(source),
                               "--no-progress", "--workers", "2"], cwd=ROOT,
                              env={**os.environ, "NEWS_INDEX_DATA_DIR": str(tmp_path / "data")},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = []
    try:
        wait_until(lambda: marker.exists() or killed.poll() is not None, 60, 0.02, "the first prepared article")
        assert killed.poll() is None
        children = _children(killed.pid)
        assert len(children) >= 2  # the two preparing processes (and the resource tracker)
        killed.kill()
        killed.wait(timeout=30)
        wait_until(lambda: not any(map(_running, children)), 30, 0.05, "the preparing processes to end")
    finally:
        if killed.poll() is None:
            killed.kill()
            killed.wait()
        for child in children:
            if _running(child):
                os.kill(child, signal.SIGKILL)


#: The loader committing every 8 articles, killed (SIGKILL) once its argv[1]-th commit has landed.
KILLED_AFTER_A_COMMIT = """
import os, signal, sys
import service.backends.embedded as embedded
import service.backends.tantivy_writes as writes
embedded.COMMIT_EVERY = 8
commits, kill_after = [0], int(sys.argv[1])
commit = writes.BackgroundCommits._commit
def _commit(self):
    commit(self)
    commits[0] += 1
    if commits[0] == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
writes.BackgroundCommits._commit = _commit
from loaders.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _articles_and_quotes(data_dir) -> tuple[dict[str, dict], dict[str, str]]:
    """Every article the index holds, and every quote document's statement by quote id."""
    from service.backends.base import QuoteSearchRequest, SearchRequest
    from service.backends.embedded import EmbeddedBackend
    from service.query import parse

    backend = EmbeddedBackend(data_dir)
    articles = {hit.id: hit for hit in backend.export(SearchRequest(parse(""), sort="oldest"))}
    quotes = {hit.id: hit.article["statement_id"]
              for hit in backend.export_quotes(QuoteSearchRequest(parse(""), sort="oldest"))}
    assert backend.search(SearchRequest(parse(""), facets=("speaker", "source"))).total == len(articles)
    stored = backend.get_many(list(articles))
    expected = {f"{i}#q{n}" for i in stored for n in range(len(stored[i].get("quotes") or []))}
    assert set(quotes) == expected  # each article with all its quotes, and no quote of an article not there
    return stored, quotes


@pytest.mark.parametrize("kill_after", [1, 3])
def test_a_load_killed_after_a_commit_leaves_articles_whole_and_a_rerun_gives_what_one_run_does(tmp_path,
                                                                                                 kill_after):
    """Articles, their quotes (statement ids included) and the facet dictionary are one
    commit: a kill between commits leaves none of them half there, and the re-run
    ends where an uninterrupted load does, with nothing duplicated."""
    from loaders.cli import main
    from service.config import Config

    args = ["load", str(ROOT / "samples"), "--no-progress", "--reference-date", "2025-06-01"]
    assert main(args, Config(data_dir=tmp_path / "whole")) == 0
    whole, whole_quotes = _articles_and_quotes(tmp_path / "whole")
    data_dir = tmp_path / "killed"
    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_A_COMMIT, str(kill_after), *args], cwd=ROOT,
                            env={**os.environ, "NEWS_INDEX_DATA_DIR": str(data_dir)},
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    kept, _ = _articles_and_quotes(data_dir)
    assert 0 < len(kept) < len(whole)
    assert main(args, Config(data_dir=data_dir)) == 0
    again, again_quotes = _articles_and_quotes(data_dir)
    strip = lambda articles: {i: {k: v for k, v in a.items() if k != "ingested_at"} for i, a in articles.items()}
    assert strip(again) == strip(whole) and again_quotes == whole_quotes
