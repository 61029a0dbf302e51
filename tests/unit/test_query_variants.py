"""Words typed in one spelling are searched in both (service/query/variants.py):
acronyms dotted or not, hyphenated words joined."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.query import And, Fuzzy, Not, Or, Phrase, Prefix, QueryError, Term, leaves, parse
from service.query.variants import spellings, with_variants
from service.search import build_request


@pytest.mark.parametrize(("word", "expected"), [
    ("US", ("US", "U.S.")),
    ("NATO", ("NATO", "N.A.T.O.")),
    ("U.K.", ("U.K.", "UK")),
    ("U.K", ("U.K", "UK")),
    ("u.k.", ("u.k.", "uk")),
    ("U.S.", ("U.S.",)),  # "us" is a common word: the pronoun would match
    ("I.T.", ("I.T.",)),
    ("Us", ("Us",)),  # not typed as an acronym
    ("us", ("us",)),
    ("A", ("A",)),
    ("TRADE", ("TRADE",)),  # five capitals: a word shouted (a headline pasted), not an acronym
    ("U.S.A.", ("U.S.A.", "USA")),
    ("ÉU", ("ÉU",)),
    ("G7", ("G7",)),
    ("cease-fire", ("cease-fire", "ceasefire")),
    ("e-mail", ("e-mail", "email")),
    ("Co-Operation", ("Co-Operation", "CoOperation")),
    ("anti-money-laundering", ("anti-money-laundering", "antimoneylaundering")),
    ("F-16", ("F-16",)),  # a model, not a word: "F16" is no spelling of it
    ("COVID-19", ("COVID-19",)),
    ("ceasefire", ("ceasefire", "cease-fire")),  # a compound newsrooms write both ways (COMPOUNDS)
    ("Ceasefires", ("Ceasefires", "Cease-fires")),  # its plural, in the case typed
    ("Percent", ("Percent", "Per-cent")),
    ("therapist", ("therapist",)),  # any other joined word: never split ("the rapist")
    ("takeover", ("takeover",)),  # nor a noun of a verb and its particle: "take over"
    ("ceasefired", ("ceasefired",)),
    ("U.S.-Japan", ("U.S.-Japan",)),
])
def test_spellings(word, expected):
    assert spellings(word) == expected


def test_a_term_becomes_either_spelling_in_its_field():
    assert with_variants(parse("headline:UK")) == Or((Term("UK", "headline"), Term("U.K.", "headline")))


def test_an_excluded_acronym_excludes_both_spellings():
    assert with_variants(parse("oil -US")) == And((Term("oil"), Not(Or((Term("US"), Term("U.S."))))))


def test_a_phrase_is_searched_in_each_spelling():
    assert with_variants(parse('"US and UK talks"~2')) == Or((
        Phrase("US and UK talks", slop=2), Phrase("US and U.K. talks", slop=2),
        Phrase("U.S. and UK talks", slop=2), Phrase("U.S. and U.K. talks", slop=2)))


@pytest.mark.parametrize(("text", "expected"), [
    ("Japan's", Or((Term("Japan's"), Term("Japan")))),
    ("Japan’s", Or((Term("Japan’s"), Term("Japan")))),
    ("countries'", Or((Term("countries'"), Term("countries")))),
    ("UK's", Or((Term("UK's"), Term("UK"), Term("U.K.")))),
    ("speaker:Reagan's", Or((Term("Reagan's", "speaker"), Term("Reagan", "speaker")))),
    ("O'Brien", Term("O'Brien")),  # a name, not a possessive
    ("1990's", Term("1990's")),  # a decade: "1990" is another thing
])
def test_a_possessive_word_also_finds_the_word(text, expected):
    assert with_variants(parse(text)) == expected


def test_a_possessive_in_a_phrase_is_exact():
    assert with_variants(parse('"Japan\'s exports"')) == Phrase("Japan's exports")


def test_a_phrase_with_a_hyphenated_word_is_searched_joined_too():
    assert with_variants(parse('"cease-fire talks"')) == Or((Phrase("cease-fire talks"), Phrase("ceasefire talks")))


def test_a_phrase_of_more_acronyms_than_that_is_left_as_typed():
    assert with_variants(parse('"US UK EU talks"')) == Phrase("US UK EU talks")


@pytest.mark.parametrize("text", ["US*", "NATO~", "oil prices", "u.s.", '"oil prices"', ""])
def test_what_is_no_acronym_typed_is_left_alone(text):
    node = parse(text)  # "u.s.": dotted, but "us" is a common word
    assert with_variants(node) == node


def test_word_starts_and_fuzzy_words_stay_as_typed():
    assert with_variants(parse("NATO*")) == Prefix("NATO")
    assert with_variants(parse("NATO~1")) == Fuzzy("NATO", edits=1)


def test_the_service_searches_both_spellings():
    assert build_request({"q": "UK"}).query == Or((Term("UK"), Term("U.K.")))


_QUERY_TEXT = st.lists(st.sampled_from(list("USKNATOusk.-\" ()*~:2") + ["cease", "fire", "'s", "'"] + [" OR ", " AND ", "headline:"]),
                       max_size=30).map("".join)


def _with_possessive_base(word: str) -> list[str]:
    possessive = re.fullmatch(r"(.+)['’ʼ][sS]?", word)
    return [word, possessive[1]] if possessive else [word]


@given(_QUERY_TEXT)
def test_widening_keeps_every_leaf_typed_and_adds_only_other_spellings(text):
    try:
        node = parse(text)
    except QueryError:
        return
    typed = {(leaf.text, negated) for leaf, negated in leaves(node)}
    widened = {(leaf.text, negated) for leaf, negated in leaves(with_variants(node))}
    assert typed <= widened
    for leaf_text, negated in widened - typed:
        words = leaf_text.split(" ")
        assert any((original, negated) in typed and len(original.split(" ")) == len(words)
                   and all(any(w in spellings(base) for base in _with_possessive_base(o)) for w, o in
                           zip(words, original.split(" ")))
                   for original, _ in typed), leaf_text
