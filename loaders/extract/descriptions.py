"""What a description of a source says: its head noun, what it is tied to, whether it names people.

"a source familiar with the matter" has the head "source" and a qualifier;
"Turkish sources" are tied to Turkey; "according to farm size" cites nobody.
Shared by the rules that find attribution phrases and those that resolve them.
"""

from __future__ import annotations

import re

from loaders.extract.cues import lowers_like_ignorecase, with_capitals
from loaders.extract.lexicon import (
    ANONYMOUS_HEADS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    FIRST_NAMES,
    NUMBER_WORDS,
    ORG_NOUNS,
    OUTLET_NOUNS,
    TITLE_HEADS,
    TITLE_WORDS,
)

DETERMINERS = frozenset({"the", "a", "an", "one", "two", "three", "four", "several", "some", "many", "other",
                         "another", "multiple", "both", "most", "few", "senior", "his", "her", "their", "its"})
_QUALIFIER_WORDS = (r"\s+(?:familiar|close|with|who|in|at|from|for|of|on|speaking|briefed|involved|knowledgeable|"
                    r"aware|privy|within|inside|based|representing|that|not)\b")
_QUALIFIER = re.compile(_QUALIFIER_WORDS, re.IGNORECASE)
#: _QUALIFIER for the text lowered, where that finds the same (see `lowers_like_ignorecase`).
_QUALIFIER_LOWER = re.compile(_QUALIFIER_WORDS)
#: Words a participle's clause opens with ("describing the split", "accompanying him", "commenting on").
_CLAUSE_OPENERS = frozenset({"the", "a", "an", "his", "her", "him", "its", "their", "them", "on", "to", "for", "with",
                             "at", "in", "this", "that", "these", "those"})
#: Who serves whom: "an aide to the senator", "an adviser to Maxwell", "aides to Lyng".
_SERVES_TO = re.compile(r"\b(?:aide|aides|adviser|advisers|advisor|advisors|consultant|consultants|envoy|envoys|"
                        r"counsel|assistant|assistants|spokesman|spokeswoman|spokesperson|lobbyist|lobbyists|deputy)"
                        r"(?P<to>\s+to)\b", re.IGNORECASE)
_CLOSE_TO = re.compile(with_capitals(
    r"\b(?:close\s+to|in|at|from|within|inside|for|of)\s+(?:the\s+)?(?P<who>[A-Z][\w.'’ -]{1,60})"))
_DATA_NOUNS = frozenset({"data", "figures", "statistics", "estimates", "numbers", "survey", "poll", "polls",
                         "results", "forecast", "forecasts", "projections", "records", "documents", "sources"})


def description_head(description: str) -> tuple[str, str | None]:
    """(head noun, qualifier text) of "a source familiar with the matter" -> ("source", "familiar with ...")."""
    if lowers_like_ignorecase(description):
        qualifier = _QUALIFIER_LOWER.search(description.lower())
    else:
        qualifier = _QUALIFIER.search(description)
    core = description[:qualifier.start()] if qualifier else description
    relation = _SERVES_TO.search(core) if " to " in core else None
    if relation is not None:
        # "an aide to Agriculture Secretary Richard Lyng": the aide, serving him (a head no qualifier ends)
        return core[:relation.start("to")].lower().split()[-1].strip("'’,."), description[relation.start("to"):].strip()
    words = core.lower().split()
    if qualifier is None and len(words) > 2 and "ing " in core:
        for index in range(1, len(words) - 2):
            if words[index + 1].endswith("ing") and len(words[index + 1]) > 5 and words[index] in ANONYMOUS_HEADS \
                    and words[index + 2] in _CLAUSE_OPENERS:  # "planning agency" is a noun, "planning the" a verb
                # "One ICCO delegate describing the split": what the delegate was doing qualifies him
                cut = len(" ".join(core.split()[:index + 1]))
                return words[index], core[cut:].strip()
    head = words[-1].strip("'’,.") if words else ""
    return head, description[qualifier.start():].strip() if qualifier else None


def affiliation_of(description: str) -> str | None:
    """Country or body a description ties its source to: "Turkish sources" -> Turkey, "close to Israel" -> Israel."""
    close = _CLOSE_TO.search(description)
    if close:
        return close.group("who").strip().rstrip(".")
    for word in description.replace(",", " ").split()[:4]:
        country = DEMONYMS.get(word.lower())
        if country:
            return country
    return None


#: Words before a count: "some 200 people", "more than 30 employees".
_COUNT_LEAD = frozenset({"some", "about", "around", "nearly", "almost", "over", "roughly", "approximately",
                         "the", "its", "their", "all", "at", "least", "more", "than", "up", "to", "only"})
_COUNTED_PEOPLE = frozenset({"people", "persons"})
_DIGIT = re.compile(r"\d")
_SOURCE_QUALIFIER = re.compile(r"familiar|knowledge|briefed|close\s+to|aware|involved|privy|apprised|\bwho\b|"
                               r"\bat\b|\bin\s+the\s+(?:talks|room|meeting)")
_COUNT_WORDS = NUMBER_WORDS | {"sixty", "seventy", "eighty", "ninety", "thirteen", "fourteen", "fifteen", "sixteen",
                               "seventeen", "eighteen", "nineteen", "scores", "tens", "millions"}


def is_tally(description: str, head: str) -> bool:
    """Whether a description counts people rather than citing them: "employs 50 people", "signed by 98 MPs".

    Wire copy writes the sources it cites in words ("two diplomats", "three
    officials"); a count in digits is a statistic ("its 19,000 employees",
    "GATT's 92 member states"), and people counted in any form ("some 200
    people", "five people") are who a story is about, not who told it.
    """
    if head.lower() not in _COUNTED_PEOPLE and _DIGIT.search(description, 0, 12) is None:
        return False  # most descriptions count no one: spared the tests below
    lowered = description.lower()
    if _SOURCE_QUALIFIER.search(lowered):
        return False  # "three people familiar with the matter": who they are makes them sources
    words = lowered.split()
    while words and words[0] in _COUNT_LEAD:
        words = words[1:]
    if not words:
        return False
    first = words[0].replace(",", "").replace(".", "")
    if first.isdigit():
        return True  # not "1st Source Corp"
    return head.lower() in _COUNTED_PEOPLE and first.split("-")[0] in _COUNT_WORDS


def is_anonymous_description(lowered: str) -> bool:
    head, _ = description_head(lowered)
    return head in ANONYMOUS_HEADS and head not in ("one",) and len(lowered.split()) <= 6


#: Words that open a description in lower case mid-sentence: "Analysts said" is "analysts",
#: "Industry sources" is "industry sources", but "Turkish sources" and "Pentagon officials" keep theirs.
#: Peoples and parties keep their capital wherever they stand ("Europeans", "Democrats").
_ALWAYS_CAPITALISED = frozenset({"europeans", "americans", "democrats", "republicans"})
SENTENCE_OPENERS = DETERMINERS | (ANONYMOUS_HEADS - _ALWAYS_CAPITALISED) | frozenset({
    "each", "all", "any", "various", "numerous", "certain", "unnamed", "anonymous", "five", "six", "seven",
    "junior", "top", "high-ranking", "high-level", "former", "current", "serving", "retired", "local", "western", "military",
    "government", "security", "intelligence", "administration", "industry", "diplomatic", "party", "company",
    "informed", "reliable", "trusted", "knowledgeable", "independent", "trade", "oil", "money", "market",
    "banking", "bank", "grain", "energy", "share", "consumer", "private", "foreign", "economic", "monetary",
    "central", "financial", "commodity", "credit", "currency", "stock", "bond", "shipping", "union",
    "airline", "insurance", "auto", "steel", "mining", "farm", "sugar", "coffee", "cocoa", "wheat",
})
_DETERMINER_OPENERS = frozenset({"the", "a", "an"}) | DETERMINERS
_NAME_JOINERS = frozenset({"of", "for", "and", "&", "the", "de"})
_PAIRED_OPENERS = frozenset({"current", "former", "serving", "retired", "past", "present"})


def sentence_case(name: str, kind: str) -> str:
    """A description as it reads mid-sentence: its opening capital only came from starting a sentence.

    So "Analysts" and "analysts" are one source across the archive. Names
    keep their capitals, and so does a description that opens with one
    ("Bank of Japan officials", "Trade Department officials").
    """
    first, _, rest = name.partition(" ")
    lowered = first.lower()
    if kind not in ("anonymous", "organization", "outlet") or lowered == first \
            or not (first[1:].islower() or len(first) == 1) or lowered not in SENTENCE_OPENERS:
        return name
    following = rest.split(" ", 1)[0]
    if lowered in _DETERMINER_OPENERS:
        if kind != "anonymous" and not any(word.islower() and word not in _NAME_JOINERS for word in rest.split()):
            return name  # "The Hague", "The New York Times": the article is part of the name
    elif kind != "anonymous" or following[:1].isupper() or (following in _NAME_JOINERS and not (
            following == "and" and lowered in _PAIRED_OPENERS) and not (
            following in ("of", "for") and lowered in ANONYMOUS_HEADS and (following == "for" or any(
                word.islower() and word not in _NAME_JOINERS for word in rest.split()[1:])))):
        # "Trade and Industry officials" keep their capitals; "Current and former officials", "Lawyers
        # for Samjens" and "Opponents of the bill" (a head noun, then whose) do not; "Friends of the Earth"
        # does, a name
        return name
    return lowered + name[len(first):]


def person_noun(head: str) -> bool:
    """A noun that names people ("trader", "teacher", "delegates"), so an unnamed one can be a source."""
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return any(form in ANONYMOUS_HEADS or form in TITLE_HEADS or form in TITLE_WORDS
               for form in (head, singular, head.replace("men", "man")))


#: Words for where a title's holder happens to be that wire copy writes before the title: "visiting
#: Chairman of General Motors Roger Smith". His title is "Chairman", whoever he is visiting.
VISITING = frozenset({"visiting", "touring", "travelling", "traveling"})


def without_visiting(title_words: list[str]) -> list[str]:
    """`title_words` less the VISITING words that open them, when a title is left."""
    start = 0
    while start < len(title_words) - 1 and title_words[start].lower() in VISITING:
        start += 1
    return title_words[start:]


def titles_then_name(words: list[str]) -> int:
    """How many lower-case title words open "chief executive Olivia Brandt" (0 unless a name follows)."""
    if not words or words[0] in DETERMINERS and words[0] not in TITLE_WORDS:
        return 0  # "one EU diplomat": a description, not a title before a name ("senior economist X" is one)
    count = 0
    while count < min(len(words) - 1, 4) and words[count].islower():
        count += 1
    if not count or not words[count][:1].isupper():
        return 0
    following = next((word for word in words[count + 1:count + 4] if word.islower()), None)
    if following is not None and following in ANONYMOUS_HEADS:
        return 0  # "former U.S. officials familiar with ...": the capitals qualify a head noun, no name
    last_lower = words[count - 1]
    if last_lower in TITLE_WORDS or last_lower in TITLE_HEADS or last_lower in ANONYMOUS_HEADS:
        return count
    if last_lower in VISITING and words[count].lower() in TITLE_WORDS:
        return count  # "visiting Chairman of General Motors Roger Smith": wire copy capitalised the title
    # "harbour master Ana Reyes", "ferry operator Ana Reyes": a role no list holds, named by what
    # the person does, before a first name; without one ("ferry operator Stena Line") it stays a phrase.
    return count if _AGENT_NOUN.search(last_lower) and words[count].lower() in FIRST_NAMES else 0


#: Nouns for someone by what they do: master, operator, economist, historian, consultant, resident.
_AGENT_NOUN = re.compile(r"(?:[a-z]{2}(?:er|or|ist|ian|ant|ent)|man|woman)$")


def citable(who: str) -> bool:
    """Whether "according to <who>" names a source: a name, or a noun for people, bodies, outlets or papers.

    "according to farm size" and "according to plan" are not sourcing.
    """
    words = who.replace(",", " ").split()
    if not words:
        return False
    if any(word[:1].isupper() for word in words if word.lower() not in DETERMINERS):
        return True
    head, _ = description_head(who)
    return (person_noun(head) or head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS or head in OUTLET_NOUNS
            or head in DOCUMENT_NOUNS or head in _DATA_NOUNS)


def body_before_title(affiliation: list[str], title: list[str]) -> tuple[list[str], list[str]]:
    """(affiliation, title) of a named phrase, with a body's lower-case noun that opens the title moved
    to an affiliation that is only a sentence's capitalised first word.

    "Central bank governor Arifin Siregar" governs the central bank: read as title "bank governor" of
    "Central", he was affiliated with an adjective. Only such a common word takes the noun: "Mannesmann
    managing board chairman" is the company's, its title as written.
    """
    if len(affiliation) != 1 or not affiliation[0][1:].islower() or affiliation[0].lower() not in SENTENCE_OPENERS \
            or not title[0].islower():
        return affiliation, title
    end = 0
    for index, word in enumerate(title[:-1]):
        if not word.islower():
            break
        if word in ORG_NOUNS:
            end = index + 1
    if not end:
        return [], [affiliation[0].lower(), *title]  # "Central banker Janos Fekete": a central banker, of no "Central"
    return [affiliation[0].lower(), *title[:end]], title[end:]
