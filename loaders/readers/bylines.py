"""Names in one byline string: "Kari Dahl, Ole Berg and Ann Lee" is three authors.

A feed's `dc:creator` and a JSON `author` often hold every author in one
string; kept whole, it was one author, "Kari Dahl, Ole Berg", in the
authors facet and filter. A part of one word ("Dahl, Kari", "Kari Dahl,
Jr.") means the commas are not between names, so the string stays whole.
"""
from __future__ import annotations

import re

_BETWEEN_NAMES = re.compile(r"\s*(?:,|;|&|\band\b)\s*(?:and\s+)?")
#: A byline prefix feeds keep ("By Kari Dahl").
_BY = re.compile(r"^by\s+", re.IGNORECASE)


AGENCY_WORDS = {"reuters", "ap", "afp", "staff", "correspondent", "associated press"}
#: A byline's part made of these words only names a role, not a person:
#: "By Ann Lee, Staff Writer", "By Ann Lee, Our Foreign Correspondent".
ROLE_WORDS = {"staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents",
              "editor", "editors", "our", "special", "senior", "chief", "foreign", "political",
              "business", "sports", "science", "diplomatic", "economics", "news"}


def no_person(part: str) -> bool:
    """An agency or a role where a byline names people."""
    return part.lower() in AGENCY_WORDS or set(part.lower().split()) <= ROLE_WORDS


def split_names(byline: str) -> list[str]:
    text = _BY.sub("", " ".join(byline.split()))
    parts = [part for part in _BETWEEN_NAMES.split(text) if part]
    people = [part for part in parts if not no_person(part)]
    if len(parts) > 1 and people and all(len(part.split()) >= 2 for part in people):
        return people
    return [text] if text else []
