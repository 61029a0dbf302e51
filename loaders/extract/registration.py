"""Every name the body writes, registered before any reporting verb is read.

A cue's subject, a pronoun and "the company" are resolved against what the
article named before them: each capitalised run `names.find_mentions` read
is typed (person, organisation, outlet, place), given the title and
affiliation written around it, a gender where the text or the first name
tells one, and sighted where it stands. Bylines ("By Jane Smith") name the
writer, no one the story cites, and are left out.
"""

from __future__ import annotations

import re

from loaders.extract.cues import with_capitals
from loaders.extract.entities import Entity
from loaders.extract.lexicon import (FEMALE_NAMES, FIRST_NAMES, GENERIC_BODIES, MALE_NAMES, ORG_HEADS, TITLE_HEADS,
                                     TITLE_WORDS)
from loaders.extract.names import Mention
from loaders.extract.registry import Registry
from loaders.extract.titled_names import parse_named_phrase
from loaders.extract.wirecopy import BARE_SUFFIXES

_BYLINE_PREFIXES = ("by ", "from ")


def leading_bylines(body: list[str]) -> int:
    """How many paragraphs open the body as its byline ("By Jane Smith", "by Cal Mankowski, Reuters")."""
    count = 0
    while count < min(len(body) - 1, 2) and is_byline(body[count]):
        count += 1
    return count


def is_byline(paragraph: str) -> bool:
    text = paragraph.strip()
    return len(text) < 120 and text.lower().startswith(_BYLINE_PREFIXES)


def register_names(body: list[str], mentions: list[list[Mention]], registry: Registry,
                   ranges: dict[int, list[tuple[int, int]]]) -> list[tuple[Entity, str, str | None]]:
    """Every name mention registered; returns the titles written in lower case before a person's name
    (`_title_before`), for whoever the reporting phrases leave untitled (see `give_titles`)."""
    titled_before: list[tuple[Entity, str, str | None]] = []
    bylines = leading_bylines(body)
    for index, paragraph in enumerate(body):
        if index < bylines:
            continue  # "By Cal Mankowski, Reuters": who wrote the story, never who "he said" is
        quoted = ranges.get(index, [])
        for mention in mentions[index]:
            # Unpacked once: each field is read several times below, and a named tuple's field is a lookup.
            _, start, end, name, kind, title, affiliation, gender, subject_like = mention
            if quoted and any(low <= start < high for low, high in quoted):
                continue
            company = _company_short_name(paragraph, index, mention, registry) if title else None
            if company is not None:
                start -= len(title) + 1
                company.add_mention(index, start, end, paragraph[start:end])
                registry.named_at(company, index, start, end)
                registry.sight(company, (index, start), subject_like)
                continue
            if kind in ("person", "unknown") and not title and \
                    paragraph[max(0, start - 4):start] in ("the ", "The ") and \
                    not _MODIFIES_NOUN.match(paragraph, end) and \
                    name.split()[0].lower() not in FIRST_NAMES:
                kind = "unknown"  # "awarded the Coastal Cross": no one "she" could be is "the" Name
            entity = _entity_for(name, kind, (index, start), registry)
            if entity is None:
                continue
            if kind == "person" and not title and paragraph[start - 2:start - 1].islower() and \
                    (titled := _title_before(paragraph, start, name)) is not None:
                titled_before.append((entity, *titled))  # "USX Corp chairman David Roderick called for ..."
            if title and not entity.title:
                entity.title = title
            if affiliation and not entity.affiliation:
                entity.affiliation = affiliation
            if gender and not entity.gender:
                entity.gender = gender
            if entity.kind == "person" and not entity.gender:
                entity.gender = _possessive_gender(paragraph, end) or _first_name_gender(entity.name)
            entity.add_mention(index, start, end, paragraph[start:end])
            registry.named_at(entity, index, start, end)
            registry.sight(entity, (index, start), subject_like)
    return titled_before


def give_titles(titled_before: list[tuple[Entity, str, str | None]]) -> None:
    """A person still untitled once every reporting phrase is read takes the title written before
    the name: a phrase's own reading ("shipping executive", of "U.K. shipping executive X said") says more."""
    for entity, title, affiliation in titled_before:
        if entity.kind == "person" and not entity.title:
            entity.title = title
            entity.affiliation = entity.affiliation or affiliation


#: The last word of a title in lower case before a name: "USX Corp chairman David Roderick".
_LOWER_TITLE_HEADS = TITLE_HEADS | {"manager", "strategist", "adviser", "advisor", "treasurer"}


def _title_before(paragraph: str, start: int, name: str) -> tuple[str, str | None] | None:
    """(title, affiliation) written in lower case before a person's name, outside any reporting phrase
    ("USX Corp chairman David Roderick called for ...", "after analyst Maryann Keller raised ..."),
    which the name scan, reading capitalised runs, leaves out. Read back word by word: title words
    in lower case, then the body's capitalised words, and parsed as a reporting phrase would be."""
    words = paragraph[max(0, start - 100):start].split()
    if not words or words[-1] not in _LOWER_TITLE_HEADS:
        return None
    at = len(words) - 1
    while at > 0 and len(words) - at < 4 and words[at - 1].islower() and words[at - 1] in TITLE_WORDS:
        at -= 1  # "chief economist", "deputy foreign trade minister"
    first = at
    if at > 0 and words[at - 1][:1].isupper():  # not "Owen Bieber and vice president Marc Stepp"
        while at > 0 and first - at < 6 and (words[at - 1][:1].isupper() or words[at - 1] in ("of", "and", "&")) \
                and words[at - 1][-1:].isalnum() and not words[at - 1].endswith("-based"):
            at -= 1  # "Federal Reserve Board", "Kidder Peabody and Co"
        while at < first and words[at] in ("of", "and", "&"):
            at += 1
    parsed = parse_named_phrase(" ".join(words[at:]) + " " + name)
    if parsed is None or parsed[0] != name or not parsed[1]:
        return None
    affiliation = parsed[2]
    if affiliation and affiliation.lower().rstrip(".") in BARE_SUFFIXES:
        affiliation = None  # "Jardine Fleming (Securities) Ltd analyst": the name cut at its parenthesis
    return parsed[1], affiliation


#: A lower-case word after a name: the name qualifies it ("the Halvorsund plant").
_MODIFIES_NOUN = re.compile(
    r"(?:'s|’s)?\s+(?!(?:and|or|but|said|says|to|of|in|on|for|at|with|by|from|as|is|was|are|were|has|had|have|will|"
    r"would|could|can|may|might|that|which|who|since|after|before|because|it|its|their|this|these|than)\b)[a-z]")


def _company_short_name(paragraph: str, index: int, mention: Mention, registry: Registry) -> Entity | None:
    """ "General Mills said" after General Mills Inc: the company's short name, not General Mills the person."""
    if not mention.title or mention.kind != "person":
        return None
    start = mention.start - len(mention.title) - 1
    if start < 0 or not paragraph.startswith(mention.title, start):
        return None
    return registry.shortened(paragraph[start:mention.end], (index, start))


_POSSESSIVE_AFTER = re.compile(with_capitals(r"[^.;:“”\"A-Z]{0,60}?\b(?P<word>his|her|himself|herself)\b"))


def _possessive_gender(paragraph: str, end: int) -> str | None:
    """ "Governor Ellen Brooks defended her budget": a his/her right after a name, before any other name."""
    window = paragraph[end:end + 63]  # the word opens within 60 characters of the name
    if "hi" not in window and "her" not in window:
        return None  # no "his", "him(self)" or "her(self)": most names are followed by none, and the scan is long
    match = _POSSESSIVE_AFTER.match(paragraph, end)
    if match is None:
        return None
    return "m" if match.group("word").startswith("h") and match.group("word") in ("his", "himself") else "f"


def _first_name_gender(name: str) -> str | None:
    first = name.split()[0].lower() if " " in name else ""
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "f"
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "m"
    return None


def _entity_for(name: str, kind: str, position: tuple[int, int], registry: Registry) -> Entity | None:
    if " " not in name and kind in ("unknown", "place", "person"):
        # "Aliyev" is Ilham Aliyev; "Dauphin" (no one of that surname) is Dauphin Deposit Corp named before.
        known = registry.by_surname(name, position) or (registry.containing(name, position) if kind == "unknown" else None)
        if known is not None:
            return known
        if kind == "unknown" and registry.common_word_at(name, position):
            return None  # "Showers continued", "Production of rice": a common word its sentence capitalised
    if " " in name and kind in ("person", "unknown") and name.split()[0].lower() not in FIRST_NAMES and \
            registry.has_name_word(name.split()[0]):
        # "Santos Alvite said" after "Fernando Santos Alvite": a surname of two words, not a new person.
        known = registry.by_surname(name, position)
        if known is not None:
            return known
    if " " in name and kind in ("person", "unknown", "organization"):
        # "American Express said" after "American Express Co": the company's short name, not a person's;
        # "Texaco Canada" after "Texaco Canada Inc": not a second company. A body's name that goes on
        # with more than head words ("Federal Reserve Bank of New York") is another body, when it ends
        # with a head word itself ("Federal Reserve").
        company = registry.shortened(name, position)
        if company is not None and (kind != "organization" or name.split()[-1].lower() not in ORG_HEADS or all(
                word in ORG_HEADS for word in company.name[len(name):].lower().split())):
            return company
    if " " not in name and kind == "organization" and name.lower() in ORG_HEADS:
        # "The Bank also said", after "the Bank of England": the organisation named in full before.
        known = registry.containing(name, position)
        if known is not None:
            return known
        if name.lower() in GENERIC_BODIES:
            return None  # "Group turnover fell", "Company said": a noun its sentence capitalised, no name
    return registry.entity(name, kind, position)
