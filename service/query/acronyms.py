"""Acronyms in both spellings: `US` also finds "U.S.", `U.K.` also finds "UK".

Wire copy and American papers dot their acronyms ("U.S.", "U.N.", "F.B.I."),
British and most online copy does not ("US", "UN", "FBI"), and the engines
read the two as different words: on the Reuters corpus `US` found 158
articles and `U.S.` 2,017. A fact-checker typing `US sanctions` meant both.

Only what was typed as an acronym is widened: a word of two to four capitals
(`US`, `NATO`), or letters each followed by a dot (`U.K.`, `U.S`). The
undotted spelling of a dotted acronym is left out when it is a common
lower-case word as well (`U.S.` is not widened to "us": the pronoun would
find every article quoting anyone saying "told us"); `US` typed in capitals
already is that word, as it always was. A phrase is widened in each spelling
of its acronyms, up to `MOST_ACRONYMS_A_PHRASE` of them (two: four phrases).

Applied to the query as the engines run it (`service.search.build_request`),
never to the text the user typed: the query shown back and its near
spellings read as typed. Pure: no engine, no Flask.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .ast import And, Node, Not, Or, Phrase, Term

_CAPITALS = re.compile(r"[A-Z]{2,4}")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){1,4}[A-Za-z]\.?")
#: Undotted acronyms that are common words too: `U.S.` is not widened to "us".
COMMON_WORDS = frozenset({
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me", "my", "no", "of",
    "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
})
MOST_ACRONYMS_A_PHRASE = 2


def with_acronym_forms(node: Node) -> Node:
    """`node` with each acronym typed also matching its other spelling."""
    if isinstance(node, Term):
        forms = spellings(node.text)
        return node if len(forms) == 1 else Or(tuple(replace(node, text=form) for form in forms))
    if isinstance(node, Phrase):
        return _phrase(node)
    if isinstance(node, (And, Or)):
        return type(node)(tuple(with_acronym_forms(child) for child in node.children))
    if isinstance(node, Not):
        return Not(with_acronym_forms(node.child))
    return node  # a word start, a fuzzy word, MatchAll, MatchNone: as typed


def spellings(word: str) -> tuple[str, ...]:
    """The word as typed first, then its other spelling if it is an acronym."""
    if _CAPITALS.fullmatch(word):
        return word, ".".join(word) + "."
    if _DOTTED.fullmatch(word):
        undotted = word.replace(".", "")
        return (word,) if undotted.lower() in COMMON_WORDS else (word, undotted)
    return (word,)


def _phrase(node: Phrase) -> Node:
    words = node.text.split(" ")
    choices = [spellings(word) for word in words]
    if sum(len(forms) > 1 for forms in choices) not in range(1, MOST_ACRONYMS_A_PHRASE + 1):
        return node
    return Or(tuple(replace(node, text=" ".join(variant)) for variant in itertools.product(*choices)))
