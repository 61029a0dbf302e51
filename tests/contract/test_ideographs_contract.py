"""Chinese and Japanese are searched word by word, on every backend.

They write no spaces between words. The embedded index read a whole run of
Han and kana as one word: `北京` found nothing in "北京大学今天宣布", and a
run over 20 characters was not indexed at all. Each Han or Hiragana
character is now a word, as Elasticsearch's standard tokenizer makes it, and
a query word of several is a phrase, so both backends find the same articles
and mark the same characters.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import QuoteSearchRequest, SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _as_given

STORIES = {
    "zh-1": ("北京大学开设人工智能中心", ["北京大学今天宣布将在明年开设新的人工智能研究中心并招收更多的研究生。"]),
    "zh-2": ("东京股市下跌", ["受美国利率上升影响，东京股市周二下跌百分之二。"]),
    "ja-1": ("日銀、金利据え置き", ["東京（ロイター）- 日本銀行は火曜日、金利を据え置くと発表した。",
                           "「物価の動向を注視する」と植田和男総裁は述べた。"]),
    "zh-3": ("⽉饼销量上升", ["中秋节前⽉饼销量上升。"]),  # ⽉: a Han radical (U+2F49), as PDF copy writes 月
    "en-1": ("Beijing university opens AI centre", ["Peking University said it would open a research centre."]),
}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    articles = [prepare({"id": article_id, "headline": headline, "body": body, "outlet": "Wire",
                         # given: the extractor reads no Japanese quotation marks yet
                         **({"quotes": [{"text": "物価の動向を注視する", "speaker": "植田和男"}]}
                            if article_id == "ja-1" else {})}, REFERENCE)
                for article_id, (headline, body) in STORIES.items()]
    backend = own_backend(request, tmp_path_factory, "ideographs", articles)
    yield backend
    backend.close()


def _ids(engine, q: str) -> list[str]:
    return sorted(hit.id for hit in engine.search(SearchRequest(parse(q), highlight=False)).hits)


@pytest.mark.parametrize(("q", "expected"), [
    ("北京", ["zh-1"]),
    ("北京大学", ["zh-1"]),
    ("京大", ["zh-1"]),  # characters side by side, across what a reader sees as two words
    ("人工智能", ["zh-1"]),
    ('"人工智能研究"', ["zh-1"]),
    ("研究", ["zh-1"]),
    ("东京", ["zh-2"]),
    ("東京", ["ja-1"]),  # traditional and simplified forms are other characters
    ("日本銀行", ["ja-1"]),
    ("金利", ["ja-1"]),
    ("ロイター", ["ja-1"]),  # katakana stays one word
    ("北京*", ["zh-1"]),
    ("headline:北京", ["zh-1"]),
    ("headline:研究", []),
    ("大学 -北京", []),
    ("北京 OR 东京", ["zh-1", "zh-2"]),
    ("学北", []),  # the same characters in another order
    ("research", ["en-1"]),
    ("⽉饼", ["zh-3"]),  # the embedded index found nothing: its query looked for the radical as a word
])
def test_ideographic_words_are_found(engine, q, expected):
    assert _ids(engine, q) == expected


def test_a_run_of_more_than_twenty_characters_is_indexed(engine):
    assert _ids(engine, "研究生") == ["zh-1"]  # near the end of a 34-character run


@pytest.mark.parametrize(("q", "part", "expected"), [
    ("北京", "headline", "<em>北京</em>大学开设人工智能中心"),
    ("人工智能", "headline", "北京大学开设<em>人工智能</em>中心"),
    ("金利", "body", "東京（ロイター）- 日本銀行は火曜日、<em>金利</em>を据え置くと発表した。"),
])
def test_both_backends_mark_the_characters_asked(engine, q, part, expected):
    hit, = engine.search(SearchRequest(parse(q))).hits
    marked = hit.highlights[part]
    assert (marked if part == "headline" else marked[0]) == expected


@pytest.mark.parametrize("q", ["quote:物価", "quote:動向", 'speaker:"植田和男"', "speaker:植田"])
def test_a_japanese_quote_is_found_by_its_words_and_its_speakers(engine, q):
    hits = engine.search_quotes(QuoteSearchRequest(parse(q))).hits
    assert [hit.article["article"]["id"] for hit in hits] == ["ja-1"]
    marked = engine.search_quotes(QuoteSearchRequest(parse("quote:動向"))).hits[0].highlights["text"]
    assert marked == "物価の<em>動向</em>を注視する"


#: (id, quote, speaker): one statement in two outlets' copies, its denial, a chance likeness.
STATEMENTS = [("zh-s1", "我们会在下个月重新开放港口并恢复所有航线", "王伟"),
              ("zh-s2", "我们会在下个月重新开放港口，并恢复所有的航线", "王伟"),
              ("zh-s3", "我们不会在下个月重新开放港口并恢复所有航线", "王伟"),
              ("zh-s4", "我们同意", "李娜"), ("zh-s5", "他们同意", "李娜")]


@pytest.fixture(scope="module", params=BACKENDS)
def statements(request, tmp_path_factory):
    articles = [prepare({"id": article_id, "headline": "港口", "body": ["港口重新开放。"], "outlet": "Wire",
                         "language": "zh", "quotes": [{"text": text, "kind": "direct", "speaker": speaker,
                                                       "source": speaker}],
                         "sources": [{"name": speaker, "kind": "person"}]}, REFERENCE, extractor=_as_given)
                for article_id, text, speaker in STATEMENTS]
    backend = own_backend(request, tmp_path_factory, "ideograph-statements", articles)
    yield backend
    backend.close()


def _near(engine, claim: str) -> list[str]:
    page = engine.search_quotes(QuoteSearchRequest(parse(claim), match="near", highlight=False))
    return sorted(hit.id.partition("#")[0] for hit in page.hits)


def test_a_chinese_statement_is_found_in_another_outlets_copy_and_never_as_its_denial(statements):
    """A Chinese quote read as one word was a "short" one: a comma and one character more
    in another outlet's copy made it another statement, and match=near found no copy."""
    assert _near(statements, "我们会在下个月重新开放港口并恢复所有航线") == ["zh-s1", "zh-s2"]
    assert _near(statements, "我们不会在下个月重新开放港口并恢复所有航线") == ["zh-s3"]
    [first, second] = [statements.article_quotes(article_id)[0]["statement_id"] for article_id in ("zh-s1", "zh-s2")]
    assert first == second


def test_a_few_chinese_characters_are_a_statement_only_with_the_same_ones(statements):
    """Four characters are two words: "they agree" is not "we agree" said again."""
    assert _near(statements, "我们同意") == ["zh-s4"]
