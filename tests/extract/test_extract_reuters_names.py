"""Company and body names as Reuters wire copy writes them, where an accuracy pass found them split or doubled.

A ticker inside a name, a firm named "X and Y", a filing's regulator, a
body's unnamed sources with and without "the", a company's spokesman, a
company's initials: each was one source listed as two, or the wrong one.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(1987, 3, 4, 9, 0)


def _sources(*paragraphs: str) -> dict[str, dict]:
    return {source["name"]: source for source in extract_parts(list(paragraphs), REFERENCE)[2]}


@pytest.mark.parametrize("paragraphs", [
    ["Delta <DAL> Airlines Inc said it would add 20 daily flights from Atlanta next month."],
    ["A federal judge cleared the planned merger of Delta <DAL> Airlines Inc and Western Airlines <WAL>, "
     "the court clerk said.",
     "Delta said it would complete the merger at midnight."],
    ["Delta <DAL> Airlines Inc said it agreed to buy Western Airlines.",
     "Delta Airlines Inc said the merger would close in April."],
])
def test_a_ticker_inside_a_company_name_leaves_the_name_whole(paragraphs):
    """ "Delta <DAL> Airlines Inc": the ticker stands inside the name; the company is one source."""
    sources = _sources(*paragraphs)
    assert "Delta Airlines Inc" in sources
    assert sources["Delta Airlines Inc"]["kind"] == "organization"
    assert not {"Delta", "Airlines Inc"} & set(sources)


def test_a_ticker_after_a_possessive_ends_the_name_before_it():
    sources = _sources("A find announced by Chevron Corp's <CHV> Chevron Exploration North Sea Ltd may hold "
                       "300 mln barrels, the unit said.")
    assert not any(name.startswith("Chevron Corp's") for name in sources)


@pytest.mark.parametrize("text", [
    "Phillips and Drew said it expected sterling to firm against the dollar in the coming weeks.",
    "Sterling should firm against the dollar in the coming weeks, Phillips and Drew said.",
])
def test_a_firm_of_two_names_is_one_source(text):
    sources = _sources(text)
    assert list(sources) == ["Phillips and Drew"]
    assert sources["Phillips and Drew"]["kind"] == "organization"


@pytest.mark.parametrize(("paragraphs", "expected"), [
    # two people, each named on their own
    (["President Ronald Reagan met Prime Minister Jacques Chirac in Washington.",
      "Chirac and Reagan said the talks had gone well."], {"Ronald Reagan", "Jacques Chirac"}),
    # two who spoke, as "they" tells
    (["Salomon Brothers Inc and Morgan Stanley and Co said they had placed the issue."],
     {"Morgan Stanley and Co"}),
    # places speak for their governments
    (["Britain and Canada said they would back the plan."], {"Britain", "Canada"}),
    # the end of a list of names is no firm
    (["Imports rose 12 pct, the Commodity Board for Margarine, Fats and Oils said."], set()),
])
def test_names_joined_by_and_that_are_no_firm(paragraphs, expected):
    assert expected <= set(_sources(*paragraphs))
    assert not any(" and " in name and name.split(" and ")[0] in ("Chirac", "Britain", "Fats")
                   for name in _sources(*paragraphs))


def test_the_regulator_a_filing_is_made_to_is_not_the_firm():
    """ "In its SEC filing, the firm said": the filer speaks, not the SEC."""
    sources = _sources(
        "Halvard Capital Management Inc told the Securities and Exchange Commission (SEC) it bought 1.3 mln "
        "Norbeck Optical Inc common shares, or 5.9 pct of the total outstanding.",
        "In its SEC filing, the firm said it may buy more stock and may seek to influence management.")
    assert "SEC" not in sources
    assert "Norbeck Optical Inc" not in sources
    mentions = [mention["text"] for mention in sources["Halvard Capital Management Inc"]["mentions"]]
    assert "the firm" in mentions


def test_a_filing_with_no_filer_named_cites_no_regulator():
    sources = _sources("In its SEC filing, the firm said it might seek control of the company.")
    assert "SEC" not in sources


@pytest.mark.parametrize("paragraphs", [
    ["The yen is expected to stay firm against the dollar, the Bank of Japan sources said."],
    ["Bank of Japan sources said the bank has no plans to cut its discount rate.",
     "The Bank of Japan sources also said it was too soon to call the pact a failure."],
    ["The Bank of Japan sources said the bank has no plans to cut its discount rate.",
     "The yen is expected to stay firm, Bank of Japan sources said."],
])
def test_a_bodys_sources_are_one_anonymous_source_with_its_affiliation(paragraphs):
    """ "(the) Bank of Japan sources": unnamed, of the central bank; "the" makes no second source."""
    sources = list(extract_parts(paragraphs, REFERENCE)[2])
    assert len(sources) == 1
    assert sources[0]["kind"] == "anonymous"
    assert sources[0]["affiliation"] == "Bank of Japan"
    assert len(sources[0]["mentions"]) == len(paragraphs)


@pytest.mark.parametrize(("text", "source"), [
    ("Inland Steel Industries Inc spokesman said the company would keep its Indiana Harbor mill open.",
     "Inland Steel Industries Inc spokesman"),
    ("Inland Steel Industries Inc <IAD> spokesman said the company would keep its mill open.",
     "Inland Steel Industries Inc spokesman"),
    ("The company will keep its Indiana Harbor mill open, an Inland Steel Industries Inc spokesman said.",
     "an Inland Steel Industries Inc spokesman"),
])
def test_a_spokesman_of_a_company_of_four_words_is_one_source(text, source):
    """The description's modifiers stop at three words: the company's first was cut off, a second source."""
    sources = _sources(text)
    assert list(sources) == [source]
    assert sources[source]["kind"] == "anonymous"


def test_a_company_and_the_initials_it_goes_by_are_one_source():
    sources = _sources("KLM Royal Dutch Airlines <KLM.AS> said it agreed to take a 15 pct stake in Air U.K. Ltd.",
                       "KLM said the stake would give it access to nine British airports.")
    assert "KLM" not in sources
    assert [mention["text"] for mention in sources["KLM Royal Dutch Airlines"]["mentions"]] == [
        "KLM Royal Dutch Airlines", "KLM"]


@pytest.mark.parametrize(("paragraphs", "initials"), [
    # a unit named for where it works
    (["IBM Japan Ltd said it would cut 500 jobs.", "IBM said the cuts had been planned."], "IBM"),
    # initials that open several names belong to the parent
    (["BHP Petroleum Pty Ltd said it found oil.", "BHP Minerals Ltd said it would merge with Utah.",
      "BHP said the merger would be done by June."], "BHP"),
])
def test_initials_shared_with_a_unit_stay_their_own_source(paragraphs, initials):
    assert initials in _sources(*paragraphs)


def test_a_company_named_in_full_then_by_its_first_words_is_one_source():
    """No given name opens "Acme Self Storage": read as a person's, it stood beside its short form."""
    sources = _sources("Acme Self Storage said it sold four warehouses to Northgate Corp.",
                       "Acme Self, a developer of storage space, said the sale closed on Friday.")
    assert list(sources) == ["Acme Self Storage"]
    assert sources["Acme Self Storage"]["kind"] == "organization"
    assert [mention["text"] for mention in sources["Acme Self Storage"]["mentions"]] == [
        "Acme Self Storage", "Acme Self"]


@pytest.mark.parametrize("paragraphs", [
    ["Bellmont Richfield said it would sell its chemicals unit.", "The sale values the unit at 80 mln dlrs, "
     "Bellmont Richfield Co added."],
    ["Pelham Marwick said fees rose in the first quarter.", "<Pelham Marwick> had been expected to report a loss."],
])
def test_a_company_of_two_words_no_given_name_opens_is_no_person(paragraphs):
    """Read as a first and last name, a company the article names with its suffix or in ticker marks
    was a person."""
    sources = _sources(*paragraphs)
    assert len(sources) == 1
    (name, source), = sources.items()
    assert name.startswith(paragraphs[0].split(" said")[0]) and source["kind"] == "organization"


@pytest.mark.parametrize(("sentence", "name", "title", "affiliation"), [
    ("Trade and Industry Minister Kenji Omura said exports would slow.", "Kenji Omura",
     "Trade and Industry Minister", None),
    ("Prices will hold, Energy and Mines Minister Pablo Ortega said today.", "Pablo Ortega",
     "Energy and Mines Minister", None),
    ("British Trade and Industry Secretary Alan Clarke said the bid would be referred.", "Alan Clarke",
     "Trade and Industry Secretary", "United Kingdom"),
    ("Japanese Minister of International Trade and Industry Kenji Omura said exports would slow.", "Kenji Omura",
     "Minister of International Trade and Industry", "Japan"),
    ("Chairman and Chief Executive Officer Paul Hale said sales rose.", "Paul Hale",
     "Chairman and Chief Executive Officer", None),
])
def test_a_title_of_two_portfolios_is_one_title(sentence, name, title, affiliation):
    """The "and" cut the title: "Industry Minister", or "Minister" with "Mines" for where he works, and
    "British Trade" a person of its own."""
    sources = _sources(sentence)
    assert list(sources) == [name]
    assert (sources[name]["title"], sources[name]["affiliation"]) == (title, affiliation)


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("Reagan and Treasury Secretary James Baker said the dollar had fallen enough.", "James Baker",
     "Treasury Secretary"),
    ("Only President Reagan and Treasury Secretary James Baker speak on the dollar, Baker said.", "James Baker",
     "Treasury Secretary"),
    ("Faisal Hamad and Oil Minister Ali Khalifa said output would hold.", "Ali Khalifa", "Oil Minister"),
])
def test_a_name_before_and_is_no_portfolio(sentence, name, title):
    """ "Reagan and Treasury" is no body the secretary works for: the word is his portfolio."""
    sources = _sources(sentence)
    assert (sources[name]["title"], sources[name]["affiliation"]) == (title, None)
    assert not any(" and " in source for source in sources)


@pytest.mark.parametrize("paragraphs", [
    ["Australia and New Zealand Banking Group Ltd said it would cut its prime rate to 15 pct."],
    ["SYDNEY, May 2 - The Australia and New Zealand Banking Group Ltd <ANZA.S> said it would lift its rate."],
    ["The Australia and New Zealand Banking Group Ltd in New Zealand said it would raise its base rate."],
])
def test_a_bank_named_for_two_places_is_one_source(paragraphs):
    """ "Australia and New Zealand Banking Group": two places, then a bank's words, are one name."""
    assert list(_sources(*paragraphs)) == ["Australia and New Zealand Banking Group Ltd"]


def test_two_places_and_a_bank_stay_three_names():
    sources = _sources("Britain and West Germany said they would act, and Midland Bank said it agreed.")
    assert {"Britain", "West Germany", "Midland Bank"} <= set(sources)


@pytest.mark.parametrize(("paragraphs", "full"), [
    (["Coral Federal Savings and Loan Association of Florida said it sold new shares to an investor.",
      "Coral Federal said the sale ends a dispute with regulators."],
     "Coral Federal Savings and Loan Association of Florida"),
    (["Hollis Corp of America's Coral Savings and Loan Association said it bought six branches.",
      "Coral Savings said the purchase adds 300 mln dlrs in deposits."],
     "Hollis Corp of America's Coral Savings and Loan Association"),
    (["Denton Energy and Development Corp said gas sales fell.", "Denton Energy said prices would recover."],
     "Denton Energy and Development Corp"),
])
def test_a_firm_called_by_its_words_before_and_is_one_source(paragraphs, full):
    """Wire copy calls "Coral Federal Savings and Loan Association" "Coral Federal" after the first mention."""
    sources = _sources(*paragraphs)
    assert list(sources) == [full]
    assert len(sources[full]["mentions"]) == 2




def test_a_short_form_is_not_given_to_two_firms_joined_by_and():
    """ "Coral Federal and Hollis Capital said": two firms read as one name; "Coral Federal" is the
    savings association's short form, not that name's."""
    sources = _sources("Coral Federal and Hollis Capital said they agreed on a merger.",
                       "<Coral Federal Savings and Loan Association> said it would be bought by "
                       "<Hollis Capital Corp>.",
                       "Coral Federal said it would keep its branches.")
    full = sources["Coral Federal Savings and Loan Association"]
    assert [mention["text"] for mention in full["mentions"]][1:] == ["Coral Federal"]
    assert "Coral Federal" not in sources


@pytest.mark.parametrize(("text", "unit", "parent"), [
    ("Acme Bancorp's Bank of Acme unit said it sold its finance arm.", "Bank of Acme", "Acme Bancorp"),
    ("Harbor Corp's Harbor Refining and Marketing subsidiary said it raised prices.",
     "Harbor Refining and Marketing", "Harbor Corp"),
    ("Tiller Group Inc's Tiller Print Co unit said it agreed to buy a printer.", "Tiller Print Co", "Tiller Group Inc"),
])
def test_a_unit_named_after_its_parent_speaks_for_itself(text, unit, parent):
    """ "Acme Bancorp's Bank of Acme unit said": the unit is the source, owned by its parent; no "... unit"."""
    sources = _sources(text)
    assert list(sources) == [unit]
    assert (sources[unit]["kind"], sources[unit]["affiliation"]) == ("organization", parent)
    mention = sources[unit]["mentions"][0]
    assert text[mention["start"]:mention["end"]] == unit


@pytest.mark.parametrize(("text", "company", "affiliation"), [
    ("Holding company <Tessera Spa> said it had no comment on the report.", "Tessera Spa", None),
    ("Plainfield-based overnight messenger Courant Courier Corp said it would cut 300 jobs.",
     "Courant Courier Corp", None),
    ("Dutch chemicals group Vandrecht N.V. said profits rose.", "Vandrecht N.V.", "Netherlands"),
])
def test_a_company_has_no_title_and_only_a_parent_or_country_for_affiliation(text, company, affiliation):
    """The words before a company's name read as a person's title and employer: "company" of "Holding"."""
    source = _sources(text)[company]
    assert (source["kind"], source["title"], source["affiliation"]) == ("organization", None, affiliation)


@pytest.mark.parametrize("company", ["Ocean Harbor Consultants", "Rank Film Distributors", "Lex Harbor Services",
                                     "Inland Revenue"])
def test_a_name_ending_in_a_trade_is_a_company(company):
    assert _sources(f"Demand for tankers will rise this year, {company} said.")[company]["kind"] == "organization"
