"""The one interface every search backend implements.

`SearchBackend.search()` is the public entry: it checks the request, applies
the cursor rules common to all engines, and hands a compiled query to the
subclass. Subclasses plug in the engine (`_search`, `_get_many`, `_upsert`,
...), so the API, the page and the loaders never know which engine answers.
"""
from __future__ import annotations

import hashlib
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Iterable, Iterator, Sequence

from ..errors import InvalidRequest
from ..query import MATCH_ALL, Node, Or, Term, leaves, rescoped
from ..statements import CANDIDATE_LIMIT, band_keys, denied_statements, is_short, normalize, same_statement
from .cursors import Cursor, with_window_end
from .export_pages import every_hit
from .write_results import Precondition, WriteResult

SORTS = ("relevance", "newest", "oldest", "ingested")
#: A quote holds no time of writing of its own: `ingested` sorts articles only.
QUOTE_SORTS = ("relevance", "newest", "oldest")
#: Quote search: `exact` compiles the query; `near` finds the statements its words are.
MATCH_MODES = ("exact", "near")
#: Most quotes a statement's occurrence list returns.
MAX_OCCURRENCES = 1_000
#: Indexed quotes a short claim (`match=near`) reads: each speaker's quote of the
#: same few words is a statement of its own, so there are as many as speakers.
MAX_SHORT_CLAIM_QUOTES = 10_000
#: A word start ending a phrase (`"red li*"`) stands for at most this many words.
MAX_PREFIX_EXPANSIONS = 500
#: Facets every backend computes, each over a keyword field of the same name.
FACETS = ("outlet", "place", "source", "source_kind", "speaker", "section", "language", "author", "tag", "month")
#: Filters every backend applies as exact (normalised) matches. `author` and `tag`
#: match one of an article's `authors` (its bylines) and `tags`: a desk asks for
#: a reporter's stories, and an editor for a story line tagged across outlets.
KEYWORD_FILTERS = ("outlet", "place", "speaker", "source", "source_kind", "section", "language", "author", "tag")
#: Headline matches weigh this much more than body matches, on every backend.
HEADLINE_BOOST = 3.0
#: The tie-breaker of the per-word disjunction over headline and body.
TIE_BREAKER = 0.3
HIGHLIGHT_TAGS = ("<em>", "</em>")


@dataclass(frozen=True, repr=False)
class Filters:
    """Exact filters, ANDed together; each tuple of values is ORed."""

    since: datetime | None = None
    until: datetime | None = None
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Bounds on when an article was last written (`ingested_at`, whole seconds):
    #: for a client that follows what arrives. Articles only: a quote has no such time.
    ingested_since: datetime | None = None
    ingested_until: datetime | None = None

    def keyword_items(self) -> dict[str, tuple[str, ...]]:
        return dict(self.keywords)

    @classmethod
    def build(cls, since=None, until=None, ingested_since=None, ingested_until=None,
              **keywords: Sequence[str] | None) -> "Filters":
        unknown = set(keywords) - set(KEYWORD_FILTERS)
        if unknown:
            raise InvalidRequest(f"Unknown filter(s): {', '.join(sorted(unknown))}")
        # Values in order and once each: `outlet=A&outlet=B` is `outlet=B&outlet=A`,
        # and a cursor issued for one is taken for the other.
        items = tuple(
            (name, tuple(sorted({v for v in values if v and v.strip()})))
            for name, values in sorted(keywords.items())
            if values and any(v and v.strip() for v in values)
        )
        if since and until and since > until:
            raise InvalidRequest("'from' is after 'until': no article can match.", parameter="from")
        if ingested_since and ingested_until and ingested_since > ingested_until:
            raise InvalidRequest("'ingested_from' is after 'ingested_until': no article can match.",
                                 parameter="ingested_from")
        return cls(since=since, until=until, keywords=items, ingested_since=ingested_since,
                   ingested_until=ingested_until)

    def __repr__(self) -> str:
        """What a cursor's fingerprint reads (`SearchRequest.fingerprint`): the ingested
        bounds only when set, so a cursor issued before they existed still pages on."""
        ingested = (f", ingested_since={self.ingested_since!r}, ingested_until={self.ingested_until!r}"
                    if self.ingested_since or self.ingested_until else "")
        return f"Filters(since={self.since!r}, until={self.until!r}, keywords={self.keywords!r}{ingested})"

    def ingested_seconds(self) -> tuple[int | None, int | None] | None:
        """The `ingested_at` seconds within the ingested bounds (first, last; None: open),
        or None without such bounds. `ingested_at` holds whole seconds, so a bound with a
        fraction takes in the seconds wholly on its side: an article whose `ingested_at`
        is the bound itself is in, so a client passing the last one it saw misses none."""
        if self.ingested_since is None and self.ingested_until is None:
            return None
        first = last = None
        if self.ingested_since is not None:
            first = math.ceil(self.ingested_since.timestamp())
        if self.ingested_until is not None:
            last = math.floor(self.ingested_until.timestamp())
        return first, last


@dataclass(frozen=True)
class SearchRequest:
    query: Node
    filters: Filters = Filters()
    sort: str = "relevance"
    size: int = 10
    cursor: str | None = None
    highlight: bool = True
    facets: tuple[str, ...] = ()
    facet_size: int = 10

    def fingerprint(self) -> str:
        """What a cursor is bound to: the same query, filters and sort."""
        key = repr((self.query, self.filters, self.sort))
        return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class QuoteSearchRequest(SearchRequest):
    """A search with one hit per quote instead of per article."""

    match: str = "exact"

    def fingerprint(self) -> str:
        key = repr((self.query, self.filters, self.sort, self.match, "quotes"))
        return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass
class SearchHit:
    id: str
    score: float | None
    article: dict[str, Any]
    highlights: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchPage:
    total: int
    hits: list[SearchHit]
    next_cursor: str | None = None
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    took_ms: float = 0.0
    #: False when the engine stopped counting (Elasticsearch past `track_total_hits`):
    #: `total` is then a lower bound, never shown as if exact.
    total_exact: bool = True
    #: The last page best-match order reaches (MAX_RELEVANCE_WINDOW hits) while more
    #: matched: `next_cursor` is null, yet sort=newest or oldest pages on to the rest.
    relevance_window_end: bool = False


class SearchBackend(ABC):
    """A search engine holding the articles. Knows nothing of HTTP."""

    name: str = "abstract"

    def search(self, request: SearchRequest) -> SearchPage:
        cursor = self._check(request)
        return self._search(request, cursor)

    def search_quotes(self, request: QuoteSearchRequest) -> SearchPage:
        """One hit per quote. Bare words and `body:` search the quote's words."""
        compiled, statements = self._quote_query(request)
        # The window end reads the cursor, which was issued for `compiled` (its
        # query scoped to the quote): read against `request`, the last page
        # of every quote search paged by cursor was 400 invalid_cursor.
        return with_window_end(compiled, self._search_quotes(compiled, self._check(compiled), statements))

    def _quote_query(self, request: QuoteSearchRequest) -> tuple[QuoteSearchRequest, list[str] | None]:
        """The request as the engines run it, and the statements `near` allows."""
        if request.match not in MATCH_MODES:
            raise InvalidRequest(f"Unknown match {request.match!r}; use exact or near.", parameter="match")
        if request.sort not in QUOTE_SORTS:
            raise InvalidRequest(f"Unknown sort {request.sort!r} for quotes; sorts are {', '.join(QUOTE_SORTS)}.",
                                 parameter="sort")
        self._check(replace(request, cursor=None))  # the cursor is checked against `compiled`
        statements, query = None, request.query
        if request.match == "near":
            claim = " ".join(leaf.text for leaf, negated in leaves(request.query) if not negated)
            if not normalize(claim):
                raise InvalidRequest("match=near needs the words of a quote in q.", parameter="q")
            statements = self.near_statements(claim)
            # Within the matching statements, rank by the words shared with the claim.
            query = Or(tuple(Term(word) for word in dict.fromkeys(normalize(claim).split())))
        return replace(request, query=rescoped(query, "quote", {"body": "quote"})), statements

    def export(self, request: SearchRequest) -> Iterator[SearchHit]:
        """Every hit of a search, newest first, page by page: memory stays flat.

        Date order pages by search-after, so any depth is reachable (relevance
        stops at MAX_RELEVANCE_WINDOW). Backends may override this to read
        one consistent snapshot (a point in time).
        """
        yield from every_hit(lambda r: self._search(r, self._check(r)), request)

    def export_quotes(self, request: QuoteSearchRequest) -> Iterator[SearchHit]:
        compiled, statements = self._quote_query(replace(request, cursor=None))
        yield from every_hit(lambda r: self._search_quotes(r, self._check(r), statements), compiled)

    def near_statements(self, claim: str) -> list[str]:
        """Statements whose wording is the claim's with small edits."""
        normalized = normalize(claim)
        limit = MAX_SHORT_CLAIM_QUOTES if is_short(normalized) else CANDIDATE_LIMIT
        candidates = self.statement_candidates(band_keys(normalized), limit)
        denied = denied_statements(normalized, candidates)
        return sorted({statement for statement, wording in candidates
                       if statement not in denied and same_statement(normalized, wording)})

    def _check(self, request: SearchRequest) -> Cursor | None:
        unknown = set(request.facets) - set(FACETS)
        if unknown:
            raise InvalidRequest(
                f"Unknown facet(s): {', '.join(sorted(unknown))}; facets are {', '.join(FACETS)}.",
                facets=sorted(unknown), parameter="facets",
            )
        if request.size < 1:
            raise InvalidRequest("Page size must be at least 1.", parameter="size")
        if request.sort not in SORTS:
            raise InvalidRequest(f"Unknown sort {request.sort!r}; sorts are {', '.join(SORTS)}.", parameter="sort")
        # A relevance cursor's page may reach past MAX_RELEVANCE_WINDOW (pages of 30
        # start at 9,990): the backends cut it at the window, so it is the last page.
        return Cursor.decode(request.cursor, request) if request.cursor else None

    def get(self, article_id: str) -> dict | None:
        return self.get_many([article_id]).get(article_id)

    def get_many(self, ids: Sequence[str]) -> dict[str, dict]:
        """Articles by id; missing ids are simply absent from the result."""
        return self._get_many(list(dict.fromkeys(ids)))

    def upsert(self, articles: Iterable[dict], result: WriteResult | None = None,
               expected: Precondition | None = None) -> WriteResult:
        """Index prepared articles; same id replaces, same content is a no-op.

        `result` is where outcomes go (a load passes one that counts only).
        `expected`: a condition on each article's stored version (by its id as
        the write resolves it), checked atomically with the write; when it
        fails, PreconditionFailed is raised and nothing of it is written. Meant
        for a write of one article (POST /articles): in a write of several,
        those before the one that failed may have been written already."""
        result = result if result is not None else WriteResult()
        if expected is None:
            self._upsert(articles, result)
        else:
            self._upsert_checked(articles, result, expected)
        return result

    def _upsert_checked(self, articles: Iterable[dict], result: WriteResult, expected: Precondition) -> None:
        """`upsert` with a condition; each engine makes the check and the write one step."""
        raise NotImplementedError(f"{self.name} takes no conditional writes")

    @abstractmethod
    def _search(self, request: SearchRequest, cursor: Cursor | None) -> SearchPage: ...

    @abstractmethod
    def _search_quotes(self, request: QuoteSearchRequest, cursor: Cursor | None,
                       statements: list[str] | None) -> SearchPage:
        """Quote hits; `statements`, when given, limits them to those statements."""

    @abstractmethod
    def statement_candidates(self, keys: list[str], limit: int = CANDIDATE_LIMIT) -> list[tuple[str, str]]:
        """(statement id, normalised wording) of at most `limit` indexed quotes under any
        of these LSH keys, those under most first."""

    @abstractmethod
    def statement_quotes(self, statement_id: str, limit: int = MAX_OCCURRENCES) -> list[dict]:
        """The quotes of a statement, oldest first, undated last: the first `limit`."""

    @abstractmethod
    def article_quotes(self, article_id: str) -> list[dict]:
        """The indexed quotes of one article (with their statement ids), in article order."""

    @abstractmethod
    def source_counts(self, filters: Filters, size: int, kinds: list[str] | None = None,
                      query: Node = MATCH_ALL) -> list[dict]:
        """Sources across articles matching `filters` (and `query`): name, kind, article count;
        with `kinds`, sources of those kinds only (chosen before the top `size` are cut)."""

    @abstractmethod
    def _get_many(self, ids: list[str]) -> dict[str, dict]: ...

    @abstractmethod
    def _upsert(self, articles: Iterable[dict], result: WriteResult) -> None: ...

    @abstractmethod
    def delete(self, article_id: str, expected: Precondition | None = None) -> bool:
        """Remove an article; False when there was none with that id.

        `expected`: as for `upsert`, checked atomically with the delete
        (PreconditionFailed when it fails, and nothing is deleted)."""

    @abstractmethod
    def count(self, timeout: float | None = None) -> int:
        """Articles in the index. `timeout`: seconds an engine across the network
        may take at most for this one count (a metrics scrape's), if shorter than
        its own request timeout."""

    @abstractmethod
    def ready(self) -> bool:
        """True when the engine answers searches now."""

    def upgrade_notice(self) -> str | None:
        """What an operator must do before this index serves what an earlier release
        held (the service logs it at start), or None."""
        return None

    def close(self) -> None:
        """Release files or connections; the default holds none."""
