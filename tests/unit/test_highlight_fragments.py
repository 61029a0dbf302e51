"""Fragments of long paragraphs: cut between words, whatever separates them."""
from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from service.backends.highlight import FRAGMENT_CHARS, _fragment

_WORD = re.compile(r"\w")


def _window(fragment: str, span: tuple[int, int]) -> tuple[int, int]:
    """Where in the text the fragment of one mark at `span` starts and ends."""
    before, _, rest = fragment.partition("<em>")
    marked, _, after = rest.partition("</em>")
    start = span[0] - len(html.unescape(before.removeprefix("…")))
    end = span[1] + len(html.unescape(after.removesuffix("…")))
    return start, end


def _inside_a_word(text: str, position: int) -> bool:
    return 0 < position < len(text) and bool(_WORD.match(text[position - 1]) and _WORD.match(text[position]))


_words = st.lists(st.text("abcé1", min_size=1, max_size=12), min_size=2, max_size=120)
_separators = st.lists(st.sampled_from([" ", "\u00a0", "\t", "-", "/", ". ", "&", " & "]), min_size=2, max_size=120)


@settings(max_examples=300, deadline=None, database=None)
@given(_words, _separators, st.data())
def test_a_fragment_never_starts_or_ends_inside_a_word(words, separators, data):
    pieces = [w + s for w, s in zip(words, separators)]
    text = "".join(pieces)
    index = data.draw(st.integers(0, len(pieces) - 1))
    start = sum(len(p) for p in pieces[:index])
    span = (start, start + len(words[index]))
    fragment = _fragment(text, [span])
    assert "<em>" + html.escape(text[span[0]:span[1]]) + "</em>" in fragment
    start, end = _window(fragment, span)
    assert end - start <= FRAGMENT_CHARS
    assert not _inside_a_word(text, start) and not _inside_a_word(text, end), fragment


def test_a_run_without_spaces_is_cut_at_a_word_edge():
    text = "word " * 30 + "see https://example.org/" + "a" * 90 + "/target-page for " + "more " * 60
    first = text.index("target")
    fragment = _fragment(text, [(first, first + 6)])
    assert fragment.startswith("…<em>target</em>-page for more")


def test_words_apart_by_no_break_spaces_are_not_cut():
    text = "word\u00a0" * 100 + "target" + "\u00a0next" * 100
    first = text.index("target")
    start, end = _window(_fragment(text, [(first, first + 6)]), (first, first + 6))
    assert 0 < start < first and first + 6 < end < len(text)
    assert not _inside_a_word(text, start) and not _inside_a_word(text, end)
