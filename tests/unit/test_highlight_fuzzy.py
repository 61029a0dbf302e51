"""Marking words near a spelling (`qaddafi~`): the edit distance tantivy's fuzzy query counts."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.backends.highlight import Highlighter, QuoteHighlighter, within_edits
from service.query import parse


def _restricted_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the whole table: the reference the early exit must agree with."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        table[i][0] = i
    for j in range(len(b) + 1):
        table[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@settings(max_examples=500, deadline=None, database=None)
@given(st.text(alphabet="abcdé", max_size=8), st.text(alphabet="abcdé", max_size=8), st.integers(0, 2))
def test_within_edits_is_the_restricted_edit_distance(word, wanted, edits):
    assert within_edits(word, wanted, edits) == (_restricted_distance(word, wanted) <= edits)


def test_a_swap_of_two_neighbours_is_one_edit_and_a_far_one_is_two():
    assert within_edits("qadadfi", "qaddafi", 1)
    assert not within_edits("ca", "abc", 2)  # restricted: no edit inside a swapped pair (true Damerau says 2)


def test_each_near_spelling_is_marked_and_the_quote_too():
    article = {"headline": "Gaddafi speaks", "body": ["Qaddafi, Kadhafi and Gadhafi met; Gadaffi did not."]}
    marked = Highlighter(parse("qaddafi~1")).highlight(article)
    assert marked == {"headline": "<em>Gaddafi</em> speaks",
                      "body": ["<em>Qaddafi</em>, Kadhafi and Gadhafi met; Gadaffi did not."]}
    assert QuoteHighlighter(parse("quote:gadafi~1")).highlight("Kadafi and Gaddafi") == "<em>Kadafi</em> and <em>Gaddafi</em>"
    assert Highlighter(parse("-qaddafi~ oil")).highlight({"headline": "Qaddafi oil", "body": []}) == {
        "headline": "Qaddafi <em>oil</em>"}


def test_each_distinct_word_of_a_long_paragraph_is_compared_once(monkeypatch):
    """A paragraph of 12,000 words, four distinct: every occurrence was compared with every
    near spelling, so forty near spellings on an article of 100,000-character paragraphs
    took close to a minute for one hit, where no deadline could cut it."""
    from service.backends import highlight

    compared = []

    def counting(word, wanted, edits):
        compared.append(word)
        return within_edits(word, wanted, edits)

    monkeypatch.setattr(highlight, "within_edits", counting)
    paragraph = " ".join(["harbour ferry council oil"] * 3000)
    query = " OR ".join(f"harb{n}ur~2" for n in range(10))
    marked = Highlighter(parse(query)).highlight({"headline": "Port", "body": [paragraph]})
    assert marked["body"][0].startswith("<em>harbour</em> ferry council oil <em>harbour</em>")
    assert len(compared) <= (4 + 1) * 10  # the four words of the paragraph and the headline's one


def test_a_word_is_compared_once_for_every_paragraph_and_hit_of_a_search(monkeypatch):
    """The words of one search's hits repeat from paragraph to paragraph and hit to hit: compared
    again in each, near spellings against a 5 MB article took 11 s to highlight (three) and 59 s
    (twenty), where a word's answer is the same in every paragraph."""
    from service.backends import highlight

    compared = []

    def counting(word, wanted, edits):
        compared.append(word)
        return within_edits(word, wanted, edits)

    monkeypatch.setattr(highlight, "within_edits", counting)
    highlighter = Highlighter(parse(" OR ".join(f"harb{n}ur~2" for n in range(10))))
    for hit in range(5):
        marked = highlighter.highlight({"headline": "Port", "body": ["harbour ferry council oil"] * 50})
        assert marked["body"] == ["<em>harbour</em> ferry council oil"] * 3
    assert len(compared) <= (4 + 1) * 10
