"""The embedded default backend: a tantivy index in `NEWS_INDEX_DATA_DIR`.

Readers in any number of processes open the index and reload when a commit
lands (they watch `meta.json`). Tantivy allows one writer at a time across
processes; a write waits up to `write_wait_seconds` for it and then raises
`IndexBusy` (503 with Retry-After). One article is one tantivy document, and
an update deletes and adds it in the same commit, so no reader ever sees a
torn or doubled article.
"""
from __future__ import annotations

import itertools
import logging
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator

import orjson
import tantivy
from tantivy import Occur, Query

from loaders.identity import id_today

from ..errors import InvalidRequest
from ..query import MATCH_ALL, Node
from ..statements import CANDIDATE_LIMIT, StatementAssigner
from .base import MAX_OCCURRENCES, Filters, QuoteSearchRequest, SearchBackend, SearchHit, SearchPage, SearchRequest
from .cursors import MAX_RELEVANCE_WINDOW, Cursor
from .date_keys import SORT_FIELDS
from .deadline import Deadline
from .document import summary
from .export_pages import export_request
from .facet_counting import source_entry
from .highlight import Highlighter, QuoteHighlighter
from .tantivy_documents import ARTICLE, QUOTE
from .tantivy_export import every_hit as snapshot_hits
from .tantivy_facet_pool import FACET_CACHE_SIZE, FACET_THREADS, FacetPool, facet_key
from .tantivy_facets import FacetCounter, FacetDictionary, FacetNames, coded_terms, counted_whole_on, source_entry_field
from .tantivy_open import creation_lock, meta_stamp, open_index
from .tantivy_pages import search_page
from .tantivy_query import TantivyQueryCompiler, article_only, in_statements
from .tantivy_reads import articles_by_id, documents_by_id
from .tantivy_schema import SCHEMA_VERSION, build_schema
from .tantivy_statements import article_quotes, statement_candidates, statement_quotes
from .tantivy_upgrade import (
    OlderVersionUnreadable, article_count, delete_from, first_missing, not_yet_copied, older_versions,
    retire, stored_articles, with_earlier_statements,
)
from .tantivy_word_forms import WordForms
from .tantivy_writes import (
    BackgroundCommits, Write, add_documents, build_documents, chunks, fewer_collections, waited_writer,
)
from .write_results import Precondition, ReindexResult, WriteResult, check_precondition, settled_ids

log = logging.getLogger(__name__)
#: Articles per commit. Each commit leaves segments for tantivy to merge later:
#: fewer, larger commits index faster and a load peaks lower, at the price of
#: more segments to search until the merges catch up (benchmarks/README.md on
#: facets). The articles themselves stream through, LOOKUP_CHUNK at a time.
COMMIT_EVERY = 20_000
#: Articles whose documents may wait for the commit before: the writing
#: thread builds them meanwhile, then waits. Unbounded, indexing 100k prepared
#: articles held up to 600-680 MB (RssAnon) and went no faster than with 500
#: (230-240 MB).
MAX_WAITING = 500
#: Articles looked up in the index (existing content hashes) at a time.
LOOKUP_CHUNK = 500
#: Band keys of uncommitted quotes a batch may hold (32 a new wording, about
#: 100 bytes each, held until the next batch's end): a batch commits early when
#: its new wordings reach 20,000. Reuters articles bring 0.25-0.5 new wordings
#: each, so a batch of COMMIT_EVERY stays below it; a corpus of new quotes only
#: held every wording of its last two batches.
PENDING_KEYS = 640_000


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, data_dir: Path | str, write_wait_seconds: float = 5.0,
                 writer_heap_bytes: int = 64_000_000, deadline_seconds: float | None = None,
                 facet_cache_size: int = FACET_CACHE_SIZE):
        self.path = Path(data_dir) / f"tantivy-v{SCHEMA_VERSION}"
        self.write_wait_seconds = write_wait_seconds
        self.deadline_seconds = deadline_seconds
        self.writer_heap_bytes = writer_heap_bytes
        self.schema = build_schema()
        self.index = open_index(self.schema, self.path)
        self.compiler = TantivyQueryCompiler(self.schema)
        self.quote_compiler = self.compiler.for_quotes()
        self._meta_stamp = meta_stamp(self.path)
        self._word_forms = WordForms()
        self._facet_names = FacetNames(self.schema)
        self._facet_counter = FacetCounter(self.schema, split_threads=FACET_THREADS)
        # `_facets` looked up at each count, not bound here: it may be replaced on the instance.
        self._facet_pool = FacetPool(lambda *args: self._facets(*args), facet_cache_size)

    # -- freshness -------------------------------------------------------------
    def _searcher(self) -> tantivy.Searcher:
        return self._current()[0]

    def _current(self) -> tuple[tantivy.Searcher, tuple[int, int, int]]:
        """A searcher and the index version it shows at least (what caches key on).

        The version is the one read here: another thread may move
        `_meta_stamp` on meanwhile, and counts of this searcher must not be
        remembered as that newer version's.
        """
        stamp = meta_stamp(self.path)
        if stamp != self._meta_stamp:
            self.index.reload()
            self._meta_stamp = stamp
        return self.index.searcher(), stamp

    # -- reads -----------------------------------------------------------------
    def _search(self, request: SearchRequest, cursor: Cursor | None,
                searcher: tantivy.Searcher | None = None) -> SearchPage:
        started = time.perf_counter()
        # The current index (not an export's snapshot): word forms and facets may come from caches.
        searcher, version = self._current() if searcher is None else (searcher, None)
        base = self._query(ARTICLE, request, searcher)
        deadline = Deadline(self.deadline_seconds)
        highlighter = None
        if request.highlight:
            highlighter = Highlighter(request.query, lambda stem: self._word_forms(searcher, version, stem), deadline)

        def hit(document, score):
            article = orjson.loads(document.get_first("doc"))
            return SearchHit(id=article["id"], score=score, article=summary(article),
                             highlights=highlighter.highlight(article) if highlighter else {})

        facets = self._facet_pool.start(searcher, base, request, facet_key(version, ARTICLE, request))
        page = search_page(searcher, base, request, cursor, self.compiler, "id", hit, deadline, MAX_RELEVANCE_WINDOW)
        page.facets = FacetPool.result(facets, deadline)
        page.took_ms = (time.perf_counter() - started) * 1000
        return page

    def _search_quotes(self, request: QuoteSearchRequest, cursor: Cursor | None,
                       statements: list[str] | None, searcher: tantivy.Searcher | None = None) -> SearchPage:
        started = time.perf_counter()
        searcher, version = self._current() if searcher is None else (searcher, None)
        base = self._query(QUOTE, request, searcher, in_statements(self.schema, statements))
        deadline = Deadline(self.deadline_seconds)
        highlighter = QuoteHighlighter(request.query, deadline) if request.highlight else None

        def hit(document, score):
            quote = orjson.loads(document.get_first("doc"))
            highlights = {"text": highlighter.highlight(quote["text"])} if highlighter else {}
            return SearchHit(id=quote["id"], score=score, article=quote, highlights=highlights)

        facets = self._facet_pool.start(searcher, base, request, facet_key(version, QUOTE, request, statements))
        page = search_page(searcher, base, request, cursor, self.compiler, "quote_id", hit, deadline,
                           MAX_RELEVANCE_WINDOW)
        page.facets = FacetPool.result(facets, deadline)
        page.took_ms = (time.perf_counter() - started) * 1000
        return page

    def export(self, request: SearchRequest) -> Iterator[SearchHit]:
        """Every hit from one searcher: a snapshot, so commits during the export do not show."""
        request = export_request(request)
        self._check(request)
        searcher = self._searcher()

        def hit(document):
            article = orjson.loads(document.get_first("doc"))
            return SearchHit(id=article["id"], score=None, article=summary(article, most_sources=None))

        yield from snapshot_hits(searcher, self._query(ARTICLE, request, searcher), SORT_FIELDS[request.sort],
                                 self.compiler, hit, request.size, "id")

    def export_quotes(self, request: QuoteSearchRequest) -> Iterator[SearchHit]:
        compiled, statements = self._quote_query(export_request(request))
        searcher = self._searcher()

        def hit(document):
            quote = orjson.loads(document.get_first("doc"))
            return SearchHit(id=quote["id"], score=None, article=quote)

        base = self._query(QUOTE, compiled, searcher, in_statements(self.schema, statements))
        yield from snapshot_hits(searcher, base, SORT_FIELDS[compiled.sort], self.compiler, hit, compiled.size,
                                 "quote_id")

    def _query(self, doc_type: str, request: SearchRequest, searcher: tantivy.Searcher,
               extra: list[Query] = ()) -> Query:
        compiler = self.quote_compiler if doc_type == QUOTE else self.compiler
        clauses = [compiler.reading(searcher).compile(request.query)]
        if doc_type == QUOTE or not article_only(request.query):  # else no quote document can match
            clauses.append(self._doc_type(doc_type))
        clauses += self.compiler.reading(searcher).filters(request.filters) + list(extra)
        return Query.boolean_query([(Occur.Must, clause) for clause in clauses])

    def _doc_type(self, doc_type: str) -> Query:
        return Query.term_query(self.schema, "doc_type", doc_type)

    def _facets(self, searcher, query: Query, request: SearchRequest, version: tuple | None = None) -> dict:
        return self._facet_counter.count(searcher, query, request.facets, request.facet_size, version)

    def statement_candidates(self, keys: list[str], limit: int = CANDIDATE_LIMIT) -> list[tuple[str, str]]:
        return statement_candidates(self.schema, self._searcher(), keys, limit)

    def statement_quotes(self, statement_id: str, limit: int = MAX_OCCURRENCES) -> list[dict]:
        return statement_quotes(self.schema, self._searcher(), statement_id, limit)

    def article_quotes(self, article_id: str) -> list[dict]:
        """Every quote of the article: read up to MAX_OCCURRENCES, a long digest's past it had no statement."""
        return article_quotes(self.schema, self._searcher(), article_id)

    def source_counts(self, filters: Filters, size: int, kinds: list[str] | None = None,
                      query: Node = MATCH_ALL) -> list[dict]:
        searcher = self._searcher()
        reading = self.compiler.reading(searcher)
        clauses = [self._doc_type(ARTICLE), *reading.filters(filters)]
        if query != MATCH_ALL:
            clauses.append(reading.compile(query))
        query = Query.boolean_query([(Occur.Must, q) for q in clauses])
        # As for facets: more values than asked, so ties at the cut are settled by value, and
        # every value of each segment of several (tantivy_facets.facet_aggregation).
        fields = [source_entry_field(kind) for kind in kinds] if kinds else [source_entry_field()]
        terms = {field: coded_terms(field, size, searcher.num_segments) for field in fields}
        raw = searcher.aggregate(query, {field: {"terms": terms[field]} for field in fields})
        for field in fields:  # what the engine cut short is counted again, whole (facet_counting.counted_whole)
            raw[field] = counted_whole_on(searcher, query, field, terms[field], raw[field], size, "source_entry")
        buckets = [bucket for field in fields for bucket in raw[field]["buckets"]]
        return [source_entry(b["value"], b["count"]) for b in self._facet_names.buckets(searcher, buckets, size)]

    def _get_many(self, ids: list[str]) -> dict[str, dict]:
        return articles_by_id(self.schema, self._searcher(), ids) if ids else {}

    def _stored(self, article_id: str) -> dict | None:
        """The article under `article_id` as the last commit left it: read from the index
        reloaded now, not from a searcher of the version a read last saw."""
        self.index.reload()
        found = documents_by_id(self.schema, self.index.searcher(), [article_id])
        return next((orjson.loads(document.get_first("doc")) for _, document in found), None)

    def count(self, timeout: float | None = None) -> int:
        return self._searcher().search(self._doc_type(ARTICLE), 1, count=True).count

    def close(self) -> None:
        self._facet_pool.close()
        self._facet_counter.close()

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
        writer = waited_writer(self.index, self.writer_heap_bytes, self.write_wait_seconds)
        try:
            yield writer
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()  # also releases the writer lock
            # The stamp first: a commit of another process landing after it is then
            # a new version to the next read. Read after the reload, such a commit
            # was taken for the one reloaded (unseen, its stamp on the counts before).
            stamp = meta_stamp(self.path)
            self.index.reload()
            self._meta_stamp = stamp

    def _upsert(self, articles: Iterable[dict], result: WriteResult, founding: dict[str, str] | None = None) -> None:
        """`founding`: statement ids an older version gave the quotes (`StatementAssigner.founding`)."""
        # One assigner for the whole write: it remembers wordings across batches.
        write = Write(StatementAssigner(lambda keys: [], founding=founding if founding is not None else {}),
                       result, FacetDictionary(self.schema))
        articles = iter(articles)
        with fewer_collections(), self.writer() as writer, BackgroundCommits(writer) as commits:
            while self._write_batch(writer, commits, itertools.islice(articles, COMMIT_EVERY), write):
                pass

    def _upsert_checked(self, articles: Iterable[dict], result: WriteResult, expected: Precondition) -> None:
        """Each article's condition is checked as `_upsert` reads it, which is under the
        writer it holds until the last commit: no other thread or process can write
        between the check and this write. A failed check rolls the write back."""
        self._upsert(self._checked(articles, expected), result)

    def _checked(self, articles: Iterable[dict], expected: Precondition) -> Iterator[dict]:
        for article in articles:
            check_precondition(expected, article["id"], self._stored(article["id"]))
            yield article

    def _write_batch(self, writer: tantivy.IndexWriter, commits: "BackgroundCommits", batch: Iterator[dict],
                     write: Write) -> bool:
        """Write one commit's articles while the batch before commits; False if there were none.

        The articles stream through in chunks of LOOKUP_CHUNK (one index
        lookup each), so a batch holds only the documents built while the
        commit before runs (at most MAX_WAITING articles'), not its articles.
        The index may not show the batch still committing, so its content
        hashes and quotes stay in view (`commits.in_flight`, the assigner's
        `in_flight`) until the next batch.
        Each chunk's new facet values get their dictionary documents in the
        same commit as the articles using them.
        """
        committing = commits.running  # asked first: a commit done by now is in the reloaded index
        self.index.reload()
        searcher = self.index.searcher()
        write.statements.rebase(self._statement_lookup(searcher), committing=committing)
        write.facets.rebase()
        existing: dict[str, str | None] = {}  # id -> content hash: the index, then in flight, then this batch
        waiting: list[tuple[str | None, list[tantivy.Document]]] = []  # built while the batch before commits
        hashes: dict[str, str | None] = {}
        read = False
        for chunk in chunks(batch, LOOKUP_CHUNK):
            read = True
            write.trim()
            unseen = [i for i in dict.fromkeys(article["id"] for article in chunk) if i not in existing]
            existing.update((document.get_first("id"), document.get_first("content_hash").decode())
                            for _, document in documents_by_id(self.schema, searcher, unseen))
            existing.update((i, commits.in_flight[i]) for i in unseen if i in commits.in_flight)
            values: set[str] = set()
            settled = settled_ids(chunk, existing)
            for article in chunk:  # in order: a later copy of the same id replaces the earlier
                if article["id"] in settled:
                    write.result.add("unchanged", article["id"])
                    continue
                build_documents(article, existing, hashes, waiting, write, values)
                if len(waiting) >= MAX_WAITING:
                    commits.wait()  # documents held for a long commit would outweigh the index's heap
                if not commits.running:  # the commit before is done: add as they come, hold none
                    add_documents(writer, waiting)
            if dictionary := write.facets.new_documents(searcher, values):
                waiting.append((None, dictionary))
            if len(write.statements.pending) >= PENDING_KEYS:
                break  # the articles after this chunk are the next batch's
        if not read:
            return False
        commits.wait()
        add_documents(writer, waiting)
        commits.start(hashes)
        return True

    def _statement_lookup(self, searcher: tantivy.Searcher):
        """The assigner's lookup of indexed quotes in `searcher`.

        An empty index holds none: a first load (whose batches see an empty
        index until the first commit lands) skips building and running a
        32-term query per quote, 0.15 ms each.
        """
        if searcher.num_docs == 0:
            return lambda keys: []
        return partial(statement_candidates, self.schema, searcher)

    # -- upgrades --------------------------------------------------------------
    def reindex(self, keep_old: bool = False) -> ReindexResult:
        """Copy the articles of the newest older schema version into this one.

        The old directory is deleted unless `keep_old`, or unless an article
        failed to index (then it is kept for another run). An article already
        here is kept as it is (counted `unchanged`): written since the upgrade,
        it is newer than the old version's. So running it again is safe too.
        """
        older = older_versions(self.path.parent, SCHEMA_VERSION)
        if not older:
            raise InvalidRequest(f"No older index version beside {self.path} to copy from.")
        source = older[0]
        result = WriteResult(keep_ids=False)
        kept = partial(result.add, "unchanged")
        founding: dict[str, str] = {}
        copies = not_yet_copied(stored_articles(source), self._get_many, kept, id_today)
        self._upsert(with_earlier_statements(copies, source, founding), result, founding)
        for article_id, reason in result.failed[:20]:
            log.error("reindex: %s not copied: %s", article_id, reason)
        counts = result.counts
        delete = not keep_old and not counts["failed"]
        if delete:
            creation_lock(source).unlink(missing_ok=True)
            retire(source)
        return ReindexResult(source.name, self.path.name, counts["indexed"] + counts["updated"] + counts["unchanged"],
                             old_deleted=delete, failed=counts["failed"])

    def upgrade_notice(self) -> str | None:
        """Also when this version is not empty: `make run` loads the samples into it
        first, and the articles of the older version must not go missing unnoticed."""
        older = older_versions(self.path.parent, SCHEMA_VERSION)
        if not older:
            return None
        here = self.count()
        try:
            held = article_count(older[0])
            missing = first_missing(older[0], self._get_many, id_today)
        except (ValueError, OSError, OlderVersionUnreadable):  # unreadable: worth copying only into an empty index
            log.warning("cannot count the articles of %s", older[0], exc_info=True)
            held, missing = (1 if here == 0 else 0), False
        if here >= held and not missing:  # loads since the upgrade may outnumber what was never copied
            return None
        return (f"The index {self.path} holds {here} articles and {older[0].name} beside it, from an earlier "
                f"release, {held}: run `python -m loaders reindex` to copy its articles (those already "
                "here are skipped).")

    def delete(self, article_id: str, expected: Precondition | None = None) -> bool:
        """Also out of the older versions beside, which `reindex` would copy it back from:
        under this version's writer, which a running `reindex` holds until it is done.

        The older versions first: killed between the two, the article is still
        shown (the DELETE sent again ends it). This version first, it was gone,
        and the next `reindex` copied it back from an older one.

        With `expected`, the article is read and checked under the writer, so
        no write lands between the check and the delete.
        """
        older = older_versions(self.path.parent, SCHEMA_VERSION)
        if expected is None:  # else read under the writer, below
            here = article_id in self._get_many([article_id])
            if not here and not older:
                return False
        with self.writer() as writer:
            if expected is not None:
                stored = self._stored(article_id)
                check_precondition(expected, article_id, stored)
                here = stored is not None
            found = here
            for path in older:
                found = delete_from(path, article_id) or found
            if here:
                writer.delete_documents_by_term("id", article_id)
                writer.delete_documents_by_term("article_id", article_id)
                writer.commit()
        return found
