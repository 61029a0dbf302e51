"""Elasticsearch operations beyond the search contract: versions, bulk loads, failures.

Runs on the same engine as the contract (osmem started by the tests, or the
cluster at ELASTICSEARCH_URL); each test works on its own alias.
"""
from __future__ import annotations

import dataclasses
import json
import socket
import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from elastic_transport import ConnectionTimeout
from elasticsearch import Elasticsearch, UnsupportedProductError
from elasticsearch.helpers import actions as bulk_helpers

from loaders.indexer import load
from service.app import create_app
from service.backends import elastic as elastic_module
from service.backends import elastic_writes as writes_module
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.backends.elastic import ElasticBackend
from service.backends.elastic_client import engine_errors, writing
from service.backends.elastic_conditional import claim, read_versioned, stored_article
from service.backends.elastic_document import index_body
from service.backends.elastic_statements import candidates_many
from service.backends.elastic_writes import ElasticWrites
from service.backends.embedded import EmbeddedBackend
from service.backends.write_results import WriteResult
from service.config import Config
from service.errors import BackendUnavailable, IndexBusy, PreconditionFailed, SearchTimeout, WriteTimeout
from service.query import parse
from service.statements import StatementAssigner

from .contract.corpus import corpus, hyphenated_article

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_reindex_swaps_versions_while_searches_keep_working(elastic_engine):
    backend = elastic_engine.backend("reindex")
    backend.upsert(corpus())
    expected = backend.search(SearchRequest(parse("harbour"), size=1)).total
    errors, totals, stop = [], set(), threading.Event()

    def searches():
        for _ in range(2000):  # bounded: never outlives the test
            if stop.is_set():
                return
            try:
                totals.add(backend.search(SearchRequest(parse("harbour"), size=1)).total)
            except Exception as error:  # noqa: BLE001 - every error is a failure here
                errors.append(repr(error))

    searcher = threading.Thread(target=searches)
    searcher.start()
    try:
        first = backend.reindex()
        second = backend.reindex(keep_old=True)
    finally:
        stop.set()
        searcher.join(timeout=60)
    assert not searcher.is_alive()
    assert errors == [] and totals == {expected}
    assert (first.old_index, first.new_index) == (f"{backend.alias}-v1", f"{backend.alias}-v2")
    assert second.new_index == f"{backend.alias}-v3" and not second.old_deleted
    assert backend.admin.current_index() == f"{backend.alias}-v3"
    assert backend.client.indices.exists(index=f"{backend.alias}-v2")
    assert not backend.client.indices.exists(index=f"{backend.alias}-v1")
    assert backend.count() == len(corpus())


def test_a_total_past_the_count_limit_says_it_is_a_lower_bound(elastic_engine, monkeypatch):
    """Elasticsearch stops counting at track_total_hits: the API and the page say "at least", never
    a round number as if exact."""
    backend = elastic_engine.backend("total-cap")
    backend.upsert(corpus())
    monkeypatch.setattr(elastic_module, "TRACK_TOTAL_HITS", 3)
    page = backend.search(SearchRequest(parse(""), size=1))
    assert (page.total, page.total_exact) == (3, False)
    quotes = backend.search_quotes(QuoteSearchRequest(parse(""), size=1))
    assert quotes.total_exact == (quotes.total < 3)
    monkeypatch.setattr(elastic_module, "TRACK_TOTAL_HITS", 100_000)
    page = backend.search(SearchRequest(parse(""), size=1))
    assert (page.total, page.total_exact) == (len(corpus()), True)


def _edited(article: dict, headline: str) -> dict:
    return {**article, "headline": headline, "content_hash": f"edited {headline}"}


def test_writes_during_a_reindex_are_refused_then_accepted_after_the_swap(elastic_engine, monkeypatch):
    """A reindex copies a snapshot: a write accepted meanwhile would be lost at the swap."""
    backend = elastic_engine.backend("reindex-writes")
    articles = corpus()
    backend.upsert(articles)
    first, second = articles[0], articles[1]
    edited = _edited(first, "Harbour reopens after the storm")
    during = []
    copy_articles = backend.admin.reindex

    def reindex_with_writers(keep_old=False):
        for write in (lambda: backend.upsert([edited]), lambda: backend.delete(second["id"])):
            with pytest.raises(IndexBusy) as refused:
                write()
            during.append((refused.value.retry_after, refused.value.code))
        during.append(backend.search(SearchRequest(parse("harbour"), size=1)).total)  # reads go on
        return copy_articles(keep_old=keep_old)

    monkeypatch.setattr(backend.admin, "reindex", reindex_with_writers)
    result = backend.reindex(keep_old=True)
    assert during[:2] == [(5, "index_busy")] * 2 and during[2] > 0
    # Nothing written meanwhile: the new version holds the corpus as it was.
    assert backend.get_many([first["id"]])[first["id"]]["headline"] == first["headline"]
    # The retried writes land in the new version; the kept old one takes writes again too.
    assert backend.upsert([edited]).counts["updated"] == 1 and backend.delete(second["id"])
    assert backend.get_many([first["id"]])[first["id"]]["headline"] == edited["headline"]
    assert backend.count() == len(articles) - 1
    for admin in (backend.admin, backend.quotes_admin):
        old = admin.version_name(1)
        settings = backend.client.indices.get_settings(index=old, flat_settings=True)[old]["settings"]
        assert settings.get("index.blocks.write") in (None, "false")
    assert result.new_index == f"{backend.alias}-v2"


def test_a_reindex_run_again_after_a_killed_one_completes_it_and_leaves_no_half_copy(elastic_engine):
    """Killed mid-copy, a reindex leaves the live versions write-blocked and a half-filled
    next version of each index: running it again takes that number anew and lifts the block."""
    backend = elastic_engine.backend("reindex-killed")
    articles = corpus()
    backend.upsert(articles)
    for admin in (backend.admin, backend.quotes_admin):  # what the killed run left
        live = admin.current_index()
        half = admin.version_name(2)
        backend.client.indices.create(index=half)
        backend.client.index(index=half, id="partial", document={"partial": True}, refresh=True)
        backend.client.indices.put_settings(index=live, settings={"index.blocks.write": True})
    with pytest.raises(IndexBusy):
        backend.upsert([_edited(articles[0], "Refused while blocked")])
    result = backend.reindex()
    assert (result.old_index, result.new_index) == (f"{backend.alias}-v1", f"{backend.alias}-v2")
    for admin in (backend.admin, backend.quotes_admin):
        assert admin.current_index() == admin.version_name(2)
        assert not backend.client.indices.exists(index=admin.version_name(3))
    assert backend.count() == len(articles) and backend.get_many(["partial"]) == {}
    edited = _edited(articles[0], "Accepted after the reindex")
    assert backend.upsert([edited]).counts["updated"] == 1


def test_a_write_the_block_refuses_mid_batch_is_busy_not_a_reject(elastic_engine, monkeypatch):
    """A reindex that begins between the check and the bulk: the engine refuses the items."""
    backend = elastic_engine.backend("reindex-race")
    articles = corpus()
    backend.upsert(articles[:2])
    monkeypatch.setattr(backend.admin, "refuse_blocked_writes", lambda: None)
    result = WriteResult()
    with backend.admin.writes_blocked(backend.admin.current_index()):
        with pytest.raises(IndexBusy):
            backend.upsert([_edited(articles[0], "Edited while blocked"), articles[2]], result)
        with pytest.raises(IndexBusy), engine_errors("writing one document"):
            backend.client.index(index=backend.alias, id="single", document={"doc": {}})
    assert result.counts["failed"] == 0  # refused for now, never written to the rejects
    assert backend.upsert([articles[2]]).counts["indexed"] == 1  # the block is gone


def test_loading_samples_twice_gives_the_same_count_on_both_backends(elastic_engine, tmp_path):
    elastic = elastic_engine.backend("samples")
    embedded = EmbeddedBackend(tmp_path / "embedded")
    for engine in (elastic, embedded):
        first = load(engine, [str(SAMPLES)], tmp_path / "rejects.jsonl")
        count = engine.count()
        second = load(engine, [str(SAMPLES)], tmp_path / "rejects.jsonl")
        assert engine.count() == count == first.indexed
        assert second.indexed == second.updated == 0 and second.unchanged == first.indexed
    assert elastic.count() == embedded.count()


def test_large_load_turns_refresh_off_and_restores_it(elastic_engine, monkeypatch):
    backend = elastic_engine.backend("tuning", bulk_tuning_threshold=2)
    during = []
    real = backend.writes._write_batch
    monkeypatch.setattr(writes_module, "BATCH_ARTICLES", 2)

    def spy(batch, result, statements, **options):
        during.append(backend.admin.settings().get("refresh_interval"))
        return real(batch, result, statements, **options)

    monkeypatch.setattr(backend.writes, "_write_batch", spy)
    result = backend.upsert(corpus()[:6])
    assert len(result.indexed) == 6
    assert during[0] != "-1" and during[-1] == "-1"  # small at first, tuned once large
    assert backend.admin.settings().get("refresh_interval") != "-1"
    assert backend.count() == 6  # refreshed at the end: searchable at once


def test_a_long_load_refreshes_quotes_so_the_assigner_forgets_what_is_written(elastic_engine, monkeypatch):
    backend = elastic_engine.backend("statements", bulk_tuning_threshold=1)
    monkeypatch.setattr(writes_module, "BATCH_ARTICLES", 1)
    monkeypatch.setattr(writes_module, "QUOTES_REFRESH_EVERY", 2)
    quote = {"text": "We will rebuild the harbour wall before the winter storms arrive", "speaker": "Ann Lee"}
    articles = [dict(a, quotes=[quote], content_hash=f"s{n}") for n, a in enumerate(corpus()[:5])]
    pending = []
    real = backend.writes._write_batch

    def spy(batch, result, statements, **options):
        pending.append(len(statements.pending))
        statements.known.clear()  # every copy goes through the index lookup
        return real(batch, result, statements, **options)

    monkeypatch.setattr(backend.writes, "_write_batch", spy)
    backend.upsert(articles)
    assert pending == [0, 32, 0, 32, 0]  # one quote's 32 band keys, forgotten at each refresh
    statements = {q["statement_id"] for a in articles for q in backend.article_quotes(a["id"])}
    assert len(statements) == 1  # the copies written before a refresh are found in the index


class _CallCounter:
    """The client, counting the requests a load sends by API."""

    def __init__(self, client):
        self._client = client
        self.calls: dict[str, int] = {}

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name not in ("search", "msearch"):
            return attribute

        def counted(*args, **kwargs):
            self.calls[name] = self.calls.get(name, 0) + 1
            return attribute(*args, **kwargs)
        return counted


def test_a_load_looks_statements_up_once_a_batch_and_groups_as_one_lookup_a_quote(elastic_engine, monkeypatch):
    monkeypatch.setattr(writes_module, "BATCH_ARTICLES", 3)
    monkeypatch.setattr(writes_module, "QUOTES_REFRESH_EVERY", 3)  # earlier batches are in the index
    wordings = ["We will rebuild the harbour wall before the winter storms arrive",
                "we will rebuild the harbour wall before the storms arrive",
                "The council has not yet decided how to pay for the repairs to the wall",
                "No comment"]
    # The edited copy (1) first comes in the second batch: only the index knows the original (0).
    quoted = [(0, 2)] * 3 + [(1, 3)] * 3 + [(1, 2)] * 3
    articles = [dict(a, quotes=[{"text": wordings[k], "speaker": "Ann Lee"} for k in quoted[n]],
                     content_hash=f"p{n}") for n, a in enumerate(corpus()[:9])]
    real = ElasticWrites._write_batch

    def forgetful(self, batch, result, statements, **options):
        statements.known.clear()  # every batch asks the index, not the wordings remembered
        return real(self, batch, result, statements, **options)

    monkeypatch.setattr(ElasticWrites, "_write_batch", forgetful)
    batched = elastic_engine.backend("prefetch")
    counter = batched.client = _CallCounter(batched.client)
    batched.upsert(articles)
    assert counter.calls == {"msearch": 3}  # one per batch, never a search per quote

    single = elastic_engine.backend("one-a-quote")
    monkeypatch.setattr(StatementAssigner, "prefetch", lambda self, texts, lookup_many: None)
    counter = single.client = _CallCounter(single.client)
    single.upsert(articles)
    assert counter.calls == {"search": 6}  # one a new wording and batch

    def grouping(backend):
        return {q["id"]: q["statement_id"] for a in articles for q in backend.article_quotes(a["id"])}
    assert grouping(batched) == grouping(single)
    assert len(set(grouping(batched).values())) == 3  # the two harbour wordings are one statement


def test_a_search_failed_inside_msearch_is_asked_again_alone():
    hit = {"hits": {"hits": [{"_source": {"statement_id": "s-1", "wording": "a b c d"}}]}}

    class Client:
        searched = []

        def msearch(self, index, searches):
            return {"responses": [{"error": {"type": "too_many_clauses"}, "status": 400}, hit]}

        def search(self, index, **body):
            self.searched.append(body["query"])
            return hit
    answers = candidates_many(Client(), "quotes", [["k1"], ["k2"]])
    assert answers == [[("s-1", "a b c d")], [("s-1", "a b c d")]]
    assert Client.searched == [{"bool": {"should": [{"term": {"band": "k1"}}]}}]


def test_per_item_bulk_failures_are_reported_not_dropped(elastic_engine, monkeypatch):
    backend = elastic_engine.backend("failures")
    real = writes_module.to_source

    def broken(article, derived=None):  # a field the strict mapping refuses, for one article only
        source = real(article, derived)
        return {**source, "unexpected": "x"} if article["id"] == "c-french" else source

    monkeypatch.setattr(writes_module, "to_source", broken)
    result = backend.upsert(corpus())
    assert [article_id for article_id, _ in result.failed] == ["c-french"]
    assert "strict" in result.failed[0][1]
    assert len(result.indexed) == len(corpus()) - 1
    assert backend.get("c-french") is None


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_engine_down_is_backend_unavailable():
    config = Config(backend="elasticsearch", elasticsearch_url=f"http://127.0.0.1:{_closed_port()}",
                    elasticsearch_plain_json=True, elasticsearch_timeout_seconds=2)
    backend = ElasticBackend.from_config(config)
    for call in (lambda: backend.search(SearchRequest(parse("red"))), backend.count,
                 lambda: backend.get_many(["x"]), lambda: backend.upsert(corpus()[:1]),
                 lambda: backend.delete("x"), backend.ensure_index):
        with pytest.raises(BackendUnavailable) as raised:
            call()
        assert raised.value.retry_after > 0
    assert backend.ready() is False


class _Recorder(BaseHTTPRequestHandler):
    """A fake engine that records headers and answers like Elasticsearch would."""

    seen: list[dict] = []
    delay = 0.0

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
        time.sleep(type(self).delay)
        body = json.dumps({"count": 0, "took": 1, "errors": False, "items": []}).encode()
        try:
            self.send_response(200)  # no X-Elastic-Product, as OpenSearch
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.seen, _Recorder.delay = [], 0.0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _config(url: str, **changes) -> Config:
    return dataclasses.replace(Config(backend="elasticsearch", elasticsearch_url=url,
                                      elasticsearch_plain_json=True), **changes)


def test_plain_json_node_sends_plain_media_types(recorder):
    client = ElasticBackend.from_config(_config(recorder)).client
    client.count(index="news", query={"match_all": {}})
    client.bulk(operations=[{"index": {"_index": "news", "_id": "1"}}, {"a": 1}])
    count, bulk = _Recorder.seen
    assert count["content-type"] == "application/json" and count["accept"] == "application/json"
    assert bulk["content-type"] == "application/x-ndjson"
    # Without the setting: the versioned type osmem and OpenSearch refuse, and
    # the product check that fails on an engine without X-Elastic-Product.
    default = ElasticBackend.from_config(_config(recorder, elasticsearch_plain_json=False)).client
    with pytest.raises(UnsupportedProductError):
        default.count(index="news", query={"match_all": {}})
    assert _Recorder.seen[-1]["content-type"] == "application/vnd.elasticsearch+json; compatible-with=9"


def test_slow_engine_is_search_timeout(recorder):
    _Recorder.delay = 1.5
    backend = ElasticBackend.from_config(_config(recorder, elasticsearch_timeout_seconds=0.5))
    with pytest.raises(SearchTimeout):
        backend.count()


def test_init_and_reindex_commands(elastic_engine, capsys):
    from loaders.cli import main

    config = elastic_engine.config("cli")
    assert main(["init"], config) == 0
    assert main(["init"], config) == 0  # idempotent
    assert main(["reindex", "--keep-old"], config) == 0
    err = capsys.readouterr().err
    assert f"{config.elasticsearch_index}-v1 -> {config.elasticsearch_index}-v2" in err
    assert "kept" in err


def test_init_refuses_the_embedded_backend_and_reindex_needs_an_older_version(tmp_path, capsys):
    from loaders.cli import EXIT_USAGE, main

    config = Config(backend="embedded", data_dir=tmp_path)
    assert main(["init"], config) == EXIT_USAGE
    assert "creates Elasticsearch indices" in capsys.readouterr().err
    assert main(["reindex"], config) == EXIT_USAGE
    assert "No older index version" in capsys.readouterr().err


def test_ready(elastic_engine):
    assert elastic_engine.backend("ready").ready() is True


def test_not_ready_without_the_quotes_index(elastic_engine):
    """Quote searches, statements and attributions read the quotes index: with
    its alias gone, /readyz said ready while those answered 503 backend_error."""
    backend = elastic_engine.backend("ready-no-quotes")
    backend.client.indices.delete(index=backend.quotes_admin.current_index())
    assert backend.ready() is False
    app = create_app(Config(backend="elasticsearch", elasticsearch_url=elastic_engine.url), backend=backend)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"]


def test_readiness_asks_the_engine_not_to_wait_for_a_missing_index(recorder, monkeypatch):
    """Elasticsearch and OpenSearch hold `_cluster/health/<index>` for a missing
    index until its `timeout` (30 s by default) runs out: /readyz asks for 1 s,
    and a health answer that timed out is no readiness."""
    backend = ElasticBackend.from_config(_config(recorder))
    assert backend.ready() is False  # the recorder answers no status
    health, = [seen["path"] for seen in _Recorder.seen if "_cluster/health" in seen["path"]]
    assert "timeout=1s" in health
    timed_out = {"status": "yellow", "timed_out": True}
    monkeypatch.setattr(type(backend.client.cluster), "health", lambda self, **options: timed_out)
    assert backend.ready() is False
    monkeypatch.setattr(type(backend.client.cluster), "health", lambda self, **options: {"status": "yellow"})
    assert backend.ready() is True


@pytest.mark.parametrize("hangs", ["health", "count"])
def test_readiness_answers_in_time_while_the_engine_hangs(recorder, monkeypatch, hangs):
    """A hung engine held /readyz, and the worker serving it, for the whole
    ELASTICSEARCH_TIMEOUT_SECONDS (its health, then its article count): a probe
    gives up long before. Both now wait about two seconds, then 503."""
    config = _config(recorder, elasticsearch_timeout_seconds=30)
    backend = ElasticBackend.from_config(config)
    if hangs == "count":
        monkeypatch.setattr(type(backend.client.cluster), "health", lambda self, **options: {"status": "green"})
    app = create_app(config, backend=backend)
    _Recorder.delay = 5.0
    started = time.perf_counter()
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert time.perf_counter() - started < 3.5


def test_export_reads_one_point_in_time(elastic_engine, monkeypatch):
    """A write during an export does not show in it (plain search-after would show it)."""
    import service.backends.export_pages as export_pages
    from service.backends.base import QuoteSearchRequest, SearchRequest
    from service.backends.write_results import WriteResult
    from service.query import parse

    backend = elastic_engine.backend("pit")
    articles = [a for a in corpus() if a["id"].startswith("c-fill-")]
    backend.upsert(articles)
    monkeypatch.setattr(export_pages, "EXPORT_PAGE", 2)
    late = dict(articles[0], id="c-late", content_hash="late",
                dateline={**articles[0]["dateline"], "published_at": "2020-01-01T00:00:00Z"})
    exported = []
    for hit in backend.export(SearchRequest(parse("harbour"), sort="newest")):
        exported.append(hit.id)
        if len(exported) == 1:
            backend.upsert([late])  # older than everything: plain search-after would reach it
    assert "c-late" not in exported and len(exported) == len(articles)
    assert backend.get("c-late") is not None


def test_an_export_reads_no_article_text_from_the_engine(elastic_engine, monkeypatch):
    """An export (and any hit not highlighted) shows the article's summary only, but every page
    of 500 hits carried each article whole, body and every source's mentions: megabytes an
    article at most, so a page of long ones held hundreds of megabytes to throw away."""
    backend = elastic_engine.backend("export-summary")
    articles = corpus()
    assert not backend.upsert(articles).failed
    received = []
    real = backend._send

    def recording(index, body, pit, deadline):
        response = real(index, body, pit, deadline)
        received.extend(row["_source"]["doc"] for row in response["hits"]["hits"] if "_source" in row)
        return response

    monkeypatch.setattr(backend, "_send", recording)
    exported = {hit.id: hit.article for hit in backend.export(SearchRequest(parse("")))}
    assert len(exported) == len(articles) == len(received)
    assert not any("body" in doc for doc in received)
    assert not any("mentions" in source for doc in received for source in doc.get("sources") or ())
    for article in articles:  # the summary is whole: quote and source counts, sources' names and kinds
        assert exported[article["id"]]["quote_count"] == len(article["quotes"])
        named = [{"name": source["name"], "kind": source["kind"]} for source in article["sources"]]
        assert exported[article["id"]]["sources"] == named
    received.clear()
    assert backend.search(SearchRequest(parse(""), sort="newest")).hits  # no word to mark: the same
    assert received and not any("body" in doc for doc in received)
    highlighted = backend.search(SearchRequest(parse("harbour")))  # a highlighted search still reads the text
    assert highlighted.hits and any(hit.highlights for hit in highlighted.hits)


def test_search_past_its_deadline_is_a_timeout_not_a_short_page(elastic_engine, monkeypatch):
    from service.backends.base import QuoteSearchRequest, SearchRequest
    from service.backends.write_results import WriteResult
    from service.errors import SearchTimeout
    from service.query import parse

    backend = elastic_engine.backend("deadline")
    backend.deadline_seconds = 0.25
    sent = {}
    real = backend._send

    def timed_out(index, body, pit, deadline):
        sent.update(body)
        response = real(index, body, pit, deadline)
        return {**response.body, "timed_out": True}

    monkeypatch.setattr(backend, "_send", timed_out)
    with pytest.raises(SearchTimeout):
        backend.search(SearchRequest(parse("harbour")))
    assert sent["timeout"] == "250ms"


@pytest.mark.parametrize("search", [
    lambda backend, highlight: backend.search(SearchRequest(parse('harbour "red line"'), highlight=highlight)),
    lambda backend, highlight: backend.search_quotes(QuoteSearchRequest(parse('"red line"~3'), highlight=highlight)),
], ids=["articles", "quotes"])
def test_highlighting_after_the_engine_answered_keeps_to_the_deadline(elastic_engine, monkeypatch, search):
    """Marks are read back, phrases joined and quotes matched in the service once the
    engine has answered: for a hit of a few megabytes that took seconds, and the search
    answered 200 past its deadline. Here the engine answers just as the deadline ends."""
    from .contract.corpus import REFERENCE, _as_given
    from loaders.pipeline import prepare

    backend = elastic_engine.backend(f"late-highlight-{len(elastic_engine.aliases)}")
    quote = {"text": "a red line for the harbour", "kind": "partial", "speaker": "Lena Okafor",
             "source": "Lena Okafor"}
    article = prepare({"id": "c-long-harbour", "headline": "Harbour talks",
                       "body": ["The harbour board drew a red line on fees."] * 50, "quotes": [quote],
                       "sources": [{"name": "Lena Okafor", "kind": "person"}]}, REFERENCE, extractor=_as_given)
    assert not backend.upsert([article]).failed
    real = backend._send

    def answered_at_the_deadline(index, body, pit, deadline):
        response = real(index, body, pit, deadline)
        deadline.ends = time.monotonic() - 1  # the engine took all the time there was
        return response

    monkeypatch.setattr(backend, "_send", answered_at_the_deadline)
    with pytest.raises(SearchTimeout):
        search(backend, True)
    assert search(backend, False).total == 1  # nothing else was left to do after the engine


@pytest.mark.parametrize("search", [
    lambda backend: backend.search(SearchRequest(parse("harbour"))),
    lambda backend: backend.search_quotes(QuoteSearchRequest(parse("harbour"))),
    # its statements are looked up first, and that lookup waited ELASTICSEARCH_TIMEOUT_SECONDS
    lambda backend: backend.search_quotes(QuoteSearchRequest(
        parse("the harbour ferry will reopen to passengers next spring"), match="near")),
], ids=["articles", "quotes", "near quotes"])
def test_a_search_gives_up_at_its_deadline_when_the_engine_does_not_answer(recorder, search):
    """The engine's `timeout` bounds only its collecting of hits: an engine
    that did not answer at all held the search for ELASTICSEARCH_TIMEOUT_SECONDS
    (30 s here), past the 1 s the deadline promises. The transport's timeout is
    now what is left of the deadline, and the search is a 504 within it."""
    _Recorder.delay = 3.0
    backend = ElasticBackend.from_config(_config(recorder, elasticsearch_timeout_seconds=30,
                                                 search_deadline_ms=300))
    started = time.perf_counter()
    with pytest.raises(SearchTimeout) as raised:
        search(backend)
    assert time.perf_counter() - started < 1.5
    assert raised.value.details["deadline_ms"] == 300 and "300 ms deadline" in raised.value.message


def test_init_refuses_an_existing_version_with_another_mapping(elastic_engine):
    """A `<alias>-v1` made by a write straight to it (dynamic mapping) is not
    adopted: loads would succeed into it and every search fail."""
    config = elastic_engine.config("wrong-mapping")
    client = ElasticBackend.from_config(config).client
    alias = config.elasticsearch_index
    client.index(index=f"{alias}-v1", id="x", document={"headline": "Dock opens", "outlet_key": "x"},
                 refresh=True)
    backend = ElasticBackend.from_config(config)
    with pytest.raises(BackendUnavailable) as raised:
        backend.ensure_index()
    message = str(raised.value)
    assert f"{alias}-v1" in message and "dynamic is true, not strict" in message
    assert "headline.exact is missing" in message and "more" in message
    assert not client.indices.exists_alias(name=alias)


def test_init_adopts_an_existing_version_with_the_mapping_file(elastic_engine):
    """A version left without its alias (an interrupted init) is taken as it is."""
    config = elastic_engine.config("adopted")
    client = ElasticBackend.from_config(config).client
    alias = config.elasticsearch_index
    body = index_body()
    client.indices.create(index=f"{alias}-v1", settings=body["settings"], mappings=body["mappings"])
    assert ElasticBackend.from_config(config).ensure_index() == f"{alias}-v1"


def test_a_cursor_through_many_undated_articles_stays_short(elastic_engine):
    """search_after needs only the last hit's (key, tie code, id): a cursor carrying
    every id of a tie (all undated articles share one key) would outgrow the URL
    limit (414) a few hundred articles in."""
    from loaders.pipeline import prepare
    from service.backends.date_keys import tie_code

    from .contract.corpus import REFERENCE, _article, _as_given

    backend = elastic_engine.backend("undated")
    articles = [prepare(_article(f"u-{n:03d}", f"Undated note {n}", ["No date given."]), REFERENCE,
                        extractor=_as_given) for n in range(250)]
    assert not backend.upsert(articles).failed
    request = SearchRequest(parse("note"), size=50, sort="oldest", highlight=False)
    seen, lengths = [], []
    while True:
        page = backend.search(request)
        seen += [hit.id for hit in page.hits]
        if not page.next_cursor:
            break
        lengths.append(len(page.next_cursor))
        request = dataclasses.replace(request, cursor=page.next_cursor)
    assert seen == sorted((a["id"] for a in articles), key=lambda i: (-tie_code(i), i))  # as on the embedded index
    assert max(lengths) < 200, lengths


def _quotes_of(backend, article_id: str) -> int:
    backend.client.indices.refresh(index=backend.quotes_alias)
    return backend.client.count(index=backend.quotes_alias, query={"term": {"article_id": article_id}})["count"]


def test_an_article_whose_quote_is_refused_fails_whole_and_a_rerun_repairs_it(elastic_engine, monkeypatch):
    """Written together or not at all, as on the embedded index: an article
    kept without its refused quote was counted indexed and failed, and a
    re-run found it unchanged, so the quote was never written."""
    backend = elastic_engine.backend("quote-refused")
    real = writes_module.quote_source

    def broken(record, *args):  # a field the strict quotes mapping refuses, for one article's quotes
        source = real(record, *args)
        return {**source, "unexpected": 1} if record["article_id"] == "c-okafor-2" else source

    monkeypatch.setattr(writes_module, "quote_source", broken)
    first = backend.upsert(corpus())
    assert [article_id for article_id, _ in first.failed] == ["c-okafor-2"]
    assert "strict" in first.failed[0][1]
    assert first.counts == {"indexed": len(corpus()) - 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert backend.get("c-okafor-2") is None and _quotes_of(backend, "c-okafor-2") == 0

    monkeypatch.setattr(writes_module, "quote_source", real)
    rerun = backend.upsert(corpus())
    assert rerun.counts == {"indexed": 1, "updated": 0, "unchanged": len(corpus()) - 1, "failed": 0}
    assert backend.get("c-okafor-2") is not None and _quotes_of(backend, "c-okafor-2") == 1


def test_a_refused_article_leaves_none_of_its_quotes(elastic_engine, monkeypatch):
    backend = elastic_engine.backend("article-refused")
    real = writes_module.to_source

    def broken(article, derived=None):
        source = real(article, derived)
        return {**source, "unexpected": "x"} if article["id"] == "c-okafor-2" else source

    monkeypatch.setattr(writes_module, "to_source", broken)
    result = backend.upsert(corpus())
    assert [article_id for article_id, _ in result.failed] == ["c-okafor-2"]
    assert backend.get("c-okafor-2") is None and _quotes_of(backend, "c-okafor-2") == 0


def test_count_and_reindex_without_an_index_say_so_and_create_nothing(elastic_engine, capsys):
    from loaders.cli import main

    config = elastic_engine.config("never-initialised")
    alias = config.elasticsearch_index
    assert main(["reindex"], config) == 75
    assert "run `python -m loaders init` first" in capsys.readouterr().err
    assert main(["count"], config) == 75
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    client = ElasticBackend.from_config(config).client
    assert list(client.indices.get(index=f"{alias}*", allow_no_indices=True, expand_wildcards="all")) == []


def test_count_with_the_engine_down_is_an_error_line_not_a_traceback(capsys):
    from loaders.cli import main

    config = Config(backend="elasticsearch", elasticsearch_url=f"http://127.0.0.1:{_closed_port()}",
                    elasticsearch_plain_json=True, elasticsearch_timeout_seconds=2)
    assert main(["count"], config) == 75
    assert "cannot be reached" in capsys.readouterr().err


def test_fetching_from_a_missing_index_is_an_engine_error_not_a_missing_article(elastic_engine):
    """mget answers 200 with an error per document when the index is missing:
    /articles/<id> was a 404 while /search on the same index was a 503."""
    backend = ElasticBackend.from_config(elastic_engine.config("no-index-to-fetch"))
    with pytest.raises(BackendUnavailable) as raised:
        backend.get_many(["x"])
    assert raised.value.code == "backend_error" and "index_not_found_exception" in str(raised.value)


def test_a_write_after_the_index_was_deleted_never_creates_an_unmapped_index(elastic_engine):
    """The service checks the alias once; an index deleted afterwards made the
    next bulk auto-create a plain, dynamically mapped index under the alias's
    name, which `init` then refuses. Bulk now requires the alias: the write is
    a 503, and the one after it recreates the versions from the mapping file."""
    backend = elastic_engine.backend("vanished")
    articles = corpus()
    assert not backend.upsert(articles[:2]).failed
    backend.client.indices.delete(index=f"{backend.alias}-v1")
    with pytest.raises(BackendUnavailable):
        backend.upsert(articles[2:4])
    assert not backend.client.indices.exists(index=backend.alias)  # no plain index, no alias
    ids = [a["id"] for a in articles[2:4]]
    backend.client.indices.refresh(index=backend.quotes_alias)
    assert backend.client.count(index=backend.quotes_alias, query={"terms": {"article_id": ids}})["count"] == 0
    result = backend.upsert(articles[2:4])
    assert not result.failed and len(result.indexed) == 2
    assert backend.admin.current_index() == f"{backend.alias}-v1"
    assert sorted(backend.get_many([a["id"] for a in articles[:4]])) == sorted(a["id"] for a in articles[2:4])


def test_a_write_the_engine_does_not_confirm_is_write_timeout_not_search_timeout(recorder):
    """A timed-out bulk may have landed in part: the 504 says to send the articles again (safe, ids are
    stable), where a search's says the search took too long."""
    with pytest.raises(WriteTimeout) as caught:
        with writing(), engine_errors("reading content hashes"):
            raise ConnectionTimeout("timed out")
    assert caught.value.code == "write_timeout"
    assert "send the same articles again" in caught.value.message
    with pytest.raises(SearchTimeout) as caught:
        with engine_errors("searching"):
            raise ConnectionTimeout("timed out")
    assert caught.value.code == "search_timeout"

    _Recorder.delay = 1.5
    app = create_app(_config(recorder, elasticsearch_timeout_seconds=0.5, api_key="k"))
    response = app.test_client().post("/articles", headers={"Authorization": "Bearer k"}, json={
        "headline": "Harbour pilots strike", "body": ["Pilots walked out at dawn."],
        "url": "https://example.org/pilots"})
    assert response.status_code == 504
    assert response.get_json()["code"] == "write_timeout"
    assert app.test_client().delete("/articles/x", headers={"Authorization": "Bearer k"}).get_json()["code"] \
        == "write_timeout"


def test_the_highlight_read_limit_takes_the_name_the_engine_knows(elastic_engine):
    """Elasticsearch calls it `max_analyzed_offset`, OpenSearch `max_analyzer_offset`; each refuses the other."""
    backend = elastic_engine.backend("flavour")
    backend.upsert(corpus())
    distribution = backend.client.info()["version"].get("distribution")
    engine_flavour = "opensearch" if distribution == "opensearch" else "elasticsearch"
    assert backend.flavour() == engine_flavour
    wrong = "elasticsearch" if engine_flavour == "opensearch" else "opensearch"
    backend._flavour = wrong  # as if `GET /` had been refused and the guess was wrong
    page = backend.search(SearchRequest(query=parse('"red line"')))
    assert page.hits and any("<em>" in text for hit in page.hits for text in hit.highlights.get("body", []))
    assert backend.flavour() == engine_flavour  # learnt from the refusal, asked right from now on


def test_an_engine_that_will_not_say_what_it_is_is_taken_for_elasticsearch(elastic_engine, monkeypatch):
    backend = elastic_engine.backend("flavour-hidden")

    def refused():
        from elasticsearch import AuthorizationException
        from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
        meta = ApiResponseMeta(403, "1.1", HttpHeaders(), 0.0, NodeConfig("http", "localhost", 9200))
        raise AuthorizationException("security_exception", meta, {"error": {"type": "security_exception"}})

    monkeypatch.setattr(backend.client, "info", refused)
    assert backend.flavour() == "elasticsearch"


def test_reindex_folds_the_keys_an_older_mapping_version_stored(elastic_engine, monkeypatch, tmp_path):
    """`_reindex` copies `_source`, old keys included: the reindex derives them anew from
    the stored spellings, and until it runs the start-up notice asks for it."""
    from service.backends import document
    from service.backends.base import Filters
    from service.backends.elastic_document import MAPPING_PATH, QUOTES_MAPPING_PATH
    from service.backends.keys import fold_case_and_accents

    backend = ElasticBackend.from_config(elastic_engine.config("rekey"))
    for admin, path in ((backend.admin, MAPPING_PATH), (backend.quotes_admin, QUOTES_MAPPING_PATH)):
        older = index_body(path)
        older["mappings"]["_meta"]["schema_version"] = 1
        admin.mapping_path = tmp_path / path.name
        admin.mapping_path.write_text(json.dumps(older))
    backend.ensure_index()
    named = hyphenated_article("r-hyphen")
    with monkeypatch.context() as old_release:  # keys as the release before folded them
        old_release.setattr(document, "normalize_key", fold_case_and_accents)
        assert not backend.upsert([*corpus(), named]).failed
    backend.admin.mapping_path, backend.quotes_admin.mapping_path = MAPPING_PATH, QUOTES_MAPPING_PATH
    searches = {"speaker": ["Robin Leigh Pemberton"], "source": ["Sean O'Brien"], "place": ["Stoke on Trent"],
                "outlet": ["Irish Times"]}

    def found(quotes: bool) -> dict:
        run = backend.search_quotes if quotes else backend.search
        request = QuoteSearchRequest if quotes else SearchRequest
        return {name: run(request(parse(""), filters=Filters.build(**{name: values}))).total
                for name, values in searches.items()}

    assert found(quotes=False) == dict.fromkeys(searches, 0)  # the old keys: "leigh-pemberton"
    stored_spellings = {"speaker": ["Robin Leigh-Pemberton"], "source": ["Seán O’Brien"],
                        "place": ["Stoke-on-Trent"], "outlet": ["Irish-Times"]}
    for name, values in stored_spellings.items():  # until the reindex, as well as before the release
        assert backend.search(SearchRequest(parse(""), filters=Filters.build(**{name: values}))).total == 1, name
    before = backend.search(SearchRequest(parse('headline:"governor steps down"'), facets=("speaker",))).facets
    assert before == {"speaker": [{"value": "Robin Leigh-Pemberton", "count": 1}]}  # a spelling, not the key
    notice = backend.upgrade_notice()
    assert "python -m loaders reindex" in notice and f"{backend.alias}-v1" in notice

    result = backend.reindex()
    assert result.documents == len(corpus()) + 1
    assert found(quotes=False) == dict.fromkeys(searches, 1)
    assert found(quotes=True) == {**dict.fromkeys(searches, 1), "source": 0}  # O’Brien said no quote
    assert backend.get_many(["r-hyphen"])["r-hyphen"]["id"] == "r-hyphen"
    facets = backend.search(SearchRequest(parse(""), filters=Filters.build(outlet=["irish times"]),
                                          facets=("speaker", "place"))).facets
    assert facets == {"speaker": [{"value": "Robin Leigh-Pemberton", "count": 1}],
                      "place": [{"value": "Stoke-on-Trent", "count": 1}]}
    assert backend.upgrade_notice() is None
    assert backend.reindex().documents == len(corpus()) + 1  # again: nothing stale, nothing lost
    assert found(quotes=False) == dict.fromkeys(searches, 1)


def test_an_index_made_before_tie_codes_gets_the_field_at_start_and_reindex_derives_them(
        elastic_engine, monkeypatch, tmp_path):
    """Mapping v3 added `tie`. An index of v2 gets the field when the service starts (its
    writes would be refused by `dynamic: strict`); its documents sort as tie 0 (by id
    within a second) and page without repeats until `reindex` derives their codes."""
    from service.backends.date_keys import sort_keys
    from service.backends.document import published_at
    from service.backends.elastic_document import MAPPING_PATH, QUOTES_MAPPING_PATH

    backend = ElasticBackend.from_config(elastic_engine.config("ties"))
    for admin, path in ((backend.admin, MAPPING_PATH), (backend.quotes_admin, QUOTES_MAPPING_PATH)):
        older = index_body(path)
        older["mappings"]["_meta"]["schema_version"] = 2
        del older["mappings"]["properties"]["tie"]
        admin.mapping_path = tmp_path / path.name
        admin.mapping_path.write_text(json.dumps(older))
    backend.ensure_index()
    articles = corpus()
    with monkeypatch.context() as old_release:  # documents as the release before wrote them
        for name in ("to_source", "quote_source"):
            written = getattr(writes_module, name)
            old_release.setattr(writes_module, name, lambda *a, _written=written: {
                key: value for key, value in _written(*a).items() if key != "tie"})
        assert not backend.upsert(articles[:-3]).failed
    backend.admin.mapping_path, backend.quotes_admin.mapping_path = MAPPING_PATH, QUOTES_MAPPING_PATH

    notice = ElasticBackend.from_config(elastic_engine.config("ties")).upgrade_notice()  # a new release starts
    assert "tie code" in notice and "python -m loaders reindex" in notice
    for alias in (backend.alias, backend.quotes_alias):
        mapping = backend.client.indices.get_mapping(index=alias).body
        assert next(iter(mapping.values()))["mappings"]["properties"]["tie"] == {"type": "integer"}
    assert not backend.upsert(articles[-3:]).failed  # strict mapping, new documents with a tie

    def paged(sort: str) -> list[str]:
        request, seen = SearchRequest(parse(""), size=2, sort=sort, highlight=False), []
        while True:
            page = backend.search(request)
            seen += [hit.id for hit in page.hits]
            if not page.next_cursor:
                return seen
            request = dataclasses.replace(request, cursor=page.next_cursor)

    before = paged("newest")
    assert sorted(before) == sorted(a["id"] for a in articles)  # every article once
    result = backend.reindex()
    assert result.documents == len(articles)
    assert backend.upgrade_notice() is None
    expected = [a["id"] for a in sorted(articles, key=lambda a: (-sort_keys(published_at(a), a["id"])[0], a["id"]))]
    assert paged("newest") == expected
    assert before != expected  # the old documents' ties were 0 until the reindex


def test_articles_written_before_mapping_v5_sort_last_by_ingestion_until_reindex_derives_it(
        elastic_engine, monkeypatch, tmp_path):
    """Articles mapping v5 added `ingested_key` (sort=ingested). An index of v4 gets the
    field at start; its articles, without a value, sort last and still page once each;
    `reindex` derives their keys from the `ingested_at` each stores."""
    from datetime import datetime, timezone

    from loaders.pipeline import prepare
    from service.backends.elastic_document import MAPPING_PATH

    from .contract.corpus import REFERENCE

    backend = ElasticBackend.from_config(elastic_engine.config("ingested"))
    older = index_body(MAPPING_PATH)
    older["mappings"]["_meta"]["schema_version"] = 4
    del older["mappings"]["properties"]["ingested_key"]
    backend.admin.mapping_path = tmp_path / MAPPING_PATH.name
    backend.admin.mapping_path.write_text(json.dumps(older))
    backend.ensure_index()

    def story(n: int, written: str) -> dict:
        return prepare({"url": f"https://example.org/ingested/{n}", "headline": f"Ferry {n}",
                        "body": [f"Ferry route {n} resumed."]}, REFERENCE,
                       now=datetime.fromisoformat(written).replace(tzinfo=timezone.utc))

    old = [story(1, "2025-01-03T00:00:00"), story(2, "2025-01-01T00:00:00"), story(3, "2025-01-02T00:00:00")]
    with monkeypatch.context() as old_release:  # written as the release before wrote them
        written = writes_module.to_source
        old_release.setattr(writes_module, "to_source", lambda *a: {
            key: value for key, value in written(*a).items() if key != "ingested_key"})
        assert not backend.upsert(old).failed
    backend.admin.mapping_path = MAPPING_PATH

    notice = ElasticBackend.from_config(elastic_engine.config("ingested")).upgrade_notice()  # a new release
    assert "sort=ingested lists them last" in notice
    mapping = backend.client.indices.get_mapping(index=backend.alias).body
    assert next(iter(mapping.values()))["mappings"]["properties"]["ingested_key"] == {"type": "long"}
    new = story(4, "2024-12-01T00:00:00")
    assert not backend.upsert([new]).failed

    def paged() -> list[str]:
        request, seen = SearchRequest(parse(""), size=1, sort="ingested", highlight=False), []
        while True:
            page = backend.search(request)
            seen += [hit.id for hit in page.hits]
            if not page.next_cursor:
                return seen
            request = dataclasses.replace(request, cursor=page.next_cursor)

    before = paged()
    assert before[0] == new["id"] and sorted(before[1:]) == sorted(a["id"] for a in old)  # the old ones last
    assert backend.reindex().documents == 4
    assert backend.upgrade_notice() is None
    assert paged() == [old[0]["id"], old[2]["id"], old[1]["id"], new["id"]]


def test_quotes_written_before_mapping_v4_get_their_article_order_from_reindex(elastic_engine, monkeypatch,
                                                                              tmp_path):
    """Quotes mapping v4 gave a quote's tie code its place in its article (date_keys.tie_code).
    Quotes an older release wrote keep a hash of their id as code, scrambled within their
    article, until `reindex` derives the codes anew; the start-up notice says so."""
    from loaders.pipeline import prepare
    from service.backends import elastic_document
    from service.backends.date_keys import _hashed
    from service.backends.elastic_document import QUOTES_MAPPING_PATH

    from .contract.corpus import REFERENCE, _article, _as_given

    backend = ElasticBackend.from_config(elastic_engine.config("quote-order"))
    older = index_body(QUOTES_MAPPING_PATH)
    older["mappings"]["_meta"]["schema_version"] = 3
    backend.quotes_admin.mapping_path = tmp_path / QUOTES_MAPPING_PATH.name
    backend.quotes_admin.mapping_path.write_text(json.dumps(older))
    backend.ensure_index()
    said = [f"point {n} of the budget" for n in range(12)]
    article = prepare(_article("budget-1", "Budget hearing", [f"“{text}”, she said." for text in said],
                               outlet="Reuters", published="2025-03-03T10:00:00Z",
                               quotes=[{"text": text, "kind": "direct", "speaker": "Ann Lee", "source": "Ann Lee"}
                                       for text in said],
                               sources=[{"name": "Ann Lee", "kind": "person"}]),
                      REFERENCE, extractor=_as_given)
    with monkeypatch.context() as old_release:  # a quote's code was a hash of its id
        old_release.setattr(elastic_document, "tie_code", _hashed)
        assert not backend.upsert([article]).failed
    backend.quotes_admin.mapping_path = QUOTES_MAPPING_PATH

    notice = ElasticBackend.from_config(elastic_engine.config("quote-order")).upgrade_notice()
    assert "not in article order" in notice and "python -m loaders reindex" in notice

    def listed() -> list[str]:
        return [hit.id for hit in backend.search_quotes(QuoteSearchRequest(parse(""), size=20, sort="newest",
                                                                           highlight=False)).hits]

    in_article = [f"budget-1#q{n}" for n in range(12)]
    assert sorted(listed()) == sorted(in_article) and listed() != in_article
    backend.reindex()
    assert backend.upgrade_notice() is None
    assert listed() == in_article


def test_an_item_the_engine_is_still_too_busy_for_is_unavailable_not_a_reject(elastic_engine, monkeypatch):
    """A bulk item refused with 429 (es_rejected_execution_exception) past the
    retries is the engine's overload, not the article's fault: the write is a
    503 the client retries (the loader exits 75), never a 422 `invalid_article`
    nor a line in the rejects file; the article is taken out whole and a re-run
    writes it."""
    backend = elastic_engine.backend("overloaded")
    real = writes_module.streaming_bulk
    busy = {"type": "es_rejected_execution_exception", "reason": "rejected execution of coordinating operation"}

    def overloaded(client, actions, **options):
        for ok, item in real(client, actions, **options):
            (op, outcome), = item.items()
            if str(outcome.get("_id")).startswith("c-okafor-2"):  # the article and its quote
                ok, item = False, {op: {"_id": outcome["_id"], "status": 429, "error": busy}}
            yield ok, item

    monkeypatch.setattr(writes_module, "streaming_bulk", overloaded)
    result = WriteResult()
    with pytest.raises(BackendUnavailable) as raised:
        backend.upsert(corpus(), result)
    assert raised.value.retry_after > 0 and "429" in raised.value.message
    assert result.failed == []
    assert backend.get("c-okafor-2") is None and _quotes_of(backend, "c-okafor-2") == 0

    monkeypatch.setattr(writes_module, "streaming_bulk", real)
    rerun = backend.upsert(corpus())
    assert rerun.counts["failed"] == 0 and "c-okafor-2" in rerun.indexed
    assert backend.get("c-okafor-2") is not None and _quotes_of(backend, "c-okafor-2") == 1


def _always_busy(self, *, operations, **options):
    """`Elasticsearch.bulk` of an engine refusing every item as too busy (429)."""
    busy = {"type": "es_rejected_execution_exception", "reason": "rejected execution of coordinating operation"}
    items = []
    for line in operations:
        action = json.loads(line)
        (op, meta), = action.items() if len(action) == 1 else ((None, None),)
        if op in ("index", "create", "delete", "update") and isinstance(meta, dict) and "_id" in meta:
            items.append({op: {"_index": meta.get("_index"), "_id": meta["_id"], "status": 429, "error": busy}})
    return types.SimpleNamespace(body={"took": 1, "errors": True, "items": items})


def test_a_post_on_an_overloaded_engine_is_a_503_within_seconds(elastic_engine, monkeypatch):
    """The service's backend retried busy items as a load does: 1 + 2 + 4 + 8 + 16 s
    of backoff before its 503, past the 30 s a client or a proxy waits. A
    write a client waits on now retries for 1.5 s; a load still waits 31 s."""
    config = dataclasses.replace(elastic_engine.config("overloaded-post"), api_key="k")
    waited = []
    monkeypatch.setattr(bulk_helpers.time, "sleep", waited.append)
    monkeypatch.setattr(Elasticsearch, "bulk", _always_busy)
    response = create_app(config).test_client().post("/articles", headers={"Authorization": "Bearer k"}, json={
        "headline": "Harbour pilots strike", "body": ["Pilots walked out at dawn."],
        "url": "https://example.org/pilots"})
    assert response.status_code == 503 and response.get_json()["code"] == "backend_unavailable"
    assert int(response.headers["Retry-After"]) > 0
    assert sum(waited) <= 2.0, waited
    waited.clear()
    with pytest.raises(BackendUnavailable):
        ElasticBackend.from_config(config).upsert(corpus()[:1])  # a load's backend
    assert sum(waited) >= 30, waited


def test_a_scrape_answers_in_time_while_the_engine_hangs(recorder):
    """/metrics counts the articles at each scrape: on an engine that does not
    answer, that count waited ELASTICSEARCH_TIMEOUT_SECONDS (10 s by default,
    Prometheus' own scrape timeout), so the scrape failed, and with it every
    request count, just when the 5xx counts mattered. The count now gives up
    after a couple of seconds and the gauge keeps its last value."""
    config = _config(recorder, elasticsearch_timeout_seconds=30)
    app = create_app(config, backend=ElasticBackend.from_config(config))
    _Recorder.delay = 4.0
    started = time.perf_counter()
    response = app.test_client().get("/metrics")
    assert response.status_code == 200 and b"news_index_http_requests_total" in response.data
    assert time.perf_counter() - started < 3.5


def test_a_count_may_take_a_shorter_timeout_but_never_a_longer_one(recorder):
    _Recorder.delay = 1.0
    backend = ElasticBackend.from_config(_config(recorder, elasticsearch_timeout_seconds=0.3))
    started = time.perf_counter()
    with pytest.raises(SearchTimeout):
        backend.count(timeout=5)  # the configured 0.3 s still holds
    assert time.perf_counter() - started < 0.9
    with pytest.raises(SearchTimeout):
        ElasticBackend.from_config(_config(recorder, elasticsearch_timeout_seconds=30)).count(timeout=0.3)


def test_an_engine_refusing_the_versioned_media_type_names_the_setting(elastic_engine):
    """OpenSearch and osmem answer 406 to elasticsearch-py's versioned media
    type: every search was a 503 quoting the Content-Type, with nothing to say
    that ELASTICSEARCH_PLAIN_JSON=true is the fix."""
    config = dataclasses.replace(elastic_engine.config("versioned"), elasticsearch_plain_json=False)
    backend = ElasticBackend.from_config(config)
    with pytest.raises(BackendUnavailable) as raised:
        backend.search(SearchRequest(parse("red")))
    assert "406" in raised.value.message and "ELASTICSEARCH_PLAIN_JSON=true" in raised.value.message


def test_a_delete_sent_again_after_a_timeout_takes_out_the_quotes_left_behind(elastic_engine, monkeypatch):
    """The article went, its quotes' delete timed out (504 write_timeout): the
    DELETE sent again found no article and answered 404 without touching the
    quotes, which stayed in /quotes for good, pointing at nothing. And the 504
    told the client to send the same articles again, advice for a write."""
    backend = elastic_engine.backend("delete-again")
    article = next(a for a in corpus() if a["id"] == "c-okafor-2")
    backend.upsert([article])
    assert _quotes_of(backend, "c-okafor-2") == 1
    real = backend.client.delete_by_query

    def timed_out(**kwargs):
        raise ConnectionTimeout("timed out")

    monkeypatch.setattr(backend.client, "delete_by_query", timed_out)
    with pytest.raises(WriteTimeout) as raised:
        backend.delete("c-okafor-2")
    assert "DELETE again" in raised.value.message and "send the same articles" not in raised.value.message
    monkeypatch.setattr(backend.client, "delete_by_query", real)
    assert backend.delete("c-okafor-2") is False  # the article was gone: 404, as before
    assert _quotes_of(backend, "c-okafor-2") == 0


def test_each_mapping_file_lists_only_its_own_version_changes(elastic_engine, tmp_path):
    """Each file counts its own versions: an articles index of version 4 is told of the
    articles' change 5 (ingested_key), never of the quotes' change 5 (their names' gap)
    nor of the quotes' change 4."""
    from service.backends.elastic_document import MAPPING_PATH

    backend = ElasticBackend.from_config(elastic_engine.config("version-notes"))
    older = index_body(MAPPING_PATH)
    older["mappings"]["_meta"]["schema_version"] = 4
    backend.admin.mapping_path = tmp_path / MAPPING_PATH.name
    backend.admin.mapping_path.write_text(json.dumps(older))
    backend.ensure_index()
    backend.admin.mapping_path = MAPPING_PATH
    notice = backend.admin.upgrade_notice()
    assert notice is not None and "schema version 4" in notice and "sort=ingested lists them last" in notice
    assert "its names and headlines" not in notice and "quotes of one article" not in notice


def test_quotes_written_lately_are_made_searchable_before_a_replaced_articles_are_deleted(
        elastic_engine, monkeypatch):
    """The old quotes of a replaced article are deleted by query, which sees only what was
    refreshed: in a large load (refresh off) an article rewritten in a later batch kept the
    quotes its first version had and the second has not. osmem sees writes at once, so the
    order of the requests is what is held here: a refresh of the quotes first, and only
    for a batch that replaces an article."""
    from loaders.pipeline import prepare

    from .contract.corpus import REFERENCE, _as_given

    backend = ElasticBackend.from_config(elastic_engine.config("replaced-quotes"))
    backend.ensure_index()

    def story(quotes: list[str]) -> dict:
        return prepare({"id": "replaced-1", "headline": "Harbour", "body": ["The harbour said so."],
                        "quotes": [{"text": text, "speaker": "Ana Reyes", "source": "Ana Reyes"} for text in quotes],
                        "sources": [{"name": "Ana Reyes", "kind": "person"}]}, REFERENCE, extractor=_as_given)

    calls: list[str] = []
    refresh, delete_by_query = backend.client.indices.refresh, backend.client.delete_by_query

    def recorded_refresh(**kwargs):
        calls.append(f"refresh {kwargs.get('index')}")
        return refresh(**kwargs)

    def recorded_delete(**kwargs):
        calls.append(f"delete_by_query {kwargs.get('index')}")
        return delete_by_query(**kwargs)

    monkeypatch.setattr(backend.client.indices, "refresh", recorded_refresh)
    monkeypatch.setattr(backend.client, "delete_by_query", recorded_delete)
    assert not backend.upsert([story(["one quote", "another quote"])]).failed
    first = list(calls)
    assert first[0] == f"delete_by_query {backend.quotes_alias}"  # a new article: nothing to see first
    calls.clear()
    assert backend.upsert([story(["one quote"])]).updated == ["replaced-1"]
    assert calls[:2] == [f"refresh {backend.quotes_alias}", f"delete_by_query {backend.quotes_alias}"]
    quotes = backend.search_quotes(QuoteSearchRequest(parse(""), size=10))
    assert [hit.article["text"] for hit in quotes.hits] == ["one quote"]


def test_reindex_lists_a_source_cited_in_two_spellings_once(elastic_engine, monkeypatch):
    """A release before kept a source entry per spelling, so /sources counted an article
    citing "Agriculture Department." and "Agriculture Department" twice. `_reindex` copies
    the stored entries; the reindex derives them anew from the article's sources."""
    from loaders.pipeline import prepare
    from service.backends.base import Filters

    from .contract.corpus import REFERENCE, _as_given

    backend = ElasticBackend.from_config(elastic_engine.config("source-entries"))
    backend.ensure_index()
    article = prepare({"id": "usda-1", "headline": "Crop report", "body": ["The Agriculture Department said so."],
                       "sources": [{"name": "Agriculture Department.", "kind": "organization"},
                                   {"name": "Agriculture Department", "kind": "organization"}]},
                      REFERENCE, extractor=_as_given)
    with monkeypatch.context() as old_release:  # an entry per spelling, as before
        written = writes_module.to_source
        old_release.setattr(writes_module, "to_source", lambda *a: {
            **written(*a), "source_entry_facet": ["organization|Agriculture Department.",
                                                  "organization|Agriculture Department"]})
        assert not backend.upsert([article]).failed
    assert sum(row["articles"] for row in backend.source_counts(Filters.build(), 10)) == 2  # one article
    backend.reindex()
    assert backend.source_counts(Filters.build(), 10) == [
        {"name": "Agriculture Department.", "kind": "organization", "articles": 1}]


def test_a_paragraph_indexed_as_an_older_release_split_its_words_is_still_highlighted(elastic_engine, monkeypatch):
    """Documents keep the text an older release indexed (`_reindex` copies it as it is): "14,000"
    and "reuters_biz" whole. The highlighter matched the engine's marked values to the paragraphs
    as this release indexes them, so a paragraph written before was found and never marked."""
    from loaders.pipeline import prepare
    from service.backends import elastic_document
    from service.backends.elastic_document import index_text_as_before

    from .contract.corpus import REFERENCE

    backend = elastic_engine.backend("highlight-as-before")
    article = prepare({"url": "https://example.org/flood/1", "headline": "Brenning counts the cost",
                       "body": ["The flood swept through this town of 14,000 on Oct. 15.",
                                "The flood barrier (@Brenning_Council) is still unbuilt."]}, REFERENCE)
    with monkeypatch.context() as old_release:  # indexed as the release before indexed it
        old_release.setattr(elastic_document, "index_text", index_text_as_before)
        assert not backend.upsert([article]).failed
    hit = backend.search(SearchRequest(parse("flood"))).hits[0]
    assert hit.highlights["body"] == ["The <em>flood</em> swept through this town of 14,000 on Oct. 15.",
                                      "The <em>flood</em> barrier (@Brenning_Council) is still unbuilt."]


def test_greek_indexed_with_its_accents_by_an_older_release_is_found_as_typed(elastic_engine, monkeypatch):
    """This release indexes Greek without accents (letter_folding.py); a document an older
    release wrote keeps them until it is written again, and a query's words as typed still find
    and mark it (`on_field` asks for both)."""
    from loaders.pipeline import prepare
    from service.backends import elastic_document
    from service.backends.elastic_document import index_text_as_before

    from .contract.corpus import REFERENCE

    backend = elastic_engine.backend("greek-as-before")
    article = prepare({"url": "https://example.org/el/1", "headline": "Νέα μέτρα στην Αθήνα",
                       "body": ["Ο Κυριάκος Μητσοτάκης ανακοίνωσε νέα μέτρα για την Αθήνα."]}, REFERENCE)
    with monkeypatch.context() as old_release:
        old_release.setattr(elastic_document, "index_text", index_text_as_before)
        assert not backend.upsert([article]).failed
    [hit] = backend.search(SearchRequest(parse("Αθήνα"))).hits
    assert hit.highlights["headline"] == "Νέα μέτρα στην <em>Αθήνα</em>"
    assert backend.search(SearchRequest(parse("Αθηνα"))).hits == []  # until written again
    assert not backend.upsert([{**article, "content_hash": None}]).failed
    assert [hit.id for hit in backend.search(SearchRequest(parse("Αθηνα"))).hits] == [article["id"]]


def test_an_article_whose_quotes_never_landed_is_written_whole_when_sent_again(elastic_engine, monkeypatch):
    """A write cut off after the article's bulk request (a timeout, a killed load) left the article
    with its new content hash and none of its quotes, which were deleted before: sent again, as the
    504 `write_timeout` advises and a re-run of the load does, it was unchanged, the quotes gone for good."""
    backend = elastic_engine.backend("quotes-cut-off")
    article = next(a for a in corpus() if a["id"] == "c-okafor-2")
    real = writes_module.streaming_bulk

    def cut_off(client, actions, **options):  # the requests go one at a time: the second one times out
        sent = list(actions)
        yield from real(client, sent[:1], **options)
        raise ConnectionTimeout("timed out")

    monkeypatch.setattr(writes_module, "streaming_bulk", cut_off)
    with pytest.raises(WriteTimeout):
        backend.upsert([article])
    monkeypatch.setattr(writes_module, "streaming_bulk", real)
    again = backend.upsert([article])
    assert again.counts["failed"] == 0
    assert backend.get("c-okafor-2") is not None and _quotes_of(backend, "c-okafor-2") == 1


def test_documents_written_before_mapping_v6_get_their_authors_and_tags_from_reindex(elastic_engine, monkeypatch,
                                                                                      tmp_path):
    """Mapping v6 (both files) added `author_*`, `tag_*` and the byline text `author`. An index
    of v5 gets the fields at start; its documents hold no values, so `author=` and `author:`
    find none of them, until `reindex` derives them: an article's from the `authors` and
    `tags` it stores, a quote's from its article."""
    from loaders.pipeline import prepare
    from service.backends.elastic_document import MAPPING_PATH, QUOTES_MAPPING_PATH

    from .contract.corpus import REFERENCE

    added = ("author_key", "author_facet", "tag_key", "tag_facet", "author")
    backend = ElasticBackend.from_config(elastic_engine.config("bylines-v5"))
    for admin, path in ((backend.admin, MAPPING_PATH), (backend.quotes_admin, QUOTES_MAPPING_PATH)):
        older = index_body(path)
        older["mappings"]["_meta"]["schema_version"] = 5
        for name in added:
            del older["mappings"]["properties"][name]
        admin.mapping_path = tmp_path / path.name
        admin.mapping_path.write_text(json.dumps(older))
    backend.ensure_index()
    stories = [prepare({"url": f"https://example.org/byline/{n}", "headline": f"Harbour story {n}",
                        "authors": authors, "tags": ["Harbour"],
                        "body": [f'"Berth {n} reopens," said harbourmaster Ida Sand.']}, REFERENCE)
               for n, authors in ((1, ["Lena Okafor"]), (2, ["Lena Okafor", "Jon Berg"]), (3, ["Jon Berg"]))]

    def without_new_fields(write):
        return lambda *a: {key: value for key, value in write(*a).items() if key not in added}

    with monkeypatch.context() as old_release:  # written as the release before wrote them
        old_release.setattr(writes_module, "to_source", without_new_fields(writes_module.to_source))
        old_release.setattr(writes_module, "quote_source", without_new_fields(writes_module.quote_source))
        assert not backend.upsert(stories).failed
    backend.admin.mapping_path, backend.quotes_admin.mapping_path = MAPPING_PATH, QUOTES_MAPPING_PATH

    notice = ElasticBackend.from_config(elastic_engine.config("bylines-v5")).upgrade_notice()  # a new release
    assert "author= and tag= find none of them" in notice

    def found(**keywords) -> tuple[list[str], list[str]]:
        filters = Filters.build(**keywords)
        articles = backend.search(SearchRequest(parse(""), filters=filters, size=10, highlight=False))
        quotes = backend.search_quotes(QuoteSearchRequest(parse(""), filters=filters, size=10, highlight=False))
        return sorted(hit.id for hit in articles.hits), sorted(hit.id.partition("#q")[0] for hit in quotes.hits)

    def scoped(q: str) -> tuple[list[str], list[str]]:
        articles = backend.search(SearchRequest(parse(q), size=10, highlight=False))
        quotes = backend.search_quotes(QuoteSearchRequest(parse(q), size=10, highlight=False))
        return sorted(hit.id for hit in articles.hits), sorted(hit.id.partition("#q")[0] for hit in quotes.hits)

    assert found(author=["Lena Okafor"]) == ([], []) and scoped("author:okafor") == ([], [])
    assert backend.reindex().documents == 3
    assert backend.upgrade_notice() is None
    first, second, third = (story["id"] for story in stories)
    assert found(author=["Lena Okafor"]) == (sorted([first, second]), sorted([first, second]))
    assert found(author=["jon berg"], tag=["harbour"]) == (sorted([second, third]), sorted([second, third]))
    assert scoped("author:okafor") == (sorted([first, second]), sorted([first, second]))
    facets = backend.search(SearchRequest(parse(""), facets=("author",), size=1)).facets["author"]
    assert {bucket["value"]: bucket["count"] for bucket in facets} == {"Lena Okafor": 2, "Jon Berg": 2}


def _edition(headline: str, *said: str) -> dict:
    """One version of the article two editors race on, with a quote per sentence said."""
    from loaders.pipeline import prepare

    from .contract.corpus import REFERENCE, _article, _as_given

    body = [f"“{words}”, she said." for words in said]
    return prepare(_article("claimed-1", headline, body, outlet="Reuters", published="2025-03-03T10:00:00Z",
                            quotes=[{"text": words, "kind": "direct", "speaker": "Ann Lee", "source": "Ann Lee",
                                     "paragraph": n} for n, words in enumerate(said)],
                            sources=[{"name": "Ann Lee", "kind": "person"}]),
                   REFERENCE, extractor=_as_given)


def _holds_of(version: dict):
    """The condition an If-Match with `version`'s ETag stands for."""
    return lambda stored: stored is not None and stored["content_hash"] == version["content_hash"]


@pytest.fixture()
def overtaken(elastic_engine):
    """Two workers on one alias (the first holding the original article) and three editions:
    the original, the first editor's (two quotes), and the second's (one quote), made from the first's."""
    first = elastic_engine.backend("overtaken")
    second = ElasticBackend.from_config(elastic_engine.config("overtaken"))
    original = _edition("Harbour levy agreed", "the levy starts in May")
    mine = _edition("Harbour levy agreed for June", "the levy starts in June", "boats pay half")
    theirs = _edition("Harbour levy agreed for July", "the levy starts in July")
    first.upsert([original])
    yield first, second, original, mine, theirs
    second.close()


def _quotes_now(backend, article_id: str) -> list[str]:
    backend.client.indices.refresh(index=backend.quotes_alias)
    return [quote["text"] for quote in backend.article_quotes(article_id)]


def _first_refused_theirs_stands(overtaken) -> None:
    """The first editor's write answers 412 with the second's version, which stands, quotes and all."""
    first, _, original, mine, theirs = overtaken
    with pytest.raises(PreconditionFailed) as refused:
        first.upsert([mine], expected=_holds_of(original))
    assert refused.value.current["content_hash"] == theirs["content_hash"]
    assert first.get("claimed-1")["headline"] == theirs["headline"]
    assert _quotes_now(first, "claimed-1") == ["the levy starts in July"]


def test_a_claim_overtaken_before_its_write_answers_412_and_the_later_edit_stands(overtaken, monkeypatch):
    """A second editor who read the first one's claimed version (a GET in those milliseconds) and wrote
    over it used to be overwritten by the first write's last step: both answered 200, the later edit lost.
    The first write now finds its claim gone before it touches the quotes: a 412, nothing of it left."""
    from service.backends import elastic_conditional

    first, second, original, mine, theirs = overtaken
    real = elastic_conditional.claim
    paused = []

    def claim_then_pause(client, alias, article, version):
        claimed = real(client, alias, article, version)
        if not paused:  # the first writer's claim: the second editor's whole write runs now
            paused.append(article["id"])
            assert second.upsert([theirs], expected=_holds_of(mine)).updated == ["claimed-1"]
        return claimed

    monkeypatch.setattr(elastic_conditional, "claim", claim_then_pause)
    _first_refused_theirs_stands(overtaken)


def test_a_claim_overtaken_during_its_last_bulk_is_refused_there_and_leaves_no_quote(overtaken, monkeypatch):
    """The same race a step later: the second editor claims while the first write's bulk request is on
    its way, and has deleted the article's quotes when the first one's land. The first write's article,
    conditional on its claim, is refused (409); its quote no one rewrote since (the second edition has
    one quote, the first two) is taken out again, so no quote of it outlives the refusal."""
    first, second, original, mine, theirs = overtaken
    real = writes_module.streaming_bulk
    held: list = []  # the first writer's bulk request, sent once the second has deleted the quotes

    def interleaved(client, actions, **options):
        actions = list(actions)
        if not held:  # the first writer's bulk: the second editor reads the claimed version and claims
            held.append((client, actions, options))
            source, version = read_versioned(second.client, second.alias, "claimed-1")
            assert _holds_of(mine)(stored_article(source))
            claimed = claim(second.client, second.alias, theirs, version)
            written = WriteResult()
            second.writes.write_all([theirs], written, claims={"claimed-1": claimed})
            assert written.updated == ["claimed-1"]
            yield from held[1]
            return
        # the second writer's bulk: its quotes are deleted; the first writer's request lands now, then its own
        held.append(list(real(*held[0][:2], **held[0][2])))
        yield from real(client, actions, **options)

    monkeypatch.setattr(writes_module, "streaming_bulk", interleaved)
    _first_refused_theirs_stands(overtaken)
