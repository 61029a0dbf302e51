"""The one place that reads query strings: `tokenizer.py` cuts them into tokens, and
this builds the AST from those.

Grammar (recursive descent; implicit AND binds tighter than OR):

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary ("AND"? unary)*
    unary   := ("-" | "NOT") unary | primary
    primary := "(" or_expr ")" | FIELD ":" scoped | PHRASE ["~" N] | WORD | WORD "*" | WORD "~" [N]
    scoped  := "(" or_expr ")" | PHRASE ["~" N] | WORD | WORD "*" | WORD "~" [N]

`"powell inflation"~5` is a proximity phrase: its words within 5 positions
of standing together in order (see `ast.Phrase`), N from 0 to MAX_SLOP (`tokenizer`).
`qaddafi~` is a word with room for misspelling (see `ast.Fuzzy`): `~1` or
`~2` edits, or a bare `~` by the word's length (`fuzzy_edits`).

A term with no word characters matches nothing (MATCH_NONE): a symbol (`🌊`,
`€`), an empty phrase (`""`), anything scoped (`speaker:&`). Punctuation
standing between words (`oil & gas`, and the ASCII symbols typed as such:
`oil + gas`, `Iran | Iraq`) only separates them, but a query or
group of nothing else (`&`, `(&)`) has no words either. Only a blank query
matches everything.
"""
from __future__ import annotations

import re
import unicodedata

import regex

from .ast import MATCH_ALL, MATCH_NONE, And, Fuzzy, Node, Not, Or, Phrase, Prefix, Term, combined, fuzzy_edits, leaves
from .errors import QuerySyntaxError, QueryTooComplexError
from .tokenizer import INVISIBLE, Token, tokenize

MAX_QUERY_LENGTH = 1000
MAX_LEAVES = 50
MAX_DEPTH = 8
MIN_PREFIX_LENGTH = 2
#: The most edits a misspelt word may be from the one typed (`word~2`), as in
#: Lucene and Elasticsearch: at three, most short words match most others.
MAX_EDITS = 2

_HAS_WORD_CHAR = re.compile(r"\w")


def composed(text: str) -> str:
    """A term's text with its accents composed (NFC), as the loader stores article text.

    "Jose\u0301" (an accent typed or pasted as a mark of its own) was another
    word than "José" to Elasticsearch, which folds "é" but not a lone accent:
    it found nothing in the articles "José" finds. Positions in errors stay
    those of the query as typed: only the nodes' text is composed.
    """
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def parse(text: str, *, max_length: int = MAX_QUERY_LENGTH, max_terms: int = MAX_LEAVES,
          max_depth: int = MAX_DEPTH) -> Node:
    """Parse a user query into the AST, raising a `QueryError` subclass on bad input.

    The limits default to the module's; the service passes its configured ones.
    """
    if text is None:
        return MATCH_ALL
    _check_length(text, max_length)
    plain = _plain_words(text)
    if plain is not None:
        _check_terms(len(plain), max_terms)
        return plain[0] if len(plain) == 1 else And(plain)
    return _parsed(text, max_terms, max_depth)


#: Words of word characters only, between blanks (`oil`, `opec output`): most
#: queries. `\w` holds no quote mark, parenthesis, colon, `-`, `*` or invisible
#: mark, so each such word is a Term and together they are And'ed, as the
#: tokenizer and parser would find (tests/unit/test_query_parser.py holds the
#: two equal). `oil` parses in 2 µs here, 6.7 through the general path;
#: `opec output` in 3 against 12.7.
_PLAIN_WORDS = re.compile(r"\s*\w+(?:\s+\w+)*\s*")
_OPERATOR_WORDS = frozenset({"OR", "AND", "NOT"})


def _plain_words(text: str) -> tuple[Term, ...] | None:
    """The Terms of a query of plain words, or None for anything else."""
    if not _PLAIN_WORDS.fullmatch(text):
        return None
    words = text.split()  # `str.split` splits where `\s` matches: on `str.isspace`
    if _OPERATOR_WORDS.intersection(words):
        return None
    return tuple(Term(composed(word)) for word in words)


def _check_terms(count: int, max_terms: int) -> None:
    if count > max_terms:
        raise QueryTooComplexError(
            f"Query has {count} terms; the limit is {max_terms}.", limit=max_terms
        )


def _parsed(text: str, max_terms: int = MAX_LEAVES, max_depth: int = MAX_DEPTH) -> Node:
    """The general path: tokens, then recursive descent."""
    tokens = tokenize(text)
    if not tokens:
        return MATCH_ALL
    node = _Parser(tokens, len(text), max_depth).parse()
    if node is MATCH_ALL and _has_terms(tokens):
        node = MATCH_NONE  # only punctuation: words were asked for, none given
    _check_terms(sum(1 for _ in leaves(node)), max_terms)
    return node


def _check_length(text: str, max_length: int) -> None:
    if len(text) > max_length:
        raise QueryTooComplexError(
            f"Query is {len(text)} characters long; the limit is {max_length}.",
            limit=max_length,
        )


_CLAIM_WORD = re.compile(r"\w+")


def parse_claim(text: str | None, *, max_length: int = MAX_QUERY_LENGTH) -> Node:
    """A pasted claim (quote search with match=near) as one phrase of its words.

    Quote marks, colons, `-`, `*` and `OR`/`NOT` in a claim are text, never
    operators: near matching reads only the words. The length limit holds
    for the claim as written, as it does for a query (the claim once went
    through `parse` wrapped in quote marks, so one of 999 characters was
    refused as 1,001 long).
    """
    if text is None:
        return MATCH_ALL
    _check_length(text, max_length)
    words = _CLAIM_WORD.findall(text.translate(INVISIBLE))
    return Phrase(composed(" ".join(words))) if words else MATCH_ALL


class _Parser:
    def __init__(self, tokens: list[Token], length: int, max_depth: int = MAX_DEPTH):
        self.tokens = tokens
        self.length = length
        self.max_depth = max_depth
        self.index = 0
        self.depth = 0

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr(field=None)
        token = self.peek()
        if token is not None:  # only a stray ')' can stop or_expr early
            raise QuerySyntaxError(
                f"Unexpected ')' at position {token.position}: no parenthesis is open.",
                token.position,
            )
        return node if node is not None else MATCH_ALL

    def or_expr(self, field: str | None) -> Node | None:
        parts = [self.and_expr(field)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            if self.peek() is None or self.peek().kind in ("OR", "RPAREN"):
                raise QuerySyntaxError(
                    f"'OR' at position {token.position} needs a term on its right.",
                    token.position,
                )
            parts.append(self.and_expr(field))
        if parts[0] is None:
            if len(parts) > 1:
                raise QuerySyntaxError("'OR' needs a term on its left.", 0)
            return None
        parts = [p for p in parts if p is not None]
        return combined(Or, parts)

    def and_expr(self, field: str | None) -> Node | None:
        parts: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("OR", "RPAREN"):
            if token.kind == "AND":
                self.take()
                if not parts or self.peek() is None or self.peek().kind in ("OR", "RPAREN", "AND"):
                    raise QuerySyntaxError(
                        f"'AND' at position {token.position} needs a term on each side.",
                        token.position,
                    )
                continue
            node = self.unary(field)
            if node is not None:
                parts.append(node)
        if not parts:
            token = self.peek()
            if token is not None and token.kind == "OR":
                raise QuerySyntaxError(
                    f"'OR' at position {token.position} needs a term on its left.",
                    token.position,
                )
            return None
        return combined(And, parts)

    def unary(self, field: str | None) -> Node | None:
        token = self.peek()
        if token.kind in ("MINUS", "NOT"):
            self.take()
            following = self.peek()
            if following is None or following.kind in ("OR", "AND", "RPAREN"):
                raise QuerySyntaxError(
                    f"'{token.text}' at position {token.position} must be followed by a term.",
                    token.position,
                )
            child = self.unary(field)
            if child is None:  # `NOT &`, `NOT ()`: excludes nothing
                return Not(MATCH_NONE)
            return child.child if isinstance(child, Not) else Not(child)
        return self.primary(field)

    def primary(self, field: str | None) -> Node | None:
        token = self.take()
        if token.kind == "LPAREN":
            return self.group(token, field)
        if token.kind == "FIELD":
            if field is not None:
                raise QuerySyntaxError(
                    f"Field '{token.text}:' at position {token.position} is inside "
                    f"'{field}:'; one field scope at a time.",
                    token.position,
                )
            target = self.peek()
            if target is None or target.kind not in ("WORD", "PHRASE", "LPAREN"):
                raise QuerySyntaxError(
                    f"Field '{token.text}:' at position {token.position} must be followed "
                    "by a word, a quoted phrase or a parenthesised group.",
                    token.position,
                )
            return self.primary(token.text)
        if token.kind == "PHRASE":
            return _phrase(token, field)
        if token.kind == "WORD":
            return _word(token, field)
        raise QuerySyntaxError(  # OR/AND/NOT/MINUS are consumed by the callers
            f"Unexpected '{token.text}' at position {token.position}.", token.position
        )

    def group(self, opening: Token, field: str | None) -> Node | None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise QueryTooComplexError(
                f"Parentheses nest deeper than {self.max_depth} levels at position {opening.position}.",
                opening.position,
                limit=self.max_depth,
            )
        start = self.index
        node = self.or_expr(field)
        if node is None and _has_terms(self.tokens[start:self.index]):
            node = MATCH_NONE  # `(&)` is a term without words, as `(🌊)` is
        closing = self.peek()
        if closing is None or closing.kind != "RPAREN":
            raise QuerySyntaxError(
                f"Unclosed parenthesis: the one opened at position {opening.position} never closes.",
                opening.position,
            )
        self.take()
        self.depth -= 1
        return node


def _has_terms(tokens: list[Token]) -> bool:
    return any(token.kind in ("WORD", "PHRASE") for token in tokens)


#: ASCII symbols typed between words as separators (`oil + gas`, `Iran | Iraq`,
#: `a = b`): Unicode files them as math symbols, not punctuation, so they
#: were terms no text contains and the whole search silently found nothing.
#: Symbols that stand for something (`$`, `€`, `🌊`) stay such terms.
_SEPARATING_SYMBOLS = frozenset("+<=>|~^`")


def _punctuation(text: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") or ch in _SEPARATING_SYMBOLS
               or unicodedata.category(ch) == "Cf" for ch in text)  # a joiner alone: no word


def _phrase(token: Token, field: str | None) -> Node | None:
    words = token.text.split()
    if not any(_HAS_WORD_CHAR.search(w) for w in words):
        return MATCH_NONE  # `""`, `headline:"€"`: a phrase of no words
    if words[-1].endswith("*") and _HAS_WORD_CHAR.search(words[-1]):
        if token.slop:
            raise QuerySyntaxError(
                f"The phrase at position {token.position} ends in a word start (*), which cannot "
                f"take a proximity (~{token.slop}): give the whole word.", token.position)
        # `"red li*"`: the phrase with its last word as a prefix (`"li*"` alone is `li*`)
        start = token.text.rindex(words[-1])
        offsets = None if token.offsets is None else token.offsets[start : start + len(words[-1])]
        last = _word(Token("WORD", words[-1], token.at(start), offsets), field)
        return Prefix(composed(" ".join([*words[:-1], last.text])), field)
    text = " ".join(words)
    return Phrase(composed(text), field, token.slop)


def _word(token: Token, field: str | None) -> Node | None:
    text = token.text
    if text.endswith("*"):
        stem = text.rstrip("*")
        if "*" in stem:
            raise QuerySyntaxError(
                f"'*' at position {token.at(stem.index('*'))} may only end a word.",
                token.at(stem.index("*")),
            )
        if len(stem) < MIN_PREFIX_LENGTH or not _HAS_WORD_CHAR.search(stem):
            raise QuerySyntaxError(
                f"Prefix '{text}' at position {token.position} needs at least "
                f"{MIN_PREFIX_LENGTH} letters before '*'.",
                token.position,
            )
        return Prefix(composed(stem), field)
    if "*" in text:
        raise QuerySyntaxError(
            f"'*' at position {token.at(text.index('*'))} may only end a word.",
            token.at(text.index("*")),
        )
    if (fuzzy := _FUZZY.search(text)) is not None and _HAS_WORD_CHAR.search(text[:fuzzy.start()]):
        return _fuzzy(token, fuzzy, field)
    if not _HAS_WORD_CHAR.search(text):
        # Punctuation between words (`oil & gas`, `a - b`) separates them; a
        # symbol (`🌊`, `€`, `™`) or anything scoped (`speaker:&`) is a term
        # that no text contains.
        return None if field is None and _punctuation(text) else MATCH_NONE
    return Term(composed(text), field)


#: `~` or `~N` ending a word: a word with room for misspelling.
_FUZZY = re.compile(r"~([0-9]*)\Z")


def _fuzzy(token: Token, fuzzy: re.Match, field: str | None) -> Fuzzy:
    word = token.text[:fuzzy.start()]
    if fuzzy.group(1) and int(fuzzy.group(1)) > MAX_EDITS:
        position = token.at(fuzzy.start())
        raise QuerySyntaxError(
            f"'~{fuzzy.group(1)}' at position {position}: a word may be at most {MAX_EDITS} edits from "
            f"the one typed (~1 or ~2; a bare ~ chooses by the word's length).", position)
    edits = int(fuzzy.group(1)) if fuzzy.group(1) else bare_edits(word)
    return Fuzzy(composed(word), field, edits)


def bare_edits(text: str) -> int | None:
    """What a bare `~` after `text` allows: by its length when it is one word, else
    None, each of its words by its own length (`ast.Fuzzy.edits_for`)."""
    return fuzzy_edits(text) if len(words(text)) <= 1 else None


def words(text: str) -> list[str]:
    """The words of `text` as the engines cut it: runs of letters, digits and marks
    ("al-qaeda" and "o'brien" are two each), and each Han or Hiragana character one
    (both engines index them so: "北京会谈" is four words, each too short for an edit,
    where as one word of four letters it gave each character one, near every word of
    one letter, "s" of "Kadhafi's" or the "O" of "O'Brien")."""
    return _WORDS.findall(text)


_WORDS = regex.compile(r"[\p{Han}\p{Hiragana}]|(?:(?![\p{Han}\p{Hiragana}])[\p{Alphabetic}\p{N}\p{M}])+")
