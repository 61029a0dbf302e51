"""Wire copy from everywhere: right-to-left paragraphs.

Copy from right-to-left pages opens and closes paragraphs with invisible
direction marks. Both backends must find the same articles in such text
and mark the same words.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _as_given

RLM, LRM = "\u200f", "\u200e"
STORIES = {
    "rtl": (f"{RLM}שלום לכולם", [f"{RLM}ראש הממשלה אמר שלום.", f"Oil prices rose{LRM}"]),
}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    articles = [prepare({"id": article_id, "headline": headline, "body": body, "outlet": "Wire"},
                        REFERENCE, extractor=_as_given)
                for article_id, (headline, body) in STORIES.items()]
    backend = own_backend(request, tmp_path_factory, "world-text", articles)
    yield backend
    backend.close()


def _hits(engine, q: str):
    return engine.search(SearchRequest(parse(q))).hits


@pytest.mark.parametrize(("q", "part", "expected"), [
    ("שלום", "headline", f"{RLM}<em>שלום</em> לכולם"),
    ("שלום", "body", [f"{RLM}ראש הממשלה אמר <em>שלום</em>."]),
    ("oil", "body", [f"<em>Oil</em> prices rose{LRM}"]),
])
def test_a_text_opening_or_closing_with_a_direction_mark_is_highlighted(engine, q, part, expected):
    """Elasticsearch gives a marked value back without the spaces its ends were indexed with (the
    marks split words as spaces), so such a headline or paragraph was found but never marked there."""
    hit, = _hits(engine, q)
    assert hit.highlights.get(part) == expected
