"""Who speaks where wire copy names a person in ways the sentence's first name does not catch.

Each case is shaped like a Reuters sentence that an accuracy pass found
misread: a name with an Arabic particle quoted "as saying", the passive "was
quoted by the daily ... as saying", and a name and what he is with the comma
that should close the description left out ("Melvin Sims, USDA general sales
manager said").
"""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(1987, 3, 4, 9, 0)
LEAD = "BAGHDAD, June 29 - Iraq has rejected its new production quota, the official news agency INA reported."


def _extract(*paragraphs: str) -> tuple[list[dict], dict[str, dict]]:
    _, quotes, sources = extract_parts([LEAD, *paragraphs], REFERENCE)
    return quotes, {source["name"]: source for source in sources}


@pytest.mark.parametrize("sentence", [
    'It quoted Oil Minister Issam Abdul-Rahim al-Chalabi as saying "Iraq will keep to its position."',
    'It quoted Oil Minister Issam Abdul-Rahim al-Chalabi, who returned on Sunday, as saying "Iraq will keep '
    'to its position."',
    'The agency quoted Oil Minister Issam Abdul-Rahim al-Chalabi as saying: "Iraq will keep to its position."',
])
def test_quoted_as_saying_names_the_speaker_whole(sentence):
    """The particle "al-" opens the surname in lower case: the name goes on through it."""
    quotes, sources = _extract(sentence)
    assert [quote["speaker"] for quote in quotes] == ["Issam Abdul-Rahim al-Chalabi"]
    assert "Issam Abdul-Rahim" not in sources
    assert sources["Issam Abdul-Rahim al-Chalabi"]["title"] == "Oil Minister"


@pytest.mark.parametrize("sentence", [
    'Sheikh Ali al-Khalifa al-Sabah was quoted by the local daily al-Qabas as saying: "None of the members '
    'has asked for such a meeting."',
    'Sheikh Ali al-Khalifa al-Sabah was quoted in the newspaper Al-Qabas as saying that "none of the members '
    'has asked for such a meeting."',
])
def test_quoted_in_the_passive_the_subject_speaks_not_the_paper(sentence):
    quotes, sources = _extract(sentence)
    assert [quote["speaker"] for quote in quotes] == ["Ali al-Khalifa al-Sabah"]
    assert "Ali" not in sources


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("A bonus of 37.44 dlrs per tonne was awarded to Continental Grain Co, Melvin Sims, USDA general sales "
     "manager said.", "Melvin Sims", "USDA general sales manager"),
    ('"This product could toughen our trade policy," Ways and Means chairman Dan Rostenkowski, an Illinois '
     "Democrat said.", "Dan Rostenkowski", None),
])
def test_a_description_after_a_name_with_its_closing_comma_missing_is_the_name(sentence, name, title):
    """The description is who the person is, not a second, unnamed source."""
    _, sources = _extract(sentence)
    people = {source_name for source_name, source in sources.items() if source["kind"] != "outlet"}
    assert people == {name}
    if title is not None:
        assert sources[name]["title"] == title


@pytest.mark.parametrize(("sentence", "source"), [
    ("After meeting John Smith, a spokesman said the talks went well.", "a spokesman"),
    ("The company sold its stake to John Smith, the chairman said.", "the chairman"),
    ("The council adjourned after agreeing rules for the 1986 International Cocoa Agreement, an ICCO "
     "spokesman said.", "an ICCO spokesman"),
])
def test_a_name_that_is_the_object_before_it_stays_apart(sentence, source):
    """A verb, a preposition or a capitalised word that is no title before the name: it is not the speaker."""
    _, sources = _extract(sentence)
    assert source in sources
    assert sources[source]["kind"] == "anonymous"


@pytest.mark.parametrize(("sentence", "outlet"), [
    ("The Sunday Times newspaper said the strike was costly.", "Sunday Times"),
    ("The official Xinhua news agency said the strike was costly.", "Xinhua"),
    ("Japan's Kyodo news agency said the strike was costly.", "Kyodo"),
    ("The state-run Al-Ahram daily said the strike was costly.", "Al-Ahram"),
    ("The Jornal do Brasil newspaper said the strike was costly.", "Jornal do Brasil"),
])
def test_a_paper_named_before_its_noun_is_one_outlet(sentence, outlet):
    """ "the Sunday Times newspaper" is the Sunday Times, not a second, unnamed outlet beside it."""
    _, sources = _extract(sentence)
    outlets = {name for name, source in sources.items() if source["kind"] == "outlet" and name != "INA"}
    assert outlets == {outlet}


@pytest.mark.parametrize(("sentence", "outlet"), [
    ("The Soviet newspaper said the strike was costly.", "the Soviet newspaper"),
    ("The Communist Party newspaper said the strike was costly.", "the Communist Party newspaper"),
])
def test_whose_a_paper_is_is_not_its_name(sentence, outlet):
    """The paper is unnamed: "Soviet" and "Communist Party" are no outlets."""
    _, _, sources = extract_parts(["MOSCOW, March 3 - The strike went on.", sentence], REFERENCE)
    assert [(source["name"], source["kind"]) for source in sources] == [(outlet, "outlet")]


def test_a_paper_quoted_in_an_editorial_set_off_by_commas_speaks():
    quotes, sources = _extract(
        'The Jornal do Brasil newspaper, in an editorial today entitled "Dangerous Confrontation," said: "The '
        'strike carries an alarming cost."')
    assert [quote["speaker"] for quote in quotes] == ["Jornal do Brasil"]
    assert "Brasil" not in sources


@pytest.mark.parametrize(("sentence", "source"), [
    ("Acme Inc, in a statement, said it would sell the unit.", "Acme Inc"),
    ("The Banco do Brasil said the loan was repaid.", "Banco do Brasil"),
    ("The Ferruzzi Group will pay 630 mln dlrs, a statement by Ferruzzi released by its Brussels office said.",
     "Ferruzzi Group"),
])
def test_the_body_that_spoke_is_the_source(sentence, source):
    """A phrase set off by commas, a Portuguese particle, a statement and how it came out: the body speaks."""
    _, sources = _extract(sentence)
    assert set(sources) - {"INA"} == {source}


@pytest.mark.parametrize(("sentence", "source"), [
    ("Acme Corp last week said it would cut 500 jobs.", "Acme Corp"),
    ("Acme Corp earlier this month said it would cut 500 jobs.", "Acme Corp"),
    ("A spokesman for the ministry in Brussels earlier said the talks had failed.",
     "a spokesman for the ministry in Brussels"),
    ("Officials in Colombo yesterday said the talks had failed.", "officials in Colombo"),
])
def test_when_before_the_cue_is_no_part_of_who(sentence, source):
    """ "last week", "earlier", "yesterday" between a subject and its verb say when it spoke."""
    _, _, sources = extract_parts(["NEW YORK, March 12 - The market was quiet.", sentence], REFERENCE)
    assert [found["name"] for found in sources] == [source]


def test_a_company_statement_is_the_company_s():
    _, _, sources = extract_parts([
        "HONG KONG, March 12 - Jardine Matheson Holdings Ltd will sell its stakes.",
        "A company statement issued last month said the firm will use the proceeds to repay all debt."], REFERENCE)
    assert [found["name"] for found in sources] == ["Jardine Matheson Holdings Ltd"]


def test_the_party_and_state_of_a_lawmaker_named_before_is_that_lawmaker():
    quotes, _ = _extract("Rep. Don Bonker said the restrictions had cost 17 billion dlrs in exports.",
                         '"This is the chance to attack the trade deficit," the Washington Democrat said.')
    assert [quote["speaker"] for quote in quotes] == ["Don Bonker"]


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("U.S. Department of Agriculture Deputy Administrator William Bailey said the talks had failed.",
     "William Bailey", "Deputy Administrator"),
    ("Enrollment will be seven mln acres, Milton Hertz, administrator for USDA's Agricultural Stabilization "
     "and Conservation Service said.", "Milton Hertz", "administrator"),
])
def test_an_administrator_is_a_title(sentence, name, title):
    _, sources = _extract(sentence)
    assert sources[name]["title"] == title


@pytest.mark.parametrize(("sentence", "source"), [
    ("Output fell 5 pct, according to figures received by the International Sugar Organization.",
     "International Sugar Organization"),
    ("Traffic rose 5 pct, according to data compiled by Aviation Daily.", "Aviation Daily"),
    ("The Commerce Ministry quietly said it would cut tariffs.", "Commerce Ministry"),
    ("Two months ago the central bank of Venezuela announced new rules for exchange houses.",
     "the central bank of Venezuela"),
])
def test_how_and_when_it_spoke_is_no_part_of_the_source(sentence, source):
    _, _, sources = extract_parts(["LONDON, March 12 - The market was quiet.", sentence], REFERENCE)
    assert [found["name"] for found in sources] == [source]


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("Dutch Minister of Foreign Affairs Hans van den Broek said the talks had failed.", "Hans van den Broek",
     "Minister of Foreign Affairs"),
    ("Undersecretary of State for Economic Affairs Allen Wallis said the talks had failed.", "Allen Wallis",
     "Undersecretary of State for Economic Affairs"),
    ("External Affairs Minister Joe Clark said the talks had failed.", "Joe Clark", "External Affairs Minister"),
    ("European Commission President Ursula von der Leyen said the talks had failed.", "Ursula von der Leyen",
     "President"),
])
def test_a_portfolio_of_affairs_is_the_title_s_and_two_particles_the_name_s(sentence, name, title):
    _, sources = _extract(sentence)
    assert sources[name]["title"] == title


@pytest.mark.parametrize(("sentence", "name"), [
    ("National Fuel Gas Co said its board approved a two-for-one stock split.", "National Fuel Gas Co"),
    ("National Self Storage said it has sold nine storage facilities to Southmark Corp.", "National Self Storage"),
])
def test_a_word_that_only_qualifies_a_title_opens_a_name(sentence, name):
    """ "National" is a title's word ("National Security Adviser"), no title alone."""
    _, sources = _extract(sentence)
    assert sources[name]["title"] is None


def test_a_body_described_by_what_it_was_formed_for_is_a_body():
    _, _, sources = extract_parts([
        "CHICAGO, March 23 - Timber Realization Co said it agreed to sell its remaining acres.",
        "Timber Realization, a limited partnership formed to dispose of timberlands, said the sale was completed."],
        REFERENCE)
    assert [(source["name"], source["kind"]) for source in sources] == [("Timber Realization Co", "organization")]


@pytest.mark.parametrize("paragraphs", [
    ["WEST POINT, Va., April 7 - Chesapeake Corp said it has retained Salomon Inc to help it sell Plainwell Paper "
     "Co Inc, a maker of coated papers.",
     "The company said it has decided to sell Plainwell to focus on kraft and tissue products."],
    ["LOS ANGELES, March 13 - Atlantic Richfield Co said it sold its Plant Cell Research Institute unit and its "
     "Arco Seed Co operations.",
     "The company said it sold Plant Cell Research to Montedison SpA of Milan."],
])
def test_the_company_that_speaks_again_is_the_one_that_spoke(paragraphs):
    """ "The company said" after a company named what it sold: the company that spoke, not the one it sold."""
    _, _, sources = extract_parts(paragraphs, REFERENCE)
    assert [source["name"] for source in sources] == [paragraphs[0].split(" - ", 1)[1].split(" said")[0]]


def test_it_said_is_the_body_that_spoke_not_the_last_one_named():
    quotes, _ = _extract(
        "NP Energy Corp said the U.S. Bankruptcy Court has indicated it will appoint a trustee.",
        'It said it hopes the appointment will thwart "hostile" actions by two unsecured creditors.')
    assert [quote["speaker"] for quote in quotes] == ["NP Energy Corp"]


@pytest.mark.parametrize(("sentence", "name", "title"), [
    ("Federal Reserve Board Vice-Chairman Manuel Johnson said the dollar should not fall further.",
     "Manuel Johnson", "Vice-Chairman"),
    ("Chinese Vice-Premier Tian Jiyun said the harvest was good.", "Tian Jiyun", "Vice-Premier"),
])
def test_a_hyphenated_vice_title_is_a_title(sentence, name, title):
    _, sources = _extract(sentence)
    assert sources[name]["title"] == title


def test_a_policymaker_is_an_unnamed_source():
    quotes, sources = _extract('A U.S. economic policymaker said Tokyo and Bonn seem "to want more stimulative '
                               'measures."')
    assert [quote["speaker"] for quote in quotes] == ["a U.S. economic policymaker"]
    assert sources["a U.S. economic policymaker"]["kind"] == "anonymous"


def test_a_partial_quote_s_sentence_ending_in_its_cue_names_its_speaker():
    quotes, _ = _extract('Outside the state-controlled sectors, French goods were "increasingly ill-adapted to '
                         'demand" and over-priced, the OECD report said.')
    assert [quote["speaker"] for quote in quotes] == ["the OECD report"]


def test_an_ambassador_to_gatt_is_posted_to_a_body():
    quotes, sources = _extract('The United States will "pull out all the stops" to defend its rights under GATT, '
                               "U.S. Ambassador to GATT Michael Samuels said.")
    assert [quote["speaker"] for quote in quotes] == ["Michael Samuels"]
    assert sources["Michael Samuels"]["title"] == "Ambassador to GATT"


def test_the_daily_named_after_its_noun_is_the_outlet_quoted():
    quotes, _ = _extract('"NATO efforts bore fruit: Greece will stay in its national waters," said the daily Gunes. '
                         'The top-selling Hurriyet topped its front page with: "Our stand made Greece see reason."')
    assert [quote["speaker"] for quote in quotes] == ["Gunes", "Hurriyet"]


def test_an_unnamed_source_s_adjectives_are_part_of_who_it_is():
    quotes, sources = _extract(
        "A leading Spanish broker said the central bank was applying a more restrictive policy.",
        '"Money supply control is the chief weapon against inflation," he said.')
    assert [quote["speaker"] for quote in quotes] == ["a leading Spanish broker"]
    assert [name for name in sources if name != "INA"] == ["a leading Spanish broker"]


def test_the_unnamed_source_met_before_is_met_again_by_four_words():
    _, _, sources = extract_parts([
        "TOKYO, March 12 - A senior central bank official said there was no room for further easing.",
        "Monetary policy has already done its part, the senior bank official said."], REFERENCE)
    assert [source["name"] for source in sources] == ["a senior central bank official"]


def test_an_aide_to_a_named_official_is_the_aide_not_the_official():
    quotes, sources = _extract('"The grain companies are trying to get this fired up again," an aide to Agriculture '
                               "Secretary Richard Lyng said.")
    assert [quote["speaker"] for quote in quotes] == ["an aide to Agriculture Secretary Richard Lyng"]
    assert sources["an aide to Agriculture Secretary Richard Lyng"]["kind"] == "anonymous"


def test_who_is_reported_to_be_is_no_title():
    _, sources = _extract("An aide to USDA undersecretary Daniel Amstutz, who is reported to be strongly opposed to "
                          "the sale, said the comments were consistent.")
    assert sources["an aide to USDA undersecretary Daniel Amstutz"]["title"] is None


def test_a_capitalised_noun_opening_a_sentence_is_no_speaker():
    _, quotes, sources = extract_parts(["NEW YORK, March 1 - The company filed for protection.",
                                        'Payment of health benefits for retired employees would be made "at '
                                        'substantially reduced levels."'], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == [None]
    assert sources == []


def test_what_an_unnamed_source_was_doing_qualifies_it():
    _, quotes, _ = extract_parts([
        "LONDON, March 1 - Cocoa talks went on, a diplomatic source said.",
        "One ICCO delegate describing the producer/consumer split said consumer proposals back the concept of the "
        'pact, which is "meant to support the market where trade buying is not."'], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == ["one ICCO delegate describing the producer/consumer split"]


def test_a_short_form_quoted_is_listed_and_quoted_by_its_full_name():
    _, quotes, sources = extract_parts([
        "MONTREAL, March 3 - Royal Bank of Canada said it estimates 1987 loan losses at one billion dlrs.",
        'Royal Bank said it set its provisions "given the continued debt-servicing problems."'], REFERENCE)
    assert [source["name"] for source in sources] == ["Royal Bank of Canada"]
    assert [quote["speaker"] for quote in quotes] == ["Royal Bank of Canada"]


def test_a_company_whose_name_holds_a_government_word_is_still_the_company():
    _, _, sources = extract_parts([
        "CLEVELAND, March 19 - Agency Rent-A-Car Inc said its board declared a five pct stock dividend.",
        "The company also said it plans to increase the size of its rental fleet."], REFERENCE)
    assert [source["name"] for source in sources] == ["Agency Rent-A-Car Inc"]


def test_a_reporting_verb_typed_twice_still_names_the_speaker():
    """ "said said Tom Reed": a typo the wire let through; the second verb is no part of the name."""
    quotes, sources = _extract('"Trading will change," said said Tom Reed, Reed and Co chairman.')
    assert [quote["speaker"] for quote in quotes] == ["Tom Reed"]
    assert "Tom Reed" in sources


@pytest.mark.parametrize("sentence", [
    'Tom Reed, oil analyst with Smith Barney, Harris Upham and Co said, "markets have been oversold."',
    'Tom Reed, an analyst at Howard, Weil, Labouisse, Friedrichs, Inc, said, "markets have been oversold."',
])
def test_a_firm_whose_name_holds_commas_is_where_the_speaker_works(sentence):
    """The firm's own commas are no clause's: the analyst speaks, and works for all of it."""
    quotes, sources = _extract(sentence)
    assert [quote["speaker"] for quote in quotes] == ["Tom Reed"]
    assert sources["Tom Reed"]["affiliation"] in ("Smith Barney, Harris Upham and Co",
                                                  "Howard, Weil, Labouisse, Friedrichs, Inc")
    assert not any(name.startswith(("Harris", "Friedrichs")) for name in sources)


def test_a_firm_directly_before_a_persons_name_is_where_he_works():
    """ "... Capital Markets Mario Rossi": the firm's name ends before the given name, and the job
    before it is his, no unnamed analyst of a firm called "... Mario Rossi"."""
    quotes, sources = _extract("Prices could fall, oilseeds analyst for Acme Capital Markets Mario Rossi said.",
                               '"Prices have more upside," Rossi said.')
    assert [quote["speaker"] for quote in quotes] == ["Mario Rossi"]
    assert (sources["Mario Rossi"]["title"], sources["Mario Rossi"]["affiliation"]) == (
        "oilseeds analyst", "Acme Capital Markets")
    assert not any("Rossi" in name for name in sources if name != "Mario Rossi")


def test_a_question_set_off_before_the_subject_names_no_speaker():
    """ "Asked if ..., the rate at the time of the Paris talks, Reed declined ... and said": Reed
    speaks; Paris only stood in what he was asked about."""
    quotes, sources = _extract(
        "Finance Minister Tom Reed said the six nations are abiding by the Paris accord.",
        "Asked if the nations had agreed on 153 yen, the rate at the time of the Paris talks, Reed declined to "
        'give figures and said any mention of rates would create an "unexpected situation."')
    assert [quote["speaker"] for quote in quotes] == ["Tom Reed"]
    assert "Paris" not in sources


@pytest.mark.parametrize(("sentence", "speaker"), [
    ('Central Bank governor Rudi Hartono said on Monday that growth would pick up, but added the "speculators" '
     'could cause trouble again.', "Rudi Hartono"),
    ('White House spokesman Tom Reed defended the curbs and said officials "do not expect a trade war."',
     "Tom Reed"),
    ('Consumer spokesman Peter Mold called the talks "open and realistic."', "Peter Mold"),
])
def test_a_fragment_is_the_titled_persons_not_the_body_he_works_for(sentence, speaker):
    """The sentence's first name was its subject: "Central Bank", not the governor after it."""
    quotes, sources = _extract(sentence)
    assert [quote["speaker"] for quote in quotes] == [speaker]
    assert sources[speaker]["kind"] == "person"


@pytest.mark.parametrize(("sentence", "title", "affiliation"), [
    ('"Structural change is the better answer," visiting Chairman of Acme Motors Roger Hale said in March.',
     "Chairman", "Acme Motors"),
    ('"Structural change is the better answer," visiting chairman Roger Hale said.', "chairman", None),
])
def test_a_visiting_title_holder_is_titled_by_his_office(sentence, title, affiliation):
    """ "visiting" was part of the title, and before a capitalised title it hid the speaker altogether."""
    quotes, sources = _extract(sentence)
    assert [quote["speaker"] for quote in quotes] == ["Roger Hale"]
    assert (sources["Roger Hale"]["title"], sources["Roger Hale"]["affiliation"]) == (title, affiliation)
