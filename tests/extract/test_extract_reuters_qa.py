"""Sourcing as Reuters wire copy writes it, where an accuracy pass on real stories found the rules wrong.

Each case is shaped like the sentence it was found in: a count of people,
"the official press", a company's ticker in parentheses, "had no immediate
comment". One test per way of writing it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(1987, 3, 4, 9, 0)


def _sources(*paragraphs: str) -> dict[str, dict]:
    return {source["name"]: source for source in extract_parts(list(paragraphs), REFERENCE)[2]}


@pytest.mark.parametrize("text", [
    "The magazine group had revenues of eight mln dlrs last year and employs 50 people, Telemedia Inc said.",
    "A parliamentary motion, signed by 98 MPs, today urged the Government to act, Telemedia Inc said.",
    "It leaves the future of its 19,000 employees in doubt, Telemedia Inc said.",
    "Some 200 people said they had lost money in the scheme, Telemedia Inc said.",
    "Five people said they had seen the blast, Telemedia Inc said.",
])
def test_people_counted_are_no_source(text):
    """ "employs 50 people", "signed by 98 MPs": a tally of people, not who told the story."""
    assert set(_sources(text)) == {"Telemedia Inc"}


def test_a_number_in_a_name_is_no_count():
    from loaders.extract.descriptions import is_tally
    assert not is_tally("1st Source", "source")
    assert is_tally("19,000 employees", "employees")


@pytest.mark.parametrize(("text", "source"), [
    ("Three officials said the talks had failed.", "three officials"),
    ("Two Western diplomats said the talks had failed.", "two Western diplomats"),
])
def test_sources_counted_in_words_stay_anonymous_sources(text, source):
    """Wire copy counts the sources it cites in words: they are cited, unnamed."""
    sources = _sources(text)
    assert list(sources) == [source]
    assert sources[source]["kind"] == "anonymous"


@pytest.mark.parametrize(("paragraphs", "source", "mentions"), [
    (["Cuba will export less sugar this year because of large stocks, traders and the official press said.",
      "The official press has reported that farmers fear farm policy may change."], "the official press", 2),
    (["The EC could enter a new trade dispute unless urgent action is taken, French official sources said.",
      "The sources added that talks would go on."], "French official sources", 2),
    (["Egyptian official sources said the price of cotton had not changed."], "Egyptian official sources", 1),
    (["Chinese state press said the harvest was good."], "Chinese state press", 1),
])
def test_official_press_and_official_sources_are_one_anonymous_source(paragraphs, source, mentions):
    """ "official" before "sources" or "press" qualifies them: no "the official" cited on its own."""
    sources = _sources(*paragraphs)
    assert list(sources) == [source]
    assert sources[source]["kind"] == "anonymous"
    assert len(sources[source]["mentions"]) == mentions


@pytest.mark.parametrize("text", [
    "He told the press on Monday that he would resign.",
    "Press reports said the deal was off.",
    "The press said little about the deal.",
])
def test_the_press_alone_is_no_source(text):
    assert _sources(text) == {}


@pytest.mark.parametrize(("text", "source"), [
    ("Acme Corp plans to buy Widget Inc, three people with direct knowledge of the matter said.",
     "three people with direct knowledge of the matter"),
    ("The ship will dock on Friday, two people familiar with the schedules said.",
     "two people familiar with the schedules"),
])
def test_people_counted_and_described_as_knowing_are_sources(text, source):
    assert _sources(text)[source]["kind"] == "anonymous"


@pytest.mark.parametrize(("text", "names"), [
    ("Acme Corp (ACME.N) said on Thursday it would cut 500 jobs.", ["Acme Corp"]),
    ("Acme Corp (ACME.N), the largest maker of widgets, said on Thursday it would cut 500 jobs.", ["Acme Corp"]),
    ("Toyota Motor Corp (7203.T) and Honda Motor Co (7267.T) said they would cut output.",
     ["Toyota Motor Corp", "Honda Motor Co"]),
    ("Shares of Volkswagen (VOWG_p.DE) fell after Porsche SE (PSHG_p.DE) said it would sell its stake.",
     ["Porsche SE"]),
])
def test_a_ticker_in_parentheses_leaves_the_company_the_subject(text, names):
    """ "Acme Corp (ACME.N) said": the instrument code is no part of the subject, and offsets stay right."""
    sources = _sources(text)
    assert list(sources) == names
    for name in names:
        mention = sources[name]["mentions"][0]
        assert text[mention["start"]:mention["end"]] == name


@pytest.mark.parametrize(("text", "name"), [
    ("Barley stocks will fall, the Northern Cereals Board (NCB) said on Monday.", "Northern Cereals Board"),
    ("Output will grow, Vestlandske Handelsbank Girozentrale (VestHB) said in its forecast.",
     "Vestlandske Handelsbank Girozentrale"),
    ("The bill will pass, Senator Ann Holt (R-Kan.) said.", "Ann Holt"),
    ("Wool prices will rise, the Highland Growers Federation (Higrofed), an industry body, told reporters.",
     "Highland Growers Federation"),
])
def test_a_short_form_in_parentheses_leaves_the_body_the_subject(text, name):
    """ "the Northern Cereals Board (NCB) said": the short form it is defined by, like a ticker, is no end of a subject."""
    mention = _sources(text)[name]["mentions"][0]
    assert text[mention["start"]:mention["end"]] == name


@pytest.mark.parametrize(("paragraphs", "source", "kind"), [
    (["Acme Corp said on Thursday it would buy a stake in Foo Holdings Inc.",
      "Foo Holdings Inc had no immediate comment."], "Foo Holdings Inc", "organization"),
    (["Acme Corp said on Thursday it would cut 500 jobs.",
      "A spokesman for Widget Co had no immediate comment."], "a spokesman for Widget Co", "anonymous"),
    (["Acme Corp said on Thursday it would cut 500 jobs.", "Bar Corp (BAR.N) declined to comment."],
     "Bar Corp", "organization"),
    (["LONDON, June 18 - A spokesman for Unilever Plc <UN.AS> declined to comment on market rumours."],
     "a spokesman for Unilever Plc", "anonymous"),
])
def test_having_no_immediate_comment_is_an_attribution(paragraphs, source, kind):
    """ "X had no immediate comment": X was asked and answered so; a fact-checker finds X cited there."""
    sources = _sources(*paragraphs)
    assert sources[source]["kind"] == kind
    last = len(paragraphs) - 1
    mention = next(mention for mention in sources[source]["mentions"] if mention["paragraph"] == last)
    assert paragraphs[last][mention["start"]:mention["end"]].lower() == source.lower()


def test_no_comment_inside_a_quote_cites_no_one():
    assert "Foo Holdings Inc" not in _sources('"Foo Holdings Inc had no immediate comment," he joked.')


@pytest.mark.parametrize(("paragraphs", "company", "mentions"), [
    (["ATLANTA, March 3 - Video Display Corp said it has reached an agreement to sell its cable business.",
      "The company said it will redeploy its assets.", "Company said the sale would close in April."],
     "Video Display Corp", ["Video Display Corp", "The company", "Company"]),
    (["FRANKFURT, March 5 - Hoechst AG <HFAG.F> said its group pre-tax profit would be slightly lower.",
      "Group turnover fell slightly to 38 billion marks, the company said in a statement."],
     "Hoechst AG", ["Hoechst AG", "the company"]),
])
def test_company_said_is_the_company_named_before(paragraphs, company, mentions):
    """ "Company said", "Group turnover fell ..., the company said": no company called "Company" or "Group"."""
    sources = _sources(*paragraphs)
    assert list(sources) == [company]
    texts = [mention["text"] for mention in sources[company]["mentions"]]
    assert all(text in texts for text in mentions)


@pytest.mark.parametrize(("headline", "body", "company", "mention"), [
    ("WHITTAKER CORP <WKR> 1ST QTR JAN 31 NET",
     ["LOS ANGELES, March 2 - Oper shr 17 cts vs 25 cts", "Company said common shares outstanding fell."],
     "Whittaker Corp", "Company"),
    ("FISONS PLC <FISN.L> YEAR TO END-1986",
     ["LONDON, March 3 - Shr 27.5p vs 24.3p", "Note - company said it plans one-for-one capitalisation"],
     "Fisons Plc", "company"),
])
def test_company_said_in_a_results_note_is_the_headlines_company(headline, body, company, mention):
    """An earnings note names its company only in the headline, before the ticker."""
    sources = {source["name"]: source for source in extract_parts(body, REFERENCE, headline=headline)[2]}
    assert list(sources) == [company]
    assert [found["text"] for found in sources[company]["mentions"]] == [mention]


def test_a_company_the_body_names_wins_over_the_headlines():
    body = ["ATLANTA, March 3 - Video Display Corp said it has reached an agreement to sell a unit.",
            "The company said it will redeploy its assets."]
    sources = extract_parts(body, REFERENCE, headline="VIDEO DISPLAY <VIDE> TO SELL CABLE TV UNIT")[2]
    assert [source["name"] for source in sources] == ["Video Display Corp"]


@pytest.mark.parametrize(("text", "name", "title"), [
    ('"These are the heaviest contract talks in the history of the Seaway," George Miller, vice-president of the '
     "Canadian Lake Carriers Association, an association of major Canadian shipping companies, said recently.",
     "George Miller", "vice-president"),
    ("Mariano Rubio, governor of the Bank of Spain, the central bank, yesterday said internal demand was growing.",
     "Mariano Rubio", "governor"),
    ("Gerold Tandler, General Secretary of the Christian Social Union Party, detailing the cuts at a news "
     "conference, said the budget would fall.", "Gerold Tandler", "General Secretary"),
])
def test_a_job_description_after_a_name_is_that_person_not_a_second_source(text, name, title):
    """ "X, vice-president of Y, an association of ..., said": the description piece names no one new."""
    sources = _sources(text)
    people = [source for source in sources.values() if source["kind"] in ("person", "anonymous")]
    assert [source["name"] for source in people] == [name]
    assert sources[name]["title"] == title


def test_a_job_description_with_no_name_before_stays_a_source():
    text = "Sri Lanka will uproot rubber trees, the head of the government's Rubber Research Institute told Reuters."
    assert "the head of the government's Rubber Research Institute" in _sources(text)


@pytest.mark.parametrize(("paragraphs", "source", "mention"), [
    (["Acme Bank Corp reported higher profit.", "Earlier the bank said it would raise its dividend."],
     "Acme Bank Corp", "the bank"),
    (["Acme Corp lost money.", "In the same year-ago period the company said it earned five mln dlrs."],
     "Acme Corp", "the company"),
    (["In a report the Kiel institute said growth would slow."], "the Kiel institute", "the Kiel institute"),
])
def test_a_phrase_of_time_before_the_subject_is_no_part_of_it(paragraphs, source, mention):
    """ "Earlier the bank said", "In a report the Kiel institute said": when or where, then who."""
    sources = _sources(*paragraphs)
    assert list(sources) == [source]
    last = len(paragraphs) - 1
    found = [found for found in sources[source]["mentions"] if found["paragraph"] == last]
    assert [paragraphs[last][found[0]["start"]:found[0]["end"]]] == [mention]


@pytest.mark.parametrize(("text", "source"), [
    ("Enrollment will be seven to 12 mln acres, USDA conservation specialists said.", "USDA conservation specialists"),
    ("The issue saw strong investor demand, underwriters said.", "underwriters"),
    ("The rains will not arrive in time, meteorologists said.", "meteorologists"),
    ("Two investors who asked not to be named said they had sold their shares.",
     "two investors who asked not to be named"),
    ("One delegate who declined to be identified said the talks had failed.",
     "one delegate who declined to be identified"),
])
def test_more_groups_cited_by_what_they_are(text, source):
    sources = _sources(text)
    assert list(sources) == [source]
    assert sources[source]["kind"] == "anonymous"


@pytest.mark.parametrize(("text", "source"), [
    ("A quarter of the share capital will be available to foreign investors, government officials said.",
     "government officials"),
    ("But it can still deal in Bally stock as a broker, Bally Manufacturing Corp said.",
     "Bally Manufacturing Corp"),
    ("Speculation is rising for a June election, political sources said.", "political sources"),
])
def test_a_group_before_a_comma_and_another_subject_is_not_cited(text, source):
    """ "available to foreign investors, government officials said": the officials say it, not the investors."""
    assert list(_sources(text)) == [source]


TRANSCRIPT = [
    "BUDAPEST, March 4 (Reuters) - Hungarian Finance Minister Peter Varga gave an interview on the budget.",
    "Central bank governor Gyorgy Suranyi also took part.",
    "QUESTION: Will the forint be devalued?",
    "VARGA: The forint will not be devalued this year.",
    'SURANYI: "We will keep interest rates where they are," and that is final.',
    "NOTE: Figures are provisional.",
]


def test_a_transcript_label_names_the_person_speaking():
    """ "VARGA: ..." opens an answer of a transcript: Varga is cited there, and a quote in it is his."""
    _, quotes, sources = extract_parts(TRANSCRIPT, REFERENCE)
    by_name = {source["name"]: source for source in sources}
    assert set(by_name) == {"Peter Varga", "Gyorgy Suranyi"}
    assert [mention["text"] for mention in by_name["Peter Varga"]["mentions"]] == ["Peter Varga", "VARGA"]
    assert [(quote["text"], quote["speaker"]) for quote in quotes] == [
        ("We will keep interest rates where they are", "Gyorgy Suranyi")]


@pytest.mark.parametrize("paragraph", ["NOTE: Share adjusted for a two-for-one stock split.",
                                       "PRICES: Wheat rose two cents.", "Q: Is the forint safe?"])
def test_a_label_naming_no_one_before_is_no_speaker(paragraph):
    assert _sources("Trader John Smith bought wheat.", paragraph) == {}


def test_a_job_after_a_name_whose_closing_comma_was_left_out_is_that_person():
    text = "Jerry Abbenhaus, analyst for AGE Clearing noted that distant futures prices are already lower."
    sources = _sources(text)
    assert list(sources) == ["Jerry Abbenhaus"]
    assert sources["Jerry Abbenhaus"]["title"] == "analyst"


@pytest.mark.parametrize("text", [
    "Initial reports spoke of water flooding the car decks through the bow doors.",
    "Press reports in Minneapolis newspapers this morning were wrong.",
])
def test_reports_as_a_noun_cite_no_one_by_the_word_before(text):
    """ "Initial reports spoke", "Press reports in ...": "reports" is the noun, no "Initial" or "Press" cited."""
    assert not [name for name in _sources(text) if name in ("Initial", "Press")]


@pytest.mark.parametrize(("paragraphs", "company", "short"), [
    (["Baker International Corp agreed to merge.", "On February 17 Baker said it had signed an agreement."],
     "Baker International Corp", "Baker"),
    (["Bass Group bid for the chain.", "On March 30 Bass said it had agreed to sell its holiday camps."],
     "Bass Group", "Bass"),
])
def test_a_date_before_a_subject_is_no_part_of_its_name(paragraphs, company, short):
    """ "On February 17 Baker said": no "17 Baker"."""
    sources = _sources(*paragraphs)
    assert list(sources) == [company]
    assert [mention["text"] for mention in sources[company]["mentions"]][-1] == short


def test_the_complaint_is_the_lawsuit_introduced_before():
    """ "A lawsuit filed in Manhattan ..." then "the complaint said": one document, as a court files it."""
    paragraphs = ["A lawsuit filed in Manhattan federal court on Tuesday accuses Acme Corp of hiding losses.",
                  "\u201cAcme misled its shareholders for two years,\u201d the complaint said."]
    quotes = extract_parts(paragraphs, REFERENCE)[1]
    assert [quote["speaker"] for quote in quotes] == ["a lawsuit"]


def test_a_word_quoted_after_accused_of_is_the_accusers():
    """ "accused Japan of “dumping” chips": a partial quote of the accuser, not a scare quote."""
    quotes = extract_parts(["Commerce Secretary Malcolm Baldrige accused Japan of \u201cdumping\u201d "
                            "computer chips in third countries."], REFERENCE)[1]
    assert [(quote["text"], quote["kind"], quote["speaker"]) for quote in quotes] == [
        ("dumping", "partial", "Malcolm Baldrige")]


def test_a_term_in_quotation_marks_with_no_accusation_stays_unquoted():
    assert extract_parts(["The company makes so-called \u201csmart\u201d cards for banks."], REFERENCE)[1] == []


@pytest.mark.parametrize(("text", "name", "title"), [
    ("A new rubber pact will be adopted tomorrow, chairman of the negotiating conference Manaspas Xuto of "
     "Thailand said.", "Manaspas Xuto", "chairman"),
    ("Secretary of State for Trade, Miguel Angel Fernandez Ordonez, said this week that inflation fell.",
     "Miguel Angel Fernandez Ordonez", "Secretary"),
])
def test_a_job_before_the_holders_name_leaves_the_holder_the_source(text, name, title):
    """ "chairman of the conference X of Thailand said", "Secretary of State for Trade, X, said": X is cited."""
    sources = _sources(text)
    assert list(sources) == [name]
    assert sources[name]["title"] == title


@pytest.mark.parametrize(("text", "companies"), [
    ("TORONTO, March 3 - Lac Minerals Ltd and Cambior Inc said they completed a second hole at their Doyon mine.",
     ["Lac Minerals Ltd", "Cambior Inc"]),
    ("Dixie Yarns Inc and TI-CARO Inc jointly said they signed a merger agreement.", ["Dixie Yarns Inc", "TI-CARO Inc"]),
])
def test_two_companies_saying_it_together_are_both_cited(text, companies):
    """After a dateline ("TORONTO, March 3 - X and Y said") and with "jointly" before the verb."""
    assert list(_sources(text)) == companies


def test_a_company_named_with_and_cites_no_demonym_before_it():
    text = "LONDON, March 30 - British and Commonwealth Shipping Co Plc <BCOM.L> said it would reorganise."
    assert "British" not in _sources(text)


@pytest.mark.parametrize(("text", "name", "title"), [
    ("Petrobras lost 20 mln dlrs in export orders, the company's commercial director Arthur de Carvalho was "
     "quoted as saying in press reports.", "Arthur de Carvalho", "commercial director"),
    ("Commerce Secretary Malcolm Baldrige was quoted as saying that the yen was too weak.",
     "Malcolm Baldrige", "Commerce Secretary"),
])
def test_quoted_as_saying_cites_the_titled_person(text, name, title):
    """ "X was quoted as saying": X is cited; "the company's commercial director X" is X, not the company."""
    sources = _sources(text)
    assert sources[name]["kind"] == "person"
    assert sources[name]["title"] == title


@pytest.mark.parametrize(("text", "expected"), [
    ("A Hitachi Ltd <HIT.T> spokesman said the plant would close.", {"a Hitachi Ltd spokesman"}),
    ("Walter Kemp, chairman of Kemp Bank AG <KEMG.F>, said profits rose.", {"Walter Kemp"}),
    ("<Norfolk Mines (Quebec) Ltd>, 65 pct owned by Dome Mines Ltd <DM>, said output rose.", set()),
    ("A broker at <Yasuda Trust and Banking Co Ltd> said the yen would rise.",
     {"a broker at Yasuda Trust and Banking Co Ltd"}),
])
def test_ticker_marks_are_no_part_of_a_source(text, expected):
    """ "<HIT.T>" after a name, "<...>" round an unlisted one: wire copy's marks, kept out of names and titles."""
    sources = _sources(text)
    assert expected <= set(sources)
    for source in sources.values():
        for field in ("name", "title", "affiliation"):
            assert "<" not in (source[field] or "") and ">" not in (source[field] or "")
        assert source["name"] not in ("Ltd", "Ltd>")


@pytest.mark.parametrize(("paragraphs", "company"), [
    (["Citicorp said it would raise its prime rate to 7.75 pct."], "Citicorp"),
    (["Den Norske Stats Oljeselskap (Statoil) plans a new platform.", "Statoil said output would rise."],
     "Statoil"),
    (["Rexnord said the sale would close in May.", "Rexnord Inc's shares rose."], "Rexnord"),
    (["Norcros said it would fight the bid.", "Shares of <NORCROS PLC> rose 5p."], "Norcros"),
])
def test_a_one_word_company_is_no_person(paragraphs, company):
    """The article shows the word is a company's: its suffix, its marks, its short form, its ending."""
    assert _sources(*paragraphs)[company]["kind"] == "organization"


def test_a_one_word_surname_stays_a_person():
    sources = _sources("Reagan said he would veto the bill.", "Baker said the dollar was stable.")
    assert sources["Reagan"]["kind"] == "person" and sources["Baker"]["kind"] == "person"


def test_a_firm_named_twice_in_full_is_no_person():
    """Wire copy calls a person by surname after the first mention; "Badger Stearns" written out
    again, no given name opening it, is a firm's name ("Bear Stearns", "Warburg Pincus")."""
    sources = _sources("Badger Stearns handled the trade, crossing four mln shares at 45.",
                       "Badger Stearns would not comment on buyers or sellers.")
    assert sources["Badger Stearns"]["kind"] == "organization"


@pytest.mark.parametrize(("paragraphs", "name"), [
    (["Badger Stearns said the talks would resume.", "Stearns said they would resume in May."], "Badger Stearns"),
    (["Trade Minister Azusa Tanimoto said the talks would resume.", "Azusa Tanimoto said they would resume."],
     "Azusa Tanimoto"),
    (["Mark Tanimoto said the talks would resume.", "Mark Tanimoto said they would resume in May."],
     "Mark Tanimoto"),
])
def test_a_person_named_by_surname_a_title_or_a_given_name_stays_a_person(paragraphs, name):
    assert _sources(*paragraphs)[name]["kind"] == "person"


def test_a_headline_ticker_names_a_one_word_company():
    sources = extract_parts(["Kellogg said sales rose 8 pct."], REFERENCE, headline="KELLOGG <K> SALES RISE")[2]
    assert {source["name"]: source["kind"] for source in sources} == {"Kellogg": "organization"}


@pytest.mark.parametrize(("text", "source"), [
    ("Joao Silva, president of the confederation which groups 152 unions representing 700,000 workers, "
     "told Reuters the strike would go on.", "Joao Silva"),
    ("The federation of 1,200,000 farmers said it would block the roads.", "The federation of 1,200,000 farmers"),
])
def test_a_thousands_separator_splits_no_subject(text, source):
    """ "representing 700,000 workers": the comma in a number ends no clause, so no "representing 700"."""
    names = set(_sources(text))
    assert not [name for name in names if name.rstrip().endswith(("700", " 1", "200"))]
    assert any(name.lower() == source.lower() for name in names), names


@pytest.mark.parametrize("text", [
    "May Department Stores Co said its first quarter sales rose 12 pct.",
    "ST. LOUIS, March 18 - May Department Stores Co, reporting record results, said it was encouraged.",
    "The May Department Stores Co said it has signed an agreement to sell the division.",
])
def test_may_opening_a_company_name_is_no_month(text):
    """ "May" is a month and a modal verb, but before "Department Stores Co" it is the company's first word."""
    sources = _sources(text)
    assert {name: source["kind"] for name, source in sources.items()} == {"May Department Stores Co": "organization"}


def test_source_in_a_company_name_is_no_anonymous_source():
    """ "1st Source Corp": "Source" is a word of the bank's name, not an unnamed source."""
    sources = _sources("1st Source Corp said it had completed its merger with Community State Bank.",
                       "The merger would add 20 mln dlrs to its assets, 1st Source said.")
    assert {name: source["kind"] for name, source in sources.items()} == {"1st Source Corp": "organization"}
    assert len(sources["1st Source Corp"]["mentions"]) == 2


@pytest.mark.parametrize(("text", "source", "affiliation"), [
    ("Ministry of Finance officials said the budget deficit would narrow.", "Ministry of Finance officials",
     "Ministry of Finance"),
    ("Bank of Japan officials said rates would stay unchanged.", "Bank of Japan officials", "Bank of Japan"),
    ("Output will rise this year, a Ministry of Agriculture official said.", "a Ministry of Agriculture official",
     "Ministry of Agriculture"),
    ("But Bank of Japan officials said rates would stay unchanged.", "Bank of Japan officials", "Bank of Japan"),
])
def test_officials_of_a_body_named_with_of_are_one_anonymous_source(text, source, affiliation):
    """As "Treasury officials" are one unnamed source: no "Finance officials" beside a body called "... officials"."""
    sources = _sources(text)
    assert list(sources) == [source]
    assert sources[source]["kind"] == "anonymous"
    assert sources[source]["affiliation"] == affiliation


@pytest.mark.parametrize("text", [
    "Minister of Mines Patrick Chitambala said copper output would rise this year.",
    "LUSAKA, March 17 - Minister of Mines Patrick Chitambala confirmed that Zambia had ended copper shipments.",
])
def test_a_minister_of_something_before_his_name_is_his_title(text):
    """ "Minister of Mines Patrick Chitambala": the title, what it is of, then a given name and surname."""
    sources = _sources(text)
    assert list(sources) == ["Patrick Chitambala"]
    assert sources["Patrick Chitambala"]["kind"] == "person"
    assert sources["Patrick Chitambala"]["title"] == "Minister of Mines"


@pytest.mark.parametrize("text", [
    "Kohlberg Kravis Roberts and Co and Allied-Signal Inc said they would sell the oil unit.",
    "Allied-Signal Inc and Kohlberg Kravis Roberts and Co said they would sell the oil unit.",
    "Chrysler Corp <C> and American Motors Corp <AMO> said they had agreed on the terms.",
])
def test_two_companies_joined_by_and_are_two_sources(text):
    """ "X and Co and Y Inc said": a company's suffix ends its name, the next "and" starts the other's."""
    expected = {"Kohlberg Kravis Roberts and Co", "Allied-Signal Inc"} if "Allied" in text else \
        {"Chrysler Corp", "American Motors Corp"}
    sources = _sources(text)
    assert set(sources) == expected
    assert all(source["kind"] == "organization" for source in sources.values())


def test_a_company_named_as_a_trust_is_no_person():
    assert _sources("Standard Trustco said it expects earnings to rise 15 pct.")["Standard Trustco"]["kind"] == \
        "organization"


def test_a_currency_is_no_source():
    """Wire copy capitalises "the U.S. Dollar"; a currency speaks for nobody."""
    assert set(_sources("The U.S. Dollar said little about the economy, dealers said.")) == {"dealers"}


def test_a_company_and_its_short_name_are_one_source():
    """ "Newmont Gold Corp said", then "Newmont Gold said": one company, listed by its full name."""
    sources = _sources("Newmont Gold Corp said gold sales would rise 22 pct this year.",
                       "Newmont Gold said it would open two mines in Nevada.")
    assert list(sources) == ["Newmont Gold Corp"]
    assert [mention["text"] for mention in sources["Newmont Gold Corp"]["mentions"]] == \
        ["Newmont Gold Corp", "Newmont Gold"]


@pytest.mark.parametrize(("paragraphs", "company", "short"), [
    (["Crater Lake Resources Ltd said it signed a venture with Hecla Mining Co.",
      "Crater Lake said its process may be used at the mine."], "Crater Lake Resources Ltd", "Crater Lake"),
    (["Saga Fjord Petroleum A/S said output rose.", "Saga Fjord said it would drill two wells."],
     "Saga Fjord Petroleum A/S", "Saga Fjord"),
])
def test_a_company_and_its_name_without_its_trade_are_one_source(paragraphs, company, short):
    """ "Crater Lake Resources Ltd said", then "Crater Lake said": the trade's word goes with the suffix."""
    sources = _sources(*paragraphs)
    assert short not in sources
    assert short in [mention["text"] for mention in sources[company]["mentions"]]


def test_a_place_before_a_trade_stays_apart():
    sources = _sources("Cyprus Copper Co said it would close a mine.", "Cyprus said it would tax exports.")
    assert "Cyprus" in sources


def test_a_parent_and_its_unit_stay_apart():
    sources = _sources("BASF AG said profits rose.", "BASF Corp said it would build a plant.", "BASF said it was pleased.")
    assert {"BASF AG", "BASF Corp"} <= set(sources)


@pytest.mark.parametrize(("text", "company"), [
    ("Qintex Ltd of Brisbane said it would bid for the studio.", "Qintex Ltd of Brisbane"),
    ("Gulf International Bank BSC said it would raise its capital.", "Gulf International Bank BSC"),
])
def test_a_company_name_with_words_after_its_suffix_is_no_person(text, company):
    """A company's or a body's word inside a run of capitals, with no given name or title: no person."""
    assert _sources(text)[company]["kind"] == "organization"


@pytest.mark.parametrize(("text", "company"), [
    ("First Boston Corp said it would underwrite the issue.", "First Boston Corp"),
    ("First Interstate Bancorp said it would raise its prime rate.", "First Interstate Bancorp"),
    ("The rates rose a quarter point, First Bank Saint Paul said.", "First Bank Saint Paul"),
    ("First Boston said it would buy the shares.", "First Boston"),
])
def test_first_opening_a_bank_name_stays_in_it(text, company):
    """ "First" is an ordinal the name rules drop, but it opens many a bank's name: no "Boston Corp"."""
    sources = _sources(text)
    assert {name: source["kind"] for name, source in sources.items()} == {company: "organization"}


def test_first_opening_a_sentence_is_no_name():
    assert set(_sources("First, the company said it would cut costs.")) == {"the company"}


def test_a_relative_pronoun_is_no_part_of_a_subject():
    """ "said the official, who the newspaper said was ...": the paper, not an outlet "who the newspaper"."""
    sources = _sources("The administration will act, the New York Times said.",
                       '"Two are visible," said the official, who the newspaper said was a central figure in the fight.')
    assert not [name for name in sources if name.startswith("who")]
    assert sources["New York Times"]["kind"] == "outlet"


def test_a_body_and_its_initials_are_one_source():
    """ "the Federal Trade Commission said", then "the FTC said": one source, under its full name."""
    sources = _sources("The Federal Trade Commission said it would sue to block the merger.",
                       "The FTC said the merger would hurt buyers of the drug.")
    assert list(sources) == ["Federal Trade Commission"]
    assert [mention["text"] for mention in sources["Federal Trade Commission"]["mentions"]][-1] == "FTC"


def test_a_noun_capitalised_after_us_is_no_person():
    """Reuters writes "the U.S. Trade deficit": no person "U.S. Trade" for a later "he said" to find."""
    paragraphs = ["Federal Reserve Board Chairman Paul Volcker said the U.S. Trade deficit was a challenge.",
                  '"It is the Sputnik of our time," he said in an address to educators.']
    sources = _sources(*paragraphs)
    assert list(sources) == ["Paul Volcker"]
    assert extract_parts(paragraphs, REFERENCE)[1][0]["speaker"] == "Paul Volcker"


def test_a_japanese_shimbun_is_an_outlet():
    sources = _sources("Nihon Keizai Shimbun, quoting government sources, said Japan would open talks.")
    assert sources["Nihon Keizai Shimbun"]["kind"] == "outlet"


@pytest.mark.parametrize(("text", "title", "affiliation"), [
    ("Central bank governor Tom Reed said reserves were ample.", "governor", "central bank"),
    ("Central banker Tom Reed said reserves were ample.", "central banker", None),
    ("Company spokesman Tom Reed said reserves were ample.", "company spokesman", None),
    ("Acme Corp chairman Tom Reed said reserves were ample.", "chairman", "Acme Corp"),
])
def test_a_sentences_capitalised_first_word_is_no_affiliation(text, title, affiliation):
    """ "Central bank governor": the capital is the sentence's; "Central" is no body anyone works for."""
    source = _sources(text)["Tom Reed"]
    assert (source["title"], source["affiliation"]) == (title, affiliation)


@pytest.mark.parametrize("text", [
    "Tom Reed, chairman, president and chief executive officer, of Acme Widget Co Inc, said he expects a profit.",
    "Tom Reed, president and chief executive officer of Acme Widget Co Inc said he expects a profit.",
])
def test_titles_listed_after_a_name_are_that_persons(text):
    """The list's "and" is no clause's start: "chief executive officer" is Reed, not an unnamed source."""
    sources = _sources(text)
    assert "Tom Reed" in sources
    assert not any("officer" in name for name in sources)
    assert sources["Tom Reed"]["affiliation"] == "Acme Widget Co Inc"


@pytest.mark.parametrize("paragraphs", [
    ["Congressmen said the new rule would have forced quotas on steel imports."],
    ["Farm-state lawmakers met on Tuesday.", "In addition, the Congressmen said they would seek a larger fund."],
    ["The Republican Congressmen also said they would offer an amendment to the trade bill."],
    ["The Senators said they would offer an amendment to the trade bill."],
])
def test_congressmen_capitalised_are_unnamed_lawmakers(paragraphs):
    """Wire copy capitalises "Congressmen" as it does Congress: members unnamed, no body of that name."""
    sources = _sources(*paragraphs)
    assert not any(source["kind"] == "organization" for source in sources.values())
    assert any(source["kind"] == "anonymous" and source["name"].lower().endswith(("congressmen", "senators"))
               for source in sources.values())
