"""`python -m loaders dump`: every article whole, which `load` reads into either backend as it was.

The archive a newsroom built (loads, and articles posted through the API,
which exist nowhere else) moves from the embedded index to Elasticsearch
and back with the same ids, text, quotes and sources, and a dump loaded
into the index it came from changes nothing.
"""
from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest

from loaders.cli import EXIT_OK, EXIT_UNAVAILABLE, main
from loaders.indexer import load
from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.config import Config
from service.query import parse

from .contract.corpus import REFERENCE

ROOT = Path(__file__).resolve().parents[1]
#: Articles the service keeps as given: posted with their own quotes and sources.
POSTED = {
    "id": "desk-1", "headline": "Council delays the harbour vote", "outlet": "Harbor Gazette",
    "authors": ["Lena Okafor"], "tags": ["Harbour"],
    "body": ["The council delayed the vote on the harbour plan to March.", "Residents objected."],
    "quotes": [{"text": "We need more time", "kind": "direct", "speaker": "Ida Sand", "source": "Ida Sand"}],
    "sources": [{"name": "Ida Sand", "kind": "person"}],
}


@pytest.fixture()
def archive(tmp_path) -> Path:
    """An embedded index of the sample articles and one article posted with its own quotes."""
    data_dir = tmp_path / "archive"
    backend = EmbeddedBackend(data_dir)
    summary = load(backend, [str(ROOT / "samples")], data_dir / "rejects.jsonl", reference=REFERENCE)
    assert summary.rejected == 0
    assert not backend.upsert([prepare(POSTED, REFERENCE)]).failed
    backend.close()
    return data_dir


def _dump(config: Config, output: Path, capsys) -> list[dict]:
    assert main(["dump", str(output)], config=config) == EXIT_OK
    assert f"dumped" in capsys.readouterr().err
    opened = gzip.open(output, "rt", encoding="utf-8") if output.suffix == ".gz" else output.open(encoding="utf-8")
    with opened as lines:
        return [json.loads(line) for line in lines]


def _every(backend) -> dict[str, dict]:
    ids = [hit.id for hit in backend.export(SearchRequest(parse(""), sort="oldest", highlight=False))]
    return {article_id: _as_content(article) for article_id, article in backend.get_many(ids).items()}


def _as_content(article: dict) -> dict:
    return {name: value for name, value in article.items() if name != "ingested_at"}


def _load(config: Config, path: Path, capsys) -> str:
    assert main(["load", "--no-progress", str(path)], config=config) == EXIT_OK
    return capsys.readouterr().err


def test_a_dump_loads_into_a_new_embedded_index_as_it_was(archive, tmp_path, capsys):
    source = EmbeddedBackend(archive)
    before = _every(source)
    source.close()
    lines = _dump(Config(data_dir=archive), tmp_path / "archive.jsonl.gz", capsys)
    assert len(lines) == len(before) and {line["id"] for line in lines} == set(before)
    assert all("ingested_at" not in line and "content_hash" not in line for line in lines)

    copy_dir = tmp_path / "copy"
    _load(Config(data_dir=copy_dir), tmp_path / "archive.jsonl.gz", capsys)
    copy = EmbeddedBackend(copy_dir)
    assert _every(copy) == before  # same ids, text, dateline, quotes, sources and content hash
    assert copy.get("desk-1")["quotes"][0]["speaker"] == "Ida Sand"  # as posted, not extracted anew
    copy.close()

    again = _load(Config(data_dir=archive), tmp_path / "archive.jsonl.gz", capsys)
    assert f"indexed 0, updated 0, unchanged {len(before)}, rejected 0" in again


def test_a_dump_moves_the_archive_to_elasticsearch(archive, elastic_engine, tmp_path, capsys):
    source = EmbeddedBackend(archive)
    before = _every(source)
    source.close()
    _dump(Config(data_dir=archive), tmp_path / "archive.jsonl", capsys)
    config = dataclasses.replace(elastic_engine.config("dumped"), data_dir=tmp_path / "es-data")
    _load(config, tmp_path / "archive.jsonl", capsys)
    target = elastic_engine.backend("dumped")
    assert _every(target) == before
    page = target.search(SearchRequest(parse('quote:"more time"'), highlight=False))
    assert [hit.id for hit in page.hits] == ["desk-1"]


def test_a_dump_to_standard_output_is_one_article_a_line(archive, capsys):
    assert main(["dump"], config=Config(data_dir=archive)) == EXIT_OK
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert "desk-1" in {line["id"] for line in lines}
    assert f"dumped {len(lines)} articles" in captured.err


def test_a_dump_that_cannot_reach_its_engine_writes_no_file(tmp_path, capsys):
    config = Config(data_dir=tmp_path / "data", backend="elasticsearch", elasticsearch_url="http://127.0.0.1:9",
                    elasticsearch_timeout_seconds=1.0)
    output = tmp_path / "archive.jsonl"
    assert main(["dump", str(output)], config=config) == EXIT_UNAVAILABLE
    assert "nothing was written" in capsys.readouterr().err
    assert not output.exists() and not list(tmp_path.glob("*.partial"))
