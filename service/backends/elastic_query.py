"""Compile the query AST and filters into Elasticsearch query DSL dicts.

The same tree means the same thing as on the embedded backend
(`tantivy_query.py`): a word matches its stemmed form, a quoted phrase the
exact words in order, a prefix the unstemmed word start; unscoped leaves
search headline and body through a `dis_max` with the same boost and
tie-breaker. User text only ever reaches the engine as the `query` of
`match_phrase` / `match_phrase_prefix` (analysed there) or as a folded
`prefix` value, never through `query_string`, whose syntax users could use
to reach fields or run expensive queries.

A word is compiled to `match_phrase`, not `match`: a word that the analyzer
splits ("e-mail") must then appear as those tokens together, as on the
embedded backend, and a word that analyses to nothing matches nothing
(`zero_terms_query: none`), again as there.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any, Callable

from ..query import And, Fuzzy, MatchAll, MatchNone, Node, Not, Or, Phrase, Prefix, Term, leaves
from .base import HEADLINE_BOOST, MAX_PREFIX_EXPANSIONS, TIE_BREAKER, Filters
from .date_keys import MISSING_KEY
from .elastic_document import index_text, index_text_as_before
from .keys import fold_case_and_accents, normalize_key

Query = dict[str, Any]
MATCH_ALL: Query = {"match_all": {}}
MATCH_NONE: Query = {"match_none": {}}
#: Scopes with a stemmed field and an `.exact` sub-field (same names as the mapping).
PAIRED_TEXT = ("headline", "body", "quote")
#: Scopes of names, searched unstemmed only.
NAME_TEXT = ("speaker", "source", "outlet", "dateline", "author")
#: Which query scopes light up which highlighted part (as in highlight.py).
HIGHLIGHT_SCOPES = {"headline": {None, "headline"}, "body": {None, "body", "quote"}}
_WORD = re.compile(r"\w+")
#: Words of these scripts (Latin, Greek, Cyrillic, Armenian) are one token to the
#: standard tokenizer, so a `prefix` query on the folded word start finds them.
#: Other scripts may be cut otherwise (each Han or Hiragana character is a token
#: of its own: "北京*" found nothing as a `prefix`); `match_phrase_prefix` lets the
#: engine cut the word start as it cut the text.
_ONE_TOKEN_SCRIPTS = re.compile("[\u0000-\u058f]+")


class ElasticQueryCompiler:
    """One recursive `compile` over the AST; unknown nodes raise TypeError."""

    def compile(self, node: Node) -> Query:
        if isinstance(node, MatchAll):
            return MATCH_ALL
        if isinstance(node, MatchNone):
            return MATCH_NONE
        if isinstance(node, Term):
            return self._leaf(node, exact=False)
        if isinstance(node, (Phrase, Prefix, Fuzzy)):
            return self._leaf(node, exact=True)
        if isinstance(node, And):
            must = [self.compile(c) for c in node.children if not isinstance(c, Not)]
            must_not = [self.compile(c.child) for c in node.children if isinstance(c, Not)]
            query: Query = {"must": must or [MATCH_ALL]}
            if must_not:
                query["must_not"] = must_not
            return {"bool": query}
        if isinstance(node, Or):
            return {"bool": {"should": [self.compile(c) for c in node.children],
                             "minimum_should_match": 1}}
        if isinstance(node, Not):
            return {"bool": {"must": [MATCH_ALL], "must_not": [self.compile(node.child)]}}
        raise TypeError(f"The Elasticsearch backend cannot compile {type(node).__name__}")

    def _leaf(self, node: Term | Phrase | Prefix, exact: bool) -> Query:
        """One leaf over its field(s): headline and body when unscoped."""
        if node.field is None:
            return {"dis_max": {
                "queries": [
                    on_field(node, field_for("headline", exact), boost=HEADLINE_BOOST),
                    on_field(node, field_for("body", exact)),
                ],
                "tie_breaker": TIE_BREAKER,
            }}
        return on_field(node, field_for(node.field, exact))

    def filters(self, filters: Filters) -> list[Query]:
        """Exact filters, each a `terms` (values ORed) or a date `range`."""
        queries: list[Query] = []
        for name, values in filters.keyword_items().items():
            queries.append({"terms": {f"{name}_key": filter_keys(values)}})
        if filters.since or filters.until:
            bounds = {}
            if filters.since:
                bounds["gte"] = _next_millisecond(filters.since).isoformat()
            if filters.until:
                # Written to the millisecond: the engine reads a bound's missing parts as their
                # largest under `lte`, so `…T10:00:00` took in 10:00:00.500 (the bound's further
                # microseconds it drops, as the dates it holds have none).
                bounds["lte"] = filters.until.isoformat(timespec="milliseconds")
            queries.append({"range": {"published": bounds}})
        if (seconds := filters.ingested_seconds()) is not None:  # `ingested_key` is the second itself
            first, last = seconds
            bounds = {"gte": first} if first is not None else {"gt": MISSING_KEY}  # never an undated one
            if last is not None:
                bounds["lte"] = last
            queries.append({"range": {"ingested_key": bounds}})
        return queries

    def query(self, node: Node, filters: Filters) -> Query:
        """The whole search query: the text query, filtered without scoring."""
        text = self.compile(node)
        clauses = self.filters(filters)
        if not clauses:
            return text
        return {"bool": {"must": [text], "filter": clauses}}

    def highlight_query(self, node: Node, leave_out: Callable[[Node], bool] = lambda leaf: False) -> Query | None:
        """The positive leaves, each on the highlighted field it lights up.

        Highlighting runs per field with `require_field_match`, so a plain
        word lights the stemmed field and a phrase or prefix the `.exact`
        sub-field; quote-scoped leaves light the body, where quotes live.
        Excluded words are left out: they are, by definition, not in the hit;
        so are the leaves `leave_out` takes, which the caller marks itself.
        """
        should = []
        for leaf, negated in leaves(node):
            if negated or leave_out(leaf):
                continue
            exact = not isinstance(leaf, Term)  # a Fuzzy word too: it is matched unstemmed
            for part, scopes in HIGHLIGHT_SCOPES.items():
                if leaf.field in scopes:
                    should.append(on_field(leaf, field_for(part, exact)))
        if not should:
            return None
        return {"bool": {"should": should, "minimum_should_match": 1}}


def _next_millisecond(moment: datetime) -> datetime:
    """`moment`, or the millisecond after it when it falls between two.

    Dates are held to the millisecond, and the engine drops a bound's
    microseconds: `from=…14:54:00.000001` would take 14:54:00 itself, which
    the embedded index (and the bound as written) leaves out.
    """
    extra = moment.microsecond % 1000
    if not extra:
        return moment
    try:
        return moment + timedelta(microseconds=1000 - extra)
    except OverflowError:  # the last millisecond a datetime holds (9999-12-31T23:59:59.999...): no
        # article is dated in it (the index holds years 1678 to 2261), so its start is the same bound.
        return moment.replace(microsecond=moment.microsecond - extra)


def field_for(scope: str, exact: bool) -> str:
    if scope in PAIRED_TEXT:
        return f"{scope}.exact" if exact else scope
    if scope in NAME_TEXT:
        return scope
    raise TypeError(f"The Elasticsearch backend has no field for scope {scope!r}")


def on_field(node: Term | Phrase | Prefix, field: str, boost: float | None = None) -> Query:
    text = index_text(node.text)
    query = _on_field(node, text, field, boost)
    before = index_text_as_before(node.text)
    if before != text and not isinstance(node, Prefix):
        # Documents written before the underscore (and the zero-width non-joiner
        # of a Persian word) split words hold "reuters_biz" whole.
        joined = _on_field(node, before, field, boost)
        return {"bool": {"should": [query, joined], "minimum_should_match": 1}}
    return query


def _on_field(node: Term | Phrase | Prefix | Fuzzy, text: str, field: str, boost: float | None) -> Query:
    if isinstance(node, Fuzzy):
        return _near_spellings(node, text, field, boost)
    if isinstance(node, Prefix):
        folded = fold(text)
        if _WORD.fullmatch(folded) and _ONE_TOKEN_SCRIPTS.fullmatch(folded):
            params: dict[str, Any] = {"value": folded}
            kind = "prefix"
        else:
            params = {"query": text, "max_expansions": MAX_PREFIX_EXPANSIONS}
            kind = "match_phrase_prefix"
    else:
        params = {"query": text, "zero_terms_query": "none"}
        if getattr(node, "slop", 0):  # a Term's words are a phrase too, never sloppy
            params["slop"] = node.slop
        kind = "match_phrase"
    if boost is not None:
        params["boost"] = boost
    return {kind: {field: params}}


#: Words a near spelling may stand for: all within reach, as tantivy's fuzzy query takes
#: them. The match query's `max_expansions` (50 by default) still cut the words where
#: the engine applies it with the constant_score rewrite too (osmem does): of sixty
#: words one letter from `harbour`, ten were never found, and `cosa~2` found 982 of
#: 2,000 Reuters stories against 1,513 on the embedded index. The deadline bounds the cost.
NEAR_SPELLING_EXPANSIONS = 1_000_000


def _near_spellings(node: Fuzzy, text: str, field: str, boost: float | None) -> Query:
    """Every word of `text` within `node.edits`, a swap of two neighbours one edit; scored
    1 (times `boost`) whatever the words, as the embedded index scores it. Every
    word within reach counts: the default rewrite keeps the 50 most frequent only,
    and `max_expansions` is raised past any vocabulary (NEAR_SPELLING_EXPANSIONS).
    A bare `~` after several words (`edits` None) is AUTO: each word by its own length,
    as `ast.Fuzzy.edits_for` gives the embedded index."""
    fuzziness = "AUTO" if node.edits is None else node.edits
    match = {"query": text, "operator": "and", "fuzziness": fuzziness, "prefix_length": 0,
             "fuzzy_transpositions": True, "fuzzy_rewrite": "constant_score", "zero_terms_query": "none",
             "max_expansions": NEAR_SPELLING_EXPANSIONS}
    return {"constant_score": {"filter": {"match": {field: match}}, "boost": 1.0 if boost is None else boost}}


#: Letters ASCII folding (Lucene's, and tantivy's port of it) rewrites that
#: Unicode does not decompose into a base letter and a mark, so stripping
#: marks alone leaves them: "Małg*" must look for "malg", as "Małgorzata"
#: was indexed.
_UNDECOMPOSED = str.maketrans({
    "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "đ": "d",
    "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "q", "ƒ": "f", "ŀ": "l",
})


def fold(text: str) -> str:
    """Lowercase + ASCII folding, as the `news_exact` analyzer does to a word.

    `prefix` queries are not analysed, so the word start is folded here.
    ASCII folding folds what becomes ASCII ("é", "ﬁ", "Ａ"), and nothing
    else: the breve of Cyrillic "й" and the marks of other scripts stay, as
    the analyzer keeps them (Greek accents are gone before: `index_text`, as
    in the indexed text, so `Αθή*` looks for "αθη", as "Αθήνα" and "ΑΘΗΝΑ"
    were both indexed). Lower case is taken letter by letter, as Lucene
    takes it: "İ" is "i", not "i" and a dot above.
    """
    if text.isascii():
        return text.lower()
    folded = []
    for ch in text.replace("\u0130", "i").lower().translate(_UNDECOMPOSED):
        if not ch.isascii():
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            ch = base if base and base.isascii() else ch
        folded.append(ch)
    return "".join(folded)


def filter_keys(values) -> list[str]:
    """The keys a filter asks for: each value's key, and its key as releases
    before punctuation folding made it.

    An index not yet reindexed since (mapping version 1) holds
    "leigh-pemberton"; without the older key a filter on the very spelling it
    was stored under would find nothing until `reindex`. The older key never
    names another value in a new index: a key it holds has no hyphen or
    period, and an older key without one is the new key.
    """
    return sorted({normalize_key(v) for v in values} | {fold_case_and_accents(v) for v in values})
