"""Extraction stays about linear in the article's length.

`POST /articles` runs the extractor while the client waits, and a body may be
2 MB: a step that looks at every name seen so far for every name it reads is
quadratic, which a long article naming thousands of people (a list of
candidates, a court roll, an awards digest) turns into half a minute.
The bound below is generous (the article takes about 2 s here; it took 30).
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from loaders.extract import extract_parts

_SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "de", "ba", "go", "pe"]
REFERENCE = datetime(2025, 1, 1, tzinfo=timezone.utc)


def _name(i: int) -> str:
    return "".join(_SYLLABLES[(i // 12 ** k) % 12] for k in range(4)).capitalize()


def _person(i: int) -> str:
    return (f"{_name(i)}a {_name(i)}son, a trader in the port, said prices would rise. "
            f"{_name(i)}son added that ships were late.")


def test_an_article_naming_thousands_of_people_is_read_in_linear_time():
    people = 8_000
    body = [" ".join(_person(i) for i in range(first, first + 4)) for first in range(0, people, 4)]
    started = time.perf_counter()
    _, _, sources = extract_parts(body, REFERENCE)
    took = time.perf_counter() - started
    assert len(sources) == people
    # Each is named in full, then by surname alone: the surname finds its person.
    assert all(len(source["mentions"]) == 2 for source in sources)
    assert took < 12, f"{took:.1f} s for {sum(map(len, body)):,} characters"


def test_a_paragraph_naming_thousands_of_people_and_firms_is_read_in_linear_time():
    """Each name looked for the names standing around it by scanning every name of its
    paragraph: 3,000 "Name of Firm Corp said." in one 99,000-character paragraph took 1.5 s,
    four of them 7 s (a 2 MB POST of them half a minute)."""
    first, last = ["John", "Mary", "Ali", "Chen", "Olu"], ["Smith", "Okafor", "Lee", "Haddad", "Berg"]
    paragraph = " ".join(f"{first[i % 5]} {last[i // 5 % 5]}{i % 10} of Acme{i} Corp said." for i in range(3000))
    started = time.perf_counter()
    extract_parts([paragraph[:99_000]] * 4, REFERENCE)
    took = time.perf_counter() - started
    assert took < 4, f"{took:.1f} s"
