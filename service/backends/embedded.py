"""The embedded default backend: a tantivy index in `NEWS_INDEX_DATA_DIR`.

Readers in any number of processes open the index and reload when a commit
lands (they watch `meta.json`). Tantivy allows one writer at a time across
processes; a write waits up to `write_wait_seconds` for it and then raises
`IndexBusy` (503 with Retry-After). One article is one tantivy document, and
an update deletes and adds it in the same commit, so no reader ever sees a
torn or doubled article.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import tantivy
from tantivy import Occur, Query

from ..errors import IndexBusy
from .base import (
    FACETS, KEYWORD_FILTERS, MAX_RELEVANCE_WINDOW, Cursor, SearchBackend, SearchHit,
    SearchPage, SearchRequest, WriteResult, next_cursor,
)
from .document import derived_fields, summary
from .highlight import Highlighter
from .tantivy_query import TantivyQueryCompiler
from .tantivy_schema import MISSING_KEY, NAME_TEXT, PAIRED_TEXT, SCHEMA_VERSION, build_schema, register_analyzers

log = logging.getLogger(__name__)
COMMIT_EVERY = 5_000
_SORT_FIELDS = {"newest": "newest_key", "oldest": "oldest_key"}


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, data_dir: Path | str, write_wait_seconds: float = 5.0,
                 writer_heap_bytes: int = 64_000_000):
        self.path = Path(data_dir) / f"tantivy-v{SCHEMA_VERSION}"
        self.write_wait_seconds = write_wait_seconds
        self.writer_heap_bytes = writer_heap_bytes
        self.schema = build_schema()
        self.index = self._open()
        self.compiler = TantivyQueryCompiler(self.schema)
        self._meta_stamp = self._stamp()

    # -- opening and freshness -------------------------------------------------
    def _open(self) -> tantivy.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        # Several gunicorn workers may start at once: one creates, the rest open.
        with open(self.path.parent / f".{self.path.name}.create.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        register_analyzers(index)
        return index

    def _stamp(self) -> int:
        try:
            return os.stat(self.path / "meta.json").st_mtime_ns
        except FileNotFoundError:
            return 0

    def _searcher(self) -> tantivy.Searcher:
        stamp = self._stamp()
        if stamp != self._meta_stamp:
            self.index.reload()
            self._meta_stamp = stamp
        return self.index.searcher()

    # -- reads -----------------------------------------------------------------
    def _search(self, request: SearchRequest, cursor: Cursor | None) -> SearchPage:
        started = time.perf_counter()
        searcher = self._searcher()
        text_query = self.compiler.compile(request.query)
        filters = self.compiler.filters(request.filters)
        base = _all_of(text_query, filters)
        sort_field = _SORT_FIELDS.get(request.sort)
        if sort_field:
            clauses = [(Occur.Must, base)]
            if cursor is not None:
                clauses += self.compiler.search_after(sort_field, cursor.key, cursor.seen)
            page_query = Query.boolean_query(clauses) if cursor else base
            result = searcher.search(page_query, request.size + 1, count=True,
                                     order_by_field=sort_field, order=tantivy.Order.Desc)
            total = searcher.search(base, 1, count=True).count if cursor else result.count
        else:
            offset = cursor.offset if cursor else 0
            limit = min(request.size + 1, MAX_RELEVANCE_WINDOW - offset)
            result = searcher.search(base, limit, count=True, offset=offset)
            total = result.count
        rows = result.hits
        more = len(rows) > request.size
        rows = rows[: request.size]
        highlighter = Highlighter(request.query) if request.highlight else None
        hits, keys = [], []
        for score, address in rows:
            document = searcher.doc(address)
            article = json.loads(document.get_first("doc"))
            hits.append(SearchHit(
                id=article["id"],
                score=None if sort_field else float(score),
                article=summary(article),
                highlights=highlighter.highlight(article) if highlighter else {},
            ))
            keys.append(int(score) if sort_field else 0)
        facets = self._facets(searcher, base, request) if request.facets else {}
        return SearchPage(
            total=total, hits=hits, next_cursor=next_cursor(request, cursor, hits, keys, more),
            facets=facets, took_ms=(time.perf_counter() - started) * 1000,
        )

    def _facets(self, searcher, query: Query, request: SearchRequest) -> dict:
        aggregations = {}
        for name in request.facets:
            terms = {"field": f"{name}_facet", "size": request.facet_size}
            if name == "month":
                terms["order"] = {"_key": "desc"}
            aggregations[name] = {"terms": terms}
        raw = searcher.aggregate(query, aggregations)
        return {
            name: [{"value": b["key"], "count": int(b["doc_count"])} for b in raw[name]["buckets"]]
            for name in request.facets
        }

    def _get_many(self, ids: list[str]) -> dict[str, dict]:
        if not ids:
            return {}
        searcher = self._searcher()
        found = {}
        for _, document in self._documents(searcher, ids):
            article = json.loads(document.get_first("doc"))
            found[article["id"]] = article
        return found

    def _documents(self, searcher, ids: list[str]):
        query = Query.term_set_query(self.schema, "id", ids)
        for _, address in searcher.search(query, len(ids), count=False).hits:
            yield address, searcher.doc(address)

    def count(self) -> int:
        return self._searcher().num_docs

    def ready(self) -> bool:
        try:
            self._searcher()
            return True
        except Exception:  # noqa: BLE001 - readiness reports, never raises
            log.exception("embedded index not readable")
            return False

    # -- writes ----------------------------------------------------------------
    @contextmanager
    def writer(self) -> Iterator[tantivy.IndexWriter]:
        """The index's single writer, waited for at most `write_wait_seconds`."""
        deadline = time.monotonic() + self.write_wait_seconds
        while True:
            try:
                writer = self.index.writer(heap_size=self.writer_heap_bytes, num_threads=1)
                break
            except ValueError as error:
                if "LockBusy" not in str(error) or time.monotonic() >= deadline:
                    if "LockBusy" in str(error):
                        raise IndexBusy(
                            "Another process is writing to the index; try again shortly.",
                            retry_after=max(1, int(self.write_wait_seconds)),
                        ) from None
                    raise
                time.sleep(0.05)
        try:
            yield writer
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # also releases the writer lock
            self.index.reload()
            self._meta_stamp = self._stamp()

    def _upsert(self, articles: Iterable[dict]) -> WriteResult:
        result = WriteResult()
        with self.writer() as writer:
            batch: list[dict] = []
            for article in articles:
                batch.append(article)
                if len(batch) >= COMMIT_EVERY:
                    result.merge(self._write_batch(writer, batch))
                    batch = []
            if batch:
                result.merge(self._write_batch(writer, batch))
        return result

    def _write_batch(self, writer: tantivy.IndexWriter, batch: list[dict]) -> WriteResult:
        result = WriteResult()
        self.index.reload()
        searcher = self.index.searcher()
        ids = list(dict.fromkeys(article["id"] for article in batch))
        existing = {
            document.get_first("id"): document.get_first("content_hash")
            for _, document in self._documents(searcher, ids)
        }
        for article in batch:  # in order: a later copy of the same id replaces the earlier
            article_id = article["id"]
            if existing.get(article_id) == article.get("content_hash"):
                result.unchanged.append(article_id)
                continue
            try:
                document = to_document(article)
            except (TypeError, ValueError, KeyError) as error:
                result.failed.append((article_id, f"cannot index: {error}"))
                continue
            writer.delete_documents_by_term("id", article_id)
            writer.add_document(document)
            (result.updated if article_id in existing else result.indexed).append(article_id)
            existing[article_id] = article.get("content_hash")
        writer.commit()
        return result

    def delete(self, article_id: str) -> bool:
        if article_id not in self._get_many([article_id]):
            return False
        with self.writer() as writer:
            writer.delete_documents_by_term("id", article_id)
            writer.commit()
        return True


def _all_of(query: Query, filters: list[Query]) -> Query:
    if not filters:
        return query
    return Query.boolean_query([(Occur.Must, query)] + [(Occur.Must, f) for f in filters])


def to_document(article: dict) -> tantivy.Document:
    derived = derived_fields(article)
    document = tantivy.Document()
    document.add_text("id", article["id"])
    document.add_text("content_hash", article.get("content_hash") or "")
    document.add_bytes("doc", json.dumps(article, ensure_ascii=False).encode())
    texts = {
        "headline": [article.get("headline") or ""],
        "body": article.get("body") or [],
        "quote": derived["quote_text"],
    }
    for scope, (stemmed, exact) in PAIRED_TEXT.items():
        for text in texts[scope]:
            document.add_text(stemmed, text)
            document.add_text(exact, text)
    names = {
        "speaker": derived["keywords"]["speaker"],
        "source": derived["keywords"]["source"],
        "outlet": derived["keywords"]["outlet"],
        "dateline": [derived["dateline_text"]] if derived["dateline_text"] else [],
    }
    for scope, field_name in NAME_TEXT.items():
        for text in names[scope]:
            document.add_text(field_name, text)
    for name in KEYWORD_FILTERS:
        for key in derived["keys"][name]:
            document.add_text(f"{name}_key", key)
    for name in FACETS:
        for value in derived["keywords"][name]:
            document.add_text(f"{name}_facet", value)
    published = derived["published"]
    if published is not None:
        document.add_date("published", published)
        seconds = int(published.timestamp())
        document.add_integer("newest_key", seconds)
        document.add_integer("oldest_key", -seconds)
    else:
        document.add_integer("newest_key", MISSING_KEY)
        document.add_integer("oldest_key", MISSING_KEY)
    return document
