"""A loader killed outright (SIGKILL, the OOM killer) runs no clean-up of its
own: what it leaves must not pile up from one killed run to the next."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

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
