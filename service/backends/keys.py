"""Normalisation of exact-match keys (outlet, place, speaker, source, ...).

Filters compare keys, not display strings, so "Jerusalem Post", "jerusalem
post" and "Jérusalem  Post" are one outlet on every backend. Both backends
index and query the keys folded here, and nothing folds them further: an
Elasticsearch `asciifolding` normalizer would also fold letters that carry
no accent mark ("Søren" to "soren", "Łukasz" to "lukasz"), so its filters and
buckets would disagree with the embedded index's.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65_536)  # outlets, places and names recur across a load
def normalize_key(value: str) -> str:
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value)
        value = "".join(c for c in value if not unicodedata.combining(c))
    return " ".join(value.lower().split())
