"""A write spanning several commits, each committed while the next batch is built,
ends exactly as the same write in one batch: no duplicate, the last copy wins,
and quotes of one statement join across batches (tantivy, no HTTP)."""
from __future__ import annotations

import pytest

import service.backends.embedded as embedded
from service.backends.base import SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.query import parse

QUOTE = "We will rebuild the harbour wall before the winter storms arrive"


def _article(n: int, version: int = 0) -> dict:
    text = QUOTE if n % 3 else QUOTE.replace("harbour", "sea")  # near copies: one statement
    return {
        "id": f"batch-{n}", "headline": f"Harbour works {n} v{version}",
        "body": [f"The quillwort harbour report {n}, version {version}."],
        "content_hash": f"h{n}-{version}", "language": "en", "authors": [], "tags": [],
        "dateline": {}, "sources": [],
        "quotes": [{"text": text, "speaker": f"Mayor {n % 4}", "kind": "direct", "paragraph": 0}],
    }


def _write(tmp_path, name: str, articles: list[dict]) -> EmbeddedBackend:
    backend = EmbeddedBackend(tmp_path / name)
    result = backend.upsert(articles)
    assert result.counts["failed"] == 0
    return backend


def _state(backend: EmbeddedBackend, count: int) -> tuple:
    articles = backend.get_many([f"batch-{n}" for n in range(count)])
    quotes = [q for n in range(count) for q in backend.article_quotes(f"batch-{n}")]
    return (backend.count(), {i: a["headline"] for i, a in articles.items()},
            sorted(q["id"] for q in quotes), {q["statement_id"] for q in quotes})


@pytest.mark.parametrize("commit_every, lookup_chunk, max_waiting",
                         [(1, 1, 500), (7, 3, 500), (7, 500, 500), (12, 5, 500), (7, 3, 1), (12, 5, 2)])
def test_batches_committed_in_the_background_equal_one_batch(tmp_path, monkeypatch, commit_every, lookup_chunk,
                                                             max_waiting):
    # 30 articles, then 10 of them again (changed) and 5 unchanged: the repeats land
    # while the batch holding their first copy may still be committing.
    articles = [_article(n) for n in range(30)]
    articles += [_article(n, version=1) for n in range(20, 30)] + [_article(n) for n in range(5)]
    whole = _state(_write(tmp_path, "whole", articles), 30)
    monkeypatch.setattr(embedded, "COMMIT_EVERY", commit_every)
    monkeypatch.setattr(embedded, "LOOKUP_CHUNK", lookup_chunk)  # repeats in and across lookups
    monkeypatch.setattr(embedded, "MAX_WAITING", max_waiting)
    batched_backend = EmbeddedBackend(tmp_path / "batched")
    result = batched_backend.upsert(articles)
    assert result.counts == {"indexed": 30, "updated": 10, "unchanged": 5, "failed": 0}
    batched = _state(batched_backend, 30)
    assert batched == whole
    assert batched[0] == 30
    assert batched[1]["batch-25"] == "Harbour works 25 v1"
    assert len(batched[3]) == 1  # every near copy joined the first quote's statement
    assert batched_backend.search(SearchRequest(parse("quillwort"))).total == 30


def test_a_copy_in_a_later_lookup_chunk_sees_the_write_before_it_not_the_index(tmp_path, monkeypatch):
    # batch-0 is indexed, then rewritten and repeated in one write whose lookups
    # go two articles at a time: the repeat compares with the rewrite.
    monkeypatch.setattr(embedded, "LOOKUP_CHUNK", 2)
    backend = _write(tmp_path, "chunks", [_article(0)])
    result = backend.upsert([_article(0, version=1), _article(1), _article(0, version=1)])
    assert result.counts == {"indexed": 1, "updated": 1, "unchanged": 1, "failed": 0}
    assert backend.count() == 2
    assert backend.get_many(["batch-0"])["batch-0"]["headline"] == "Harbour works 0 v1"
    assert len(backend.article_quotes("batch-0")) == 1


def test_documents_waiting_for_a_slow_commit_are_bounded(tmp_path, monkeypatch):
    """While a commit runs the writing thread builds ahead, but at most MAX_WAITING
    articles' documents: then it waits for the commit instead of holding a batch."""
    import time

    from service.backends import tantivy_writes

    commit = tantivy_writes.BackgroundCommits._commit

    def slow_commit(self):
        time.sleep(0.2)
        commit(self)

    held = []
    add = embedded.add_documents

    def counting_add(writer, waiting):
        held.append(len(waiting))
        add(writer, waiting)

    monkeypatch.setattr(tantivy_writes.BackgroundCommits, "_commit", slow_commit)
    monkeypatch.setattr(embedded, "add_documents", counting_add)
    monkeypatch.setattr(embedded, "COMMIT_EVERY", 20)
    monkeypatch.setattr(embedded, "LOOKUP_CHUNK", 10)
    monkeypatch.setattr(embedded, "MAX_WAITING", 4)
    backend = _write(tmp_path, "bounded", [_article(n) for n in range(60)])
    assert max(held) <= 4 + 1  # and the chunk's facet dictionary entry
    assert max(held) >= 4  # the commits were slow enough to build ahead
    assert backend.count() == 60


def test_a_batch_of_many_new_quotes_commits_early_and_ends_as_one_batch(tmp_path, monkeypatch):
    """A batch commits once its new quotes' band keys reach PENDING_KEYS, however
    few its articles: what a write holds of them stays bounded, and the write ends
    as the same write in one batch (near copies across batches still join)."""
    from service.backends import tantivy_writes
    from service.statements import StatementAssigner

    def article(n: int) -> dict:
        return {**_article(n), "quotes": [{"text": f"{QUOTE} in district {n % 7}, said the mayor of town {n}",
                                           "speaker": "Mayor", "kind": "direct", "paragraph": 0}]}

    articles = [article(n) for n in range(24)]
    whole = _state(_write(tmp_path, "whole", articles), 24)
    held, commits = [], []
    rebase = StatementAssigner.rebase
    start = tantivy_writes.BackgroundCommits.start
    monkeypatch.setattr(StatementAssigner, "rebase", lambda self, *a, **k: held.append(len(self.pending))
                        or rebase(self, *a, **k))
    monkeypatch.setattr(tantivy_writes.BackgroundCommits, "start", lambda self, hashes: commits.append(len(hashes))
                        or start(self, hashes))
    monkeypatch.setattr(embedded, "LOOKUP_CHUNK", 2)
    monkeypatch.setattr(embedded, "PENDING_KEYS", 64)  # two new wordings' keys
    batched = _write(tmp_path, "batched", articles)
    assert _state(batched, 24) == whole
    # Commits of a few articles (near copies share keys), not one of COMMIT_EVERY articles.
    assert sum(commits) == 24 and len(commits) >= 4
    assert max(held) <= 64 + 2 * 32


def test_a_write_collects_less_often_and_restores_the_thresholds_after(tmp_path, monkeypatch):
    import gc

    from service.backends import tantivy_writes

    seen = []
    monkeypatch.setattr(embedded.EmbeddedBackend, "_write_batch",
                        lambda self, *args: seen.append(gc.get_threshold()) and False)
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with tantivy_writes.fewer_collections():  # an outer write (or another thread's) still running
            EmbeddedBackend(tmp_path).upsert(iter([]))
            assert gc.get_threshold() == (tantivy_writes.WRITE_GC_THRESHOLD, 10, 10)
        assert seen == [(tantivy_writes.WRITE_GC_THRESHOLD, 10, 10)]
        assert gc.get_threshold() == (700, 10, 10)
        with pytest.raises(RuntimeError), tantivy_writes.fewer_collections():
            raise RuntimeError("a failed write restores them too")
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
