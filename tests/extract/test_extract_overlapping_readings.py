"""Two rules reading the same words make one source, not two (loaders/extract/overlaps.py).

Shaped like the Reuters sentences that listed a source twice: once for the
whole description and once for the part of it another rule read.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(1987, 3, 4, 9, 0)


def _sources(*paragraphs: str) -> list[str]:
    return [source["name"] for source in extract_parts(list(paragraphs), REFERENCE)[2]]


@pytest.mark.parametrize(("text", "source"), [
    ("A maritime security source said the tanker was heading to the Emirates.", "a maritime security source"),
    ("Oil industry sources said output had fallen.", "oil industry sources"),
    ("A spokesman for the China National Offshore Oil Corp said the well was dry.",
     "a spokesman for the China National Offshore Oil Corp"),
])
def test_a_description_is_one_source_not_also_its_tail(text, source):
    assert _sources(text) == [source]


@pytest.mark.parametrize(("text", "source"), [
    ("Bond issues rose in the first quarter, according to figures compiled by Euromoney magazine.", "Euromoney"),
    ("Petrobras will drill two wells, the Jornal do Brasil newspaper said.", "Jornal do Brasil"),
])
def test_a_body_named_inside_a_description_is_the_source(text, source):
    assert _sources(text) == [source]


def test_a_description_read_again_as_the_one_before_is_one_source():
    sources = _sources("Union Pacific Corp said it would cut its crude oil purchase price.",
                       "A spokesman for the company said the cut was effective today.",
                       "The move followed cuts by other buyers, the Union Pacific spokesman said.")
    assert sources == ["Union Pacific Corp", "a spokesman for the company"]


def test_the_other_of_two_officials_is_a_source_of_its_own():
    sources = _sources(
        "The United States will cut its embassy staff by half, two State Department officials said on Thursday.",
        '"This is a precaution, not an evacuation," one of the officials told reporters.',
        "The other official said dependants of staff had been ordered to leave.")
    assert sources == ["two State Department officials", "one of the officials", "the other official"]
