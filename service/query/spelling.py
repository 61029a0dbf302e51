"""The same query with its words loosened to near spellings, for a search that found nothing.

A name typed as heard ("Gadaffi" for "Gaddafi", "Zelenskiy" for "Zelensky") finds
nothing when the archive spells it otherwise; the search pages then offer the
query with each plain word as a near spelling (`gadaffi~`), if that finds
anything. Pure: the AST in, the AST out.
"""
from __future__ import annotations

from .ast import And, Fuzzy, Node, Or, Term
from .parser import bare_edits, words


def with_near_spellings(node: Node) -> Node | None:
    """`node` with each word it asks for (not one it excludes, not a phrase's) as a near
    spelling of as many edits as a bare `~` allows; None when no word can take any."""
    loosened = _loosened(node)
    return None if loosened == node else loosened


def _loosened(node: Node) -> Node:
    if isinstance(node, Term):
        near = Fuzzy(node.text, node.field, bare_edits(node.text))
        return near if any(near.edits_for(word) for word in words(node.text)) else node
    if isinstance(node, (And, Or)):
        return type(node)(tuple(_loosened(child) for child in node.children))
    return node  # a phrase, a prefix, an exclusion (Not): as typed
