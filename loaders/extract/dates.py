"""Calendar pieces shared by the dateline and date-line parsers.

Kept apart from `dateline.py` so the month table and the year resolution rule
exist once: wire datelines omit the year, and every caller must resolve it the
same way or the same story gets two dates.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta, timezone, tzinfo

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# Longest first, so that "Sept" is tried before "Sep" and "June" before "Jun".
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))

# Only unambiguous abbreviations: "IST" (India or Ireland) and "CST" (China or
# US Central) would make up an offset, so they stay naive.
ZONE_OFFSETS: dict[str, int] = {
    "utc": 0, "gmt": 0, "z": 0,
    "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180, "msk": 180,
    "est": -300, "edt": -240, "cdt": -300, "mdt": -360, "mst": -420,
    "pst": -480, "pdt": -420, "jst": 540, "kst": 540, "aest": 600,
}


def month_number(name: str) -> int | None:
    """Month number from a full or abbreviated English name, with or without a dot."""
    return MONTHS.get(name.rstrip(".").lower())


def zone_from_text(zone: str | None) -> tzinfo | None:
    """A fixed-offset zone from `GMT`, `UTC+3`, `+03:00`, `-0500`; None when unknown."""
    if not zone:
        return None
    text = zone.strip().lower()
    if text in ZONE_OFFSETS:
        return timezone(timedelta(minutes=ZONE_OFFSETS[text]))
    for prefix in ("utc", "gmt"):
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    if not text or text[0] not in "+-":
        return None
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    if not digits.isdigit() or len(digits) not in (1, 2, 3, 4):
        return None
    if len(digits) <= 2:
        hours, minutes = int(digits), 0
    else:
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    if hours > 14 or minutes >= 60:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def resolve_year(month: int, day: int, reference: datetime, hour: int = 0, minute: int = 0) -> datetime:
    """Latest date with this month/day (and time) not after `reference` (Feb 29 -> the latest leap year).

    The result carries `reference`'s tzinfo so it compares with it; a naive
    reference gives a naive result.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    if not 1 <= day <= 31:
        raise ValueError(f"day out of range: {day}")
    year = reference.year
    # At most 8 years back reaches a leap year (1900/2100 skip one); a day that
    # never exists in this month (April 31) fails on every year.
    for _ in range(9):
        if day <= _DAYS_IN_MONTH[month] + (month == 2 and calendar.isleap(year)):  # monthrange's count, cheaper
            candidate = datetime(year, month, day, hour, minute, tzinfo=reference.tzinfo)
            if candidate <= reference:
                return candidate
        year -= 1
    raise ValueError(f"no such day: month {month}, day {day}")


def safe_datetime(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
                  second: int = 0, zone: tzinfo | None = None) -> datetime | None:
    """`datetime(...)` that answers None for impossible dates instead of raising."""
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def to_24_hour(hour: int, meridiem: str | None) -> int | None:
    """12-hour clock to 24-hour; None for an hour that cannot carry am/pm."""
    if not meridiem:
        return hour if 0 <= hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    is_pm = meridiem.lower().startswith("p")
    return (hour % 12) + (12 if is_pm else 0)
