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


def within_edits(word: str, other: str, edits: int) -> bool:
    """Whether `other` is at most `edits` letters added, dropped, changed or two
    neighbours swapped from `word`, as the engines count a near spelling: to
    tell which of the names an engine found for a document a near spelling
    itself matched (an article found by one speaker lists every other)."""
    if abs(len(word) - len(other)) > edits:
        return False
    before, row = None, list(range(len(other) + 1))
    for i, letter in enumerate(word, 1):
        current = [i] + [0] * len(other)
        for j, their in enumerate(other, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (letter != their))
            if before is not None and i > 1 and j > 1 and letter == other[j - 2] and word[i - 2] == their:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > edits:
            return False
        before, row = row, current
    return row[-1] <= edits
