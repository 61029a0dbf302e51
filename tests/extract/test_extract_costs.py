"""Extraction stays about linear in the article's length.

`POST /articles` runs the extractor while the client waits, and a body may be
2 MB: a step that looks at every name seen so far for every name it reads is
quadratic, which a long article naming thousands of people (a list of
candidates, a court roll, an awards digest) turns into half a minute.
Each test times the same shape of text at two sizes in one run and bounds
the ratio, never the seconds: a shared machine slows both alike. Eight times
the text takes about eight times as long; a quadratic step takes sixty-four.
"""
from __future__ import annotations

from datetime import datetime, timezone

from loaders.extract import extract_parts
from tests.growth import GROWTH_BOUND, growth

_SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "de", "ba", "go", "pe"]
REFERENCE = datetime(2025, 1, 1, tzinfo=timezone.utc)


def _name(i: int) -> str:
    return "".join(_SYLLABLES[(i // 12 ** k) % 12] for k in range(4)).capitalize()


def _person(i: int) -> str:
    return (f"{_name(i)}a {_name(i)}son, a trader in the port, said prices would rise. "
            f"{_name(i)}son added that ships were late.")


#: The two sizes each test compares, eightfold for GROWTH_BOUND. A scan of every company at each
#: "the company said" measured 37-47 here; at a fourfold step it measured 9.3 against 4.4, too
#: close to tell from a noisy host.
SMALL, LARGE = 1_000, 8_000


def _people_body(people: int) -> list[str]:
    return [" ".join(_person(i) for i in range(first, first + 4)) for first in range(0, people, 4)]


def test_an_article_naming_thousands_of_people_is_read_in_linear_time():
    body = _people_body(8_000)
    _, _, sources = extract_parts(body, REFERENCE)
    assert len(sources) == 8_000
    # Each is named in full, then by surname alone: the surname finds its person.
    assert all(len(source["mentions"]) == 2 for source in sources)
    small, large = _people_body(SMALL), _people_body(LARGE)
    ratio = growth(lambda: extract_parts(small, REFERENCE), lambda: extract_parts(large, REFERENCE))
    assert ratio < GROWTH_BOUND, f"eight times the people took {ratio:.1f} times as long"


def _firms_paragraph(names: int) -> str:
    first, last = ["John", "Mary", "Ali", "Chen", "Olu"], ["Smith", "Okafor", "Lee", "Haddad", "Berg"]
    return " ".join(f"{first[i % 5]} {last[i // 5 % 5]}{i % 10} of Acme{i} Corp said." for i in range(names))


def test_a_paragraph_naming_thousands_of_people_and_firms_is_read_in_linear_time():
    """Each name looked for the names standing around it by scanning every name of its
    paragraph: 3,000 "Name of Firm Corp said." in one 99,000-character paragraph took 1.5 s,
    four of them 7 s (a 2 MB POST of them half a minute)."""
    small, large = [_firms_paragraph(SMALL)], [_firms_paragraph(LARGE)]
    ratio = growth(lambda: extract_parts(small, REFERENCE), lambda: extract_parts(large, REFERENCE))
    assert ratio < GROWTH_BOUND, f"a paragraph eight times as long took {ratio:.1f} times as long"


def _companies_speaking_again(companies: int) -> list[str]:
    return [" ".join(f"Acme{i} Corp said profits rose. It said sales fell. The company said costs rose."
                     for i in range(first, first + 10)) for first in range(0, companies, 10)]


def test_companies_spoken_of_again_are_found_in_linear_time():
    """ "It said" and "the company said" look back for the body that spoke last: a scan of every
    entity at each took an article naming 4,000 companies ten times as long as one naming 1,000."""
    small, large = _companies_speaking_again(SMALL), _companies_speaking_again(LARGE)
    ratio = growth(lambda: extract_parts(small, REFERENCE), lambda: extract_parts(large, REFERENCE))
    assert ratio < GROWTH_BOUND, f"eight times the companies took {ratio:.1f} times as long"
