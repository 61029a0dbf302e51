"""The query AST every backend compiles.

Nodes are frozen dataclasses so a parsed query can be hashed (cursor binding)
and shared safely between threads. Text in the nodes is what the user typed for
that term (invisible marks dropped, accents composed): analysis (stemming,
folding) is each backend's job, so the same tree means the same thing on
every engine.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Union

#: Field scopes the language accepts, with what each searches.
FIELDS = {
    "headline": "the headline",
    "body": "the article text",
    "quote": "the text of quotes in the article",
    "speaker": "names of people quoted",
    "source": "names and descriptions of sources",
    "outlet": "the publishing outlet",
    "dateline": "the dateline (place and agency)",
    "author": "the byline (the article's authors)",
}


@dataclass(frozen=True)
class Term:
    """A single word; backends stem it on stemmed fields."""

    text: str
    field: str | None = None

    def __repr__(self) -> str:
        return f"Term({self.text!r}{_field_repr(self.field)})"


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together, in order, unstemmed ("exact").

    `slop` (`"powell inflation"~5`) lets them stand apart or swap, as Lucene
    and tantivy count it: the positions the words may move in all to stand
    together in order (a word between two costs 1, two words swapped 2).
    """

    text: str
    field: str | None = None
    slop: int = 0

    def __repr__(self) -> str:
        return f"Phrase({self.text!r}{_field_repr(self.field)}{f', slop={self.slop}' if self.slop else ''})"


@dataclass(frozen=True)
class Prefix:
    """A word start (`negot*`), matched on the unstemmed form."""

    text: str
    field: str | None = None

    def __repr__(self) -> str:
        return f"Prefix({self.text!r}{_field_repr(self.field)})"


@dataclass(frozen=True)
class Fuzzy:
    """A word with room for misspelling (`qaddafi~`, `gaddafi~1`), matched on the unstemmed form.

    Words within `edits` insertions, deletions, substitutions or swaps of
    two neighbouring letters match, as Lucene and tantivy count them
    ("Qaddafi", "Gaddafi", "Kadhafi" are two apart). The parser settles
    `edits` (a bare `~` by the word's length, as Elasticsearch's AUTO), so
    every engine is given the same number.

    `edits` is None for a bare `~` after text of several words
    (`al-qaeda~`, `o'brien~`): each word then takes what its own length
    allows (`edits_for`), as AUTO counts each term of a match. One number
    for all, the whole text's, gave "al" or "o" two edits, which every
    word of up to three or four letters is within ("a", "of", "to", "the"):
    `al-qaeda~` found and marked nearly every article.
    """

    text: str
    field: str | None = None
    edits: int | None = 2

    def edits_for(self, word: str) -> int:
        """The edits `word`, one of this text's words as an engine cut it, may be from a match."""
        return fuzzy_edits(word) if self.edits is None else self.edits

    def __repr__(self) -> str:
        return f"Fuzzy({self.text!r}{_field_repr(self.field)}, edits={self.edits})"


def fuzzy_edits(word: str) -> int:
    """The edits a bare `~` allows, by the word's letters, as Elasticsearch's AUTO:
    none up to 2 ("un~"), 1 up to 5 ("putin~"), else 2 ("qaddafi~")."""
    letters = sum(1 for ch in word if ch.isalnum())
    return 0 if letters <= 2 else 1 if letters <= 5 else 2


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]

    def __repr__(self) -> str:
        return "And(" + ", ".join(map(repr, self.children)) + ")"


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]

    def __repr__(self) -> str:
        return "Or(" + ", ".join(map(repr, self.children)) + ")"


@dataclass(frozen=True)
class Not:
    child: Node

    def __repr__(self) -> str:
        return f"Not({self.child!r})"


@dataclass(frozen=True)
class MatchAll:
    """An empty query: every article (filters still apply)."""

    def __repr__(self) -> str:
        return "MatchAll()"


@dataclass(frozen=True)
class MatchNone:
    """A term with no words to search for (`🌊`, `€`, `headline:""`): no article.

    Decided here, not by each engine's analyser, so every backend agrees.
    """

    def __repr__(self) -> str:
        return "MatchNone()"


Node = Union[Term, Phrase, Prefix, Fuzzy, And, Or, Not, MatchAll, MatchNone]
Leaf = (Term, Phrase, Prefix, Fuzzy)
MATCH_ALL = MatchAll()
MATCH_NONE = MatchNone()


def combined(kind: type, parts) -> Node:
    """`parts` (at least one) joined by `kind`, And or Or, as the parser joins them: a
    single part stands alone, and a part of the same kind gives its children. A tree
    built in code (related coverage, offers) is then the one its text parses back to."""
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.children if isinstance(part, kind) else (part,))
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _field_repr(field: str | None) -> str:
    return f", field={field!r}" if field else ""


def leaves(node: Node):
    """Yield every leaf with whether it sits under an odd number of `Not`s.

    Highlighters want only the positive leaves: an excluded word is, by
    definition, not in the hit.
    """
    yield from _leaves(node, negated=False)


def _leaves(node: Node, negated: bool):
    if isinstance(node, Leaf):
        yield node, negated
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from _leaves(child, negated)
    elif isinstance(node, Not):
        yield from _leaves(node.child, not negated)


def rescoped(node: Node, default: str, aliases: dict[str, str] | None = None) -> Node:
    """The same query with unscoped leaves on `default` and fields renamed.

    Quote search reuses the article compilers this way: a bare word or
    `body:` searches the quote's own words, `speaker:` still the speaker.
    """
    aliases = aliases or {}
    if isinstance(node, Leaf):
        field = default if node.field is None else aliases.get(node.field, node.field)
        return replace(node, field=field)
    if isinstance(node, (And, Or)):
        return type(node)(tuple(rescoped(c, default, aliases) for c in node.children))
    if isinstance(node, Not):
        return Not(rescoped(node.child, default, aliases))
    return node
