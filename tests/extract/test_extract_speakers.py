"""Attribution rules one at a time: who a phrase points to, on small texts written for each rule."""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(2025, 4, 12, 9, 0)


def _speakers(*paragraphs: str) -> list[str | None]:
    return [quote["speaker"] for quote in extract_parts(list(paragraphs), REFERENCE)[1]]


def _sources(*paragraphs: str) -> dict[str, dict]:
    return {source["name"]: source for source in extract_parts(list(paragraphs), REFERENCE)[2]}


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # pronoun two paragraphs after the full name, through a surname
        (["Prime Minister Elena Varga spoke on Monday.", "Varga took questions.", "“We are ready,” she said."],
         ["Elena Varga"]),
        # gender keeps "he" off the woman named last
        (["Governor Tom Reed met Mayor Linda Park.", "Park left early. “We disagree,” he said."], ["Tom Reed"]),
        # a person named only as an object is not the "she" who speaks
        (["Governor Ellen Brooks criticised state Treasurer Bill Norton.", "“He is wrong,” she said."],
         ["Ellen Brooks"]),
        # title description resolves to the last person with that title
        (["Senator Amy Klein opposed the bill.", "“It is reckless,” the senator said."], ["Amy Klein"]),
        # lower-case titles before a name
        (["“Sales fell,” chief executive Olivia Brandt said."], ["Olivia Brandt"]),
        # a role no list holds, named by what the person does, before a first name: not the
        # previous sentence's subject ("Ferry")
        (["Ferry route 1 resumed on Monday. “We are back on schedule,” said harbour master Ana Reyes."],
         ["Ana Reyes"]),
        (["“Nobody told us,” said longtime resident Maria Lopez."], ["Maria Lopez"]),
        # a name in apposition to a description
        (["“We follow the law,” a Pentagon spokeswoman, Lt. Col. Dana Ruiz, said."], ["Dana Ruiz"]),
        # "the company" after a named company
        (["Velta Motors denied the report.", "“There is no recall,” the company said."], ["Velta Motors"]),
        # a document speaks for whoever issued it
        (["The Securities Commission sued the exchange in a filing on Friday.",
          "“It misled customers,” the filing states."], ["Securities Commission"]),
        # a quoted-as-saying outlet report: the person quoted speaks
        (["“The gap is too wide,” the daily quoted one negotiator as saying."], ["one negotiator"]),
        # colon lead-in at the end of the previous paragraph
        (["His captain, Luka Horvat, was more measured:", "“We did not play well enough.”"], ["Luka Horvat"]),
        # a bare quote paragraph continues the previous paragraph's speaker
        (["“We will fight,” said Mayor Ana Ruiz.", "“And we will win.”"], ["Ana Ruiz", "Ana Ruiz"]),
        # "the source" is the anonymous source described before
        (["A source familiar with the talks said they failed.", "“Nobody moved,” the source said."],
         ["a source familiar with the talks"]),
    ],
)
def test_speaker_resolution(paragraphs, expected):
    assert _speakers(*paragraphs) == expected


def test_a_role_before_a_first_name_is_the_persons_title():
    source = _sources("“We are back on schedule,” said harbour master Ana Reyes.")["Ana Reyes"]
    assert (source["kind"], source["title"]) == ("person", "harbour master")


def test_anonymous_sources_with_affiliation():
    sources = _sources("Turkish sources stressed the talks were useful, officials who asked not to be named said.")
    assert sources["Turkish sources"]["kind"] == "anonymous"
    assert sources["Turkish sources"]["affiliation"] == "Turkey"
    assert sources["officials who asked not to be named"]["kind"] == "anonymous"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("A source has told Jerusalem Post that talks were held.", "Jerusalem Post"),
        ("A draft report seen by Bloomberg shows losses.", "Bloomberg"),
        ("The influential daily Le Courrier reported the talks.", "Le Courrier"),
        ("She said so in an interview with The New York Times.", "New York Times"),
        ("He told France Info radio that talks continue.", "France Info"),
    ],
)
def test_outlets(text, outlet):
    assert _sources(text)[outlet]["kind"] == "outlet"


@pytest.mark.parametrize("text, name", [
    ("Average daily reserves fell to 52.6 billion marks, the central bank said.", "Average"),
    ("Total daily borrowings in the week fell 99 mln dlrs, the Fed said.", "Total"),
    ("Wilson told the House of Commons daily question period that rates would fall.", "House of Commons"),
    ("Acme Inc agreed to buy the New York-area television station WXYZ for 40 mln dlrs.", "New York-area"),
])
def test_a_daily_or_television_that_qualifies_a_noun_makes_no_outlet(text, name):
    """ "Average daily reserves": "daily" qualifies the noun after it, it is no newspaper the name is of."""
    assert _sources(text).get(name, {}).get("kind") != "outlet"


def test_a_network_that_reported_is_an_outlet():
    assert _sources("The CBS television network reported on Friday that new missiles were installed.")["CBS"][
        "kind"] == "outlet"


def test_companies_named_like_newspapers_are_not_outlets():
    sources = _sources("American Express said its profit rose.")
    assert sources["American Express"]["kind"] != "outlet"


def test_according_to_a_non_source_cites_nobody():
    assert _sources("Support prices vary according to farm size.") == {}


def test_a_company_named_in_full_before_is_its_short_name():
    """ "Marwick Thorne said" after "Marwick Thorne Inc": the company again, not a person of that name."""
    paragraphs = ["Marwick Thorne Inc said on Monday it would cut 200 jobs.",
                  "Marwick Thorne said the cuts would save 40 mln dlrs a year. “We had no choice,” Marwick Thorne said."]
    assert {name: source["kind"] for name, source in _sources(*paragraphs).items()} == {
        "Marwick Thorne Inc": "organization"}
    assert _speakers(*paragraphs) == ["Marwick Thorne Inc"]


def test_a_company_short_name_typed_as_a_company_is_the_company_named_in_full():
    paragraphs = ["Bank Building and Equipment Corp of America said it would buy back shares.",
                  "Bank Building said the buyback would start in May."]
    assert list(_sources(*paragraphs)) == ["Bank Building and Equipment Corp of America"]


@pytest.mark.parametrize("text, name, kind", [
    ("Oregon Steel said it would raise prices by five pct.", "Oregon Steel", "organization"),
    ("Greyhound Lines said it would sell 12 terminals.", "Greyhound Lines", "organization"),
    ("Texaco Canada said it lowered its crude postings.", "Texaco Canada", "organization"),
    # a given name first: a person whose surname is a trade's word
    ("David Steel said he would oppose the bill.", "David Steel", "person"),
    # a company's word where a given name would stand, or another country's company suffix
    ("Banque Paribas said it would lead the issue.", "Banque Paribas", "organization"),
    ("Gruppo Ferruzzi said it had no plans to sell.", "Gruppo Ferruzzi", "organization"),
    ("Neste Oy said it would raise crude output.", "Neste Oy", "organization"),
    # a given name after the company's: a person named after where he works
    ("Credit Suisse Paul Hofer said the bank was cautious.", "Credit Suisse Paul Hofer", "person"),
])
def test_a_trades_word_or_a_country_after_no_given_name_is_a_company(text, name, kind):
    assert _sources(text)[name]["kind"] == kind


def test_a_word_capitalised_after_us_is_no_company():
    """Wire copy capitalises the word after "U.S.": "U.S. Products" must not take the "it said" of the report."""
    paragraphs = ["The report said tariffs could make U.S. Products less competitive.", "“Such policies hurt,” it said."]
    assert _speakers(*paragraphs) == ["the report"]


@pytest.mark.parametrize("paragraphs", [
    ["Treasury Secretary James Baker said the dollar was stable.", "“We are ready,” said Treasury Secertary James Baker."],
    ["Treasury Secretary James Baker said the dollar was stable.", "Treasury Secetary James Baker said rates would fall."],
    ["“We are ready,” said Secertary James Baker."],
])
def test_a_misspelt_title_before_a_given_name_is_a_title(paragraphs):
    """ "Secertary James Baker" is James Baker, whose title was typed wrong, not a second speaker."""
    sources = _sources(*paragraphs)
    assert list(sources) == ["James Baker"]
    assert set(_speakers(*paragraphs)) <= {"James Baker"}


def test_a_plural_is_no_misspelt_title():
    """ "Investors" is "investor" and a letter, but a plural never stands before a name as its title."""
    assert "VMS Mortgage Investors LP II" in _sources("VMS Mortgage Investors LP II said it sold two buildings.")


@pytest.mark.parametrize("full, short", [
    ("Fernando Santos Alvite", "Santos Alvite"),
    ("Denis Bra Kanon", "Bra Kanon"),
    ("Willy De Clercq", "De Clercq"),
])
def test_a_surname_of_two_words_is_the_person_named_in_full(full, short):
    """ "Santos Alvite said" after "Energy Minister Fernando Santos Alvite": one person, named by both surnames."""
    paragraphs = [f"Energy Minister {full} said output would rise.", f"{short} said exports would resume in May.",
                  f"“We will pump more,” {short} said."]
    assert list(_sources(*paragraphs)) == [full]
    assert _speakers(*paragraphs) == [full]


@pytest.mark.parametrize("text, person", [
    ("U.K. Chancellor of the Exchequer Nigel Lawson said rates would fall.", "Nigel Lawson"),
    ("U.S. Secretary of Agriculture Richard Lyng said the talks would resume.", "Richard Lyng"),
    ("Bank of Spain Governor Mariano Rubio said rates would fall.", "Mariano Rubio"),
])
def test_a_title_with_where_its_holder_serves_is_no_name(text, person):
    """ "U.K. Chancellor of the Exchequer Nigel Lawson said": Lawson said it, not a person "U.K. Chancellor"."""
    assert list(_sources(text)) == [person]


def test_an_and_before_the_next_name_is_no_part_of_an_organisation():
    """ "The Bank of England and Fed said": the "and" joins the next name, it does not end the bank's."""
    paragraphs = ["The Bank of England and the Federal Reserve Board agreed new standards, the Bank of England said.",
                  "The Bank of England and Fed said they faced a dilemma.", "“We are determined to act,” it said."]
    assert "Bank of England and" not in _sources(*paragraphs)
    assert _speakers(*paragraphs) == ["Bank of England"]


def test_a_firm_after_of_is_not_where_a_title_is_held():
    """ "William Sullivan of Dean Witter Reynolds": "Dean" opens the firm's name, it is not Reynolds's title."""
    assert _speakers("“One could make a case,” said William Sullivan of Dean Witter Reynolds.") == ["William Sullivan"]


def test_according_to_in_capitals_cites_its_source():
    """Headline-style copy writes the phrase in capitals: the quick pre-check must not be case-sensitive."""
    sources = _sources("OUTPUT WILL FALL FIVE PCT THIS YEAR, ACCORDING TO THE ENERGY MINISTRY.",
                       "Exports rose, According To the Trade Council.")
    assert sources["ENERGY MINISTRY"]["kind"] == "organization"
    assert sources["Trade Council"]["kind"] == "organization"


def test_a_company_with_its_ticker_is_the_subject_of_its_statement():
    """Wire copy writes "Acme Corp <ACME.N> said": the ticker hid the company from the cue."""
    sources = _sources("Jardine Matheson Holdings Ltd <JARD.HKG> said it planned a bonus issue.",
                       "Visual Graphics Corp <VGCB> said its board declared a dividend.")
    assert sources["Jardine Matheson Holdings Ltd"]["kind"] == "organization"
    assert sources["Visual Graphics Corp"]["kind"] == "organization"


@pytest.mark.parametrize("text, company", [
    ("<Bryson Oil and Gas Plc> said it paid 5.4 mln dlrs for a stake in Cenergy Corp.", "Bryson Oil and Gas Plc"),
    ("LONDON, March 2 - <Royal Bank of Canada> said it expects higher loan losses.", "Royal Bank of Canada"),
])
def test_an_unlisted_company_in_angle_marks_is_the_subject_of_its_statement(text, company):
    """Wire copy marks a company with no ticker "<Name>": the marks are no part of the name."""
    assert {name: source["kind"] for name, source in _sources(text).items()} == {company: "organization"}


@pytest.mark.parametrize("text, person", [
    ("Henry Rosenberg, chairman of Crown Central Petroleum Corp told Reuters prices would fall.",
     "Henry Rosenberg"),
    ("But Hannes Androsch, head of Creditanstalt-Bankverein told Reuters he opposed a cut.", "Hannes Androsch"),
])
def test_a_title_left_open_after_a_name_belongs_to_the_name(text, person):
    """ "Name, chairman of Org told": the person speaks, not someone called "chairman of Org"."""
    sources = _sources(text)
    assert sources[person]["kind"] == "person"
    assert not [name for name in sources if name.startswith(("chairman", "head"))]


def test_a_lone_letter_in_quotation_marks_is_a_label_not_a_quote():
    """Class "B" shares: said near it, but nobody said "B"; "No." is still an answer someone gave."""
    _, quotes, _ = extract_parts(['Swire Pacific said it plans a bonus issue for its "A" and "B" shares.',
                                  'Asked whether the yen was undervalued, Baker replied, "No."'], REFERENCE)
    assert [quote["text"] for quote in quotes] == ["No."]


def test_a_background_paper_is_a_document_not_a_newspaper():
    sources = _sources("A government background paper said exports would rise.",
                       "The paper said Japanese agriculture has been slow to improve.")
    assert sources["a government background paper"]["kind"] == "organization"
    assert sources["the paper"]["kind"] == "outlet"  # alone, "the paper" is still a newspaper


@pytest.mark.parametrize("text, source, affiliation", [
    ("The sources, who asked not to be named, said the government will back the plan.", "the sources", None),
    ("A British source, who declined to be identified further, said the talks could resume.",
     "a British source", "United Kingdom"),
    ("Officials, who requested anonymity, said the talks had stalled.", "officials", None),
    ("The official, who was not named, said the ban had failed.", "the official", None),
    ("A Finance Ministry spokesman, asked for a reaction to the remarks, said he could make no comment.",
     "a Finance Ministry spokesman", None),
])
def test_a_clause_of_anonymity_is_no_title(text, source, affiliation):
    """ "who asked not to be named" says what the source did: it was their title ("asked not") and
    affiliation ("be named") in /articles/<id>/attribution."""
    found = _sources(text)[source]
    assert (found["kind"], found["title"], found["affiliation"]) == ("anonymous", None, affiliation)


def test_a_who_is_clause_still_gives_the_title():
    found = _sources("Jan Berg, who is a spokesman for the ministry, said the plan would go ahead.")["Jan Berg"]
    assert (found["title"], found["affiliation"]) == ("spokesman", "the ministry")


@pytest.mark.parametrize("text, speaker, affiliation", [
    ('"The issue must be resolved," said Tennessee Gas Transmission Co president R.C. Thomas.',
     "R.C. Thomas", "Tennessee Gas Transmission Co"),
    ('"They have enormous growth plans," said Michael Lewis, an analyst with E.F. Hutton Group.',
     "Michael Lewis", "E.F. Hutton Group"),
])
def test_initials_run_together_end_no_sentence(text, speaker, affiliation):
    """ "R.C." and "E.F." are initials, as "U.S." is: the sentence ran on, the quote was R.C.'s
    ("R.C." the speaker) and Hutton's analyst's quotes went to E.F. Hutton."""
    _, quotes, sources = extract_parts([text], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == [speaker]
    assert {source["name"]: source["affiliation"] for source in sources} == {speaker: affiliation}


@pytest.mark.parametrize("byline", ["by Cal Mankowski, Reuters", "By BERNICE NAPACH, Reuters", "By Tom Lee"])
def test_the_byline_is_not_who_he_is(byline):
    """The writer is never the "he" of a quote: with nobody else named before it, "he added" made
    the byline's author (or "Reuters" of "it said") the speaker and a source of the story."""
    _, quotes, sources = extract_parts([byline, "LONDON, March 3 - Refiners will cut runs, officials said.",
                                        '"We expect to cut runs this year," he added.'], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == ["officials"]
    assert [source["name"] for source in sources] == ["officials"]


@pytest.mark.parametrize("who, title", [("senior economist John Smith", "senior economist"),
                                        ("senior vice president John Smith", "senior vice president")])
def test_a_senior_title_before_a_name(who, title):
    """ "senior" is a determiner of descriptions ("senior officials said") and a title word: the quote
    of '"...," senior economist John Smith said.' had no speaker at all."""
    _, quotes, sources = extract_parts([f'"Sales fell sharply," {who} said.'], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == ["John Smith"]
    assert [(source["name"], source["title"]) for source in sources] == [("John Smith", title)]


def test_he_is_not_the_man_the_quote_speaks_of():
    """'"Dick Darman has contributed mightily ...," he said.' went to Richard Darman, the last man
    named: a quote speaking of someone by name is not that person's (the Reuters stories had eight)."""
    assert _speakers("Treasury Secretary James Baker praised his deputy, Richard Darman.",
                     "Baker acknowledged Darman would be sorely missed.",
                     '"Dick Darman has contributed mightily to the success of this administration," he said.') == [
        "James Baker"]
    assert _speakers("Minister Tom Berg met Erik Olsen on Monday.",
                     '"I was reassured by the determination of Mr. Olsen to support the deal," he said.') == [
        "Tom Berg"]


def test_a_relative_clause_after_an_unnamed_source_is_not_its_name():
    """ "according to an analyst at a major Wall Street firm who declined to be identified" gave the
    source "an analyst at a major Wall Street firm who" beside "an analyst at a major Wall Street firm"."""
    sources = _sources("Ames said the bid was low, according to an analyst at a major Wall Street firm "
                       "who declined to be identified.")
    assert [name for name, source in sources.items() if source["kind"] == "anonymous"] == [
        "an analyst at a major Wall Street firm"]


@pytest.mark.parametrize("text", [
    'An analyst who asked to remain unidentified, discouraged the rumor. "It is dead," he said.',
    'An analyst who asked for anonymity said the bid was low. "It is dead," he said.',
])
def test_asking_to_remain_unidentified_is_anonymity_not_a_statement(text):
    """'asked' is a reporting verb, so 'An analyst who asked to remain unidentified' gave the source
    'an analyst who' (reuters-3864), whose quotes went to that name."""
    _, quotes, sources = extract_parts([text], REFERENCE)
    names = [source["name"] for source in sources if source["kind"] == "anonymous"]
    assert len(names) == 1 and names[0].startswith("an analyst who asked") and names[0] != "an analyst who"
    assert [quote["speaker"] for quote in quotes] == names


@pytest.mark.parametrize("text, name", [
    ("Officials who asked not to be named said the talks had stalled.", "officials"),
    ("Officials who asked for anonymity said the talks had stalled.", "officials"),
    ("Analysts who declined to be identified said oil would fall.", "analysts"),
    ("Two diplomats who spoke on condition of anonymity said the talks had stalled.",
     "two diplomats who spoke on condition of anonymity"),
])
def test_a_sentence_opening_with_unnamed_sources_and_their_anonymity(text, name):
    """A capitalised 'Officials who asked not to be named said' gave no source: the description
    pattern reads heads in lower case, and no name parse read through the clause."""
    _, _, sources = extract_parts([text], REFERENCE)
    assert [(source["name"], source["kind"]) for source in sources] == [(name, "anonymous")]


@pytest.mark.parametrize("text, speaker, title", [
    ('"We will fight," said President Bashar al-Assad.', "Bashar al-Assad", "President"),
    ('"We will win," President Abdel Fattah el-Sisi told reporters.', "Abdel Fattah el-Sisi", "President"),
    ('"Supply is ample," said Ahmed al-Sabah.', "Ahmed al-Sabah", None),
])
def test_a_name_ending_in_a_particle_joined_to_it_speaks(text, speaker, title):
    """A name whose last word opens with a lower-case particle ("al-Assad") was no name to the
    attribution: such quotes had no speaker, and the person was no source."""
    _, quotes, sources = extract_parts([text], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == [speaker]
    assert [(source["name"], source["title"]) for source in sources] == [(speaker, title)]


@pytest.mark.parametrize("text, name", [('"We shall overcome," said Martin Luther King Jr.', "Martin Luther King Jr"),
                                        ('Martin Luther King Jr. said, "We shall overcome."', "Martin Luther King Jr"),
                                        ('"We shall overcome," said Martin Luther King III.', "Martin Luther King III")])
def test_a_title_word_before_a_name_suffix_is_the_surname(text, name):
    """ "King" is a title, but "Martin Luther King Jr." is no King named "Jr.": the speaker was
    "Jr" (a person titled "King" of "Martin Luther"), or "III" an organisation."""
    _, quotes, sources = extract_parts([text], REFERENCE)
    assert [quote["speaker"].rstrip(".") for quote in quotes] == [name]
    assert [(source["name"].rstrip("."), source["title"], source["kind"]) for source in sources] == [
        (name, None, "person")]


def test_an_age_between_a_name_and_its_title():
    """ "Maria Lopez, 54, a union leader, said: ..." gave the quote no speaker (the subject read as
    "54, a union leader"), and the title "54, union leader" where the age was kept."""
    _, quotes, sources = extract_parts(['Maria Lopez, 54, a union leader, said: "We will not back down."'], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == ["Maria Lopez"]
    assert [(source["name"], source["title"]) for source in sources] == [("Maria Lopez", "union leader")]


@pytest.mark.parametrize("text", ["Jan Berg, who is a spokesman for the ministry, said the plan would go ahead.",
                                  "Jan Berg, who is also a spokesman for the ministry, said the plan would go ahead."])
def test_who_is_a_title_names_no_second_unnamed_source(text):
    """ "Jan Berg, who is a spokesman for the ministry, said" listed an anonymous source "a spokesman
    for the ministry" beside Jan Berg (and "who is also" gave the title "also spokesman")."""
    assert [(source["name"], source["kind"], source["title"]) for source in _sources(text).values()] == [
        ("Jan Berg", "person", "spokesman")]


@pytest.mark.parametrize(("paragraphs", "expected"), [
    # a surname that is also a month or a verb, after a first name
    (["“Brexit means Brexit,” Theresa May said on Tuesday."], ["Theresa May"]),
    (["Prime Minister Theresa May said: “Brexit means Brexit.”"], ["Theresa May"]),
    (["“We will win,” Grace Will said."], ["Grace Will"]),
    # then the surname alone, of the person named before
    (["“Brexit means Brexit,” Theresa May said.", "“We will deliver it,” May said."], ["Theresa May"] * 2),
    # "Will" as a first name (Reuters: "Will Buttrose, an analyst with ...")
    (["Will Hutton said: “We will not back down.”"], ["Will Hutton"]),
    (["“We will win,” said Will Smith, a spokesman."], ["Will Smith"]),
    # but a month and a question's verb stay out of names
    (["In June Reagan said: “We will not negotiate.”"], ["Reagan"]),
    (["Will Japan cut rates? “We will see,” said Mark Carney."], ["Mark Carney"]),
    (["“Prices will fall by May,” said Mark Carney."], ["Mark Carney"]),
    (["Since last August Smart has led the talks.", "“It is slow,” Smart said."], ["Smart"]),
    # a surname that is also a title, after a given name (Reuters: "analyst Brian Singer")
    (["“The rally will be short-lived,” said Harbor Trust analyst Carl Singer."], ["Carl Singer"]),
    (["“The level is resistance,” Dale Hooper and Finch Futures analyst Carl Singer said."], ["Carl Singer"]),
    (["“We will hold the line,” John Major said."], ["John Major"]),
    (["“Rates will rise,” said Mary Bishop.", "“Not soon,” Bishop added."], ["Mary Bishop"] * 2),
])
def test_words_that_are_names_too(paragraphs, expected):
    assert _speakers(*paragraphs) == expected


def test_a_firm_of_two_names_before_an_analyst_is_his_affiliation_not_a_second_speaker():
    sources = _sources("“The level is resistance,” Dale Hooper and Finch Futures analyst Carl Singer said.")
    assert list(sources) == ["Carl Singer"]
    assert sources["Carl Singer"]["affiliation"] == "Dale Hooper and Finch Futures"


def test_a_month_alone_is_no_source():
    assert "May" not in _sources("Brent May traded at 18.50 dlrs, dealers said.")
    assert "Will Japan" not in _sources("Will Japan cut rates? “We will see,” said Mark Carney.")


@pytest.mark.parametrize(("paragraphs", "expected"), [
    # the whole name, then the surname alone: "Kamiński said" is Łukasz Kamiński
    (["Łukasz Kamiński, the mayor of Łódź, opened the plant.", "“It will bring jobs,” Kamiński said."],
     ["Łukasz Kamiński"]),
    (["Éric Zemmour spoke in Lyon.", "“France is back,” Zemmour said."], ["Éric Zemmour"]),
    (["Ursula von der Leyen and Ólafur Grímsson met.", "“Fine,” Grímsson said."], ["Ólafur Grímsson"]),
    (["Ștefan Popescu, the governor, met bankers.", "“Rates stay,” Popescu said."], ["Ștefan Popescu"]),
    # two such names in one paragraph
    (["Ángel Gurría spoke first. Émile Roux then took questions.", "“No comment,” Roux said."], ["Émile Roux"]),
])
def test_a_name_opening_with_an_accented_capital_is_read_whole(paragraphs, expected):
    """Names were read from capitals A to Z only: "Łukasz Kamiński" was the mention "Kamiński",
    "Éric Zemmour" was "Zemmour", so the surname said later named a person of its own, and
    `speaker=Éric Zemmour` missed the quote. 216 of 537 Reuters stories naming people lost
    or cut a name once the names' initials were given accents (Á, Č, É, Ł, Ö, Š, ...)."""
    assert _speakers(*paragraphs) == expected


def test_a_title_after_an_accented_name_is_its_title_not_a_source():
    """ "Ömer Çelik, AK Party spokesman, said" listed "AK Party spokesman" as a source beside him."""
    assert [(source["name"], source["title"]) for source in _sources(
        "Ömer Çelik, AK Party spokesman, said the vote was fair.").values()] == [("Ömer Çelik", "AK Party spokesman")]


@pytest.mark.parametrize("paragraphs", [
    ["“We agree,” said Angela Merkel\u200e."],
    ["\u200fAngela Merkel\u200e met Emmanuel Macron.", "“We agree,” Merkel said."],
    ["Angela Merkel\u200f said: “We agree.”"],
    # an isolate or a mark before it: the name opened at no capital, and there was no speaker
    ["“We agree,” said \u2067Angela Merkel\u2069, the chancellor."],
    ["\u2066Angela Merkel\u2069 said: “We agree.”"],
    ["“We agree,” said \u200eAngela Merkel."],
])
def test_a_direction_mark_beside_a_name_is_no_part_of_it(paragraphs):
    """Right-to-left copy sets direction marks around Latin names: "said Angela Merkel\u200e."
    named a speaker "Angela Merkel\u200e", whose key `speaker=Angela Merkel` did not match and whose
    facet bucket stood apart from hers."""
    assert _speakers(*paragraphs) == ["Angela Merkel"]
    assert "Angela Merkel" in _sources(*paragraphs)


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["“We will win,” said Joe Biden 👍"], [("Joe Biden", "We will win")]),
    (["“We will win,” said Joe Biden 🇺🇸."], [("Joe Biden", "We will win")]),
    (["“We will win,” Joe Biden 👍🏽 said."], [("Joe Biden", "We will win")]),
    (["“We will win,” said Joe Biden.🇺🇸"], [("Joe Biden", "We will win")]),
    (["Joe Biden 🇺🇸 said: “Great day 🎉”"], [("Joe Biden", "Great day 🎉")]),  # quoted, it stays
])
def test_an_emoji_beside_a_name_is_no_part_of_it(paragraphs, expected):
    """Copy of a post sets emoji beside names: the name ran into the emoji and was no name, so the
    quote had no speaker, or it was named with the flag ("Joe Biden.🇺🇸")."""
    quotes = extract_parts(list(paragraphs), REFERENCE)[1]
    assert [(quote["speaker"], quote["text"]) for quote in quotes] == expected
    assert list(_sources(*paragraphs)) == ["Joe Biden"]


def test_mentions_keep_the_text_as_written_beside_an_emoji_and_a_dateline():
    body = ["LONDON, May 2 (Reuters) - Joe Biden 👍 spoke.", "“We will win,” said Joe Biden 👍"]
    for source in extract_parts(body, REFERENCE)[2]:
        for mention in source["mentions"]:
            assert body[mention["paragraph"]][mention["start"]:mention["end"]] == mention["text"], source


@pytest.mark.parametrize(("paragraphs", "name", "title"), [
    (['"Prices have turned a corner," Commissioner Robert T. (Bob) Hale told reporters.',
      '"We expect more drilling," he added.'], "Robert T. Hale", "Commissioner"),
    (['"Prices have turned a corner," said Robert (Bob) Hale.', '"We expect more drilling," Hale added.'],
     "Robert Hale", None),
])
def test_a_nickname_in_parentheses_inside_a_name_is_no_part_of_it(paragraphs, name, title):
    """The parentheses cut the name in three: the whole phrase, title and nickname too, was a speaker."""
    assert _speakers(*paragraphs) == [name, name]
    sources = _sources(*paragraphs)
    assert list(sources) == [name]
    assert sources[name]["title"] == title


def test_a_company_with_a_word_in_parentheses_stays_a_company():
    sources = _sources("Jardine Fleming (Securities) Ltd analyst Nick Edwards said the market would recover.")
    assert "Nick Edwards" in sources


def test_a_minister_and_a_titled_banker_both_speak():
    sources = _sources("Finance Minister Gerd Holm met bankers.",
                       "Holm and Bundesbank President Karl Otto Moser said the accord held.")
    assert {"Gerd Holm", "Karl Otto Moser"} <= set(sources)
    assert sources["Karl Otto Moser"]["affiliation"] == "Bundesbank"
