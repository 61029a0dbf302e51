"""Compile the query AST and filters into tantivy `Query` objects.

Never into tantivy's query-parser syntax: user text only ever becomes
analysed tokens handed to term, phrase and regex constructors.
"""
from __future__ import annotations

import math
import re
from datetime import datetime, timezone

import regex
import tantivy
from tantivy import FieldType, Occur, Query

from ..query import And, Fuzzy, MatchAll, MatchNone, Node, Not, Or, Phrase, Prefix, Term
from .base import HEADLINE_BOOST, MAX_PREFIX_EXPANSIONS, TIE_BREAKER, Filters
from .date_keys import combined_key_range
from .keys import normalize_key
from .tantivy_dates import exact_range
from .tantivy_schema import NAME_TEXT, PAIRED_TEXT, QUOTE_PAIRED_TEXT, field_words

#: A word as tantivy's simple tokenizer cuts one (Rust's `char::is_alphanumeric`) and lower-cases
#: it: with the vowel signs of Devanagari, the harakat of Arabic, the points of Hebrew and the dot
#: above that lower-casing leaves of "İ", where Python's `\w` has none of them, so `मोद*`, `مُحَ*`
#: and `İst*` were refused as no word and found nothing.
_TOKEN = regex.compile(r"[\p{Alphabetic}\p{N}\p{M}]+")
#: The dates a tantivy date field holds (i64 nanoseconds since 1970); a bound
#: beyond them is no bound at all (`_date_range`).
EARLIEST_DATE = datetime(1677, 9, 21, 0, 12, 43, 145225, tzinfo=timezone.utc)
LATEST_DATE = datetime(2262, 4, 11, 23, 47, 16, 854775, tzinfo=timezone.utc)


#: Scopes only article documents hold (quote documents keep their headline apart).
ARTICLE_ONLY_SCOPES = frozenset({None, "headline", "body"})


def article_only(node: Node) -> bool:
    """Whether only article documents can match: every way to match needs a
    word of an article's own text, so no filter on the document type is needed."""
    if isinstance(node, (Term, Phrase, Prefix, Fuzzy)):
        return node.field in ARTICLE_ONLY_SCOPES
    if isinstance(node, And):
        return any(article_only(c) for c in node.children if not isinstance(c, Not))
    if isinstance(node, Or):
        return all(article_only(c) for c in node.children)
    return False  # MatchAll, a lone Not


def _all_of(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Must, q) for q in queries])


#: The first and last whole seconds tantivy's dates hold (`_ingested_range`).
_EARLIEST_SECOND, _LATEST_SECOND = math.ceil(EARLIEST_DATE.timestamp()), math.floor(LATEST_DATE.timestamp())

class TantivyQueryCompiler:
    def __init__(self, schema: tantivy.Schema, paired: dict[str, tuple[str, str]] = PAIRED_TEXT,
                 searcher: tantivy.Searcher | None = None):
        self.schema = schema
        self.paired = paired
        self.searcher = searcher

    def for_quotes(self) -> "TantivyQueryCompiler":
        """The compiler for quote documents, whose article headline has fields of its own."""
        return TantivyQueryCompiler(self.schema, QUOTE_PAIRED_TEXT, self.searcher)

    def reading(self, searcher: tantivy.Searcher) -> "TantivyQueryCompiler":
        """The compiler for queries run on `searcher`, whose term dictionary
        expands a word start ending a phrase (`_phrase_prefix`)."""
        return TantivyQueryCompiler(self.schema, self.paired, searcher)

    def compile(self, node: Node) -> Query:
        return self._compile(node)

    def _compile(self, node: Node) -> Query:
        if isinstance(node, MatchAll):
            return Query.all_query()
        if isinstance(node, MatchNone):
            return Query.empty_query()
        if isinstance(node, Term):
            return self._leaf(node, exact=False)
        if isinstance(node, (Phrase, Prefix, Fuzzy)):
            return self._leaf(node, exact=True)
        if isinstance(node, And):
            must = [self._compile(c) for c in node.children if not isinstance(c, Not)]
            must_not = [self._compile(c.child) for c in node.children if isinstance(c, Not)]
            clauses = [(Occur.Must, q) for q in must or [Query.all_query()]]
            clauses += [(Occur.MustNot, q) for q in must_not]
            return Query.boolean_query(clauses)
        if isinstance(node, Or):
            return Query.boolean_query([(Occur.Should, self._compile(c)) for c in node.children])
        if isinstance(node, Not):
            return Query.boolean_query(
                [(Occur.Must, Query.all_query()), (Occur.MustNot, self._compile(node.child))]
            )
        raise TypeError(f"The embedded backend cannot compile {type(node).__name__}")

    def _leaf(self, node, exact: bool) -> Query:
        """One leaf over its field(s): headline and body when unscoped."""
        if node.field is None:
            headline = self._on_field(node, self._field_for("headline", exact))
            body = self._on_field(node, self._field_for("body", exact))
            return Query.disjunction_max_query(
                [Query.boost_query(headline, HEADLINE_BOOST), body], tie_breaker=TIE_BREAKER
            )
        return self._on_field(node, self._field_for(node.field, exact))

    def _on_field(self, node, field_name: str) -> Query:
        tokens = field_words(field_name, node.text)
        if not tokens:
            return Query.empty_query()
        if isinstance(node, Prefix):
            *head, last = tokens
            if not _TOKEN.fullmatch(last):
                return Query.empty_query()
            if head:
                return self._phrase_prefix(field_name, head, last)
            return Query.regex_query(self.schema, field_name, re.escape(last) + ".*")
        if isinstance(node, Fuzzy):  # scored 1, as Elasticsearch's constant_score (elastic_query.py)
            return Query.const_score_query(
                _all_of([self._near_spelling(field_name, token, node.edits_for(token)) for token in tokens]), 1.0)
        if len(tokens) == 1:
            return Query.term_query(self.schema, field_name, tokens[0])
        slop = getattr(node, "slop", 0)
        if slop and len(tokens) == 2 and tokens[0] == tokens[1]:
            return self._word_twice(field_name, tokens[0], slop)
        return Query.phrase_query(self.schema, field_name, tokens, slop=slop)

    def _near_spelling(self, field_name: str, word: str, edits: int) -> Query:
        """The words within `edits` of `word`, a swap of two neighbours one edit (as Lucene counts)."""
        if not edits:
            return Query.term_query(self.schema, field_name, word)
        return Query.fuzzy_term_query(self.schema, field_name, word, distance=edits, transposition_cost_one=True)

    def _word_twice(self, field_name: str, word: str, slop: int) -> Query:
        """`"new new"~3`: the word twice, 1 to slop + 1 positions apart, as Lucene counts it.

        tantivy's sloppy phrase reads one occurrence as both of a repeated
        word's: `"new new"~3` found every article saying "new" once (on
        9,862 Reuters stories `"new new"~100` found 2,425 articles, 530 say
        it twice that near). Its slop is exact for a phrase's two words
        standing apart by their offsets (`|apart - offset| <= slop`), and an
        offset beyond the slop keeps one occurrence from matching itself:
        offset k + 1, slop k covers 1 to 2k + 1 apart, and an odd slop's
        last distance is a phrase of its own.
        """
        half = slop // 2
        near = Query.phrase_query(self.schema, field_name, [(0, word), (half + 1, word)], slop=half)
        if slop % 2 == 0:
            return near
        farthest = Query.phrase_query(self.schema, field_name, [(0, word), (slop + 1, word)])
        return Query.boolean_query([(Occur.Should, near), (Occur.Should, farthest)])

    def _phrase_prefix(self, field_name: str, head: list[str], last: str) -> Query:
        """`"red li*"`: the phrase ending in each of the commonest words starting `li`.

        tantivy's own phrase prefix query expands the last word to its first
        50 terms only: on 9,862 Reuters articles `"the co*"` found 70 where
        `"the company"` alone finds 1,793. The term dictionary gives the
        MAX_PREFIX_EXPANSIONS words most documents hold, as many as
        Elasticsearch's `match_phrase_prefix` is allowed.
        """
        if self.searcher is None:
            return Query.phrase_prefix_query(self.schema, field_name, [*head, last])
        words = self.searcher.terms_with_prefix(field_name, last, limit=MAX_PREFIX_EXPANSIONS)
        if not words:
            return Query.empty_query()
        return Query.boolean_query([(Occur.Should, Query.phrase_query(self.schema, field_name, [*head, word]))
                                    for word, _ in words])

    def filters(self, filters: Filters) -> list[Query]:
        queries = []
        for name, values in filters.keyword_items().items():
            keys = sorted({normalize_key(v) for v in values})
            queries.append(Query.term_set_query(self.schema, f"{name}_key", keys))
        dates = self._date_range(filters.since, filters.until)
        if dates is not None:
            queries.append(dates)
        if (seconds := filters.ingested_seconds()) is not None:  # `ingested_key` is `join_key(second, tie)`
            queries.append(self._ingested_range(*seconds))
        return queries

    def _ingested_range(self, first: int | None, last: int | None) -> Query:
        """The `ingested_at` seconds `first` to `last`, clamped to the seconds tantivy's dates hold.

        A combined key of a second before 1678 or after 2261 does not fit in 64 bits:
        `ingested_from=0001-01-01` was a 500 on /search, /export, feeds and the page, where
        Elasticsearch took it as the open bound it is (every article was written since).
        """
        earliest, latest = _EARLIEST_SECOND, _LATEST_SECOND
        if (first is not None and first > latest) or (last is not None and last < earliest):
            return Query.empty_query()
        lower, upper = combined_key_range(None if first is None or first < earliest else first,
                                          None if last is None or last > latest else last)
        return Query.range_query(self.schema, "ingested_key", FieldType.Integer, lower, upper)

    def _date_range(self, since: datetime | None, until: datetime | None) -> Query | None:
        """The publication date range, clamped to the dates tantivy holds.

        `from=0001-01-01` or `until=9999-12-31` is an open bound: every date
        the index can hold is on that side of it, so it is clamped to the
        earliest or latest one. It still asks for a date, so undated articles
        stay out, as on Elasticsearch, which compares such dates as they are.
        A range wholly outside those dates matches nothing.
        """
        if since is None and until is None:
            return None
        if (since and since > LATEST_DATE) or (until and until < EARLIEST_DATE):
            return Query.empty_query()
        lower = max(since or EARLIEST_DATE, EARLIEST_DATE)
        upper = min(until or LATEST_DATE, LATEST_DATE)
        if self.searcher is not None:  # tantivy stores seconds: the bounds' own seconds are read (tantivy_dates)
            return exact_range(self.schema, self.searcher, lower, upper, lower == since, upper == until)
        return Query.range_query(self.schema, "published", FieldType.Date, lower_bound=lower,
                                 upper_bound=upper, include_lower=True, include_upper=True)

    def search_after(self, sort_field: str, key: int, seen: tuple[str, ...],
                     id_field: str = "id") -> list[tuple[Occur, Query]]:
        clauses = [(Occur.Must, Query.range_query(self.schema, sort_field, FieldType.Integer, None, key))]
        if seen:
            clauses.append((Occur.MustNot, Query.term_set_query(self.schema, id_field, list(seen))))
        return clauses

    def key_equals(self, sort_field: str, key: int) -> tuple[Occur, Query]:
        """The documents whose date sort key is `key` (a run of one key, `tantivy_export.whole_run`)."""
        return Occur.Must, Query.range_query(self.schema, sort_field, FieldType.Integer, key, key)


    def _field_for(self, scope: str, exact: bool) -> str:
        if scope in self.paired:
            stemmed, unstemmed = self.paired[scope]
            return unstemmed if exact else stemmed
        return NAME_TEXT[scope]


def in_statements(schema: tantivy.Schema, statements: list[str] | None) -> list[Query]:
    """The clause keeping a near search to its statements (none: nothing matches)."""
    if statements is None:
        return []
    return [Query.term_set_query(schema, "statement_id", statements) if statements else Query.empty_query()]
