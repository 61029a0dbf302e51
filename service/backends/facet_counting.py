"""How both engines count a facet, so that each shows the same buckets.

Elasticsearch and tantivy cut a facet's values per shard or segment and order
a tie by key or ordinal; the rules here (how wide to ask, when to count again,
how to rank and spell the buckets) are shared so that neither backend can
drift from the other.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from .base import FACETS, KEYWORD_FILTERS

#: Facets counted per normalised key (`keys.normalize_key`), as their filters
#: match: "Reuters" and "REUTERS" are one bucket, shown in their most common
#: spelling (`display_spelling`).
FOLDED_FACETS = tuple(name for name in FACETS if name in KEYWORD_FILTERS)
#: Facets listed in the order of their values (newest month first), not most counted first.
VALUE_ORDERED = frozenset({"month"})


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


def source_entry(entry: str, articles: int) -> dict:
    """A `kind|name` facet value (document.py) as a source listing row."""
    kind, _, name = entry.partition("|")
    return {"name": name, "kind": kind, "articles": articles}
