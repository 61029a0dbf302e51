"""Quote records: derived once per article, the same as derived per quote."""
from __future__ import annotations

from service.backends.document import derived_fields, folded_keys
from service.backends.quote_documents import quote_records

ARTICLE = {
    "id": "a1", "headline": "Port reopens", "outlet": "Reuters", "language": "en", "section": "World",
    "dateline": {"place": "ST. LOUIS", "agency": "Reuters", "published_at": "2024-03-05T10:00:00Z"},
    "sources": [{"name": "Ana Núñez", "kind": "person"}, {"name": "J.P. Morgan", "kind": "organization"}],
    "quotes": [
        {"text": "We reopen on Monday", "speaker": "Ana Núñez"},
        {"text": "Demand is strong", "source": "J.P. Morgan"},
        {"text": "No comment"},
    ],
}


def test_each_record_holds_the_keys_of_its_own_keyword_values():
    """The article's keys are folded once and shared: each record's equal what folding its values gives."""
    for record in quote_records(ARTICLE):
        assert record["keys"] == folded_keys(record["keywords"])
        assert list(record["keys"]) == list(record["keywords"])


def test_records_take_the_articles_keywords_and_their_quotes_own():
    derived = derived_fields(ARTICLE)
    first, second, third = quote_records(ARTICLE, derived)
    for name in ("outlet", "place", "section", "language", "month"):
        assert first["keywords"][name] == derived["keywords"][name]
    assert first["keywords"]["speaker"] == ["Ana Núñez"] and first["keys"]["speaker"] == ["ana nunez"]
    assert second["keywords"]["source"] == ["J.P. Morgan"] and second["keys"]["source"] == ["j p morgan"]
    assert second["keywords"]["source_kind"] == ["organization"]
    assert third["keywords"]["speaker"] == third["keys"]["source"] == []
