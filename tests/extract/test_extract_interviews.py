"""A Q&A interview's answers are quotes of the person its introduction names (loaders/extract/interviews.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(2025, 5, 2)

INTERVIEW = [
    "Nadia Fors, 44, took over as harbourmaster of Oskarvik this spring. She spoke to us in her office.",
    "Q: What surprised you most in your first months?",
    "A: The paperwork, honestly. Here every decision needs three signatures.",
    "Q: How does the Sable Bank dispute feel from the harbour?",
    "A: It feels like waiting. I tell them what I tell my children: “I know as much as the radio knows.”",
    "The skippers laugh, but they keep asking.",
    "Q: What would you like to change?",
    "A: I want to rebuild the old north pier.",
    "The interview has been edited for length and clarity.",
]


def _parts(paragraphs: list[str]) -> tuple[list[dict], dict[str, dict]]:
    _, quotes, sources = extract_parts(paragraphs, REFERENCE)
    return quotes, {source["name"]: source for source in sources}


def test_each_answer_is_a_quote_of_the_person_interviewed():
    quotes, sources = _parts(INTERVIEW)
    assert [(quote["paragraph"], quote["speaker"], quote["cue"], quote["kind"]) for quote in quotes] == [
        (2, "Nadia Fors", "answered", "direct"),
        (4, "Nadia Fors", "answered", "direct"),
        (5, "Nadia Fors", "answered", "direct"),  # the answer carried on before the next question
        (7, "Nadia Fors", "answered", "direct"),
    ]
    assert "Nadia Fors" in sources


def test_an_answer_quote_is_the_answer_without_its_label():
    quotes, _ = _parts(INTERVIEW)
    for quote in quotes:
        assert INTERVIEW[quote["paragraph"]][quote["start"]:quote["end"]] == quote["text"]
    assert quotes[0]["text"] == "The paperwork, honestly. Here every decision needs three signatures."


def test_quotation_marks_inside_an_answer_make_no_second_quote():
    quotes, _ = _parts(INTERVIEW)
    assert not any(quote["text"].startswith("I know as much") for quote in quotes)


def test_the_questions_and_what_follows_the_last_answer_are_nobodys_answers():
    quotes, _ = _parts(INTERVIEW)
    assert {quote["paragraph"] for quote in quotes}.isdisjoint({1, 3, 6, 8})


@pytest.mark.parametrize("paragraphs", [
    # no one introduced: the question's senator is not who answers
    ["Q: Senator Amy Klein says the bill is dead. Is it?", "A: No. It is very much alive."],
    # turns of one kind only are no interview
    ["Nadia Fors spoke to us.", "A: The paperwork, honestly."],
])
def test_without_an_interviewee_the_answers_stay_unattributed(paragraphs):
    quotes, _ = _parts(paragraphs)
    assert all(quote["speaker"] is None for quote in quotes)


def test_an_answer_printed_in_quotation_marks_is_quoted_without_them():
    quotes, _ = _parts(["Finance Minister Elena Varga spoke to us on Monday.",
                        "Q: Does the central bank agree with your numbers?",
                        "A: “They will, once they see the tax receipts.”"])
    assert [(quote["text"], quote["speaker"]) for quote in quotes] == [
        ("They will, once they see the tax receipts.", "Elena Varga")]
