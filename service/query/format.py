"""The AST back to query text: `parse(to_text(node)) == node`.

Used to show a normalised query, to build links that change one part of
a query, and to prove (with hypothesis) that the parser loses nothing.
"""
from __future__ import annotations

from .ast import And, Fuzzy, MatchAll, MatchNone, Node, Not, Or, Phrase, Prefix, Term
from .errors import QueryError
from .parser import parse


def to_text(node: Node) -> str:
    if isinstance(node, MatchAll):
        return ""
    if isinstance(node, MatchNone):
        return '""'  # a phrase without words
    if isinstance(node, Term):
        return _scoped(node.field, node.text)
    if isinstance(node, Prefix):
        return _scoped(node.field, _prefix(node.text))
    if isinstance(node, Fuzzy):
        return _scoped(node.field, f"{node.text}~{'' if node.edits is None else node.edits}")
    if isinstance(node, Phrase):
        return _scoped(node.field, f'"{node.text}"' + (f"~{node.slop}" if node.slop else ""))
    if isinstance(node, Not):
        return "-" + _grouped(node.child, Not)
    if isinstance(node, And):
        return " ".join(_grouped(child, And) for child in node.children)
    if isinstance(node, Or):
        return " OR ".join(_grouped(child, Or) for child in node.children)
    raise TypeError(f"cannot format {type(node).__name__}")


def _prefix(text: str) -> str:
    """`negot*` bare; quoted when bare it would read otherwise: a phrase ending in
    a prefix (`"red li*"`), or a word start holding operators or punctuation
    (`"-ab*"`, `"a:*"`, `"(ab*"`), which a quoted `"…*"` keeps as typed."""
    bare = text + "*"
    if not any(ch.isspace() for ch in text):
        try:
            if parse(bare) == Prefix(text):
                return bare
        except QueryError:
            pass
    return f'"{bare}"'


def _scoped(field: str | None, text: str) -> str:
    return f"{field}:{text}" if field else text


def _grouped(node: Node, parent: type) -> str:
    """Parenthesise where the parent binds tighter than the child (or nests the same kind)."""
    needs = (
        (parent is Not and isinstance(node, (And, Or)))
        or (parent is And and isinstance(node, (And, Or)))
        or (parent is Or and isinstance(node, Or))
    )
    text = to_text(node)
    return f"({text})" if needs else text
