"""Statement lookups on the quotes index: which indexed quotes share a quote's LSH keys.

A load asks this for every new quote. One search a quote was one round trip
a quote (on osmem here, a quarter of a load's time); `candidates_many` asks
for a whole batch in `_msearch` requests of MSEARCH_SIZE searches.
"""
from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from ..statements import CANDIDATE_LIMIT
from .elastic_client import engine_errors

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
