"""The pure pieces of the pages: quote spans, word diffs, the timeline, the form, the stylesheet's colours."""
from __future__ import annotations

import random
import re
from pathlib import Path

from werkzeug.datastructures import MultiDict

from service.schemas.search import SearchArgsSchema
from service.web.forms import Form
from service.web.markup import DiffBudget, body_segments, quotes_with_statements, timeline, word_diff
from service.web.templating import http_url
from tests.growth import GROWTH_BOUND, growth

BODY = ["He said \u201cone two\u201d and \u201cthree", "four five\u201d then left.", "Nothing here."]


def _marked(paragraphs):
    return [[(s.text, bool(s.quote), s.lead, s.tail) for s in segments] for segments in paragraphs]


def test_quotes_are_cut_out_of_their_paragraphs():
    quotes = [{"paragraph": 0, "start": 9, "end": 16}]
    assert _marked(body_segments(BODY, quotes))[0] == [
        ("He said \u201c", False, False, False), ("one two", True, True, True),
        ("\u201d and \u201cthree", False, False, False)]


def test_a_quote_over_two_paragraphs_is_marked_in_both():
    quotes = [{"paragraph": 0, "start": 23, "end": 9, "end_paragraph": 1}]
    marked = _marked(body_segments(BODY, quotes))
    assert marked[0][-1] == ("three", True, True, False)
    assert marked[1][0] == ("four five", True, False, True)
    assert marked[2] == [("Nothing here.", False, False, False)]


def test_bad_offsets_are_left_unmarked_and_overlaps_clipped():
    bad = [{"paragraph": 7, "start": 0, "end": 3}, {"paragraph": 0, "start": 5, "end": 999},
           {"paragraph": None, "start": 0, "end": 3}, {"paragraph": 1, "start": 3, "end": 3}]
    assert [len(p) for p in body_segments(BODY, bad)] == [1, 1, 1]
    overlapping = [{"paragraph": 2, "start": 0, "end": 7}, {"paragraph": 2, "start": 3, "end": 12}]
    assert [(s.text, bool(s.quote)) for s in body_segments(BODY, overlapping)[2]] == [
        ("Nothing", True), (" here", True), (".", False)]
    assert body_segments([""], []) == [[body_segments([""], [])[0][0]]]


def test_statement_ids_join_by_quote_index_then_offsets():
    article = {"quotes": [{"text": "a", "paragraph": 0, "start": 0, "end": 1},
                          {"text": "b", "paragraph": 1, "start": 0, "end": 1}]}
    indexed = [{"id": "x#q1", "text": "b", "statement_id": "s-b"},
               {"id": "other", "text": "a", "paragraph": 0, "start": 0, "end": 1, "statement_id": "s-a"}]
    merged = quotes_with_statements(article, indexed)
    assert [(q["index"], q["statement_id"]) for q in merged] == [(0, "s-a"), (1, "s-b")]


def test_word_diff_ignores_case_and_punctuation():
    earliest = "We will not accept any deal"
    assert word_diff(earliest, "we will not accept any deal.") == [("same", "we will not accept any deal.")]
    assert word_diff(earliest, "We will not accept a deal") == [
        ("same", "We will not accept"), ("del", "any"), ("ins", "a"), ("same", "deal")]
    assert word_diff(earliest, "...any deal") == [("del", "We will not accept"), ("same", "...any deal")]
    assert word_diff(earliest, "We will not accept any deal at all")[-1] == ("ins", "at all")


def test_timeline_places_dots_in_time_order():
    rows = [{"published_at": "2024-01-01T00:00:00+00:00", "first": True},
            {"published_at": "2024-01-01T12:00:00", "first": False},
            {"published_at": "2025-01-01", "first": False},
            {"published_at": None, "first": False}]
    drawn = timeline(rows)
    assert [p["x"] for p in drawn.points] == [0.0, round(100 * 0.5 / 366, 2), 100.0]
    assert [p["first"] for p in drawn.points] == [True, False, False]
    assert drawn.points[1]["y"] < drawn.points[0]["y"] == drawn.axis_y  # same day: stacked above
    assert drawn.undated == 1
    assert [t["label"] for t in drawn.ticks] == ["2024-01-01", "2025-01-01"]
    single = timeline(rows[:1])
    assert single.points[0]["x"] == 50.0
    assert timeline([]).points == []


def test_form_drops_empty_fields_and_rebuilds_links():
    args = MultiDict([("q", "flood"), ("from", ""), ("outlet", "A"), ("outlet", " "), ("outlet", "B"),
                      ("cursor", "c1"), ("utm_source", "mail")])
    form = Form(SearchArgsSchema(), args)
    assert form.valid and form.raw == {"q": ["flood"], "outlet": ["A", "B"], "cursor": ["c1"]}
    assert form.data["outlet"] == ["A", "B"] and form.data["since"] is None
    assert form.query_string() == "q=flood&outlet=A&outlet=B"
    assert form.toggle("outlet", "a") == "q=flood&outlet=B"
    assert form.toggle("place", "Oslo") == "q=flood&outlet=A&outlet=B&place=Oslo"
    assert form.without("outlet", "A") == "q=flood&outlet=B"
    bad = Form(SearchArgsSchema(), MultiDict([("from", "2025-02-01"), ("until", "2025-01-01")]))
    assert not bad.valid and set(bad.errors) == {"from"}


def test_only_http_links():
    assert http_url("https://example.org/a") == "https://example.org/a"
    assert http_url("javascript:alert(1)") is None and http_url("data:text/html,x") is None
    assert http_url(None) is None


def test_a_statement_seen_on_one_day_is_one_column_under_one_date():
    """Three outlets within hours: the dots ran across the whole axis (0, 90,
    100 %) between two labels both reading 2025-03-03."""
    rows = [{"published_at": f"2025-03-03T{hour}:00:00Z", "first": hour == "08"} for hour in ("08", "17", "18")]
    drawn = timeline(rows)
    assert [p["x"] for p in drawn.points] == [50.0, 50.0, 50.0]
    assert sorted(p["y"] for p in drawn.points) == [drawn.axis_y - 32, drawn.axis_y - 16, drawn.axis_y]
    assert [(t["label"], t["anchor"]) for t in drawn.ticks] == [("2025-03-03", "middle")]


def test_first_seen_is_labelled_above_its_days_column_not_over_a_dot():
    """The label stood 16 px above the first dot, where the next dot of that
    day is stacked: it covered it."""
    for rows in ([{"published_at": f"2025-03-03T{hour}:00:00Z"} for hour in ("08", "17", "18")],
                 [{"published_at": "2024-01-01T00:00:00Z"}, {"published_at": "2024-01-01T12:00:00Z"},
                  {"published_at": "2025-01-01"}]):
        rows[0]["first"] = True
        drawn = timeline(rows)
        first = next(p for p in drawn.points if p["first"])
        same_day = [p["y"] for p in drawn.points if p["date"] == first["date"]]
        assert first["label_y"] == min(same_day) - 16 < min(same_day) - 6  # clear of the top dot (r=6)
        assert first["label_y"] > 0  # inside the drawing


def test_a_statement_syndicated_widely_keeps_a_timeline_of_bounded_height():
    """300 outlets the same day stacked 16 px apart: a drawing 4,800 px tall."""
    rows = [{"published_at": f"2025-03-03T08:{n // 60:02d}:{n % 60:02d}Z", "first": n == 0} for n in range(300)]
    rows += [{"published_at": "2025-03-09T10:00:00Z", "first": False}] * 30
    drawn = timeline(rows)
    assert drawn.height <= 34 + 160 + 32
    first_day = [p["y"] for p in drawn.points if p["date"] == "2025-03-03"]
    assert first_day[0] == drawn.axis_y and first_day == sorted(first_day, reverse=True)  # still stacked upwards
    later = [p["y"] for p in drawn.points if p["date"] == "2025-03-09"]
    assert min(first_day) < min(later)  # the busier day stands taller
    assert min(p["label_y"] for p in drawn.points) > 0
    few = timeline(rows[:3])  # a few a day keep their spacing
    assert sorted(p["y"] for p in few.points) == [few.axis_y - 32, few.axis_y - 16, few.axis_y]


def _css_colour(css: str, selector: str, prop: str) -> str:
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css).group(1)
    value = re.search(r"(?:^|[;\s])" + re.escape(prop) + r"\s*:\s*([^;]+)", block).group(1).strip()
    if value.startswith("var("):
        return _css_colour(css, ":root", value[4:-1])
    return re.match(r"#[0-9a-fA-F]{6}", value).group(0)


def _contrast(one: str, two: str) -> float:
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_line_under_a_quote_has_3_to_1_against_what_it_sits_on():
    """A quote's pale yellow is about 1.1:1 against the page: the line under
    it is what marks it without colour, and it had 2.9:1 against the yellow
    it is drawn on (2.6:1 on the hovered or linked-to quote; WCAG 1.4.11)."""
    css = (Path(__file__).resolve().parents[2] / "service" / "web" / "static" / "site.css").read_text()
    line = _css_colour(css, ":root", "--quote-line")
    grounds = {name: _css_colour(css, *where) for name, where in {
        "page": (":root", "--paper"), "quote": (":root", "--quote"), "partial": (".quote.kind-partial", "background"),
        "hovered": ("a.quote:hover", "background"), "linked to": (".quote:target", "background"),
        "side column": (":root", "--tint")}.items()}
    assert {name: round(_contrast(line, ground), 2) for name, ground in grounds.items()
            if _contrast(line, ground) < 3} == {}


def test_word_diff_past_its_budget_keeps_the_shared_start_and_end_and_marks_the_rest():
    """difflib costs the product of the two lengths: a page shares one budget, and past it
    a diff is linear, the words both wordings start and end with kept."""
    earliest, wording = "We will not accept any deal today", "we will NOT take a deal today!"
    assert word_diff(earliest, wording, DiffBudget(0)) == [
        ("same", "we will NOT"), ("del", "accept any"), ("ins", "take a"), ("same", "deal today!")]
    assert word_diff(earliest, earliest.lower(), DiffBudget(0)) == [("same", earliest.lower())]
    assert word_diff("a b c", "a b c d", DiffBudget(0)) == [("same", "a b c"), ("ins", "d")]
    assert word_diff("x a b c", "a b c", DiffBudget(0)) == [("del", "x"), ("same", "a b c")]
    budget = DiffBudget(7 * 7 + 1)
    assert word_diff(earliest, wording, budget) == word_diff(earliest, wording)  # within it: difflib's
    assert budget.left == 1 and not budget.take(2)


def _wordings_of_few_words(length: int) -> tuple[str, str]:
    pick = random.Random(5)
    words = ["harbour", "fishermen", "deal", "quota", "minister", "coast"]
    return tuple(" ".join(pick.choice(words) for _ in range(length)) for _ in range(2))


def test_word_diff_of_long_wordings_of_few_words_is_linear():
    """Three 8,000-word wordings of six words each took 13 s on their statement page. Both
    sizes are past the diff budget (2,000 words make 4,000,000 pairs): under it difflib is
    quadratic by design, and past it the budget is what keeps a long wording linear."""
    small, large = _wordings_of_few_words(2_000), _wordings_of_few_words(16_000)
    earliest, wording = large
    runs = word_diff(earliest, wording)
    assert " ".join(w for op, w in runs if op != "del").split() == wording.split()
    ratio = growth(lambda: word_diff(*small), lambda: word_diff(*large))
    assert ratio < GROWTH_BOUND, f"wordings eight times as long took {ratio:.1f} times as long to diff"
