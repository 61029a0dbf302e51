"""The query language: parsed once here, compiled by each backend."""
from .ast import (
    FIELDS, MATCH_ALL, MATCH_NONE, And, Fuzzy, MatchAll, MatchNone, Node, Not, Or, Phrase, Prefix, Term, combined, leaves,
    rescoped,
)
from .errors import QueryError, QuerySyntaxError, QueryTooComplexError, UnknownFieldError
from .parser import MAX_LEAVES, MAX_QUERY_LENGTH, parse, parse_claim

__all__ = [
    "FIELDS", "MATCH_ALL", "MATCH_NONE", "And", "Fuzzy", "MatchAll", "MatchNone", "Node", "Not", "Or", "Phrase", "Prefix", "Term",
    "combined", "leaves", "rescoped", "QueryError", "QuerySyntaxError", "QueryTooComplexError", "UnknownFieldError",
    "MAX_LEAVES", "MAX_QUERY_LENGTH", "parse", "parse_claim",
]
