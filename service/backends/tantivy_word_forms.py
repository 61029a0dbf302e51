"""The indexed word forms of a stem, which the fast highlighter screens text for.

Listing them reads two term dictionaries, and common words recur in queries,
so the lists are remembered per index version (one commit's words are not
the next one's).
"""
from __future__ import annotations

import tantivy

from .tantivy_schema import field_analyzer

#: Stems whose indexed word forms are remembered (per index version) for highlighting.
FORMS_CACHE_SIZE = 4096
_UNKNOWN = object()


class WordForms:
    """`surface_forms` of stems, remembered per index version."""

    def __init__(self):
        self._cache: dict[tuple[int, str], set[str] | None] = {}

    def __call__(self, searcher: tantivy.Searcher, version: tuple | None, stem: str) -> set[str] | None:
        """`surface_forms`, remembered per index version: common words recur in queries."""
        if version is None:
            return surface_forms(searcher, stem)
        key = (version, stem)
        forms = self._cache.get(key, _UNKNOWN)  # one read: safe beside other threads' writes
        if forms is _UNKNOWN:
            forms = surface_forms(searcher, stem)
            if len(self._cache) >= FORMS_CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = forms
        return forms


#: A stem with more indexed words than this is not worth screening for.
MAX_SURFACE_FORMS = 200


def surface_forms(searcher: tantivy.Searcher, stem: str) -> set[str] | None:
    """Every word of the unstemmed headline and body dictionaries whose stem is `stem`.

    The English stemmer only ever rewrites a word's last letter into the stem
    ("happy" -> "happi", "hoping" -> "hope"), so every such word starts with
    the stem less its last letter.
    """
    if len(stem) < 2 or not stem.isascii():
        return None  # a one-letter stem's words are too many to list
    terms: set[str] = set()
    for field_name in ("headline_exact", "body_exact"):
        found = searcher.terms_with_prefix(field_name, stem[:-1], limit=MAX_SURFACE_FORMS + 1)
        terms.update(term for term, _ in found)
    if len(terms) > MAX_SURFACE_FORMS:
        return None
    stemmer = field_analyzer("body")
    return {term for term in terms if stemmer.analyze(term) == [stem]}
