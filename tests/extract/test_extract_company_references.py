"""What "the company" and "the official" point to, as wire copy writes them.

Made-up stories in the shapes an accuracy pass on the Reuters corpus found
read wrongly: a company named by one bare word and then "The company said";
a results note whose company only its headline names, with no suffix; and
"official" as an adjective ("the official communique said").
"""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts
from loaders.extract.headlines import _headline_word

REFERENCE = datetime(1987, 4, 9)


def _parts(paragraphs: list[str], headline: str | None = None) -> tuple[dict[str, dict], list[dict]]:
    _, quotes, sources = extract_parts(paragraphs, REFERENCE, headline=headline)
    return {source["name"]: source for source in sources}, quotes


@pytest.mark.parametrize("reference", ["The company", "The firm"])
def test_the_company_after_a_company_named_by_one_word_is_that_company(reference):
    """ "Acmetron said" reads as a surname until the article is read; "The company said" is Acmetron."""
    sources, _ = _parts([
        "BOSTON, April 8 - Acmetron said a 10 pct rise in its first quarter net reflected better operations.",
        f"{reference} said revenue gains in electronics were offset by decreases in energy services.",
    ], headline="ACMETRON <ACM> NET RISES ON OPERATIONS")
    assert list(sources) == ["Acmetron"]
    assert sources["Acmetron"]["kind"] == "organization"
    assert [mention["text"] for mention in sources["Acmetron"]["mentions"]] == ["Acmetron", reference]


def test_a_quote_given_to_the_company_goes_to_the_company_it_is():
    sources, quotes = _parts([
        "BOSTON, April 8 - Acmetron said its first quarter net rose 10 pct.",
        'The company said, "We expect the second half to be stronger than the first."',
    ], headline="ACMETRON <ACM> NET RISES")
    assert list(sources) == ["Acmetron"]
    assert [quote["speaker"] for quote in quotes] == ["Acmetron"]


def test_the_company_with_no_company_before_it_stays_as_written():
    sources, _ = _parts(["The company said revenue fell, while Dalvenor Trading said its own sales rose."])
    assert "the company" in sources


@pytest.mark.parametrize(("headline", "company"), [
    ("LUMIERE DORVAL <LUMD.PA> YEAR ENDED DEC 31", "Lumiere Dorval"),
    ("L'ETOILE CORVEX <ETCX.PA> YEAR ENDED DEC 31", "L'Etoile Corvex"),
    ("<VARNHOLT PLC> <VARN.L> FIVE MONTHS TO END JANUARY", "Varnholt Plc"),
])
def test_a_results_note_whose_company_only_its_headline_names(headline, company):
    """ "Company said" in an earnings table: the headline's company, with or without a suffix."""
    sources, _ = _parts([
        "PARIS, March 19 - Parent company net profit 754.45 mln francs vs 674.1 mln.",
        "NOTE - Company said the dividend would apply to shares issued under capital increases during 1986.",
    ], headline=headline)
    assert list(sources) == [company]


@pytest.mark.parametrize(("headline", "paragraphs", "expected"), [
    # a headline of a clause: "UPS" is its verb, and "the group" is the body's
    ("PARTNERSHIP UPS VARNHOLT <VARN.O> STAKE TO 8.7 PCT",
     ["WASHINGTON, June 1 - Dunmore Group, an investment partnership seeking control of Varnholt and Co, said "
      "it raised its stake in the company to 8.7 pct.",
      "The group said it would decide whether to make an offer for the company."],
     {"Dunmore Group"}),
    # the body names the company in full: its "the company" is the body's
    ("DALVEX <DLX> SEES HIGHER NET",
     ["NEW YORK, April 2 - Dalvex International Inc said it expects higher net in 1987.",
      "The company said sales of its new line would double."],
     {"Dalvex International Inc"}),
])
def test_a_headline_name_without_a_suffix_is_not_taken_where_it_could_mislead(headline, paragraphs, expected):
    sources, _ = _parts(paragraphs, headline=headline)
    assert set(sources) == expected


@pytest.mark.parametrize(("word", "written"), [
    ("L'AIR", "L'Air"), ("COCA-COLA", "Coca-Cola"), ("AT&T", "AT&T"), ("WHITTAKER", "Whittaker"), ("IBM", "IBM"),
])
def test_headline_words_are_written_as_names_write_them(word, written):
    assert _headline_word(word) == written


@pytest.mark.parametrize("text", [
    "But he noted the official communique said the participants agreed to cooperate closely.",
    "The official magazine said the province's grain area fell to 4.33 mln hectares.",
    "Food subsidies are the sticking point, an official newspaper said.",
    "The official announcement said the bonus issue would follow.",
])
def test_official_as_an_adjective_is_no_official_cited(text):
    """An official paper may be cited as an outlet ("the official magazine"); no official speaks."""
    sources, _ = _parts([text])
    assert not any(name.lower().endswith("official") for name in sources), sources


@pytest.mark.parametrize(("paragraphs", "source", "mentions"), [
    (["An Argentine official here said no timetable was given."], "an Argentine official", 1),
    (["A senior official said the price of sugar would rise.",
      "The official also said talks would resume. The official denied any rift."], "a senior official", 3),
    (["The official price of sugar was raised, a ministry official said."], "a ministry official", 1),
])
def test_an_official_who_speaks_is_still_cited(paragraphs, source, mentions):
    sources, _ = _parts(paragraphs)
    assert list(sources) == [source]
    assert len(sources[source]["mentions"]) == mentions


@pytest.mark.parametrize("subject", [
    "Dalvex Minerals Ltd and <Corvane Inc>",
    "<Dalvex Minerals Ltd> and <Corvane Inc>, a mining concern,",
])
def test_two_companies_said_it_together_with_their_ticker_marks(subject):
    """The marks of a company with no ticker of its own, blanked, left spaces before the second name."""
    sources, _ = _parts([f"TORONTO, March 3 - {subject} said they completed a second hole at their mine."])
    assert {"Dalvex Minerals Ltd", "Corvane Inc"} <= set(sources)


def test_the_companies_after_two_companies_said_it_are_both_of_them():
    sources, _ = _parts([
        "TORONTO, March 3 - Dalvex Minerals Ltd and Corvane Inc said they completed a second hole.",
        "One intersection graded 0.33 ounce gold a ton over 44 feet, the companies said.",
    ])
    assert set(sources) == {"Dalvex Minerals Ltd", "Corvane Inc"}
    for company in sources.values():
        assert [mention["text"] for mention in company["mentions"]][-1] == "the companies"


def test_the_companies_after_one_company_said_it_stay_as_written():
    """Which other company is meant is not known: "the companies" stays a source of its own."""
    sources, _ = _parts([
        "TORONTO, March 3 - Dalvex Minerals Ltd said it completed a second hole with a partner.",
        "One intersection graded 0.33 ounce gold a ton over 44 feet, the companies said.",
    ])
    assert set(sources) == {"Dalvex Minerals Ltd", "the companies"}


def test_the_company_after_a_union_is_not_the_union():
    """ "The union said ... The company said": a union is no company ("the group" may be one)."""
    sources, quotes = _parts([
        "The Federated Union of Trackworkers said it would ballot its members at Dunmore. The company, which "
        "maintains track under contract, said it was “disappointed but not surprised” by the decision.",
    ])
    assert quotes[0]["speaker"] == "the company"


def test_the_company_after_a_savings_and_loan_association_is_that_association():
    sources, _ = _parts([
        "AUBURN, Calif., March 11 - Hartwell Federal Savings and Loan Association said its board declared a split.",
        "The company said the split is subject to shareholder approval.",
    ])
    assert list(sources) == ["Hartwell Federal Savings and Loan Association"]


@pytest.mark.parametrize(("paragraphs", "person", "title", "affiliation"), [
    (["A spokesman for the company, Daniel Rourke, said Dunmore Permanent Way would “keep the door open”."],
     "Daniel Rourke", "spokesman", "company"),  # no company named before: as written
    (["LONDON, March 2 - Dunmore Permanent Way Ltd said talks had broken down.",
      "A spokesman for the company, Daniel Rourke, said it would “keep the door open”."],
     "Daniel Rourke", "spokesman", "Dunmore Permanent Way Ltd"),
    (["“The ice is gone,” said Dr Henrike Vogt, the observatory's head of field measurements, who has walked "
      "the glacier every September."], "Henrike Vogt", "head of field measurements", "the observatory"),
    (["Nigel Lawson, Britain's Chancellor of the Exchequer, said “we will see”."],
     "Nigel Lawson", "Chancellor of the Exchequer", "Britain"),
    (["Kwame Asante, an environmental chemist at the University of Valewood who was not involved in the study, "
      "said the results were “intriguing but early.”"],
     "Kwame Asante", "environmental chemist", "the University of Valewood"),
    (["The fund's director, Samuel Otieno, told the AP that repayments had been “more punctual than most”."],
     "Samuel Otieno", "director", "the fund"),
    (["Jose Ruiz, the head of Spain's employers' federation, said the talks had failed."],
     "Jose Ruiz", "head", "Spain's employers' federation"),
])
def test_titles_and_affiliations_read_from_appositives(paragraphs, person, title, affiliation):
    sources, _ = _parts(paragraphs)
    assert (sources[person]["title"], sources[person]["affiliation"]) == (title, affiliation)


@pytest.mark.parametrize("paragraph", [
    # "who" after a name stands for it
    "The decision is a reversal for chief executive Marcus Albrecht, who told a staff meeting in September: "
    "“No plant will shut while I am chief executive.”",
    # a time before the subject is no part of it
    "Five months ago, Marcus Albrecht stood on a pallet in the oldest hall and promised that “no plant will "
    "close while I am chief executive”.",
])
def test_a_quote_is_given_to_the_person_the_sentence_names(paragraph):
    _, quotes = _parts([paragraph])
    assert [quote["speaker"] for quote in quotes] == ["Marcus Albrecht"]


def test_she_is_never_a_man_named_by_a_known_given_name():
    """An obituary: "her nephew, Jonas Sand, who told ..."; then "she writes": his aunt, not Jonas."""
    _, quotes = _parts([
        "Margit Sand, who kept the light on the island for 31 years, died on Sunday.",
        "Her death was confirmed by her nephew, Jonas Sand, who told the Herald that she had been “sharp "
        "until the last week.”",
        "In her memoir's best-known passage she writes of a storm that cut the island off:",
        "“On the ninth day I stopped counting the waves.”",
    ])
    assert [quote["speaker"] for quote in quotes] == ["Jonas Sand", "Margit Sand"]


@pytest.mark.parametrize("paragraph", [
    "Grain output rose 5 pct, the New China News Agency said.",
    "New China News Agency said grain output rose 5 pct.",
])
def test_an_agency_known_by_another_name_is_an_outlet(paragraph):
    """ "New China News Agency" is Xinhua by its other name (lexicon.OUTLET_ALIASES): an outlet, not a
    government's "agency"."""
    sources, _ = _parts([paragraph])
    assert [(source["name"], source["kind"]) for source in sources.values()] == [("New China News Agency", "outlet")]
