"""What stands at the edges of a subject without being it: a date, a phrase of time, a job, a transcript label.

"On February 17 Baker said", "Earlier the bank said", "X, vice-president of
Y, an association of ..., said", "chairman of the conference X of Thailand
said", "VARGA: ...": the subject rules read a phrase ending before a
reporting verb; these say which part of it names the source. Kept out of
speakers.py, which resolves the part that does.
"""

from __future__ import annotations

import re

from loaders.extract.entities import Entity, Position
from loaders.extract.lexicon import TITLE_WORDS
from loaders.extract.registry import Registry

_HOME_AT_END = re.compile(r"\s+of\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?$")
#: A date opening a subject: "On February 17 Baker said", "March 30 Bass said".
_DATE_BEFORE_NAME = re.compile(r"(?:(?:On|In|By|Since|Until)\s+)?(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|"
                               r"Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?:\d{4},?\s+)?(?=[A-Z])")
#: A phrase of time or circumstance before a short subject opening with an article: "Earlier",
#: "In the first quarter", "Under the agreement", "At an analysts meeting here".
_LEADING_ADVERBIAL = re.compile(
    r"(?i:earlier|later|late|separately|meanwhile|previously|yesterday|today|in|at|under|following|during|after|"
    r"before|since|of|on|for)\b[^,;:]{0,50}\s+(?=(?:the|its|their|an?)\s+\S+(?:\s+\S+){0,3}$)")
_ADVERBIAL_OPENINGS = frozenset({"earlier", "later", "late", "separately", "meanwhile", "previously", "yesterday",
                                 "today", "in", "at", "under", "following", "during", "after", "before", "since",
                                 "of", "on", "for"})
_DATE_OPENERS = frozenset({"On", "In", "By", "Since", "Until", "Jan", "Jan.", "January", "Feb", "Feb.", "February",
                           "March", "April", "May", "June", "July", "Aug", "Aug.", "August", "Sept", "Sept.", "Sep",
                           "September", "Oct", "Oct.", "October", "Nov", "Nov.", "November", "Dec", "Dec.",
                           "December"})
#: A job description with no article: "vice-president of the Canadian Lake Carriers Association",
#: "General Secretary of the Christian Social Union Party", "head of the government's Rubber ... Department".
_JOB_DESCRIPTION = re.compile(r"(?P<title>(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+)\s+(?:of|at|for|to)\s")


def _named_before(who: str, position: Position, registry: Registry) -> Entity | None:
    """The person named right before a job description set off by a comma, who the description is.

    "George Miller, vice-president of the Canadian Lake Carriers Association,
    an association of ..., said": a second appositive leaves the parse with the
    description as the subject; the description piece is no source of its own.
    """
    title = _JOB_DESCRIPTION.match(who).group("title")
    if not all(word.lower() in TITLE_WORDS or word.lower() in _TITLE_PREFIXES for word in title.split()):
        return None
    index, start = position
    paragraph = registry.body[index] if index < len(registry.body) else ""
    if paragraph[max(0, start - 2):start] != ", ":
        return None
    person = registry.person_ending_at(index, start - 2)
    if person is not None and not person.title:
        person.title = title
    return person


_TITLE_PREFIXES = frozenset({"vice", "deputy", "assistant", "acting", "executive", "general", "managing", "senior",
                             "chief", "vice-president", "vice-chairman", "co-chairman"})


#: A transcript's turn label: "VARGA: The forint will not be devalued.", "VAN DER BERG: ...".
_TRANSCRIPT_LABEL = re.compile(r"(?P<label>[A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,2}):[ ]")


def transcript_speaker(paragraph: str, index: int, registry: Registry) -> tuple[Entity, int, int] | None:
    """(person, start, end of the label) when a paragraph opens with a transcript label naming someone.

    An interview run as a transcript labels each answer with the speaker's
    surname in capitals ("VARGA: ..."). Only a label that is the surname of a
    person named before counts: "NOTE:", "PRICES:" and "Q:" name no one.
    """
    if len(paragraph) < 4 or not paragraph[1:2].isupper() or ":" not in paragraph[:30]:
        return None  # most paragraphs open with a word in lower case after its capital
    label = _TRANSCRIPT_LABEL.match(paragraph)
    if label is None:
        return None
    surname = " ".join(word.capitalize() for word in label.group("label").split())
    person = registry.by_surname(surname, (index, 0))
    if person is None or person.kind != "person":
        return None
    return person, label.start("label"), label.end("label")




def without_time_lead(who: str, start: int) -> tuple[str, int]:
    """`who` and its start without a date or a phrase of time before the subject proper."""
    first = who.split(" ", 1)[0]  # a set lookup of the first word spares most subjects both patterns
    if first in _DATE_OPENERS and (date := _DATE_BEFORE_NAME.match(who)) is not None:
        who, start = who[date.end():], start + date.end()  # "On February 17 Baker said"
        first = who.split(" ", 1)[0]
    if first.lower() in _ADVERBIAL_OPENINGS and (lead := _LEADING_ADVERBIAL.match(who)) is not None:
        who, start = who[lead.end():], start + lead.end()  # "In a report the Kiel institute said"
    return who, start


def named_before_description(who: str, position: Position, registry: Registry) -> Entity | None:
    """The person a job description set off after a name describes (see _named_before), if `who` is one."""
    index, start = position
    if start < 2 or index >= len(registry.body) or registry.body[index][start - 2:start] != ", ":
        return None  # set off by no comma: tested first, as most subjects are not
    return _named_before(who, position, registry) if _JOB_DESCRIPTION.match(who) is not None else None


def job_holder(who: str, ending: Entity | None, position: Position, registry: Registry) -> Entity | None:
    """The person a lower-case job names after it: "chairman of the negotiating conference Manaspas Xuto
    of Thailand", "president of the French employers' federation CNPF Francois Perigot".

    `ending` is the person whose name ends the phrase, if any; else one may
    end it before "of" and a place, where the person is from.
    """
    title = who.split(" of ", 1)[0]
    if not all(word in TITLE_WORDS or word in _TITLE_PREFIXES for word in title.split()):
        return None
    home = _HOME_AT_END.search(who) if ending is None else None
    index, start = position
    holder = ending or registry.person_ending(index, start, start + (home.start() if home else len(who)))
    if holder is not None and not holder.title:
        holder.title = title
    return holder
