"""Quoted spans in a story body, told apart from titles, names and scare quotes.

Finding quotation marks is easy; the work here is pairing straight quotes
(which do not say whether they open or close), carrying a quote across
paragraphs (an opening mark left open at a paragraph's end and repeated at the
next one's start, the newspaper convention), and dropping spans that quote
nobody: `titled “Facing a New World Order”`, a “deconfliction mechanism”.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from loaders.extract.cues import CUE_AFTER_QUOTE, CUE_BEFORE_QUOTE, CUE_WORD, CUE_WORDS, SentenceStarts, with_capitals

_OPENING = "“„«"
_CLOSING = "”»"
#: The marks that close a quote each opening mark opens, beyond the English ones: „...“ (German),
#: „...” (Polish), »...« (German, Danish), »...» and ”...” (Swedish, Finnish).
_CLOSERS_OF = {"„": "“”", "»": "«»", "”": "”"}
_MARKS = re.compile(r"[“”„«»\"]")
_MARKS_OPENING_A_PARAGRAPH = "“\"„«»”‘"
_CURLY_MARKS = "“”„«»"  # the marks of _MARKS but the straight one
_WORD = re.compile(r"[\w'’-]+")
# `titled “...”`, `dubbed “...”`: whatever follows is a name, capitalised or not.
_NAMING_VERB_BEFORE = re.compile(
    r"(?:\b(?:titled|entitled|called|dubbed|named|headlined|labell?ed|nicknamed|branded|termed|coined|"
    r"known\s+as|billed\s+as|so-called|slogans?|hashtag|under\s+the\s+banner)|#)\s*[,:]?\s*$",
    re.IGNORECASE,
)
# `the book “The Limits of More”`, `a forum “Facing a New World Order”`: a name when it is capitalised.
_NAMING_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our|my)\s+(?:[a-z][\w-]*\s+){0,2}?"
    r"(?:word|term|phrase|slogan|motto|hashtag|banner|book|film|movie|song|album|show|series|report|study|paper|"
    r"campaign|operation|initiative|programme|program|project|plan|doctrine|declaration|exhibition|forum|"
    r"conference|summit|festival|documentary|podcast|article|column|op-ed|essay|motion|bill|act|law|policy)"
    r"\s*[,:]?\s*$",
    re.IGNORECASE,
)
#: What follows a straight mark typed for an apostrophe between letters: `Brazil"s largest`, `don"t`.
_CONTRACTION_AFTER = re.compile(r"(?:s|t|d|m|ll|re|ve)(?![\w'’])")
#: The sentence before a quote is the attribution of the quote before it: `,” said X, <title>.`
_ATTRIBUTED_SENTENCE_BEFORE = re.compile(rf"[,!?][”\"]\s+(?:[\w.'’-]+\s+){{0,4}}?{CUE_WORD}\b[^“”\"]{{0,200}}$")
_CUE_RIGHT_AFTER = re.compile(rf"\s*,?\s*(?:[^\s“”\".,]+\s+){{0,3}}{CUE_WORD}\b")
_TERMINAL = re.compile(r"[.!?,;:…—-]$")
_TERMINAL_SENTENCE = re.compile(r"[.!?…]$")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation without its marks. `end` is an offset in `end_paragraph` (== `paragraph` when one paragraph)."""

    paragraph: int
    start: int
    end_paragraph: int
    end: int
    text: str
    kind: str            # "direct" | "partial"
    closed: bool         # False when the closing mark never came
    close: int           # offset of the closing mark in `end_paragraph`; the attribution follows it


def _mark_roles(text: str) -> list[tuple[int, bool]]:
    """(offset, opens) for each quotation mark; straight marks are judged by the characters around them.
    A paragraph without double marks may quote in single ones, as British copy does (`_single_mark_roles`)."""
    roles: list[tuple[int, bool]] = []
    if '"' not in text and (text.isascii() or not any(mark in text for mark in _CURLY_MARKS)):
        # Most paragraphs quote nobody: a substring test is far cheaper than the scan.
        return roles if text.isascii() or "‘" not in text else _single_mark_roles(text)
    open_now = False
    opener = ""
    for match in _MARKS.finditer(text):
        offset = match.start()
        mark = text[offset]
        if open_now and mark in _CLOSERS_OF.get(opener, ""):
            opens = False  # German „...“ and »...«: a mark that opens in English closes here
        elif mark in _OPENING:
            opens = True
        elif mark in _CLOSING:
            # Swedish ”...” and Danish »...»: a closing mark with nothing open, before a word, opens.
            opens = not open_now and _at_word_start(text, offset)
        else:
            before = text[offset - 1] if offset else " "
            after = text[offset + 1] if offset + 1 < len(text) else " "
            if before.isalpha() and _CONTRACTION_AFTER.match(text, offset + 1):
                continue  # an apostrophe typed as a quotation mark opens nothing
            if before.isspace() or before in "([{—–-/":
                opens = not after.isspace()
            elif after.isspace() or after in ".,;:!?)]}—–-" or offset + 1 == len(text):
                opens = False
            else:
                opens = not open_now
        roles.append((offset, opens))
        open_now = opens
        opener = mark if opens else ""
    return roles


#: What after `’ ` makes the mark a closing one: a reporting verb (`‘We will fight’ said the
#: minister`), a capital, a mark, or a word no possessive stands before (`‘a tax on jobs’ and
#: said`, `‘cut taxes’ he said`). Before another word, `’` after an s is a plural's apostrophe
#: (`the workers’ union`); after any other letter it closes (`‘a tax on getting to work’ as`).
_SINGLE_CLOSE_BEFORE = re.compile(
    with_capitals(rf"\s+(?:{CUE_WORD}\b|[A-Z“‘(—–-]|(?:and|or|but|nor|to|in|on|at|as|for|of|with|from|by|that|which|who|"
    r"when|while|because|is|was|are|were|has|had|have|will|would|could|should|may|might|than|then|so|yet|if|"
    r"after|before|since|until|he|she|they|we|it|i)\b)"))


def _single_mark_roles(text: str) -> list[tuple[int, bool]]:
    """(offset, opens) of British single quotation marks: ‘We will fight,’ he said.

    `’` is also the apostrophe, so a mark closes only where an apostrophe
    could not stand: after the quote's own punctuation (`fight,’`), before
    punctuation or the paragraph's end (`‘unworkable’.`), or before a space
    after a letter other than s, or after an s and before what no
    possessive precedes (`_SINGLE_CLOSE_BEFORE`); inside a word (`don’t`)
    or after an s before a word (`the workers’ union`) it is an apostrophe. `‘` opens at
    a word's start. Typewriter single quotes (') are left alone: too many
    are apostrophes.
    """
    roles: list[tuple[int, bool]] = []
    open_now = False
    for offset, mark in ((index, char) for index, char in enumerate(text) if char in "‘’"):
        before = text[offset - 1] if offset else " "
        after = text[offset + 1] if offset + 1 < len(text) else ""
        if mark == "‘":
            if _at_word_start(text, offset):
                roles.append((offset, True))
                open_now = True
            continue
        if not open_now or before.isspace() or (before.isalnum() and after.isalnum()):
            continue
        closes = (before in ",.!?…" and (not after or after.isspace())) or not after \
            or after in ".,;:!?)]}…—–" or (after.isspace() and (
                before not in "sSzZxX" or _SINGLE_CLOSE_BEFORE.match(text, offset + 1) is not None))
        if closes:
            roles.append((offset, False))
            open_now = False
    return roles


def _at_word_start(text: str, offset: int) -> bool:
    """Whether a mark at `offset` opens a word: after the paragraph's start, a space, a bracket,
    a dash or a slash, and before what is not a space."""
    return (offset == 0 or text[offset - 1].isspace() or text[offset - 1] in "([{—–-/") \
        and offset + 1 < len(text) and not text[offset + 1].isspace()


def _raw_spans(body: list[str]) -> list[tuple[int, int, int, int, bool]]:
    """(paragraph, start, end_paragraph, end, closed) for every opening mark paired with its closing one."""
    spans: list[tuple[int, int, int, int, bool]] = []
    pending: tuple[int, int] | None = None  # an opening left open at the end of a paragraph
    for index, paragraph in enumerate(body):
        roles = _mark_roles(paragraph)
        if pending is not None:
            lead = len(paragraph) - len(paragraph.lstrip())
            if roles and roles[0][1] and roles[0][0] == lead:
                roles = roles[1:]
                open_at: tuple[int, int] | None = pending
            else:
                spans.append((pending[0], pending[1], pending[0], len(body[pending[0]].rstrip()), False))
                open_at = None
            pending = None
        else:
            open_at = None
        for offset, opens in roles:
            if opens:
                if open_at is not None and open_at[0] == index:
                    # Two openings in a row: the first was never closed; let the new one win.
                    pass
                open_at = (index, offset + 1)
            elif open_at is not None:
                spans.append((open_at[0], open_at[1], index, offset, True))
                open_at = None
        if open_at is not None:
            pending = open_at
    if pending is not None:
        spans.append((pending[0], pending[1], pending[0], len(body[pending[0]].rstrip()), False))
    return spans


def _joined_text(body: list[str], paragraph: int, start: int, end_paragraph: int, end: int) -> str:
    if paragraph == end_paragraph:
        return body[paragraph][start:end]
    parts = [body[paragraph][start:].strip()]
    for index in range(paragraph + 1, end_paragraph):
        middle = body[index].lstrip()
        parts.append(middle[1:].strip() if middle[:1] in _MARKS_OPENING_A_PARAGRAPH else middle.strip())
    last = body[end_paragraph][:end]
    stripped = last.lstrip()
    if stripped[:1] in _MARKS_OPENING_A_PARAGRAPH:
        stripped = stripped[1:]
    parts.append(stripped.strip())
    return " ".join(part for part in parts if part)


RawSpan = tuple[int, int, int, int, bool]


def raw_quote_spans(body: list[str]) -> list[RawSpan]:
    """Every pair of quotation marks, quotes and titles alike: (paragraph, start, end_paragraph, end, closed)."""
    return _raw_spans(body)


def quoted_ranges(body: list[str], spans: list[RawSpan]) -> dict[int, list[tuple[int, int]]]:
    """Per paragraph, the character ranges inside quotation marks: names there are not the writer's."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for paragraph, start, end_paragraph, end, _closed in spans:
        if paragraph == end_paragraph:
            ranges.setdefault(paragraph, []).append((start, end))
            continue
        ranges.setdefault(paragraph, []).append((start, len(body[paragraph])))
        for index in range(paragraph + 1, end_paragraph):
            ranges.setdefault(index, []).append((0, len(body[index])))
        ranges.setdefault(end_paragraph, []).append((0, end))
    return ranges


def find_quotes(body: list[str], spans: list[RawSpan] | None = None,
                starts: SentenceStarts | None = None) -> list[QuoteSpan]:
    """Every quotation that quotes someone, in document order; `starts` as in `attribute_quotes`."""
    quotes: list[QuoteSpan] = []
    if starts is None or starts.body is not body:
        starts = SentenceStarts(body)
    for paragraph, start, end_paragraph, end, closed in (spans if spans is not None else _raw_spans(body)):
        close = end
        # Keep offsets exact: trim whitespace just inside the marks, and the comma of `,” he said`
        # (it stands for the writer's full stop, not the speaker's words).
        while start < len(body[paragraph]) and body[paragraph][start].isspace():
            start += 1
        tail = body[end_paragraph]
        floor = start if end_paragraph == paragraph else 0
        while end > floor and (tail[end - 1].isspace() or tail[end - 1] == ","):
            end -= 1
        text = _joined_text(body, paragraph, start, end_paragraph, end)
        if not _WORD.search(text):
            continue
        host = body[paragraph]
        sentence_start, _ = starts.span(paragraph, max(start - 1, 0))
        prefix = host[sentence_start:max(start - 1, 0)]
        after_host = body[end_paragraph]
        suffix = after_host[close + 1:close + 120] if closed else ""
        comma_inside = closed and close > 0 and after_host[close - 1] == ","
        if not _quotes_someone(text, prefix, suffix, comma_inside):
            continue
        quotes.append(QuoteSpan(paragraph, start, end_paragraph, end, text, _kind(text, prefix, suffix), closed, close))
    return quotes


def _attributed_nearby(prefix: str, suffix: str) -> bool:
    after = CUE_AFTER_QUOTE.match(suffix)
    if after is not None and "." not in suffix[:after.start()] and len(after.group(0)) < 80:
        return True
    return CUE_BEFORE_QUOTE.search(prefix[-60:]) is not None


def _quotes_someone(text: str, prefix: str, suffix: str, comma_inside: bool = False) -> bool:
    """False for titles, names and scare quotes: they are in quotation marks but nobody said them."""
    tail = prefix[-60:]
    if _NAMING_VERB_BEFORE.search(tail) or (text[:1].isupper() and _NAMING_NOUN_BEFORE.search(tail)):
        return False
    words = _WORD.findall(text)
    if len(words) == 1 and len(words[0]) == 1:
        return False  # class “B” shares, Nigeria"s: a label or a stray mark, not words anyone said
    stripped = text.rstrip()
    ends_like_speech = bool(_TERMINAL.search(stripped))
    if len(words) <= 3 and not _TERMINAL_SENTENCE.search(stripped):
        # A few words in quotation marks are a scare quote or a term unless a reporting verb
        # stands right after them (“Never,” he said) or earlier in their sentence
        # (said the plan was “cruel and unworkable”).
        if comma_inside and _attributed_nearby("", suffix):
            return True  # “Sales fell,” chief executive Olivia Brandt said.
        return _CUE_RIGHT_AFTER.match(suffix) is not None or CUE_WORDS.found_in(prefix) or (
            "accus" in prefix and _ACCUSED_OF.search(prefix[-160:]) is not None)
    if not ends_like_speech and _looks_like_title(words) and not _attributed_nearby(prefix, suffix):
        return False
    return True


#: "accused his counterpart of “hoarding” water": the word is the accuser's, quoted.
_ACCUSED_OF = re.compile(r"\baccus(?:ed|es|ing)\b[^.;:“”\"]*\bof\s+$")


def _looks_like_title(words: list[str]) -> bool:
    """Headline-style capitals on most longer words: a name of a work or event, not speech."""
    long_words = [word for word in words if len(word) > 3]
    if len(long_words) < 2 or len(words) > 12:
        return False
    capitalised = sum(1 for word in long_words if word[0].isupper())
    return capitalised / len(long_words) >= 0.75


def _kind(text: str, prefix: str, suffix: str) -> str:
    """`direct` for whole sentences of speech, `partial` for fragments woven into the writer's sentence."""
    first = text.lstrip("…. '‘-—")[:1]
    lead = prefix.rstrip()
    if first.islower() and lead.endswith(",") and ("”" in lead or "\"" in lead or "’" in lead) \
            and CUE_BEFORE_QUOTE.search(lead[-60:]):
        # “We will not accept this,” he said, “and we will say so.” — the second half of one direct quote.
        return "direct"
    if not first or first.islower():
        return "partial"
    if not lead or lead[-1] in ":,—–-" or CUE_BEFORE_QUOTE.search(lead[-60:]):
        return "direct"
    if lead[-1] in ".!?" and text.rstrip()[-1:] in ".!?" and _ATTRIBUTED_SENTENCE_BEFORE.search(lead[-260:]):
        # `... said Priya Natarajan, chief executive officer of Northwind Robotics Inc. “We are adding ...”`:
        # a whole sentence after the sentence that named its speaker, however long his title
        return "direct"
    return "partial"


_FAR = 1 << 62


def inside_ranges(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `ranges` (sorted by start, as quote spans come)."""
    index = bisect.bisect_right(ranges, (start, _FAR)) - 1
    return index >= 0 and ranges[index][0] <= start and end <= ranges[index][1]
