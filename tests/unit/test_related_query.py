"""The related-coverage query: an article's names and words, in the query language."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.query import parse
from service.query.ast import Or, Phrase, Term
from service.query.format import to_text
from service.related import MOST_NAMES, MOST_WORDS, related_query, story_key


def _children(article: dict) -> tuple:
    query = related_query(article)
    return query.children if isinstance(query, Or) else (query,)


def test_names_come_first_as_phrases_then_the_words_used_most():
    article = {
        "headline": "Ferry strike halts crossings",
        "body": ["OSKARVIK, May 2 (Reuters) - The ferry strike halted crossings on Tuesday, the union said.",
                 "The ferry operator said the strike would cost it dearly. Ferry staff want a pay rise."],
        "dateline": {"raw": "OSKARVIK, May 2 (Reuters) -"},
        "sources": [{"name": "Nordlink Ferries", "kind": "organization", "mentions": [{}, {}]},
                    {"name": "Per Holm", "kind": "person", "mentions": [{}]},
                    {"name": "a source close to the talks", "kind": "anonymous", "mentions": [{}]},
                    {"name": "Reuters", "kind": "outlet", "mentions": [{}]}],
        "quotes": [{"speaker": "Per Holm"}, {"speaker": "Per Holm"}],
    }
    children = _children(article)
    # Per Holm: one mention and two quotes; Nordlink Ferries two mentions. Anonymous sources and outlets are no names.
    assert children[:2] == (Phrase("Per Holm"), Phrase("Nordlink Ferries"))
    words = [child.text for child in children[2:]]
    assert words[:3] == ["ferry", "strike", "crossings"]  # 4, 2 + headline's 3 each... in order of weight
    assert not {"said", "the", "would", "tuesday", "reuters", "oskarvik", "may"} & set(words)


def test_a_name_is_not_repeated_among_the_words():
    article = {"headline": "Okafor holds firm", "body": ["Okafor said Okafor would not move."],
               "sources": [{"name": "Okafor", "kind": "person", "mentions": [{}, {}]}]}
    assert _children(article) == (Term("Okafor"), Term("firm"), Term("holds"), Term("move"))  # ties by word


def test_copies_of_one_story_share_a_key_whatever_their_case_and_punctuation():
    assert story_key({"headline": "FRENCH WHEAT EXPORTS TO EC FALL"}) == story_key(
        {"headline": "French wheat exports to EC fall."}) == "french wheat exports to ec fall"
    assert story_key({"headline": "French wheat exports rise"}) != story_key({"headline": "French wheat exports fall"})
    assert story_key({}) == ""


def test_accents_written_as_marks_of_their_own_are_composed_as_the_parser_reads_them():
    article = {"headline": "Jose\u0301 Pe\u0301rez wins", "body": ["Jose\u0301 Pe\u0301rez said so."],
               "sources": [{"name": "Jose\u0301 Pe\u0301rez", "kind": "person"}]}
    query = related_query(article)
    assert query.children[0] == Phrase("José Pérez") and parse(to_text(query)) == query


def test_a_french_story_is_searched_by_its_own_words_not_its_function_words():
    """French function words are rare in an English archive: kept, they ranked the related stories."""
    article = {"language": "fr", "headline": "L'Élysée annonce une réforme des retraites",
               "body": ["L'Élysée a annoncé lundi une réforme des retraites, selon le gouvernement.",
                        "La réforme des retraites sera présentée au Parlement."]}
    words = [child.text for child in _children(article)]
    assert words[:3] == ["retraites", "réforme", "élysée"]
    assert not {"les", "des", "une", "selon", "lundi", "sera", "l'élysée"} & set(words)


def test_an_english_name_with_an_apostrophe_stays_whole():
    words = [child.text for child in _children({"headline": "O'Brien backs D'Arcy plan", "body": []})]
    assert words == ["backs", "d'arcy", "o'brien", "plan"]


def test_nothing_telling_is_no_query():
    assert related_query({"headline": "He said it", "body": ["They said so on Monday."]}) is None
    assert related_query({}) is None


def test_the_query_stays_small():
    body = [" ".join(f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(200))]
    sources = [{"name": f"Person Number{chr(97 + i)}", "kind": "person"} for i in range(20)]
    children = _children({"headline": "x", "body": body, "sources": sources})
    assert len(children) == MOST_WORDS
    assert sum(isinstance(child, Phrase) for child in children) == MOST_NAMES


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=300, deadline=None)
@given(headline=_TEXT, body=st.lists(_TEXT, max_size=4), names=st.lists(_TEXT, max_size=4),
       raw=_TEXT)
def test_any_article_gives_a_query_that_reads_back_as_itself(headline, body, names, raw):
    """The `q` shown to clients is query text /search takes and reads as the same search."""
    article = {"headline": headline, "body": body, "dateline": {"raw": raw},
               "sources": [{"name": name, "kind": "person"} for name in names],
               "quotes": [{"speaker": name} for name in names]}
    query = related_query(article)
    if query is not None:
        assert parse(to_text(query)) == query
