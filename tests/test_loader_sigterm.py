"""SIGTERM (`docker stop`, Kubernetes, systemd, `timeout`) stops a loader command as Ctrl-C does.

Each command runs in a process of its own: SIGTERM's default would end the
test run itself.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from loaders.interrupts import Terminated, sigterm_interrupts

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed_article.txt"

#: Runs `python -m loaders ARGV...` on DATA_DIR with `target` of `loaders.cli` replaced by
#: something that sends this process SIGTERM, as a supervisor would in the middle of the work.
SCRIPT = """
import os, signal, sys, time
from pathlib import Path
import loaders.cli as cli
from service.config import Config

def sigterm_midway(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(10)
    raise SystemExit("SIGTERM was not delivered")

class Backend:
    reindex = staticmethod(sigterm_midway)

target, data_dir, *argv = sys.argv[1:]
if target == "load":
    cli.load = sigterm_midway
else:
    cli.create_backend = lambda config: Backend()
sys.exit(cli.main(argv, config=Config(data_dir=Path(data_dir))))
"""


def _run(target: str, data_dir: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, target, str(data_dir), *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_sigterm_stops_a_load_with_143_says_how_to_complete_it_and_counts_the_run(tmp_path):
    data_dir = tmp_path / "data"
    result = _run("load", data_dir, "load", "--no-progress", str(SEED))
    assert result.returncode == 143, result.stderr
    assert "before SIGTERM stay in the index; run the same command again" in result.stderr
    assert "Traceback" not in result.stderr
    stats = json.loads((data_dir / "load-stats.json").read_text())
    assert stats["runs"] == {"interrupted": 1}


def test_sigterm_stops_a_reindex_with_143_and_says_the_old_version_is_kept(tmp_path):
    result = _run("reindex", tmp_path / "data", "reindex")
    assert result.returncode == 143, result.stderr
    assert "interrupted by SIGTERM" in result.stderr and "the old version is kept" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_stops_a_reindex_with_130_and_no_traceback(tmp_path):
    script = SCRIPT.replace("os.kill(os.getpid(), signal.SIGTERM)", "raise KeyboardInterrupt")
    result = subprocess.run([sys.executable, "-c", script, "reindex", str(tmp_path / "data"), "reindex"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 130, result.stderr
    assert "interrupted by Ctrl-C" in result.stderr and "Traceback" not in result.stderr


def test_the_handler_is_put_back_afterwards_and_a_second_sigterm_is_not_caught():
    before = signal.getsignal(signal.SIGTERM)
    with sigterm_interrupts():
        handler = signal.getsignal(signal.SIGTERM)
        assert handler not in (before, signal.SIG_DFL)
        try:
            handler(signal.SIGTERM, None)
        except Terminated:
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        else:
            raise AssertionError("the handler did not raise Terminated")
    assert signal.getsignal(signal.SIGTERM) == before
