"""British copy quotes in single marks: ‘We will fight,’ she said.

No quote of a British outlet's story was found: only double marks were read
as quotation marks. `’` is also the apostrophe, so a single mark closes a
quote only where an apostrophe could not stand (quotes._single_mark_roles).
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(2025, 4, 12, 9, 0, tzinfo=timezone.utc)


def _quotes(*body: str) -> list[tuple[str, str | None, str]]:
    _, quotes, _ = extract_parts(list(body), REFERENCE)
    return [(q["text"], q["speaker"], q["kind"]) for q in quotes]


def test_a_british_quote_and_its_speaker():
    assert _quotes("‘We will not back down,’ Keir Starmer told MPs on Tuesday.") == [
        ("We will not back down", "Keir Starmer", "direct")]


@pytest.mark.parametrize("paragraph, text", [
    ("‘The workers’ union has made its case,’ said Anna Berg.", "The workers’ union has made its case"),
    ("‘It’s a matter of fairness’, said Anna Berg.", "It’s a matter of fairness"),
    ("‘The Joneses’ house was the first to flood,’ said Anna Berg.", "The Joneses’ house was the first to flood"),
    ("Anna Berg said: ‘This is a tax on jobs.’", "This is a tax on jobs."),
])
def test_an_apostrophe_inside_does_not_close_it(paragraph, text):
    assert _quotes(paragraph) == [(text, "Anna Berg", "direct")]


@pytest.mark.parametrize("paragraph, text", [
    ("Anna Berg called it ‘a tax on getting to work’ and said she would fight it.", "a tax on getting to work"),
    ("Anna Berg said the plan would ‘cut taxes’ and raise pay.", "cut taxes"),
    ("‘We will cut taxes’ she said, and Anna Berg left.", "We will cut taxes"),
])
def test_a_closing_mark_before_a_lower_case_word(paragraph, text):
    """After a letter other than s, or before a word no possessive precedes, `’ ` closes the quote."""
    assert [found for found, _, _ in _quotes(paragraph)] == [text]


def test_a_quote_over_two_paragraphs():
    found = _quotes("‘We have had enough of this government,", "‘It is time for change,’ said Anna Berg.")
    assert found == [("We have had enough of this government, It is time for change", "Anna Berg", "direct")]


@pytest.mark.parametrize("paragraph", [
    "The company’s shares fell 3% as investors’ worries grew, traders said.",
    "Shares in Marks & Spencer’s rivals fell; the firm’s chief executive declined to comment.",
    "He called the plan ‘unworkable’.",  # a scare quote, as in double marks
])
def test_apostrophes_and_scare_quotes_quote_nobody(paragraph):
    assert _quotes(paragraph) == []


def test_single_marks_inside_double_ones_stay_part_of_the_quote():
    found = _quotes("“The minister said waiting lists were ‘falling fast’. They are not,” said Claire Fontaine.")
    assert found == [("The minister said waiting lists were ‘falling fast’. They are not", "Claire Fontaine", "direct")]


def test_the_closing_mark_is_no_part_of_the_next_speakers_name():
    _, _, sources = extract_parts(["‘It is time for change,’ a union spokesman said."], REFERENCE)
    assert [(s["name"], s["kind"]) for s in sources] == [("a union spokesman", "anonymous")]
