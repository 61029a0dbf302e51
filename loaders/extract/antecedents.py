"""Which remembered entity a pronoun or a description may point back to.

"he" needs one person ("a spokesman for the bank", not "bank officials");
"the company" never means a government body ("In its SEC filing, the firm
said" is the filer, not the SEC); "the complaint" is the lawsuit named
before. registry.py keeps who was seen where and asks these rules which
of them fits; they read an entity's fields only, so they live apart from
the bookkeeping of positions and keys.
"""

from __future__ import annotations

import re

from loaders.extract.entities import Entity


#: Names of government bodies, which "the company" or "the firm" never means. Regulators go by their
#: initials as often ("In its SEC filing, the firm said" is the filer speaking, not the SEC).
_GOVERNMENT_WORDS = re.compile(
    r"\b(?:Ministry|Department|Government|Commission|Council|Committee|Court|Parliament|Senate|Congress|Police|"
    r"Army|Agency|Authority|Office|Administration|Embassy|Bureau|Cabinet|Kremlin|Pentagon|White House|"
    r"Federal Reserve|Fed|Central Bank|Treasury|State|SEC|FTC|FCC|FDA|EPA|FAA|FDIC|CFTC|ICC|IRS)\b"
)


#: Bodies no company is, by the word their name ends with or is "of": "Federated Union of Trackworkers",
#: "Teamsters Union", "Metalworkers' Federation". "The company, which maintains the track, said" after
#: "The union said" is the contractor, not the union; "Union Pacific" and "Union Carbide" are companies;
#: "the group" may be any of them. Not associations or societies: a "Savings and Loan Association", a
#: "Building Society" or a "Credit Union" is a company.
_NOT_A_COMPANY_HEADS = re.compile(
    r"\b(?:(?<!Credit )Union|Federation|Confederation|Party|League|University|Observatory|Foundation|Chamber|Guild)"
    r"(?:\s+of\b|$)"
)


#: A company's suffix ends its name: "Agency Rent-A-Car Inc" is a company, whatever words it holds.
_COMPANY_SUFFIX = re.compile(r"\b(?:Inc|Corp|Co|Cos|Ltd|Plc|PLC|AG|SA|NV|SpA|BV|LLC)\.?$")


def _governmental(name: str) -> bool:
    """Whether a body's name says it is a government's ("Commerce Department", "the Fed"), not a company's."""
    return _GOVERNMENT_WORDS.search(name) is not None and _COMPANY_SUFFIX.search(name) is None


def _no_company(name: str) -> bool:
    """Whether a body's name says it is a union, an association or the like: "the group" may mean it,
    "the company" and "the firm" never do."""
    return _NOT_A_COMPANY_HEADS.search(name) is not None and _COMPANY_SUFFIX.search(name) is None


def _same_head(first: str | None, second: str) -> bool:
    if first is None:
        return False
    return first.rstrip("s") == second.rstrip("s") or (first in ("people", "person") and second in ("people", "person")) \
        or (first in _COURT_FILINGS and second in _COURT_FILINGS)


#: A lawsuit is filed as a complaint: "A class-action lawsuit filed on Monday ..." then "the complaint says".
_COURT_FILINGS = frozenset({"lawsuit", "complaint", "suit", "filing", "petition"})


_PLURAL_DETERMINERS = ("two ", "three ", "four ", "several ", "some ", "many ", "multiple ", "both ", "other ")


def _is_one_person(entity: Entity) -> bool:
    """A named person, or an unnamed single one ("a spokesman for the bank") that "he" can point to."""
    if entity.kind == "person":
        # A bare capitalised word ("Interstate said") is as often a company: "he" needs more to go on.
        return " " in entity.name or entity.title is not None or entity.gender is not None
    if entity.kind != "anonymous" or not entity.head:
        return False
    head = entity.head
    if head in ("people", "police") or head.endswith("men") or (head.endswith("s") and not head.endswith("ss")):
        return False
    return not entity.name.lower().startswith(_PLURAL_DETERMINERS)
