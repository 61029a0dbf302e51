"""Facets on Elasticsearch: the aggregations asked, and the buckets they give, ranked.

A folded facet counts its normalised `<name>_key` (what its filter matches)
and lists each key's spellings from `<name>_facet`, the most used of which
each bucket shows (`facet_counting.display_spelling`). A tie the engine cut short at
its `shard_size` is counted again, wider (`facet_counting.counted_whole`).
"""
from __future__ import annotations

from typing import Any, Callable

from .base import SearchRequest
from .facet_counting import FOLDED_FACETS, counted_whole, display_spelling, facet_terms, ranked_buckets
from .keys import normalize_key

#: The sub-aggregation naming the spellings of a folded facet's key.
_SPELLINGS = "spellings"
#: Values of a facet listed per key, most counted first. A document holding
#: several values of a facet (speakers, sources) lists them all in each of
#: its keys' buckets, so the key's own spellings are picked out by folding;
#: its most common one is missed only where more than this many other values
#: share its documents more often than it does.
MAX_SPELLINGS = 50


def aggregations(request: SearchRequest) -> dict[str, Any]:
    return {name: facet_aggregation(name, request.facet_size) for name in request.facets}


def facet_aggregation(name: str, size: int) -> dict[str, Any]:
    """One facet's aggregation: a folded facet counts its normalised `<name>_key`
    (what its filter matches) and lists each key's spellings from `<name>_facet`.

    The wider `shard_size` number of keys comes back, cut in `ranked_buckets`:
    Elasticsearch would break a tie at the cut by key, not by the value shown.
    """
    terms = facet_terms(name, size, "shard_size")
    if name not in FOLDED_FACETS:
        return {"terms": terms}
    return {"terms": {**terms, "field": f"{name}_key", "size": terms["shard_size"]},
            "aggs": {_SPELLINGS: {"terms": {"field": f"{name}_facet", "size": MAX_SPELLINGS}}}}


def _bucket(bucket: dict) -> tuple[str, int]:
    """(value shown, count) of one counted key: the key's most common spelling.

    The key is folded again before comparing: on an index not yet reindexed
    since keys fold punctuation, "leigh-pemberton" still shows as
    "Leigh-Pemberton". On one made from an older mapping file, whose normalizer
    folded keys further than `normalize_key` ("ø" to "o"), such a key has no
    spelling that folds to it here, and shows as the key until the reindex.
    """
    key = bucket["key"]
    folded = normalize_key(key)
    spellings = {b["key"]: int(b["doc_count"]) for b in bucket.get(_SPELLINGS, {}).get("buckets", [])
                 if normalize_key(b["key"]) == folded}
    return display_spelling(spellings) if spellings else key, int(bucket["doc_count"])



def ranked_facets(response, request: SearchRequest,
                  count_again: Callable[[str, dict[str, Any]], dict]) -> dict[str, list[dict[str, Any]]]:
    """The facets of a search's `response`, each tie left open counted again whole:
    `count_again(name, aggregation)` is that facet's result for the same query."""
    raw = dict(response.get("aggregations") or {})
    for name in request.facets:
        aggregation = facet_aggregation(name, request.facet_size)
        raw[name] = counted_whole(name, raw.get(name) or {}, request.facet_size, aggregation["terms"]["size"],
                                  lambda asked, part, name=name, aggregation=aggregation: count_again(name, {
                                      **aggregation,
                                      "terms": {**aggregation["terms"], "size": asked, "shard_size": part}}))
    return {name: ranked_buckets(name, map(_bucket, raw.get(name, {}).get("buckets", [])), request.facet_size)
            for name in request.facets}
