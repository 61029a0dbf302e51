"""The company a wire results note is about, which only its headline names.

"WHITTAKER CORP <WKR> 1ST QTR JAN 31 NET" over "Company said common shares
outstanding fell": the body of an earnings table never names its company,
so "the company said" has nothing to point to but the headline.
"""

from __future__ import annotations

import re

from loaders.extract.registry import Registry

#: A wire headline that opens with a company and its ticker: "WHITTAKER CORP <WKR> 1ST QTR JAN 31 NET".
_HEADLINE_SUFFIXES = frozenset({"CORP", "INC", "CO", "LTD", "PLC", "AG", "NV", "N.V", "SA", "S.A", "BANCORP",
                                "INDUSTRIES", "GROUP", "HOLDINGS", "LP", "L.P", "TRUST", "FUND"})
_HEADLINE_CLAUSE = frozenset({"TO", "IN", "ON", "AT", "BY", "HAS", "HAVE", "IS", "SAYS", "SEES", "SELLS", "BUYS",
                              "CUTS", "SETS", "STAKE", "UP", "BID", "BIDS", "RAISES", "MAKES", "WINS", "GETS",
                              "PLANS", "AGREES", "ACQUIRES", "COMPLETES", "UNIT", "FROM", "WITH", "OVER"})
_HEADLINE_LOWER = frozenset({"AND", "OF", "THE", "FOR", "DE"})
_HEADLINE_CAPITALISED = frozenset({"CO", "INC", "LTD", "PLC", "NEW", "OIL", "GAS", "CAN", "BAY", "SEA", "ART",
                                   "AIR", "SUN", "BIG", "TWO", "ONE", "WEST", "EAST"})


def register_headline_company(headline: str, registry: Registry) -> None:
    """The company a results note is about, named only in its headline.

    "Company said net is before extraordinary items": an earnings table's
    body never names the company, so "the company" points to the headline's.
    Sighted before the body, so any company the body names comes later and wins.
    """
    words = _company_words(headline)
    if not words:
        return
    if len(words) > 6 or _HEADLINE_CLAUSE & set(words) or not all(word.isupper() or not word.isalpha()
                                                                   for word in words):
        return  # "GROUP SELLS STAKE IN COMDATA NETWORK INC <CDN>": a clause, whose ticker is its object's
    name = " ".join(_headline_word(word) for word in words)
    if words[-1].rstrip(".") not in _HEADLINE_SUFFIXES:
        # "L'AIR LIQUIDE <AIRP.PA>", "ESSO SAF <ESSF.PA>": a name of two words needs no suffix; a longer
        # one without it may be a clause no listed word gives away ("PARTNERSHIP UPS HBO <HBOC.O>").
        # Nor is it needed where the body names the company at all: "CPC <CPC>" over "CPC International
        # Inc said", whose "the company" is the body's.
        if len(words) > 2 or not all(map(_plain_word, words)) or \
                _written_in(name, registry.body):
            return
    if registry.find(name) is not None:
        return  # the body names it too, as it is written
    entity = registry.entity(name, "organization", (0, -1))
    registry.sight(entity, (0, -1), subject_like=False)


def _company_words(headline: str) -> list[str]:
    """The words before a wire headline's first ticker: "WHITTAKER CORP <WKR> 1ST QTR" ["WHITTAKER", "CORP"];
    a company with no ticker of its own, in the marks, opening it: "<NEXT PLC> <NEXL.L> FIVE MONTHS" ["NEXT", "PLC"]."""
    ticker_at = headline.find("<")  # a string search, not a pattern: run on every wire headline
    if ticker_at > 0:
        return headline[:ticker_at].split() if headline[:1].isupper() else []
    if ticker_at == 0 and (end := headline.find(">")) > 0 and " " in headline[1:end]:
        return headline[1:end].split()
    return []


def _written_in(name: str, body: list[str]) -> bool:
    """Whether the body writes `name` as a word of its own, in any case ("CPC" in "CPC International Inc").

    A string search, not a pattern built from the name: a pattern per headline missed the regex cache
    and compiled anew for every results note (a tenth of all extraction's time on the Reuters corpus).
    """
    wanted = name.lower()
    for paragraph in body:
        text = paragraph.lower()
        at = text.find(wanted)
        while at >= 0:
            end = at + len(wanted)
            if not _joins(text[at - 1:at]) and not _joins(text[end:end + 1]):
                return True
            at = text.find(wanted, at + 1)
    return False


def _joins(character: str) -> bool:
    """Whether a character next to a word makes it part of a longer one ("CPCs", "O'CPC", "CPC-led")."""
    return character.isalnum() or character in "_'’-"


def _plain_word(word: str) -> bool:
    """A word of a name: letters, with an apostrophe, hyphen or ampersand inside ("L'AIR", "COCA-COLA"),
    not a clause's punctuation ("STOCKS/SUPERMARKETS", "-")."""
    return word.replace("'", "").replace("-", "").replace("&", "").isalpha()


def _headline_word(word: str) -> str:
    """A word of an upper-case headline as a name writes it: "WHITTAKER" "Whittaker", "IBM" kept, "AND" "and"."""
    if word in _HEADLINE_LOWER:
        return word.lower()
    if "." not in word and not word.isalpha() and _plain_word(word):
        # "L'AIR" "L'Air", "COCA-COLA" "Coca-Cola", "AT&T" kept: each part as a word of its own
        return re.sub(r"[A-Z]+", lambda part: _headline_word(part.group()), word)
    if "." in word or not word.isalpha() or (len(word) <= 3 and word not in _HEADLINE_CAPITALISED):
        return word
    return word[0] + word[1:].lower()


