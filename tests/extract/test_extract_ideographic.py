"""Quotes and speakers of Chinese and Japanese copy (loaders/extract/ideographic.py).

Their quotes were all left out: the English rules count words between
spaces, and a sentence without spaces is one word, a scare quote."""
from __future__ import annotations

from datetime import datetime

import pytest

from loaders.extract import extract_parts
from loaders.pipeline import prepare

REFERENCE = datetime(2025, 4, 12, 9, 0)


def _read(*paragraphs: str):
    _, quotes, sources = extract_parts(list(paragraphs), REFERENCE)
    return [(q["text"], q["speaker"], q["cue"]) for q in quotes], {s["name"]: s.get("title") for s in sources}


@pytest.mark.parametrize(("paragraphs", "quotes", "sources"), [
    # the speaker and verb before the quote, title first
    (["外交部发言人毛宁在例行记者会上表示：“中方坚决反对任何形式的单边制裁。”"],
     [("中方坚决反对任何形式的单边制裁。", "毛宁", "表示")], {"毛宁": "外交部发言人"}),
    # after the quote; then a pronoun, the last speaker; the quote's own comma left out
    (["“我们将继续扩大开放，欢迎外国投资。”国务院总理李强说。", "“这是我们的承诺，”他补充说。"],
     [("我们将继续扩大开放，欢迎外国投资。", "李强", "说"), ("这是我们的承诺", "李强", "补充说")], {"李强": "国务院总理"}),
    # a day between the name and the verb
    (["中国人民银行行长潘功胜周二表示，“稳健的货币政策要灵活适度。”"],
     [("稳健的货币政策要灵活适度。", "潘功胜", "表示")], {"潘功胜": "中国人民银行行长"}),
    # Japanese: と, then who, は, then the verb; or who before the quote
    (["「物価の動向を注視する」と植田和男総裁は記者団に述べた。"], [("物価の動向を注視する", "植田和男", "述べた")],
     {"植田和男": "総裁"}),
    (["日銀の植田和男総裁は「物価の動向を注視する」と述べた。"], [("物価の動向を注視する", "植田和男", "述べた")],
     {"植田和男": "総裁"}),
    (["岸田文雄首相は15日、「経済再生に全力を尽くす」と語った。"], [("経済再生に全力を尽くす", "岸田文雄", "語った")],
     {"岸田文雄": "首相"}),
    # a verb and nobody named: a quote without a speaker
    (["「賃上げを続ける必要がある」と述べました。"], [("賃上げを続ける必要がある", None, "述べました")], {}),
    # a name or a term in marks is no quote
    (["所谓“一带一路”倡议已有十年。"], [], {}),
    (["『新しい資本主義』という言葉が広がった。"], [], {}),
    # speech without a verb: a whole sentence of ten characters or more
    (["「日本経済はデフレから脱却しつつある。」"], [("日本経済はデフレから脱却しつつある。", None, None)], {}),
])
def test_quotes_and_speakers(paragraphs, quotes, sources):
    assert _read(*paragraphs) == (quotes, sources)


def test_english_copy_is_read_as_before():
    assert _read("“We will win,” Li Qiang said.") == ([("We will win", "Li Qiang", "said")], {"Li Qiang": None})


def test_offsets_and_mentions_point_into_the_body():
    body = ["路透北京3月5日 — 外交部发言人毛宁表示：“中方坚决反对单边制裁。”", "“我们会坚持到底，”她说。"]
    article = prepare({"headline": "外交部回应制裁", "body": body, "language": "zh"}, reference=REFERENCE)
    for quote in article["quotes"]:
        assert body[quote["paragraph"]][quote["start"]:quote["end"]] == quote["text"]
    assert [q["speaker"] for q in article["quotes"]] == ["毛宁", "毛宁"]
    source, = article["sources"]
    assert [body[m["paragraph"]][m["start"]:m["end"]] for m in source["mentions"]] == ["毛宁"]


@pytest.mark.parametrize(("paragraph", "name"), [
    ("外交部表示：“中方坚决反对任何形式的单边制裁。”", "外交部"),
    ("国家统计局周三表示，“经济运行总体平稳。”", "国家统计局"),
    ("「物価の動向を注視する」と日本銀行は述べた。", "日本銀行"),
])
def test_a_body_that_speaks_is_an_organisation(paragraph, name):
    _, _, sources = extract_parts([paragraph], REFERENCE)
    assert [(source["name"], source["kind"]) for source in sources] == [(name, "organization")]


@pytest.mark.parametrize(("paragraph", "speaker", "title"), [
    ("新华社北京3月5日电（记者王小明）国务院总理李强5日在政府工作报告中说：“今年经济增长预期目标是5%左右。”",
     "李强", "国务院总理"),
    ("（中央社記者陳家豪台北5日電）行政院長卓榮泰今天表示：「政府將全力支持產業升級。」", "卓榮泰", "行政院長"),
])
def test_a_wire_dateline_is_no_part_of_the_speaker(paragraph, speaker, title):
    """The speaker was read back across the dateline's bracket: '日电（记者王小明）国务院总理' was a title."""
    assert _read(paragraph)[1] == {speaker: title}


def test_a_body_that_speaks_is_an_organization():
    body = ["外交部表示：“中方对此表示严重关切。”", "總統府發言人指出，「國家安全是最重要的課題。」",
            "外交部发言人毛宁在例行记者会上表示：“中方坚决反对单边制裁。”"]
    _, quotes, sources = extract_parts(body, REFERENCE)
    assert [q["speaker"] for q in quotes] == ["外交部", "總統府", "毛宁"]
    assert {s["name"]: (s["kind"], s.get("title")) for s in sources} == {
        "外交部": ("organization", None), "總統府": ("organization", None), "毛宁": ("person", "外交部发言人")}


@pytest.mark.parametrize(("paragraph", "quote", "cue"), [
    ("“这是完全错误的，”发言人说。", "这是完全错误的", "说"),
    ("「物価の動向を注視する」と日銀の総裁は述べた。", "物価の動向を注視する", "述べた"),
    ("米国のは「関税を引き上げる方針だ」と述べた。", "関税を引き上げる方針だ", "述べた"),
])
def test_a_title_alone_or_nothing_names_no_source(paragraph, quote, cue):
    """A person named 发言人 or 総裁, or a source with an empty name, was registered."""
    assert _read(paragraph) == ([(quote, None, cue)], {})


@pytest.mark.parametrize(("paragraphs", "quotes", "sources"), [
    # where and to whom, between the speaker and the verb, after the quote as before it
    (["“经济运行总体平稳，”国家统计局发言人付凌晖在发布会上表示。"], [("经济运行总体平稳", "付凌晖", "表示")],
     {"付凌晖": "国家统计局发言人"}),
    (["美国国务卿布林肯对记者说：“我们关注局势。”"], [("我们关注局势。", "布林肯", "说")], {"布林肯": "美国国务卿"}),
    # the words after a quote introduce the next one: the verb before it is its own
    (["习近平指出：“发展是第一要务。”他强调：“要坚持改革开放。”"],
     [("发展是第一要务。", "习近平", "指出"), ("要坚持改革开放。", "习近平", "强调")], {"习近平": None}),
    (["「円安が進んでいる」と鈴木俊一財務相は記者会見で語った。"], [("円安が進んでいる", "鈴木俊一", "語った")],
     {"鈴木俊一": "財務相"}),
])
def test_speakers_read_past_place_and_listener_and_not_from_the_next_quote(paragraphs, quotes, sources):
    """'付凌晖在发布会上' and '布林肯对记者' were speakers' names, and the first quote of
    习近平指出：“……。”他强调：“……” was the next one's 他: a speaker named nowhere."""
    assert _read(*paragraphs) == (quotes, sources)


@pytest.mark.parametrize("paragraph", ["“中国不会接受任何形式的霸凌和讹诈。” Wang Yi said.",
                                       "Wang Yi said: “中国不会接受任何形式的霸凌和讹诈。”"])
def test_a_chinese_quote_in_english_copy_keeps_its_english_speaker(paragraph):
    """The Chinese reading saw no verb and replaced the English one's, which had the speaker."""
    assert _read(paragraph) == ([("中国不会接受任何形式的霸凌和讹诈。", "Wang Yi", "said")], {"Wang Yi": None})


def test_an_unnamed_source_is_anonymous():
    """知情人士 and 政府関係者 were persons so named, and 有分析人士 one named 'there are analysts'."""
    body = ["有分析人士认为：“市场将在未来几个月继续波动。”", "知情人士透露：“谈判已接近尾声。”",
            "「交渉は難航している」と政府関係者は語った。"]
    _, quotes, sources = extract_parts(body, REFERENCE)
    assert [q["speaker"] for q in quotes] == ["分析人士", "知情人士", "政府関係者"]
    assert {s["name"]: s["kind"] for s in sources} == {
        "分析人士": "anonymous", "知情人士": "anonymous", "政府関係者": "anonymous"}
    mention = sources[0]["mentions"][0]
    assert body[mention["paragraph"]][mention["start"]:mention["end"]] == "分析人士"

