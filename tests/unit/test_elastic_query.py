"""Golden tests: the AST and filters compile to exactly these Elasticsearch dicts."""
from __future__ import annotations

from datetime import datetime, timezone

from service.backends.base import HEADLINE_BOOST, MAX_PREFIX_EXPANSIONS, TIE_BREAKER, Filters
from service.backends.elastic_query import ElasticQueryCompiler
from service.query import parse

compile_ = ElasticQueryCompiler().compile


def phrase(field, text, boost=None):
    params = {"query": text, "zero_terms_query": "none"}
    if boost is not None:
        params["boost"] = boost
    return {"match_phrase": {field: params}}


def both(stemmed_or_exact, text):
    suffix = "" if stemmed_or_exact == "stemmed" else ".exact"
    return {"dis_max": {"queries": [phrase(f"headline{suffix}", text, HEADLINE_BOOST),
                                    phrase(f"body{suffix}", text)],
                        "tie_breaker": TIE_BREAKER}}


def test_empty_query_matches_all():
    assert compile_(parse("")) == {"match_all": {}}


def test_a_term_without_words_matches_none():
    assert compile_(parse("🌊")) == {"match_none": {}}
    assert compile_(parse("NOT €")) == {"bool": {"must": [{"match_all": {}}], "must_not": [{"match_none": {}}]}}


def test_word_searches_headline_and_body_stemmed():
    assert compile_(parse("tariffs")) == both("stemmed", "tariffs")


def test_quoted_phrase_searches_exact_subfields():
    assert compile_(parse('"red line"')) == both("exact", "red line")


def test_and_not_or():
    assert compile_(parse("red -tariffs")) == {"bool": {
        "must": [both("stemmed", "red")], "must_not": [both("stemmed", "tariffs")]}}
    assert compile_(parse("tariffs OR quotas")) == {"bool": {
        "should": [both("stemmed", "tariffs"), both("stemmed", "quotas")], "minimum_should_match": 1}}
    assert compile_(parse("NOT red")) == {"bool": {
        "must": [{"match_all": {}}], "must_not": [both("stemmed", "red")]}}


def test_only_exclusions_still_match_everything_else():
    assert compile_(parse("-red -line")) == {"bool": {
        "must": [{"match_all": {}}],
        "must_not": [both("stemmed", "red"), both("stemmed", "line")]}}


def test_field_scopes():
    assert compile_(parse("headline:harbour")) == phrase("headline", "harbour")
    assert compile_(parse('quote:"red line"')) == phrase("quote.exact", "red line")
    assert compile_(parse("speaker:aliyev")) == phrase("speaker", "aliyev")
    assert compile_(parse("dateline:baku")) == phrase("dateline", "baku")


def test_single_word_prefix_is_a_folded_prefix_query():
    assert compile_(parse("Négo*")) == {"dis_max": {"queries": [
        {"prefix": {"headline.exact": {"value": "nego", "boost": HEADLINE_BOOST}}},
        {"prefix": {"body.exact": {"value": "nego"}}},
    ], "tie_breaker": TIE_BREAKER}}


def test_multi_token_prefix_is_a_phrase_prefix():
    assert compile_(parse("body:e-mai*")) == {"match_phrase_prefix": {
        "body.exact": {"query": "e-mai", "max_expansions": MAX_PREFIX_EXPANSIONS}}}


def test_apostrophes_split_words_as_on_the_embedded_backend():
    assert compile_(parse("body:fishermen's")) == phrase("body", "fishermen s")


def test_an_underscore_splits_words_and_still_finds_documents_written_before():
    """"reuters_biz" is the words "reuters biz", as on the embedded backend; a
    document written before the underscore split words holds it whole."""
    assert compile_(parse("body:@Reuters_Biz")) == {"bool": {
        "should": [phrase("body", "@Reuters Biz"), phrase("body", "@Reuters_Biz")], "minimum_should_match": 1}}
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a zero-width non-joiner inside
    assert compile_(parse(f"body:{persian}")) == {"bool": {
        "should": [phrase("body", persian.replace("\u200c", " ")), phrase("body", persian)],
        "minimum_should_match": 1}}
    assert compile_(parse("body:reuters_b*")) == {
        "match_phrase_prefix": {"body.exact": {"query": "reuters b", "max_expansions": MAX_PREFIX_EXPANSIONS}}}


def test_a_period_between_letters_splits_words_and_still_finds_documents_written_before():
    """"Amazon.com" is the words "amazon com", as on the embedded backend; a document
    written before a period between letters split words holds "amazon.com" whole.
    Between digits too ("3.5" is "3 5", as the embedded tokenizer cuts it), and a
    colon between digits, which both tokenizers split, stays."""
    assert compile_(parse("body:Amazon.com")) == {"bool": {
        "should": [phrase("body", "Amazon com"), phrase("body", "Amazon.com")], "minimum_should_match": 1}}
    assert compile_(parse("body:3.5")) == {"bool": {
        "should": [phrase("body", "3 5"), phrase("body", "3.5")], "minimum_should_match": 1}}
    assert compile_(parse("body:16:30")) == phrase("body", "16:30")


def test_greek_is_searched_without_accents_and_as_typed_for_documents_written_before():
    """Greek is indexed without accents, its final sigma a sigma (letter_folding.py); a document
    an older release wrote holds the words as written."""
    assert compile_(parse("body:Αθήνας")) == {"bool": {
        "should": [phrase("body", "Αθηνασ"), phrase("body", "Αθήνας")], "minimum_should_match": 1}}
    assert compile_(parse("body:αθηνα")) == phrase("body", "αθηνα")
    assert compile_(parse("body:Αθή*")) == {"prefix": {"body.exact": {"value": "αθη"}}}


def test_user_text_never_reaches_query_string():
    text = str(compile_(parse('body:x OR (a AND "b c") -dd* "e f" gg*')))
    assert "query_string" not in text


def test_filters():
    compiler = ElasticQueryCompiler()
    since = datetime(2025, 2, 1, tzinfo=timezone.utc)
    filters = Filters.build(since=since, outlet=["Jérusalem  Post", "REUTERS"], section=["business"])
    assert compiler.filters(filters) == [
        {"terms": {"outlet_key": ["jerusalem post", "reuters"]}},
        {"terms": {"section_key": ["business"]}},
        {"range": {"published": {"gte": "2025-02-01T00:00:00+00:00"}}},
    ]
    assert compiler.query(parse("red"), filters) == {"bool": {
        "must": [both("stemmed", "red")], "filter": compiler.filters(filters)}}
    assert compiler.query(parse("red"), Filters()) == both("stemmed", "red")


def test_highlight_query_keeps_positive_leaves_on_highlighted_fields():
    compiler = ElasticQueryCompiler()
    assert compiler.highlight_query(parse('court "red line" -tariffs quote:fish')) == {"bool": {
        "should": [
            phrase("headline", "court"), phrase("body", "court"),
            phrase("headline.exact", "red line"), phrase("body.exact", "red line"),
            phrase("body", "fish"),
        ],
        "minimum_should_match": 1,
    }}
    assert compiler.highlight_query(parse("speaker:aliyev")) is None
