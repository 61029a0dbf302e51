"""Datelines: the forms wire copy uses, year resolution, and the Reuters corpus as ground truth."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from extract_corpus import realnews_articles
from loaders.extract.date_lines import parse_date_line
from loaders.extract.dateline import Dateline, find_dateline, resolve_year

REFERENCE = datetime(2025, 4, 12, 9, 0)


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "date", "raw"),
    [
        ("ROTTERDAM, March 3 (Reuters) - Grain", "Rotterdam", "Reuters", (2025, 3, 3), "ROTTERDAM, March 3 (Reuters) -"),
        ("MIAMI, Fla., Feb 26 - Showers", "Miami, Fla.", None, (2025, 2, 26), "MIAMI, Fla., Feb 26 -"),
        ("AMSTERDAM, 2 March - The bank", "Amsterdam", None, (2025, 3, 2), "AMSTERDAM, 2 March -"),
        ("GENEVA (AFP) -- Talks", "Geneva", "AFP", None, "GENEVA (AFP) --"),
        ("WASHINGTON (AP) — The Senate", "Washington", "AP", None, "WASHINGTON (AP) —"),
        ("NEW YORK, March 2, Reuter - Analysts", "New York", "Reuters", (2025, 3, 2), "NEW YORK, March 2, Reuter -"),
        ("ST. LOUIS, March 18 - Monsanto", "St. Louis", None, (2025, 3, 18), "ST. LOUIS, March 18 -"),
        ("DAR ES SALAAM, March 16 - Tanzania", "Dar es Salaam", None, (2025, 3, 16), "DAR ES SALAAM, March 16 -"),
        ("COEUR D'ALENE, Idaho, March 3 - Silver", "Coeur D'Alene, Idaho", None, (2025, 3, 3), "COEUR D'ALENE, Idaho, March 3 -"),
        # particles between a hyphenated place's parts stay lower, as between its words
        ("PORT-AU-PRINCE, Haiti, March 3 (Reuters) - Aid", "Port-au-Prince, Haiti", "Reuters", (2025, 3, 3),
         "PORT-AU-PRINCE, Haiti, March 3 (Reuters) -"),
        ("STRATFORD-UPON-AVON, England, March 3 - Crowds", "Stratford-upon-Avon, England", None, (2025, 3, 3),
         "STRATFORD-UPON-AVON, England, March 3 -"),
        ("WINSTON-SALEM, N.C., March 3 - RJR", "Winston-Salem, N.C.", None, (2025, 3, 3), "WINSTON-SALEM, N.C., March 3 -"),
        ("O'HARE AIRPORT, March 3 - Flights", "O'Hare Airport", None, (2025, 3, 3), "O'HARE AIRPORT, March 3 -"),
        ("KYIV, Ukraine, Jan. 5, 2024 (Reuters) - Air raid", "Kyiv, Ukraine", "Reuters", (2024, 1, 5), "KYIV, Ukraine, Jan. 5, 2024 (Reuters) -"),
        ("Sydney, March 25 - The annual", "Sydney", None, (2025, 3, 25), "Sydney, March 25 -"),
        ("CALGARY, Alberta - Qtr ends", "Calgary, Alberta", None, None, "CALGARY, Alberta -"),
        ("March 16 - The Bank of England", None, None, (2025, 3, 16), "March 16 -"),
        ("WASHINGTON—The Senate voted", "Washington", None, None, "WASHINGTON—"),
        ("LONDON, April 14 -- Shares", "London", None, (2024, 4, 14), "LONDON, April 14 --"),
        ("BEIJING, Sept. 3 (Xinhua) -- China", "Beijing", "Xinhua", (2024, 9, 3), "BEIJING, Sept. 3 (Xinhua) --"),
        ("****LONDON, March 26 - Libya", "London", None, (2025, 3, 26), "LONDON, March 26 -"),
        # copy typed all in lower case: with an agency, or a place known as one
        ("london, march 3 (reuters) - shares", "London", "Reuters", (2025, 3, 3), "london, march 3 (reuters) -"),
        ("new york, march 2 - analysts", "New York", None, (2025, 3, 2), "new york, march 2 -"),
        ("geneva, 2 march (afp) - talks", "Geneva", "AFP", (2025, 3, 2), "geneva, 2 march (afp) -"),
        # PTI, CNA and APP write no dash after the agency; APP may write a colon
        ("New Delhi, Jan 5 (PTI) The government", "New Delhi", "PTI", (2025, 1, 5), "New Delhi, Jan 5 (PTI)"),
        ("Taipei, March 3 (CNA) Taiwan's", "Taipei", "CNA", (2025, 3, 3), "Taipei, March 3 (CNA)"),
        ("Islamabad, Jan 5 (APP): Prime Minister", "Islamabad", "APP", (2025, 1, 5), "Islamabad, Jan 5 (APP):"),
        ("NEW DELHI (PTI) Indian", "New Delhi", "PTI", None, "NEW DELHI (PTI)"),
    ],
)
def test_in_body_dateline_forms(paragraph, place, agency, date, raw):
    found = find_dateline(paragraph, REFERENCE)
    assert found is not None
    assert (found.place, found.agency, found.raw) == (place, agency, raw)
    assert (found.published_at.date().timetuple()[:3] if found.published_at else None) == date
    assert paragraph[found.end:] == paragraph[found.end:].lstrip()
    assert paragraph[found.end:][:1].isalpha()


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ilham Aliyev - the president - said it.",
        "The man - who had left - came back.",
        "Apple Inc said - in a statement - that",
        "In New York story headlined \"X\" - please read",
        "",
        "   ",
        "We met on March 3 - a Tuesday.",
        "the plan, march 3 - a tuesday, was agreed.",
        "prices rose in march 3 - a record.",
        "prices rose, march 3 - a record.",
        "oskarvik, march 3 - no agency, and a place not known as one.",
        # without a dash, only a known agency as it writes itself, after a date or a place in capitals
        "Settings (App) Open the menu.",
        "Acme Corp (ACME) Shares rose.",
        "Modi (PTI) The minister said.",
        "Paris (AFP) The talks.",
        "New Delhi, Jan 5 (Pti) The government",
    ],
)
def test_ordinary_sentences_are_not_datelines(paragraph):
    assert find_dateline(paragraph, REFERENCE) is None


def test_story_text_starts_at_end():
    paragraph = "GENEVA, March 3 (Reuters) - The talks ended."
    found = find_dateline(paragraph, REFERENCE)
    assert paragraph[found.end:] == "The talks ended."


def test_dateline_is_frozen():
    found = find_dateline("LONDON, March 3 - x", REFERENCE)
    assert isinstance(found, Dateline)
    with pytest.raises(AttributeError):
        found.place = "Paris"  # type: ignore[misc]


def test_wire_date_line_of_the_reference_day_keeps_the_year():
    # QA: `extract samples/seed_article.txt --reference-date 2025-04-11` dated the story 2024.
    assert parse_date_line("- 11 April, 14:54", datetime(2025, 4, 11)) == datetime(2025, 4, 11, 14, 54)


@pytest.mark.parametrize(("paragraph", "place", "agency"), [
    ("ŁÓDŹ, May 2 (Reuters) - Text, officials said.", "Łódź", "Reuters"),
    ("İZMIR, May 2 (Reuters) - Text, officials said.", "İzmir", "Reuters"),
    ("İZMİR, May 2 (AFP) - Text.", "İzmir", "AFP"),
    ("DİYARBAKIR, May 2 (Reuters) - Text.", "Diyarbakır", "Reuters"),
    ("ISTANBUL, May 2 (Reuters) - Text.", "Istanbul", "Reuters"),
    ("ŚWINOUJŚCIE, Poland, May 2 (Reuters) - Text.", "Świnoujście, Poland", "Reuters"),
    ("ČESKÉ BUDĚJOVICE, May 2 (Reuters) - Text.", "České Budějovice", "Reuters"),
    # "ß" has no capital in wire copy: the place was kept in capitals as written ("GIEßEN")
    ("GIEßEN, May 2 (Reuters) - Text.", "Gießen", "Reuters"),
    ("STRAßBURG, Germany, May 2 (dpa) - Text.", "Straßburg, Germany", "dpa"),
])
def test_dateline_place_with_latin_extended_capitals(paragraph, place, agency):
    found = find_dateline(paragraph, datetime(2025, 6, 1))
    assert (found.place, found.agency, found.published_at) == (place, agency, datetime(2025, 5, 2))


def test_local_date_one_day_ahead_of_utc_reference_keeps_the_year():
    # "TOKYO, March 12" filed at 20:04 GMT on March 11.
    found = find_dateline("TOKYO, March 12 - The dollar", datetime(1987, 3, 11, 20, 4))
    assert found.published_at == datetime(1987, 3, 12)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- 11 April, 14:54", datetime(2025, 4, 11, 14, 54)),
        ("- April 11, 2025 14:54", datetime(2025, 4, 11, 14, 54)),
        ("11 April 2025", datetime(2025, 4, 11)),
        ("Friday, April 11, 2025", datetime(2025, 4, 11)),
        ("14:54, 11 April 2025", datetime(2025, 4, 11, 14, 54)),
        ("11.04.2025 14:54", datetime(2025, 4, 11, 14, 54)),
        ("13/04/2024", datetime(2024, 4, 13)),
        ("Published: April 11, 2025 2:54 pm EDT", datetime(2025, 4, 11, 14, 54, tzinfo=timezone(timedelta(hours=-4)))),
        ("Updated 11 April 2025 14:54 GMT", datetime(2025, 4, 11, 14, 54, tzinfo=timezone.utc)),
        ("2025-04-11T14:54:00Z", datetime(2025, 4, 11, 14, 54, tzinfo=timezone.utc)),
        # The same day's clock or zone may run ahead of the reference: the one-day allowance of datelines.
        ("- 12 April, 10:00", datetime(2025, 4, 12, 10, 0)),
        ("- 13 April, 08:59", datetime(2025, 4, 13, 8, 59)),
        ("- 13 April, 09:01", datetime(2024, 4, 13, 9, 1)),  # over a day after the reference: a year back
    ],
)
def test_date_lines(line, expected):
    assert parse_date_line(line, REFERENCE) == expected


@pytest.mark.parametrize(
    "line",
    ["14:54", "April 11 the senate voted", "04/11/2025", "", "Azerbaijan hosts Israel-Turkey meeting",
     "- 31 April, 10:00", "11 April 2025 99:99"],
)
def test_not_date_lines(line):
    assert parse_date_line(line, REFERENCE) is None


def test_resolve_year_takes_latest_not_after_reference():
    assert resolve_year(4, 11, REFERENCE) == datetime(2025, 4, 11)
    assert resolve_year(4, 12, REFERENCE, 9, 0) == datetime(2025, 4, 12, 9, 0)
    assert resolve_year(4, 12, REFERENCE, 9, 1) == datetime(2024, 4, 12, 9, 1)
    assert resolve_year(12, 31, REFERENCE) == datetime(2024, 12, 31)
    assert resolve_year(2, 29, REFERENCE) == datetime(2024, 2, 29)
    assert resolve_year(2, 29, datetime(2024, 2, 28)) == datetime(2020, 2, 29)
    with pytest.raises(ValueError):
        resolve_year(4, 31, REFERENCE)


_EXPECTED_PREFIX = re.compile(r"^\**(?P<prefix>[^\n]{1,80}?)(?:\s*-{1,2}\s|\s*$)")
_EXPECTED_DATE = re.compile(r",?\s*(?:[A-Za-z]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[A-Za-z]{3,9})(?:,\s*Reuter)?\s*$")


def _expected_place(paragraph: str) -> str | None:
    """Independent, simpler reading of the prefix: the text before the date, trailing comma dropped."""
    match = _EXPECTED_PREFIX.match(paragraph)
    if match is None:
        return None
    place = _EXPECTED_DATE.sub("", match.group("prefix")).strip().rstrip(",").strip()
    place = re.sub(r"\s+,", ",", place)
    return place or None


def test_reuters_datelines_place_and_date():
    """At least 95% of Reuters stories get the dateline's place and the record's month/day."""
    reuters_articles = realnews_articles()
    right = 0
    wrong: list[str] = []
    for article in reuters_articles:
        body = article["body"]
        first = body[1] if body[0].lower().startswith("by ") and len(body) > 1 else body[0]
        published = datetime.fromisoformat(article["dateline"]["published_at"])
        found = find_dateline(first, published)
        expected_place = _expected_place(first)
        place_ok = (
            found is not None
            and expected_place is not None
            and (found.place or "").lower() == " ".join(expected_place.split()).lower()
        )
        date_ok = (
            found is not None
            and found.published_at is not None
            and (found.published_at.month, found.published_at.day) == (published.month, published.day)
        )
        if place_ok and date_ok:
            right += 1
        elif len(wrong) < 20:
            wrong.append(f"{article['id']}: {first[:60]!r} -> {found}")
    share = right / len(reuters_articles)
    assert len(reuters_articles) > 9000
    assert share >= 0.95, f"{share:.4f} right; e.g.\n" + "\n".join(wrong)
