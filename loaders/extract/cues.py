"""Compiled reporting-verb and sentence-boundary patterns shared by quotes and speakers.

One place compiles them so that "is this span attributed?" (quotes) and
"who is it attributed to?" (speakers) can never disagree about what a cue is.
"""

from __future__ import annotations

import bisect
import re

from loaders.extract.lexicon import CUE_VERBS

#: The capitals of the Latin alphabet, accented or not (Latin-1, Latin Extended-A, -B and
#: Additional: É, Ł, Š, Ç, İ, Ø, Ș, Đ, Ễ), for a character class where a name may open: with
#: `[A-Z]` alone "Éric Zemmour" was read as "Zemmour", "Łukasz Kamiński" as "Kamiński" (and his
#: "Kamiński said" no longer pointed back to the whole name), and a sentence opening "Ömer" was no
#: sentence. Other scripts' capitals are left out: their copy has no English cue to read.
CAPITALS = "A-Z" + "".join(c for c in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
                           if c.isupper() or c.istitle())


def with_capitals(pattern: str) -> str:
    """`pattern` with each `A-Z` in it (`[A-Z]`, `[A-Za-z]`, `[^.A-Z]`) taking every Latin capital."""
    return pattern.replace("A-Z", CAPITALS)


def trie_alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """A regex alternation factored by shared prefixes.

    `re` tries the branches of `a|b|c` one by one at every position; sharing
    prefixes lets a failing position fail on its first letter, which is what
    makes scanning every paragraph for ~150 reporting verbs affordable.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = []
    optional = False
    for char, child in sorted(node.items()):
        if char == "":
            optional = True
            continue
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + _trie_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body


class WordPattern:
    """`\b(?:body)`, for a body that opens with a word character, scanned quickly.

    A pattern that opens with `\b` is tried at every character of the text.
    In ASCII text (most copy) the same matches come from a twin that opens
    with the non-word character before the word: a character class, which
    `re` skips ahead to without trying the rest. Where no such character can
    open a match (the text's start, right after the match before), the
    pattern itself is tried there, unless `openers` (the characters a match
    can open with, when the caller knows them) rule that place out: most
    paragraphs open with a capital, and no reporting verb does.
    """

    def __init__(self, body: str, ignore_case: bool = False, openers: str | None = None) -> None:
        inner = f"(?i:{body})" if ignore_case else f"(?:{body})"
        self.pattern = re.compile(rf"\b{inner}")
        self._openers = frozenset(openers) if openers is not None and not ignore_case else None
        # Not `\W` with re.ASCII: that flag would also narrow the body's `\s`.
        self._after_non_word = re.compile(rf"[^0-9A-Za-z_](?P<word>{inner})")
        # A body of lower-case words ignores case fastest as a case-sensitive twin on the text lowered.
        self._lower_twin = WordPattern(body) if ignore_case and body == body.lower() else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match, as `self.pattern.finditer(text)` finds them.

        After a match that ends with a word character, the pattern cannot match
        right there (its `\b` would need a non-word character next, its body
        opens with a word character): the twin's scan just goes on, and only a
        match ending otherwise ("according to ") needs the pattern tried at its end.
        """
        if self._lower_twin is not None and lowers_like_ignorecase(text):
            return self._lower_twin.spans(text.lower())
        if not text.isascii():
            return [match.span() for match in self.pattern.finditer(text)]
        found: list[tuple[int, int]] = []
        position = 0
        openers = self._openers
        while True:
            here = self.pattern.match(text, position) if openers is None or text[position:position + 1] in openers \
                else None
            if here is not None:
                found.append(here.span())
                position = here.end()
                continue
            for later in self._after_non_word.finditer(text, position):
                span = later.span("word")
                found.append(span)
                position = span[1]
                if text[position - 1] not in _ASCII_WORD_CHARACTERS:
                    break  # a match may open right at this end
            else:
                return found

    def found_in(self, text: str) -> bool:
        """Whether `self.pattern.search(text)` finds anything."""
        if self._lower_twin is not None and lowers_like_ignorecase(text):
            return self._lower_twin.found_in(text.lower())
        if not text.isascii():
            return self.pattern.search(text) is not None
        opens = self._openers is None or text[:1] in self._openers
        return (opens and self.pattern.match(text) is not None) or self._after_non_word.search(text) is not None


_ASCII_WORD_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")

#: Letters that IGNORECASE matches to an ASCII letter but `str.lower()` does not lower to it:
#: the dotted İ (it lowers to two characters), the dotless ı ("i") and the long ſ ("s").
_CASE_TRAPS = ("İ", "ı", "ſ")


def lowers_like_ignorecase(text: str) -> bool:
    """Whether a pattern of lower-case words, run case-sensitively on `text.lower()`, finds what its
    IGNORECASE twin finds on `text`, offset for offset.

    IGNORECASE makes `re` fold the case of every character it compares: a scan
    costs three to four times the plain one, while lowering the text once costs
    next to nothing. Only for patterns whose letters are all lower-case
    literals (no `[A-Z]`, which lowering would empty).
    """
    return text.isascii() or not any(trap in text for trap in _CASE_TRAPS)


#: After a pronoun or a document's noun, a word that is a verb or a noun is the verb: "the report states".
_SUBJECTS_BEFORE = (r"\bit ", r"\bhe ", r"\bshe ", "report ", "letter ", "filing ", "memo ", "statement ", "document ",
                    "agreement ", "communique ", "release ", "law ", "notice ", "text ", "study ", "survey ", "draft ",
                    "proposal ", "article ", "ruling ", "order ", "decree ", "resolution ", "complaint ", "circular ",
                    "lawsuit ")
#: Reporting verbs that wire copy far more often writes as nouns or of results, and what must follow each
#: elsewhere to make it speech: "officials from member states said", "the Dow Chemical notes were priced",
#: "Acme posted a loss", "posted prices" are none; "the report states that", "she posted on X:" are.
_VERB_OR_NOUN = {
    "states": r"\s+that\b|\s*[:“\"]",
    "notes": r"\s+that\b|\s*[:“\"]",
    "posts": r"\s+(?:on|to|that)\s|\s*[:“\"]",
    "posted": r"\s+(?:on|to|that)\s|\s*[:“\"]",
}
VERBS_OR_NOUNS = frozenset(_VERB_OR_NOUN)
#: The word first, then what stands before it (a lookbehind over subject and word) or after it: tried at
#: every word that opens like a reporting verb, the subjects' lookbehinds ran before the word was even
#: read, and made all extraction a tenth slower.
_CONTEXTUAL_CUES = "|".join(
    word + "(?:" + "|".join(f"(?<={subject}{word})" for subject in _SUBJECTS_BEFORE) + f"|(?={after}))"
    for word, after in _VERB_OR_NOUN.items())
_CUE_ALTERNATION = (f"(?:{trie_alternation([verb for verb in CUE_VERBS if verb not in VERBS_OR_NOUNS])}|"
                    f"{_CONTEXTUAL_CUES})")
CUE_WORDS = WordPattern(rf"{_CUE_ALTERNATION}\b(?![-’'])", openers="".join({verb[0] for verb in CUE_VERBS}))
CUE = CUE_WORDS.pattern
CUE_WORD = rf"(?:{_CUE_ALTERNATION})"
ACCORDING_TO_WORDS = WordPattern(r"(?:according\s+to|as\s+(?:reported|cited|quoted)\s+by|quoted\s+by|cited\s+by|seen\s+by|"
                                 r"obtained\s+by|reviewed\s+by)\s+", ignore_case=True)
ACCORDING_TO = ACCORDING_TO_WORDS.pattern

# A cue right after a closing quote: `,” he said` / `,” said the senator` / `,” Aliyev went on saying`.
CUE_AFTER_QUOTE = re.compile(rf"[\s,]*(?:[^\s“”\"]+\s+){{0,8}}?{CUE_WORD}\b")
# A cue right before an opening quote: `he said: “` / `said “` / `told reporters, “`.
CUE_BEFORE_QUOTE = re.compile(rf"\b{CUE_WORD}(?:\s+[\w.'’-]+){{0,3}}\s*[:,]?\s*$")

_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "maj", "capt", "adm", "sgt",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "v", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "fla",
    "calif", "mass", "conn", "ill", "mich", "minn", "wis", "tex", "va", "md", "pa", "n.j", "n.y", "d.c",
    "ariz", "colo", "ga", "ky", "la", "mo", "nev", "okla", "ore", "tenn", "wash", "ave", "rev", "mt",
    "ft", "dept", "univ", "est", "approx", "etc", "al", "e.g", "i.e",
})
#: Initials run together, their last stop the one found: "R.C. Thomas", "J.P. Morgan" (as "U.S." above).
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# A full stop, ! or ? (with a closing quote or bracket) followed by space and a capital or opening quote.
_SENTENCE_END = re.compile(with_capitals(r"[.!?…]+[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])"))


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences start, skipping stops after abbreviations and initials ("Gen. Smith", "J. Doe")."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        stop = match.start()
        word_start = stop
        while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in "“\"(":
            word_start -= 1
        word = text[word_start:stop].lower()
        if text[stop] == "." and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
                                  or _INITIALS.fullmatch(word)):
            continue
        starts.append(match.end())
    return starts


# Longest stretch of text either side of a position that the rules read as "its sentence".
# Real sentences are shorter; the bound keeps a 100,000-character paragraph without full
# stops linear instead of quadratic.
MAX_SENTENCE = 400


def sentence_span(starts: list[int], position: int, length: int) -> tuple[int, int]:
    """(start, end) of the sentence holding `position`, given `sentence_starts` of the same text."""
    index = bisect.bisect_right(starts, position)
    start = starts[index - 1] if index else 0
    end = starts[index] if index < len(starts) else length
    return max(start, position - MAX_SENTENCE), min(end, position + MAX_SENTENCE)


class SentenceStarts:
    """`sentence_starts` of each paragraph of one body, found on first need and then shared.

    Cited sources, quotes and their attribution all ask for "the sentence
    around this offset", mostly in the same paragraphs (the ones with a
    reporting verb); one instance per article lets them split each paragraph
    once between them. Never shared across articles.
    """

    def __init__(self, body: list[str]) -> None:
        self.body = body
        self._starts: dict[int, list[int]] = {}

    def starts(self, index: int) -> list[int]:
        found = self._starts.get(index)
        if found is None:
            found = self._starts[index] = sentence_starts(self.body[index])
        return found

    def span(self, index: int, position: int) -> tuple[int, int]:
        """`sentence_span` of `position` in paragraph `index`.

        Reads the cache itself rather than through `starts`: every reporting verb and quote asks.
        """
        starts = self._starts.get(index)
        if starts is None:
            starts = self._starts[index] = sentence_starts(self.body[index])
        return sentence_span(starts, position, len(self.body[index]))
