"""Datelines: the in-body `CITY, Month Day (Agency) -` prefix.

Hand-written regexes instead of dateparser: dateparser costs milliseconds per
call and the whole extractor has well under one millisecond per article.
Every pattern is anchored and bounded, so a paragraph of any length costs the
same: no pattern can backtrack over the story text.

The wire date line under a headline ("- 11 April, 14:54") is read in
date_lines.py with the month patterns defined here; how the place found is
shown and keyed is dateline_places.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from loaders.extract.dates import (
    ANY_MONTH_PATTERN,
    MONTH_PATTERN,
    MONTHS_THAT_ARE_WORDS,
    month_number,
    resolve_year,
    safe_datetime,
)
from loaders.extract.cues import trie_alternation
from loaders.extract.dateline_places import _all_capitals, _bureaus, _first_place, place_display
from loaders.extract.lexicon import KNOWN_PLACES, NOT_NAME_WORDS

__all__ = ["Dateline", "find_dateline", "resolve_year"]

# A dateline is written in local time while the reference is often a UTC
# timestamp: "TOKYO, March 12" is filed on March 11 GMT. Without this slack
# such a story would be dated a year back.
DATELINE_CLOCK_SKEW = timedelta(days=1)

# Capitals of Latin-1 and Latin Extended-A (Ł, Ś, Ź, Č, İ, Ő, ...): "ŁÓDŹ, May 2
# (Reuters) -" is a dateline like "MÜNCHEN, ..." is; and Cyrillic and Greek
# ones: "МОСКВА, 5 марта (Рейтер) -", "ΑΘΗΝΑ, 5 Μαρτίου (ΑΠΕ-ΜΠΕ) -".
_UPPER = ("A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x180)) if c.isupper())
          + "А-ЯЁЄІЇЎ" + "Α-ΡΣ-ΩΆΈΉΊΌΎΏΪΫ")
_PLACE_WORD = rf"[{_UPPER}](?:[\w'’.&]|-(?=\w))*"
_PLACE_PARTICLE = r"(?:de|da|du|del|des|do|dos|di|es|el|al|la|le|of|upon|am|an|der|on|sur)"
_PLACE_SEGMENT = rf"{_PLACE_WORD}(?:[ ]+(?:{_PLACE_WORD}|{_PLACE_PARTICLE}(?=[ ]+[{_UPPER}]))){{0,4}}"
_WEEKDAY = r"(?i:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?i:day)?\.?"
# The month names factored by their prefixes (`trie_alternation`): under IGNORECASE `re` cannot rule
# a branch out by its first letter, so the plain alternation tried each of its names in turn (103 of
# them in _ANY_MONTH) wherever a date might start. Both find the same name: the names that fit are
# prefixes of one another, and both try them longest first ("Sept" before "Sep"), as no two names
# differ only in case.
_MONTH_NAMES = trie_alternation(MONTH_PATTERN.split("|"))
_ANY_MONTH_NAMES = trie_alternation(ANY_MONTH_PATTERN.split("|"))
_MONTH = rf"(?i:{_MONTH_NAMES})\.?"
# French, Spanish, Italian, German and Portuguese copy writes the day first,
# German with an ordinal dot ("3. März"), French the first as "1er", Spanish
# and Portuguese maybe with "de" ("3 de marzo de 2025"). Tried after the
# English orders, so an English dateline reads as before; no letter may
# follow, so "mar" is not "marzo".
_ANY_MONTH = rf"(?i:{_ANY_MONTH_NAMES})\.?(?!\w)"
_DAY_OF_ANY_MONTH = rf"(?P<day3>\d{{1,2}})(?:\.|er|[ ]+de)?[ ]+(?P<month3>{_ANY_MONTH})(?:[ ]+de(?=[ ]+\d))?"
# Latin-American Spanish and Portuguese wires also write the month first, in
# capitals and short ("BUENOS AIRES, ABR 9 (Reuters) -"). Tried last, behind a
# lookahead for a whole word and a number ("BUENOS AIRES, AOUT 1" is not the
# place "BUENOS AIRES, A" on "OUT 1"), so text that is no such date costs one
# failed character-class scan, not a try of every month name.
_ANY_MONTH_THEN_DAY = rf"(?<!\w)(?=[^\W\d_]{{3,11}}\.?[ ]+\d)(?P<month4>{_ANY_MONTH})[ ]+(?P<day4>\d{{1,2}})"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATELINE_DATE = (
    rf"(?:{_WEEKDAY},?[ ]+)?"
    rf"(?:(?P<month>{_MONTH})[ ]+(?P<day>\d{{1,2}}){_ORDINAL}"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}[ ]+(?P<month2>{_MONTH})"
    rf"|{_DAY_OF_ANY_MONTH}"
    rf"|{_ANY_MONTH_THEN_DAY})"
    r"(?:,?[ ]+(?P<year>(?:19|20)\d\d))?"
)
_AGENCY = (
    r"(?:[ ]*\([ ]*(?P<agency>[\w][\w.&'’ /-]{0,40}?)[ ]*\)"
    r"|,[ ]*(?P<agency2>Reuters?|REUTERS?|AP|AFP|UPI|dpa|DPA|Xinhua|XINHUA)\b"
    r"|[ ]*/(?P<agency3>[A-Z][\w-]{1,15})/)"
)
_DASH = r"[ ]*(?:--|—|-|–)(?!\d)[ ]*"

# Two or more places joined by a slash ("HONG KONG/SHANGHAI"): a story filed
# from several bureaus. See _first_place for the one the dateline keeps.
_DATELINE = re.compile(
    r"[ \t*•·]*"
    r"(?P<raw>"
    rf"(?:(?P<place>{_PLACE_SEGMENT}(?:(?:[ ]?,[ ]*|[ ]?/[ ]?){_PLACE_SEGMENT}){{0,3}})(?:[ ]?,[ ]*|[ ]+(?=[(\d])|[ ]+(?={_MONTH}[ ]+\d))?)?"
    rf"(?P<date>{_DATELINE_DATE})?"
    rf"(?P<agency_part>{_AGENCY})?"
    r"(?:(?P<dash>[,.]?" + _DASH + r")|[ ]*$"  # EFE writes "(EFE).-"
    # PTI, CNA and APP write no dash: "New Delhi, Jan 5 (PTI) The ...", "(APP): Pakistan ..."
    rf"|(?(agency_part)(?P<undashed>[ ]*:[ ]*|[ ]+)(?=[{_UPPER}\d\"“‘'])|(?!)))"
    r")"
)
# Business Wire's press releases put the wire between two double dashes, and the date after it:
# "NEW YORK--(BUSINESS WIRE)--Mar. 3, 2025--Acme Corp. today announced ...". The date is optional
# ("SAN FRANCISCO--(BUSINESS WIRE)--Acme ..."); the place must be in capitals.
_PRESS_RELEASE = re.compile(
    r"[ \t*•·]*(?P<raw>(?P<place>" + _PLACE_SEGMENT + r"(?:[ ]?,[ ]*" + _PLACE_SEGMENT + r"){0,2})[ ]*--[ ]*"
    r"\((?P<agency>(?i:business[ ]wire|globe[ ]newswire|accesswire|marketwire|marketwired))\)[ ]*--[ ]*"
    rf"(?:(?P<date>{_DATELINE_DATE})[ ]*--[ ]*)?)"
)
# The agency first, as ANSA and EFE lay it out: "(ANSA) - ROMA, 3 MAR -". The
# dateline after it is read by _DATELINE.
_AGENCY_FIRST = re.compile(r"[ \t*•·]*(?P<lead>\([ ]*(?P<agency>[^()]{1,20}?)[ ]*\)\.?" + _DASH + r")")
_AGENCY_FIRST_STARTS = frozenset("( \t*•·")  # tested first: a story's paragraph opens with none of them
_ALL_CAPS_LETTERS = re.compile(rf"[{_UPPER}]{{2}}")


_AGENCY_NAMES = {"reuter": "Reuters", "reuters": "Reuters", "ap": "AP", "afp": "AFP", "upi": "UPI",
                 "dpa": "dpa", "xinhua": "Xinhua", "tass": "TASS", "ians": "IANS", "pti": "PTI",
                 "ani": "ANI", "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo", "bloomberg": "Bloomberg",
                 "lusa": "Lusa", "cna": "CNA", "app": "APP", "yonhap": "Yonhap", "antara": "ANTARA",
                 "bernama": "Bernama", "irna": "IRNA", "kuna": "KUNA", "wam": "WAM", "mena": "MENA",
                 "anadolu": "Anadolu", "unb": "UNB", "bss": "BSS", "pna": "PNA", "vna": "VNA",
                 "interfax": "Interfax", "рейтер": "Reuters", "рейтерс": "Reuters", "тасс": "TASS",
                 "интерфакс": "Interfax", "риа новости": "RIA Novosti", "απε-μπε": "ANA-MPA", "απε": "ANA-MPA"}


@dataclass(frozen=True)
class Dateline:
    place: str | None
    agency: str | None
    published_at: datetime | None
    raw: str
    end: int
    #: Every bureau of a story filed from several ("LONDON/NEW YORK"), `place` first; else empty.
    places: tuple[str, ...] = ()


def _agency_display(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip()
    return _AGENCY_NAMES.get(name.lower(), name)


def find_dateline(paragraph: str, reference: datetime) -> Dateline | None:
    """In-body dateline at the start of a paragraph: `CITY, Month Day (Agency) -`, `-`, `—`, `--`, `CITY, 2 March -`, `MIAMI, Fla., Feb 26 -`, `GENEVA (AFP) -` ... A date without a year resolves against `reference` to the latest such date not after it.

    "Not after it" allows one day of clock skew (see DATELINE_CLOCK_SKEW).
    A bare place before a dash counts only when written in capitals
    ("CALGARY, Alberta -"), so an ordinary sentence with a dash is not taken
    for a dateline; a place in Title Case needs a date or an agency.
    Own-language copy of AFP, EFE, ANSA, dpa and Lusa names its month in
    French, Spanish, Italian, German or Portuguese, day first (`PARIS, 3 mars
    (AFP) -`, `BERLIN, 3. März 2025 (dpa) -`); as such month words are words
    too ("out", "set"), that date needs an agency or a comma after the place.
    Latin-American wires put such a month first (`BUENOS AIRES, ABR 9 -`):
    without an agency, only after a place in capitals and a comma, and never
    a month that is a word. ANSA and EFE may lead with the agency (`(ANSA) -
    ROMA, 3 MAR -`, see _agency_first_dateline); EFE ends with `.-`.
    PTI, CNA and APP write no dash after the agency (`New Delhi, Jan 5 (PTI)
    The ...`, `(APP): ...`): see _undashed_dateline.
    Places joined by a slash (`HONG KONG/SHANGHAI`) give the first (see
    _first_place), and need a date or a known agency: wire tables write
    "SOY CAKE/MEAL (cont.) -".
    """
    if not paragraph:
        return None
    if paragraph[0] in _AGENCY_FIRST_STARTS and (lead := _AGENCY_FIRST.match(paragraph)) is not None:
        return _agency_first_dateline(paragraph, lead, reference)
    if "--(" in paragraph[:60] and (release := _press_release_dateline(paragraph, reference)) is not None:
        return release
    match = _DATELINE.match(paragraph)
    if match is None or (not match.group("place") and paragraph[:1].islower()):
        match = _lower_case_dateline(paragraph)
    if match is None:
        match = _typed_dateline(paragraph)
    if match is None:
        return None
    return _read_dateline(paragraph, match, reference)


def _press_release_dateline(paragraph: str, reference: datetime) -> Dateline | None:
    """`NEW YORK--(BUSINESS WIRE)--Mar. 3, 2025--`: a press release's wire and date after its place."""
    match = _PRESS_RELEASE.match(paragraph)
    if match is None or not _in_capitals(match.group("place")):
        return None
    published_at = _dateline_date(match, reference) if match.group("date") else None
    if match.group("date") and published_at is None:
        return None
    return Dateline(place=place_display(_first_place(match.group("place"))),
                    agency=_WIRE_NAMES.get(match.group("agency").lower(), match.group("agency")),
                    published_at=published_at, raw=match.group("raw").rstrip(), end=match.end(), places=())


_WIRE_NAMES = {"business wire": "Business Wire", "globe newswire": "GlobeNewswire", "accesswire": "ACCESSWIRE",
               "marketwire": "Marketwire", "marketwired": "Marketwired"}


def _agency_first_dateline(paragraph: str, lead: re.Match[str], reference: datetime) -> Dateline | None:
    """`(ANSA) - ROMA, 3 MAR -`, `(EFE) - MADRID, 5 ene -`: the agency, then the dateline.

    Only a known agency leads one: "(Continued) - The India State ..." opens
    a 1987 wire story. And as a story without a dateline opens "(Reuters) -
    Tesla said ...", the place after it needs a date or capitals
    ("(Reuters) - NEW YORK -"), never Title Case alone.
    """
    if lead.group("agency").lower() not in _AGENCY_NAMES:
        return None
    match = _DATELINE.match(paragraph, lead.end())
    if match is None or match.group("agency_part") or not match.group("place"):
        return None  # "(ANSA) - ROMA (ANSA) -" names its agency twice: no layout of a wire
    if not match.group("date") and not _in_capitals(match.group("place")):
        return None
    return _read_dateline(paragraph, match, reference, lead)


def _read_dateline(paragraph: str, match: re.Match[str], reference: datetime,
                   lead: re.Match[str] | None = None) -> Dateline | None:
    """The dateline `match` found, or None when its parts are no dateline's (see find_dateline);
    `lead` is the agency written before it."""
    place, date_text, agency_part, dash = match.group("place", "date", "agency_part", "dash")
    has_agency = bool(agency_part or lead)
    at_end = match.end() >= len(paragraph.rstrip())
    undashed = match.group("undashed") is not None and not at_end
    if undashed and not _undashed_dateline(match):
        return None
    if not (dash or at_end or undashed):
        return None
    if not (date_text or has_agency):
        if not (place and dash and _in_capitals(place)):
            return None
    if not place and not date_text:
        return None
    if (match.group("day3") or match.group("month4")) and not has_agency:
        # "3 out - ...", "Game 7 out - ...": "out", "set", "ago", "mag" are words too, so a
        # month of another language needs an agency or a comma after its place ("LISBOA, 5 out -").
        if not (place and "," in paragraph[match.end("place"):match.start("date")]):
            return None
    if match.group("month4") and not has_agency:
        # Month first only as Latin-American wires write it, under a place in capitals
        # ("MADRID, ENE 3 -"), and never a month that is a word: "Tennis, Set 2 - ..."
        if not _in_capitals(place) or match.group("month4").rstrip(".").lower() in MONTHS_THAT_ARE_WORDS:
            return None
    agency_name = lead.group("agency") if lead else (
        match.group("agency") or match.group("agency2") or match.group("agency3"))
    if place and "/" in place and not date_text and not _known_agency(agency_name):
        return None  # "USG/ARA- Ghent ...", "SOY CAKE/MEAL (cont.) -": a table's line, not two bureaus
    if dash is None and not undashed and not (place and _all_capitals(place.split(",")[0])):
        # A paragraph that is only "LONDON, March 3" is a dateline; "One Week Ended Feb 16" is a table title.
        return None
    published_at = _dateline_date(match, reference) if date_text else None
    if date_text and published_at is None:
        return None
    start = lead.start("lead") if lead else match.start("raw")
    raw = paragraph[start:match.end("raw")].rstrip()  # as written, in lower case too
    return Dateline(
        place=place_display(_first_place(place)) if place else None,
        agency=_agency_display(agency_name),
        published_at=published_at,
        raw=raw,
        end=match.end(),
        places=_bureaus(place) if place and "/" in place else (),
    )


def _undashed_dateline(match: re.Match[str]) -> bool:
    """Whether a dateline without its dash is one: "New Delhi, Jan 5 (PTI) The ...",
    "WASHINGTON (APP): ...". Only before a known agency written as it writes
    itself (PTI, not "(Pti)"), after a place with a date or in capitals:
    "Settings (App) Open the ..." is no dateline, nor "Acme Corp (ACME) Shares ..."."""
    place, agency = match.group("place"), match.group("agency")
    if not (place and agency and _known_agency(agency)):
        return False
    agency = agency.strip()
    if agency != _agency_display(agency) and agency != agency.upper():
        return False
    return bool(match.group("date")) or _in_capitals(place)


def _in_capitals(place: str) -> bool:
    """"CALGARY, Alberta": a place whose first part is written in capitals."""
    return bool(_ALL_CAPS_LETTERS.match(place)) and _all_capitals(place.split(",")[0])


def _known_agency(agency: str | None) -> bool:
    return bool(agency) and agency.strip().lower() in _AGENCY_NAMES


_WORD_START = re.compile(r"(?<![\w'’])\w")


def _lower_case_dateline(paragraph: str) -> re.Match[str] | None:
    """A dateline of copy typed all in lower case ("london, march 3 (reuters) - ..."), matched on
    its words capitalised: only with a date, and an agency or a place known as one, so that an
    ordinary sentence with a date and a dash is not taken for one."""
    head = paragraph[:120]
    if any(c.isupper() for c in head):
        return None
    capitalised = _WORD_START.sub(lambda found: found.group(0).upper(), head)
    if len(capitalised) != len(head):  # "ß" upper-cases to two letters: offsets would shift
        return None
    match = _DATELINE.match(capitalised)
    if match is None or not match.group("place") or not match.group("date"):
        return None
    place = match.group("place").lower()
    if any(word in NOT_NAME_WORDS for word in place.replace(",", " ").split()):
        return None  # "the plan, march 3 - ...", "prices rose in march 3 - ..."
    if not match.group("agency_part") and place.split(",")[0].strip() not in KNOWN_PLACES:
        return None  # without an agency, only a place known as one
    return match


#: A stray letter typed before a dateline in 1980s wire copy: "c    CHICAGO, March 9 - ...".
_STRAY_LETTER = re.compile(rf"[a-z][ ]{{2,}}(?=[{_UPPER}]{{2}})")
_MIXED_PLACE = re.compile(r"[A-Z][\w.]*(?:[ ]+[\w.]+){0,3}?,[ ]*(?:[A-Z][\w.]*(?:[ ]+[\w.]+){0,2}?,[ ]*)?"
                          rf"(?={_MONTH}[ ]+\d)")


def _typed_dateline(paragraph: str) -> re.Match[str] | None:
    """A dateline the typist got wrong: a stray letter before it ("c    CHICAGO, March 9 -"), or a
    place with a word in lower case ("New york, March 2 -", "Mexico city, march 18 -").

    The mixed-case place is read with its words capitalised, and only with a
    date and a place known as one, so a sentence with a comma and a date is
    not taken for a dateline.
    """
    stray = _STRAY_LETTER.match(paragraph)
    if stray is not None:
        match = _DATELINE.match(paragraph, stray.end())
        return match if match is not None and match.group("place") and match.group("date") else None
    place = _MIXED_PLACE.match(paragraph)
    if place is None:
        return None
    head = paragraph[:place.end()]
    capitalised = _WORD_START.sub(lambda found: found.group(0).upper(), head) + paragraph[place.end():]
    if len(capitalised) != len(paragraph):
        return None
    match = _DATELINE.match(capitalised)
    if match is None or not match.group("place") or not match.group("date") or not match.group("dash"):
        return None
    parts = [part.strip().lower() for part in match.group("place").split(",")]
    if not any(part in KNOWN_PLACES for part in parts) or any(
            word in NOT_NAME_WORDS for word in " ".join(parts).split()):
        return None
    return match


def _dateline_date(match: re.Match[str], reference: datetime) -> datetime | None:
    month = month_number(match.group("month") or match.group("month2") or match.group("month3")
                         or match.group("month4"))
    day = int(match.group("day") or match.group("day2") or match.group("day3") or match.group("day4"))
    if month is None:
        return None
    year = match.group("year")
    if year:
        return safe_datetime(int(year), month, day)
    try:
        return resolve_year(month, day, reference.replace(tzinfo=None) + DATELINE_CLOCK_SKEW)
    except ValueError:
        return None
