"""The embedded highlighter's regex path finds what the analyzers would."""
from __future__ import annotations

from service.backends.base import SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.query import parse

ARTICLE = {
    "id": "h1", "headline": "Village news", "content_hash": "h1", "quotes": [], "sources": [],
    "dateline": {"published_at": "2025-01-01T00:00:00"}, "language": "en", "authors": [], "tags": [],
    "body": ["Nothing here.", "The happy villagers were hoping for better ratings.",
             "Ratings_board and under_scores: happily hopeful.", "Café owners rated it.",
             "Negotiators negotiated; the negotiations went on."],
}


def _highlights(tmp_path, q):
    backend = EmbeddedBackend(tmp_path)
    backend.upsert([ARTICLE])
    hit = backend.search(SearchRequest(parse(q))).hits[0]
    return " | ".join(hit.highlights.get("body", []))


def test_stemmed_forms_whose_stem_is_not_a_prefix_are_found(tmp_path):
    body = _highlights(tmp_path, "happiness hope rating")
    assert "<em>happy</em>" in body and "<em>hoping</em>" in body and "<em>ratings</em>" in body


def test_words_split_at_underscores_and_accents_still_match(tmp_path):
    body = _highlights(tmp_path, "ratings OR cafe OR rate")
    assert "<em>Ratings</em>_board" in body
    assert "<em>Café</em>" in body and "<em>rated</em>" in body


def test_phrases_and_prefixes(tmp_path):
    body = _highlights(tmp_path, '"the negotiations" OR negotiat*')
    assert "<em>the negotiations</em>" in body and "<em>Negotiators</em>" in body


def test_headline_only_words_and_highlights_agree_with_the_analyzers(tmp_path):
    from service.backends.highlight import Highlighter

    backend = EmbeddedBackend(tmp_path)
    article = dict(ARTICLE, id="h2", content_hash="h2", headline="Zebras escaped the zoo's pens")
    backend.upsert([article])
    query = parse('zebra "the zoo" hoped pen*')
    hit = backend.search(SearchRequest(query)).hits[0]
    assert hit.highlights["headline"] == "<em>Zebras</em> escaped <em>the zoo</em>&#x27;s <em>pens</em>"
    assert hit.highlights == Highlighter(query).highlight(article)  # the analyzer path
