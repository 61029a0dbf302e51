"""with_near_spellings: the words of a query that found nothing, as near spellings."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.query import And, Fuzzy, Not, Or, Phrase, Prefix, Term, parse
from service.query.format import to_text
from service.query.spelling import with_near_spellings, within_edits


def test_each_word_asked_for_becomes_a_near_spelling_by_its_length():
    assert with_near_spellings(parse("gadaffi oil speaker:okafr")) == And(
        (Fuzzy("gadaffi", edits=2), Fuzzy("oil", edits=1), Fuzzy("okafr", "speaker", 1)))


def test_exclusions_phrases_prefixes_and_short_words_stay_as_typed():
    assert with_near_spellings(parse('plastik -microbes "deep sea" negot* un')) == And(
        (Fuzzy("plastik", edits=2), Not(Term("microbes")), Phrase("deep sea"), Prefix("negot"), Term("un")))
    assert with_near_spellings(parse('"deep sea" -oil')) is None
    assert with_near_spellings(parse("un OR eu")) is None
    assert with_near_spellings(parse("")) is None


def test_a_word_of_several_is_loosened_each_by_its_own_length():
    """"al" of "al-qaeda" takes no edit (as a bare `~` gives two letters); the whole
    text's two edits made it near every short word, so the offer found everything."""
    assert with_near_spellings(parse("al-qaeda")) == Fuzzy("al-qaeda", edits=None)
    assert Fuzzy("al-qaeda", edits=None).edits_for("al") == 0
    assert with_near_spellings(parse("un-eu")) is None


def test_groups_are_loosened_inside():
    assert with_near_spellings(parse("(gadaffi OR tripoly) talks")) == And(
        (Or((Fuzzy("gadaffi", edits=2), Fuzzy("tripoly", edits=2))), Fuzzy("talks", edits=1)))


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.text(alphabet="abcdefgxyz", min_size=1, max_size=9), min_size=1, max_size=5))
def test_the_loosened_query_reads_back_as_written(words):
    loosened = with_near_spellings(parse(" ".join(words)))
    if loosened is not None:
        assert parse(to_text(loosened)) == loosened


@pytest.mark.parametrize("word, other, edits, within", [
    ("volker", "volcker", 1, True),  # a letter dropped
    ("volcker", "volker", 1, True),  # added
    ("okafor", "okafar", 1, True),  # changed
    ("okafor", "okaofr", 1, True),  # two neighbours swapped: one edit, as the engines count it
    ("volker", "bonker", 2, True),
    ("volker", "bonker", 1, False),
    ("ca", "abc", 2, False),  # a swap is of neighbours only: three edits
    ("abc", "", 3, True),
    ("abc", "", 2, False),
    ("", "", 0, True),
])
def test_within_edits_counts_as_the_engines_do(word, other, edits, within):
    assert within_edits(word, other, edits) is within


def _distance(word: str, other: str) -> int:
    """Optimal string alignment distance, the whole table: the oracle for within_edits' early exits."""
    table = [[i + j if not i or not j else 0 for j in range(len(other) + 1)] for i in range(len(word) + 1)]
    for i in range(1, len(word) + 1):
        for j in range(1, len(other) + 1):
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1,
                              table[i - 1][j - 1] + (word[i - 1] != other[j - 1]))
            if i > 1 and j > 1 and word[i - 1] == other[j - 2] and word[i - 2] == other[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@given(st.text("abcd", max_size=8), st.text("abcd", max_size=8), st.integers(0, 3))
def test_within_edits_agrees_with_the_whole_table(word, other, edits):
    assert within_edits(word, other, edits) == (_distance(word, other) <= edits)
