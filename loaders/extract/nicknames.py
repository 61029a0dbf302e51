"""A nickname in parentheses inside a name: "Commissioner James E. (Jim) Nugent".

The parentheses break the capitalised run, so the name scan sees "James E."
(titled), "Jim" and "Nugent", and the attribution phrase matched none of them:
the whole "Commissioner James E. (Jim) Nugent" became a source's name. Joined
again here, the person is "James E. Nugent", the title the first part's.
Only a given name of the lexicon in the parentheses, after a given name or an
initial and before one word, so "Jardine Fleming (Securities) Ltd" and
"Industrial Equity (Pacific) Ltd" stay companies. The attribution phrase
("Commissioner James E. (Jim) Nugent told") then finds that person
(`nicknamed_person`) instead of making a source of its words.
"""

from __future__ import annotations

import re

from loaders.extract.entities import Entity
from loaders.extract.lexicon import FIRST_NAMES
from loaders.extract.registry import Registry


def join_nicknames(text: str, mentions: list) -> list:
    """`mentions` of `text` with "<given name> (<nickname>) <surname>" read as one person; one pass."""
    joined: list = []
    index = 0
    while index < len(mentions):
        first = mentions[index]
        if index + 2 < len(mentions) and _nickname_between(text, first, mentions[index + 1], mentions[index + 2]):
            last = mentions[index + 2]
            joined.append(first._replace(end=last.end, name=f"{first.name} {last.name}", kind="person"))
            index += 3
            continue
        joined.append(first)
        index += 1
    return joined


def _nickname_between(text: str, first, nickname, last) -> bool:
    """Whether `first` " (" `nickname` ") " `last` is one person's name with a nickname inside."""
    if text[first.end:nickname.start] != " (" or text[nickname.end:last.start] != ") ":
        return False
    if first.kind not in ("person", "unknown") or last.kind not in ("person", "unknown"):
        return False
    given = first.name.rsplit(None, 1)[-1]
    opens = given.lower() in FIRST_NAMES or (len(given) == 2 and given.endswith(".") and given[0].isupper())
    return opens and first.name.split()[0].lower() in FIRST_NAMES and nickname.name.lower() in FIRST_NAMES \
        and " " not in nickname.name and " " not in last.name and last.title is None


_NICKNAME = re.compile(r" \([^()]*\)")


def nicknamed_person(who: str, paragraph: int, start: int, registry: Registry) -> Entity | None:
    """The person `who` names with a nickname in parentheses inside, titled or not, as join_nicknames joined it."""
    if "(" not in who:
        return None
    entity = registry.person_ending(paragraph, start, start + len(who))
    if entity is None:
        return None
    return entity if _NICKNAME.sub("", who) in (entity.name, f"{entity.title} {entity.name}") else None
