"""Dates as found in feeds, pages and JSON, to ISO 8601 strings.

Strict on purpose: a publication date is only taken when the value is one.
dateparser alone reads "5" as the 5th of this month, "2024" as today's day
in 2024, "10:30" as some day at 10:30 and "tomorrow" as a date: an archive
then holds invented dates that sort and filter as if they were real.
"""
from __future__ import annotations

import calendar
import re
from email.utils import parsedate_to_datetime
import time
from datetime import datetime, timezone

import dateparser

from ..extract.dateline import DATELINE_CLOCK_SKEW
from ..extract.dates import in_generic_us_zone
from ..records import FULL_YEAR as _FULL_YEAR
from ..records import note_year_less, year_less

_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    # RETURN_AS_TIMEZONE_AWARE is left unset: a date that names its zone ("11:05
    # AM EDT", "CEST", "GMT+2") comes back aware and is stored in UTC; one
    # without a zone stays as written. Set to False, the zone was dropped and
    # "11:05 AM EDT" stored as 11:05, four hours early.
    # Written dates only: no "tomorrow" / "in 2 days" / "3 days ago", no bare
    # numbers read as timestamps (those are checked below), no "20250411"-style run-togethers.
    "PARSERS": ["absolute-time"],
    # A date needs its day and month; a missing year resolves against the reference.
    "REQUIRE_PARTS": ["day", "month"],
}
#: Epoch timestamps taken as dates: from 1990 to 2100, in seconds or milliseconds.
_EPOCH_SECONDS = (631_152_000, 4_102_444_800)
_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")
#: A written date names its month in letters (any language dateparser knows) or is
#: all numbers with a four-digit year; anything else ("5", "1e10", "10:30") is none.
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")
#: Day and month as numbers: 11/04/2025, 11.04.2025, 11-04-2025 (an ISO date never gets here).
_NUMERIC_DATE = re.compile(r"\s*(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<year>\d{4})\b")
#: Year first in numbers (2024/02/03, 2024-1-5): always year, month, day; no
#: one writes the day second, so "2024-13-01" is no date (not January 13).
_YEAR_FIRST = re.compile(r"\s*\d{4}[/.-](?P<month>\d{1,2})[/.-]\d{1,2}(?!\d)")
#: RFC 2822 with its zone, as feeds and mail write it: read by the standard
#: library, which keeps the offset (dateparser drops it).
_RFC_2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?"
                       r"\s+(?:[+-]\d{4}|UT|GMT|[ECMP][SD]T|Z)")

#: US time zones written without saying standard or daylight time ("10:00 AM
#: ET"): the offset depends on the day. dateparser took ET for EST all year,
#: so every summer time was stored an hour late. The zones and their placing
#: live in `extract.dates`, shared with the wire date line.
_GENERIC_ZONE = re.compile(r"(?P<date>.*?\S)[\s,]*\(?(?<![A-Za-z])(?P<zone>ET|CT|MT|PT)\)?\.?")

#: Languages (BCP 47 tags, lower case) whose numeric dates put the month first:
#: 04/03/2025 is April 3. Plain `en` counts as American, as feeds mostly mean it.
_MONTH_FIRST = frozenset({"en", "en-us", "en-ph", "en-as", "en-gu", "en-mp", "en-pr", "en-um", "en-vi"})
#: English where the day comes first (en-CA writes both: its dates stay ambiguous).
_ENGLISH_DAY_FIRST = frozenset({"gb", "uk", "ie", "au", "nz", "in", "za", "sg", "hk", "my", "ng", "ke",
                                "pk", "mt", "jm", "tt", "bw", "gh", "ug", "zw"})
#: Languages that write day/month/year: 04/03/2025 is 4 March.
_DAY_FIRST = frozenset({
    "fr", "de", "es", "it", "pt", "nl", "ca", "gl", "eu", "ro", "pl", "cs", "sk", "sl", "hr", "sr", "bs",
    "bg", "ru", "uk", "be", "el", "tr", "da", "nb", "nn", "no", "sv", "fi", "is", "et", "lv", "lt", "ga",
    "cy", "mt", "sq", "mk", "ar", "he", "fa", "ur", "hi", "bn", "id", "ms", "vi", "th", "sw", "af", "az",
    "ka", "hy", "kk", "uz", "lb", "rm", "fy",
})


def date_order(language) -> str | None:
    """"DMY" or "MDY": how a numeric date in `language` (`fr-FR`, `en_GB`, `en-US`) is
    written; None when the language is unknown or writes both (`en-CA`, `ja`)."""
    if not isinstance(language, str):
        return None
    tag = language.strip().lower().replace("_", "-")
    if tag in _MONTH_FIRST:
        return "MDY"
    primary, _, region = tag.partition("-")
    if primary == "en":
        return "DMY" if region in _ENGLISH_DAY_FIRST else None
    return "DMY" if primary in _DAY_FIRST else None


def date_problem(value, reference: datetime, language=None) -> str:
    """Why `value` gave no date (`iso_date` returned None), as a rejects file says it.

    A numeric date both of whose readings can be the date (04/03/2025, in a
    language that does not say which comes first) names both and how to write
    it so it cannot be misread: taking either would be a guess, right or a
    month or more off, with nothing to show which.
    """
    text = str(value).strip() if isinstance(value, str) else None
    numeric = _NUMERIC_DATE.match(text) if text else None
    if numeric and date_order(language) is None:
        readings = _readings(text, ["DMY", "MDY"], {**_SETTINGS, "RELATIVE_BASE": reference.replace(tzinfo=None)},
                             reference)
        if len(readings) == 2:
            day_first, month_first = readings["DMY"], readings["MDY"]
            said = (f"the language {language.strip()!r} does not say which"
                    if isinstance(language, str) and language.strip() else "no language is given to say which")
            return (f"ambiguous publication date {value!r}: {day_first:%Y-%m-%d} (day first) or "
                    f"{month_first:%Y-%m-%d} (month first), and {said}; write the date in "
                    f"ISO 8601 (YYYY-MM-DD) or give the language (day first: fr, de, es, en-GB, ...; "
                    f"month first: en-US)")
    return f"unreadable publication date {value!r}"


def iso_date(value, reference: datetime, language=None) -> str | None:
    """ISO 8601 for a full date in a common form; None when the value is no date.

    Taken: ISO 8601 (`2025-04-11T14:54:00Z`, `20250411`), RFC 2822 (`Tue, 11
    Apr 2025 14:54 GMT`), a written date with day and month (`11 April 2025`,
    `April 11, 2025 2:54 pm`; without a year, the latest such day not after
    `reference`), day/month/year in numbers when the order is clear (one
    number over 12, or only one reading not after `reference`), and an epoch
    timestamp from 1990 to 2100 in seconds or milliseconds. In numbers, the
    order `language` writes dates in decides (`fr-FR`, `en-GB`: 04/03/2025 is
    4 March; `en-US`, `en`: April 3), else the order must be clear (see
    `date_problem` for the reason given). A date that names
    its zone (`+0200`, `EDT`, `CEST`, `GMT+2`; US `ET`, `CT`, `MT`, `PT` with
    daylight saving as on that day) is given in UTC.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, time.struct_time):
        return datetime.fromtimestamp(calendar.timegm(value), timezone.utc).isoformat()
    if isinstance(value, datetime):
        return _format(value)
    if isinstance(value, (int, float)):
        return _epoch(value)
    text = str(value).strip()
    try:
        return _format(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    if _EPOCH.fullmatch(text):
        return _epoch(float(text))
    if _RFC_2822.fullmatch(text):
        try:
            return _format(parsedate_to_datetime(text))
        except (TypeError, ValueError):
            return None
    if generic := _GENERIC_ZONE.fullmatch(text):
        return _in_zone(iso_date(generic["date"], reference, language), generic["zone"])
    if not (_MONTH_WORD.search(text) or _FULL_YEAR.search(text)):
        return None
    base = {**_SETTINGS, "RELATIVE_BASE": reference.replace(tzinfo=None)}
    if year_first := _YEAR_FIRST.match(text):
        if not 1 <= int(year_first["month"]) <= 12:
            return None
        base["DATE_ORDER"] = "YMD"
    elif numeric := _NUMERIC_DATE.match(text):
        return _numeric_date(text, numeric, base, reference, date_order(language))
    parsed = dateparser.parse(text, settings=base)
    if parsed is None:
        return None
    if year_less(text):
        note_year_less(reference)
    return _format(parsed)


def _in_zone(local: str | None, abbreviation: str) -> str | None:
    """A date read without its zone, placed in the US zone `abbreviation` names (daylight saving as on that day)."""
    if local is None:
        return None
    return _format(in_generic_us_zone(datetime.fromisoformat(local), abbreviation))


def _numeric_date(text: str, numeric: re.Match[str], settings: dict, reference: datetime,
                  order: str | None = None) -> str | None:
    """`11/04/2025` is April 11 or November 4: the order the language writes
    (`order`), else the only reading that can be the date."""
    first, second = int(numeric["first"]), int(numeric["second"])
    if second <= 12 < first or first <= 12 < second:  # a month 13 or over: the order is clear
        orders = ["DMY"] if first > 12 else ["MDY"]
    else:
        orders = [order] if order else ["DMY", "MDY"]
    readings = set(_readings(text, orders, settings, reference).values())
    return _format(readings.pop()) if len(readings) == 1 else None


def _readings(text: str, orders: list[str], settings: dict, reference: datetime) -> dict[str, datetime]:
    """The date `text` is in each order of `orders`; of two orders, only readings not after `reference`."""
    latest = reference.replace(tzinfo=None) + DATELINE_CLOCK_SKEW  # clocks and time zones differ
    return {order: parsed for order in orders
            if (parsed := dateparser.parse(text, settings={**settings, "DATE_ORDER": order})) is not None
            and (len(orders) == 1 or parsed.replace(tzinfo=None) <= latest)}


def _epoch(number: float) -> str | None:
    if _EPOCH_SECONDS[0] * 1000 <= number < _EPOCH_SECONDS[1] * 1000:
        number /= 1000
    if not _EPOCH_SECONDS[0] <= number < _EPOCH_SECONDS[1]:
        return None
    return datetime.fromtimestamp(number, timezone.utc).isoformat()


def _format(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.isoformat()
