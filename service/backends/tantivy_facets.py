"""How the embedded index counts facets: by normalised key, shown in the spelling most used.

A facet counts what its filter matches: the normalised key
(`keys.normalize_key`), so "Reuters" and "REUTERS" are one bucket. Each
bucket shows its key's most common spelling among the documents counted
(`facet_counting.display_spelling`), as Elasticsearch's spelling sub-aggregation does.
A sub-aggregation here would cost about three times the count itself, so
the spellings are found apart: every value has a dictionary document
(`doc_type` = "facet_value", written in the same commit as the first
article using it) that names it and the key it folds to. Most keys have one
spelling, which is then the one shown; only the others' spellings are
counted, by a query each on the indexed `<name>_facet` (and mostly all but
the commonest: `FacetCounter._most_used_of`). At 30k Reuters articles a
faceted search took 0.2 ms more than when it counted spellings as buckets
(1.6 ms p50 in-process, `benchmarks/run.py`), with a sub-aggregation 1.2 ms.

Many-valued facets (places, speakers, sources) count a 63-bit code of the
key in a u64 field: tantivy counts a text fast field by term ordinal and
then turns each segment's top ordinals back into strings, one
term-dictionary block read per value and segment, half of a faceted search
on many-valued facets. Facets with few values (outlets, source kinds,
sections, languages) count the key's text (`<name>_key`, fast): tantivy
counts many matches faster by ordinal than by code. `month` must count its
text, besides: it is listed newest first, in the order of its values, and
it has no spellings to fold.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from hashlib import blake2b
from typing import Iterable, Iterator

import tantivy
from tantivy import Occur, Query

from .base import FACETS
from .facet_counting import (
    EVERY_VALUE, FOLDED_FACETS, VALUE_ORDERED, counted_whole, display_spelling, facet_terms, part_size, ranked_buckets,
)
from .keys import normalize_key

log = logging.getLogger(__name__)

FACET_VALUE = "facet_value"
#: Facets counted by text (few values each): the key's, or for month the value's.
TEXT_FACETS = frozenset({"outlet", "source_kind", "section", "language", "month"})
#: Folded facets whose `<name>_key` field is the fast field they are counted on.
KEY_COUNTED = frozenset(name for name in FOLDED_FACETS if name in TEXT_FACETS)
CODED_FACETS = tuple(name for name in FACETS if name not in TEXT_FACETS)
#: The kinds a `kind|name` source entry (document.py) has, each counted in a field of its own.
SOURCE_ENTRY_KINDS = ("person", "organization", "outlet", "anonymous")
#: Codes remembered per process before the memory starts again (about 10 MB).
NAMES_CACHE_SIZE = 100_000


@lru_cache(maxsize=65_536)
def facet_code(value: str) -> int:
    """63 bits, so the code is exact wherever JSON numbers pass (tantivy's results, Python ints)."""
    return int.from_bytes(blake2b(value.encode(), digest_size=8).digest(), "little") >> 1


def key_code(value: str) -> int:
    """The code of the key a value folds to: what coded facets count."""
    return facet_code(normalize_key(value))


def facet_aggregation(name: str, size: int, segments: int = 1) -> dict:
    """The terms aggregation counting one facet's top `size` keys in an index of `segments` segments.

    tantivy breaks ties in count by term ordinal or code, Elasticsearch by
    key: asked for the wider per-segment number of keys, the backend sorts
    them by count and then by the value shown and cuts at `size` itself
    (`facet_counting.ranked_buckets`), so a tie straddling the cut keeps the values
    Elasticsearch keeps.
    In an index of several segments each reports every value it counted: a
    value below one segment's cut lost its count there (`facet_counting.cut_short`).
    Asked at once, that costs next to nothing over the cut (on 100k Reuters
    articles in 10 segments, a faceted search of most articles 18-22 ms
    against 15-20); counted again after a cut pass, it cost twice (33-45 ms).
    """
    if name not in VALUE_ORDERED:
        return {"terms": coded_terms(facet_field(name), size, segments)}
    return {"terms": {**facet_terms(name, size, "segment_size"), "field": facet_field(name)}}


def coded_terms(field: str, size: int, segments: int) -> dict:
    """The terms of a coded fast field for a top `size` the backend ranks itself
    (`facet_aggregation`): `part_size(size)` values, and in an index of several
    segments every value of each."""
    return {"field": field, "size": part_size(size), "segment_size": part_size(size) if segments == 1 else EVERY_VALUE}


def counted_whole_on(searcher: tantivy.Searcher, query: Query, name: str, terms: dict, raw: dict,
                     size: int, kind: str | None = None) -> dict:
    """`facet_counting.counted_whole` of the aggregation `name` (of `terms`), counted again on `searcher`;
    `kind`: what `cut_short` calls it, when not `name`."""
    return counted_whole(kind or name, raw, size, terms["size"], lambda asked, part: searcher.aggregate(
        query, {name: {"terms": {**terms, "size": asked, "segment_size": part}}})[name])


def source_entry_field(kind: str | None = None) -> str:
    """The fast field counting source entries: of every kind, or of one."""
    return f"source_entry_code_{kind}" if kind else "source_entry_code"


def facet_field(name: str) -> str:
    """The fast field a facet is counted on."""
    if name in KEY_COUNTED:
        return f"{name}_key"
    return f"{name}_facet" if name in TEXT_FACETS else f"{name}_code"


def spelling_field(name: str) -> str:
    """The field of a facet's values as given, the spellings of its keys: indexed,
    for counting a spelling by query (`FacetCounter._most_used`); fast only where
    it is what a facet counts (month)."""
    return f"{name}_facet"


def add_facet_fields(builder: tantivy.SchemaBuilder) -> None:
    """The facets' own fields; `<name>_key` (tantivy_schema) is fast for KEY_COUNTED."""
    for name in FACETS:
        builder.add_text_field(spelling_field(name), fast=facet_field(name) == spelling_field(name),
                               tokenizer_name="raw", index_option="basic")
        if name not in TEXT_FACETS:
            builder.add_unsigned_field(facet_field(name), fast=True)
    builder.add_unsigned_field("source_entry_code", fast=True)
    for kind in SOURCE_ENTRY_KINDS:  # a listing of one kind counts its own field
        builder.add_unsigned_field(source_entry_field(kind), fast=True)
    builder.add_unsigned_field("facet_code", indexed=True)
    builder.add_unsigned_field("facet_key_code", indexed=True)
    builder.add_text_field("facet_value", stored=True, tokenizer_name="raw", index_option="basic")


def dictionary_document(value: str) -> tantivy.Document:
    document = tantivy.Document()
    document.add_text("doc_type", FACET_VALUE)
    document.add_unsigned("facet_code", facet_code(value))
    document.add_unsigned("facet_key_code", key_code(value))
    document.add_text("facet_value", value)
    return document


def _lookup(searcher: tantivy.Searcher, schema: tantivy.Schema, codes: list[int]) -> dict[int, str]:
    """The dictionary's values for these codes (those it holds)."""
    found = _dictionary_values(searcher, codes, lambda part: Query.term_set_query(schema, "facet_code", part), 2)
    return {facet_code(value): value for value in found}


def _dictionary_values(searcher: tantivy.Searcher, codes: list[int], query_for, per_code: int) -> Iterator[str]:
    """The values of the dictionary documents `query_for(codes)` finds, a thousand codes a query.

    About `per_code` documents match a code (one per value): a part matching
    more (a key spelt many ways) is searched again for all of them.
    """
    for start in range(0, len(codes), 1024):
        part = codes[start:start + 1024]
        query, limit = query_for(part), per_code * len(part)
        result = searcher.search(query, limit, count=True)
        if result.count > limit:
            result = searcher.search(query, result.count, count=False)
        for _, address in result.hits:
            yield searcher.doc(address).get_first("facet_value")


class FacetDictionary:
    """One write's view of the dictionary: which values already have their document.

    The values of the batch being written and of the batch before are
    remembered, since the searcher a batch looks up in does not show the
    commit before, still under way. Older values the index shows: they are
    looked up again, once a batch. Remembering every value of the write
    grew with its distinct values (places, speakers, sources).
    """

    def __init__(self, schema: tantivy.Schema):
        self.schema = schema
        self._known: set[int] = set()  # this batch's values
        self._before: set[int] = set()  # the batch before's, maybe still committing

    def rebase(self) -> None:
        """A new batch: the index shows every batch but the one before."""
        self._before, self._known = self._known, set()

    def __len__(self) -> int:
        return len(self._known) + len(self._before)

    def new_documents(self, searcher: tantivy.Searcher, values: Iterable[str]) -> list[tantivy.Document]:
        """A dictionary document for each of `values` the index does not have yet."""
        unseen = {}
        for value in values:
            code = facet_code(value)
            if code in self._known:
                continue
            if code in self._before:
                self._known.add(code)
            else:
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

    def buckets(self, searcher: tantivy.Searcher, raw_buckets: list[dict], size: int) -> list[dict]:
        """Counted codes of values (not keys: source entries) as `{value, count}`, top `size`."""
        names = self.names(searcher, [int(b["key"]) for b in raw_buckets])
        return ranked_buckets("source_entry", ((names[int(b["key"])], int(b["doc_count"]))
                                   for b in raw_buckets if int(b["key"]) in names), size)


class FacetCounter:
    """Counts facets for a query: the keys, then the spelling each key shows.

    Shared by a backend's threads. The spellings of each key are remembered
    for one index version (a commit may add a spelling), since the top keys
    of one search are mostly those of the next: looking them up was most of
    the cost of folding.
    """

    def __init__(self, schema: tantivy.Schema, cache_size: int = NAMES_CACHE_SIZE, split_threads: int = 0):
        self.schema = schema
        self.cache_size = cache_size
        self._spellings: tuple[int | None, dict[int, list[str]]] = (None, {})
        self._split_pool = ThreadPoolExecutor(split_threads, thread_name_prefix="facet-half") if split_threads else None

    def count(self, searcher: tantivy.Searcher, query: Query, facets: Iterable[str], size: int,
              version: int | None = None) -> dict:
        """`version` is the index version `searcher` shows (None: remember nothing)."""
        facets = tuple(facets)
        aggregations = {name: facet_aggregation(name, size, searcher.num_segments) for name in facets}
        raw = self._aggregate(searcher, query, aggregations)
        for name in facets:  # what the engine cut short is counted again, whole (facet_counting.counted_whole)
            raw[name] = counted_whole_on(searcher, query, name, aggregations[name]["terms"], raw[name], size)
        counted: dict[str, list[dict]] = {}
        keys: dict[str, list[tuple[int, int]]] = {}  # facet -> (key code, count), those that can rank
        for name in facets:
            found = [(b["key"], int(b["doc_count"])) for b in raw[name]["buckets"]]
            if name in VALUE_ORDERED:
                counted[name] = ranked_buckets(name, found, size)
            else:
                codes = [(facet_code(key) if name in KEY_COUNTED else int(key), count) for key, count in found]
                keys[name] = _contenders(codes, size)
        spellings = self.spellings(searcher, {code for rows in keys.values() for code, _ in rows}, version)
        several = {name: {code: spellings[code] for code, _ in rows if len(spellings.get(code, ())) > 1}
                   for name, rows in keys.items()}
        shown = self._most_used(searcher, query, several,
                                {(name, code): count for name, rows in keys.items() for code, count in rows})
        for name, rows in keys.items():
            lost = [code for code, _ in rows if code not in spellings]
            if lost:
                log.error("facet keys missing from the index's dictionary: %s", lost[:10])
            counted[name] = ranked_buckets(name, ((shown.get((name, code)) or spellings[code][0], count)
                                                  for code, count in rows if code in spellings), size)
        return {name: counted[name] for name in facets}

    def _aggregate(self, searcher: tantivy.Searcher, query: Query, aggregations: dict) -> dict:
        """The aggregations in two halves of about equal cost, one in another thread.

        tantivy counts one aggregation request on one thread, and releases
        the GIL while it does: with several facets asked, the many-valued
        ones (sources, speakers) counted beside the others return about as
        soon as the costliest alone. The second thread comes from a pool of
        this counter's own, which never waits for anything, so requests that
        fill the backend's facet threads cannot block each other.
        """
        halves = split_by_cost(aggregations)
        if halves is None or self._split_pool is None:
            return searcher.aggregate(query, aggregations)
        other = self._split_pool.submit(searcher.aggregate, query, halves[1])
        return {**searcher.aggregate(query, halves[0]), **other.result()}

    def close(self) -> None:
        if self._split_pool is not None:
            self._split_pool.shutdown(wait=False, cancel_futures=True)

    def spellings(self, searcher: tantivy.Searcher, codes: Iterable[int],
                  version: int | None = None) -> dict[int, list[str]]:
        """The values the dictionary holds for these key codes, each key's in code point order."""
        if version is None:
            return self._lookup(searcher, list(codes))
        known_version, known = self._spellings  # one read: another thread may start anew meanwhile
        if known_version != version or len(known) > self.cache_size:
            known = {}
            self._spellings = (version, known)
        missing = [code for code in codes if code not in known]
        if missing:
            found = self._lookup(searcher, missing)
            known.update((code, found.get(code, [])) for code in missing)
        return {code: known[code] for code in codes if known[code]}

    def _lookup(self, searcher: tantivy.Searcher, codes: list[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for value in _dictionary_values(searcher, codes, lambda part: _any_term(self.schema, "facet_key_code", part), 4):
            found.setdefault(key_code(value), []).append(value)
        return {code: sorted(values) for code, values in found.items()}

    def _most_used(self, searcher: tantivy.Searcher, query: Query, several: dict[str, dict[int, list[str]]],
                   counts: dict[tuple[str, int], int]) -> dict[tuple[str, int], str]:
        """The spelling to show of each key spelt several ways, by facet and key code."""
        shown = {}
        for name, found in several.items():
            for code, values in found.items():
                value = self._most_used_of(searcher, query, spelling_field(name), values, counts[(name, code)])
                if value is not None:
                    shown[(name, code)] = value
        return shown

    def _most_used_of(self, searcher: tantivy.Searcher, query: Query, field_name: str, values: list[str],
                      count: int) -> str | None:
        """The spelling of one key most used by its `count` matching documents.

        Spellings are counted by a query each (`<name>_facet` is indexed): an
        aggregation restricted to them by `include` reads the facet's whole
        term dictionary, eight times as slow on sources. The spelling the
        index holds most often is counted last, and only if need be: each of
        the key's documents holds one of its spellings, so it is used at
        least `count` less the others' counts, which mostly settles it
        (REUTERS once beside Reuters: one quick count).
        """
        # The dictionary serves every facet: a spelling may be another facet's alone.
        held = {value: searcher.doc_freq(field_name, value) for value in values}
        values = [value for value in values if held[value]]
        if len(values) < 2:
            return values[0] if values else None
        common = max(values, key=lambda value: (held[value], value))
        used = {value: self._used(searcher, query, field_name, value) for value in values if value != common}
        used = {value: used_by for value, used_by in used.items() if used_by}
        least = count - sum(used.values())
        if not used or (-least, common) < min((-used_by, value) for value, used_by in used.items()):
            return common  # used at least `least` times: more than any other, or as often and first
        used[common] = self._used(searcher, query, field_name, common)
        return display_spelling({value: used_by for value, used_by in used.items() if used_by})

    def _used(self, searcher: tantivy.Searcher, query: Query, field_name: str, value: str) -> int:
        """Matching documents with this spelling (unscored: half the time)."""
        spelt = Query.term_query(self.schema, field_name, value)
        both = Query.boolean_query([(Occur.Must, query), (Occur.Must, spelt)])
        return searcher.search(Query.const_score_query(both, 1.0), 1, count=True).count


#: The relative cost of counting a facet, measured on Reuters at 300k articles:
#: sources 3.9 ms, speakers 1.5, places 0.6-0.8, the others under 0.5.
FACET_COST = {"source": 8, "speaker": 3, "place": 1.5, "source_entry": 3}


#: The cost each half must reach for a split to pay: a second pass over the
#: query's matches (a phrase's positions read again) and a thread's hand-over
#: cost more than they save below it. At 300k Reuters articles, five facets of
#: "trade" (sources among them) took 5.2 ms split and 8.4 ms in one; four
#: facets of "central bank" (none of them sources) 3.7 ms split and 2.3 in one.
SPLIT_COST = 4


def split_by_cost(aggregations: dict) -> tuple[dict, dict] | None:
    """Two groups of aggregations of about equal cost (costliest first, each to the
    cheaper group), or None when a split would not pay (see SPLIT_COST)."""
    groups: tuple[dict, dict] = ({}, {})
    costs = [0.0, 0.0]
    for name in sorted(aggregations, key=lambda name: -FACET_COST.get(name, 1)):
        cheaper = 0 if costs[0] <= costs[1] else 1
        groups[cheaper][name] = aggregations[name]
        costs[cheaper] += FACET_COST.get(name, 1)
    return groups if min(costs) >= SPLIT_COST else None


def _any_term(schema: tantivy.Schema, field_name: str, values: list) -> Query:
    """Documents with any of these terms. A few term queries: tantivy's term set
    query costs five times as much for the few dozen terms a facet count looks up."""
    return Query.boolean_query([(Occur.Should, Query.term_query(schema, field_name, value)) for value in values])


def _contenders(rows: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The keys that can be among the top `size` once ties are ordered by the value
    shown: every key counted at least as often as the `size`-th."""
    rows = sorted(rows, key=lambda row: -row[1])
    if len(rows) <= size:
        return rows
    floor = rows[size - 1][1]
    return [row for row in rows if row[1] >= floor]


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
