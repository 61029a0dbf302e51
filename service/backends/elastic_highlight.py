"""Highlighting on Elasticsearch: the engine finds the matches, we render them.

The unified highlighter (HTML encoder, `<em>` tags) marks matches in whole
field values (`number_of_fragments: 0`), stemmed words on `headline`/`body`
and phrases and prefixes on their `.exact` sub-fields. We read those marks
back as character spans in the original text and hand them to
`highlight.render`, the embedded backend's renderer, so both backends cut
the same fragments (best three paragraphs, 240-character windows) and
escape the same way. This also removes an engine difference: the HTML
encoder of osmem/OpenSearch writes `/` as `&#x2F;`, Elasticsearch does not;
we unescape every piece and escape it again with `html.escape`, so text is
byte-identical everywhere and only our own `<em>` tags are markup.
"""
from __future__ import annotations

import html
import re
from typing import Any

from ..query import Node
from .base import HIGHLIGHT_TAGS
from .elastic_query import ElasticQueryCompiler
from .highlight import render

#: Article part → the fields whose marks light it up.
PART_FIELDS = {"headline": ("headline", "headline.exact"), "body": ("body", "body.exact")}
_TAG = re.compile("(" + "|".join(re.escape(t) for t in HIGHLIGHT_TAGS) + ")")

Span = tuple[int, int]


def highlight_request(query: Node, compiler: ElasticQueryCompiler) -> dict[str, Any] | None:
    """The `highlight` section of a search, or None when nothing can light up."""
    highlight_query = compiler.highlight_query(query)
    if highlight_query is None:
        return None
    opening, closing = HIGHLIGHT_TAGS
    fields = {name: {"number_of_fragments": 0}
              for names in PART_FIELDS.values() for name in names}
    return {
        "type": "unified",
        "encoder": "html",
        "pre_tags": [opening],
        "post_tags": [closing],
        "require_field_match": True,
        "highlight_query": highlight_query,
        "fields": fields,
    }


def highlights(article: dict, marked: dict[str, list[str]]) -> dict:
    """Escaped highlights for one hit from the engine's marked field values."""
    headline = article.get("headline") or ""
    headline_spans: list[Span] = []
    for name in PART_FIELDS["headline"]:
        for value in marked.get(name, ()):
            text, spans = read_marks(value)
            if text == headline:
                headline_spans += spans
    paragraphs: dict[str, list[int]] = {}
    for index, paragraph in enumerate(article.get("body") or []):
        paragraphs.setdefault(paragraph, []).append(index)
    paragraph_spans: dict[int, list[Span]] = {}
    for name in PART_FIELDS["body"]:
        for value in marked.get(name, ()):
            text, spans = read_marks(value)
            for index in paragraphs.get(text, ()):
                paragraph_spans.setdefault(index, []).extend(spans)
    return render(article, headline_spans, paragraph_spans)


def read_marks(value: str) -> tuple[str, list[Span]]:
    """`a &lt;b&gt; <em>c</em>` → (`a <b> c`, [(6, 7)]): the plain text and its marks."""
    opening, _ = HIGHLIGHT_TAGS
    text: list[str] = []
    spans: list[Span] = []
    length, start = 0, None
    for piece in _TAG.split(value):
        if piece in HIGHLIGHT_TAGS:
            if piece == opening:
                start = length
            elif start is not None:
                spans.append((start, length))
                start = None
            continue
        plain = html.unescape(piece)
        text.append(plain)
        length += len(plain)
    return "".join(text), [s for s in spans if s[1] > s[0]]
