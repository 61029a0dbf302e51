"""prepare(): one raw article dict to what gets indexed, or a readable rejection."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.identity import ID_PATTERN, content_hash, stable_id
from loaders.pipeline import clean_paragraphs, clean_text, drop_soft_hyphens, prepare
from service.errors import ArticleRejected

REFERENCE = datetime(2025, 6, 1)
NOW = datetime(2025, 6, 2, 12, 30, 45, 123456, tzinfo=timezone.utc)


def raw(**fields) -> dict:
    article = {
        "url": "https://portweekly.example/2025/03/03/robots",
        "outlet": "Port Weekly",
        "headline": "Harbour robots tie up first ship",
        "body": ["A start-up's mooring robots tied up a container ship.", "The trial runs until June."],
    }
    article.update(fields)
    return article


def rejection(article) -> str:
    with pytest.raises(ArticleRejected) as caught:
        prepare(article, REFERENCE, now=NOW)
    assert caught.value.code == "invalid_article"
    return caught.value.message


# -- cleaning ---------------------------------------------------------------------

def test_whitespace_is_cleaned():
    article = prepare(raw(headline="  Harbour\trobots \u00a0 tie up\u2009first ship \n",
                          outlet=" Port  Weekly ",
                          body=["  A start-up's   mooring\trobots. ", "Line one\r\nline two"]),
                      REFERENCE, now=NOW)
    assert article["headline"] == "Harbour robots tie up first ship"
    assert article["outlet"] == "Port Weekly"
    assert article["body"] == ["A start-up's mooring robots.", "Line one\nline two"]


def test_soft_hyphens_are_dropped_from_body_and_headline_and_the_id_stays():
    """`&shy;` in a page's text made "inter\u00adnational" two words to the
    embedded index and an unknown one to Elasticsearch: "international" found
    it on neither backend."""
    given = raw(url=None, headline="Inter\u00adnational fish\u00aderies deal",
                body=["The inter\u00adnational deal on fish\u00aderies.", "\u00ad", "Signed."])
    article = prepare(given, REFERENCE, now=NOW)
    assert article["headline"] == "International fisheries deal"
    assert article["body"] == ["The international deal on fisheries.", "Signed."]
    # An article without a url is hashed by its headline: as it was, so a reload keeps its id.
    assert article["id"] == stable_id(dict(given, headline=clean_text(given["headline"])))


#: Paragraphs of plain text (most bodies), and with characters clean_text rewrites or strips.
_PARAGRAPHS = st.text(st.sampled_from(list("ab .\n")), max_size=8) | st.text(
    st.sampled_from(list("ab .\t\n\r\x00\x0b\x0c\x1c\x7f\x85\u00a0\u00ad\u2009\u200b\u3000\ud800")), max_size=8)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PARAGRAPHS, max_size=5))
def test_paragraphs_cleaned_together_are_cleaned_as_each_alone(body):
    """clean_paragraphs looks at a body joined (one look for most bodies): the
    same paragraphs as cleaning each with clean_text, whatever they hold."""
    each = [drop_soft_hyphens(clean_text(part, f"body paragraph {number}"))
            for number, part in enumerate(body, start=1)]
    assert clean_paragraphs(body) == [part for part in each if part]


def test_empty_paragraphs_are_dropped():
    article = prepare(raw(body=["", "  ", None, "Kept one.", "\u00a0\t", "Kept two."]), REFERENCE, now=NOW)
    assert article["body"] == ["Kept one.", "Kept two."]


def test_body_as_one_string_splits_at_blank_lines():
    article = prepare(raw(body="First paragraph\nwrapped.\n\n\n  Second.  \r\n\r\nThird."), REFERENCE, now=NOW)
    assert article["body"] == ["First paragraph wrapped.", "Second.", "Third."]


def test_body_as_one_string_without_blank_lines_splits_at_lines():
    assert clean_paragraphs("one\ntwo\n\nthree") == ["one two", "three"]
    assert clean_paragraphs("one\ntwo\nthree") == ["one", "two", "three"]


def test_clean_text_helpers():
    assert clean_text(None) is None
    assert clean_text("   ") is None
    assert clean_text(12) == "12"
    assert clean_paragraphs(None) == []


def test_control_characters_are_stripped_but_newline_and_tab_kept_as_text():
    article = prepare(raw(headline="nul\u0000byte\u0007 and\u000bform\u000cfeed",
                          body=["keep\ttab\nand line\x1b[0m\x7f\x9b end."]), REFERENCE, now=NOW)
    assert article["headline"] == "nulbyte and form feed"
    assert article["body"] == ["keep tab\nand line[0m end."]


def test_unpaired_surrogate_becomes_the_replacement_character():
    article = prepare(raw(headline="s", body=["A\ud800B."], tags=["\udfff"]), REFERENCE, now=NOW)
    assert article["body"] == ["A\ufffdB."]
    assert article["tags"] == ["\ufffd"]
    assert len(article["content_hash"]) == 64


def test_unpaired_surrogate_where_cleaning_does_not_reach_is_a_rejection():
    assert rejection(raw(dateline={"place\ud800": "Oslo"})).startswith("text holds an unpaired surrogate")


@pytest.mark.parametrize("field, value, reason", [
    ("headline", ["x", "y"], "headline must be text, not a list"),
    ("headline", {"text": "x"}, "headline must be text, not an object"),
    ("headline", True, "headline must be text, not true/false"),
    ("outlet", ["Port Weekly"], "outlet must be text, not a list"),
    ("body", ["fine", {"x": 1}], "body paragraph 2 must be text, not an object"),
    ("body", [["nested"]], "body paragraph 1 must be text, not a list"),
    ("tags", ["ok", {"x": 1}], "tags must be text, not an object"),
    ("dateline", {"place": ["Oslo"]}, "dateline.place must be text, not a list"),
])
def test_structured_value_where_text_belongs_is_rejected_not_stringified(field, value, reason):
    assert rejection(raw(**{field: value})) == reason


def test_authors_and_tags_are_cleaned_lists():
    article = prepare(raw(authors=" Jane  Doe ", tags=["  flood", "", None, "rescue "]), REFERENCE, now=NOW)
    assert article["authors"] == ["Jane Doe"]
    assert article["tags"] == ["flood", "rescue"]


def test_language_defaults_to_english():
    assert prepare(raw(), REFERENCE, now=NOW)["language"] == "en"
    assert prepare(raw(language=" de "), REFERENCE, now=NOW)["language"] == "de"


@pytest.mark.parametrize("given, stored", [("fr-FR", "fr"), ("EN", "en"), ("pt_BR", "pt"), ("zh-Hant-TW", "zh"),
                                           ("English", "English")])
def test_language_is_stored_as_its_primary_subtag_as_feeds_and_pages_store_it(given, stored):
    """JSON and POST kept `fr-FR` as given where a feed or a page stores `fr`: one
    story read from both had two languages, and `language=fr` found one of them."""
    assert prepare(raw(language=given), REFERENCE, now=NOW)["language"] == stored


# -- rejections --------------------------------------------------------------------

def test_rejects_missing_headline():
    assert rejection(raw(headline=None)) == "no headline"
    assert rejection(raw(headline="   ")) == "no headline"


def test_rejects_missing_body():
    assert rejection(raw(body=None)) == "no body text"
    assert rejection(raw(body=[])) == "no body text"
    assert rejection(raw(body=["", "   "])) == "no body text"


def test_rejects_missing_headline_and_body():
    message = rejection({"url": "https://x.example/a", "outlet": "Northgate Post"})
    assert message == "no headline and no body text"


@pytest.mark.parametrize("body, name", [(5, "int"), ({"p": "text"}, "dict"), (3.5, "float"), (True, "bool")])
def test_rejects_body_of_wrong_type(body, name):
    assert rejection(raw(body=body)) == f"body must be text or a list of paragraphs, not {name}"


def test_rejects_non_object():
    assert rejection(["a", "list"]) == "an article must be an object, not list"


def test_rejects_bad_authors_and_dateline():
    assert rejection(raw(authors=5)) == "authors must be a list of strings"
    assert rejection(raw(tags={"a": 1})) == "tags must be a list of strings"
    assert "dateline must be an object" in rejection(raw(dateline="ROTTERDAM"))


def test_rejects_overlong_headline_with_field_name():
    message = rejection(raw(headline="x" * 1001))
    assert message.startswith("invalid article: ")
    assert "headline" in message


@pytest.mark.parametrize("bad_id", [
    "-starts-with-dash",
    ".hidden",
    "has space",
    "slash/inside",
    "question?mark",
    "trailing-newline\n",
    "x" * 129,
])
def test_rejects_id_not_matching_the_pattern(bad_id):
    message = rejection(raw(id=bad_id))
    assert message == ("invalid article: id: must be 1 to 128 letters, digits and . _ : - starting with "
                       "a letter or digit (no '/', spaces or other characters)")


@pytest.mark.parametrize("bad_id, kind", [(True, "true/false"), (False, "true/false"),
                                          ({"$oid": "5f1a2b"}, "an object"), (["a"], "a list")])
def test_rejects_an_id_that_is_no_text_or_number(bad_id, kind):
    assert rejection(raw(id=bad_id)) == f"id must be text or a number, not {kind}"


def test_numeric_id_becomes_text():
    assert prepare(raw(id=12345), REFERENCE, now=NOW)["id"] == "12345"


def test_id_pattern_accepts_the_documented_shapes():
    for good in ("a", "hg-2024-0206-okafor", "reuters:2025.03.03_robots", "x" * 128):
        assert ID_PATTERN.fullmatch(good)
        assert prepare(raw(id=good), REFERENCE, now=NOW)["id"] == good


@pytest.mark.parametrize("url", ["http://portweekly.example:abc/a", "https://portweekly.example:99999/a",
                                 "http://[not-ipv6/a"])
def test_malformed_url_is_a_rejection_not_a_crash(url):
    with pytest.raises(ArticleRejected) as caught:
        prepare(raw(url=url), REFERENCE, now=NOW)
    assert "url" in caught.value.message.lower()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "\x0bjavascript:x"])
def test_a_url_that_is_no_web_address_is_a_rejection_naming_the_url(url):
    assert rejection(raw(url=url)).startswith("invalid article: url: Not a web address")


@pytest.mark.parametrize("url", ["https://portweekly.example/a", "/2025/robots", "robots.html"])
def test_web_and_relative_urls_are_kept(url):
    assert prepare(raw(url=url), REFERENCE, now=NOW)["url"] == url


# -- identity and bookkeeping ----------------------------------------------------------

def test_given_id_is_kept():
    assert prepare(raw(id="pw-2025-robots"), REFERENCE, now=NOW)["id"] == "pw-2025-robots"


def test_id_is_stable_across_calls_and_formats():
    first = prepare(raw(), REFERENCE, now=NOW)
    second = prepare(raw(), REFERENCE, now=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert first["id"] == second["id"]
    assert ID_PATTERN.fullmatch(first["id"])
    # Same article reached through a tracking link, with the body as one string.
    third = prepare(raw(url="https://PortWeekly.example/2025/03/03/robots/?utm_source=x",
                        body="A start-up's mooring robots tied up a container ship.\n\n"
                             "The trial runs until June."), REFERENCE, now=NOW)
    assert third["id"] == first["id"]
    assert third["content_hash"] != first["content_hash"]  # the url text differs


def test_id_without_url_is_stable():
    one = prepare(raw(url=None), REFERENCE, now=NOW)
    two = prepare(raw(url=None), REFERENCE, now=NOW)
    assert one["id"] == two["id"]
    assert one["id"] != prepare(raw(url=None, headline="Other headline"), REFERENCE, now=NOW)["id"]


def test_content_hash_is_stable_and_ignores_ingestion_time():
    first = prepare(raw(), REFERENCE, now=NOW)
    second = prepare(raw(), REFERENCE, now=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert first["ingested_at"] != second["ingested_at"]
    assert first["content_hash"] == second["content_hash"]
    assert len(first["content_hash"]) == 64


def test_content_hash_matches_the_prepared_content():
    article = prepare(raw(), REFERENCE, now=NOW)
    assert article["content_hash"] == content_hash(article)


def test_content_hash_changes_with_the_body():
    first = prepare(raw(), REFERENCE, now=NOW)
    changed = prepare(raw(body=["A start-up's mooring robots tied up two container ships."]), REFERENCE, now=NOW)
    assert changed["id"] == first["id"]
    assert changed["content_hash"] != first["content_hash"]


def test_cleaning_does_not_change_the_hash():
    tidy = prepare(raw(), REFERENCE, now=NOW)
    messy = prepare(raw(headline="  Harbour   robots tie up first ship ", body=[
        " A start-up's mooring robots tied up a container ship.", "", "The trial runs until June.  "]),
        REFERENCE, now=NOW)
    assert messy["content_hash"] == tidy["content_hash"]


def test_ingested_at_is_set():
    assert prepare(raw(), REFERENCE, now=NOW)["ingested_at"] == "2025-06-02T12:30:45+00:00"
    ingested = datetime.fromisoformat(prepare(raw(), REFERENCE)["ingested_at"])
    assert ingested.tzinfo is not None


def test_input_is_not_modified():
    original = raw(body=["  a  ", ""], headline=" h ")
    snapshot = {k: (list(v) if isinstance(v, list) else v) for k, v in original.items()}
    prepare(original, REFERENCE, now=NOW)
    assert original == snapshot


def test_prepared_article_has_every_field():
    article = prepare(raw(), REFERENCE, now=NOW)
    assert {"id", "url", "outlet", "headline", "body", "authors", "language", "section", "tags",
            "dateline", "sources", "quotes", "content_hash", "ingested_at"} <= set(article)
    assert article["sources"] == [] and article["quotes"] == []
    assert set(article["dateline"]) == {"place", "agency", "published_at", "raw"}


# -- extraction: datelines ----------------------------------------------------------------

def test_in_body_dateline_fills_place_agency_and_date():
    article = prepare(raw(body=["ROTTERDAM, March 3 (Reuters) - A start-up's mooring robots tied up a ship.",
                                "The trial runs until June."]), REFERENCE, now=NOW)
    assert article["dateline"] == {
        "place": "Rotterdam",
        "agency": "Reuters",
        "published_at": "2025-03-03T00:00:00",
        "raw": "ROTTERDAM, March 3 (Reuters) -",
    }
    # The text itself is left as written.
    assert article["body"][0].startswith("ROTTERDAM, March 3 (Reuters) - ")


def test_in_body_dateline_year_comes_from_the_reference():
    body = ["ROTTERDAM, March 3 (Reuters) - Robots tied up a ship."]
    early = prepare(raw(body=body), datetime(2025, 3, 1), now=NOW)
    assert early["dateline"]["published_at"] == "2024-03-03T00:00:00"
    late = prepare(raw(body=body), datetime(2026, 1, 15), now=NOW)
    assert late["dateline"]["published_at"] == "2025-03-03T00:00:00"


def test_given_publication_time_wins_over_the_in_body_date():
    article = prepare(raw(body=["ROTTERDAM, March 3 (Reuters) - Robots tied up a ship."],
                          dateline={"published_at": "2025-03-03T09:12:00+00:00"}), REFERENCE, now=NOW)
    assert article["dateline"]["published_at"] == "2025-03-03T09:12:00+00:00"
    assert article["dateline"]["place"] == "Rotterdam"


def test_given_place_wins_over_the_in_body_place():
    article = prepare(raw(body=["ROTTERDAM, March 3 (Reuters) - Robots tied up a ship."],
                          dateline={"place": "Port of Rotterdam"}), REFERENCE, now=NOW)
    assert article["dateline"]["place"] == "Port of Rotterdam"
    assert article["dateline"]["agency"] == "Reuters"


def test_dateline_after_a_byline_paragraph_is_found():
    article = prepare(raw(body=["By Priya Raman", "HALVORSUND, Jan 9 (Kestrel Wire) - The plant will close."]),
                      REFERENCE, now=NOW)
    assert article["dateline"]["place"] == "Halvorsund"
    assert article["dateline"]["agency"] == "Kestrel Wire"
    assert article["dateline"]["published_at"] == "2025-01-09T00:00:00"


def test_ordinary_first_sentence_is_not_a_dateline():
    article = prepare(raw(body=["The port said on Monday - after weeks of delay - that robots would help."]),
                      REFERENCE, now=NOW)
    assert article["dateline"] == {"place": None, "agency": None, "published_at": None, "raw": None}


# -- the extractor's output skips the schema: it must pass the schema unchanged ------------

def _fixture_articles():
    import json
    from pathlib import Path

    folder = Path(__file__).parent.parent / "fixtures" / "extraction"
    for path in sorted(folder.glob("*.json")):
        case = json.loads(path.read_text())
        if "article" in case:  # the seed article is a file of its own
            yield path.stem, case["article"]


@pytest.mark.parametrize("name, article", list(_fixture_articles()))
def test_extracted_quotes_and_sources_are_what_the_full_schema_gives(name, article):
    """prepare() trusts the built-in extractor's quotes and sources; a wrapper around
    the same extractor is not trusted, so the two runs differ only in that check."""
    from loaders.extract import extract
    from service.schemas.article import ArticleSchema

    fast = prepare(article, REFERENCE, now=NOW)
    checked = prepare(article, REFERENCE, now=NOW, extractor=lambda a, r: extract(a, r))
    assert fast == checked
    assert ArticleSchema().load(fast) == fast


def test_the_labeled_set_exercises_the_trusted_path():
    articles = [prepare(article, REFERENCE, now=NOW) for _, article in _fixture_articles()]
    assert sum(bool(a["quotes"]) for a in articles) > 50
    assert sum(bool(a["sources"]) for a in articles) > 50


def test_quotes_given_by_the_input_are_still_checked():
    message = rejection(raw(quotes=[{"text": "", "speaker": "Ann"}]))
    assert "quotes" in message


# -- wire copy's outlet -------------------------------------------------------------

WIRE_BODY = ["PORT VERRAN, March 3 (Reuters) - Estavia's fisheries minister said on Sunday the talks would resume.",
             "The two countries have been at odds since last autumn."]


def test_wire_copy_without_an_outlet_is_its_agencys():
    """ "(Reuters)" in the dateline: Reuters published it, so outlet=Reuters finds it. The id stays the
    one the article had before the outlet was filled in: indexes that hold it are updated, not doubled."""
    article = prepare(raw(url=None, outlet=None, body=WIRE_BODY), REFERENCE, now=NOW)
    assert article["dateline"]["agency"] == "Reuters"
    assert article["outlet"] == "Reuters"
    without_agency = prepare(raw(url=None, outlet=None, body=["Estavia's fisheries minister spoke on Sunday."]),
                             REFERENCE, now=NOW)
    assert without_agency["outlet"] is None
    assert article["id"] == stable_id({**article, "outlet": None})


def test_an_outlet_given_beats_the_dateline_agency():
    """A paper running wire copy keeps its own name as the outlet; the agency stays in the dateline."""
    article = prepare(raw(body=WIRE_BODY), REFERENCE, now=NOW)
    assert (article["outlet"], article["dateline"]["agency"]) == ("Port Weekly", "Reuters")


@pytest.mark.parametrize("change, reason, errors", [
    ({"body": ["A paragraph."] * 2_500},
     "invalid article: body: The body has 2,500 paragraphs; at most 2,000 are accepted: split the story "
     "into parts, or join its shortest paragraphs.", {"body": ["The body has 2,500 paragraphs; at most 2,000 "
                                                     "are accepted: split the story into parts, or join its "
                                                     "shortest paragraphs."]}),
    ({"body": ["Short.", "x" * 100_001]},
     "invalid article: body paragraph 2: This paragraph has 100,001 characters; at most 100,000 are accepted: "
     "split it into shorter paragraphs.", {"body": {1: ["This paragraph has 100,001 characters; at most "
                                                        "100,000 are accepted: split it into shorter paragraphs."]}}),
    ({"headline": "h" * 1_001},
     "invalid article: headline: The headline has 1,001 characters; at most 1,000 are accepted: shorten it.",
     {"headline": ["The headline has 1,001 characters; at most 1,000 are accepted: shorten it."]}),
    ({"url": "https://example.org/" + "x" * 3_981},
     "invalid article: url: The url has 4,001 characters; at most 4,000 are accepted: shorten it.",
     {"url": ["The url has 4,001 characters; at most 4,000 are accepted: shorten it."]}),
    ({"outlet": "o" * 201},
     "invalid article: outlet: The outlet's name has 201 characters; at most 200 are accepted: shorten it.",
     {"outlet": ["The outlet's name has 201 characters; at most 200 are accepted: shorten it."]}),
    ({"authors": [f"Author {n}" for n in range(101)]},
     "invalid article: authors: The article has 101 authors; at most 100 are accepted: name only the people "
     "who wrote it.", {"authors": ["The article has 101 authors; at most 100 are accepted: name only the people "
                                   "who wrote it."]}),
    ({"authors": ["Kari Dahl", "a" * 201]},
     "invalid article: author 2: This author's name has 201 characters; at most 200 are accepted: shorten it.",
     {"authors": {1: ["This author's name has 201 characters; at most 200 are accepted: shorten it."]}}),
    ({"tags": [f"tag{n}" for n in range(101)]},
     "invalid article: tags: The article has 101 tags; at most 100 are accepted: keep the most telling ones.",
     {"tags": ["The article has 101 tags; at most 100 are accepted: keep the most telling ones."]}),
    ({"tags": ["t" * 201]},
     "invalid article: tag 1: This tag has 201 characters; at most 200 are accepted: shorten it.",
     {"tags": {0: ["This tag has 201 characters; at most 200 are accepted: shorten it."]}}),
])
def test_an_article_over_a_limit_is_rejected_naming_the_size_and_the_limit(change, reason, errors):
    """Not the schema's "body: Length must be between 1 and 2000." or "body.0: ...": the
    count found, the limit, which paragraph (counted from 1) and what to do."""
    with pytest.raises(ArticleRejected) as rejected:
        prepare({"headline": "Limits", "body": ["Text."], **change}, REFERENCE, now=NOW)
    assert rejected.value.message == reason
    assert rejected.value.details["errors"] == errors


def test_authors_and_tags_at_their_limits_are_taken():
    article = prepare({"headline": "Limits", "body": ["Text."], "authors": ["a" * 200] * 100,
                       "tags": [f"t{n:0>199}" for n in range(100)]}, REFERENCE, now=NOW)
    assert len(article["authors"]) == 100 and len(article["tags"]) == 100


def test_accents_written_as_marks_of_their_own_are_stored_composed():
    """Copy that writes "é" as "e" and a combining accent (U+0301) is stored composed, so both engines
    index the word "José" is, and the extraction reads the name: "E\u0301ric Zemmour" was no speaker.
    The url stays as given (its id hashes it as written); ids made from the headline do not change."""
    decomposed = raw(headline="Jose\u0301 Mourinho returns", url="https://example.org/Jose\u0301",
                     body=["“France is back,” said E\u0301ric Zemmour."], authors=["Zoe\u0308 Baird"])
    article = prepare(decomposed, REFERENCE, now=NOW)
    assert (article["headline"], article["body"], article["authors"]) == (
        "José Mourinho returns", ["“France is back,” said Éric Zemmour."], ["Zoë Baird"])
    assert [quote["speaker"] for quote in article["quotes"]] == ["Éric Zemmour"]
    assert article["url"] == "https://example.org/Jose\u0301"
    without_url = {**decomposed, "url": None}
    assert prepare(without_url, REFERENCE, now=NOW)["id"] == prepare(
        {**without_url, "headline": "José Mourinho returns"}, REFERENCE, now=NOW)["id"]
