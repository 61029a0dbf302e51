"""The index reads `indexed_text` with the simple tokenizer; queries and highlights read the
text as written (`as_read`: "İ" as "I", one letter for one) with the ideographic analyzers.
Both must give the same words, or a highlight would mark other words than the ones that matched."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.backends.tantivy_schema import (
    ANALYZERS, EXACT, IDEOGRAPHIC_ANALYZERS, STEM, analyzer, as_read, has_ideographs, indexed_text,
)

_SCRIPTS = st.sampled_from([
    "北京大学今天宣布", "東京（ロイター）", "日本銀行は火曜日、", "한국은행은", "Москва", "naïve café", "x86_64",
    "O'Brien's", " ", "-", "。", "3.5%", "々〇", "𠀀𠀁", "ﬁ½", "ا", "\u200b", "A股", "ひらがなカタカナ",
    "İstanbul'da", "⽇本", "🈀",  # a Han radical and a Hiragana symbol: no letters, no words
])


#: Characters of the Unicode version Python knows. Those assigned since (CJK Extension J,
#: U+323B0) the tokenizers' three tables tell apart: a letter to Rust's own, none to its regex crate.
_ASSIGNED = st.characters(exclude_categories=["Cs", "Cn"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SCRIPTS, st.text(_ASSIGNED, max_size=12)), max_size=8).map("".join))
def test_the_index_and_the_text_as_written_give_the_same_words(text):
    for variant in (STEM, EXACT):
        assert ANALYZERS[variant].analyze(indexed_text(text)) == IDEOGRAPHIC_ANALYZERS[variant].analyze(as_read(text))


@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=40))
def test_text_without_ideographs_is_indexed_as_written(text):
    assert not has_ideographs(text) and indexed_text(text) == text
    assert analyzer(STEM, text) is ANALYZERS[STEM]


def test_each_han_or_hiragana_character_is_a_word_and_katakana_runs_stay_whole():
    assert ANALYZERS[EXACT].analyze(indexed_text("日本銀行はロイターに")) == ["日", "本", "銀", "行", "は", "ロイター", "に"]
    # a run of more than 20 characters (60 bytes) was dropped whole as too long a word
    assert len(ANALYZERS[EXACT].analyze(indexed_text("北京大学今天宣布将在明年开设新的人工智能研究中心"))) == 24


def test_a_han_radical_is_no_word_of_a_query_as_it_is_none_of_the_index():
    """PDF copy writes 日 as the radical ⽇ (U+2F47): the index reads it as a space."""
    assert ANALYZERS[EXACT].analyze(indexed_text("⽇本经济")) == ["本", "经", "济"]
    assert IDEOGRAPHIC_ANALYZERS[EXACT].analyze("⽇本经济") == ["本", "经", "济"]
