"""Directories of killed servers are removed by the next; a running server's are kept."""
from __future__ import annotations

import signal
import subprocess
import sys

from service.runtime_dirs import LOCK_NAME, held_directory, remove_abandoned
from tests.conftest import ROOT

PREFIX = "news-index-test-"


def _holder(parent) -> tuple[subprocess.Popen, str]:
    """A process holding a directory, as a server does: (process, directory)."""
    code = ("import sys, time; from service.runtime_dirs import held_directory; "
            f"print(held_directory({PREFIX!r}, {str(parent)!r})[0], flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    return process, process.stdout.readline().strip()


def test_only_directories_nobody_holds_are_removed(tmp_path):
    killed, abandoned = _holder(tmp_path)
    killed.send_signal(signal.SIGKILL)  # no exit hook runs
    killed.wait()
    running, alive = _holder(tmp_path)
    lockless = tmp_path / f"{PREFIX}from-an-earlier-release"
    lockless.mkdir()
    other = tmp_path / "someone-else-abandoned"
    other.mkdir()
    (other / LOCK_NAME).touch()
    try:
        assert remove_abandoned(PREFIX, str(tmp_path)) == [abandoned]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [alive.rsplit("/", 1)[1], lockless.name, other.name])
    finally:
        running.kill()
        running.wait()
    assert remove_abandoned(PREFIX, str(tmp_path)) == [alive]  # its server is gone now


def test_this_process_holds_what_it_made(tmp_path):
    path, descriptor = held_directory(PREFIX, str(tmp_path))
    try:
        assert remove_abandoned(PREFIX, str(tmp_path)) == []
        assert (tmp_path / path.rsplit("/", 1)[1] / LOCK_NAME).exists()
    finally:
        import os

        os.close(descriptor)
    assert remove_abandoned(PREFIX, str(tmp_path)) == [path]
