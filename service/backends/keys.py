"""Normalisation of exact-match keys (outlet, place, speaker, source, ...).

Filters compare keys, not display strings, so "Jerusalem Post", "jerusalem
post" and "Jérusalem  Post" are one outlet on every backend. Elasticsearch's
`lowercase` + `asciifolding` normalizer does the same on its side.
"""
from __future__ import annotations

import unicodedata


def normalize_key(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())
