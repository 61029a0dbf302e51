"""Two versions of one article in one write: the later is what remains, quotes and all.

A load meets this whenever an input holds a story twice (a feed listing an
update above its first version, a JSONL export with a corrected copy): the
later copy replaces the earlier. On Elasticsearch the quotes of both copies
went into the same bulk request, so the quotes the later version no longer
has (`#q1`, `#q2` of the earlier) stayed in the quotes index: quote search,
`/quotes/<statement>/occurrences` and `/articles/<id>/attribution` served
words the stored article no longer held.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import QuoteSearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given


def _version(headline: str, said: list[str]) -> dict:
    return prepare(_article("versions-1", headline, [f"“{text}”, she said." for text in said],
                            outlet="Reuters", published="2025-03-03T10:00:00Z",
                            quotes=[{"text": text, "kind": "direct", "speaker": "Ann Lee", "source": "Ann Lee",
                                     "paragraph": n} for n, text in enumerate(said)],
                            sources=[{"name": "Ann Lee", "kind": "person"}]),
                   REFERENCE, extractor=_as_given)


EARLIER = _version("Harbour levy first draft", ["the levy starts in May", "ferries pay double", "boats pay half"])
LATER = _version("Harbour levy corrected", ["the levy starts in June"])


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    engine = own_backend(request, tmp_path_factory, "versions", [EARLIER, LATER])
    yield engine
    engine.close()


def test_the_later_version_is_stored(engine):
    assert engine.get("versions-1")["headline"] == "Harbour levy corrected"


def test_no_quote_of_the_earlier_version_remains(engine):
    page = engine.search_quotes(QuoteSearchRequest(parse(""), size=100))
    assert [(hit.id, hit.article["text"]) for hit in page.hits] == [("versions-1#q0", "the levy starts in June")]
    assert [quote["text"] for quote in engine.article_quotes("versions-1")] == ["the levy starts in June"]


def test_the_same_two_versions_written_again_change_nothing(engine):
    """A re-run of the load: the index holds the later version, so nothing is to be
    written. The earlier copy was compared with it, found different and written,
    then the later one over it: every re-run counted both "updated" and rewrote
    the article twice, though the README has same content counted unchanged and
    not rewritten."""
    result = engine.upsert([dict(EARLIER), dict(LATER)])
    assert result.counts == {"indexed": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert engine.get("versions-1")["headline"] == "Harbour levy corrected"
