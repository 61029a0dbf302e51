"""Every source is shown where it is cited, and a dateline's place is not one of them."""

from __future__ import annotations

from datetime import datetime

import pytest

from benchmarks.extraction_eval import load_fixtures
from loaders.extract import extract_parts
from loaders.extract.descriptions import sentence_case
from loaders.extract.names import find_mentions
from loaders.extract.registry import Registry

REFERENCE = datetime(1987, 6, 1)


def _sources(*paragraphs: str) -> dict[str, dict]:
    return {source["name"]: source for source in extract_parts(list(paragraphs), REFERENCE)[2]}


@pytest.mark.parametrize("name, article, reference, expected", load_fixtures(), ids=lambda value: "")
def test_every_source_of_the_labeled_set_has_its_mentions(name, article, reference, expected):
    body = article["body"] if isinstance(article["body"], list) else [article["body"]]
    for source in extract_parts(body, reference)[2]:
        assert source["mentions"], f"{name}: {source['name']!r} is cited but never shown where"
        for mention in source["mentions"]:
            assert body[mention["paragraph"]][mention["start"]:mention["end"]] == mention["text"]


@pytest.mark.parametrize(
    ("paragraphs", "name", "mentioned"),
    [
        # the subject of "said" is found by the verb, not among the names: its mention comes with it
        (["The Dutch grain board said about 100,000 tonnes of wheat have been offered so far."],
         "the Dutch grain board", ["The Dutch grain board"]),
        (["Lithuania's grain sector will grow by just 1.0 pct this year, the agriculture ministry said."],
         "the agriculture ministry", ["the agriculture ministry"]),
        # "the company" points back to the company named, and is a mention of it
        (["Orvik Freight Corp cut its dividend.", "The company said the cut was temporary."],
         "Orvik Freight Corp", ["Orvik Freight Corp", "The company"]),
        # named by its opening capital only: the name is as mid-sentence, the mention as written
        (["Analysts said the cut was expected.", "Later, analysts said it was not enough."],
         "analysts", ["Analysts", "analysts"]),
        # the name, not its appositive, is the mention
        (["Marta Ilves, a spokeswoman for the port, said ships were waiting."], "Marta Ilves", ["Marta Ilves"]),
    ],
)
def test_a_cited_subject_is_mentioned_where_it_is_cited(paragraphs, name, mentioned):
    sources = _sources(*paragraphs)
    assert [mention["text"] for mention in sources[name]["mentions"]] == mentioned


@pytest.mark.parametrize(
    "paragraphs",
    [
        # an inverted "said X" after a dateline of place and state
        ["BRANDON FALLS, OREGON, March 31 - Timber futures now lead the cash market, said Ruth Okafor, "
         "an analyst with Pine Street Research."],
        # a dateline before a sentence whose subject is the counselor
        ["OSLO, March 3 - There was no evidence of winter damage in Norwegian wheat during the recent field "
         "trip, the embassy's agricultural counselor said in a field report.",
         "The report said farmers were optimistic."],
    ],
)
def test_a_datelines_place_is_not_a_source(paragraphs):
    names = {name.lower() for name in _sources(*paragraphs)}
    assert not names & {"brandon falls", "oregon", "oslo"}


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Analysts", "anonymous", "analysts"),
        ("A company spokesman", "anonymous", "a company spokesman"),
        ("A White House spokesman", "anonymous", "a White House spokesman"),
        ("Industry sources", "anonymous", "industry sources"),
        ("Turkish sources", "anonymous", "Turkish sources"),
        ("Pentagon officials", "anonymous", "Pentagon officials"),
        ("Bank of Japan officials", "anonymous", "Bank of Japan officials"),
        ("Trade Department officials", "anonymous", "Trade Department officials"),
        ("U.S. officials", "anonymous", "U.S. officials"),
        ("The company", "organization", "the company"),
        ("The Reagan administration", "organization", "the Reagan administration"),
        ("The Hague", "organization", "The Hague"),
        ("The New York Times", "outlet", "The New York Times"),
        ("A Bergen", "person", "A Bergen"),
    ],
)
def test_a_description_reads_as_it_would_mid_sentence(name, kind, expected):
    assert sentence_case(name, kind) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a company suffix of business copy makes an organisation, not a person
        (["Harbor Valley Bancorp said it raised its prime rate."], {"Harbor Valley Bancorp": "organization"}),
        (["Kettering Cos said fourth-quarter charges would reach 25 mln dlrs."], {"Kettering Cos": "organization"}),
        # a company's first word, after its full name, is the company
        (["Harlan Deposit Corp said it agreed to acquire Colonial.", "Colonial holders get 3.6 shares of Harlan stock.",
          "Harlan said the deal would close in June."], {"Harlan Deposit Corp": "organization"}),
        (["Rates will hold, the U.K. Treasury said."], {"U.K. Treasury": "organization"}),
        # a body named for its country is an organisation, not a person called Canada
        (["Housing starts rose 3 pct, Statistics Canada said."], {"Statistics Canada": "organization"}),
        # a country with its compass point is a place speaking for its government
        (["West Germany said it would not cut rates."], {"West Germany": "organization"}),
        # a day word between the subject and its verb is not part of the subject
        (["Norvale Mining Corp cut its dividend.", "The company today reported a loss for the year."],
         {"Norvale Mining Corp": "organization"}),
        # a year before the subject is the end of a phrase, not a name
        (["In 1986 Tessaly Freight reported sales of five mln dlrs."], {"Tessaly Freight": "person"}),
        # "continued" and "posted" report nothing here: no subject, no source
        (["The company cited its improved earnings outlook and continued strong cash flow as reasons."], {}),
        (["The decrease brings the company's posted price for the grade to 22 dlrs a barrel."], {}),
    ],
)
def test_subjects_of_business_copy(paragraphs, expected):
    assert {name: source["kind"] for name, source in _sources(*paragraphs).items()} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Securities and Exchange Commission said.", [("Securities and Exchange Commission", None, None)]),
        ("He said the Bank of England would act.", [("Bank of England", None, None)]),
        ("Harlow Lynch and Co Inc said", [("Harlow Lynch and Co Inc", None, None)]),
        ("Ministry of International Trade and Industry officials said", [
            ("Ministry of International Trade and Industry", None, None)]),
        ("the Organisation for Economic Cooperation and Development said", [
            ("Organisation for Economic Cooperation and Development", None, None)]),
        ("Reserve Bank of New Zealand Governor Ruth Keane said", [
            ("Reserve Bank of New Zealand", None, None), ("Ruth Keane", "Governor", "Reserve Bank of New Zealand")]),
        ("Bank of Fulton Co said", [("Bank of Fulton Co", None, None)]),
        # a long run with connectors still ends with the whole name
        ("Harbor Totalizator Systems Inc Vice President of Finance Joel Graff said", [
            ("Joel Graff", "Vice President of Finance", "Harbor Totalizator Systems Inc")]),
        # two names, not one
        ("talks between Varga and Horvat ended", [("Varga", None, None), ("Horvat", None, None)]),
        ("Japan and Orvik Corp agreed", [("Japan", None, None), ("Orvik Corp", None, None)]),
        ("Orvik Corp and Tessaly Inc said", [("Orvik Corp", None, None), ("Tessaly Inc", None, None)]),
        ("The Defence Ministry on Monday denied it", [("Defence Ministry", None, None)]),
    ],
)
def test_organisation_names_keep_their_connectors(text, expected):
    assert [(m.name, m.title, m.affiliation) for m in find_mentions(0, text)] == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # the subject cut at "and" is the whole name the text gives
        (["Bowne and Co Inc said its board declared a split."], {"Bowne and Co Inc": "organization"}),
        (["Reserves rose 217 mln dlrs in the week, Bank of Canada said."], {"Bank of Canada": "organization"}),
        # "the Bank" after the Bank of England is the Bank of England
        (["The Bank of England said it provided help.", "The Bank also said rates would hold."],
         {"Bank of England": "organization"}),
    ],
)
def test_subjects_named_with_connectors(paragraphs, expected):
    assert {name: source["kind"] for name, source in _sources(*paragraphs).items()} == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a possessive before a surname says where the person works: "Brennan's Dennis" is Paul Dennis
        (["“Liquidity stays,” said Paul Dennis of brokers Brennan Hollis.", "“It is gone,” Hollis's Dennis noted."],
         ["Paul Dennis", "Paul Dennis"]),
        # a surname that is also a noun ("Singer", "Baker") is still the surname
        (["Prices fell, said Milbrook Futures analyst Brian Singer.",
          "For bonds to rise, “the rally needs to run its course,” Singer said."], ["Brian Singer"]),
        # a title with "of" in it stays one title, and the name after it speaks
        (["“It is clear,” Chancellor of the Exchequer Martin Keel said."], ["Martin Keel"]),
        (["“We agree,” Secretary of State Ada Brandt said."], ["Ada Brandt"]),
        # an initial's full stop does not end the name after "said"
        (["“Our board reviewed the offer,” said Chairman L. Jack Varga."], ["L. Jack Varga"]),
        # "Oslo-based" says where the person works, not who they are
        (["Analyst Tom Weil of Arbor Research said sales rose.", "“It bailed out the quarter,” Oslo-based Weil said."],
         ["Tom Weil"]),
        # "the agency" in wire copy is an agency it reports on, not the wire service
        (["OSLO, March 3 (Reuters) - Exports rose.", "“Recovery helped,” the agency said in its monthly report."],
         ["the agency"]),
    ],
)
def test_speakers_of_wire_copy(paragraphs, expected):
    assert [quote["speaker"] for quote in extract_parts(paragraphs, REFERENCE)[1]] == expected


def test_a_title_with_of_is_one_title():
    assert [(m.name, m.title) for m in find_mentions(0, "Chancellor of the Exchequer Martin Keel said")] == [
        ("Martin Keel", "Chancellor of the Exchequer")]


def test_he_is_not_a_bare_capitalised_word():
    """ "First Interstate" loses "First" to the sentence-word list: a bare "Interstate" is as often a company."""
    registry = Registry()
    chairman = registry.entity("Joseph Pinola", "person", (0, 0))
    registry.entity("Interstate", "person", (1, 0))
    assert registry.last_person((2, 0), "m") is chairman
    titled = registry.entity("Varga", "person", (3, 0))
    titled.title = "Senator"
    assert registry.last_person((4, 0), "m") is titled


def test_a_sentences_first_word_is_no_name():
    sources = _sources("Following the vote, prices fell.", "Consumers said the quota was unfair.",
                       "Note that Arbitragers said nothing.")
    assert {name: source["kind"] for name, source in sources.items()} == {"consumers": "anonymous", "arbitragers": "anonymous"}


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a statement attributed after its clause, with no quotation marks: the person after "said" is cited
        (["Energy futures now set the standard for oil pricing, said Arnold Vance, president of Vance Futures "
          "Group Inc, a consulting firm."], {"Arnold Vance": ("person", "president", "Vance Futures Group Inc")}),
        (["Rates will fall further, said a senior Fed official."], {"a senior Fed official": ("anonymous", None, None)}),
        # "who spoke in London" is no title
        (["Rates will fall, said Tom Reed, who spoke in London."], {"Tom Reed": ("person", None, None)}),
        # a clause after "said" is not who said it; the one "told" is the listener
        (["The unit, a partnership of two firms, said the firm had earmarked 50 mln dlrs for reserves."],
         {"the unit": ("organization", None, None)}),
        (["Orvik Capital, which once sought control of the firm, told the Securities and Exchange Commission "
          "it sold its remaining shares."], {"Orvik Capital": ("organization", None, None)}),
    ],
)
def test_statements_attributed_after_their_clause(paragraphs, expected):
    sources = _sources(*paragraphs)
    assert {name: (s["kind"], s["title"], s["affiliation"]) for name, s in sources.items()} == expected


def test_a_place_named_by_its_feature_is_no_one_he_could_be():
    speakers = [quote["speaker"] for quote in extract_parts([
        "A military spokesman said jets hit oil installations.", "Kharg Island was hit at 0600 GMT.",
        "He said the raids “fall within our policy.”"], REFERENCE)[1]]
    assert speakers == ["a military spokesman"]


@pytest.mark.parametrize(
    ("paragraphs", "name", "kind"),
    [
        # a country cited on its own is its government; a state after a town is an address, no source
        (["QUITO, March 6 - Ecuador today suspended its crude oil exports indefinitely.",
          "Ecuador said the pipeline would take months to repair."], "Ecuador", "organization"),
        (["A small investor group led by Mel Gorch, a Providence, R.I., surgeon, told the Securities and "
          "Exchange Commission it holds 5.1 pct of the company."], "R.I.", None),
        (["Don Lapp, a cash livestock trader in Sioux City, Iowa said he believed the trend is to lighter cattle."],
         "Iowa", None),
        (["Britain and West Germany, backed by the Netherlands, said the plan went too far."], "Britain",
         "organization"),
    ],
)
def test_places_of_wire_copy(paragraphs, name, kind):
    assert (_sources(*paragraphs).get(name) or {}).get("kind") == kind


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a word the article writes in lower case elsewhere is capitalised by its sentence only
        (["Showers continued throughout the week in the cocoa zone, the company said.",
          "Light showers are expected next week."], {"the company"}),
        (["Production of rice is forecast to fall, the ministry said.", "Rice production fell in 1986."],
         {"the ministry"}),
        # copy typed in lower case writes names so too: the surname stays a person
        (["caracas, march 11 - venezuela will cut output, energy minister arturo bracho said.",
          "Bracho said the cut would be temporary. The cut was agreed with bracho's aides."], {"Bracho"}),
        # a surname met before is the person, whatever the article writes in lower case
        (["Analyst Tom Price said rates would fall.", "Price said the price of oil mattered most."], {"Tom Price"}),
    ],
)
def test_a_common_word_opening_a_sentence_is_no_source(paragraphs, expected):
    assert set(_sources(*paragraphs)) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a company's short name after its full one is the company, not a "General" or "Security" Mills
        (["General Mills Inc said profit rose.", "General Mills said the charges would offset gains."],
         {"General Mills Inc": "organization"}),
        (["Security Pacific Corp said it completed the merger.", "Security Pacific announced it in 1986."],
         {"Security Pacific Corp": "organization"}),
        (["Diplomat Electronics Corp said it will cut costs.", "Diplomat said it will dismiss 100 workers."],
         {"Diplomat Electronics Corp": "organization"}),
        # ... while a title before a full name stays a title
        (["General Electric Co said it agreed.", "General Jack Vessey said the army would leave."],
         {"General Electric Co": "organization", "Jack Vessey": "person"}),
        # a firm named "X and Y" is one name: the analyst of it speaks, or the firm itself
        (["Analyst Tim Harris of Phillips and Drew said profits would rise."], {"Tim Harris": "person"}),
        (["Exports rose to 129 pct of the total in 1986, S and P said."], {"S and P": "organization"}),
        (["Johnson and Johnson said the FDA approved the drug."], {"Johnson and Johnson": "organization"}),
        (["Tilney said it bought 80 pct of B and R International Inc, a U.S. insurance broker.",
          "B and R said it was pleased."], {"Tilney": "organization", "B and R International Inc": "organization"}),
        # ... but a title or a ministry keeps its "of X and Y", and two clauses stay two
        (["Indonesian Minister of Mines and Energy Subroto told a seminar prices would rise."],
         {"Subroto": "person"}),
        (["TransCanada made a bid for Dome and Dome said it is in talks."], {"Dome": "organization"}),
    ],
)
def test_companies_named_short_and_firms_of_two_names(paragraphs, expected):
    assert {name: source["kind"] for name, source in _sources(*paragraphs).items()} == expected


def _speakers(*paragraphs: str) -> list[str | None]:
    return [quote["speaker"] for quote in extract_parts(list(paragraphs), REFERENCE)[1]]


@pytest.mark.parametrize(
    ("paragraphs", "speakers"),
    [
        # a number or a quantifier opening a sentence is no one: "Five months ago," is when, then who
        (["Five months ago, Marcus Albrecht stood on a pallet and promised that “no plant will close”."],
         ["Marcus Albrecht"]),
        (["Neither government can easily retreat, said Dr. Petra Lund. “That tells you everything,” she said."],
         ["Petra Lund"]),
        # titles of the sea and the pitch
        (["“They did everything right,” said coxswain Liv Aasen, a primary school teacher."], ["Liv Aasen"]),
        (["Substitute Felix Adeyemi scored twice. “I thought she was joking,” he said."], ["Felix Adeyemi"]),
        # no one is "the" Name, so "she" is not the award
        (["Margit Sand kept the lamp for 40 years.", "In 2015 she was awarded the Coastal Cross. Accepting it, "
          "she said she had only “kept a lamp clean”."], ["Margit Sand"]),
    ],
)
def test_speakers_of_feature_copy(paragraphs, speakers):
    assert _speakers(*paragraphs) == speakers


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # when, then who: the time phrase is not part of the subject
        (["Last month the company announced it would close the hall."], {"the company"}),
        # a sentence the splitter took for an abbreviation still ends there
        (["The premium starts after 10 p.m. The union says members would lose pay."], {"the union"}),
        # "seen by X and later confirmed by Y": the name ends at the "and"
        (["The memo was seen by Bloomberg and later confirmed by the company."], {"Bloomberg"}),
        # a relative clause is no source of its own
        (["Grell reported it to the Northern Amateur Astronomy Network, whose members confirmed it."],
         {"Grell", "members"}),
        (["The company makes batteries.", "Vlietkade Container Terminal said the robots worked."],
         {"Vlietkade Container Terminal"}),
    ],
)
def test_subjects_of_feature_copy(paragraphs, expected):
    assert set(_sources(*paragraphs)) == expected


def test_asking_not_to_be_named_is_no_statement_of_its_own():
    sources = _sources("Ministry sources said Okafor had instructed negotiators to reject any text. Two officials "
                       "who asked not to be named said Port Verran was also prepared to delay signing.")
    assert set(sources) == {"Ministry sources", "two officials who asked not to be named"}


@pytest.mark.parametrize(
    ("paragraphs", "speakers"),
    [
        # a title's abbreviation does not end the name after it
        (["“On balance, this is the best idea,” said Rep. Dan Glickman (D-Kan.), chairman of the committee."],
         ["Dan Glickman"]),
        # a title alone is no name: it points back to whoever holds it
        (["TOKYO, Oct 20 - Japanese Finance Minister Kiichi Miyazawa said the G-7 still support the Louvre Accord.",
          "The Finance Minister further said markets were calm. “There is no special worry,” he added."],
         ["Kiichi Miyazawa"]),
        # a participle opening the sentence is no one
        (["Turning to Europe, Chancellor Nigel Lawson said: “It is most unlikely we will enter soon.”"],
         ["Nigel Lawson"]),
    ],
)
def test_titles_and_openers_of_wire_copy(paragraphs, speakers):
    assert _speakers(*paragraphs) == speakers


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # title-like words open an outlet's name
        (["Prices will fall further, Petroleum Intelligence Weekly said."], {"Petroleum Intelligence Weekly": "outlet"}),
        # "Press reports said": the reports are the subject, not a person called Press
        (["Press reports said Kaufhof wanted a stake."], {}),
        # a company's name that is also a title word, named in full before
        (["Leader Development Corp said it bought shares.", "Leader said the stock is convertible."],
         {"Leader Development Corp": "organization"}),
    ],
)
def test_names_that_look_like_titles(paragraphs, expected):
    assert {name: source["kind"] for name, source in _sources(*paragraphs).items()} == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # groups cited by what they are: unnamed, and written as mid-sentence but for peoples and parties
        ("Opponents said the bill would fail.", {"opponents": "anonymous"}),
        ("Senators said the vote would come soon.", {"senators": "anonymous"}),
        ("Democrats said the measure went too far.", {"Democrats": "anonymous"}),
    ],
)
def test_groups_cited_by_what_they_are(paragraph, expected):
    assert {name: source["kind"] for name, source in _sources(paragraph).items()} == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # a description right before a name is that name's title, not an unnamed source of its own
        ("Goldman Sachs analyst Rod Hall said the shares were cheap.", {"Rod Hall": "person"}),
        # "said its": a company, also when named by two words
        ("Goldman Sachs said its clients were buying.", {"Goldman Sachs": "organization"}),
        # ... but not a person with a first name
        ("Bob Tate said its price was too high.", {"Bob Tate": "person"}),
        # one outlet known by two names is one source, listed by its full name
        ("NAIROBI (AP) - AP said the cooperative grew fast, members told the Associated Press.",
         {"Associated Press": "outlet", "members": "anonymous"}),
    ],
)
def test_companies_titles_and_outlet_names(paragraph, expected):
    assert {name: source["kind"] for name, source in _sources(paragraph).items()} == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # both names before "and" said it
        ("Britain and West Germany said the plan went too far.",
         {"Britain": "organization", "West Germany": "organization"}),
        ("Senator Jake Garn, John Heinz and Richard Selby said they will offer the bill.",
         {"John Heinz": "person", "Richard Selby": "person"}),
        # ... but not the start of a title
        ("Japanese Trade and Industry Minister Hajime Tamura said exports fell.", {"Hajime Tamura": "person"}),
    ],
)
def test_coordinated_subjects_are_each_cited(paragraph, expected):
    assert {name: source["kind"] for name, source in _sources(paragraph).items()} == expected


def test_a_name_after_an_organisations_last_word_is_a_person():
    speakers = _speakers("The failure was preferable, President of the Rio de Janeiro Coffee Trade Association "
                         "Carlos Calmon said.", "“Brazil can export 20 mln bags this year,” Calmon added.")
    assert speakers == ["Carlos Calmon"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # Reuters copy: a name, then a capitalised title "of" something, with or without the closing comma
        ("China has raised prices to reverse a decline in output in 1986, He Kang, Minister of Agriculture, "
         "Animal Husbandry and Fisheries said.",
         {"He Kang": ("person", "Minister", "Agriculture, Animal Husbandry and Fisheries")}),
        ("Prices rose, John Smith, Minister of Agriculture said.",
         {"John Smith": ("person", "Minister", "Agriculture")}),
        ("In Paris, Minister of Finance Edouard Balladur said prices rose.",
         {"Edouard Balladur": ("person", "Minister of Finance", None)}),
        # ... but a place before the comma is no name with a title after it
        ("In New York, Secretary of State Shultz said prices rose.",
         {"Shultz": ("person", "Secretary of State", None)}),
        # A description set off after a name says who the person is: no unnamed source of its own
        ("Prices rose, John Smith, a spokesman for the ministry, said.",
         {"John Smith": ("person", "spokesman", "the ministry")}),
        ("Prices rose, said John Smith, a spokesman for the ministry.",
         {"John Smith": ("person", "spokesman", "the ministry")}),
        ("In Tokyo, a spokesman for the ministry said prices rose.",
         {"a spokesman for the ministry": ("anonymous", None, None)}),
    ],
)
def test_titles_and_descriptions_in_apposition_stay_with_their_name(paragraph, expected):
    found = {name: (source["kind"], source["title"], source["affiliation"])
             for name, source in _sources(paragraph).items()}
    assert found == expected


def test_the_surname_he_before_a_name_is_no_pronoun():
    assert _speakers("“We will raise prices,” He Kang said.", "“Output fell,” he said.") == ["He Kang", "He Kang"]


def test_a_partial_quote_after_a_bare_cited_by_is_the_reporting_subjects():
    speakers = _speakers("“It's getting a little confusing,” said James Carroll, analyst at PaineWebber Group Inc. "
                         "He said the arguments cited by Hughes yesterday for not doing the merger “tend to be weak.”")
    assert speakers == ["James Carroll", "James Carroll"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # what the words before or after a name say it is: a company, not a person's title
        ("Brazil's state-oil company Petrobras has asked the Army to leave, Petrobras said.",
         {"Petrobras": ("organization", None)}),
        ("Acme, a Chicago-based maker of widgets, said it would cut jobs.", {"Acme": ("organization", None)}),
        # ... but a person's title stays one, and a first name makes a person
        ("John Smith, a company director, said it would cut jobs.", {"John Smith": ("person", "company director")}),
        ("Harold Simmons, the Dallas investor, said he was not interested.",
         {"Harold Simmons": ("person", "Dallas investor")}),
    ],
)
def test_a_body_noun_next_to_a_name_makes_it_the_bodys(paragraph, expected):
    assert {name: (source["kind"], source["title"]) for name, source in _sources(paragraph).items()} == expected
