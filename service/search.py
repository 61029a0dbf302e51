"""The one search path: the API and the page both turn arguments into a
`SearchRequest` here, so they cannot disagree about what a query means."""
from __future__ import annotations

from dataclasses import replace

from loaders.languages import primary_language

from .backends.base import KEYWORD_FILTERS, Filters, SearchBackend, SearchHit, SearchPage, SearchRequest
from .backends.cursors import with_window_end
from .limits import query_limits
from .query import leaves, parse
from .query.variants import with_variants
from .query.format import to_text
from .related import MOST_WORDS, related_query, story_key

#: Hits asked for per related story shown: copies of one story are shown once.
RELATED_OVERFETCH = 3


def parse_query(text: str | None):
    """The query language under the running app's limits."""
    return parse(text or "", **query_limits())


def filters_from(args: dict) -> Filters:
    # Only the keyword filters given: `Filters.build` drops empty ones anyway,
    # and sorting seven empty lists took 5 µs of a search without filters, now 3.
    given = {name: args[name] for name in KEYWORD_FILTERS if args.get(name)}
    if "language" in given:
        given["language"] = languages(given["language"])
    return Filters.build(since=args.get("since"), until=args.get("until"),
                         ingested_since=args.get("ingested_since"), ingested_until=args.get("ingested_until"),
                         **given)


def languages(values: list[str]) -> list[str]:
    """`language` filter values as articles store theirs: the primary subtag (`en-US` is `en`).
    Every article's language is stored so, from any format or POST, so `language=en-US`
    (or `fr-FR`, as a feed or page declares it) found nothing, not even the article
    posted with that very value. The value as typed is kept beside it (an article an older
    release stored with its region is still found by it); one that is no tag stays alone."""
    return list(dict.fromkeys(form for value in values for form in (value, primary_language(value)) if form))


def default_sort(query) -> str:
    """Best match for a search with words; newest first for one without: every
    score is then the same, so relevance order was the index's own order, and
    it stops at 10,000 hits where date order pages through every article.

    Words only excluded (`-oil`, `NOT 🌊`, `-()`) are none to rank by either:
    each match scores alike, and such a search came in each engine's own order
    (the embedded index's, Elasticsearch's by id), different on each backend.
    """
    return "relevance" if any(not negated for _, negated in leaves(query)) else "newest"


def build_request(args: dict) -> SearchRequest:
    """From validated `SearchArgsSchema` data; raises QueryError on a bad `q`.
    Words typed in one spelling are searched in both (`US`, "U.S.": query/variants.py)."""
    query = with_variants(parse_query(args.get("q")))
    return SearchRequest(
        query=query,
        filters=filters_from(args),
        sort=args.get("sort") or default_sort(query),
        size=args.get("size", 10),
        cursor=args.get("cursor") or None,
        highlight=args.get("highlight", True),
        facets=tuple(args.get("facets") or ()),
        facet_size=args.get("facet_size", 10),
    )


def search(backend: SearchBackend, args: dict) -> SearchPage:
    request = build_request(args)
    return with_window_end(request, backend.search(request))


def related(backend: SearchBackend, article: dict, args: dict) -> dict:
    """Related coverage of `article` (service/related.py): its names and words
    searched by relevance under `args`' filters, the article itself and other
    copies of one story (`story_key`) left out, so more hits are asked for
    than shown.

    `q` is the search as query text, for a client to refine or page through on
    `/search`.
    """
    limits = query_limits()
    query = related_query(article, max_terms=min(MOST_WORDS, limits["max_terms"]), max_length=limits["max_length"])
    if query is None:
        return {"q": "", "hits": [], "took_ms": 0.0}
    size = args.get("size", 10)
    request = SearchRequest(query=query, filters=filters_from(args), sort="relevance",
                            size=size * RELATED_OVERFETCH + 1, highlight=args.get("highlight", True))
    hits, took_ms = distinct_stories(backend, request, article, size)
    return {"q": to_text(query), "hits": [hit_as_dict(hit) for hit in hits], "took_ms": round(took_ms, 3)}


def distinct_stories(backend: SearchBackend, request: SearchRequest, article: dict,
                     size: int) -> tuple[list[SearchHit], float]:
    """The first `size` hits of `request` that are neither `article` nor a copy of
    a story already kept, and the engine's time for them.

    One page of `size * RELATED_OVERFETCH + 1` hits was all that was read: a story
    run many times (the Fed's daily "adds reserves via customer repurchases",
    fourteen copies in a season of Reuters) filled it with copies of itself, and
    `size=3` found no related story while dozens matched. Pages follow, each twice
    the one before, until `size` are kept or the matches (or best-match order's
    window) end.
    """
    seen = {story_key(article)}
    hits: list[SearchHit] = []
    took_ms = 0.0
    while True:
        page = backend.search(request)
        took_ms += page.took_ms
        for hit in page.hits:
            key = story_key(hit.article)
            if hit.id != article["id"] and (key not in seen or not key):
                seen.add(key)
                hits.append(hit)
                if len(hits) == size:
                    return hits, took_ms
        if not page.next_cursor:
            return hits, took_ms
        request = replace(request, cursor=page.next_cursor, size=request.size * 2)


def hit_as_dict(hit: SearchHit) -> dict:
    """A hit as the API and the pages read it: the article (or quote), its score and highlights."""
    return {**hit.article, "score": hit.score, "highlights": hit.highlights}


def page_as_dict(page: SearchPage) -> dict:
    """An article or a quote search's page as the API and the page read it."""
    return {
        "total": page.total,
        "total_exact": page.total_exact,
        "hits": [hit_as_dict(hit) for hit in page.hits],
        "next_cursor": page.next_cursor,
        "relevance_window_end": page.relevance_window_end,
        "facets": page.facets,
        "took_ms": round(page.took_ms, 3),
    }
