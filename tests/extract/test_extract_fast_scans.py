"""The quick scans find what the patterns they stand in for find, offset for offset.

`WordPattern` scans ASCII text with a twin pattern, and trailing_subject
splits ASCII clauses in lower case: both must agree with the plain pattern
on every text, including the awkward ones (a match at the very start, two
matches back to back, control characters that are whitespace only to
Unicode, words in capitals, non-ASCII text).
"""

from __future__ import annotations

import random
import re

import pytest

from loaders.extract import anonymous, cues, documents, sources, subjects

_PIECES = ["said", "Said", "told", "sources", "officials", "according to", "ACCORDING TO", "seen by", "cited by ",
           "as reported by ", "and", "AND", "As", "whereas", "where", "so", "since", "added", " ", " ", "\x1c",
           "\t", "\n", "-", "'", "’", "_", "9", "x", "é", "(", ",", ":", " - ", "—", "“", "IS", "Has", "was",
           "SEEN BY ", "ſaid", "İs", "ıs", "\u212aept", "Ä", "ß"]


def _texts(count: int = 3000) -> list[str]:
    chooser = random.Random(20261127)
    texts = ["said", "said said", "sources said", "according to according to X", "(said)", "x-said said-x said'",
             "_said said_", "9said", "said\x1csaid", "seen by\x1cX", "ACCORDING TO the Fed", "He said. Said"]
    texts += ["".join(chooser.choice(_PIECES) for _ in range(chooser.randrange(14))) for _ in range(count)]
    return texts


@pytest.mark.parametrize("plain, quick", [
    (re.compile(rf"\b(?:{cues._CUE_ALTERNATION})\b(?![-’'])"), cues.CUE_WORDS),
    (re.compile(rf"\b(?:{anonymous._HEADS})\b"), anonymous._HEAD_WORDS),
    (re.compile(r"\b(?:according\s+to|as\s+(?:reported|cited|quoted)\s+by|quoted\s+by|cited\s+by|seen\s+by|"
                r"obtained\s+by|reviewed\s+by)\s+", re.IGNORECASE), cues.ACCORDING_TO_WORDS),
    (re.compile(rf"\b(?:{cues.trie_alternation(sorted({*cues.CUE_VERBS, *anonymous.HEAD_NOUNS, *sources.DOCUMENT_NOUNS}))})\b"),
     sources._WORDS_READ),
], ids=["cues", "anonymous heads", "according to", "words read"])
def test_word_pattern_finds_what_its_pattern_finds(plain, quick):
    for text in _texts():
        expected = [match.span() for match in plain.finditer(text)]
        assert list(quick.spans(text)) == expected, text
        assert quick.found_in(text) == bool(expected), text


def test_clause_split_of_lower_case_ascii_is_the_same():
    for text in _texts():
        if text.isascii():
            expected = [match.span() for match in subjects._CLAUSE_SPLIT.finditer(text)]
            assert [match.span() for match in subjects._CLAUSE_SPLIT_LOWER_ASCII.finditer(text.lower())] == expected


def test_a_subject_loses_its_trailing_auxiliaries_only():
    assert subjects.trailing_subject("The company has also ") == ("The company", 0)
    assert subjects.trailing_subject("Acme Inc on Monday ") == ("Acme Inc", 0)
    assert subjects.trailing_subject("Acme Inc\x1con   WEDNESDAY \n") == ("Acme Inc", 0)
    assert subjects.trailing_subject("Hasbro ") == ("Hasbro", 0)


def test_not_a_subject_in_lower_case_is_the_same():
    for text in _texts():
        assert subjects.not_a_subject(text) == (subjects.NOT_A_SUBJECT.search(text) is not None), text


@pytest.mark.parametrize("text", ["Iſ", "ſaid", "İs", "ıs", "SAİD", "Sa\u212aid", "said ı", "He Said"])
def test_the_case_traps_keep_ignorecase(text):
    expected = [match.span() for match in subjects.NOT_A_SUBJECT.finditer(text)]
    assert subjects.not_a_subject(text) == bool(expected), text
    according = re.compile(r"\b(?i:according\s+to|seen\s+by)\s+")
    for sample in (text + " according to X", "SEEN BY " + text, "Seen by " + text + " ACCORDING TO"):
        found = [match.span() for match in according.finditer(sample)]
        assert [span for span in cues.ACCORDING_TO_WORDS.spans(sample)] == found, sample


def test_head_nouns_are_those_of_the_old_alternation():
    old = re.compile(r"sources?|officials?|people|persons?|diplomats?|insiders?|aides?|advis[eo]rs?|witness(?:es)?|"
                     r"residents?|observers?|negotiators?|lawmakers?|staffers?|employees?|executives?|bankers?|"
                     r"traders?|dealers?|analysts?|economists?|officers?|members?|spokes(?:man|woman|person)|"
                     r"press|"  # "press" only where "official" or "state" qualifies it: see _cited_anonymously
                     r"investors?|delegates?|experts?|brokers?|lobbyists?|regulators?|legislators?|creditors?|"
                     r"specialists?")
    assert len(set(anonymous.HEAD_NOUNS)) == 69  # the old alternation's whole language
    assert all(old.fullmatch(noun) for noun in anonymous.HEAD_NOUNS)
    for text in _texts() + ["source sources spokesperson spokes advisor adviser advisers witnesses people"]:
        assert [m.span() for m in re.finditer(rf"\b(?:{old.pattern})\b", text)] == \
            [m.span() for m in re.finditer(rf"\b(?:{anonymous._HEADS})\b", text)], text


def test_mention_runs_are_those_of_the_plain_alternation():
    from loaders.extract import names
    plain = re.compile(rf"{names._first_token()}(?:[ ](?:(?:{names._CONNECTOR}[ ]|{names._PARTICLE}[ ])"
                       rf"(?:{names._SECOND_PARTICLE}[ ])?)?{names._CAPITAL_TOKEN}){{0,10}}")
    pieces = ["Bank", "of", "the", "The", "for", "and", "&", "de", "della", "del", "den", "bin", "bint", "al-Sadr",
              "van", "Van", "X.", "ter", "ten", "das", "dos", "el", "abu", "ibn", "la", "le", "di", "du", "da"]
    chooser = random.Random(7)
    texts = [" ".join(chooser.choice(pieces) for _ in range(chooser.randrange(1, 16))) for _ in range(5000)]
    texts += ["Bank of the West", "Ways and Means Committee", "Abu Dhabi de la Rua", "Secretary of State",
              "Hans van den Broek", "Ursula von der Leyen"]
    for text in texts:
        assert [m.span() for m in names._MENTION.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_one_scan_finds_the_cues_and_the_heads_their_own_scans_find():
    pieces = ["said", "told reporters", "told", "reporters", "pointed out", "went on to say", "went on saying",
              "added later", "wrote on", "officials", "source", "sources", "people", "spokesman", "said-so", "said's",
              "analysts", "é", " ", " ", "\t", ",", "-", "'", "x", "Said", "OFFICIALS", "“", "a", "A", "an", "report",
              "statement", "e-mail", "draft", "memo", "notes", "note", "posts", "post", "filing", "noted", "told\treporters",
              "went  on saying", "added\nlater", "reports", "report", "officials'"]
    chooser = random.Random(11)
    texts = _texts() + ["".join(chooser.choice(pieces) for _ in range(chooser.randrange(12))) for _ in range(3000)]
    for text in texts:
        found_cues, found_heads, document_found = sources._cues_heads_documents(text)
        assert found_cues == list(cues.CUE_WORDS.spans(text)), text
        assert found_heads == list(anonymous._HEAD_WORDS.spans(text)), text
        if documents._DOCUMENT_INTRO.search(text):
            assert document_found, text


def test_no_word_is_two_of_cue_head_and_document():
    from loaders.extract.lexicon import CUE_VERBS, DOCUMENT_NOUNS
    words = [set(CUE_VERBS), set(anonymous.HEAD_NOUNS), set(DOCUMENT_NOUNS)]
    assert not (words[0] & words[1] or words[0] & words[2] or words[1] & words[2])


def test_runs_at_capitals_are_the_runs_where_no_hyphen_precedes_a_capital():
    from loaders.extract import names
    pieces = ["Bank", "of", "the", "The", "al", "el", "bin", "abu", "ibn", "-", "al-sadr", "X.", "é", "É", "’s", "'s",
              "a", "e", "i", "b", "Ali", "and", "&", "de", "Van", "9", "_", "(", ",", "O'Neil", "U.S.", "’"]
    chooser = random.Random(5)
    texts = [" ".join(chooser.choice(pieces) for _ in range(chooser.randrange(1, 16))) for _ in range(5000)]
    texts += ["".join(chooser.choice(pieces) for _ in range(chooser.randrange(1, 16))) for _ in range(5000)]
    for text in texts:
        if not names._HYPHEN_CAPITAL.search(text):
            assert [m.span() for m in names._MENTION_AT_CAPITALS.finditer(text)] == \
                [m.span() for m in names._MENTION.finditer(text)], text


def test_month_tries_find_the_months_of_the_plain_alternations():
    from loaders.extract import dateline, dates
    chooser = random.Random(20261128)
    names = dates.ANY_MONTH_PATTERN.split("|")
    pieces = names + [name.upper() for name in names] + [name.title() for name in names] + [
        "sep", "Sept.", "MÄR", "marc", "ma", " ", ".", "3", "x", "s", "ſ", "\u212a"]
    texts = [name + tail for name in pieces for tail in ("", " 3", ".", "x", "s 4", ". 12")]
    texts += ["".join(chooser.choice(pieces) for _ in range(chooser.randrange(5))) for _ in range(3000)]
    # What follows a month in the patterns, so that a name that fits but fails after is given up for a shorter one.
    tails = ("", r"\.?[ ]+\d", r"\.?(?!\w)", r"s?(?![a-z])", r"[a-z]*\.")
    for plain, trie in ((dates.MONTH_PATTERN, dateline._MONTH_NAMES), (dates.ANY_MONTH_PATTERN, dateline._ANY_MONTH_NAMES)):
        for tail in tails:
            old, new = re.compile(rf"(?i:{plain})(?P<rest>{tail})"), re.compile(rf"(?i:{trie})(?P<rest>{tail})")
            for text in texts:
                first, second = old.match(text), new.match(text)
                assert (first and first.span("rest")) == (second and second.span("rest")), (text, tail)


@pytest.mark.parametrize("text", ["", "a.b,c;d:e!f?g\"h(i)j[k]l<m>n/o", "Acme's (AAA.N) 1.5 pct - x", "\x1c\t\n", "“x”—y–z ’s é"])
def test_punctuation_to_space_of_ascii_text_is_that_of_the_table(text):
    from loaders.extract import registry
    assert registry._punctuation_to_space(text) == text.translate(registry._PUNCTUATION_TO_SPACE)
