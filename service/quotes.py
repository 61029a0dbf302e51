"""Quote search, statements and sources as the API and the page use them.

One place turns arguments into backend calls and shapes statements, so the
JSON API and the search page cannot disagree.
"""
from __future__ import annotations

import re
from typing import Any

from .backends.base import Filters, QuoteSearchRequest, SearchBackend, SearchPage
from .errors import NewsIndexError
from .query import MATCH_ALL
from .search import build_request, filters_from
from .statements import normalize

_WORD = re.compile(r"\w+")
#: Most distinct sources a listing aggregates before paging.
MAX_SOURCES = 10_000


class StatementNotFound(NewsIndexError):
    code = "not_found"


def search_quotes(backend: SearchBackend, args: dict) -> SearchPage:
    """The same arguments as an article search, plus `match`."""
    args = claim_args(args)
    request = build_request(args)
    return backend.search_quotes(QuoteSearchRequest(**vars(request), match=args.get("match", "exact")))


def claim_args(args: dict) -> dict:
    """With match=near, `q` is a pasted claim: its words only, as one phrase. Quote marks, colons,
    `-`, `*` and `OR`/`NOT` in it are text, never operators (near matches statements by their
    words, which is all it reads), so a claim pasted as written never fails as query syntax."""
    if args.get("match") != "near":
        return args
    words = _WORD.findall(args.get("q") or "")
    return {**args, "q": '"' + " ".join(words) + '"' if words else ""}


def quote_page_as_dict(page: SearchPage) -> dict[str, Any]:
    return {
        "total": page.total,
        "hits": [{**hit.article, "score": hit.score, "highlights": hit.highlights} for hit in page.hits],
        "next_cursor": page.next_cursor,
        "facets": page.facets,
        "took_ms": round(page.took_ms, 3),
    }


def occurrences(backend: SearchBackend, statement_id: str) -> dict[str, Any]:
    """Every article carrying the statement, oldest first, and how its wording drifted."""
    quotes = backend.statement_quotes(statement_id)
    if not quotes:
        raise StatementNotFound(f"No statement with id '{statement_id}'.")
    first = quotes[0]
    variants: dict[str, dict[str, Any]] = {}
    rows = []
    for quote in quotes:
        article = quote["article"]
        published = (article.get("dateline") or {}).get("published_at")
        key = normalize(quote["text"])
        variant = variants.setdefault(key, {"text": quote["text"], "count": 0, "first_seen": published,
                                            "article_ids": []})
        variant["count"] += 1
        variant["article_ids"].append(article["id"])
        rows.append({
            "quote_id": quote["id"], "text": quote["text"], "kind": quote.get("kind"),
            "speaker": quote.get("speaker"), "source": quote.get("source"),
            "article_id": article["id"], "headline": article.get("headline"),
            "outlet": article.get("outlet"), "url": article.get("url"),
            "dateline": article.get("dateline"), "published_at": published,
            "first": quote is first,
        })
    return {
        "statement_id": statement_id,
        "text": first["text"],
        "speaker": next((q.get("speaker") for q in quotes if q.get("speaker")), None),
        "first_seen": (first["article"].get("dateline") or {}).get("published_at"),
        "first_article_id": first["article"]["id"],
        "count": len(rows),
        "occurrences": rows,
        "variants": list(variants.values()),
    }


def sources(backend: SearchBackend, args: dict) -> dict[str, Any]:
    """Sources across the archive with article and quote counts, most cited first."""
    filters = filters_from({k: args.get(k) for k in ("outlet", "since", "until")})
    rows = backend.source_counts(filters, MAX_SOURCES)
    if args.get("kind"):
        rows = [r for r in rows if r["kind"] in args["kind"]]
    quote_counts = _quote_counts(backend, filters)
    for row in rows:
        row["quotes"] = quote_counts.get(row["name"], 0)
    offset, size = args.get("offset", 0), args.get("size", 50)
    return {"total": len(rows), "sources": rows[offset: offset + size]}


def _quote_counts(backend: SearchBackend, filters: Filters) -> dict[str, int]:
    page = backend.search_quotes(QuoteSearchRequest(
        query=MATCH_ALL, filters=filters, size=1, highlight=False, facets=("source",),
        facet_size=MAX_SOURCES))
    return {bucket["value"]: bucket["count"] for bucket in page.facets.get("source", [])}
