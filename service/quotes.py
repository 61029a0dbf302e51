"""Quote search, statements and sources as the API and the page use them.

One place turns arguments into backend calls and shapes statements, so the
JSON API and the search page cannot disagree.
"""
from __future__ import annotations

from typing import Any

from .backends.base import MAX_OCCURRENCES, QuoteSearchRequest, SearchBackend, SearchPage
from .backends.facet_counting import display_spelling
from .backends.keys import normalize_key
from .errors import NewsIndexError
from .limits import query_limits
from .query import MATCH_ALL, And, Node, Prefix, combined, parse_claim
from .search import build_request, filters_from
from .statements import normalize

#: Most distinct sources a listing aggregates before paging.
MAX_SOURCES = 10_000


class StatementNotFound(NewsIndexError):
    code = "not_found"


def search_quotes(backend: SearchBackend, args: dict) -> SearchPage:
    """The same arguments as an article search, plus `match` (the backend
    marks the relevance window's end: only it knows the compiled request)."""
    return backend.search_quotes(quote_request(args))


def quote_request(args: dict) -> QuoteSearchRequest:
    """The quote search `args` ask for. With match=near, `q` is a pasted claim,
    read as its words only (`parse_claim`), so a claim pasted as written never
    fails as query syntax; near matches statements by their words, which is
    all it reads."""
    match = args.get("match", "exact")
    if match != "near":
        return QuoteSearchRequest(**vars(build_request(args)), match=match)
    request = build_request({**args, "q": None, "sort": args.get("sort") or "relevance"})
    claim = parse_claim(args.get("q"), max_length=query_limits()["max_length"])
    return QuoteSearchRequest(**{**vars(request), "query": claim}, match=match)


def occurrences(backend: SearchBackend, statement_id: str) -> dict[str, Any]:
    """Every article carrying the statement, oldest first, and how its wording drifted."""
    # One past the limit tells a list that stops there from one that ends there:
    # a statement of exactly MAX_OCCURRENCES quotes said `complete: false`.
    quotes = backend.statement_quotes(statement_id, MAX_OCCURRENCES + 1)
    if not quotes:
        raise StatementNotFound(f"No statement with id '{statement_id}'.")
    complete = len(quotes) <= MAX_OCCURRENCES
    quotes = quotes[:MAX_OCCURRENCES]
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
        if article["id"] not in variant["article_ids"]:  # a story repeating a quote is one article
            variant["article_ids"].append(article["id"])
        rows.append({
            "quote_id": quote["id"], "text": quote["text"], "kind": quote.get("kind"),
            "speaker": quote.get("speaker"), "source": quote.get("source"),
            "article_id": article["id"], "headline": article.get("headline"),
            "outlet": article.get("outlet"), "url": article.get("url"), "language": article.get("language"),
            "dateline": article.get("dateline"), "published_at": published,
            "first": quote is first,
        })
    named, surnames = _speaker_rows(quotes)
    return {
        "statement_id": statement_id,
        "text": first["text"],
        "speaker": _first_speaker(quotes, named, surnames),
        "speakers": list(named.values()),
        "first_seen": (first["article"].get("dateline") or {}).get("published_at"),
        "first_article_id": first["article"]["id"],
        "count": len(rows),
        "complete": complete,
        "occurrences": rows,
        "variants": list(variants.values()),
    }


def _first_speaker(quotes: list[dict], named: dict[str, dict[str, Any]], surnames: dict[str, str]) -> str | None:
    """The first occurrence's speaker; by the full name `speakers` shows it under
    when a story gave the surname alone (`_speaker_rows`)."""
    first = next((q.get("speaker") for q in quotes if q.get("speaker")), None)
    full = surnames.get(normalize_key(first)) if first else None
    return named[full]["name"] if full else first


def speakers(quotes: list[dict]) -> list[dict[str, Any]]:
    """Everyone a statement's occurrences are attributed to (the speaker, else
    the source), in the order they first said it, with how many occurrences
    each: the same claim from two people is not one person saying it twice.
    Spellings differing only in case, accents or punctuation (`keys.normalize_key`) are one speaker, shown as
    most occurrences spell it. A person named by surname alone in a story ("Powell") is the one person
    of the statement whose full name ends in it ("Jerome Powell"), shown by the full name."""
    return list(_speaker_rows(quotes)[0].values())


def _speaker_rows(quotes: list[dict]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """`speakers`' rows by key, and the full-name key each surname alone was counted under."""
    found: dict[str, dict[str, int]] = {}
    people: set[str] = set()  # keys only ever cited as a person
    others: set[str] = set()
    for quote in quotes:
        name = quote.get("speaker") or (quote.get("source") or {}).get("name")
        if name:
            key = normalize_key(name)
            spellings = found.setdefault(key, {})
            spellings[name] = spellings.get(name, 0) + 1
            (people if (quote.get("source") or {}).get("kind") == "person" else others).add(key)
    one_word = {key for key, spellings in found.items() if any(len(name.split()) == 1 for name in spellings)}
    surnames = _full_names(people - others, one_word)
    rows: dict[str, dict[str, Any]] = {}
    for key, spellings in found.items():
        full = surnames.get(key, key)
        row = rows.setdefault(full, {"name": display_spelling(found[full]), "count": 0})
        row["count"] += sum(spellings.values())
    return rows, surnames


def _full_names(people: set[str], one_word: set[str]) -> dict[str, str]:
    """Each person key spelt as one word that ends exactly one person key spelt as
    several: that key. One word as written, not as keyed: "Leigh-Pemberton" is the key
    "leigh pemberton", the surname of "Robin Leigh-Pemberton", where a test of
    the key's last word took it for two names."""
    surnames = {}
    for key in people & one_word:
        longer = [other for other in people - one_word if other.endswith(" " + key)]
        if len(longer) == 1:
            surnames[key] = longer[0]
    return surnames


def sources(backend: SearchBackend, args: dict) -> dict[str, Any]:
    """Sources across the archive with article and quote counts, most cited first
    (those whose name starts words as `name` does, when given).

    One row per source as the `source` filter matches it: spellings that differ
    only in case, accents or punctuation ("the ministry", "The Ministry";
    "O'Brien", "O’Brien") are one row, shown in the spelling most articles use,
    so its counts are what `/search?source=` and `/quotes?source=` find. A name
    cited as two kinds stays two rows, each counting only the quotes attributed
    to it as that kind.
    """
    filters = {k: args.get(k) for k in ("outlet", "since", "until")}
    kinds, name = args.get("kind") or None, args.get("name")
    # One past the limit, as for occurrences: exactly MAX_SOURCES sources are all of them.
    counted = backend.source_counts(filters_from(filters), MAX_SOURCES + 1, kinds)
    complete = len(counted) <= MAX_SOURCES
    rows = one_row_per_source(counted[:MAX_SOURCES])
    query = MATCH_ALL
    if name:
        rows = [row for row in rows if name_matches(name, row["name"])]
        if not complete:
            # A name cited less than the most cited MAX_SOURCES was never found: it is looked
            # for again among the articles whose sources have words starting as typed.
            query = _name_query(name)
            named = backend.source_counts(filters_from(filters), MAX_SOURCES + 1, kinds, query)
            complete = len(named) <= MAX_SOURCES
            rows = _merged(rows, [row for row in one_row_per_source(named[:MAX_SOURCES])
                                  if name_matches(name, row["name"])])
    quote_counts = _quote_counts(backend, filters, sorted({row["kind"] for row in rows}), query)
    for row in rows:
        row["quotes"] = quote_counts.get((row["kind"], normalize_key(row["name"])), 0)
    offset, size = args.get("offset", 0), args.get("size", 50)
    return {"total": len(rows), "complete": complete, "sources": rows[offset: offset + size]}


def name_matches(typed: str, name: str) -> bool:
    """Whether each word `typed` starts a word of `name`, as keys compare them
    (case, accents, hyphens, periods and apostrophes folded): "okaf" and
    "len oka" are Lena Okafor, "obri" and "o bri" are O'Brien (the apostrophe
    typed as a space). Words typed in no order."""
    words = normalize_key(name).replace("'", "").split()
    parts = normalize_key(typed).replace("'", "").split()
    return (all(any(word.startswith(part) for word in words) for part in parts)
            or any(word.startswith("".join(parts)) for word in words))


def one_row_per_source(rows: list[dict]) -> list[dict]:
    """Rows of `source_counts` (one per exact spelling) merged by kind and
    normalised name, most cited first, then by `kind|name`, as the engines rank
    them. An article citing one source in two spellings holds one entry for it
    (`document.derived_fields`), so it counts once; one written by an earlier release
    counts twice until it is written anew (edited, or loaded into a new index: a load
    of the same copy leaves it unchanged)."""
    merged: dict[tuple[str, str], dict[str, int]] = {}
    for row in rows:
        spellings = merged.setdefault((row["kind"], normalize_key(row["name"])), {})
        spellings[row["name"]] = spellings.get(row["name"], 0) + row["articles"]
    result = [{"name": display_spelling(spellings), "kind": kind, "articles": sum(spellings.values())}
              for (kind, _), spellings in merged.items()]
    result.sort(key=lambda row: (-row["articles"], f"{row['kind']}|{row['name']}"))
    return result


def _quote_counts(backend: SearchBackend, filters: dict, kinds: list[str],
                  query: Node = MATCH_ALL) -> dict[tuple[str, str], int]:
    """Quotes attributed to each source, by (kind, normalised name): one count per kind listed;
    with a name's `query`, also counted among the quotes whose source it finds (as `sources`
    looks for a name past the most cited), the larger count kept."""
    counts: dict[tuple[str, str], int] = {}
    for kind in kinds:
        for among in (MATCH_ALL, query) if query != MATCH_ALL else (MATCH_ALL,):
            page = backend.search_quotes(QuoteSearchRequest(
                query=among, filters=filters_from({**filters, "source_kind": [kind]}), size=1,
                highlight=False, facets=("source",), facet_size=MAX_SOURCES))
            for bucket in page.facets.get("source", []):
                key = (kind, normalize_key(bucket["value"]))
                counts[key] = max(counts.get(key, 0), bucket["count"])
    return counts


def _name_query(typed: str) -> Node:
    """Documents with a source whose name has a word starting with each word typed: a
    superset of what `name_matches` takes, but for a name typed run together ("obri" for
    O'Brien), which only the most cited sources' listing finds. The three longest words
    typed: a word of one letter starts more words than a prefix expands to, and fewer
    words only find more."""
    words = sorted(normalize_key(typed).replace("'", " ").split(), key=len, reverse=True)[:3]
    prefixes = tuple(Prefix(word, "source") for word in words)
    return combined(And, prefixes) if prefixes else MATCH_ALL


def _merged(rows: list[dict], more: list[dict]) -> list[dict]:
    """Rows of two listings, once each (by kind and key), most cited first as the engines rank them."""
    merged = {(row["kind"], normalize_key(row["name"])): row for row in rows}
    for row in more:
        kept = merged.setdefault((row["kind"], normalize_key(row["name"])), row)
        kept["articles"] = max(kept["articles"], row["articles"])
    return sorted(merged.values(), key=lambda row: (-row["articles"], f"{row['kind']}|{row['name']}"))
