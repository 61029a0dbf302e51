"""The quotes of one article come in the article's order in date-sorted listings, on every backend.

An article's quotes all share its second, so a date sort orders them by
their tie codes. Those were hashes of each quote's id, which listed an
article's quotes in a scrambled order (the fourth, then the first, ...): a
fact-checker reading down `GET /quotes?sort=newest` met them out of context.
A quote's code now holds its article's code and then its place
(`date_keys.tie_code`).
"""
from __future__ import annotations

from dataclasses import replace
from hashlib import blake2b

import pytest

from loaders.pipeline import prepare
from service.backends.base import QuoteSearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given

SECOND = "2025-03-03T10:00:00Z"
#: (article id, published, quotes): two articles of one second and an undated one. Twelve
#: quotes, because id order puts `#q10` before `#q2`: Elasticsearch's tie-break is the id.
ARTICLES = [("order-a", SECOND, 12), ("order-b", SECOND, 3), ("order-u", None, 4)]


def _prepared(article_id: str, published: str | None, quotes: int) -> dict:
    said = [f"point {n} of {article_id}" for n in range(quotes)]
    return prepare(_article(article_id, f"Budget hearing {article_id}", [f"“{text}”, she said." for text in said],
                            outlet="Reuters", published=published,
                            quotes=[{"text": text, "kind": "direct", "speaker": "Ann Lee", "source": "Ann Lee",
                                     "paragraph": n} for n, text in enumerate(said)],
                            sources=[{"name": "Ann Lee", "kind": "person"}]),
                   REFERENCE, extractor=_as_given)


@pytest.fixture(scope="module", params=BACKENDS)
def ordered(request, tmp_path_factory):
    engine = own_backend(request, tmp_path_factory, "quote-order", [_prepared(*spec) for spec in ARTICLES])
    yield engine
    engine.close()


def _paged(engine, request) -> list[str]:
    found = []
    while True:
        page = engine.search_quotes(request)
        found += [hit.id for hit in page.hits]
        if not page.next_cursor:
            return found
        request = replace(request, cursor=page.next_cursor)


def _hash_order(quote_ids: list[str]) -> list[str]:
    """The order the old codes gave (a hash of each quote's id, descending)."""
    def code(identity: str) -> int:
        return int.from_bytes(blake2b(identity.encode(), digest_size=4).digest(), "little") >> 4

    return sorted(quote_ids, key=lambda identity: (-code(identity), identity))


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("size", [2, 100])
def test_the_quotes_of_an_article_come_in_its_order(ordered, sort, size):
    order = _paged(ordered, QuoteSearchRequest(parse(""), size=size, sort=sort, highlight=False))
    assert len(order) == len(set(order)) == sum(quotes for _, _, quotes in ARTICLES)
    for article_id, _, quotes in ARTICLES:
        own = [quote_id for quote_id in order if quote_id.startswith(article_id + "#")]
        in_article = [f"{article_id}#q{n}" for n in range(quotes)]
        assert own == in_article
        assert _hash_order(in_article) != in_article  # the test can fail: the old codes scrambled them
    assert sorted(order[:12]) != [f"order-a#q{n}" for n in range(12)]  # ... and so can id order
    dated = [quote_id for quote_id in order if not quote_id.startswith("order-u#")]
    assert order[-4:] == [f"order-u#q{n}" for n in range(4)]  # undated last, both ways
    assert len({quote_id.split("#")[0] for quote_id in dated[:12]}) == 1  # an article's quotes stay together
    exported = [hit.id for hit in ordered.export_quotes(QuoteSearchRequest(parse(""), sort=sort))]
    assert exported == order
