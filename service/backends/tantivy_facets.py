"""Many-valued facets the embedded index counts by code: a 63-bit hash of each value.

tantivy counts a text fast field by term ordinal and then, for each segment,
turns its top ordinals back into strings, one term-dictionary block read (and
one zstd decompression) per value and segment. On many-valued facets (places,
speakers, sources) that was half of a faceted search. Counted as u64 codes
there is nothing to turn back in the engine; the index keeps one dictionary
document per value (`doc_type` = "facet_value"), written in the same commit as
the first article that uses it, and the backend looks each code up once per
process.

Facets with few values (outlets, source kinds, sections, languages, months)
stay text: their dictionaries are small, and tantivy counts many matches
faster by ordinal than by a 63-bit code. `month` must, besides: it is listed
newest first, in the order of its values, which a code does not keep.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from functools import lru_cache
from hashlib import blake2b
from typing import Iterable

import tantivy
from tantivy import Query

from .base import FACETS, facet_terms

log = logging.getLogger(__name__)

FACET_VALUE = "facet_value"
#: Facets counted by the value's text (few values each).
TEXT_FACETS = frozenset({"outlet", "source_kind", "section", "language", "month"})
#: Listed in the order of their values, not most counted first.
VALUE_ORDERED = frozenset({"month"})
CODED_FACETS = tuple(name for name in FACETS if name not in TEXT_FACETS)
#: Codes remembered per process before the memory starts again (about 10 MB).
NAMES_CACHE_SIZE = 100_000


@lru_cache(maxsize=65_536)
def facet_code(value: str) -> int:
    """63 bits, so the code is exact wherever JSON numbers pass (tantivy's results, Python ints)."""
    return int.from_bytes(blake2b(value.encode(), digest_size=8).digest(), "little") >> 1


def facet_aggregation(name: str, size: int) -> dict:
    """The terms aggregation counting one facet's top `size` values.

    tantivy breaks ties in count by term ordinal or code, Elasticsearch by
    value: asked for the wider per-segment number of values, the backend
    sorts them by count and then value and cuts at `size` itself
    (`FacetNames.buckets`), so a tie straddling the cut keeps the values
    Elasticsearch keeps.
    """
    terms = {**facet_terms(name, size, "segment_size"), "field": facet_field(name)}
    if name not in VALUE_ORDERED:
        terms["size"] = terms["segment_size"]
    return {"terms": terms}


def facet_field(name: str) -> str:
    """The fast field a facet is counted on."""
    return f"{name}_facet" if name in TEXT_FACETS else f"{name}_code"


def add_facet_fields(builder: tantivy.SchemaBuilder) -> None:
    for name in FACETS:
        if name in TEXT_FACETS:
            builder.add_text_field(facet_field(name), fast=True, tokenizer_name="raw", index_option="basic")
        else:
            builder.add_unsigned_field(facet_field(name), fast=True)
    builder.add_unsigned_field("source_entry_code", fast=True)
    builder.add_unsigned_field("facet_code", indexed=True)
    builder.add_text_field("facet_value", stored=True, tokenizer_name="raw", index_option="basic")


def dictionary_document(value: str) -> tantivy.Document:
    document = tantivy.Document()
    document.add_text("doc_type", FACET_VALUE)
    document.add_unsigned("facet_code", facet_code(value))
    document.add_text("facet_value", value)
    return document


def _lookup(searcher: tantivy.Searcher, schema: tantivy.Schema, codes: list[int]) -> dict[int, str]:
    """The dictionary's values for these codes (those it holds)."""
    found: dict[int, str] = {}
    for start in range(0, len(codes), 1024):
        part = codes[start:start + 1024]
        query = Query.term_set_query(schema, "facet_code", part)
        for _, address in searcher.search(query, 2 * len(part), count=False).hits:
            value = searcher.doc(address).get_first("facet_value")
            found[facet_code(value)] = value
    return found


class FacetDictionary:
    """One write's view of the dictionary: which values already have their document.

    The values this write has added are remembered, since the searcher it
    looks up in does not show a commit still under way.
    """

    def __init__(self, schema: tantivy.Schema):
        self.schema = schema
        self._known: set[int] = set()

    def new_documents(self, searcher: tantivy.Searcher, values: Iterable[str]) -> list[tantivy.Document]:
        """A dictionary document for each of `values` the index does not have yet."""
        unseen = {}
        for value in values:
            code = facet_code(value)
            if code not in self._known:
                unseen[code] = value
        if not unseen:
            return []
        indexed = _lookup(searcher, self.schema, list(unseen))
        self._known.update(unseen)
        return [dictionary_document(value) for code, value in unseen.items() if code not in indexed]


class FacetNames:
    """Codes back to values, for counted buckets; shared by a backend's threads.

    A code always means the same value, so what is cached never goes stale.
    """

    def __init__(self, schema: tantivy.Schema, cache_size: int = NAMES_CACHE_SIZE):
        self.schema = schema
        self.cache_size = cache_size
        self._names: dict[int, str] = {}

    def names(self, searcher: tantivy.Searcher, codes: Iterable[int]) -> dict[int, str]:
        names = self._names  # one read: another thread may start a new dict meanwhile
        missing = [code for code in codes if code not in names]
        if missing:
            found = _lookup(searcher, self.schema, missing)
            if len(names) + len(found) > self.cache_size:
                names = self._names = {}
            names.update(found)
            lost = set(missing) - found.keys()
            if lost:
                log.error("facet codes missing from the index's dictionary: %s", sorted(lost)[:10])
        return names

    def buckets(self, searcher: tantivy.Searcher, name: str, raw_buckets: list[dict], size: int) -> list[dict]:
        """An aggregation's top `size` buckets as `{value, count}`, most counted first, then
        by value (as Elasticsearch lists them), except the facets listed by value."""
        if name in TEXT_FACETS:
            buckets = [{"value": b["key"], "count": int(b["doc_count"])} for b in raw_buckets]
        else:
            names = self.names(searcher, [int(b["key"]) for b in raw_buckets])
            buckets = [{"value": names[int(b["key"])], "count": int(b["doc_count"])}
                       for b in raw_buckets if int(b["key"]) in names]
        if name not in VALUE_ORDERED:
            buckets.sort(key=lambda bucket: (-bucket["count"], bucket["value"]))
        return buckets[:size]


class FacetCounts:
    """The facet counts of recent searches, per index version.

    The search page asks for facets with every page of results, and on a
    large index counting is most of a faceted search (about 25 ms for five
    facets of a common word at 1M articles): paging through one search counts
    once. A version's counts never change and a commit starts a new version,
    so nothing served is stale. Callers get copies, free to change.

    Memory stays small: counts are kept as tuples, and a search listing more
    than MAX_BUCKETS values in all (a wide `facet_size` over many facets) is
    not kept. 256 searches held 2.3 MB with five facets of ten values each
    (the search page's), and 8.6 MB at MAX_BUCKETS each (measured with
    tracemalloc, values of 8-30 characters).
    """

    #: Values a search may list in all and still be remembered.
    MAX_BUCKETS = 200

    def __init__(self, size: int):
        self.size = size
        self._counts: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> dict | None:
        if not self.size:
            return None
        with self._lock:
            kept = self._counts.get(key)
            if kept is None:
                return None
            self._counts.move_to_end(key)
        return {name: [{"value": value, "count": count} for value, count in buckets]
                for name, buckets in kept}

    def put(self, key, counts: dict) -> None:
        if not self.size or sum(map(len, counts.values())) > self.MAX_BUCKETS:
            return
        kept = tuple((name, tuple((b["value"], b["count"]) for b in buckets)) for name, buckets in counts.items())
        with self._lock:
            self._counts[key] = kept
            self._counts.move_to_end(key)
            while len(self._counts) > self.size:
                self._counts.popitem(last=False)
