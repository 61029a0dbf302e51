"""What an appositive or a description says about a speaker: title, affiliation, or that it is a body.

"Jane Doe, a spokeswoman for the ministry" gives Jane Doe her title and
affiliation; "Acme, a Chicago-based maker of widgets" says Acme is a company.
Apart from speakers.py because it only fills in an entity already found and
never decides who speaks: the rules for reading a job off a phrase change
without touching the rules for finding the speaker.
"""

from __future__ import annotations

import re

from loaders.extract.cues import with_capitals
from loaders.extract.described_speakers import _CORPORATE_NOUNS
from loaders.extract.descriptions import DETERMINERS, without_visiting
from loaders.extract.entities import Entity
from loaders.extract.lexicon import DEMONYMS, FIRST_NAMES, ORG_NOUNS, OUTLET_NOUNS, TITLE_HEADS, TITLE_WORDS

#: Nouns saying that a name before or after them is a body's: "the oil company Petrobras",
#: "Acme, a Chicago-based maker of widgets," (not a title a person holds).
_BODY_NOUNS = _CORPORATE_NOUNS | {"concern", "house"}


def _kind_of_description(description: str) -> str | None:
    """"organization" or "outlet" when a description's last word names a body, else None."""
    words = description.lower().replace(",", " ").split()
    if len(words) > 2 and words[-1].endswith("ed") and words[0] in ("a", "an", "the"):
        words = words[:-1]  # "a limited partnership formed (to dispose of ...)": what it is comes before
    if not words or words[-1] in TITLE_WORDS or words[-1] in TITLE_HEADS:
        return None
    if words[-1] in OUTLET_NOUNS and words[-1] != "agency":
        return "outlet"
    return "organization" if words[-1] in _BODY_NOUNS else None


#: A participle opening an appositive that tells what happened to the speaker, not who they are.
_NOT_TITLE_CLAUSE = frozenset({"asked", "contacted", "reached", "interviewed", "questioned", "speaking",
                               "commenting", "responding", "replying", "when", "while"})


#: Lower-case words after a title's "of" and what follows them: "international marketing at U.S. Wheat
#: Associates", "commodity operations", "stockbrokers Hoare Govett" (a trade, then a firm's name).
_JOB_OF = re.compile(with_capitals(
    r"(?!(?:the|a|an|his|her|its|their)\s)(?P<job>[a-z][\w'’-]*(?:\s+(?:and\s+)?[a-z][\w'’-]*){0,3}?)"
    r"(?:\s+(?:at|with|for|in|of)\s+(?P<linked>(?:the\s+)?[A-Z].*)|\s+(?P<named>[A-Z].*))?"))


def _apply_appositive(entity: Entity, appositive: str) -> None:
    """ "a spokeswoman for the ministry" -> title "spokeswoman", affiliation "the ministry"."""
    if entity.kind not in ("person", "anonymous"):
        return
    lowered = appositive.lower()
    words = lowered.split()
    if not words or words[0] not in ("a", "an", "the", "who") and not any(word in TITLE_HEADS for word in words[:4]) \
            and not (words[0] in _BODY_NOUNS and appositive[:1].islower()):  # "Norsk Hydro, operator of ..."
        return
    if words[0] in _NOT_TITLE_CLAUSE or words[0] == "who" and (
            words[1:2] not in (["is"], ["was"]) or words[2:3] in (["not"], ["named"], ["identified"])
            or words[2:3] and words[2].endswith("ed")):  # "who is reported to be opposed": no title
        # "who asked not to be named", "who declined to be identified", "who was not named", "asked for
        # comment": what they did or were asked, not a title ("asked not") and affiliation ("be named")
        return

    split = re.search(r"\s(?:for|of|at|with|to|in)\s", appositive)
    title_part = appositive[:split.start()] if split else appositive
    longest_title = 5
    possessor = _POSSESSOR.match(title_part)
    if possessor is not None and entity.kind == "person":
        # "the observatory's head of field measurements", "Britain's Chancellor of the Exchequer": whose
        # the job is, then the job whole, not "observatory's head" of a body "field measurements"
        title_part = title_part[possessor.end():]
        if split and appositive[split.start():split.end()].strip() in ("of", "for"):
            title_part, split, longest_title = f"{title_part}{appositive[split.start():].rstrip('.')}", None, 8
        if not entity.affiliation:
            entity.affiliation = possessor.group("body")
    body_kind = _kind_of_description(title_part)
    if body_kind is not None and entity.kind == "person" and not entity.title and entity.name[:1].isupper() \
            and entity.name.split()[0].lower() not in FIRST_NAMES:
        entity.kind = body_kind  # "Acme, a Chicago-based maker of widgets, said": a company
        return
    title_words = title_part.split()
    while title_words and title_words[0].lower() in _FILLERS:
        del title_words[0]  # "who is also the chairman": "chairman"; "Chancellor of the Exchequer" keeps its "the"
    title_words = without_visiting([word for word in title_words if word.lower() not in ("who", "is", "was", "also")])
    titled = bool(title_words) and not entity.title and len(title_words) <= longest_title
    if titled:
        entity.title = " ".join(title_words)
    if split and not entity.affiliation:
        rest = _without_relative_clause(appositive[split.end():].strip().rstrip("."))
        if titled and rest[:1].islower() and (job := _JOB_OF.fullmatch(rest)) is not None:
            # "director of international marketing at U.S. Wheat Associates": what he directs is his
            # title's, where he does it the affiliation; "stockbrokers Hoare Govett": the firm
            if job.group("linked"):
                entity.title += f" {split.group(0).strip()} {job.group('job')}"
                rest = job.group("linked")
            elif job.group("named"):
                rest = job.group("named")
            elif job.group("job").rsplit(None, 1)[-1] not in ORG_NOUNS:
                entity.title += f" {split.group(0).strip()} {job.group('job')}"  # "chief of staff"
                rest = ""
        elif entity.title and rest and entity.title.endswith(" " + rest):
            rest = ""  # named so again: "secretary for trade and industry" has no "trade and industry" to work for
        entity.affiliation = rest or None


#: Words before a title that are no part of it.
_FILLERS = frozenset({"a", "an", "the", "who", "is", "was", "also"})
#: "the observatory's " opening an appositive: whose the job is.
_POSSESSOR = re.compile(r"(?P<body>(?:the\s+)?(?!(?:of|for|at|in|with|to)\b)[\w-]+"
                        r"(?:\s+(?!(?:of|for|at|in|with|to)\b)[\w-]+){0,2}?)['’]s\s+(?=\w)", re.IGNORECASE)
#: A relative clause after the body: "at the University of Valewood who was not involved in the study".
_RELATIVE_CLAUSE = re.compile(r",?\s+(?:who|which|that|where)\s")


def _without_relative_clause(affiliation: str) -> str:
    """ "the University of Valewood who was not involved in the study" -> "the University of Valewood"."""
    clause = _RELATIVE_CLAUSE.search(affiliation)
    return affiliation[:clause.start()] if clause is not None and clause.start() > 0 else affiliation


def _title_from_description(entity: Entity, description: str) -> None:
    """ "a Pentagon spokeswoman" -> title "spokeswoman", affiliation "Pentagon"."""
    if entity.title:
        return
    if (possessor := _POSSESSOR.match(description)) is not None and description[possessor.end():].strip() \
            and (entity.kind in ("person", "anonymous") or possessor.group("body")[:1].isupper()
                 and not possessor.group("body").startswith("The ")):
        # "The fund's director, Samuel Otieno, told": the fund's, its director; a company's parent by its
        # name ("Hoechst AG's U.S. unit"), not "the company's largest subsidiary"
        body = possessor.group("body")
        entity.title = description[possessor.end():].strip()
        entity.affiliation = entity.affiliation or (f"t{body[1:]}" if body.startswith("The ") else body)
        return
    words = [word for word in description.split() if word.lower() not in DETERMINERS]
    if not words:
        return
    split = re.search(r"\s(?:for|of|at|with)\s", " ".join(words))
    if split:
        joined = " ".join(words)
        entity.title = joined[:split.start()]
        entity.affiliation = entity.affiliation or joined[split.end():].strip()
        return
    capitalised = [word for word in words if word[:1].isupper()]
    rest = [word for word in words if not word[:1].isupper()]
    if rest:
        entity.title = " ".join(rest)
    if capitalised and not entity.affiliation:
        joined = " ".join(capitalised)
        if joined.endswith(("’s", "'s")):
            joined = joined[:-2]
        entity.affiliation = DEMONYMS.get(joined.lower(), joined)
