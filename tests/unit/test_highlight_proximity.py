"""The embedded highlighter's proximity phrases: what it marks, and at what cost."""
from __future__ import annotations

import time

from service.backends.highlight import Highlighter
from service.query import parse


def test_a_proximity_phrase_marks_the_words_it_matched():
    marks = Highlighter(parse('"powell inflation"~2')).highlight(
        {"headline": "x", "body": ["Powell said inflation eased; inflation fell, Powell noted far later on."]})
    # The second Powell stands 3 from either inflation's place in the phrase: beyond ~2
    assert marks["body"] == ["<em>Powell</em> said <em>inflation</em> eased; inflation fell, "
                             "Powell noted far later on."]


def test_a_long_paragraph_of_common_words_is_highlighted_in_seconds_not_minutes():
    """Each occurrence of a proximity phrase's word looked at every other one:
    a paragraph of 100,000 characters (the longest an article may hold) of
    common words took minutes to highlight, per hit, for anyone's search."""
    paragraph = ("the cat sat on the mat and the dog ate the hat " * 2100)[:100_000]
    started = time.process_time()
    for query in ('"the the"~100', '"the cat"~5', '"cat the mat"~10'):
        marks = Highlighter(parse(query)).highlight({"headline": "x", "body": [paragraph]})
        assert "<em>the</em>" in marks["body"][0] or "<em>cat</em>" in marks["body"][0]
    assert time.process_time() - started < 20
