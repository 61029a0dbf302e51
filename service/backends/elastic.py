"""The Elasticsearch backend (Elasticsearch 8/9, OpenSearch, osmem).

Same contract as the embedded backend (`tests/contract/` runs on both):
the query AST compiles to query DSL (`elastic_query.py`), highlights are
rendered by the shared renderer (`elastic_highlight.py`), the index is a
version behind an alias (`elastic_admin.py`), and writes go by bulk
(`elastic_writes.py`; conditional ones in `elastic_conditional.py`). Every
call carries the configured request timeout and goes through `engine_errors`,
so an engine that is down or slow becomes a 503 or 504, never a 500.

Paging: date sorts use `search_after` on (sort key, id) from the stateless
`cursors.Cursor`, so any worker can serve the next page. No point in time is
opened: Elasticsearch's `POST /<index>/_pit` and OpenSearch's
`/_search/point_in_time` differ, and a PIT per cursor would be state
to keep alive. Relevance pages by offset up to MAX_RELEVANCE_WINDOW,
which equals the engine's default `max_result_window`.
"""
from __future__ import annotations

import logging
import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterable, Iterator

from elastic_transport import ConnectionTimeout
from elasticsearch import BadRequestError, Elasticsearch

from ..config import Config
from ..errors import BackendUnavailable, EngineTimeout, SearchTimeout
from ..query import MATCH_ALL, Node
from ..statements import CANDIDATE_LIMIT
from .base import MAX_OCCURRENCES, Filters, QuoteSearchRequest, SearchBackend, SearchHit, SearchPage, SearchRequest
from .cursors import MAX_RELEVANCE_WINDOW, Cursor, next_cursor
from .date_keys import split_key
from .deadline import Deadline
from .document import SUMMARY_MAX_SOURCES, summary
from .elastic_admin import IndexAdmin, ReindexResult
from .elastic_client import EngineError, build_client, bulk_reason, engine_errors, writing
from .elastic_conditional import write_checked
from .elastic_document import QUOTES_MAPPING_PATH, SORT_FIELDS, TIE_SORT, date_key, key_sort
from .elastic_facets import aggregations, ranked_facets
from .elastic_highlight import ElasticHighlighter, limit_option_refused
from .elastic_pit import PointInTime, point_in_time
from .elastic_query import ElasticQueryCompiler
from .elastic_statements import article_quotes, candidates, candidates_many, statement_quotes
from .elastic_writes import (
    BULK_INITIAL_BACKOFF, BULK_RETRIES, BULK_TIMEOUT_SECONDS, BULK_TUNING_THRESHOLD, REQUEST_BULK_INITIAL_BACKOFF,
    REQUEST_BULK_RETRIES, ElasticWrites,
)
from .export_pages import every_hit
from .facet_counting import source_entry
from .highlight import QuoteHighlighter
from .write_results import Precondition, WriteResult

log = logging.getLogger(__name__)
#: Totals are exact up to here and reported as "at least" this beyond.
TRACK_TOTAL_HITS = 100_000
#: How long a readiness check lets the engine wait for an index to appear (see `ready`).
READY_WAIT = "1s"
#: How long a readiness check waits for the engine's answer: its own wait and a second more. An
#: engine that hangs (a stopped process, a saturated node) held /readyz, and the worker serving it,
#: for the whole ELASTICSEARCH_TIMEOUT_SECONDS, where a probe gives up after a second or a few.
READY_TIMEOUT_SECONDS = 2.0
#: What a hit with nothing to highlight reads of its article: `summary` takes neither the body
#: nor where each source is mentioned. An export's page of 500 articles carried them whole (a
#: body may be megabytes), as did a search without words, feeds and the near-spelling offer.
SUMMARY_SOURCE = {"includes": ["doc"], "excludes": ["doc.body", "doc.sources.mentions"]}

#: The deadline of the quote search this thread runs (`search_quotes`), which its statement lookup and its
#: search share; None outside one (an export's pages, a load's statement lookups).
_QUOTE_SEARCH_DEADLINE: ContextVar[Deadline | None] = ContextVar("quote_search_deadline", default=None)


class ElasticBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch, alias: str,
                 bulk_tuning_threshold: int = BULK_TUNING_THRESHOLD,
                 bulk_retries: int = BULK_RETRIES, bulk_initial_backoff: float = BULK_INITIAL_BACKOFF,
                 deadline_seconds: float | None = None, request_timeout: float | None = None,
                 bulk_timeout_seconds: float = BULK_TIMEOUT_SECONDS):
        self.client = client
        #: The client's timeout of each request (ELASTICSEARCH_TIMEOUT_SECONDS).
        self.request_timeout = request_timeout
        self.deadline_seconds = deadline_seconds
        self.alias = alias
        self.admin = IndexAdmin(client, alias)
        # Quotes live in their own versioned index beside the articles (README).
        self.quotes_alias = f"{alias}-quotes"
        self.quotes_admin = IndexAdmin(client, self.quotes_alias, QUOTES_MAPPING_PATH, id_field="quote_id",
                                       articles_alias=alias)
        self.compiler = ElasticQueryCompiler()
        self.bulk_tuning_threshold = bulk_tuning_threshold
        self.bulk_retries = bulk_retries
        self.bulk_initial_backoff = bulk_initial_backoff
        self.bulk_timeout_seconds = bulk_timeout_seconds
        self._index_checked = False
        self.writes = ElasticWrites(self)
        self._flavour: str | None = None

    @classmethod
    def from_config(cls, config: Config, serving: bool = False) -> "ElasticBackend":
        """`serving`: for the service, whose writes a client waits on; a load's bulk
        requests may take BULK_TIMEOUT_SECONDS and their busy items 31 s of retries."""
        writes = {}
        if serving:
            writes = {"bulk_retries": REQUEST_BULK_RETRIES, "bulk_initial_backoff": REQUEST_BULK_INITIAL_BACKOFF,
                      "bulk_timeout_seconds": config.elasticsearch_timeout_seconds}
        return cls(build_client(config), config.elasticsearch_index,
                   deadline_seconds=config.search_deadline_ms / 1000,
                   request_timeout=config.elasticsearch_timeout_seconds, **writes)

    # -- index lifecycle (operator commands) -----------------------------------
    def ensure_index(self) -> str:
        """Create `<alias>-v1` (and the quotes index) when missing; the article index."""
        name = self.admin.ensure_index()
        self.quotes_admin.ensure_index()
        self._index_checked = True
        return name

    def reindex(self, keep_old: bool = False) -> ReindexResult:
        """New versions of both indices; the articles' result is returned.

        Both old versions refuse writes until both are copied and swapped, so
        an article and its quotes are written together or not at all.
        """
        articles = self.admin.current_index()
        if articles is None:
            return self.admin.reindex(keep_old=keep_old)  # raises: there is nothing to copy
        quotes = self.quotes_admin.ensure_index()  # an index made before quotes had their own
        with self.admin.writes_blocked(articles), self.quotes_admin.writes_blocked(quotes):
            self.quotes_admin.reindex(keep_old=keep_old)
            return self.admin.reindex(keep_old=keep_old)

    def upgrade_notice(self) -> str | None:
        """An index version made from an older mapping file needs `reindex`.

        Asked once at start, which is also when the fields this release adds
        are mapped in an older index (`IndexAdmin.add_new_fields`), so that
        its searches can sort on them and its writes hold them. An engine
        that does not answer then is left to the readiness check, not a
        reason to refuse to start.
        """
        try:
            for admin in (self.admin, self.quotes_admin):
                try:
                    admin.add_new_fields()
                except EngineError as error:  # not allowed to change a mapping, say: writes will try
                    log.warning("cannot map the fields this release adds: %s", error)
            for admin in (self.admin, self.quotes_admin):
                notice = admin.upgrade_notice()
                if notice:
                    return notice
        except (BackendUnavailable, EngineTimeout) as error:
            log.warning("cannot tell whether the index needs a reindex: %s", error)
        return None

    # -- reads -----------------------------------------------------------------
    def _search(self, request: SearchRequest, cursor: Cursor | None,
                pit: PointInTime | None = None, most_sources: int | None = SUMMARY_MAX_SOURCES) -> SearchPage:
        """`most_sources`: of each hit's sources (`document.summary`); an export lists them all."""
        started = time.perf_counter()
        deadline = Deadline(self.deadline_seconds)
        body = self._search_body(request, cursor, deadline)
        with engine_errors("searching"):
            response = self._run(self.alias, body, pit, deadline)
        self._check_timed_out(response)
        rows = response["hits"]["hits"]
        more = len(rows) > request.size or self._more_past(self.alias, body, rows, request, pit, deadline)
        rows = rows[: request.size]
        date_sort = request.sort in SORT_FIELDS
        highlighter = ElasticHighlighter(request.query, self.compiler) if request.highlight else None
        hits, keys = [], []
        for row in rows:
            article = row["_source"]["doc"]
            marked = row.get("highlight") or {}
            hits.append(SearchHit(
                id=article["id"],
                score=None if date_sort else float(row.get("_score") or 0.0),
                article=summary(article, most_sources),
                highlights=highlighter.highlight(article, marked, deadline) if highlighter else {},
            ))
            keys.append(date_key(row) if date_sort else 0)
        return SearchPage(
            total=int(response["hits"]["total"]["value"]), total_exact=_counted_exactly(response),
            hits=hits,
            next_cursor=next_cursor(request, cursor, hits, keys, more, ties_by_id=True),
            facets=self._facets(self.alias, body, response, request, pit, deadline),
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def _facets(self, index: str, body: dict[str, Any], response, request: SearchRequest,
                pit: PointInTime | None, deadline: Deadline) -> dict[str, list[dict[str, Any]]]:
        return ranked_facets(response, request, lambda name, aggregation: self._ask_again(
            index, body, pit, deadline, "counting facets", size=0, aggs={name: aggregation})["aggregations"][name])

    def _ask_again(self, index: str, body: dict[str, Any], pit: PointInTime | None, deadline: Deadline,
                   action: str, **request: Any):
        """A follow-up request about the query of a search `body` (its query and deadline, no total)."""
        again = {"query": body["query"], "track_total_hits": False, **request}
        if "timeout" in body:
            again["timeout"] = body["timeout"]
        with engine_errors(action):
            response = self._send(index, again, pit, deadline)
        self._check_timed_out(response)
        return response

    def _search_body(self, request: SearchRequest, cursor: Cursor | None, deadline: Deadline) -> dict[str, Any]:
        body = self._page_body(request, cursor, "id")
        body["query"] = self.compiler.query(request.query, request.filters)
        section = None
        if request.highlight:
            section = ElasticHighlighter(request.query, self.compiler).request(self.flavour(deadline))
        if section:
            body["highlight"] = section
        elif not (request.highlight and ElasticHighlighter(request.query, self.compiler).reads_text):
            # nothing to mark (no highlight asked, or no word to find): the summary is all a hit shows
            body["_source"] = SUMMARY_SOURCE
        if request.facets:
            body["aggs"] = aggregations(request)
        return body

    def _search_quotes(self, request: QuoteSearchRequest, cursor: Cursor | None,
                       statements: list[str] | None, pit: PointInTime | None = None) -> SearchPage:
        started = time.perf_counter()
        deadline = _QUOTE_SEARCH_DEADLINE.get() or Deadline(self.deadline_seconds)
        if statements == []:  # no statement to search in: nothing to count, each facet asked is empty
            return SearchPage(total=0, hits=[], facets={name: [] for name in request.facets},
                              took_ms=(time.perf_counter() - started) * 1000)
        body = self._page_body(request, cursor, "quote_id")
        body["query"] = self.compiler.query(request.query, request.filters)
        if statements:
            body["query"] = {"bool": {"must": [body["query"]],
                                      "filter": [{"terms": {"statement_id": statements}}]}}
        if request.facets:
            body["aggs"] = aggregations(request)
        with engine_errors("searching quotes"):
            response = self._run(self.quotes_alias, body, pit, deadline)
        self._check_timed_out(response)
        highlighter = QuoteHighlighter(request.query, deadline) if request.highlight else None
        rows = response["hits"]["hits"]
        date_sort = request.sort in SORT_FIELDS
        hits, keys = [], []
        for row in rows[: request.size]:
            quote = row["_source"]["doc"]
            hits.append(SearchHit(
                id=quote["id"],
                score=None if date_sort else float(row.get("_score") or 0.0),
                article=quote,
                highlights={"text": highlighter.highlight(quote["text"])} if highlighter else {},
            ))
            keys.append(date_key(row) if date_sort else 0)
        return SearchPage(
            total=int(response["hits"]["total"]["value"]), total_exact=_counted_exactly(response), hits=hits,
            next_cursor=next_cursor(request, cursor, hits, keys,
                                    len(rows) > request.size
                                    or self._more_past(self.quotes_alias, body, rows, request, pit, deadline),
                                    ties_by_id=True),
            facets=self._facets(self.quotes_alias, body, response, request, pit, deadline),
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def _check_timed_out(self, response) -> None:
        """Partial results past the deadline are an error, never a silent short page."""
        if response.get("timed_out"):
            raise SearchTimeout(
                f"The search took longer than its {self.deadline_seconds * 1000:.0f} ms deadline; "
                "narrow the query or add filters.")

    def _run(self, index: str, body: dict[str, Any], pit: PointInTime | None, deadline: Deadline):
        """A search on the alias, or inside a point in time (which names its index).

        An engine that refuses the highlight's read limit under the name its
        flavour was taken to use is of the other flavour: asked again once.
        """
        try:
            return self._send(index, body, pit, deadline)
        except BadRequestError as error:
            retry = limit_option_refused(body.get("highlight"), str(error))
            if retry is None:
                raise
            self._flavour, body["highlight"] = retry
            return self._send(index, body, pit, deadline)

    def _send(self, index: str, body: dict[str, Any], pit: PointInTime | None, deadline: Deadline):
        """One search request, waiting no longer than what is left of the search's deadline.

        The engine's `timeout` stops only its collecting of hits: the query's
        rewrite, the fetch, the aggregations' reduce, and a node that does not
        answer at all ran on to the client's ELASTICSEARCH_TIMEOUT_SECONDS
        (10 s), far past the deadline. The transport's timeout is the hard cap,
        and past it the search is the same 504 `search_timeout`.
        """
        with self._within(deadline, "searching") as client:
            if pit is None:
                return client.search(index=index, **body)
            return client.search(pit=pit.clause(), **body)

    @contextmanager
    def _within(self, deadline: Deadline | None, step: str) -> Iterator[Elasticsearch]:
        """The client, its timeout cut to what is left of `deadline` where that is
        shorter; a request it cuts off is the deadline's own 504."""
        left = None if deadline is None else deadline.remaining()
        client = self._waiting_at_most(left)
        if client is self.client:
            yield client
            return
        if left <= 0:
            deadline.expired(f"{step}: no time left to ask Elasticsearch")
        try:
            yield client
        except ConnectionTimeout:
            deadline.expired(f"{step}: Elasticsearch did not answer")
        except SearchTimeout as error:  # the cut-off request, as a helper's `engine_errors` tells it
            if isinstance(error.__cause__, ConnectionTimeout):
                deadline.expired(f"{step}: Elasticsearch did not answer")
            raise

    def _waiting_at_most(self, seconds: float | None) -> Elasticsearch:
        """The client, its timeout cut to `seconds` where that is shorter than the configured one
        (ELASTICSEARCH_TIMEOUT_SECONDS stays the longest any request waits)."""
        if seconds is None or (self.request_timeout is not None and seconds >= self.request_timeout):
            return self.client
        return self.client.options(request_timeout=seconds)

    def export(self, request: SearchRequest) -> Iterator[SearchHit]:
        """Every hit, from one point in time: writes during the export do not show."""
        with engine_errors("opening a point in time"), point_in_time(self.client, self.alias) as pit:
            yield from every_hit(lambda r: self._search(r, self._check(r), pit, most_sources=None), request)

    def export_quotes(self, request: QuoteSearchRequest) -> Iterator[SearchHit]:
        compiled, statements = self._quote_query(request)
        with engine_errors("opening a point in time"), point_in_time(self.client, self.quotes_alias) as pit:
            yield from every_hit(
                lambda r: self._search_quotes(r, self._check(r), statements, pit), compiled)

    def _page_body(self, request: SearchRequest, cursor: Cursor | None, id_field: str) -> dict[str, Any]:
        body: dict[str, Any] = {"track_total_hits": TRACK_TOTAL_HITS, "_source": ["doc"]}
        if self.deadline_seconds:  # the engine stops collecting and says `timed_out`
            body["timeout"] = f"{max(1, round(self.deadline_seconds * 1000))}ms"
        sort_field = SORT_FIELDS.get(request.sort)
        if sort_field:  # one past the page tells whether more follow, within the engine's window
            body["size"] = min(request.size + 1, MAX_RELEVANCE_WINDOW)
            body["sort"] = [key_sort(sort_field), TIE_SORT, {id_field: "asc"}]
            if cursor is not None:  # a date cursor always has its last id (Cursor.decode)
                body["search_after"] = [*split_key(cursor.key), cursor.seen[-1]]
        else:
            offset = cursor.offset if cursor else 0
            body["from"] = offset
            body["size"] = min(request.size + 1, MAX_RELEVANCE_WINDOW - offset)
            body["sort"] = ["_score", {id_field: "asc"}]
            body["track_scores"] = True
        return body

    def _more_past(self, index: str, body: dict[str, Any], rows: list[dict], request: SearchRequest,
                   pit: PointInTime | None, deadline: Deadline) -> bool:
        """Whether a date sort has hits after a full page that had no room for the one
        past it: a page of 10,000 (NEWS_INDEX_MAX_PAGE_SIZE's largest) asked for
        10,001, past the engine's max_result_window, and was refused (a 503).
        One hit asked for after the page's last tells."""
        if request.sort not in SORT_FIELDS or body["size"] > request.size or len(rows) < request.size:
            return False
        response = self._ask_again(index, body, pit, deadline, "searching", sort=body["sort"], size=1,
                                   search_after=rows[-1]["sort"], _source=False)
        return bool(response["hits"]["hits"])

    def search_quotes(self, request: QuoteSearchRequest) -> SearchPage:
        """As every backend's, its deadline running from the start: match=near looks
        up the claim's statements first, and that lookup waited on an engine that
        did not answer for ELASTICSEARCH_TIMEOUT_SECONDS before the search began."""
        started = _QUOTE_SEARCH_DEADLINE.set(Deadline(self.deadline_seconds))
        try:
            return super().search_quotes(request)
        finally:
            _QUOTE_SEARCH_DEADLINE.reset(started)

    def statement_candidates(self, keys: list[str], limit: int = CANDIDATE_LIMIT) -> list[tuple[str, str]]:
        with self._within(_QUOTE_SEARCH_DEADLINE.get(), "looking up statements") as client:
            return candidates(client, self.quotes_alias, keys, limit)

    def statement_candidates_many(self, key_lists: list[list[str]]) -> list[list[tuple[str, str]]]:
        return candidates_many(self.client, self.quotes_alias, key_lists)

    def statement_quotes(self, statement_id: str, limit: int = MAX_OCCURRENCES) -> list[dict]:
        return statement_quotes(self.client, self.quotes_alias, statement_id, limit)

    def article_quotes(self, article_id: str) -> list[dict]:
        return article_quotes(self.client, self.quotes_alias, article_id)

    def source_counts(self, filters: Filters, size: int, kinds: list[str] | None = None,
                      query: Node = MATCH_ALL) -> list[dict]:
        clauses = self.compiler.filters(filters)
        if query != MATCH_ALL:
            clauses.append(self.compiler.compile(query))
        terms: dict[str, Any] = {"field": "source_entry_facet", "size": size}
        if kinds:  # `kind|name` entries of these kinds only, counted before the cut
            terms["include"] = "(" + "|".join(re.escape(kind) for kind in kinds) + ")\\|.*"
        with engine_errors("counting sources"):
            response = self.client.search(
                index=self.alias, size=0, query={"bool": {"filter": clauses}} if clauses else {"match_all": {}},
                aggs={"sources": {"terms": terms}})
        buckets = response["aggregations"]["sources"]["buckets"]
        return [source_entry(b["key"], int(b["doc_count"])) for b in buckets]

    def _get_many(self, ids: list[str]) -> dict[str, dict]:
        if not ids:
            return {}
        with engine_errors("fetching articles"):
            response = self.client.mget(index=self.alias, ids=ids, source=["doc"])
        refused = next((d["error"] for d in response["docs"] if d.get("error")), None)
        if refused is not None:  # per document, with a 200: a missing index is no missing article
            raise EngineError(f"Elasticsearch refused a request while fetching articles: "
                              f"{bulk_reason({'error': refused})}")
        return {d["_id"]: d["_source"]["doc"] for d in response["docs"] if d.get("found")}

    def count(self, timeout: float | None = None) -> int:
        with engine_errors("counting articles"):
            return int(self._waiting_at_most(timeout).count(index=self.alias)["count"])

    def flavour(self, deadline: Deadline | None = None) -> str:
        """"opensearch" (OpenSearch, osmem) or "elasticsearch": asked once, where request options differ.

        A key allowed to search may not be allowed `GET /`: then Elasticsearch
        is assumed, and `_run` learns otherwise from the first refusal. Asked
        by a search, it waits no longer than the search's deadline.
        """
        if self._flavour is None:
            try:
                with engine_errors("asking the engine what it is"), self._within(deadline, "asking what the engine is") as client:
                    version = client.info()["version"]
            except EngineError:
                log.warning("the engine does not say what it is; assuming Elasticsearch", exc_info=True)
                version = {}
            self._flavour = "opensearch" if version.get("distribution") == "opensearch" else "elasticsearch"
        return self._flavour

    def ready(self) -> bool:
        """Both indices answer: quote searches, statements and attributions read the quotes index.

        Asked with a short `timeout`: for an index that does not exist (an
        alias deleted, a first start before `init`) Elasticsearch and
        OpenSearch wait that long for it to appear, 30 s by default, and a
        probe waiting on /readyz timed out instead of hearing "not ready".
        """
        try:
            with engine_errors("checking readiness"):
                health = self._waiting_at_most(READY_TIMEOUT_SECONDS).cluster.health(index=[self.alias, self.quotes_alias], timeout=READY_WAIT)
            return health.get("status") in ("green", "yellow") and not health.get("timed_out")
        except Exception:  # noqa: BLE001 - readiness reports, never raises
            log.warning("elasticsearch not ready", exc_info=True)
            return False

    def close(self) -> None:
        self.client.close()

    # -- writes ----------------------------------------------------------------
    def _upsert(self, articles: Iterable[dict], result: WriteResult) -> None:
        """By bulk, in batches; a large load runs with refresh off (`elastic_writes`)."""
        with writing():
            self.writes.write_all(articles, result)

    def _upsert_checked(self, articles: Iterable[dict], result: WriteResult, expected: Precondition) -> None:
        """Each article checked and claimed by sequence number, then written (`elastic_conditional`)."""
        with writing():
            for article in articles:
                write_checked(self, article, expected, result)

    def delete(self, article_id: str, expected: Precondition | None = None) -> bool:
        """False when there was no article; its quotes go either way (`ElasticWrites.delete`)."""
        return self.writes.delete(article_id, expected)


def _counted_exactly(response) -> bool:
    """`hits.total.relation` is "gte" when counting stopped at TRACK_TOTAL_HITS."""
    return response["hits"]["total"].get("relation", "eq") == "eq"
