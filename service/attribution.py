"""Who an article rests on: its sources, what each said or claimed, and how
much of the article is anonymously sourced. Pure: works on a stored article
and, for the statement each quote belongs to, on its indexed quotes."""
from __future__ import annotations

import bisect
import functools
import re
from typing import Any, Iterable

from .backends.keys import named_as

NAMED_KINDS = ("person", "organization", "outlet")
#: Quote ids are "<article id>#q<index in article.quotes>".
_QUOTE_INDEX = re.compile(r"#q(\d+)$")
#: A sentence end: its mark (Latin, Arabic, Urdu), a closing quote, space, and the next
#: sentence's first letter or digit (`_starts_sentence` holds it to one that is not lower-case).
_SENTENCE_END = re.compile(r"(?<=[.!?…؟۔])[”\"’'»]?\s+(?=[“\"‘'(«]?([^\W_]))")
#: A full stop that abbreviates rather than ends: initials ("U.S.", "J.") and titles
#: before a name ("Dr.", "Gov."). "The U.S. Agriculture Department said ..." was cut
#: to the claim "The U.S."; a sentence ending on "U.S." is glued to the next instead,
#: which keeps the claim whole.
_ABBREVIATION = re.compile(
    r"(?:(?<![^\W\d_])(?:[^\W\d_]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Prof|Rev|"
    r"Messrs|Mt|Ft|No|Nos)\.)$")


def quotes_with_statements(article: dict, indexed: Iterable[dict]) -> list[dict]:
    """The article's quotes, each with its `index`, its quote `id` and the
    `statement_id` the index gave it (`backend.article_quotes`); offsets decide
    when ids do not (an article replaced since its quotes were read)."""
    by_index, by_offsets = {}, {}
    for quote in indexed:
        found = _QUOTE_INDEX.search(quote.get("id") or "")
        if found:
            by_index[int(found.group(1))] = quote
        by_offsets[(quote.get("paragraph"), quote.get("start"), quote.get("end"))] = quote
    merged = []
    for index, quote in enumerate(article.get("quotes") or []):
        match = by_index.get(index)
        if match is None or match.get("text") != quote.get("text"):
            match = by_offsets.get((quote.get("paragraph"), quote.get("start"), quote.get("end")), {})
        merged.append({**quote, "index": index, "id": f"{article.get('id')}#q{index}",
                       "statement_id": match.get("statement_id")})
    return merged


def attribution(article: dict, indexed_quotes: Iterable[dict] = ()) -> dict[str, Any]:
    """`indexed_quotes` (the article's quotes as the index holds them) give each
    quote its `statement_id`, the link from an article to who said it first;
    without them it is None."""
    body = article.get("body") or []
    dateline = _dateline_span(body, (article.get("dateline") or {}).get("raw"))
    quotes = quotes_with_statements(article, indexed_quotes)
    names = [source.get("name") for source in article.get("sources") or [] if source.get("name")]
    by_source: dict[str, list[dict]] = {}
    for quote in quotes:
        name = quote.get("source") or quote.get("speaker")
        # As the index files it (`quote_records`): "the ministry" is the source "The Ministry".
        by_source.setdefault(named_as(name, names) or name, []).append(quote)
    # A name listed twice (as two kinds) has its quotes at its last entry: the
    # kind `quote_records` files them under, which `/quotes?source_kind=` finds.
    holder = {source.get("name"): index for index, source in enumerate(article.get("sources") or [])}
    sources = []
    for index, source in enumerate(article.get("sources") or []):
        attributed = by_source.pop(source.get("name"), []) if holder[source.get("name")] == index else []
        sources.append({
            **{k: source.get(k) for k in ("name", "kind", "title", "affiliation")},
            "mentions": source.get("mentions") or [],
            "quotes": [_quote_view(q) for q in attributed],
            "claims": _claims(body, source.get("mentions") or [], attributed, dateline),
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
    return {k: quote.get(k) for k in _QUOTE_VIEW}


_QUOTE_VIEW = ("index", "id", "statement_id", "text", "kind", "speaker", "cue", "paragraph", "start", "end",
               "end_paragraph")


def _claims(body: list[str], mentions: list[dict], quotes: list[dict],
            dateline: tuple[int, int, int] | None = None) -> list[dict]:
    """Sentences that mention the source outside its quotes and the dateline: what it is cited for."""
    quoted = {span for q in quotes for span in _spans(q)}
    claims, seen = [], set()
    for mention in mentions:
        paragraph = mention.get("paragraph")
        if not isinstance(paragraph, int) or not 0 <= paragraph < len(body):
            continue
        text = body[paragraph]
        if _BYLINE.match(text):
            continue  # "By Rich Miller, Reuters": who wrote the story, not what the outlet is cited for
        if dateline and paragraph == dateline[0] and dateline[1] <= (mention.get("start") or 0) < dateline[2]:
            continue  # "WASHINGTON, Jan 5 (Reuters) - Powell said ...": the agency filed the story, Powell said it
        start, end = _sentence_around(text, mention.get("start") or 0)
        # A sentence that carries one of the source's quotes is already told as a quote.
        if (paragraph, start) in seen or any(
                p == paragraph and s is not None and e is not None and s < end and e > start
                for p, s, e in quoted):
            continue
        seen.add((paragraph, start))
        claims.append({"paragraph": paragraph, "start": start, "end": end, "text": text[start:end]})
    return claims


def _dateline_span(body: list[str], raw: str | None) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of the in-body dateline (`dateline.raw`) opening
    one of the first paragraphs (after a byline, say), or None."""
    if not raw:
        return None
    for paragraph, text in enumerate(body[:3]):
        start = text.find(raw)
        if start >= 0 and not text[:start].strip():
            return paragraph, start, start + len(raw)
    return None


def _spans(quote: dict) -> list[tuple]:
    """(paragraph, start, end) of each paragraph a quote covers: one running on
    to the next paragraphs covers the first from its start, those between, and
    the last up to its end (where '"...," Ruiz added.' closes it)."""
    first, last = quote.get("paragraph"), quote.get("end_paragraph")
    if last in (None, first) or not isinstance(first, int) or not isinstance(last, int):
        return [(first, quote.get("start"), quote.get("end"))]
    return ([(first, quote.get("start"), 10**9)] + [(p, 0, 10**9) for p in range(first + 1, last)]
            + [(last, 0, quote.get("end"))])


#: A byline paragraph: "By" and the writer's name, an agency at most, and no sentence.
_BYLINE = re.compile(r"\s*By\s+[^.!?;:]{1,100}$")


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    """The sentence of `text` holding `offset`, from the paragraph's sentence ends
    (found once per paragraph: read again for each mention, a 99,000-character
    paragraph naming 1,500 speakers took 4 s to attribute, at every view)."""
    starts, ends = _sentence_ends(text)
    before = bisect.bisect_right(ends, offset)  # the ends at or before the offset
    after = bisect.bisect_left(starts, offset)  # the first end starting at or after it
    return (ends[before - 1] if before else 0), (starts[after] if after < len(starts) else len(text))


@functools.lru_cache(maxsize=64)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """(start, end) offsets of each sentence end of `text`, in order (they do not overlap)."""
    starts, ends = [], []
    for match in _SENTENCE_END.finditer(text):
        if not _starts_sentence(match.group(1)) or _ABBREVIATION.search(text, max(0, match.start() - 40), match.start()):
            continue
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def _starts_sentence(first: str) -> bool:
    """A capital in any script (É, Ł, İ, not only A-Z), a digit, or a letter of a script
    without case (Arabic, Hebrew, CJK): a sentence 'Ólafur said ...' was glued to the one before."""
    return not first.islower()
