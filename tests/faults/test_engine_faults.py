"""Faults of the Elasticsearch engine (osmem, started here): killed mid-load,
down while the API serves, refusing one bulk item."""
from __future__ import annotations

import json
import os
import signal
import time

from elasticsearch.helpers import bulk

from service.app import create_app
from service.backends.elastic import ElasticBackend
from service.backends.elastic_document import index_body
from service.config import Config

from tests.faults.articles import write_articles
from tests.servers import loader, run_loader, start_osmem, summary, wait_until

ALIAS = "fault-news"


def _config(url: str, alias: str = ALIAS, **changes) -> Config:
    return Config(backend="elasticsearch", elasticsearch_url=url, elasticsearch_plain_json=True,
                  elasticsearch_index=alias, **changes)


def _env(url: str, alias: str = ALIAS) -> dict:
    return {"NEWS_INDEX_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": url,
            "ELASTICSEARCH_PLAIN_JSON": "true", "ELASTICSEARCH_INDEX": alias}


def _stop(server) -> None:
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait(timeout=10)


def _created(url: str) -> ElasticBackend:
    """A backend on a new engine with the index created (what `loaders init` does)."""
    backend = ElasticBackend.from_config(_config(url))
    backend.ensure_index()
    return backend


def _count(client) -> int:
    client.indices.refresh(index=ALIAS)
    return int(client.count(index=ALIAS)["count"])


def _all_ids(client, size: int) -> list[str]:
    client.indices.refresh(index=ALIAS)
    response = client.search(index=ALIAS, size=size, source=False, query={"match_all": {}})
    return [hit["_id"] for hit in response["hits"]["hits"]]


def test_engine_killed_mid_load_then_a_second_run_indexes_exactly_the_missing(tmp_path):
    """The engine dies while a load streams into it: the loader says so and exits 75.

    osmem keeps its data in memory, so "the engine comes back with its data"
    is played by the test: it freezes the loader (SIGSTOP) so the engine's
    contents stop changing, copies them out, kills the engine, lets the loader
    go on against the dead engine, then starts a new engine holding that copy,
    as a real cluster restarts from its disk.
    """
    total = 1500  # three bulk batches of 500
    source = tmp_path / "articles.jsonl"
    expected = write_articles(source, range(total), "quarvelite")
    first = start_osmem()
    try:
        env = _env(first.url)
        client = _created(first.url).client
        running = loader(["load", str(source), "--no-progress", "--rejects", str(tmp_path / "r1.jsonl")], env)

        def some_indexed():
            assert running.poll() is None, "the load finished before the engine could be killed"
            return _count(client) >= 500

        wait_until(some_indexed, 60, 0.02, "the first bulk batch")
        os.kill(running.pid, signal.SIGSTOP)
        try:
            counts = [_count(client)]  # a bulk already sent still completes: wait for it
            while True:
                time.sleep(0.2)
                counts.append(_count(client))
                if counts[-1] == counts[-2] or len(counts) > 50:
                    break
            kept = client.search(index=ALIAS, size=total, query={"match_all": {}})["hits"]["hits"]
            assert len(kept) == counts[-1] < total
            _stop(first)
        finally:
            os.kill(running.pid, signal.SIGCONT)
        _, stderr = running.communicate(timeout=60)
        assert running.returncode == 75, stderr
        assert "Elasticsearch cannot be reached" in stderr and "try again" in stderr
    finally:
        _stop(first)

    second = start_osmem()
    try:
        env = _env(second.url)
        client = _created(second.url).client
        bulk(client, ({"_index": ALIAS, "_id": hit["_id"], "_source": hit["_source"]} for hit in kept),
             refresh=True)
        assert _count(client) == len(kept)

        rerun = run_loader(["load", str(source), "--no-progress", "--rejects", str(tmp_path / "r2.jsonl")], env)
        assert rerun.returncode == 0, rerun.stderr
        counts = summary(rerun.stderr)
        assert counts == {"read": total, "indexed": total - len(kept), "updated": 0,
                          "unchanged": len(kept), "rejected": 0}
        ids = _all_ids(client, total + 100)
        assert len(ids) == _count(client) == total  # 0 duplicates
        assert sorted(ids) == sorted(expected)
    finally:
        _stop(second)


def test_engine_down_is_503_with_retry_after_fast_and_readyz_fails_while_healthz_passes(tmp_path):
    server = start_osmem()
    try:
        config = _config(server.url, api_key="k")  # the production timeout (10 s) is in force
        backend = ElasticBackend.from_config(config)
        backend.ensure_index()
        source = tmp_path / "few.jsonl"
        ids = write_articles(source, range(3), "down")
        assert run_loader(["load", str(source), "--no-progress"], _env(server.url)).returncode == 0
        client = create_app(config, backend=backend).test_client()
        assert client.get("/readyz").status_code == 200
        assert client.get("/search?q=down").get_json()["total"] == 3
        _stop(server)

        for method, url in (("GET", "/search?q=down"), ("GET", f"/articles/{ids[0]}"),
                            ("GET", f"/articles?ids={ids[1]}"), ("DELETE", f"/articles/{ids[2]}")):
            started = time.monotonic()
            response = client.open(url, method=method, headers={"Authorization": "Bearer k"})
            elapsed = time.monotonic() - started
            assert response.status_code == 503, (url, response.get_data(as_text=True))
            assert elapsed < 2, (url, elapsed)
            assert int(response.headers["Retry-After"]) >= 1
            body = response.get_json()
            assert body["code"] == "backend_unavailable" and "try again" in body["message"]

        started = time.monotonic()
        ready = client.get("/readyz")
        assert ready.status_code == 503 and time.monotonic() - started < 2
        assert int(ready.headers["Retry-After"]) >= 1
        assert client.get("/healthz").status_code == 200
    finally:
        _stop(server)


def test_a_bulk_item_the_engine_refuses_lands_in_the_rejects_file_with_its_reason(elastic_engine, tmp_path):
    """The index on the cluster disagrees with one article (its `section` is
    mapped as a date there): the engine refuses that one bulk item, the others load."""
    config = elastic_engine.config("refused")
    alias = config.elasticsearch_index
    body = index_body()
    for name in ("section_key", "section_facet"):
        body["mappings"]["properties"][name] = {"type": "date"}
    client = ElasticBackend.from_config(config).client
    client.indices.create(index=f"{alias}-v1", **body, aliases={alias: {}})

    source = tmp_path / "three.jsonl"
    items = [{"id": "ok-1", "headline": "Dock opens", "body": ["The dock opened."]},
             {"id": "refused-1", "headline": "Match won", "body": ["The team won."], "section": "Sport"},
             {"id": "ok-2", "headline": "Road closes", "body": ["The road closed."]}]
    source.write_text("".join(json.dumps(item) + "\n" for item in items))
    rejects = tmp_path / "rejects.jsonl"
    env = {"NEWS_INDEX_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": config.elasticsearch_url,
           "ELASTICSEARCH_PLAIN_JSON": "true" if config.elasticsearch_plain_json else "false",
           "ELASTICSEARCH_INDEX": alias}
    result = run_loader(["load", str(source), "--no-progress", "--rejects", str(rejects)], env)

    assert result.returncode == 2, result.stderr
    assert summary(result.stderr) == {"read": 3, "indexed": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    records = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert len(records) == 1
    assert records[0]["source"] == f"{source}:2"
    assert "mapper_parsing_exception" in records[0]["reason"] and "section" in records[0]["reason"]
    found = client.mget(index=alias, ids=["ok-1", "refused-1", "ok-2"])["docs"]
    assert [d["found"] for d in found] == [True, False, True]
