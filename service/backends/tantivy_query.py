"""Compile the query AST and filters into tantivy `Query` objects.

Never into tantivy's query-parser syntax: user text only ever becomes
analysed tokens handed to term, phrase and regex constructors.
"""
from __future__ import annotations

import re
import tantivy
from tantivy import FieldType, Occur, Query

from ..query import And, MatchAll, Node, Not, Or, Phrase, Prefix, Term
from .base import HEADLINE_BOOST, TIE_BREAKER, Filters
from .keys import normalize_key
from .tantivy_schema import NAME_TEXT, PAIRED_TEXT, field_analyzer

_TOKEN = re.compile(r"\w+")


class TantivyQueryCompiler:
    def __init__(self, schema: tantivy.Schema):
        self.schema = schema

    def compile(self, node: Node) -> Query:
        return self._compile(node)

    def _compile(self, node: Node) -> Query:
        if isinstance(node, MatchAll):
            return Query.all_query()
        if isinstance(node, Term):
            return self._leaf(node, exact=False)
        if isinstance(node, (Phrase, Prefix)):
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
            headline = self._on_field(node, _field_for("headline", exact))
            body = self._on_field(node, _field_for("body", exact))
            return Query.disjunction_max_query(
                [Query.boost_query(headline, HEADLINE_BOOST), body], tie_breaker=TIE_BREAKER
            )
        return self._on_field(node, _field_for(node.field, exact))

    def _on_field(self, node, field_name: str) -> Query:
        tokens = field_analyzer(field_name).analyze(node.text)
        if not tokens:
            return Query.empty_query()
        if isinstance(node, Prefix):
            *head, last = tokens
            if not _TOKEN.fullmatch(last):
                return Query.empty_query()
            if head:
                return Query.phrase_prefix_query(self.schema, field_name, tokens)
            return Query.regex_query(self.schema, field_name, re.escape(last) + ".*")
        if len(tokens) == 1:
            return Query.term_query(self.schema, field_name, tokens[0])
        return Query.phrase_query(self.schema, field_name, tokens)

    def filters(self, filters: Filters) -> list[Query]:
        queries = []
        for name, values in filters.keyword_items().items():
            keys = sorted({normalize_key(v) for v in values})
            queries.append(Query.term_set_query(self.schema, f"{name}_key", keys))
        if filters.since or filters.until:
            queries.append(
                Query.range_query(
                    self.schema, "published", FieldType.Date,
                    lower_bound=filters.since, upper_bound=filters.until,
                    include_lower=True, include_upper=True,
                )
            )
        return queries

    def search_after(self, sort_field: str, key: int, seen: tuple[str, ...],
                     id_field: str = "id") -> list[tuple[Occur, Query]]:
        clauses = [(Occur.Must, Query.range_query(self.schema, sort_field, FieldType.Integer, None, key))]
        if seen:
            clauses.append((Occur.MustNot, Query.term_set_query(self.schema, id_field, list(seen))))
        return clauses


def _field_for(scope: str, exact: bool) -> str:
    if scope in PAIRED_TEXT:
        stemmed, unstemmed = PAIRED_TEXT[scope]
        return unstemmed if exact else stemmed
    return NAME_TEXT[scope]
