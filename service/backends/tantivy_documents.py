"""Articles and quotes as tantivy documents (schema in tantivy_schema.py)."""
from __future__ import annotations

import json
from datetime import datetime

import tantivy

from .base import FACETS, KEYWORD_FILTERS
from .document import derived_fields
from .quote_documents import stored_quote
from .tantivy_schema import MISSING_KEY, NAME_TEXT, PAIRED_TEXT

ARTICLE, QUOTE = "article", "quote"


def article_document(article: dict, derived: dict | None = None) -> tantivy.Document:
    derived = derived or derived_fields(article)
    document = tantivy.Document()
    document.add_text("doc_type", ARTICLE)
    document.add_text("id", article["id"])
    document.add_text("content_hash", article.get("content_hash") or "")
    document.add_bytes("doc", json.dumps(article, ensure_ascii=False).encode())
    texts = {"headline": [article.get("headline") or ""], "body": article.get("body") or [],
             "quote": derived["quote_text"]}
    names = {
        "speaker": derived["keywords"]["speaker"],
        "source": derived["keywords"]["source"],
        "outlet": derived["keywords"]["outlet"],
        "dateline": [derived["dateline_text"]] if derived["dateline_text"] else [],
    }
    _add_common(document, texts, names, derived["keys"], derived["keywords"], derived["published"])
    for entry in derived["source_entries"]:
        document.add_text("source_entry_facet", entry)
    return document


def quote_document(record: dict, statement_id: str, wording: str, bands: list[str]) -> tantivy.Document:
    quote = record["quote"]
    document = tantivy.Document()
    document.add_text("doc_type", QUOTE)
    document.add_text("quote_id", record["quote_id"])
    document.add_text("article_id", record["article_id"])
    document.add_text("statement_id", statement_id)
    document.add_bytes("wording", wording.encode())  # read back by statement lookups
    for band in bands:
        document.add_text("band", band)
    stored = stored_quote(record, statement_id)
    document.add_bytes("doc", json.dumps(stored, ensure_ascii=False).encode())
    texts = {"headline": [record["article"].get("headline") or ""], "body": [],
             "quote": [quote.get("text") or ""]}
    names = {
        "speaker": record["keywords"]["speaker"],
        "source": record["keywords"]["source"],
        "outlet": record["keywords"]["outlet"],
        "dateline": [record["dateline_text"]] if record["dateline_text"] else [],
    }
    _add_common(document, texts, names, record["keys"], record["keywords"], record["published"])
    return document


def _add_common(document, texts, names, keys, keywords, published: datetime | None) -> None:
    for scope, (stemmed, exact) in PAIRED_TEXT.items():
        for text in texts[scope]:
            document.add_text(stemmed, text)
            document.add_text(exact, text)
    for scope, field_name in NAME_TEXT.items():
        for text in names[scope]:
            document.add_text(field_name, text)
    for name in KEYWORD_FILTERS:
        for key in keys.get(name, ()):
            document.add_text(f"{name}_key", key)
    for name in FACETS:
        for value in keywords.get(name, ()):
            document.add_text(f"{name}_facet", value)
    if published is not None:
        document.add_date("published", published)
        seconds = int(published.timestamp())
        document.add_integer("newest_key", seconds)
        document.add_integer("oldest_key", -seconds)
    else:
        document.add_integer("newest_key", MISSING_KEY)
        document.add_integer("oldest_key", MISSING_KEY)
