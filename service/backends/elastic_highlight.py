"""Highlighting on Elasticsearch: the engine finds the matches, we render them.

The unified highlighter (HTML encoder, `<em>` tags) marks matches in whole
field values (`number_of_fragments: 0`), stemmed words on `headline`/`body`
and phrases and prefixes on their `.exact` sub-fields. We read those marks
back as character spans in the original text and hand them to
`highlight.render`, the embedded backend's renderer, so both backends cut
the same fragments (best three paragraphs, 240-character windows) and
escape the same way. Proximity phrases (`"powell inflation"~1`) are marked
here, not by the engine: osmem marks their words wherever they stand within
slop + 1 of each other, in either order, or a word twice alone, in a hit the
phrase matched elsewhere; `highlight.sloppy_matches` counts as the engines
match. This also removes an engine difference: the HTML
encoder of osmem/OpenSearch writes `/` as `&#x2F;`, Elasticsearch does not;
we unescape every piece and escape it again with `html.escape`, so text is
byte-identical everywhere and only our own `<em>` tags are markup.
"""
from __future__ import annotations

import html
import re
from typing import Any

from ..query import Fuzzy, Node, Prefix, Term, leaves
from .base import HIGHLIGHT_TAGS
from .deadline import Deadline
from .elastic_document import index_text
from .elastic_query import HIGHLIGHT_SCOPES, ElasticQueryCompiler, fold
from .highlight import merge_spans, proximity, proximity_spans, render
from .tantivy_schema import STEM, analyzer, indexed_text

#: Article part → the fields whose marks light it up.
PART_FIELDS = {"headline": ("headline", "headline.exact"), "body": ("body", "body.exact")}
_WORD = re.compile(r"\w+")
_TAG = re.compile("(" + "|".join(re.escape(t) for t in HIGHLIGHT_TAGS) + ")")

Span = tuple[int, int]

#: Characters of a field the engine reads for marks. Elasticsearch refuses a
#: highlighted search outright when a hit's field is longer than its
#: `index.highlight.max_analyzed_offset` (1,000,000 by default), so one huge
#: article would fail every search that finds it. Asked for less in the
#: request, the engine marks what lies before this offset and no error comes.
#: Elasticsearch names the request option `max_analyzed_offset`, OpenSearch
#: (and osmem) `max_analyzer_offset`; each refuses the other's name.
MAX_ANALYZED_CHARS = 999_999
ANALYZED_LIMIT_OPTION = {"elasticsearch": "max_analyzed_offset", "opensearch": "max_analyzer_offset"}


def limit_option_refused(section: dict[str, Any] | None, error: str) -> tuple[str, dict[str, Any]] | None:
    """(the other flavour, the section with its option) when `error` refuses this section's read limit."""
    for flavour, option in ANALYZED_LIMIT_OPTION.items():
        if section and option in section and f"[{option}]" in error:
            other = next(f for f in ANALYZED_LIMIT_OPTION if f != flavour)
            section = {k: v for k, v in section.items() if k != option}
            return other, {**section, ANALYZED_LIMIT_OPTION[other]: MAX_ANALYZED_CHARS}
    return None


class ElasticHighlighter:
    """The highlight section of one search, and the rendering of its answers."""

    def __init__(self, query: Node, compiler: ElasticQueryCompiler):
        self.query = query
        self.compiler = compiler
        self.sequences = {part: phrase_tokens(query, part) for part in PART_FIELDS}
        self.proximity = {part: proximity_spans(query, part) for part in PART_FIELDS}

    @property
    def reads_text(self) -> bool:
        """Whether hits need their text though the engine marks nothing (a proximity phrase alone)."""
        return any(self.proximity.values())

    def request(self, flavour: str = "elasticsearch") -> dict[str, Any] | None:
        """The `highlight` section of a search, or None when nothing can light up.

        `flavour` is the engine's kind ("elasticsearch" or "opensearch"), which
        names the option that caps how far into a field the engine reads.
        """
        highlight_query = self.compiler.highlight_query(self.query, leave_out=proximity)
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
            ANALYZED_LIMIT_OPTION[flavour]: MAX_ANALYZED_CHARS,
        }

    def highlight(self, article: dict, marked: dict[str, list[str]], deadline: Deadline | None = None) -> dict:
        """Escaped highlights for one hit from the engine's marked field values.

        Reading the marks back and joining phrases is the service's work, after the
        engine has answered: for a hit of a few megabytes it took seconds, answered 200
        past the search's deadline, which is checked before each marked value and paragraph.
        """
        check = (lambda: None) if deadline is None else (lambda: deadline.check("highlighting"))
        headline = index_text(article.get("headline") or "")
        headline_spans = _marks_on(marked, PART_FIELDS["headline"], _by_value([headline]), check).get(0, [])
        paragraph_spans = _marks_on(marked, PART_FIELDS["body"],
                                    _by_value([index_text(p) for p in article.get("body") or []]), check)
        body = article.get("body") or []
        if self.proximity["headline"]:
            headline_spans = headline_spans + self.proximity["headline"](headline, deadline)
        if self.proximity["body"]:
            for i, paragraph in enumerate(body):
                check()
                found = self.proximity["body"](paragraph, deadline)
                if found:
                    paragraph_spans[i] = sorted(paragraph_spans.get(i, []) + found)
        headline_spans = join_phrases(headline, headline_spans, self.sequences["headline"])
        joined = {}
        for i, spans in paragraph_spans.items():
            check()
            joined[i] = join_phrases(index_text(body[i]), spans, self.sequences["body"])
        return render(article, headline_spans, joined)


def _by_value(texts: list[str]) -> dict[str, list[tuple[int, int]]]:
    """(index, spaces before it) of each text, by the text without spaces at its ends.

    The engine gives a marked value back without the spaces at its ends:
    a paragraph opening or closing with a direction mark, as right-to-left
    copy does ("\u200fשלום", "oil\u200e"), is indexed with a space there
    (`index_text`), and its marks went unmatched, so no word of it was
    ever highlighted on Elasticsearch.
    """
    values: dict[str, list[tuple[int, int]]] = {}
    for index, text in enumerate(texts):
        values.setdefault(text.strip(), []).append((index, len(text) - len(text.lstrip())))
    return values


def _marks_on(marked: dict[str, list[str]], fields: tuple[str, ...],
              values: dict[str, list[tuple[int, int]]], check=lambda: None) -> dict[int, list[Span]]:
    """Spans per value index (in the text as indexed), from every field's marks of that value.

    A value is matched as this release indexes it: a document keeps the text an
    older release indexed (`_reindex` copies it as it is), with "14,000" or
    "Brenning_Council" whole, and such a paragraph was found and never marked.
    `index_text` changes characters in place, one for one, so the marks of the
    older text are at the same offsets.
    Each distinct marked value is read once: it stands for every paragraph of its text,
    and the engine gives it back once for each, so a body of 1,000 paragraphs alike
    (boilerplate repeated) was a million readings, 10 s of a search past its deadline.
    """
    spans: dict[int, list[Span]] = {}
    for name in fields:
        for value in dict.fromkeys(marked.get(name, ())):
            check()
            text, found = read_marks(value)
            text = index_text(text)
            given = len(text) - len(text.lstrip())
            for index, lead in values.get(text.strip(), ()):
                shift = lead - given
                spans.setdefault(index, []).extend((start + shift, end + shift) for start, end in found)
    return {index: sorted(set(found)) for index, found in spans.items()}


def phrase_tokens(query: Node, part: str) -> list[tuple[tuple[str, ...], bool, bool]]:
    """Word sequences the query looks for in `part`: (words, ends with a prefix, stemmed).

    A plain word the analyzer splits ("e-mails", "O'Briens") is a sequence of
    stems: its marks spell the stems ("e", "mail"), not the words typed.
    """
    sequences = []
    for leaf, negated in leaves(query):
        if negated or leaf.field not in HIGHLIGHT_SCOPES[part]:
            continue
        if isinstance(leaf, Fuzzy):
            continue  # its words are matched each on its own, near their spelling: no sequence to join
        stemmed = isinstance(leaf, Term)
        words = tuple(_words(index_text(leaf.text), stemmed))
        if len(words) > 1:
            sequences.append((words, isinstance(leaf, Prefix), stemmed))
    return sorted(sequences, key=lambda item: -len(item[0]))


def _words(text: str, stemmed: bool) -> list[str]:
    """The query's words as the standard tokenizer cuts them: each Han or Hiragana character one."""
    return analyzer(STEM, text).analyze(text) if stemmed else _WORD.findall(fold(indexed_text(text)))


def join_phrases(text: str, spans: list[Span],
                 sequences: list[tuple[tuple[str, ...], bool, bool]]) -> list[Span]:
    """One mark per phrase occurrence, as the embedded highlighter draws it.

    Engines differ here: some mark "<em>red line</em>", others
    "<em>red</em> <em>line</em>". Consecutive marks that spell one of the
    query's phrases, with nothing but spaces or punctuation between them,
    become one span. A mark may hold several of the phrase's words: the
    standard tokenizer keeps "3.5" or "14,000" as one token (and kept
    "U.S." whole in documents written before `index_text` split it), so
    "14,000 units" is two marks for three words. Occurrences that share a
    mark ("U.S. economy" and "economy grew") become one span, as
    overlapping matches do on the embedded backend.
    """
    spans = sorted(spans)
    joined = list(spans)
    for i in range(len(spans)):
        for words, prefix, stemmed in sequences:
            taken = _marks_spelling(text, spans, i, words, prefix, stemmed)
            if taken:
                joined.append((spans[i][0], spans[i + taken - 1][1]))
    return merge_spans(joined)


def _marks_spelling(text: str, spans: list[Span], first: int, words: tuple[str, ...],
                    prefix: bool, stemmed: bool) -> int:
    """How many marks from `first` on spell `words` (0: they do not)."""
    found: list[str] = []
    for n in range(first, len(spans)):
        start, end = spans[n]
        if n > first and _WORD.search(text[spans[n - 1][1] : start]):
            return 0
        found += _words(text[start:end], stemmed)
        if len(found) >= len(words):
            *head, last = found
            if len(found) == len(words) and head == list(words[:-1]) and (
                    last.startswith(words[-1]) if prefix else last == words[-1]):
                return n - first + 1
            return 0
        if found != list(words[: len(found)]):
            return 0
    return 0


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
