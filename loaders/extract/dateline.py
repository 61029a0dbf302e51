"""Datelines: the in-body `CITY, Month Day (Agency) -` prefix and the wire date line.

Hand-written regexes instead of dateparser: dateparser costs milliseconds per
call and the whole extractor has well under one millisecond per article.
Every pattern is anchored and bounded, so a paragraph of any length costs the
same: no pattern can backtrack over the story text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timedelta, tzinfo

from loaders.extract.dates import (
    ANY_MONTH_PATTERN,
    GENERIC_US_ZONES,
    MONTH_PATTERN,
    MONTHS_THAT_ARE_WORDS,
    in_generic_us_zone,
    month_number,
    resolve_year,
    safe_datetime,
    to_24_hour,
    zone_from_text,
)
from loaders.extract.cues import trie_alternation
from loaders.extract.lexicon import KNOWN_PLACES, NOT_NAME_WORDS

__all__ = ["Dateline", "find_dateline", "parse_date_line", "resolve_year", "place_display"]

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

_PARTICLES_LOWER = frozenset({"de", "da", "du", "del", "des", "do", "dos", "di", "es", "el", "al",
                              "la", "le", "of", "upon", "am", "an", "der", "on", "sur"})
#: Particles between a hyphenated place's parts: "Port-au-Prince", "Aix-les-Bains", "Southend-on-Sea".
_HYPHENED_PARTICLES = _PARTICLES_LOWER | {"au", "aux", "en", "les", "lès", "sous"}
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


@lru_cache(maxsize=1 << 12)
def place_display(place: str) -> str:
    """Title-case only the ALL-CAPS parts, so "MIAMI, Fla." reads "Miami, Fla." and "N.Y." stays.

    Cached: a wire's datelines name the same few hundred places again and again.
    """
    parts = []
    for segment in place.split(","):
        stripped = segment.strip()
        if stripped and _all_capitals(stripped) and len(stripped.replace(".", "")) > 2:
            stripped = _title_words(stripped)
        parts.append(stripped)
    return ", ".join(part for part in parts if part)


def _title_words(text: str) -> str:
    """Capitalise each word and each hyphen part; inner particles ("Dar es Salaam", "Port-au-Prince",
    "Stratford-upon-Avon") stay lower."""
    out = []
    for index, word in enumerate(text.split(" ")):
        if index and _lower(word) in _PARTICLES_LOWER:
            out.append(_lower(word))
            continue
        pieces = word.split("-")
        out.append("-".join(_lower(piece) if 0 < number < len(pieces) - 1 and _lower(piece) in _HYPHENED_PARTICLES
                            else _capitalise(piece) for number, piece in enumerate(pieces)))
    return " ".join(out)


def _capitalise(word: str) -> str:
    """An ALL-CAPS word with its first letter kept: "ST." -> "St.", "N.Y." -> "N.Y.", and after a
    one-letter elision the next one too: "O'HARE" -> "O'Hare", "COEUR D'ALENE" -> "Coeur d'Alene"."""
    if "." in word.rstrip("."):
        return ".".join(piece[:1] + _lower(piece[1:]) for piece in word.split("."))
    if len(word) > 2 and word[1] in "'’" and word[0].isalpha():
        return word[:2] + _capitalise(word[2:])
    return word[:1] + _lower(word[1:])


def _lower(text: str) -> str:
    """Lower case, the Turkish way when the letters show it.

    A dotted capital İ is Turkish, where it lowers to i and a dotless I to ı:
    "DİYARBAKIR" reads "Diyarbakır". Elsewhere str.lower() would turn İ into
    i plus a stray combining dot, and I into i as usual ("İZMIR" -> "İzmir").
    """
    if "İ" not in text:
        return text.lower()
    return text.replace("İ", "i").replace("I", "ı").lower()


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


def _all_capitals(text: str) -> bool:
    """Whether `text` has no lower-case letter but "ß", which wire copy keeps in capitals: "GIEßEN"
    (its capital "ẞ" is rare) was taken for no capitals, so the place stood as written."""
    text = text.replace("ß", "")
    return text.upper() == text


def _known_agency(agency: str | None) -> bool:
    return bool(agency) and agency.strip().lower() in _AGENCY_NAMES


def _first_place(place: str) -> str:
    """The first of the places a slash joins: "HONG KONG/SHANGHAI" is Hong Kong.

    `place` is one keyword per article, the key of the place filter and facet
    (service/backends/document.py). As written, "Hong Kong/Shanghai" would be
    a key of its own: `place=Hong Kong` would not find the story and the facet
    would list a bucket nobody asks for. The first place is the one the story
    leads with, so it joins the other Hong Kong stories; the dateline's `raw`
    keeps both places for the full-text search of the dateline, and `places`
    names each (`_bureaus`), for the place filter and facet.
    """
    return place.split("/", 1)[0].rstrip() if "/" in place else place


def _bureaus(place: str) -> tuple[str, ...]:
    """Every place a slash joins, each shown as a place alone: "LONDON/NEW YORK" is
    London and New York, so a filter or facet on either finds the story."""
    return tuple(dict.fromkeys(place_display(part.strip()) for part in place.split("/") if part.strip()))


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
