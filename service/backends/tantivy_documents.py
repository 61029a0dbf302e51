"""Articles and quotes as tantivy documents (schema in tantivy_schema.py)."""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import orjson
import tantivy

from .base import FACETS, KEYWORD_FILTERS
from .document import derived_fields, parse_timestamp
from .facet_counting import FOLDED_FACETS
from .quote_documents import stored_quote
from .tantivy_facets import (
    CODED_FACETS, SOURCE_ENTRY_KINDS, facet_code, facet_field, source_entry_field, spelling_field,
)
from .tantivy_schema import NAME_TEXT, PAIRED_TEXT, QUOTE_PAIRED_TEXT, indexed_text, sort_keys

ARTICLE, QUOTE = "article", "quote"
#: `facet_code` remembered: outlets, months, places and names recur across a
#: load, and every quote repeats its article's (a BLAKE2b each otherwise).
_facet_code = lru_cache(maxsize=8192)(facet_code)  # about 1 MB


def article_document(article: dict, derived: dict | None = None, values: set[str] | None = None) -> tantivy.Document:
    """`values` collects the facet values the document holds, for the facet
    dictionary (tantivy_facets.py)."""
    derived = derived or derived_fields(article)
    values = set() if values is None else values
    document = tantivy.Document()
    document.add_text("doc_type", ARTICLE)
    document.add_text("id", article["id"])
    document.add_bytes("content_hash", (article.get("content_hash") or "").encode())
    document.add_bytes("doc", orjson.dumps(article))
    texts = {"headline": [article.get("headline") or ""], "body": article.get("body") or [],
             "quote": derived["quote_text"]}
    names = {
        "speaker": derived["keywords"]["speaker"],
        "source": derived["keywords"]["source"],
        "outlet": derived["keywords"]["outlet"],
        "dateline": [derived["dateline_text"]] if derived["dateline_text"] else [],
        "author": derived["keywords"]["author"],
    }
    _add_common(document, texts, names, derived["keys"], derived["keywords"], derived["published"], values,
                article["id"])
    # Last written, newest first as `newest_key` is published: the second, then the tie code.
    document.add_integer("ingested_key", sort_keys(parse_timestamp(article.get("ingested_at")), article["id"])[0])
    for entry in derived["source_entries"]:
        code = _facet_code(entry)
        document.add_unsigned("source_entry_code", code)
        kind = entry.partition("|")[0]
        if kind in SOURCE_ENTRY_KINDS:
            document.add_unsigned(source_entry_field(kind), code)
        values.add(entry)
    return document


def quote_document(record: dict, statement_id: str, wording: str, bands: list[str],
                   values: set[str] | None = None) -> tantivy.Document:
    quote = record["quote"]
    document = tantivy.Document()
    document.add_text("doc_type", QUOTE)
    document.add_text("quote_id", record["quote_id"])
    document.add_text("article_id", record["article_id"])
    document.add_text("statement_id", statement_id)
    document.add_bytes("wording", wording.encode())  # read back by statement lookups
    document.add_text("bands", " ".join(bands))  # the keys hold no spaces
    stored = stored_quote(record, statement_id)
    document.add_bytes("doc", orjson.dumps(stored))
    texts = {"headline": [record["article"].get("headline") or ""], "body": [],
             "quote": [quote.get("text") or ""]}
    names = {
        "speaker": record["keywords"]["speaker"],
        "source": record["keywords"]["source"],
        "outlet": record["keywords"]["outlet"],
        "dateline": [record["dateline_text"]] if record["dateline_text"] else [],
        "author": record["keywords"]["author"],
    }
    _add_common(document, texts, names, record["keys"], record["keywords"], record["published"],
                set() if values is None else values, record["quote_id"], _QUOTE_PAIRED)
    return document


#: (scope, stemmed field, exact field), (scope, field), (keyword, field) as the loops need them.
_PAIRED = tuple((scope, stemmed, exact) for scope, (stemmed, exact) in PAIRED_TEXT.items())
_QUOTE_PAIRED = tuple((scope, stemmed, exact) for scope, (stemmed, exact) in QUOTE_PAIRED_TEXT.items())
_NAMES = tuple(NAME_TEXT.items())
_KEY_FIELDS = tuple((name, f"{name}_key") for name in KEYWORD_FILTERS)
_SPELLING_FIELDS = tuple((name, spelling_field(name), name in FOLDED_FACETS) for name in FACETS)
_CODED_FACET_FIELDS = tuple((name, facet_field(name)) for name in CODED_FACETS)


def _add_common(document, texts, names, keys, keywords, published: datetime | None, values: set[str],
                identity: str, paired: tuple = _PAIRED) -> None:
    add_text = document.add_text
    for scope, stemmed, exact in paired:
        for text in texts[scope]:
            text = indexed_text(text)
            add_text(stemmed, text)
            add_text(exact, text)
    for scope, field_name in _NAMES:
        for text in names[scope]:
            add_text(field_name, indexed_text(text))
    for name, field_name in _KEY_FIELDS:
        for key in keys.get(name, ()):
            add_text(field_name, key)
    for name, field_name, folded in _SPELLING_FIELDS:
        for value in keywords.get(name, ()):
            add_text(field_name, value)
            if folded:
                values.add(value)
    add_unsigned = document.add_unsigned
    for name, field_name in _CODED_FACET_FIELDS:  # counted by key: once however spelt
        for key in keys.get(name, ()):
            add_unsigned(field_name, _facet_code(key))
    if published is not None:
        document.add_date("published", published)
    newest, oldest = sort_keys(published, identity)
    document.add_integer("newest_key", newest)
    document.add_integer("oldest_key", oldest)
