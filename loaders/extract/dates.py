"""Calendar pieces shared by the dateline and date-line parsers.

Kept apart from `dateline.py` and `date_lines.py` so the month table and
the year resolution rule exist once: wire datelines omit the year, and every
caller must resolve it the same way or the same story gets two dates.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

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

# The months of AFP's, EFE's, ANSA's, dpa's, Lusa's, Reuters' Russian and ANA-MPA's own-language
# copy (French, Spanish, Italian, German, Portuguese, Russian, Greek), full and as their datelines
# abbreviate them, with and without accents. Kept apart from MONTHS: words
# such as "out", "set", "ago" and "gen" are months only right after a day
# number ("3 out"), so the parsers take these day first only, where English
# names may come either way round. No abbreviation names two months.
FOREIGN_MONTHS: dict[str, int] = {
    # French
    "janvier": 1, "janv": 1, "février": 2, "févr": 2, "fevrier": 2, "fevr": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "déc": 12, "decembre": 12,
    # Spanish
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "set": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12, "dic": 12,
    # Italian
    "gennaio": 1, "gen": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "mag": 5, "giugno": 6, "giu": 6,
    "luglio": 7, "lug": 7, "settembre": 9, "sett": 9, "ottobre": 10, "ott": 10, "dicembre": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mär": 3, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "fev": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "out": 10, "novembro": 11, "dezembro": 12,
    # Russian, in the genitive a date takes ("5 марта"), and as datelines abbreviate them
    "января": 1, "янв": 1, "февраля": 2, "фев": 2, "марта": 3, "мар": 3, "апреля": 4, "апр": 4, "мая": 5,
    "июня": 6, "июн": 6, "июля": 7, "июл": 7, "августа": 8, "авг": 8, "сентября": 9, "сент": 9, "сен": 9,
    "октября": 10, "окт": 10, "ноября": 11, "нояб": 11, "ноя": 11, "декабря": 12, "дек": 12,
    # Greek, in the genitive, with and without accents (capitals carry none: "5 ΜΑΡΤΙΟΥ")
    "ιανουαρίου": 1, "ιανουαριου": 1, "φεβρουαρίου": 2, "φεβρουαριου": 2, "μαρτίου": 3, "μαρτιου": 3,
    "απριλίου": 4, "απριλιου": 4, "μαΐου": 5, "μαϊου": 5, "μαιου": 5, "ιουνίου": 6, "ιουνιου": 6, "ιουλίου": 7,
    "ιουλιου": 7, "αυγούστου": 8, "αυγουστου": 8, "σεπτεμβρίου": 9, "σεπτεμβριου": 9, "οκτωβρίου": 10,
    "οκτωβριου": 10, "νοεμβρίου": 11, "νοεμβριου": 11, "δεκεμβρίου": 12, "δεκεμβριου": 12,
}

# Abbreviations that are English words too: a line that is only "2 set" or
# "3 out" is no date line, though "2 set 2024" or "3 out, 10:00" is.
MONTHS_THAT_ARE_WORDS = frozenset({"out", "set", "ago", "gen", "mag", "lug"})

# Every month name, English or not, longest first: the day-first pattern for
# copy in those languages, which also writes "3. Jan." and "3 de abril".
ANY_MONTH_PATTERN = "|".join(sorted(MONTHS.keys() | FOREIGN_MONTHS.keys(), key=len, reverse=True))

# Only unambiguous abbreviations: "IST" (India or Ireland) and "CST" (China or
# US Central) would make up an offset, so they stay naive.
ZONE_OFFSETS: dict[str, int] = {
    "utc": 0, "gmt": 0, "z": 0,
    "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180, "msk": 180,
    "est": -300, "edt": -240, "cdt": -300, "mdt": -360, "mst": -420,
    "pst": -480, "pdt": -420, "jst": 540, "kst": 540, "aest": 600,
}


#: US time zones written without saying standard or daylight time ("10:00
#: ET"): the offset depends on the day, so they name a zone, not an offset.
#: Shared by the readers' dates and the wire date line, so one time is one
#: instant whichever reader met it.
GENERIC_US_ZONES: dict[str, str] = {"ET": "America/New_York", "CT": "America/Chicago",
                                    "MT": "America/Denver", "PT": "America/Los_Angeles"}


def month_number(name: str) -> int | None:
    """Month number from a full or abbreviated name (English, or one of FOREIGN_MONTHS), with or without a dot."""
    key = name.rstrip(".").lower()
    return MONTHS.get(key) or FOREIGN_MONTHS.get(key)


def in_generic_us_zone(value: datetime, abbreviation: str) -> datetime:
    """A time written with "ET", "CT", "MT" or "PT", placed in that US zone with daylight saving
    as on its day ("4 July, 10:00 ET" is 14:00 UTC, "4 January, 10:00 ET" 15:00). An aware
    value keeps its own zone; an unknown abbreviation raises KeyError."""
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=ZoneInfo(GENERIC_US_ZONES[abbreviation.upper()]))


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
