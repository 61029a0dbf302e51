"""Who an article rests on: its sources, what each said or claimed, and how
much of the article is anonymously sourced. Pure: works on a stored article."""
from __future__ import annotations

import re
from typing import Any

NAMED_KINDS = ("person", "organization", "outlet")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9])")


def attribution(article: dict) -> dict[str, Any]:
    body = article.get("body") or []
    quotes = [dict(q, index=i) for i, q in enumerate(article.get("quotes") or [])]
    by_source: dict[str, list[dict]] = {}
    for quote in quotes:
        name = quote.get("source") or quote.get("speaker")
        by_source.setdefault(name, []).append(quote)
    sources = []
    for source in article.get("sources") or []:
        attributed = by_source.pop(source.get("name"), [])
        sources.append({
            **{k: source.get(k) for k in ("name", "kind", "title", "affiliation")},
            "mentions": source.get("mentions") or [],
            "quotes": [_quote_view(q) for q in attributed],
            "claims": _claims(body, source.get("mentions") or [], attributed),
        })
    unattributed = [_quote_view(q) for group in by_source.values() for q in group]
    named = [s for s in sources if s["kind"] in NAMED_KINDS]
    anonymous = [s for s in sources if s["kind"] == "anonymous"]
    return {
        "article_id": article.get("id"),
        "headline": article.get("headline"),
        "sources": sources,
        "unattributed_quotes": unattributed,
        "counts": {
            "named_sources": len(named),
            "anonymous_sources": len(anonymous),
            "quotes_named": sum(len(s["quotes"]) for s in named),
            "quotes_anonymous": sum(len(s["quotes"]) for s in anonymous),
            "quotes_unattributed": len(unattributed),
            "claims_anonymous": sum(len(s["claims"]) for s in anonymous),
        },
    }


def _quote_view(quote: dict) -> dict:
    return {k: quote.get(k) for k in ("index", "text", "kind", "speaker", "cue", "paragraph", "start", "end")}


def _claims(body: list[str], mentions: list[dict], quotes: list[dict]) -> list[dict]:
    """Sentences that mention the source outside its quotes: what it is cited for."""
    quoted = {(q.get("paragraph"), q.get("start"), q.get("end") if q.get("end_paragraph") in
               (None, q.get("paragraph")) else 10**9) for q in quotes}
    claims, seen = [], set()
    for mention in mentions:
        paragraph = mention.get("paragraph")
        if not isinstance(paragraph, int) or not 0 <= paragraph < len(body):
            continue
        text = body[paragraph]
        start, end = _sentence_around(text, mention.get("start") or 0)
        # A sentence that carries one of the source's quotes is already told as a quote.
        if (paragraph, start) in seen or any(
                p == paragraph and s is not None and e is not None and s < end and e > start
                for p, s, e in quoted):
            continue
        seen.add((paragraph, start))
        claims.append({"paragraph": paragraph, "start": start, "end": end, "text": text[start:end]})
    return claims


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            end = match.start()
            break
    return start, end
