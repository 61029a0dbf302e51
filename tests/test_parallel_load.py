"""Preparing articles in worker processes changes nothing but the speed."""
from __future__ import annotations

import json
import os

from loaders.cli import main
from service.backends.embedded import EmbeddedBackend
from service.config import Config

from tests.conftest import ROOT


def _extract(tmp_path, capsys, workers: int) -> tuple[list[dict], list[str]]:
    rejects = tmp_path / f"rejects-{workers}.jsonl"
    code = main(["extract", str(ROOT / "samples"), str(ROOT / "tests/fixtures/bad"),
                 "--reference-date", "2025-06-01", "--workers", str(workers), "--rejects", str(rejects)],
                config=Config(data_dir=tmp_path / "unused"))
    assert code == 2  # the bad inputs are rejected
    articles = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    reasons = sorted(json.loads(line)["source"] for line in rejects.read_text().splitlines())
    return articles, reasons


def test_two_workers_prepare_exactly_what_one_does(tmp_path, capsys):
    one, rejected_one = _extract(tmp_path, capsys, 1)
    two, rejected_two = _extract(tmp_path, capsys, 2)
    strip = lambda articles: [{k: v for k, v in a.items() if k != "ingested_at"} for a in articles]
    assert strip(two) == strip(one) and len(one) >= 30
    assert rejected_two == rejected_one and len(rejected_one) == 6


def test_parallel_load_indexes_everything_once(tmp_path):
    config = Config(data_dir=tmp_path)
    args = ["load", str(ROOT / "samples"), "--reference-date", "2025-06-01", "--workers", "2",
            "--no-progress"]
    assert main(args, config=config) == 0
    count = EmbeddedBackend(tmp_path).count()
    assert main(args, config=config) == 0
    assert EmbeddedBackend(tmp_path).count() == count >= 30


def test_a_preparing_process_imports_neither_the_readers_nor_the_backends():
    """A worker imports what unpickling its tasks names (loaders.jobs, loaders.records):
    trafilatura, dateparser, numpy and tantivy cost each worker 0.5 s of CPU it never uses."""
    import subprocess
    import sys

    heavy = ("loaders.readers", "loaders.indexer", "service.backends.base", "trafilatura", "dateparser",
             "numpy", "tantivy")
    code = ("import pickle, sys; from loaders.indexer import prepare_batch_as_json; "
            "from loaders.readers import Record; "
            "print(pickle.dumps((prepare_batch_as_json, Record('s'))).hex())")
    task = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    code = (f"import pickle, sys; pickle.loads(bytes.fromhex({task.strip()!r})); "
            f"print([name for name in {heavy!r} if name in sys.modules])")
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert found.strip() == "[]"


#: A load whose writing side stops for good once the first prepared article
#: reaches it (the preparing processes are then up), after touching the file
#: argv[1]: the test kills it there.
_STALLED_LOAD = """
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
    import signal
    import subprocess
    import sys

    from tests.faults.articles import write_articles
    from tests.servers import wait_until

    source = tmp_path / "articles.jsonl"
    write_articles(source, range(300), "orphaned")
    marker = tmp_path / "writing"
    killed = subprocess.Popen([sys.executable, "-c", _STALLED_LOAD, str(marker), "load", str(source),
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
