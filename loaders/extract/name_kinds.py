"""What a bare name is: person, organization, outlet, place or unknown, from its own words alone.

`classify_name("Oregon Steel")` is an organisation, `"Kharg Island"` a
place, `"Oil World"` an outlet: a company's suffix or trade word, a known
place or demonym, a listed outlet, capitals throughout. Kept apart from
names.py, which scans paragraphs for capitalised runs: speakers,
subjects and descriptions type a name they were handed without scanning
anything, and the rules for typing change without touching the scan.
"""

from __future__ import annotations

import re

from loaders.extract.lexicon import (
    COMPANY_OPENERS,
    COMPANY_WORDS,
    DEMONYMS,
    FIRST_NAMES,
    NAME_PARTICLES,
    KNOWN_PLACES,
    ORG_HEADS,
    OUTLET_ALIASES,
    OUTLET_HEADS,
    OUTLETS,
)
from loaders.extract.places import COUNTRIES

_ALL_CAPS = re.compile(r"[A-Z]{2,6}")
_NOT_ORG_ACRONYMS = frozenset({
    "suv", "ceo", "cfo", "coo", "cto", "gdp", "ipo", "ai", "tv", "pm", "am", "ok", "usd", "eur", "gbp", "jpy",
    "vat", "faq", "dna", "hiv", "aids", "covid", "pct", "mln", "bln", "dlrs", "qtr", "shr", "net", "revs",
    "oper", "avg", "ltd", "inc", "corp", "co", "plc", "ag", "nv", "sa", "gmt", "utc", "est", "edt", "ev",
    "evs", "lng", "lpg", "bpd", "opec", "us", "uk", "eu",
})


#: Words an outlet's name ends with, after words that are titles elsewhere ("Oil World", "Intelligence Weekly").
OUTLET_NAME_ENDS = OUTLET_HEADS | {"world", "weekly", "monthly", "report", "review", "letter", "bulletin"}
_COMPASS = frozenset({"west", "east", "north", "south"})  # "West Germany", "South Korea"
_GEOGRAPHIC_HEADS = frozenset({
    "island", "islands", "strait", "straits", "river", "sea", "bay", "valley", "mountains", "peninsula",
    "province", "county", "basin", "canal", "airport", "harbour", "harbor", "desert", "coast", "lake",
    "republic",  # "Dominican Republic", "Peoples Republic (of China)"
})


def classify_name(name: str) -> str:
    """person | organization | outlet | place | unknown, from the words of a bare name."""
    lowered = name.lower()
    if lowered in OUTLETS or f"the {lowered}" in OUTLETS or lowered in OUTLET_ALIASES:
        # ("New China News Agency", Xinhua by its other name: an outlet, not the "agency" of a government)
        return "outlet"
    tokens = lowered.split()
    if lowered in KNOWN_PLACES or lowered in DEMONYMS or (
            len(tokens) == 2 and tokens[0] in _COMPASS and (tokens[1] in KNOWN_PLACES or tokens[1] in DEMONYMS)):
        return "place"
    last = tokens[-1]
    if len(tokens) >= 2 and last in _GEOGRAPHIC_HEADS:
        return "place"  # "Kharg Island", "Hormuz Strait": not a person "he" could be
    if len(tokens) >= 2 and last in OUTLET_HEADS and tokens[0] not in ("white", "post") and \
            not (last == "news" and tokens[0] in ("good", "bad")):
        return "outlet"
    if len(tokens) >= 3 and last == "service" and tokens[-2] == "news":
        return "outlet"  # "Kyodo News Service": not "Internal Revenue Service"
    if last in ORG_HEADS or (tokens[0] in ORG_HEADS and len(tokens) >= 3) or (
            len(tokens) == 2 and (tokens[0] in ORG_HEADS or tokens[0] == "statistics") and last in KNOWN_PLACES):
        return "organization"  # "Statistics Canada", "Bank Indonesia": a body named for its country
    if tokens[0] in _COUNTRY_INITIALS and len(tokens) >= 2 and tokens[1] not in FIRST_NAMES:
        # "the U.S. Trade deficit", "the U.S. Dollar": wire copy capitalises the noun after the initials.
        # No person is named so ("he said" must not find one there), nor a company "the company said"
        # would point back to: typed as the country's, it is cited only as a place is
        return "place"
    if tokens[0] == "first" and month_opens_company(name.split()):
        return "organization"  # "First Boston", "First Bank Saint Paul": a bank, not a given name "Paul"
    if len(tokens) == 1 and _ALL_CAPS.fullmatch(name) and lowered not in _NOT_ORG_ACRONYMS:
        return "organization"
    if len(tokens) >= 2 and _company_words(tokens):
        return "organization"
    if len(tokens) >= 2 and all(token[:1].isupper() or token in NAME_PARTICLES or token.split("-")[0] in NAME_PARTICLES
                                for token in name.split()):
        return "person"
    return "unknown"


def _company_words(tokens: list[str]) -> bool:
    """Whether words shaped like a person's name ("American Express", "Oregon Steel", "Texaco Canada",
    "Banque Paribas") are a company's: no given name opens them, and a trade's word or a country ends
    them where a surname would stand, or a company's word opens them where a given name would.

    Only words can open it: wire copy capitalises the word after an abbreviation ("the U.S. Provides
    the rest", "U.S. Products"), and typed as an organisation such a pair would take the "it said" of
    the body before it. A country ends only a pair ("Rajastan, North West India, the agency said").
    """
    first = tokens[0]
    if first in FIRST_NAMES or not first.replace("-", "").isalpha() or any(
            token in FIRST_NAMES for token in tokens[1:-1]):
        return False  # "Credit Suisse Paul Hofer": a person, named after where he works
    return tokens[-1] in COMPANY_WORDS or first in COMPANY_OPENERS or (
        len(tokens) == 2 and first.isalpha() and tokens[-1] in COUNTRIES)


#: The suffixes a company's name ends with, and nothing else's.
COMPANY_ENDS = frozenset({"inc", "inc.", "corp", "corp.", "co", "co.", "cos", "cos.", "ltd", "ltd.", "plc"})


def month_opens_company(words: list[str]) -> bool:
    """ "(The) May Department Stores Co said": "May" opens a company's name, no month or modal verb here;
    "First Boston Corp", "First Bank Saint Paul": "First" opens a bank's, no "first" of a list."""
    if words[:1] == ["The"]:
        words = words[1:]
    if len(words) < 2 or words[0] not in _KEPT_OPENERS:
        return False
    last = words[-1].lower().rstrip(".,")
    if words[0] == "May":
        return len(words) >= 3 and last in COMPANY_ENDS
    return last in COMPANY_ENDS or any(word.lower() in ORG_HEADS for word in words[1:]) or (
        len(words) == 2 and last in KNOWN_PLACES)  # "First Boston", "First Chicago"


_KEPT_OPENERS = frozenset({"May", "First"})
_COUNTRY_INITIALS = frozenset({"u.s.", "u.k.", "u.n.", "e.c."})
