"""Several processes on one embedded index: readers see commits without a
restart, and a write that finds the single writer busy gets a clean 503."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from service.app import create_app
from service.backends.base import SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.config import Config
from service.errors import IndexBusy
from service.query import parse

from tests.conftest import ROOT


def _article(n: int) -> dict:
    return {"headline": f"Lighthouse keeper report {n}", "body": [f"The zwieback lighthouse log {n}."],
            "url": f"https://example.org/lighthouse/{n}"}


def test_reader_sees_another_process_commit_without_restart(tmp_path):
    reader = EmbeddedBackend(tmp_path)
    assert reader.search(SearchRequest(parse("zwieback"))).total == 0
    source = tmp_path / "one.json"
    source.write_text(json.dumps(_article(1)))
    subprocess.run([sys.executable, "-m", "loaders", "load", str(source), "--no-progress"],
                   cwd=ROOT, check=True, env={"NEWS_INDEX_DATA_DIR": str(tmp_path), "PATH": ""},
                   capture_output=True)
    assert reader.search(SearchRequest(parse("zwieback"))).total == 1


def test_busy_writer_gives_index_busy_then_succeeds(tmp_path):
    holder = EmbeddedBackend(tmp_path)
    other = EmbeddedBackend(tmp_path, write_wait_seconds=0.2)
    from loaders.pipeline import prepare
    from tests.contract.corpus import REFERENCE

    article = prepare(_article(2), REFERENCE)
    with holder.writer():
        with pytest.raises(IndexBusy) as caught:
            other.upsert([article])
        assert caught.value.retry_after >= 1
    assert other.upsert([article]).indexed == [article["id"]]
    assert holder.get(article["id"]) is not None


def test_busy_writer_is_503_with_retry_after(tmp_path):
    holder = EmbeddedBackend(tmp_path)
    app = create_app(Config(data_dir=tmp_path, api_key="k", write_wait_seconds=0.2))
    with holder.writer():
        response = app.test_client().post("/articles", json=_article(3),
                                          headers={"Authorization": "Bearer k"})
    assert response.status_code == 503
    assert response.get_json()["code"] == "index_busy"
    assert int(response.headers["Retry-After"]) >= 1


def test_a_search_past_its_deadline_is_504(tmp_path):
    """The deadline cuts a search off between its steps; the answer is a 504, never partial."""
    app = create_app(Config(data_dir=tmp_path, api_key="k", search_deadline_ms=1))
    client = app.test_client()
    for n in range(3):
        assert client.post("/articles", json=_article(n), headers={"Authorization": "Bearer k"}).status_code == 201
    backend = app.extensions["news_backend"]
    backend.deadline_seconds = 0.0  # anything after the engine's own call is already too late
    response = client.get("/search?q=lighthouse&facets=outlet")
    assert response.status_code == 504
    assert response.get_json()["code"] == "search_timeout"
    backend.deadline_seconds = 5.0
    assert client.get("/search?q=lighthouse").status_code == 200


def test_a_second_load_leaves_the_rejects_file_of_the_load_running_alone(tmp_path, capsys):
    """Two loads at once on one data directory: the second truncated the rejects
    file the first was writing, then found the writer busy and exited 75. The
    first load's reasons were lost, and its next ones landed after a run of NUL
    bytes (its handle's offset), so the file no longer parsed as JSON lines."""
    from loaders.cli import main
    from loaders.indexer import RejectsFile

    running = RejectsFile(tmp_path / "rejects.jsonl")  # the first load's, open while it runs
    running.write("first.jsonl:1", "an early reason")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"headline": "no body"}\n')
    with EmbeddedBackend(tmp_path).writer():  # ... which holds the writer
        status = main(["load", "--no-progress", str(bad)], Config(data_dir=tmp_path, write_wait_seconds=0.2))
    assert status == 75
    err = capsys.readouterr().err
    assert "rejects file" in err and "--rejects" in err and "Traceback" not in err
    assert main(["extract", "--rejects", str(tmp_path / "rejects.jsonl"), str(bad)], Config(data_dir=tmp_path)) == 75
    running.write("first.jsonl:2", "a later reason")
    running.close()
    lines = (tmp_path / "rejects.jsonl").read_text().splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["first.jsonl:1", "first.jsonl:2"]

    assert main(["load", "--no-progress", str(bad)], Config(data_dir=tmp_path)) == 2  # the first is done
    assert [json.loads(line)["source"] for line in (tmp_path / "rejects.jsonl").read_text().splitlines()] == [
        f"{bad}:1"]


def test_a_commit_in_the_same_clock_tick_as_the_last_is_not_taken_for_the_version_before(tmp_path):
    """A reader told index versions apart by meta.json's modification time alone.
    Most kernels stamp files with a clock that moves every few milliseconds (4 ms
    at 250 Hz), so two commits close together (two workers' POSTs) left the same
    time: facet counts remembered for the version before were served beside the
    hits of the new one (tantivy reloads its searcher by itself), until a later
    commit. Simulated here by putting the earlier time back on the new file."""
    import os

    from loaders.pipeline import prepare
    from tests.contract.corpus import REFERENCE

    writer, reader = EmbeddedBackend(tmp_path), EmbeddedBackend(tmp_path)
    first = {**_article(1), "outlet": "Harbor Gazette"}
    writer.upsert([prepare(first, REFERENCE)])
    request = SearchRequest(parse("zwieback"), facets=("outlet",))
    assert reader.search(request).facets["outlet"] == [{"value": "Harbor Gazette", "count": 1}]
    meta = reader.path / "meta.json"
    before = os.stat(meta)
    writer.upsert([prepare({**_article(2), "outlet": "Harbor Gazette"}, REFERENCE)])
    os.utime(meta, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same tick
    reader.index.reload()  # as tantivy's own reload on a commit does, within half a second
    page = reader.search(request)
    assert page.total == 2 and page.facets["outlet"] == [{"value": "Harbor Gazette", "count": 2}]


def test_rejects_may_still_go_to_a_pipe(tmp_path):
    """The rejects file's lock and truncation are for files: `--rejects /dev/stderr`
    (a pipe here) took neither, and must not fail on them."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"headline": "no body"}\n')
    run = subprocess.run([sys.executable, "-m", "loaders", "load", "--no-progress", "--rejects", "/dev/stderr",
                          str(bad)], cwd=ROOT, env={"NEWS_INDEX_DATA_DIR": str(tmp_path / "data"), "PATH": ""},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert json.loads(run.stderr.splitlines()[0])["source"] == f"{bad}:1"


class _CommitDuringReload:
    """The index of a backend, with another process's commit landing just as the
    backend reloads after its own write, its writer given back (once)."""

    def __init__(self, index, commit):
        self._index, self._commit = index, commit

    def __getattr__(self, name):
        return getattr(self._index, name)

    def reload(self):
        self._index.reload()
        if self._commit is not None and sys._getframe(1).f_code.co_name == "writer":
            commit, self._commit = self._commit, None
            commit()


def test_a_commit_landing_as_a_writer_reloads_is_not_taken_for_the_one_it_reloaded(tmp_path):
    """After its own write a backend reloaded, then read meta.json's stamp: a commit
    of another process landing in between was taken for the version reloaded. It
    stayed unseen until tantivy's own reload, and from then on the facet counts
    remembered under its stamp (from the searcher before it) were served beside it."""
    from loaders.pipeline import prepare
    from tests.contract.corpus import REFERENCE

    here, other = EmbeddedBackend(tmp_path), EmbeddedBackend(tmp_path)
    article = lambda n: prepare({**_article(n), "outlet": "Harbor Gazette"}, REFERENCE)
    here.index = _CommitDuringReload(here.index, lambda: other.upsert([article(2)]))
    here.upsert([article(1)])
    request = SearchRequest(parse("zwieback"), facets=("outlet",))
    first = here.search(request)
    here.index.reload()  # as tantivy's own reload on a commit does, within half a second
    second = here.search(request)
    for page in (first, second):
        assert page.total == 2 and page.facets["outlet"] == [{"value": "Harbor Gazette", "count": 2}]
