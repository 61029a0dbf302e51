"""One indexed record per quote, derived the same way for every backend.

A quote hit must show its article (headline, outlet, dateline, date) and
filter and sort like an article, so each record copies the article's
summary and keyword values, with speaker, source and source kind taken from
the quote itself. `statement_id` is filled in by the backend at write time
(see service/statements.py), since only the index knows the existing groups.
"""
from __future__ import annotations

from typing import Any, Callable

from .document import derived_fields, folded_keys, summary
from .keys import named_as


#: Keyword fields a quote's record takes from its article (the rest are the quote's own).
_ARTICLE_KEYWORDS = ("outlet", "place", "section", "language", "author", "tag", "month")


def quote_id(article_id: str, index: int) -> str:
    return f"{article_id}#q{index}"


def in_article_order(quotes: list[dict]) -> list[dict]:
    """Stored quotes sorted by their place in the article (`<id>#q<n>`)."""
    return sorted(quotes, key=lambda quote: _article_and_place(quote["id"])[1])


def oldest_first(keyed: list[tuple[float, dict]]) -> list[dict]:
    """A statement's stored quotes, each given with its engine's `oldest_key`
    second (descending: undated last), oldest first; those of one second by
    article id, an article's in its order. By quote id, a statement an article
    gives as `#q2` and again as `#q11` was first at `#q11`, while quote search
    sorted by date lists `#q2` first."""
    return [quote for _, quote in sorted(keyed, key=lambda row: (-row[0], *_article_and_place(row[1]["id"])))]


def _article_and_place(identity: str) -> tuple[str, int]:
    article, _, place = identity.rpartition("#q")
    return article, int(place)


def quote_records(article: dict, derived: dict | None = None) -> list[dict[str, Any]]:
    """`derived` is the article's `derived_fields`, when the caller has them already."""
    quotes = article.get("quotes") or []
    if not quotes:
        return []
    derived = derived or derived_fields(article)
    kinds = {s.get("name"): s.get("kind") for s in article.get("sources") or []}
    shared = {name: derived["keywords"][name] for name in _ARTICLE_KEYWORDS}
    shared_keys = {name: derived["keys"][name] for name in _ARTICLE_KEYWORDS}  # folded once, not per quote
    article_summary = summary(article)  # one per article: its quotes' records share it
    records = []
    for index, quote in enumerate(quotes):
        source_name = quote.get("source") or quote.get("speaker")
        source_kind = kinds.get(source_name)
        if source_name and source_name not in kinds:  # given in another case or punctuation: still that source's
            source_kind = kinds.get(named_as(source_name, [name for name in kinds if name]))
        own = {
            "speaker": [quote["speaker"]] if quote.get("speaker") else [],
            "source": [source_name] if source_name else [],
            "source_kind": [source_kind] if source_kind else [],
        }
        records.append({
            "quote_id": quote_id(article["id"], index),
            "article_id": article["id"],
            "quote": {**quote, "source": source_name, "source_kind": source_kind},
            "article": article_summary,
            "published": derived["published"],
            "dateline_text": derived["dateline_text"],
            "keywords": {**shared, **own},
            "keys": {**shared_keys, **folded_keys(own)},
        })
    return records


def speaker_scope(quote: dict, article_id: str) -> str:
    """Who a quote's words are from, for `StatementAssigner.assign`: a short
    quote joins only the same words from the same speaker (or source). Words
    attributed to no one stay with their own article's copies: nothing says
    who else said them."""
    name = quote.get("speaker") or quote.get("source")
    return name if isinstance(name, str) and name.strip() else f"unattributed in {article_id}"


def quote_texts(articles: list[dict]) -> list[tuple[str, str]]:
    """(text, speaker scope) of every quote of `articles`, for
    `StatementAssigner.prefetch`; what is malformed is left to the article's
    own indexing to reject."""
    texts = []
    for article in articles:
        quotes = article.get("quotes")
        if isinstance(quotes, list):
            texts += [(q["text"], speaker_scope(q, article.get("id"))) for q in quotes
                      if isinstance(q, dict) and isinstance(q.get("text"), str)]
    return texts


def stored_quote(record: dict, statement_id: str) -> dict[str, Any]:
    """What a quote hit returns: the quote, its statement and its article."""
    return {
        "id": record["quote_id"],
        "statement_id": statement_id,
        **{k: record["quote"].get(k) for k in (
            "text", "kind", "speaker", "cue", "paragraph", "start", "end", "end_paragraph")},
        "source": {"name": record["quote"].get("source"), "kind": record["quote"].get("source_kind")},
        "article": record["article"],
    }


def article_and_quote_documents(article: dict, statements, article_document: Callable[[dict, dict], Any],
                                quote_document: Callable[[dict, str, str, list[str]], Any]) -> tuple[Any, list]:
    """An article's document and one per quote, each quote assigned its statement.

    Every backend writes an article this way and differs only in the shape of
    the two documents; `statements` is the write's `StatementAssigner`.
    """
    derived = derived_fields(article)
    quotes = [quote_document(record, *statements.assign(record["quote"].get("text") or "",
                                                        speaker_scope(record["quote"], article["id"]),
                                                        record["quote_id"]))
              for record in quote_records(article, derived)]
    return article_document(article, derived), quotes
