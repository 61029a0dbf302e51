"""Sources and speakers wire and newspaper copy writes in ways the first rules missed.

Each case is a sentence shaped like the copy it was found in: a title with
"-designate", an Arabic particle opening a surname, the people a speaker
told, an outlet named after "told". One test per way of writing it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(2025, 4, 12, 9, 0)


def _speakers(*paragraphs: str) -> list[str | None]:
    return [quote["speaker"] for quote in extract_parts(list(paragraphs), REFERENCE)[1]]


def _sources(*paragraphs: str) -> dict[str, dict]:
    return {source["name"]: source for source in extract_parts(list(paragraphs), REFERENCE)[2]}


@pytest.mark.parametrize(("paragraphs", "speaker"), [
    (["CAIRO, Feb 3 (Reuters) - Egyptian President Abdel Fattah el-Sisi met the U.S. envoy on Monday.",
      "“Egypt will not accept the displacement of Palestinians,” el-Sisi said after the meeting."],
     "Abdel Fattah el-Sisi"),
    (["Syrian President Bashar al-Assad flew to Moscow on Sunday.",
      "“We will return,” al-Assad said in a statement read on state television."], "Bashar al-Assad"),
])
def test_an_arabic_particle_opens_the_surname_a_person_is_named_by_again(paragraphs, speaker):
    """ "el-Sisi said": a surname in lower case, the person named in full before, not a description."""
    assert _speakers(*paragraphs) == [speaker]
    assert list(_sources(*paragraphs)) == [speaker]


@pytest.mark.parametrize(("text", "name", "title"), [
    ("“We will restore trust with our allies,” Secretary of State-designate Marco Rubio said at his "
     "confirmation hearing on Wednesday.", "Marco Rubio", "Secretary of State-designate"),
    ("Defense Secretary-designate Pete Hegseth told senators: “I will serve the troops first.”",
     "Pete Hegseth", "Defense Secretary-designate"),
    ("“Germany is back,” Chancellor-elect Friedrich Merz said after the coalition deal was signed.",
     "Friedrich Merz", "Chancellor-elect"),
    ("“The era of decline is over,” President-elect Donald Trump said at Mar-a-Lago.", "Donald Trump",
     "President-elect"),
])
def test_a_title_designate_or_elect_is_the_title_not_part_of_the_name(text, name, title):
    source = _sources(text)[name]
    assert (source["kind"], source["title"]) == ("person", title)
    assert _speakers(text) == [name]
