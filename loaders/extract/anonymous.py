"""Unnamed sources: "a source familiar with the matter", "Bank of Japan officials", "analysts said".

Found from their head nouns ("source", "officials", "spokesman"), with the
modifiers and qualifiers before and after them; a description is a source
only where it is cited (a reporting verb, "according to", a clause of
anonymity), not where it merely names people ("employs 50 people") or is the
title of the name after it ("Goldman Sachs analyst Rod Hall").
"""

from __future__ import annotations

import re

from loaders.extract.cues import CUE_WORD, WordPattern, trie_alternation, with_capitals
from loaders.extract.descriptions import affiliation_of, is_tally
from loaders.extract.lexicon import FIRST_NAMES
from loaders.extract.name_kinds import COMPANY_ENDS
from loaders.extract.quotes import inside_ranges
from loaders.extract.registry import Registry
from loaders.extract.subjects import trailing_subject

#: Head nouns of an unnamed source. A pattern then factors them by their prefixes (`trie_alternation`):
#: tried at every word of every paragraph, the plain alternation tested all fifty one by one.
HEAD_NOUNS = tuple(f"{stem}{ending}" for stem, endings in (
    ("source", ("", "s")), ("official", ("", "s")), ("people", ("",)), ("person", ("", "s")),
    ("diplomat", ("", "s")), ("insider", ("", "s")), ("aide", ("", "s")), ("adviser", ("", "s")),
    ("advisor", ("", "s")), ("witness", ("", "es")), ("resident", ("", "s")), ("observer", ("", "s")),
    ("negotiator", ("", "s")), ("lawmaker", ("", "s")), ("staffer", ("", "s")), ("employee", ("", "s")),
    ("executive", ("", "s")), ("banker", ("", "s")), ("trader", ("", "s")), ("dealer", ("", "s")),
    ("analyst", ("", "s")), ("economist", ("", "s")), ("officer", ("", "s")), ("member", ("", "s")),
    ("spokes", ("man", "woman", "person")), ("press", ("",)), ("investor", ("", "s")), ("delegate", ("", "s")),
    ("expert", ("", "s")), ("broker", ("", "s")), ("lobbyist", ("", "s")), ("regulator", ("", "s")),
    ("legislator", ("", "s")), ("creditor", ("", "s")), ("specialist", ("", "s")),
) for ending in endings)
_HEADS = trie_alternation(sorted(HEAD_NOUNS))
_MODIFIER = (with_capitals(r"(?:(?i:current|former|serving|retired|past|present)\s+and\s+(?:current|former|retired|past|"
             r"present|serving)|senior|junior|top|high-ranking|high-level|former|current|local|western|military|government|"
             r"security|intelligence|administration|industry|diplomatic|party|police|company|two|three|four|"
             r"official|state|"
             r"several|other|informed|reliable|trusted|knowledgeable|well-placed|well-informed|independent|"
             r"leading|prominent|veteran|maritime|economic|financial|foreign|banking|trade|oil|shipping|market|"
             r"grain|commodity|money|bond|stock|currency|private|public|regional|federal|provincial|congressional|"
             r"parliamentary|legal|defen[cs]e|energy|farm|agricultural|monetary|central|bank|exchange|airline|"
             r"U\.S\.|[A-Z][\w'’-]*)"))
_QUALIFIER_WORDS = (r"familiar\s+with|close\s+to|with\s+(?:direct\s+|first-?hand\s+|knowledge|detailed\s+)?"
                    r"(?:knowledge\s+)?(?:of|about)?|briefed\s+on|involved\s+in|knowledgeable\s+about|aware\s+of|"
                    r"privy\s+to|apprised\s+of|who\s+(?:asked|spoke|requested|declined|was|were|are|is|did|had|"
                    r"have|insisted|would)|speaking\s+on|in|at|within|inside|from|based\s+in|not\s+authori[sz]ed|"
                    r"present\s+at|on\s+the|for")
_ANONYMOUS = re.compile(
    r"(?<![\w-])(?P<desc>(?:(?i:a|an|one|two|three|four|several|some|many|other|multiple|the|two\s+other|"
    r"three\s+other|(?:one|two|three|some|several|many|none|each|both|either|neither|any)\s+of\s+(?:the|those|these)|"
    r"\d+)\s+)?"
    rf"(?:{_MODIFIER}\s+){{0,3}}"
    rf"(?P<head>{_HEADS})\b"
    rf"(?P<qual>\s+(?:{_QUALIFIER_WORDS})\b(?:\s+[^\s,.;:“”\"()]+){{0,9}}?"
    rf"(?=\s*[,.;:“”\"()]|\s+(?:(?:earlier|later|today|yesterday|tonight)\s+)?(?:who\s+)?(?:has\s+|have\s+|had\s+|also\s+)?"
    rf"(?:{CUE_WORD}|declined|refused|did\s+not|"
    rf"could\s+not)\b|\s*$))?)"
)
_ANONYMITY = re.compile(
    r"familiar|close\s+to|knowledge|briefed|involved|knowledgeable|aware|privy|apprised|asked\s+not|"
    r"asked\s+to\s+remain|asked\s+for\s+anonymity|"
    r"declined\s+to\s+be|requested\s+anonymity|not\s+authori[sz]ed|anonymity|spoke\s+on\s+condition",
    re.IGNORECASE,
)
_OFFICIAL_PRESS = re.compile(r"\b(?:official|state|government|state-run|state-controlled|communist|party)\s+press$",
                             re.IGNORECASE)
#: A reporting verb after a description, maybe a word or two on ("analysts here said"); after a comma only
#: the verb itself: "available to foreign investors, government officials said" cites the officials.
_CUE_FOLLOWS = re.compile(rf"(?:\s*,\s*|\s+(?:[^\s,.;:]+\s+){{0,2}}?)(?:has\s+|have\s+|had\s+|also\s+)?{CUE_WORD}\b")
#: A description set off after a name: "John Smith, a spokesman for the ministry, said",
#: "..., said John Smith, a spokesman for the ministry." It says who the named person is, also
#: after a lower-case title the description's pattern leaves out ("Robert Giordano, chief economist at ...").
_NAME_THEN_COMMA = re.compile(with_capitals(r"[A-Z][\w.'’-]*,\s+(?:who\s+(?:is|was)\s+(?:also\s+)?)?"
                                            r"(?:(?:the|a|an)\s+)?(?:(?![a-z]*ing\s|(?:to|and|or|but|said|told|says|"
                                            r"according|who|which|as)\s)[a-z][\w-]*\s+){0,2}$"))
_CUE_AFTER_COMMA = re.compile(rf",\s*(?:has\s+|had\s+|also\s+)?{CUE_WORD}\b")
_INVERTED_CUE_BEFORE = re.compile(with_capitals(rf"\b{CUE_WORD}\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w.'’-]*,\s+$"))
_CITED_BEFORE = re.compile(r"(?:according\s+to|quoted|cited|citing|quoting)\s+$", re.IGNORECASE)
#: A verb whose object is the people a description counts: "killed 12 people", "injuring at least 30 people".
_VICTIMS_BEFORE = re.compile(
    r"\b(?:kill|wound|injur|hurt|evacuat|displac|arrest|detain|rescu|kidnapp|abduct|trapp|strand|infect|sicken|"
    r"hospitali[sz]|affect|leav|left|dead|died|among)\w*(?:\s+(?:at\s+least|more\s+than|nearly|almost|about|around|"
    r"some|over|up\s+to|an\s+estimated|as\s+many\s+as|the))?\s+$", re.IGNORECASE)
#: Words before a bare head noun that do not qualify it: determiners, prepositions, conjunctions, verbs.
_NOT_QUALIFYING = frozenset({
    "the", "and", "but", "nor", "for", "with", "from", "that", "which", "than", "said", "says", "say", "told",
    "tells", "according", "after", "before", "while", "when", "because", "yet", "also", "then", "where", "whom",
    "who", "many", "some", "most", "all", "other", "such", "these", "those", "both", "more", "its", "their",
    "his", "her", "our", "your", "whose", "each", "every", "any", "two", "three", "four", "five", "several",
    "few", "are", "were", "was", "what",
})


def _qualified_before(paragraph: str, start: int) -> bool:
    """Whether the word right before `start` is a lower-case word that qualifies the noun there
    ("health officials", "provincial officials"), not a determiner, a preposition or a verb."""
    before = paragraph[max(0, start - 25):start]
    if not before.endswith(" "):
        return False
    words = before.rsplit(None, 1)[-1:]
    return bool(words) and len(words[0]) >= 3 and words[0].isalpha() and words[0].islower() \
        and words[0] not in _NOT_QUALIFYING


_CUE_RIGHT_AFTER = re.compile(rf"\s+(?:has\s+|have\s+|had\s+|also\s+)?{CUE_WORD}\b")
#: A noun right after "official": "the official communique said", "the official price", "official
#: figures showed": the adjective, not an official who speaks. Its subject's verbs and the words a
#: subject is followed by ("the official said", "the official also told", "the official, who") are no nouns;
#: nor is a past form ("the official denied"), an adverb ("here", "privately") or a participle ("speaking").
_NOUN_AFTER_ADJECTIVE = re.compile(
    rf"\s+(?!(?:{CUE_WORD}|also|was|is|has|had|would|will|could|can|did|does|do|may|might|must|should|who|"
    r"which|that|in|at|of|from|with|for|on|as|and|or|but|to|then|now|earlier|later|today|yesterday|last|"
    r"gave|made|went|saw|spoke|took|put|thinks|believes|expects|predicts|hopes|fears|sees|knows|here|there|"
    r"familiar|close|involved|briefed|knowledgeable|aware|privy|present|not|never)\b)"
    r"[a-z]+(?<!ed)(?<!ly)(?<!ing)\b")
_LEADING_CONJUNCTION = re.compile(r"(?:But|And|Or|So|Yet|However|Meanwhile|Still|Also|Now|Then|Other)\s+")
_NO_COMMENT = re.compile(r"\s+(?:(?:has|have|had|also)\s+)?(?:declined|refused)\s+to\s+comment|\s+(?:did|could)\s+not\s+"
                         r"(?:immediately\s+)?(?:respond|comment|be\s+reached)")
_CONDITION_OF_ANONYMITY = re.compile(r"on\s+(?:the\s+)?condition\s+of\s+anonymity|asked\s+not\s+to\s+be\s+(?:named|identified)"
                                     r"|asked\s+to\s+remain\s+(?:unidentified|unnamed|anonymous)|asked\s+for\s+anonymity"
                                     r"|declined\s+to\s+be\s+(?:named|identified)|requested\s+anonymity", re.IGNORECASE)

#: A given name and a surname ending a description's qualifier (the given name is checked against FIRST_NAMES).
_GIVEN_NAME_ENDS = re.compile(with_capitals(r"\s([A-Z][a-z]+)\s+[A-Z][\w'’-]+$"))
_WORD_START = re.compile(r"(?<![\w'’.-])[\w]")
_HEAD_WORDS = WordPattern(rf"(?:{_HEADS})\b")
_NAME_FOLLOWS = re.compile(with_capitals(r" (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
                           r"April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]"))


def _anonymous_descriptions(paragraph: str, heads: list[tuple[int, int]]):
    """Matches of _ANONYMOUS, found from their head nouns (the spans of _HEAD_WORDS) backwards.

    Scanning the paragraph with _ANONYMOUS itself tries its optional
    determiner and modifiers at every character; anchoring a few tries on the
    words just before each head noun finds the same, longest, descriptions.
    """
    covered = 0
    last = len(heads) - 1
    for number in range(last + 1):
        head_start, head_end = heads[number]
        if head_start < covered:
            continue
        if number < last and heads[number + 1][0] == head_end + 1:
            continue  # "official sources", "official press": the first noun qualifies the second
        word_starts = [word.start() for word in _WORD_START.finditer(paragraph, max(covered, head_start - 70),
                                                                          head_start)]
        for candidate in word_starts[-6:] + [head_start]:
            match = _ANONYMOUS.match(paragraph, candidate)
            if match is not None and match.start("head") == head_start:
                covered = match.end()
                yield match
                break


def anonymous_sources(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
                       heads: list[tuple[int, int]]) -> None:
    for match in _anonymous_descriptions(paragraph, heads):
        start, end = match.span("desc")
        if inside_ranges(ranges, start, end):
            continue
        description = match.group("desc").strip()
        lead = _LEADING_CONJUNCTION.match(description)
        if lead:
            # "But analysts said": the conjunction is not part of who they are.
            description = description[lead.end():]
            start += lead.end()
        if description[:1].isupper() and paragraph[start - 1:start].isspace() and \
                (named_from := _name_start_before(paragraph, start, match.start("head"))) is not None:
            # "Inland Steel Industries Inc spokesman said": the pattern's three modifiers took the
            # name's last words only; the whole name is the subject statements.statement_subjects cites.
            start = named_from
            description = paragraph[start:end].strip()
        affiliation = None
        if description[:1].isupper() and paragraph.endswith("of ", 0, start) and \
                (body := _BODY_OF_BEFORE.search(paragraph, max(0, start - 60), start)) is not None:
            # "Ministry of Finance officials said": the body's whole name qualifies them, not "Finance"
            start, affiliation = _with_body_of(paragraph, body.start(), start, match.start("head"))
            description = paragraph[start:end].strip()
        head = match.group("head")
        qualifier = (match.group("qual") or "").strip()
        if head[:1].isupper() and _company_named(paragraph, description, head, match.end("head")):
            continue
        if is_tally(description, head) or not _cited_anonymously(paragraph, start, end, description, head, qualifier):
            continue
        words = description.lower().split()
        if words[0] in ("the", "that", "this") and not qualifier and len(words) <= 4 \
                and not {"other", "second", "third", "another"} & set(words):
            # "the source said": the unnamed source described before, if there is one.
            earlier = registry.last_matching((index, start), ("anonymous",), head=head)
            if earlier is not None:
                earlier.add_mention(index, start, end, description)
                registry.sight(earlier, (index, start))
                continue
        entity = registry.entity(description, "anonymous", (index, start))
        entity.head = head.lower()
        entity.affiliation = entity.affiliation or affiliation or affiliation_of(description)
        entity.cite((index, start))
        entity.add_mention(index, start, end, description)
        registry.sight(entity, (index, start))


#: Capitalised words before a name that are no part of it: "But", "In Tokyo Finance Ministry officials".
_NO_NAME_OPENS_WITH = frozenset({"but", "and", "although", "though", "while", "however", "meanwhile", "still",
                                 "also", "yet", "so", "now", "then", "when", "if", "as", "because", "since", "in",
                                 "at", "on", "for", "by", "from", "with", "after", "before", "during", "to"})
#: A capitalised word of a name, with the space (or a blanked ticker's spaces) after it, before `start`.
_NAME_WORD_BEFORE = re.compile(with_capitals(r"(?<![\w'’.&-])[A-Z][\w'’.&-]*\s+$"))
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(?:an?|the|An?|The)\s+$")


def _name_start_before(paragraph: str, start: int, head_start: int) -> int | None:
    """Where a company's name opens, when a description of three capitalised modifiers (the most
    _ANONYMOUS takes) begins inside it ("Steel Industries Inc spokesman" of "an Inland Steel
    Industries Inc spokesman"), with an article before it; None when the description is whole."""
    if len(paragraph[start:head_start].split()) != 3:
        return None
    opened = start
    for _ in range(3):
        word = _NAME_WORD_BEFORE.search(paragraph, max(0, opened - 40), opened)
        if word is None or paragraph[word.start():opened].split()[0].lower() in _NO_NAME_OPENS_WITH:
            break
        opened = word.start()
    if opened == start:
        return None
    article = _ARTICLE_BEFORE.search(paragraph, max(0, opened - 5), opened)
    return article.start() if article is not None else opened


#: Words a sentence opens with before a body's name: "But Bank of Japan officials said".
_OPENERS_BEFORE_BODY = frozenset({"but", "and", "although", "though", "while", "however", "meanwhile", "still", "also",
                                  "yet", "so", "now", "then", "when", "if", "as", "because", "since"})
#: A body's name up to its "of", before the words naming what it is of: "Ministry of (Finance officials)".
_BODY_OF_BEFORE = re.compile(with_capitals(r"(?<![\w'’.-])(?:[A-Z][\w'’.-]*\s+){1,3}of\s+(?:the\s+)?$"))


def _with_body_of(paragraph: str, body_start: int, start: int, head_start: int) -> tuple[int, str | None]:
    """(where the description starts, the body it names) for "(a) Ministry of (Finance officials)".

    A conjunction opening the sentence is no part of it ("But Bank of Japan
    officials"), an article before the name is ("a Ministry of Agriculture
    official", as the cue's subject reads it) but not of the body's name.
    """
    while (space := paragraph.find(" ", body_start, start)) > 0 and \
            paragraph[body_start:space].lower() in _OPENERS_BEFORE_BODY:
        body_start = space + 1
    name_start = body_start
    if (space := paragraph.find(" ", body_start, start)) > 0 and paragraph[body_start:space] in ("A", "An", "The"):
        name_start = space + 1  # "An Indonesian Ministry of Trade official"
    affiliation = paragraph[name_start:head_start].strip() or None
    lead = paragraph[max(0, body_start - 4):body_start]
    if name_start == body_start and (lead.endswith((" a ", " an ", " the ")) or lead in ("a ", "an ", "the ")):
        body_start -= len(lead.split()[-1]) + 1
    return body_start, affiliation


def _company_named(paragraph: str, description: str, head: str, head_end: int) -> bool:
    """ "1st Source Corp said", "1st Source said": a capitalised head noun in a company's name, no unnamed source.

    Only read for a head noun in capitals: after a number written as a word's
    start ("1st") or before a company's suffix, it is a name's word.
    """
    words = description.split()
    if len(words) >= 2 and words[-1] == head and words[-2][:1].isdigit():
        return True
    after = paragraph[head_end:head_end + 6].split(None, 1)
    return bool(after) and after[0].rstrip(".,").lower() in COMPANY_ENDS


def _cited_anonymously(paragraph: str, start: int, end: int, description: str, head: str, qualifier: str) -> bool:
    """Whether an unnamed group or person is cited here, not merely mentioned.

    "a source" is a source wherever it stands; "officials" need a reporting
    verb, a citing word before them, or a qualifier of anonymity ("who asked
    not to be named"); a bare singular noun ("board member X said") is a title.
    """
    bare = description == head
    if not bare and _describes_a_name(paragraph, start, end):
        return False
    if bare and _CUE_RIGHT_AFTER.match(paragraph, end) and _qualified_before(paragraph, start):
        # "local health officials said": the words before qualify the noun, and the cue's subject is the
        # whole phrase, cited as such by statements.statement_subjects; "officials" alone would be a second source.
        # Only where that subject is found: "in the past two years analysts said" keeps "analysts".
        subject = trailing_subject(paragraph[max(0, start - 150):end] + " ")
        if subject is not None and subject[0].endswith(description) and len(subject[0]) > len(description) \
                and len(subject[0].split()) <= 5:
            return False
    if head == "official" and _NOUN_AFTER_ADJECTIVE.match(paragraph, end):
        return False  # "the official communique said": the communique said it
    if not head.endswith("s") and _NAME_FOLLOWS.match(paragraph, end):
        return False  # "Goldman Sachs analyst Rod Hall said": the description is the title of the name after it
    if not head.endswith("s") and (named := _GIVEN_NAME_ENDS.search(qualifier)) and named.group(1).lower() in FIRST_NAMES:
        return False  # "analyst for Merrill Lynch Capital Markets Mario Balletto said": the title of the name ending it
    # The tests below in the order that decides soonest: each is a pure scan, and most descriptions
    # are settled by the first one or two.
    if _ANONYMITY.search(qualifier):
        return True  # "who asked not to be named": cited, bare or not
    if head == "press":
        # "the official press said", "state press reported": the press of a state that has one, cited as a
        # whole; "told the press", "Press reports said" cite no one.
        return not bare and bool(_OFFICIAL_PRESS.search(description)) and _CUE_FOLLOWS.match(paragraph, end) is not None
    if head.startswith(("people", "person")) and _VICTIMS_BEFORE.search(paragraph, max(0, start - 40), start):
        return False  # "the strike killed 12 people ..., officials said": who was hurt, not who said it
    if bare and not head.endswith(("s", "people")):
        return False  # a bare singular noun is cited only with a qualifier of anonymity
    if not bare and head.startswith("source"):
        return True
    return (_CUE_FOLLOWS.match(paragraph, end) is not None or _NO_COMMENT.match(paragraph, end) is not None
            or _CITED_BEFORE.search(paragraph, max(0, start - 20), start) is not None
            or (not bare and _CONDITION_OF_ANONYMITY.search(paragraph, end, min(len(paragraph), end + 80)) is not None))


def _describes_a_name(paragraph: str, start: int, end: int) -> bool:
    """Whether a description stands in apposition to the name just before it."""
    before = paragraph[max(0, start - 80):start]
    if not _NAME_THEN_COMMA.search(before):
        return False
    if before.endswith(", ") and paragraph[start:start + 1].islower() and \
            paragraph[start:end].split(None, 1)[0] not in _COUNTING_WORDS and before[-3:-2].isalpha() and \
            _ONE_JOB.match(paragraph, start, end):
        # "Jerry Abbenhaus, analyst for AGE Clearing noted": a job with no article, right after a
        # name and its comma, is who the name is, even where the copy left out the closing comma
        return True
    return _CUE_AFTER_COMMA.match(paragraph, end) is not None or _INVERTED_CUE_BEFORE.search(before) is not None


#: One person's job, at a body: "analyst for AGE Clearing", "chief economist at Acme" (not "industry analysts").
_ONE_JOB = re.compile(r"(?:[\w-]+\s+){0,2}?[\w-]*[^s\s]\s+(?:for|at|of|with)\s")
_COUNTING_WORDS = frozenset({"a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "other",
                             "most", "both", "few", "all", "its", "their", "his", "her"})
