"""A query string cut into tokens: words, phrases, parentheses, operators, fields.

Only `parser.py` calls this: the parser stays the one entry that reads query
strings, and this is the part of it that knows characters (quote marks,
invisible marks, where a word ends); the recursive descent knows tokens only.

Users paste claims with typographic quotes, so “…”, „…“, „…”, «…», »…«
and »…» delimit phrases like straight quotes do; a phrase that no mark of its
own style ends is ended by any double quote mark (`"red line”`, `“red line“`),
and so is one whose own mark leaves the rest of the query unreadable
(`"red line” OR "blue line"`: the editor curled one closing mark).
Lower-case `or`/`and`/`not` are ordinary words. A pasted address
(`https://example.org/a`) is a word, not a field `https:`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .ast import FIELDS
from .errors import QuerySyntaxError, UnknownFieldError

#: The most a proximity phrase's words may stand apart (`"a b"~100`): a
#: larger window is a search for the words anywhere, costlier and no nearer.
MAX_SLOP = 100
#: The marks that end a phrase each mark opens: its own style's closing
#: mark or a straight quote. Danish writes »…«, Swedish and Finnish »…» and
#: ”…”.
_OPENING_QUOTES = {'"': '"', "“": "”", "„": "“", "”": "”", "«": "»", "»": "«"}
_DOUBLE_QUOTES = '"“”'
#: The marks that may end a phrase that no mark of its own style ends.
_FALLBACK_CLOSING = {mark: set(_DOUBLE_QUOTES) for mark in _DOUBLE_QUOTES + "„"} | {"»": {"»"}}
_CLOSING_QUOTES = set(_OPENING_QUOTES.values()) | {'"'}
_SPECIAL = set('()') | set(_OPENING_QUOTES) | _CLOSING_QUOTES
#: Invisible marks pasted with a query (from a page, a chat, right-to-left
#: text) that are no part of a word: the soft hyphen (a place a word may
#: break, dropped from article text by the loader), the direction marks,
#: embeddings and isolates, the word joiner and the byte order mark. Dropped
#: from every word and phrase: a word glued to one ("oil\u200e") was the word
#: on the embedded index and an unknown one on Elasticsearch, and one standing
#: alone ("oil \u200e") a term matching nothing, so the search found nothing.
#: The zero-width joiner and non-joiner shape words in some scripts: kept.
INVISIBLE = str.maketrans(dict.fromkeys(
    "\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"))
#: The zero-width space separates words, as the loader reads it in articles;
#: one for one, so every position stays that of the query as typed.
_ZERO_WIDTH_SPACE = str.maketrans({"\u200b": " "})
_FIELD_NAME = re.compile(r"[A-Za-z_]+")


@dataclass(frozen=True)
class Token:
    kind: str  # WORD, PHRASE, LPAREN, RPAREN, OR, AND, NOT, MINUS, FIELD
    text: str
    position: int
    #: Where each character of `text` stands in the query, when invisible marks
    #: dropped from it moved them (None: `text` is the query's own characters).
    offsets: tuple[int, ...] | None = None
    #: A phrase's `~N`: how far apart its words may stand (see `ast.Phrase`).
    slop: int = 0

    def at(self, index: int) -> int:
        """The query position of `text[index]`, as typed (a phrase's text starts after its mark)."""
        if self.offsets is not None:
            return self.offsets[index]
        return self.position + (1 if self.kind == "PHRASE" else 0) + index


def tokenize(text: str) -> list[Token]:
    """The query's tokens, a phrase ending at its own style's mark, else at the nearest one.

    A phrase ends at the nearest mark of its own style (or a straight quote;
    where none comes, at the nearest other double quote mark: styles vary by
    language, „…” in Polish and Hungarian, „…“ in German, and by keyboard, a
    straight quote typed and its partner made curly, `"red line”`). When
    that leaves the query unreadable (a quote left unclosed, or one closing
    nothing), it is read again with every phrase ending at the nearest mark
    that may end it: in `"red line” OR "blue line"` the straight mark after
    OR ended the first phrase and left `blue line"` unclosed, while the
    curled one ends it and reads the query as typed. If that fails too, the
    first reading's error stands. Two readings at most: linear in the query,
    whatever marks it holds.
    """
    text = text.translate(_ZERO_WIDTH_SPACE)
    try:
        return _read_tokens(text, nearest=False)
    except QuerySyntaxError as error:
        try:
            return _read_tokens(text, nearest=True)
        except QuerySyntaxError:
            raise error from None


def _read_tokens(text: str, nearest: bool) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    # Where a phrase (with its proximity) or a group ended: a "-" there starts an exclusion,
    # `"red line"-syria` as `"red line" -syria`. It was the word "-syria", which the analyzers
    # read as "syria", so the search asked for what it meant to leave out.
    closed_at = -1
    while i < n:
        ch = text[i]
        if _blank(ch):
            i += 1
        elif ch == "(":
            tokens.append(Token("LPAREN", ch, i))
            i += 1
        elif ch == ")":
            tokens.append(Token("RPAREN", ch, i))
            i += 1
            closed_at = i
        elif ch in _OPENING_QUOTES:
            end = _phrase_end(text, i, nearest)
            if end < 0:
                raise QuerySyntaxError(
                    f"Unclosed quote: the phrase opened at position {i} never ends.", i
                )
            token = _phrase_token(text, i, end)
            i = end + 1
            if (proximity := _PROXIMITY.match(text, i)) is not None:
                token = replace(token, slop=_slop(proximity))
                i = proximity.end()
            tokens.append(token)
            closed_at = i
        elif ch in _CLOSING_QUOTES:
            raise QuerySyntaxError(f"Unexpected closing quote at position {i}.", i)
        elif ch == "-" and _followed_by_text(text, i + 1) and (_at_term_start(text, i) or i == closed_at):
            tokens.append(Token("MINUS", ch, i))
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in _SPECIAL:
                i += 1
                if (text[i - 1] == ":" and _is_field_name(text[start : i - 1])
                        and not text.startswith("//", i)):  # `https://…` is a pasted address
                    break
            typed = text[start:i]
            word = typed.translate(INVISIBLE)
            if word:
                tokens.append(_classify_word(word, start, _visible_offsets(typed, word, start)))
    return tokens


#: `~N` right after a phrase's closing mark: its words within N positions.
_PROXIMITY = re.compile(r"~([0-9]+)(?![\w*])")


def _slop(proximity: re.Match) -> int:
    slop = int(proximity.group(1))
    if slop > MAX_SLOP:
        raise QuerySyntaxError(
            f"Proximity '~{proximity.group(1)}' at position {proximity.start()}: a phrase's words may "
            f"stand at most {MAX_SLOP} words apart.", proximity.start())
    return slop


def _phrase_token(text: str, opening: int, closing: int) -> Token:
    typed = text[opening + 1 : closing]
    inner = typed.translate(INVISIBLE)
    return Token("PHRASE", inner, opening, _visible_offsets(typed, inner, opening + 1))


def _visible_offsets(typed: str, visible: str, start: int) -> tuple[int, ...] | None:
    """Where each character of `visible` (`typed`, invisible marks dropped) stands in
    the query, `typed` starting at `start`; None when nothing was dropped. An error
    past a soft hyphen or a direction mark names the character as typed."""
    if len(visible) == len(typed):
        return None
    return tuple(start + k for k, ch in enumerate(typed) if ch.translate(INVISIBLE))


def _phrase_end(text: str, opening: int, nearest: bool) -> int:
    """Where the phrase opened at `opening` ends (see `tokenize`), or -1."""
    mark = text[opening]
    own = {_OPENING_QUOTES[mark], '"'}
    closing = own | _FALLBACK_CLOSING.get(mark, set())
    if nearest:
        return _nearest(text, opening + 1, closing)
    end = _nearest(text, opening + 1, own)
    return end if end >= 0 else _nearest(text, opening + 1, closing)


def _nearest(text: str, start: int, marks: set[str]) -> int:
    ends = [e for e in (text.find(mark, start) for mark in marks) if e >= 0]
    return min(ends) if ends else -1


def _blank(ch: str) -> bool:
    return ch.isspace() or not ch.translate(INVISIBLE)


def _followed_by_text(text: str, i: int) -> bool:
    """Whether what follows position `i`, invisible marks aside, is no space."""
    while i < len(text) and not text[i].translate(INVISIBLE):
        i += 1
    return i < len(text) and not text[i].isspace()


def _at_term_start(text: str, i: int) -> bool:
    return i == 0 or _blank(text[i - 1]) or text[i - 1] == "("


def _is_field_name(name: str) -> bool:
    """Known fields in any case; an unknown lower-case name is a typo to report.

    A capitalised unknown name is prose pasted from an article ("Update:",
    "Aliyev:") and stays an ordinary word.
    """
    if not _FIELD_NAME.fullmatch(name):
        return False
    return name.lower() in FIELDS or name.islower()


def _classify_word(word: str, position: int, offsets: tuple[int, ...] | None = None) -> Token:
    if word in ("OR", "AND", "NOT"):
        return Token(word, word, position)
    if word.endswith(":") and _is_field_name(word[:-1]):
        name = word[:-1].lower()
        if name not in FIELDS:
            raise UnknownFieldError(
                f"Unknown field '{word[:-1]}' at position {position}; "
                f"fields are {', '.join(sorted(FIELDS))}.",
                position,
                field=word[:-1],
            )
        return Token("FIELD", name, position)
    return Token("WORD", word, position, offsets)
