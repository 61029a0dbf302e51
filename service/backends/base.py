"""The one interface every search backend implements.

`SearchBackend.search()` is the public entry: it checks the request, applies
the cursor rules common to all engines, and hands a compiled query to the
subclass. Subclasses plug in the engine (`_search`, `_get_many`, `_upsert`,
...), so the API, the page and the loaders never know which engine answers.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator, NoReturn, Sequence

from ..errors import InvalidCursor, InvalidRequest, PreconditionFailed, SearchTimeout
from ..query import MATCH_ALL, Node, Or, Term, leaves, rescoped
from ..statements import CANDIDATE_LIMIT, band_keys, denied_statements, is_short, normalize, same_statement

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
#: Hits fetched per round while exporting.
EXPORT_PAGE = 500
#: Facets every backend computes, each over a keyword field of the same name.
FACETS = ("outlet", "place", "source", "source_kind", "speaker", "section", "language", "author", "tag", "month")
#: Filters every backend applies as exact (normalised) matches. `author` and `tag`
#: match one of an article's `authors` (its bylines) and `tags`: a desk asks for
#: a reporter's stories, and an editor for a story line tagged across outlets.
KEYWORD_FILTERS = ("outlet", "place", "speaker", "source", "source_kind", "section", "language", "author", "tag")
#: Facets counted per normalised key (`keys.normalize_key`), as their filters
#: match: "Reuters" and "REUTERS" are one bucket, shown in their most common
#: spelling (`display_spelling`).
FOLDED_FACETS = tuple(name for name in FACETS if name in KEYWORD_FILTERS)
#: Facets listed in the order of their values (newest month first), not most counted first.
VALUE_ORDERED = frozenset({"month"})
#: Relevance pages by offset (engines expose no score-based search-after);
#: like Elasticsearch's max_result_window, deeper pages must sort by date.
MAX_RELEVANCE_WINDOW = 10_000
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


def part_size(size: int) -> int:
    """Values each shard or segment reports for a top `size`: Elasticsearch's default."""
    return int(size * 1.5 + 10)


#: Values a facet reads to take in the whole of a tie at its cut (`tie_left_open`).
MAX_TIE_VALUES = 2_000


def tie_left_open(name: str, raw: dict, size: int, asked: int) -> bool:
    """Whether an engine's `asked` top values of a facet end inside a tie that reaches its top `size`.

    The engine breaks a tie by key (Elasticsearch) or by code or ordinal
    (tantivy), and `ranked_buckets` by the value shown, so a tie cut short
    by the engine kept other values on each backend: eight articles citing
    twenty sources once each listed five different sources on each. Such a
    facet is counted again, wider (up to MAX_TIE_VALUES values), so the tie
    is ranked whole. Mostly a search of few matches, where that is cheap.
    """
    if name in VALUE_ORDERED:
        return False
    counts = sorted((int(bucket["doc_count"]) for bucket in raw.get("buckets") or ()), reverse=True)
    more = int(raw.get("sum_other_doc_count") or 0) > 0
    return asked < MAX_TIE_VALUES and more and len(counts) >= max(asked, size) and counts[-1] == counts[size - 1]


#: What each segment or shard reports of a facet whose counts came back short: every value it holds.
EVERY_VALUE = 2**31 - 1


def cut_short(name: str, raw: dict) -> bool:
    """Whether an engine's counts of a facet may be short of what its filter finds.

    Each segment of the embedded index (a shard on Elasticsearch) reports its
    top values only: a value below the cut in one segment loses its count
    there, and the engine says how much may be missing. An index written more
    than once has a segment per commit until tantivy merges them: after a
    load or a reindex, a place filed 41 times had a bucket of 40. A facet
    listed in the order of its values is cut by value, the same in each.
    """
    return name not in VALUE_ORDERED and int(raw.get("doc_count_error_upper_bound") or 0) > 0


def counted_whole(name: str, raw: dict, size: int, asked: int, count_wider: Callable[[int, int], dict]) -> dict:
    """A facet's engine result `raw` (its `asked` top values), counted again by `count_wider(n, part)`
    (the top n values, each segment or shard reporting its top `part`): with every value of each
    when the counts came back short (`cut_short`), with 8 times as many values each round while a
    tie at the top `size` is left open."""
    every = cut_short(name, raw)
    if every:
        raw = count_wider(asked, EVERY_VALUE)
    while tie_left_open(name, raw, size, asked):
        asked = min(asked * 8, MAX_TIE_VALUES)
        raw = count_wider(asked, EVERY_VALUE if every else asked)
    return raw


def facet_terms(name: str, size: int, part_size_key: str) -> dict[str, Any]:
    """The terms aggregation of one facet, the same request on both engines.

    Each shard (Elasticsearch: `shard_size`) or segment (tantivy:
    `segment_size`) reports its top `size * 1.5 + 10` values before they are
    merged: Elasticsearch's default, set on both. tantivy's own default
    (10 × size) costs a term-dictionary lookup per extra value and segment,
    most of a faceted search's time on many-valued facets such as sources.
    The cut can leave a count short where several segments or shards each
    cut: the embedded index then has each segment report every value at once
    (`tantivy_facets.facet_aggregation`); elsewhere, when the engine says a
    count may be short, the facet is counted again, whole (`cut_short`).
    """
    terms: dict[str, Any] = {"field": f"{name}_facet", "size": size, part_size_key: part_size(size)}
    if name in VALUE_ORDERED:
        terms["order"] = {"_key": "desc"}
    return terms


def display_spelling(spellings: dict[str, int]) -> str:
    """The spelling a facet bucket shows: the one most of its documents have.

    A bucket counts one normalised key, whatever its spellings ("Reuters"
    400 times, "REUTERS" once), so that its count is what filtering on it
    finds. Ties go to the first spelling in code point order (Elasticsearch's
    order of terms), so both backends show the same one.
    """
    return min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]


def ranked_buckets(name: str, counted: Iterable[tuple[str, int]], size: int) -> list[dict[str, Any]]:
    """A facet's top `size` buckets as `{value, count}`, most counted first, then by value.

    Every backend ends here, so ties are ordered the same on each. Backends
    ask their engine for the wider per-part number of keys and cut here: the
    engine orders a tie by key (normalised) or code, not by the value shown.
    `month` keeps the engine's order, newest first.
    """
    buckets = list(counted)
    if name not in VALUE_ORDERED:
        buckets.sort(key=lambda bucket: (-bucket[1], bucket[0]))
    return [{"value": value, "count": count} for value, count in buckets[:size]]


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


OUTCOMES = ("indexed", "updated", "unchanged", "failed")

#: A write's condition on what the index holds under the id written: called with the
#: stored article (None when there is none), it says whether the write may go on.
#: The backend calls it atomically with the write, so no other write lands between the
#: check and this one: an editor's If-Match is checked against the version replaced.
#: A predicate, not an ETag: backends know no HTTP.
Precondition = Callable[[dict | None], bool]


def check_precondition(expected: Precondition | None, article_id: str, stored: dict | None) -> None:
    """Raise PreconditionFailed (nothing written) unless `expected` holds of `stored`."""
    if expected is not None and not expected(stored):
        raise precondition_failed(article_id, stored)


def precondition_failed(article_id: str, stored: dict | None) -> PreconditionFailed:
    """The refusal of a conditional write; `stored` is what the index holds now."""
    if stored is None:
        return PreconditionFailed(f"The write expected an article with id '{article_id}', and there is none; "
                                  "nothing was written.", current=None, id=article_id)
    return PreconditionFailed(f"The article with id '{article_id}' is not the version the write expected "
                              "(another write changed it, or it exists already); nothing was written.",
                              current=stored, id=article_id)


@dataclass(frozen=True)
class ReindexResult:
    """A copy of the index into a new version: what was copied, from where to where."""
    old_index: str
    new_index: str
    documents: int
    old_deleted: bool
    failed: int = 0


@dataclass
class WriteResult:
    """What a write did, per article id; nothing is dropped silently.

    A load of millions keeps counts only (`keep_ids=False`), so its memory
    does not grow with its size, and hears of each failure as it happens
    (`on_failure`), while it still knows where that article came from.
    """

    indexed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    keep_ids: bool = True
    on_failure: Callable[[str, str], None] | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))

    def add(self, outcome: str, article_id: str) -> None:
        """Count an indexed, updated or unchanged article."""
        self.counts[outcome] += 1
        if self.keep_ids:
            getattr(self, outcome).append(article_id)

    def fail(self, article_id: str, reason: str) -> None:
        self.counts["failed"] += 1
        if self.on_failure is not None:
            self.on_failure(article_id, reason)
        else:
            self.failed.append((article_id, reason))


def settled_ids(batch: list[dict], stored: dict[str, str | None]) -> set[str]:
    """Ids whose last copy in `batch` has the content the index holds (`stored`: id -> content hash).

    A batch may hold an article twice (a feed listing an update above its
    first version, a corrected copy later in one export). Compared in order,
    the earlier copy differed from what the index held (the later version),
    so every re-run of the load wrote it, then the later one over it, and
    counted both "updated". Every copy of such an id is unchanged.
    """
    last = {article["id"]: article.get("content_hash") for article in batch}
    return {article_id for article_id, content in last.items()
            if article_id in stored and stored[article_id] == content}


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts.

    Date sorts page by search-after: `key` is the last hit's sort key and
    `seen` the ids already returned with that same key (ties), so no hit is
    repeated or skipped. Relevance pages by `offset`, bounded by
    MAX_RELEVANCE_WINDOW.
    """

    fingerprint: str
    offset: int = 0
    key: int | None = None
    seen: tuple[str, ...] = ()

    def encode(self) -> str:
        payload = {"f": self.fingerprint, "o": self.offset, "k": self.key, "s": list(self.seen)}
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, request: SearchRequest) -> "Cursor":
        """The cursor in `text`, if it is exactly one this service issues for `request`.

        Anything else (not base64 JSON, other keys, a wrong type, a value out
        of range, a relevance cursor on a date sort) is InvalidCursor: its
        values reach the engine, which must never see one it cannot take.
        """
        cursor = cls._parse(text)
        if cursor is None:
            raise InvalidCursor("The cursor is not one this service issued.")
        if cursor.fingerprint != request.fingerprint():
            raise InvalidCursor(
                "The cursor belongs to a different query, filter or sort; "
                "start again without a cursor."
            )
        if request.sort == "relevance":
            issued = cursor.key is None and not cursor.seen and 0 < cursor.offset < MAX_RELEVANCE_WINDOW
        else:
            issued = cursor.key is not None and bool(cursor.seen) and cursor.offset == 0
        if not issued:
            raise InvalidCursor("The cursor is not one this service issued.")
        return cursor

    @classmethod
    def _parse(cls, text: str) -> "Cursor | None":
        """The fields of an encoded cursor when each has the type and range `encode` gives it."""
        if not isinstance(text, str) or len(text) > MAX_CURSOR_LENGTH:
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (ValueError, binascii.Error):
            return None
        if not isinstance(payload, dict) or set(payload) != {"f", "o", "k", "s"}:
            return None
        fingerprint, offset, key, seen = payload["f"], payload["o"], payload["k"], payload["s"]
        if not (isinstance(fingerprint, str) and _FINGERPRINT.fullmatch(fingerprint)):
            return None
        if not _is_int(offset) or not 0 <= offset < MAX_RELEVANCE_WINDOW:
            return None
        if key is not None and not (_is_int(key) and MIN_SORT_KEY <= key <= MAX_SORT_KEY):
            return None
        if not (isinstance(seen, list) and all(isinstance(s, str) and s and s.isprintable() for s in seen)):
            return None  # every id issued is printable text: a `\ud800` escape was tantivy's ValueError, a 500
        return cls(fingerprint=fingerprint, offset=offset, key=key, seen=tuple(seen))


#: Cursors longer than this were not issued here (ties on one second carry their ids).
MAX_CURSOR_LENGTH = 100_000
#: Date sort keys are 64-bit integers on every engine.
MIN_SORT_KEY, MAX_SORT_KEY = -(2**63), 2**63 - 1
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Deadline:
    """When a search must give up; checked between its steps.

    An engine call already running is not interrupted (tantivy offers no
    cancel), so a deadline bounds the work that follows a slow step: loading
    documents, highlighting, facets. Elasticsearch also gets it as `timeout`.
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.ends = None if seconds is None else time.monotonic() + seconds

    def check(self, step: str) -> None:
        if self.ends is not None and time.monotonic() > self.ends:
            self.expired(step)

    def remaining(self) -> float | None:
        """Seconds left (at least 0), or None without a deadline."""
        return None if self.ends is None else max(0.0, self.ends - time.monotonic())

    def expired(self, step: str) -> NoReturn:
        raise SearchTimeout(
            f"The search took longer than its {self.seconds * 1000:.0f} ms deadline ({step}); "
            "narrow the query or add filters.", deadline_ms=round(self.seconds * 1000))


def export_request(request: SearchRequest) -> SearchRequest:
    """`request` as an export runs it: every hit in date order (or, for articles, the order
    they were last written in: the search page's 'Recently added'), pages of EXPORT_PAGE, no extras."""
    sort = request.sort if request.sort in ("newest", "oldest", "ingested") else "newest"
    return replace(request, sort=sort, size=EXPORT_PAGE, highlight=False, facets=(), cursor=None)


def every_hit(search, request: SearchRequest) -> Iterator[SearchHit]:
    """Page through all hits of `request` in date order with `search(request)`."""
    request = export_request(request)
    while True:
        page = search(request)
        yield from page.hits
        if not page.next_cursor:
            return
        request = replace(request, cursor=page.next_cursor)


def source_entry(entry: str, articles: int) -> dict:
    """A `kind|name` facet value (document.py) as a source listing row."""
    kind, _, name = entry.partition("|")
    return {"name": name, "kind": kind, "articles": articles}


def relevance_window_ended(request: SearchRequest, page: SearchPage) -> bool:
    """Whether `page` has no next page only because best-match order stops at
    MAX_RELEVANCE_WINDOW hits, not because the matches ran out."""
    if request.sort != "relevance" or page.next_cursor or not page.hits:
        return False
    reached = (Cursor.decode(request.cursor, request).offset if request.cursor else 0) + len(page.hits)
    return reached >= MAX_RELEVANCE_WINDOW and page.total > reached


def with_window_end(request: SearchRequest, page: SearchPage) -> SearchPage:
    """`page`, its `relevance_window_end` set: article and quote searches alike."""
    return replace(page, relevance_window_end=True) if relevance_window_ended(request, page) else page


def next_cursor(request: SearchRequest, cursor: Cursor | None, hits: list[SearchHit],
                sort_keys: list[int], more: bool, ties_by_id: bool = False) -> str | None:
    """The cursor after this page, or None on the last page.

    `ties_by_id`: the engine orders hits of one sort key by id, so the last
    id alone says where the next page starts (Elasticsearch's search_after);
    else every id given with the last key is carried, and a run of equal keys
    (undated articles all share one) grows the cursor by an id a hit.
    """
    if not more or not hits:
        return None
    fingerprint = request.fingerprint()
    if request.sort == "relevance":
        offset = (cursor.offset if cursor else 0) + len(hits)
        if offset >= MAX_RELEVANCE_WINDOW:
            return None
        return Cursor(fingerprint, offset=offset).encode()
    last = sort_keys[-1]
    seen = [h.id for h, k in zip(hits, sort_keys) if k == last]
    if ties_by_id:
        seen = seen[-1:]
    elif cursor is not None and cursor.key == last:
        seen = list(cursor.seen) + seen
    return Cursor(fingerprint, key=last, seen=tuple(seen)).encode()


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
