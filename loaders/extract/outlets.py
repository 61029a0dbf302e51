"""Outlets named where they are cited: "told Jerusalem Post", "the daily Haaretz reported", "France Info radio".

A name is an outlet by the words before it (a citing verb, a noun such as
"newspaper"), the noun after it, or its own last word ("the Herald") where
it is cited; names no outlet has ("Arabic-language", "Saudi") are passed over.
"""

from __future__ import annotations

import re

from loaders.extract.entities import Entity
from loaders.extract.lexicon import DEMONYMS, OUTLET_HEADS, OUTLET_HEADS_WEAK
from loaders.extract.names import Mention
from loaders.extract.quotes import inside_ranges
from loaders.extract.registry import Registry

# Words that, standing right before a name, cite it as an outlet ("told", "seen by") or call it one
# ("newspaper", "news agency"). Checked as word tuples: cheaper than a regex search before every name.
_CITING_LEADS = frozenset({
    ("told",), ("tells",), ("telling",), ("citing",), ("quoting",), ("according", "to"), ("seen", "by"),
    ("obtained", "by"), ("reviewed", "by"), ("reported", "by"), ("cited", "by"), ("quoted", "by"),
    ("interview", "with"), ("interviewed", "by"), ("speaking", "to"), ("spoke", "to"), ("said", "to"),
    ("talking", "to"), ("remarks", "to"), ("broadcast", "by"), ("published", "by"), ("wrote", "in"),
    ("writing", "in"), ("op-ed", "in"), ("column", "in"), ("report", "by"), ("reporting", "by"),
    ("down", "with"), ("talked", "to"), ("spoke", "with"), ("appeared", "on"), ("wrote", "for"),
    ("broadcast", "on"), ("aired", "on"), ("poll", "by"), ("interviews", "with"), ("told", "the"),
})
_NAMING_LEADS = frozenset({
    ("newspaper",), ("daily",), ("broadcaster",), ("agency",), ("magazine",), ("channel",), ("website",),
    ("tabloid",), ("weekly",), ("outlet",), ("radio",), ("television",), ("news", "agency"),
})
#: The words a lead in either set ends with.
_LEAD_LAST_WORDS = frozenset(lead[-1] for lead in _CITING_LEADS | _NAMING_LEADS)


def _outlet_lead(paragraph: str, start: int) -> str | None:
    """ "cited" or "noun" when the words before `start` cite or name an outlet, else None."""
    # The last three words are all the test reads: rsplit stops there instead of splitting the whole window.
    words = paragraph[max(0, start - 30):start].lower().rsplit(None, 3)[-3:]
    if words and words[-1] == "the":
        words.pop()
    if not words or words[-1] not in _LEAD_LAST_WORDS:
        return None  # every lead ends with one of a few words: most names have none of them just before
    for size in (1, 2):
        if len(words) >= size:
            lead = tuple(words[-size:])
            if lead in _CITING_LEADS:
                return "cited"
            if lead in _NAMING_LEADS:
                return "noun"
    return None


_OUTLET_TAIL = re.compile(
    r"(?:’s|'s)?(?:\s+(?:newspaper|daily|news\s+agency|broadcaster|television|TV|radio|website))?"
    r"\s+(?:(?:has|had|also|first|later|earlier|previously|originally|exclusively|separately)\s+)*"
    r"(?:reported|reports|said|says|cited|quoted|wrote|published|broadcast|revealed|quoting|citing|added)\b"
)
# "France Info radio", "Channel 12 television": the noun after a name makes it an outlet.
_OUTLET_NOUN_AFTER = re.compile(r"\s+(?:newspaper|daily|news\s+agency|broadcaster|television|TV|radio|magazine|"
                                r"website|news\s+site|weekly|tabloid)\b")
#: A lower-case word after that noun that is no verb or link: the noun qualifies it ("Average daily
#: reserves", "its New York-area television station", "the House of Commons daily question period").
_NOUN_QUALIFIES = re.compile(
    r"\s+(?!(?:on|in|at|of|for|to|and|or|but|that|which|who|whose|also|has|had|have|is|was|were|are|as|by|with|"
    r"from|said|says|reported|reports|quoted|quoting|cited|citing|carried|published|wrote|writes|added|printed|"
    r"ran|broadcast|editorial|commentary|report|reporter|article|network|networks|today|yesterday|last|earlier|"
    r"recently|claimed|alleged|noted|stated|disclosed|revealed|announced|interview)\b)[a-z]")
#: The Danish daily Information, a title word to the name scan (as in "Information Minister"): an
#: outlet where it is cited ("told Information") or called a paper ("Information, the Danish daily").
_INFORMATION_CITED = re.compile(
    r"(?:(?<=\btold )|(?<=\btells )|(?<=\bdaily )|(?<=\bpaper )|(?<=\bnewspaper )|(?<=\btelling ))Information\b(?![\s-]+[A-Z])"
    r"|Information(?=,\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}(?:daily|newspaper|paper)\b)")
_CHANNEL_NUMBER = re.compile(r" \d{1,2}\b")
#: What "weekly" or "daily" before a name qualifies when it is no paper's noun: "the weekly USDA state crop
#: report", "the weekly U.K. Treasury bill tender", "the weekly Hughes Tool Co rig count".
_QUALIFIED_RECORD = re.compile(r"\s+(?:[a-z]+\s+){0,2}(?:report|tender|count|meeting|claims|auction|sales|figures|"
                               r"data|survey|index|statistics|output|production|rates?|average|session|review)\b")
#: "agency" right before a name, no "news" or "press" before it: a government's agency.
_BARE_AGENCY = re.compile(r"(?<!news )(?<!new )(?<!press )\bagency\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_OUTLET_ENDINGS = ("-language", "-based", "-owned", "-run", "-backed")
_DEMONYM_NAMES = frozenset(word.title() for word in DEMONYMS)


def _never_an_outlet(name: str) -> bool:
    """ "Arabic-language", "Saudi": a name no outlet has.

    An ending and a set lookup, not a pattern: names are too many for a cache of the pattern's
    answers to hold, and a name (one line of capitalised words) has no newline for `$` to stop before.
    """
    return name.endswith(_NOT_OUTLET_ENDINGS) or name in _DEMONYM_NAMES


def _outlet_entity(name: str, index: int, start: int, end: int, registry: Registry) -> Entity:
    entity = registry.entity(name, "outlet", (index, start))
    entity.kind = "outlet"
    entity.cite((index, start))
    entity.add_mention(index, start, end, name)
    registry.sight(entity, (index, start), subject_like=False)
    return entity


#: The last word of capitalised words before "newspaper" that say whose a paper is or where it is from,
#: not what it is called: "the Communist Party newspaper", "the Soviet newspaper".
_NOT_PAPER_NAMES = frozenset({"soviet", "communist", "state", "government", "party", "army", "official", "ministry",
                              "union", "church", "council", "league", "federation", "association", "front"})


def cited_outlets(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
             mentions: list[Mention]) -> None:
    """An outlet named where it is cited: "told Jerusalem Post", "the daily Haaretz reported"."""
    for mention in mentions:
        if ranges and inside_ranges(ranges, mention.start, mention.end):
            continue
        if mention.kind == "place" or _never_an_outlet(mention.name):
            continue
        if mention.name == "Channel" and (number := _CHANNEL_NUMBER.match(paragraph, mention.end)) is not None:
            # "told Israel's Channel 12 news": the number is the name's, no capital word the name scan reads
            end = number.end()
            if _outlet_lead(paragraph, mention.start - len(mention.affiliation or "") - 3 if mention.affiliation
                            else mention.start) is not None or _OUTLET_TAIL.match(paragraph, end) \
                    or paragraph.startswith((" news", " TV", " television"), end):
                _outlet_entity(paragraph[mention.start:end], index, mention.start, end, registry)
            continue
        lead = _outlet_lead(paragraph, mention.start)
        noun_after = _OUTLET_NOUN_AFTER.match(paragraph, mention.end)
        if noun_after is not None and paragraph[noun_after.end():noun_after.end() + 2].strip()[:1].isupper():
            noun_after = None  # "the Communist Party newspaper People's Daily": the outlet is the name after
        elif noun_after is not None and (_NOUN_QUALIFIES.match(paragraph, noun_after.end())
                                         or mention.name.rsplit(None, 1)[-1].lower() in _NOT_PAPER_NAMES):
            noun_after = None  # "the Communist Party newspaper", "the Soviet newspaper": whose, or where from
        if lead == "noun" and ((paragraph[max(0, mention.start - 7):mention.start].rstrip().endswith(("weekly", "daily"))
                                and _QUALIFIED_RECORD.match(paragraph, mention.end)) or (
                mention.kind != "outlet" and _BARE_AGENCY.search(paragraph, max(0, mention.start - 12), mention.start))):
            # "the Texas weekly USDA crop report", "the weekly EC cereals tender": an adjective, the name
            # qualifying a noun; "the state grain buying agency EPAC": a body, not a news agency
            lead = None
        if lead == "noun" or noun_after is not None:
            _outlet_entity(mention.name, index, mention.start, mention.end, registry)
            continue
        if mention.kind != "outlet":
            # Only a name cited ("told") or after "the" can be an outlet by its last word: the others are
            # spared splitting it off.
            if lead is None and paragraph[max(0, mention.start - 4):mention.start].lower() != "the ":
                continue
            last_word = mention.name.rsplit(None, 1)[-1].lower()
            if last_word not in OUTLET_HEADS and last_word not in OUTLET_HEADS_WEAK:
                continue
            # "the Herald", "told the Sunday Mirror": an outlet by its name
        if lead is not None or _OUTLET_TAIL.match(paragraph, mention.end):
            _outlet_entity(mention.name, index, mention.start, mention.end, registry)
    if "Information" in paragraph:  # a substring test spares every other paragraph the scan
        for match in _INFORMATION_CITED.finditer(paragraph):
            if not (ranges and inside_ranges(ranges, match.start(), match.end())):
                _outlet_entity("Information", index, match.start(), match.end(), registry)
