"""Normalisation of exact-match keys (outlet, place, speaker, source, ...).

Filters compare keys, not display strings, so "Jerusalem Post", "jerusalem
post" and "Jérusalem  Post" are one outlet on every backend. Elasticsearch's
`lowercase` + `asciifolding` normalizer does the same on its side.
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
