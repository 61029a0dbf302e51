"""The subject a reporting verb hangs on: the noun phrase that ends the words before a cue.

`trailing_subject("Acme Inc on Monday ")` gives "Acme Inc": the words
before "said" are cut at the last clause boundary (not at the "and" of
"Phillips and Drew", nor the comma of "700,000"), cleared of auxiliaries
and phrases of time, and refused when a verb shows they are a clause
("the firm had earmarked"). phrases.py finds where a speaker stands around
a quote and asks this module for the subject; the rules for where a
subject starts and ends are a job of their own, shared by statements.py,
anonymous.py and wirecopy.py too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.extract.cues import CUE_WORD, WordPattern, trie_alternation, with_capitals
from loaders.extract.lexicon import NOT_NAME_WORDS, ORG_HEADS, TITLE_WORDS
from loaders.extract.name_kinds import classify_name, month_opens_company
from loaders.extract.titled_names import parse_named_phrase

_AUXILIARY_PHRASES = (
    "has", "had", "have", "was", "were", "is", "are", "also", "later", "then", "again", "previously", "earlier",
    "once", "recently", "quickly", "simply", "just", "reportedly", "repeatedly", "would", "will",
    r"had\s+earlier", r"has\s+also", r"once\s+again", "today", "yesterday", "tonight", "separately",
    "jointly", "together", "subsequently", "formally", "officially", "publicly",
    "further", "quietly", "privately", "openly", "initially", "originally", "finally",
    r"(?:on|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    # "Acme Corp last week said", "the company earlier this month said": when, not who
    r"(?:earlier\s+|late\s+|early\s+)?(?:last|this)\s+(?:week|month|year|weekend|morning|afternoon|evening|night)",
)
_AUXILIARY = f"(?:{'|'.join(_AUXILIARY_PHRASES)})"
#: The last word of any auxiliary phrase: a text whose last word is none of them has no auxiliary to strip.
_AUXILIARY_LAST_WORD = re.compile(
    "|".join(phrase.split(r"\s+")[-1] for phrase in _AUXILIARY_PHRASES), re.IGNORECASE)
_CLAUSE_WORDS = ("and", "but", "that", "while", "whereas", "because", "when", "after", "before", "as", "although",
                 "though", "if", "since", "so", "meanwhile", "however", "where", "which")
_CLAUSE_SPLIT = re.compile(rf",(?!(?<=\d,)\d)|[;:()—–]|\s-\s|\b(?:{'|'.join(_CLAUSE_WORDS)})\s", re.IGNORECASE)
#: _CLAUSE_SPLIT for ASCII text in lower case, where it finds the same: without IGNORECASE and with
#: the words factored by their prefixes, `re` rules a position out in a third less time.
_CLAUSE_SPLIT_LOWER_ASCII = re.compile(rf",(?!(?<=\d,)\d)|[;:()]|\s-\s|\b(?:{trie_alternation(_CLAUSE_WORDS)})\s")
# `(?<!\s)`: a match starts where a run of spaces starts, not again at each space inside it.
_TRAILING_AUXILIARY = re.compile(rf"(?<!\s)(?:\s+{_AUXILIARY})+\s*$", re.IGNORECASE)
WORD_LIMIT = 9
# A verb inside the words before a cue means they are a clause, not the speaker's name.
_NOT_A_SUBJECT_WORDS = (rf"(?:{CUE_WORD}|is|are|was|were|be|been|being|may|might|will|would|could|should|can|must|"
                        r"has|have|had|do|does|did|not|if|than|into|onto|per)\b")
NOT_A_SUBJECT = re.compile(rf"\b{_NOT_A_SUBJECT_WORDS}", re.IGNORECASE)
#: NOT_A_SUBJECT as a WordPattern, which also runs it on the text in lower case where that finds the same.
_NOT_A_SUBJECT_QUICK = WordPattern(_NOT_A_SUBJECT_WORDS, ignore_case=True)


#: "Jornal do Brasil", "Banco do Brasil": the Portuguese particle between two capitalised words of a name,
#: which NOT_A_SUBJECT reads as the verb "do" ("What do Americans" opens a question, not a name).
_PARTICLE_DO = re.compile(with_capitals(r"\b(?!(?:What|Why|How|Where|When|Who|Which|Nor|So)\b)[A-Z][\w'’-]+ do [A-Z]"))


def _particle_do(clause: str) -> bool:
    """Whether the only verb-like word NOT_A_SUBJECT finds in `clause` is a name's particle "do"."""
    return " do " in clause and _PARTICLE_DO.search(clause) is not None \
        and not not_a_subject(_PARTICLE_DO.sub(lambda m: m.group(0).replace(" do ", "    "), clause))


def not_a_subject(text: str) -> bool:
    """Whether NOT_A_SUBJECT finds a verb in `text`, by the quick scans of a WordPattern (the text in
    lower case, a twin that skips to the characters before words), as it runs for every subject a
    cue might have."""
    return _NOT_A_SUBJECT_QUICK.found_in(text)

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})


_MISSED_SENTENCE_END = re.compile(with_capitals(r"(?<![\w.])(?:[a-z]\.[a-z]\.|\d+\.)\s+(?=[A-Z][a-z])"))
_LEADING_TIME = re.compile(
    r"(?:(?:last|this|next|earlier|later|late|early)\s+(?:this\s+|last\s+|next\s+)?"
    r"(?:week|month|year|weekend|spring|summer|autumn|fall|winter|morning|afternoon|evening|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:on|by|until)\s+(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)(?:\s+(?:night|morning|afternoon|evening))?|"
    r"(?:yesterday|today|tonight|recently|previously|separately|meanwhile)|"
    r"(?:a|one|two|three|four|five|six|several|a\s+few|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago)"
    r",?\s+(?=\S)", re.IGNORECASE)
_LEADING_YEAR = re.compile(r"(?:(?:in|during|since|for|by|until)\s+)?(?:19|20)\d\d,?\s+(?=\S)", re.IGNORECASE)
#: Words no subject ends with: before one, the cue word is something else ("posted price", "continued growth").
_DANGLING_WORDS = frozenset({"and", "or", "but", "nor", "the", "a", "an", "its", "their", "his", "her", "our", "of",
                             "to", "for", "with", "in", "on", "at", "by", "from", "that", "which", "than", "as"})


#: "analyst Tim Harris of Phillips and Drew", "S and P": a firm named "X and Y" after one of these words.
_FIRM_PAIR = re.compile(with_capitals(r"(?:(?P<before>[\w'’.-]+)\s+)?"
                        r"(?:\b(?P<lead>of|at|stockbrokers?|brokers?|brokerage|firm|house)\s+)?"
                        r"(?<![\w'’.-])(?P<left>[A-Z][\w'’.-]*)\s+(?:and|&)\s+$"))
_CAPITAL_AFTER = re.compile(with_capitals(r"[A-Z][\w'’.-]*"))


def _joins_a_firm(text: str, split: re.Match) -> bool:
    """Whether an "and" joins the two halves of a firm's name ("Phillips and Drew") rather than two clauses."""
    if split.group(0).strip().lower() != "and":
        return False
    left_start = text.rfind(" ", 0, split.start() - 1) + 1
    if not text[left_start:left_start + 2].lstrip("<(")[:1].isupper():
        return False  # most "and"s join clauses after a lower-case word: no firm of two names
    following = _CAPITAL_AFTER.match(text, split.end())
    pair = _FIRM_PAIR.search(text, max(0, split.start() - 40), split.end())
    if following is None or pair is None:
        return False
    left, lead, before = pair.group("left"), pair.group("lead"), (pair.group("before") or "").lower()
    if lead == "of" and (before in TITLE_WORDS or before in ORG_HEADS):
        return False  # "Minister of Mines and Energy", "Ministry of Posts and Telecommunications": a title, a body
    # "S and P said"; "Johnson and Johnson said", but not "a bid for Dome and Dome said"
    return lead is not None or len(left) == 1 or (left == following.group(0) and not before)


#: Words an "and" pairs before one noun: "current and former officials" are one group of sources.
_PAIRED_MODIFIERS = frozenset({"current", "former", "serving", "retired", "past", "present"})


def _joins_modifiers(text: str, split: re.Match) -> bool:
    """Whether an "and" joins two modifiers of one noun ("Current and former officials said")."""
    if not text.startswith("and", split.start()) and not text.startswith("And", split.start()):
        return False
    before = text[max(0, split.start() - 10):split.start()].split()
    after = text[split.end():split.end() + 10].split()
    return bool(before and after) and before[-1].lower() in _PAIRED_MODIFIERS and \
        after[0].lower() in _PAIRED_MODIFIERS


#: "He Kang, Minister of Agriculture, Animal Husbandry and Fisheries (,) said": a name, then a
#: title of something whose own commas and "and" would split it as clauses; wire copy often
#: leaves the apposition open ("Henry Rosenberg, chairman of Crown Central Petroleum Corp told").
_NAME_THEN_TITLE_OF = re.compile(
    with_capitals(r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}),\s+(?P<title>(?P<head>(?:the\s+)?[A-Za-z][a-z]+(?:\s+[A-Za-z][a-z]+)?"
    # "chairman, president and chief executive officer(,) of": titles listed in lower case, all of one body
    r"|[a-z]+(?:\s+[a-z]+)?(?:(?:,\s+|,?\s+and\s+)[a-z]+(?:\s+[a-z]+){0,2}){1,3})"
    r",?\s+(?:of|for|with|at)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:(?:,\s+|\s+and\s+|\s+(?:of|for|the)\s+|\s+)[A-Z][\w'’&-]*)*),?$"))


#: "Melvin Sims, USDA general sales manager said", "Dan Rostenkowski, an Illinois Democrat said": a name
#: and what he is, the comma that should close the description missing (wire copy drops it). What stands
#: before the name is the sentence's start, a comma or a title, so "after meeting John Smith, a
#: spokesman said" (a verb before the name) is left to name the spokesman.
_NAME_THEN_DESCRIPTION = re.compile(with_capitals(
    r"(?:^|[,“”\"]\s*|\b[A-Za-z]+\s+)(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),\s+"
    r"(?P<title>(?:(?:an?|the)\s+)?(?:[\w.'’&-]+\s+){0,3}(?P<head>[A-Za-z][a-z]+))$"))


def _name_then_description(text: str) -> tuple[str, int] | None:
    found = _NAME_THEN_DESCRIPTION.search(text, max(0, len(text) - 120))
    if found is None or found.group("head").lower() not in TITLE_WORDS:
        return None
    before = text[found.start():found.start("name")].strip(" ,“”\"")
    if before and before.lower() not in TITLE_WORDS:
        # "after meeting John Smith, a spokesman said": the name is an object, not the speaker; "the 1986
        # International Cocoa Agreement, an ICCO spokesman said": a capitalised word, not a title, ran on.
        return None
    name = found.group("name")
    if name.split()[0].lower() in NOT_NAME_WORDS or classify_name(name) not in ("person", "unknown") \
            or parse_named_phrase(name) is None:
        return None
    return f"{name}, {found.group('title')}", found.start("name")


#: A phrase set off before a cue that says where or how a subject spoke: "in a statement", "at a news conference".
_SET_OFF_ADVERBIAL = re.compile(r"(?:in|at|on|during|through|via)\s+(?:an?|the|its|his|her|their)\s+"
                                r"(?:[\w'’-]+\s+){0,2}(?:editorial|statement|interview|speech|letter|report|article|"
                                r"commentary|column|news\s+conference|press\s+conference|briefing|message|broadcast)\b")


#: How a document came out, after its noun and before the cue: no part of what it is.
_DOCUMENT_PARTICIPLE = re.compile(r"\b(?:statement|report|communique|announcement|letter|release)\s+"
                                  r"(?P<participle>issued|released|published)$", re.IGNORECASE)


def _name_then_title_of(text: str) -> tuple[str, int] | None:
    if not "A" <= text.rsplit(None, 1)[-1][:1] <= "Z":
        # The pattern ends with a capitalised word (and a comma) after a space: text ending otherwise
        # ("..., the company") is spared a search tried at every capital of its tail.
        return None
    tail_start = max(0, len(text) - 160)
    if "of" not in text and "for" not in text and "with" not in text and "at" not in text:
        return None  # the title is "of", "for", "with" or "at" something: without these the search finds nothing
    found = _NAME_THEN_TITLE_OF.search(text, tail_start)
    if found is None or found.group("head").split()[-1].lower() not in TITLE_WORDS:
        return None
    name, start = found.group("name"), found.start()
    first = name.split()[0]
    if first.lower() in NOT_NAME_WORDS and first != "He" and " " in name:
        # "But Hannes Androsch, head of ...": the sentence's opening word is not part of the name
        rest = name[len(first):].lstrip()
        start += len(name) - len(rest)
        name, first = rest, rest.split()[0]
    if " " not in name or (first.lower() in NOT_NAME_WORDS and first != "He") or \
            classify_name(name) in ("place", "organization", "outlet"):
        return None  # "In New York, Secretary of State Shultz said": a place, then the title of who speaks
    return f"{name}, {found.group('title')}", start


def _last_clause_comma(text: str) -> int:
    """Where the last comma that ends a clause stands (-1 if none): not one between digits.

    "unions representing 700,000 workers, told": a thousands separator splits no
    clause; cut there, the subject was "representing 700".
    """
    comma = text.rfind(",")
    while comma > 0 and text[comma - 1:comma].isdigit() and text[comma + 1:comma + 2].isdigit():
        comma = text.rfind(",", 0, comma)
    return comma


#: A person's age in apposition, between a name and what they are: "Maria Lopez, 54, a union leader".
_AGE_AT_END = re.compile(r",\s*\d{1,3}$")


@lru_cache(maxsize=1 << 14)
def trailing_subject(text: str) -> tuple[str, int] | None:
    """The noun phrase that ends `text` (the subject standing before a cue), with its offset.

    Cached: it depends on the text alone, and the words before a cue ("He ", "The company ",
    "Analysts ") come back in story after story.
    """
    stripped = text.rstrip()
    if not stripped:
        return None
    if _AUXILIARY_LAST_WORD.fullmatch(stripped.rsplit(None, 1)[-1]):
        # Most subjects end in no auxiliary ("Acme Inc said"); only the tail can hold one, as
        # matching a `$`-anchored pattern over the whole text would try it at every character.
        cut = max(0, len(text) - 80)
        stripped = (text[:cut] + _TRAILING_AUXILIARY.sub("", text[cut:])).rstrip()
        if not stripped:
            return None
    if stripped.endswith(("issued", "released", "published")) and (
            document := _DOCUMENT_PARTICIPLE.search(stripped, max(0, len(stripped) - 40))) is not None:
        stripped = stripped[:document.start("participle")].rstrip()  # "A company statement issued last month said"
    if "," in stripped and (titled := _name_then_title_of(stripped)):
        return titled
    if ", " in stripped[-80:] and not stripped.endswith(",") and (described := _name_then_description(stripped)):
        return described
    appositive_end = None
    if stripped.endswith(","):
        # "John Smith, a spokeswoman for Acme," -> keep the appositive with its name.
        inner = stripped[:-1]
        comma = _last_clause_comma(inner)
        if comma > 0:
            appositive_end = comma
            stripped_core = inner[:comma]
            if age := _AGE_AT_END.search(stripped_core):
                stripped_core = stripped_core[:age.start()]  # "Maria Lopez, 54, a union leader,"
        else:
            return None
    else:
        stripped_core = stripped
    # A punctuation mark is a split no firm's name joins, and no split runs across one: the clause
    # starts after the last mark at the earliest, and only the text after it needs scanning.
    if stripped_core.isascii():
        clause_start = max(_last_clause_comma(stripped_core), *map(stripped_core.rfind, ";:()")) + 1
        splits = _CLAUSE_SPLIT_LOWER_ASCII.finditer(stripped_core.lower(), clause_start)
    else:
        clause_start = max(_last_clause_comma(stripped_core), *map(stripped_core.rfind, ";:()—–")) + 1
        splits = _CLAUSE_SPLIT.finditer(stripped_core, clause_start)
    for match in splits:
        if not _joins_a_firm(stripped_core, match) and not _joins_modifiers(stripped_core, match):
            clause_start = match.end()
    clause = stripped_core[clause_start:]
    lead = len(clause) - len(clause.lstrip())
    clause = clause.strip()
    if not clause:
        return None
    if appositive_end is None and clause_start > 1 and stripped_core[clause_start - 1] == "," \
            and _SET_OFF_ADVERBIAL.match(clause):
        # "The Jornal do Brasil newspaper, in an editorial today entitled ..., said": where or how it
        # spoke is set off between commas; the subject stands before it.
        return trailing_subject(stripped_core[:clause_start - 1])
    boundary = None
    if ". " in clause:
        for boundary in _MISSED_SENTENCE_END.finditer(clause):
            pass
    if boundary is not None:
        # "... after 10 p.m. The union says": a sentence the splitter took for an abbreviation
        lead += boundary.end()
        clause = clause[boundary.end():]
    time = _LEADING_TIME.match(clause)
    if time:
        # "Last month the company announced": when, then who
        lead += time.end()
        clause = clause[time.end():]
    year = _LEADING_YEAR.match(clause) if "19" in clause or "20" in clause else None  # no year, no match
    if year:
        # "In 1986 Mitek reported": the year is the end of a phrase before the subject.
        lead += year.end()
        clause = clause[year.end():]
    words = clause.split()
    if not words or (not_a_subject(clause) and not (month_opens_company(words)
                                                    and not not_a_subject(clause[clause.find("May") + 3:]))
                     and not _particle_do(clause)) \
            or words[-1].lower() in _DANGLING_WORDS \
            or words[-1].endswith(("'s", "’s")):
        # "... outlook and continued", "the company's posted price": the verb is not a reporting one here.
        return None
    if appositive_end is None and words[-1].lower() in SUBJECT_PRONOUNS:
        # "a figure he said was ..." -> "he"
        return words[-1], clause_start + lead + clause.rfind(words[-1])
    if len(words) > WORD_LIMIT:
        return None
    who = clause if appositive_end is None else stripped[clause_start + lead:].rstrip(",")
    return who, clause_start + lead
