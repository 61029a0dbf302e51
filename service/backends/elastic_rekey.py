"""Keys derived again after `_reindex`: the stored spellings folded as this release folds them,
the tie code (`date_keys.tie_code`) of documents written before mapping v3 stored one, or
before v4 of the quotes' mapping gave a quote's code its place in its article, an
article's `ingested_key`, which mapping v5 added (from the `ingested_at` it stores), and
the `author` and `tag` values and the byline text mapping v6 added (from the article's
`authors` and `tags`: an article stores them, a quote takes its article's).

`_reindex` copies `_source` as it is, so the `<name>_key` fields of the copy
hold the keys of the release that wrote them ("leigh-pemberton", where this
one folds "leigh pemberton"). A keyword `normalizer` with a `mapping` char
filter would fold them again at index time on Elasticsearch, but osmem
ignores such char filters (and buckets unnormalised values), and a second
folding in the mapping would have to agree with `keys.normalize_key`
character for character (docs/engine-notes.md). Every document stores the
spellings its keys come from (`<name>_facet`), so after the copy each
document whose keys `document.folded_keys` now makes differently is updated
with them, in Python: the same on every engine, with one folding.
"""
from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from .base import KEYWORD_FILTERS
from .date_keys import tie_code
from .document import folded_keys, listed_values, source_entries
from .elastic_client import EngineError
from .elastic_document import TIE_FIELD, index_text, ingested_key

#: Documents read (and at most updated) per round.
PAGE = 1_000
_FIELDS = [f"{name}_{suffix}" for name in KEYWORD_FILTERS for suffix in ("key", "facet")] + [TIE_FIELD]
#: What an article's `ingested_key` and source entries come from; a quote has neither.
_ARTICLE_FIELDS = [*_FIELDS, "ingested_key", "doc.ingested_at", "source_entry_facet", "doc.sources",
                   "doc.authors", "doc.tags", "author"]
_QUOTE_FIELDS = [*_FIELDS, "article_id", "author"]
#: Keyword fields whose values come from the article's own lists (mapping v6), by the field listing them.
ARTICLE_LISTS = {"author": "authors", "tag": "tags"}
#: Fields mapping v6 added, each derived from the article's lists where a document stored none
#: (`with_article_lists`): the spellings of the two keyword fields and the byline's text.
_LISTED_FIELDS = (*(f"{name}_facet" for name in ARTICLE_LISTS), "author")


def stale_keys(source: dict[str, Any]) -> dict[str, list[str]]:
    """The key fields of a stored document that differ from its spellings folded now.

    A document without a field's spellings keeps that field's keys: nothing
    to derive them from.
    """
    spellings = {name: _as_list(source[f"{name}_facet"]) for name in KEYWORD_FILTERS
                 if f"{name}_facet" in source}
    return {f"{name}_key": keys for name, keys in folded_keys(spellings).items()
            if _as_list(source.get(f"{name}_key")) != keys}


def stale_tie(hit: dict[str, Any]) -> dict[str, int]:
    """`tie` of a stored document when it is not its id's tie code (mapping v3 added it)."""
    tie = tie_code(hit["_id"])
    return {} if (hit.get("_source") or {}).get(TIE_FIELD) == tie else {TIE_FIELD: tie}


def stale_ingested(source: dict[str, Any]) -> dict[str, int]:
    """`ingested_key` of a stored article when it is not the one its `ingested_at` gives."""
    key = ingested_key(source.get("doc") or {})
    return {} if source.get("ingested_key") == key else {"ingested_key": key}


def stale_source_entries(source: dict[str, Any]) -> dict[str, list[str]]:
    """An article's `source_entry_facet` when it is not what its sources give now: a
    release before kept one entry per spelling of a source, counted twice in /sources."""
    entries = source_entries((source.get("doc") or {}).get("sources") or [])
    return {} if _as_list(source.get("source_entry_facet")) == entries else {"source_entry_facet": entries}


def with_article_lists(source: dict[str, Any], article: dict[str, Any] | None) -> dict[str, Any]:
    """`source` with the `author` and `tag` spellings and the byline text (`author`) of
    `article` (its stored `doc`) where it has none stored: a document written before mapping
    v6. The spellings are folded into keys by `stale_keys`."""
    if article is None:
        return source
    derived = {f"{name}_facet": listed_values(article.get(field)) for name, field in ARTICLE_LISTS.items()}
    derived["author"] = [index_text(name) for name in derived["author_facet"]]
    missing = {name: value for name, value in derived.items() if name not in source}
    return {**source, **missing} if missing else source


def stale_article_lists(source: dict[str, Any], rewritten: dict[str, Any]) -> dict[str, list[str]]:
    """The fields `with_article_lists` gave a document that stored none (`_LISTED_FIELDS`)."""
    return {name: rewritten[name] for name in _LISTED_FIELDS if name not in source and rewritten.get(name)}


def rekey(client: Elasticsearch, index: str, id_field: str, articles_index: str | None = None) -> int:
    """Update the keys of every document of `index` they are stale in; how many were.

    Pages in `id_field` order with `search_after`; an update leaves the id,
    so no document is skipped or read twice. The caller refreshes.
    `articles_index`: where a quote's article is read (its authors and tags), for the quotes' index.
    """
    updated, after = 0, None
    articles = id_field == "id"  # the articles' index; quotes are keyed by `quote_id`
    while True:
        page = client.search(index=index, query={"match_all": {}}, size=PAGE, sort=[{id_field: "asc"}],
                             source_includes=_ARTICLE_FIELDS if articles else _QUOTE_FIELDS, search_after=after,
                             track_total_hits=False)
        hits = page["hits"]["hits"]
        if not hits:
            return updated
        their_articles = {} if articles else _articles_of(client, articles_index, hits)
        operations: list[dict] = []
        for hit in hits:
            stored = hit.get("_source") or {}
            article = (stored.get("doc") or {}) if articles else their_articles.get(stored.get("article_id"))
            source = with_article_lists(stored, article)
            stale = {**stale_article_lists(stored, source), **stale_keys(source), **stale_tie(hit)}
            if articles:
                stale.update(stale_ingested(hit.get("_source") or {}))
                stale.update(stale_source_entries(hit.get("_source") or {}))
            if stale:
                operations += [{"update": {"_index": index, "_id": hit["_id"]}}, {"doc": stale}]
        if operations:
            response = client.bulk(operations=operations)
            if response.get("errors"):
                failed = next(item["update"] for item in response["items"] if "error" in item["update"])
                raise EngineError(f"updating the keys of {failed.get('_id')} in {index} failed, so the alias "
                                  f"stays where it was: {failed['error']}")
            updated += len(operations) // 2
        after = hits[-1]["sort"]


def _articles_of(client: Elasticsearch, articles_index: str | None, hits: list[dict]) -> dict[str, dict]:
    """The stored authors and tags of the articles of a page of quotes that lack theirs, by article id."""
    wanted = sorted({(hit.get("_source") or {}).get("article_id") for hit in hits
                     if any(name not in (hit.get("_source") or {}) for name in _LISTED_FIELDS)} - {None})
    if not wanted or articles_index is None:
        return {}
    found = client.mget(index=articles_index, ids=wanted,
                        source_includes=[f"doc.{field}" for field in ARTICLE_LISTS.values()])
    return {doc["_id"]: (doc.get("_source") or {}).get("doc") or {} for doc in found["docs"] if doc.get("found")}


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
