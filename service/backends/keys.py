"""Normalisation of exact-match keys (outlet, place, speaker, source, ...).

Filters compare keys, not display strings, so "Jerusalem Post", "jerusalem
post" and "Jérusalem  Post" are one outlet on every backend. Both backends
index and query the keys folded here, and nothing folds them further: an
Elasticsearch `asciifolding` normalizer would also fold letters that carry
no accent mark ("Søren" to "soren", "Łukasz" to "lukasz"), so its filters and
buckets would disagree with the embedded index's.

Punctuation that writers and wire desks vary within one name folds too:
every hyphen and dash is a space ("Leigh-Pemberton", "Leigh–Pemberton" and
"Leigh Pemberton" are one key), every apostrophe-like mark is the ASCII
apostrophe ("O’Brien", "O`Brien", "O´Brien" are "o'brien"), and a period
is a space ("J.P. Morgan" and "J. P. Morgan", "St. Louis" and "St Louis",
"Richmond, Va." and "Richmond, Va"). On the Reuters corpus this merged 232
keys into 115, none wrongly. Periods become spaces, not nothing: "JP Morgan"
stays apart ("JP" may be a word), as does "US" from "U.S."
(docs/engine-notes.md).

Article ids must never change, so `loaders.identity` uses `fold_case_and_accents`,
the fold of the keys before punctuation folded, not `normalize_key`.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Hyphens, dashes and the minus sign: a space, as between two words.
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
#: Apostrophes, typographic quotes used as one, grave and acute accents typed
#: for one, the modifier letters, the primes, the fullwidth one: the ASCII apostrophe.
APOSTROPHES = "`\u00b4\u2018\u2019\u201b\u2032\u02b9\u02bb\u02bc\u02bd\ua78c\uff07"
#: The soft hyphen is invisible: dropped.
_PUNCTUATION = str.maketrans({**{c: " " for c in HYPHENS + "."}, **{c: "'" for c in APOSTROPHES},
                              "\u00ad": None})


def fold_case_and_accents(value: str) -> str:
    """Lower case, accent marks stripped, whitespace collapsed: the key of
    schema v7 and before. Frozen: article ids are hashed from it."""
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value)
        value = "".join(c for c in value if not unicodedata.combining(c))
    return " ".join(value.lower().split())


@lru_cache(maxsize=65_536)  # outlets, places and names recur across a load
def normalize_key(value: str) -> str:
    """The key a filter or facet compares: case, accent marks, hyphens,
    periods and apostrophes folded. Punctuation is folded before the compatibility
    decomposition, which would make "´" a space and an accent mark."""
    value = value.translate(_PUNCTUATION)
    folded = fold_case_and_accents(value)
    if value.isascii():  # nothing was decomposed
        return folded
    # Decomposition can make new punctuation (a fullwidth hyphen's "-"): fold it too.
    return " ".join(folded.translate(_PUNCTUATION).split())


def named_as(name: str | None, names: list[str]) -> str | None:
    """The one of `names` (an article's sources) that `name` (a quote's source)
    is: itself, else the first with its key, as the `source` filter matches it
    ("the Ministry of Finance" is "The Ministry of Finance"); None if none."""
    if not name:
        return None
    if name in names:
        return name
    key = normalize_key(name)
    return next((candidate for candidate in names if normalize_key(candidate) == key), None)
