"""The wire date line under a headline: "- 11 April, 14:54", "Published: April 11, 2025 2:54 pm EDT".

`parse_date_line` reads a line that is nothing but a date (and a time, and
maybe a zone); the readers call it on the line under a story's headline.
Kept apart from dateline.py, which reads the `CITY, Month Day (Agency) -`
prefix of a paragraph: the two share only the month and weekday patterns
(imported from there), and a reader needs the date line without the
dateline's place and agency rules.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from loaders.extract.dates import (
    GENERIC_US_ZONES,
    MONTHS_THAT_ARE_WORDS,
    in_generic_us_zone,
    month_number,
    resolve_year,
    safe_datetime,
    to_24_hour,
    zone_from_text,
)
from loaders.extract.dateline import DATELINE_CLOCK_SKEW, _ANY_MONTH, _MONTH, _ORDINAL, _WEEKDAY

# The date line under a headline: "- 11 April, 14:54", "Published: April 11, 2025 2:54 pm EDT".
_LINE_LEAD = re.compile(
    r"\s*(?:[-–—•|·]+\s*)?"
    r"(?:(?i:first\s+published|last\s+updated|published|updated|posted|date)(?:\s+(?i:on|at))?\s*:?\s*)?"
    rf"(?:{_WEEKDAY},?\s+)?"
)
_TIME = (
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"(?:\s*(?P<meridiem>(?i:[ap]\.?m\.?)))?"
    r"(?:\s*\(?(?P<zone>(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}|[A-Z]{2,4})\)?)?"
)
_LINE_TIME = re.compile(rf"(?:(?i:at)\s+)?{_TIME}\s*")
_LINE_SEPARATOR = re.compile(r"\s*(?:,|\||•|·|-|–|—|(?i:at))?\s*")
_LINE_DATES = (
    # No letter after the month: "3 mars" is for the next pattern, not March 3 with "s" left over.
    re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL}\s+(?P<month>{_MONTH})(?!\w),?(?:\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:\.|er|\s+de)?\s+(?P<month>{_ANY_MONTH})(?:\s+de(?=\s+\d))?,?"
               r"(?:\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),
)
_ISO_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")


def parse_date_line(line: str, reference: datetime) -> datetime | None:
    """The wire date line that stands on its own under the headline, e.g. `- 11 April, 14:54` (also `- April 11, 2025 14:54`, `11 April 2025`, etc.). None if the line is not a date line.

    The whole line must be a date (and time): a sentence that merely starts
    with a date is story text. A zone written on the line (`GMT`, `+03:00`)
    gives an aware datetime, as does a US zone that names no offset (`ET`,
    `PT`, `CT`, `MT`: daylight saving as on the line's day, as the readers
    place it); otherwise it is naive (`IST`, `CST` each name two zones).
    Months may be French, Spanish, Italian, German or Portuguese, day first
    (`- 4 juillet, 10:00`). `04/11/2025` is read only when one number is over
    12; otherwise the order is a guess, so None.
    """
    if not line or len(line) > 80:
        return None
    text = line.strip()
    iso = _ISO_STAMP.fullmatch(text.lstrip("-–—• ").strip())
    if iso:
        try:
            return datetime.fromisoformat(iso.group(0))
        except ValueError:
            return None
    position = _LINE_LEAD.match(text).end()
    leading_time = None
    time_match = _LINE_TIME.match(text, position)
    if time_match and time_match.group("minute"):
        leading_time = time_match
        position = _LINE_SEPARATOR.match(text, time_match.end()).end()
    parts = _match_line_date(text, position)
    if parts is None and leading_time is not None:
        leading_time = None
        parts = _match_line_date(text, _LINE_LEAD.match(text).end())
    if parts is None:
        return None
    year, month, day, position = parts
    time_match = leading_time
    rest = text[position:]
    if rest.strip():
        if leading_time is not None:
            return None
        position = _LINE_SEPARATOR.match(text, position).end()
        time_match = _LINE_TIME.fullmatch(text, position)
        if time_match is None or not (time_match.group("minute") or time_match.group("meridiem")):
            return None
    hour = minute = second = 0
    zone: tzinfo | None = None
    generic_zone: str | None = None
    if time_match is not None:
        converted = to_24_hour(int(time_match.group("hour")), time_match.group("meridiem"))
        if converted is None:
            return None
        hour = converted
        minute = int(time_match.group("minute") or 0)
        second = int(time_match.group("second") or 0)
        if minute > 59 or second > 59:
            return None
        zone_text = time_match.group("zone")
        if zone_text:
            zone = zone_from_text(zone_text)
            if zone is None and zone_text in GENERIC_US_ZONES:
                generic_zone = zone_text  # placed once the day is known: daylight saving depends on it
            elif zone is None and zone_text.upper() not in {"IST", "CST", "AST", "HKT", "SGT"}:
                return None
    if year is None:
        try:
            # The same allowance as in-body datelines: "- 11 April, 14:54" filed the
            # day the reference date names is that day, not a year earlier.
            resolved = resolve_year(month, day, reference.replace(tzinfo=None) + DATELINE_CLOCK_SKEW,
                                    hour, minute)
        except ValueError:
            return None
        when = resolved.replace(second=second, tzinfo=zone)
    else:
        when = safe_datetime(year, month, day, hour, minute, second, zone)
    return in_generic_us_zone(when, generic_zone) if when is not None and generic_zone else when


def _match_line_date(text: str, position: int) -> tuple[int | None, int, int, int] | None:
    """(year, month, day, end) of the date starting at `position`, or None."""
    for pattern in _LINE_DATES:
        match = pattern.match(text, position)
        if match is None:
            continue
        groups = match.groupdict()
        year = int(groups["year"]) if groups.get("year") else None
        if "first" in groups:
            first, second = int(groups["first"]), int(groups["second"])
            if first > 12 and second <= 12:
                day, month = first, second
            elif second > 12 and first <= 12:
                month, day = first, second
            else:
                continue
        else:
            raw_month = groups["month"]
            month_value = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
            if month_value is None:
                continue
            month, day = month_value, int(groups["day"])
            if year is None and not text[match.end():].strip() and \
                    raw_month.rstrip(".").lower() in MONTHS_THAT_ARE_WORDS:
                continue  # "3 out" alone is no date line
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        return year, month, day, match.end()
    return None
