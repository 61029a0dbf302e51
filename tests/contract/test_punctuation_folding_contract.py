"""Name filters match across hyphen, apostrophe and period variants, on every backend.

A fact-checker types "Robin Leigh Pemberton" for a text that prints
"Leigh-Pemberton" (or "Leigh–Pemberton"), and a straight "O'Brien" for
"O’Brien": each filter (`speaker`, `source`, `outlet`, `place`, on articles
and quotes, and the `/sources` listing) finds every spelling, while buckets
still show a spelling the documents use, never the key.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.query import parse
from service.quotes import sources

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given

OUTLET = "Wire-Service D’Or"
#: (speaker and source, place) of each article: the same person and place in punctuation variants.
SPELLINGS = {
    "p-1": ("Robin Leigh-Pemberton", "Stoke-on-Trent"),
    "p-2": ("Robin Leigh–Pemberton", "Stoke on Trent"),
    "p-3": ("Robin Leigh Pemberton", "Stoke\u2011on\u2011Trent"),
    "p-4": ("Seán O’Brien", "Coeur d’Alene"),
    "p-5": ("Sean O'Brien", "Coeur d'Alene"),
    "p-6": ("Sean O`Brien", "Coeur d´Alene"),
    "p-7": ("J.P. Morgan", "St. Louis"),
    "p-8": ("J. P. Morgan", "St Louis"),
}
OUTLETS = {"p-1": OUTLET, "p-2": "Wire Service D'Or", "p-3": "wire-service d’or"}


def _articles() -> list[dict]:
    return [prepare(_article(article_id, f"Punctuation report {article_id}", ["Names vary."],
                             outlet=OUTLETS.get(article_id, OUTLET), place=place,
                             published=f"2024-07-0{n + 1}T06:00:00Z",
                             quotes=[{"text": f"names vary {n}", "kind": "partial", "speaker": name,
                                      "source": name}],
                             sources=[{"name": name, "kind": "person"}]),
                    REFERENCE, extractor=_as_given)
            for n, (article_id, (name, place)) in enumerate(SPELLINGS.items())]


@pytest.fixture(scope="module", params=BACKENDS)
def folded(request, tmp_path_factory):
    """A backend of its own: the shared ones' tests count every document they hold."""
    engine = own_backend(request, tmp_path_factory, "punctuation", _articles())
    yield engine
    engine.close()


def _total(backend, quotes: bool, **filters) -> int:
    built = Filters.build(**{name: [value] for name, value in filters.items()})
    if quotes:
        return backend.search_quotes(QuoteSearchRequest(parse(""), filters=built, size=1)).total
    return backend.search(SearchRequest(parse(""), filters=built, size=1)).total


@pytest.mark.parametrize("quotes", [False, True], ids=["articles", "quotes"])
@pytest.mark.parametrize("facet", ["speaker", "source"])
@pytest.mark.parametrize("value, expected", [
    ("Robin Leigh Pemberton", 3), ("robin leigh-pemberton", 3), ("Robin Leigh\u2014Pemberton", 3),
    ("Sean O'Brien", 3), ("SEÁN O’BRIEN", 3), ("Sean O\u02bcBrien", 3), ("Sean O‘Brien", 3),
    ("J.P. Morgan", 2), ("J P Morgan", 2),
    ("Robin Leigh", 0), ("Sean OBrien", 0), ("JP Morgan", 0),  # no looser than the punctuation
])
def test_name_filters_fold_hyphens_apostrophes_and_periods(folded, facet, quotes, value, expected):
    assert _total(folded, quotes, **{facet: value}) == expected


@pytest.mark.parametrize("quotes", [False, True], ids=["articles", "quotes"])
@pytest.mark.parametrize("value, expected", [
    ("Stoke on Trent", 3), ("Stoke-on-Trent", 3), ("Coeur d'Alene", 3), ("Coeur d’Alene", 3),
    ("St Louis", 2), ("st. louis", 2),
])
def test_place_filters_fold_them_too(folded, quotes, value, expected):
    assert _total(folded, quotes, place=value) == expected


@pytest.mark.parametrize("quotes", [False, True], ids=["articles", "quotes"])
def test_outlet_filters_fold_them_too(folded, quotes):
    assert _total(folded, quotes, outlet="Wire Service D'Or") == len(SPELLINGS)
    assert _total(folded, quotes, outlet="wire-service d`or") == len(SPELLINGS)


@pytest.mark.parametrize("quotes", [False, True], ids=["articles", "quotes"])
def test_buckets_show_a_spelling_the_documents_use_and_count_what_it_finds(folded, quotes):
    narrow = Filters.build(outlet=[OUTLET])
    facets = ("speaker", "source", "place", "outlet")
    if quotes:
        found = folded.search_quotes(QuoteSearchRequest(parse(""), filters=narrow, facets=facets, size=1)).facets
    else:
        found = folded.search(SearchRequest(parse(""), filters=narrow, facets=facets, size=1)).facets
    spelt = {name for name, _ in SPELLINGS.values()} | {place for _, place in SPELLINGS.values()}
    assert [(b["value"], b["count"]) for b in found["outlet"]] == [(OUTLET, 8)]  # 6 of 8 spell it so
    for facet in ("speaker", "source", "place"):
        assert sorted(b["count"] for b in found[facet]) == [2, 3, 3], facet
        for bucket in found[facet]:
            assert bucket["value"] in spelt, bucket  # a real spelling, not "robin leigh pemberton"
            assert _total(folded, quotes, **{facet: bucket["value"]}) == bucket["count"]
    names = {b["value"]: b["count"] for b in found["speaker"]}
    # Each spelling once: the first in code point order (" " before "-" and "P").
    assert names["Robin Leigh Pemberton"] == 3 and names["J. P. Morgan"] == 2


def test_the_sources_listing_is_one_row_per_folded_name(folded):
    rows = sources(folded, {"outlet": [OUTLET, "Wire Service D'Or"]})["sources"]
    assert sorted((row["name"], row["articles"], row["quotes"]) for row in rows) == [
        ("J. P. Morgan", 2, 2), ("Robin Leigh Pemberton", 3, 3), ("Sean O'Brien", 3, 3)]
