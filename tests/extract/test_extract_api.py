"""`extract()`: what it keeps from the input, what it fills, and the wire forms it handles."""

from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract, extract_parts

REFERENCE = datetime(2025, 4, 12, 9, 0)


def _quotes(*paragraphs: str) -> list[dict]:
    return extract_parts(list(paragraphs), REFERENCE)[1]


def test_in_body_dateline_after_byline_fills_missing_fields():
    article = {"headline": "x", "body": ["By Jane Doe, Reuters", "GENEVA, March 3 (Reuters) - Talks ended."],
               "dateline": {"place": None, "published_at": "2025-03-03T10:00:00"}}
    result = extract(article, REFERENCE)
    assert result["dateline"] == {"place": "Geneva", "agency": "Reuters", "published_at": "2025-03-03T10:00:00",
                                  "raw": "GENEVA, March 3 (Reuters) -"}
    assert result["sources"] == []  # the agency wrote the story: it is no source of it


def test_the_dateline_agency_is_a_source_only_where_the_story_cites_it():
    """"(Reuters)" in the dateline made every Reuters story cite Reuters; "told Reuters" does."""
    cites = extract({"headline": "x", "body": [
        "LONDON, March 3 (Reuters) - Oil rose on Tuesday.",
        "\"We expect more,\" John Smith, an analyst at Acme Bank, told Reuters."]}, REFERENCE)
    reuters = [source for source in cites["sources"] if source["name"] == "Reuters"]
    assert [(source["kind"], [m["paragraph"] for m in source["mentions"]]) for source in reuters] == [
        ("outlet", [0, 1])]
    wire = extract({"headline": "x", "body": ["LONDON, March 3 (Reuters) - Shares fell, Bloomberg reported."]},
                   REFERENCE)
    assert [source["name"] for source in wire["sources"]] == ["Bloomberg"]


@pytest.mark.parametrize("outlet, cited", [(None, False), ("Reuters", False), ("reuters.com", False),
                                           ("Thomson Reuters", False), ("The Guardian", True)])
def test_an_agency_is_a_source_of_the_copy_another_outlet_runs(outlet, cited):
    article = {"headline": "x", "outlet": outlet, "body": ["LONDON, March 3 (Reuters) - Oil rose, traders said."]}
    sources = extract(article, REFERENCE)["sources"]
    assert ("Reuters" in [source["name"] for source in sources]) is cited


def test_existing_quotes_and_sources_are_kept():
    given_quotes = [{"text": "kept", "speaker": None}]
    given_sources = [{"name": "Someone", "kind": "person"}]
    article = {"body": ['"We will win," Jane Smith said.'], "quotes": given_quotes, "sources": given_sources}
    result = extract(article, REFERENCE)
    assert result["quotes"] is given_quotes and result["sources"] is given_sources


def test_given_quotes_and_sources_skip_the_whole_pass_but_the_dateline_is_still_read(monkeypatch):
    import loaders.extract as extraction

    def unexpected(*args, **kwargs):
        raise AssertionError("the whole extraction ran though quotes and sources were given")

    monkeypatch.setattr(extraction, "extract_parts", unexpected)
    article = {"body": ["LONDON, March 3 (Reuters) - Oil rose, traders said."],
               "quotes": [{"text": "kept", "speaker": None}], "sources": [{"name": "traders", "kind": "anonymous"}]}
    result = extraction.extract(article, REFERENCE)
    assert (result["dateline"]["place"], result["dateline"]["agency"]) == ("London", "Reuters")
    assert result["quotes"] is article["quotes"] and result["sources"] is article["sources"]


def test_empty_and_odd_bodies_do_not_raise():
    for body in (None, [], "", "just a string", [None, 3, ""], ["“", "”", "\"", "“open"]):
        result = extract({"body": body}, REFERENCE)
        assert isinstance(result["quotes"], list) and isinstance(result["sources"], list)


def test_broken_quote_is_two_quotes_with_one_speaker():
    quotes = _quotes("“We are ready,” said Maria Lopez, the mayor of Springfield. “The plan starts Monday.”")
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("We are ready", "Maria Lopez"), ("The plan starts Monday.", "Maria Lopez")]


def test_multi_paragraph_quote_is_one_quote():
    body = ["Senator John Baird said the bill would fail.",
            "“It has no votes. It has no friends.",
            "“And it has no future,” he said."]
    quotes = _quotes(*body)
    assert len(quotes) == 1
    quote = quotes[0]
    assert (quote["paragraph"], quote["end_paragraph"], quote["speaker"]) == (1, 2, "John Baird")
    assert quote["text"] == "It has no votes. It has no friends. And it has no future"
    assert body[2][:quote["end"]].endswith("no future")


@pytest.mark.parametrize("paragraph, text", [
    ("„Wir lehnen das Abkommen ab“, sagte Anna Berg.", "Wir lehnen das Abkommen ab"),      # German
    ("»Wir lehnen das Abkommen ab«, sagte Anna Berg.", "Wir lehnen das Abkommen ab"),      # German, Danish
    ("”Vi accepterar inte avtalet”, sa Anna Berg.", "Vi accepterar inte avtalet"),         # Swedish, Finnish
    ("»Vi accepterar inte avtalet», sa Anna Berg.", "Vi accepterar inte avtalet"),         # Swedish
    ("„Nie zaakceptujemy tej umowy”, powiedziała Anna Berg.", "Nie zaakceptujemy tej umowy"),  # Polish
    ("«Nous refusons cet accord», a déclaré Anna Berg.", "Nous refusons cet accord"),      # French, as before
])
def test_quotation_marks_of_other_languages_pair(paragraph, text):
    """„...“ was read as two openings: the "quote" was the attribution after it (', sagte Anna
    Berg.'), said by 'Wir'; a quote in ”...” or »...« was not found."""
    assert [quote["text"] for quote in _quotes(paragraph)] == [text]


def test_a_german_quote_over_two_paragraphs_is_one_quote():
    quotes = _quotes("„Wir lehnen das ab.", "„Und wir bleiben dabei“, sagte Anna Berg.")
    assert [(q["text"], q["paragraph"], q["end_paragraph"]) for q in quotes] == [
        ("Wir lehnen das ab. Und wir bleiben dabei", 0, 1)]


def test_straight_quotes_and_inverted_attribution():
    quotes = _quotes('"Prices will rise," said one trader in London.')
    assert quotes[0]["speaker"] == "one trader in London"
    assert quotes[0]["kind"] == "direct"


def test_an_apostrophe_typed_as_a_straight_quotation_mark_opens_no_quote():
    """Wire copy of 1987 writes `Brazil"s`: the mark opened a bogus quote ('s largest coffee producer ...')
    and threw the pairing of the real quotes after it out."""
    quotes = _quotes('Brazil"s coffee output fell, the institute said. "We don"t expect a recovery," '
                     'a trader said.')
    assert [q["text"] for q in quotes] == ['We don"t expect a recovery']
    assert quotes[0]["speaker"] == "a trader"


def test_speaker_by_title_description():
    quotes = _quotes("Senator Amy Klein criticised the plan on Monday.",
                     "“This is reckless,” the senator said.")
    assert quotes[0]["speaker"] == "Amy Klein"


def test_appositive_gives_title_and_affiliation():
    parts = extract_parts(["“No comment,” said Dana Reed, a spokeswoman for the Port Authority."], REFERENCE)
    source = next(s for s in parts[2] if s["name"] == "Dana Reed")
    assert (source["kind"], source["title"], source["affiliation"]) == ("person", "spokeswoman", "the Port Authority")


def test_called_and_titled_are_not_quotes():
    assert _quotes("He called it “a disgrace” and left.") == [] or all(
        q["kind"] == "partial" for q in _quotes("He called it “a disgrace” and left."))
    assert _quotes("The report, titled “Paths to Peace in the Region”, was published.") == []
    assert _quotes("A so-called “peace dividend” was promised.") == []


@pytest.mark.parametrize("outlet, dateline", [
    ("Press Trust of India", "New Delhi, Jan 5 (PTI) The"), ("Yonhap News Agency", "SEOUL, Jan 5 (Yonhap) -- The"),
    ("Associated Press of Pakistan", "Islamabad, Jan 5 (APP): The"), ("Anadolu Agency", "ANKARA (Anadolu) - The"),
    ("Kuwait News Agency", "KUWAIT, Jan 5 (KUNA) -- The"), ("Emirates News Agency", "ABU DHABI, Jan 5 (WAM) -- The"),
])
def test_an_agency_named_in_full_as_the_outlet_is_no_source_of_its_own_story(outlet, dateline):
    """An agency's own feed names its outlet in full ("Press Trust of India") where its
    datelines say "(PTI)": the story is still its own, not one citing it."""
    article = {"headline": "x", "outlet": outlet, "body": [f"{dateline} government said it would act."]}
    result = extract(article, REFERENCE)
    assert result["dateline"]["agency"]
    assert [source["name"] for source in result["sources"]] == ["the government"]
