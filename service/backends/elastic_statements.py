"""Statement lookups on the quotes index: which indexed quotes share a quote's LSH keys,
and the quotes of one statement or one article.

A load asks this for every new quote. One search a quote was one round trip
a quote (on osmem here, a quarter of a load's time); `candidates_many` asks
for a whole batch in `_msearch` requests of MSEARCH_SIZE searches.
"""
from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from ..statements import CANDIDATE_LIMIT
from .base import MAX_OCCURRENCES
from .elastic_client import engine_errors
from .quote_documents import in_article_order, oldest_first

#: Searches sent in one `_msearch` request.
MSEARCH_SIZE = 200
_FIELDS = ["statement_id", "wording"]


def _search_body(keys: list[str], limit: int = CANDIDATE_LIMIT) -> dict[str, Any]:
    should = [{"term": {"band": key}} for key in keys]  # most shared keys first
    return {"size": limit, "query": {"bool": {"should": should}}, "_source": _FIELDS}


def _found(response) -> list[tuple[str, str]]:
    found = {}
    for row in response["hits"]["hits"]:
        found.setdefault((row["_source"]["statement_id"], row["_source"]["wording"]), None)
    return list(found)


def candidates(client: Elasticsearch, index: str, keys: list[str],
               limit: int = CANDIDATE_LIMIT) -> list[tuple[str, str]]:
    """(statement id, wording) of at most `limit` indexed quotes sharing the most of `keys`, best first."""
    with engine_errors("looking up statements"):
        response = client.search(index=index, **_search_body(keys, limit))
    return _found(response)


def candidates_many(client: Elasticsearch, index: str, key_lists: list[list[str]]) -> list[list[tuple[str, str]]]:
    """`candidates` for each list of keys, in order. A search the engine failed
    inside a `_msearch` is asked again on its own, so its error is raised as
    any lookup's would be."""
    answers = []
    for start in range(0, len(key_lists), MSEARCH_SIZE):
        part = key_lists[start:start + MSEARCH_SIZE]
        searches = []
        for keys in part:
            searches += [{}, _search_body(keys)]
        with engine_errors("looking up statements"):
            response = client.msearch(index=index, searches=searches)
        for keys, item in zip(part, response["responses"]):
            answers.append(candidates(client, index, keys) if "error" in item else _found(item))
    return answers


def statement_quotes(client: Elasticsearch, index: str, statement_id: str,
                     limit: int = MAX_OCCURRENCES) -> list[dict]:
    """The quotes of one statement, oldest first (`quote_documents.oldest_first`)."""
    with engine_errors("reading a statement"):
        response = client.search(
            index=index, size=limit, _source=["doc"],
            query={"term": {"statement_id": statement_id}},
            sort=[{"oldest_key": "desc"}, {"article_id": "asc"}, {"quote_id": "asc"}])
    return oldest_first([(row["sort"][0], row["_source"]["doc"]) for row in response["hits"]["hits"]])


def article_quotes(client: Elasticsearch, index: str, article_id: str) -> list[dict]:
    """Every quote of the article, a page of MAX_OCCURRENCES at a time by quote id: one page
    was all, so a long digest's quotes past the first 1,000 had no statement."""
    found: list[dict] = []
    after: list | None = None
    while True:
        page = {"search_after": after} if after else {}
        with engine_errors("reading an article's quotes"):
            response = client.search(index=index, size=MAX_OCCURRENCES, _source=["doc"],
                                     query={"term": {"article_id": article_id}},
                                     sort=[{"quote_id": "asc"}], **page)
        rows = response["hits"]["hits"]
        found += [row["_source"]["doc"] for row in rows]
        if len(rows) < MAX_OCCURRENCES:
            return in_article_order(found)
        after = rows[-1]["sort"]
