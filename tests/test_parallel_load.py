"""Preparing articles in worker processes changes nothing but the speed."""
from __future__ import annotations

import json

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
