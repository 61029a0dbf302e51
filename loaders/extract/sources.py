"""Sources that are cited without a quote: anonymous descriptions, outlets, and subjects of reporting verbs.

A quote makes its speaker a source, but most sourcing has no quotation
marks: "a source familiar with the matter has told Jerusalem Post", "Turkish
sources stressed", "Acme Inc said it sold". These rules find those, so a
fact-checker can search on whose authority a claim was reported.
"""

from __future__ import annotations

import bisect
import re

from loaders.extract.cues import (
    ACCORDING_TO_WORDS,
    CUE,
    CUE_WORD,
    SentenceStarts,
    WordPattern,
    trie_alternation,
    with_capitals,
)
from loaders.extract.lexicon import (
    CUE_GERUNDS,
    CUE_VERBS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    FIRST_NAMES,
    KNOWN_PLACES,
    ORG_HEADS,
    OUTLET_HEADS,
    OUTLET_HEADS_WEAK,
    TITLE_WORDS,
)
from loaders.extract.names import COMPANY_ENDS, Mention
from loaders.extract.registry import Entity, Registry
from loaders.extract.descriptions import affiliation_of, citable, is_tally
from loaders.extract.phrases import NAME_IN_APPOSITION, inverted_subject, sentence_subject, trailing_subject
from loaders.extract.speakers import resolve_who, transcript_speaker
from loaders.extract.wirecopy import BARE_SUFFIXES, TICKER_AT_END, no_comment_subjects, restore, without_rics

#: Head nouns of an unnamed source. A pattern then factors them by their prefixes (`trie_alternation`):
#: tried at every word of every paragraph, the plain alternation tested all fifty one by one.
_HEAD_NOUNS = tuple(f"{stem}{ending}" for stem, endings in (
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
_HEADS = trie_alternation(sorted(_HEAD_NOUNS))
_MODIFIER = (with_capitals(r"(?:(?i:current|former|serving|retired|past|present)\s+and\s+(?:current|former|retired|past|"
             r"present|serving)|senior|junior|top|high-ranking|high-level|former|current|local|western|military|government|"
             r"security|intelligence|administration|industry|diplomatic|party|police|company|two|three|four|"
             r"official|state|"
             r"several|other|informed|reliable|trusted|knowledgeable|well-placed|well-informed|independent|"
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
    rf"(?=\s*[,.;:“”\"()]|\s+(?:who\s+)?(?:has\s+|have\s+|had\s+|also\s+)?(?:{CUE_WORD}|declined|refused|did\s+not|"
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
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<who>[^“”\".;:]{1,100}?)\s+as\s+(?:saying|telling|writing)\b")
_ISSUED_BY = re.compile(
    with_capitals(r"\s+(?:from|by|of|issued\s+by|released\s+by|published\s+by)\s+(?P<who>(?:the\s+)?[\w'’.&-]+(?:\s+[\w'’.&-]+){0,4}?)"
    r"(?:,\s*(?P<name>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,4}))?(?=\s*[,.;:]|\s*$)")
)
_IN_A = re.compile(r"\b(?:in|with|through|via)\s+$", re.IGNORECASE)
_ITS_AFTER = re.compile(r"\s+(?:that\s+)?(?:it|its)\b")
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
#: "a report in the Financial Times", "an interview published by Le Monde": what an outlet ran.
_REPORT_IN = re.compile(with_capitals(
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:report|article|story|editorial|interview|column|op-ed|piece|broadcast|"
    r"investigation|feature)\s+(?:(?:published|carried|run)\s+(?P<link>in|by)|(?:aired|broadcast)\s+on|(?P<link2>in|by))"
    r"\s+(?:the\s+)?(?=[A-Z])"))
_WHEN_AT_END = re.compile(r"\s+(?:on|last|this|late|early|earlier)\s+[\w-]+(?:\s+[\w-]+)?$")
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
_LEADING_CONJUNCTION = re.compile(r"(?:But|And|Or|So|Yet|However|Meanwhile|Still|Also|Now|Then|Other)\s+")
_NO_COMMENT = re.compile(r"\s+(?:(?:has|have|had|also)\s+)?(?:declined|refused)\s+to\s+comment|\s+(?:did|could)\s+not\s+"
                         r"(?:immediately\s+)?(?:respond|comment|be\s+reached)")
_CONDITION_OF_ANONYMITY = re.compile(r"on\s+(?:the\s+)?condition\s+of\s+anonymity|asked\s+not\s+to\s+be\s+(?:named|identified)"
                                     r"|asked\s+to\s+remain\s+(?:unidentified|unnamed|anonymous)|asked\s+for\s+anonymity"
                                     r"|declined\s+to\s+be\s+(?:named|identified)|requested\s+anonymity", re.IGNORECASE)
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
_NOT_OUTLET_ENDINGS = ("-language", "-based", "-owned", "-run", "-backed")
_DEMONYM_NAMES = frozenset(word.title() for word in DEMONYMS)


def _never_an_outlet(name: str) -> bool:
    """ "Arabic-language", "Saudi": a name no outlet has.

    An ending and a set lookup, not a pattern: names are too many for a cache of the pattern's
    answers to hold, and a name (one line of capitalised words) has no newline for `$` to stop before.
    """
    return name.endswith(_NOT_OUTLET_ENDINGS) or name in _DEMONYM_NAMES


_WORD_START = re.compile(r"(?<![\w'’.-])[\w]")
_HEAD_WORDS = WordPattern(rf"(?:{_HEADS})\b")
#: Reporting verbs, head nouns and document nouns as one alternation factored by prefixes: every
#: paragraph is read for all three, and one scan over one trie costs about what the verbs' scan alone did.
_WORDS_READ = WordPattern(rf"{trie_alternation(sorted({*CUE_VERBS, *_HEAD_NOUNS, *DOCUMENT_NOUNS}))}\b",
                          openers="".join({word[0] for word in (*CUE_VERBS, *_HEAD_NOUNS, *DOCUMENT_NOUNS)}))
_CUE_VERB_SET = frozenset(CUE_VERBS)
_HEAD_NOUN_SET = frozenset(_HEAD_NOUNS)


def _cues_heads_documents(paragraph: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], bool]:
    """(spans of CUE_WORDS, spans of _HEAD_WORDS, whether a document noun stands as a word), from one scan.

    No word is two of them and no match overlaps another (the verbs of several words go on only
    with "reporters", "out", "on", "later", "to say", "saying"), so each list is what its own scan
    finds. A verb must not run on with "-", "'" or "’" ("said-so"); where it does, the verbs' own
    pattern, tried there, says which shorter verb stands ("told" of "told reporters'"), if any. A
    paragraph with no document noun standing as a word has no match of _DOCUMENT_INTRO, whose noun
    follows a space.
    """
    cues: list[tuple[int, int]] = []
    heads: list[tuple[int, int]] = []
    documents = False
    for start, end in _WORDS_READ.spans(paragraph):
        word = paragraph[start:end]
        if word in _HEAD_NOUN_SET:
            heads.append((start, end))
        elif word in _CUE_VERB_SET or " ".join(word.split()) in _CUE_VERB_SET:
            if paragraph[end:end + 1] not in _CUE_TAIL:
                cues.append((start, end))
            else:
                shorter = CUE.match(paragraph, start)
                if shorter is not None:
                    cues.append(shorter.span())
        else:
            documents = True
    return cues, heads, documents


_CUE_TAIL = ("-", "’", "'")
# `\b[Aa]` written as `[Aa](?<!\w.)`: a pattern opening with a character class lets `re` skip
# straight to the next "a" instead of trying the pattern at every position (a scan 40% faster).
_DOCUMENT_INTRO = re.compile(
    r"[Aa](?<!\w.)n?\s+(?:[\w'’-]+\s+){0,3}"
    rf"(?P<head>{trie_alternation(sorted(DOCUMENT_NOUNS))})\b"
)


def find_cited_sources(body: list[str], registry: Registry, quoted: dict[int, list[tuple[int, int]]],
                       mentions: list[list[Mention]], starts: SentenceStarts | None = None) -> None:
    """Mark as sources everything the writer cites outside quotation marks; mentions get their offsets.

    `starts` are the body's sentence starts, shared with the quote rules that run after.
    """
    if starts is None or starts.body is not body:
        starts = SentenceStarts(body)
    for index, paragraph in enumerate(body):
        if not paragraph:
            continue
        ranges = quoted.get(index, [])
        cues, heads, documents = _cues_heads_documents(paragraph)
        if heads:
            _anonymous_sources(index, paragraph, registry, ranges, heads)
        _outlets(index, paragraph, registry, ranges, mentions[index])
        if documents:
            _documents(index, paragraph, registry, ranges, starts)
        _statement_subjects(index, paragraph, registry, ranges, starts, cues)
        if paragraph[1:2].isupper() and (turn := transcript_speaker(paragraph, index, registry)) is not None:
            # "VARGA: The forint will not be devalued.": the person a transcript's label names speaks.
            person, start, end = turn
            person.cite((index, start))
            person.add_mention(index, start, end, paragraph[start:end])


_FAR = 1 << 62
_NAME_FOLLOWS = re.compile(with_capitals(r" (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
                           r"April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]"))
#: A name opening its clause, then "and", before the subject a cue's sentence ends with.
_COORDINATED = re.compile(with_capitals(r"(?:^\s*|[,;:(]\s*|\b(?:while|but|as|and)\s+)(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
                          r"\s+(?:and|&)\s+$"))
_NOUN_CUE = re.compile(r"(?:reports|report|statements|comments|remarks|estimates)\s+(?:said|say|says|suggested|"
                       r"suggest|indicated|indicate|showed|show|quoted|have|had|were|are|spoke|speak|in|that|"
                       r"from|on|of)\b")
#: A subject's closing clause of anonymity ("who asked not to be named", "who spoke on condition
#: of anonymity"), which no name parse reads through.
_ANONYMITY_CLAUSE_AT_END = re.compile(
    r",?\s+who\s+(?:asked|requested|declined|spoke|did\s+not\s+want|would\s+not\s+be)\b[^,;:.]*,?\s*$")
_BARE_CAPITALISED = re.compile(with_capitals(r"\s*[A-Z][a-z]+\s*"))
_EXCHANGE_TICKER = re.compile(
    r"\((?:NYSE|NASDAQ|Nasdaq|NYSE American|TSX|TSXV|TSX-V|LSE|AIM|ASX|OTCQX|OTCQB|OTC|CSE|Euronext|SIX|XETRA|HKEX|"
    r"SGX)\s*:\s*[A-Z0-9.-]{1,10}(?:\s*[;,]\s*[A-Za-z ]{2,15}:\s*[A-Z0-9.-]{1,10})*\)(?=\s+\S+\s*$|\s*$)")
_NOUN_CUE_OPENINGS = ("report", "statements", "comments", "remarks", "estimates")
_ASKED_ANONYMITY = re.compile(r"asked\s+(?:(?:not\s+to\s+be|that\s+\w+\s+not\s+be)\s+(?:named|identified|quoted)"
                              r"|to\s+remain\s+(?:unidentified|unnamed|anonymous)|for\s+anonymity)")
#: Where the name after "according to" / "seen by" ends: punctuation, a relative clause, or an "and"
#: that goes on with a verb ("seen by Bloomberg and later confirmed by the company").
_TAIL_STOP = re.compile(r"[,;:.“\"]|\s(?:who|which|that|whose|after|before|when|while|because)\s|"
                        r"\s(?:and|or|but)\s+(?=(?:later|then|also|subsequently|was|were|is|are|has|have|had)\b|"
                        r"[a-z]+ed\b)")


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `ranges` (sorted by start, as quote spans come)."""
    index = bisect.bisect_right(ranges, (start, _FAR)) - 1
    return index >= 0 and ranges[index][0] <= start and end <= ranges[index][1]


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


def _anonymous_sources(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
                       heads: list[tuple[int, int]]) -> None:
    for match in _anonymous_descriptions(paragraph, heads):
        start, end = match.span("desc")
        if _inside(ranges, start, end):
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
            # name's last words only; the whole name is the subject _statement_subjects cites.
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
        if words[0] in ("the", "that", "this") and not qualifier and len(words) <= 3 \
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
        # whole phrase, cited as such by _statement_subjects; "officials" alone would be a second source.
        # Only where that subject is found: "in the past two years analysts said" keeps "analysts".
        subject = trailing_subject(paragraph[max(0, start - 150):end] + " ")
        if subject is not None and subject[0].endswith(description) and len(subject[0]) > len(description) \
                and len(subject[0].split()) <= 5:
            return False
    if not head.endswith("s") and _NAME_FOLLOWS.match(paragraph, end):
        return False  # "Goldman Sachs analyst Rod Hall said": the description is the title of the name after it
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


def _documents(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
               starts: SentenceStarts) -> None:
    """ "A draft government report ..." introduces a document a later "the report says" can point back to."""
    for match in _DOCUMENT_INTRO.finditer(paragraph):
        if _inside(ranges, match.start(), match.end()):
            continue
        entity = registry.entity(match.group(0), "organization", (index, match.start()))
        entity.head = match.group("head")
        entity.add_mention(index, match.start(), match.end(), match.group(0))
        registry.sight(entity, (index, match.start()), subject_like=False)
        issuer = _ISSUED_BY.match(paragraph, match.end())
        if entity.author is None and issuer is not None:
            # "a statement from the operator, Coastal Energy": the document names who issued it.
            who = issuer.group("who") + (", " + issuer.group("name") if issuer.group("name") else "")
            author = resolve_who(who, (index, issuer.start("who")), registry)
            if author is not None and author is not entity and author.kind in ("person", "organization"):
                entity.author = author
        if entity.author is None and _IN_A.search(paragraph[max(0, match.start() - 10):match.start()]):
            # "The Commission accused CoinVault ... in a filing": the sentence's subject issued the document.
            sentence_start, _ = starts.span(index, match.start())
            leading = sentence_subject(paragraph[sentence_start:match.start()])
            if leading is not None and leading[0].lower() not in ("it", "they", "he", "she"):
                author = resolve_who(leading[0], (index, sentence_start + leading[1]), registry)
                if author is not None and author is not entity and author.kind in ("person", "organization"):
                    entity.author = author


def _outlet_entity(name: str, index: int, start: int, end: int, registry: Registry) -> Entity:
    entity = registry.entity(name, "outlet", (index, start))
    entity.kind = "outlet"
    entity.cite((index, start))
    entity.add_mention(index, start, end, name)
    registry.sight(entity, (index, start), subject_like=False)
    return entity


def _outlets(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
             mentions: list[Mention]) -> None:
    """An outlet named where it is cited: "told Jerusalem Post", "the daily Haaretz reported"."""
    for mention in mentions:
        if ranges and _inside(ranges, mention.start, mention.end):
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
        elif noun_after is not None and _NOUN_QUALIFIES.match(paragraph, noun_after.end()):
            noun_after = None
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
            if not (ranges and _inside(ranges, match.start(), match.end())):
                _outlet_entity("Information", index, match.start(), match.end(), registry)


def _cite_inverted(index: int, paragraph: str, cue_start: int, registry: Registry) -> None:
    found = inverted_subject(paragraph, cue_start)
    if found is None:
        return
    who, offset = found
    entity = resolve_who(who, (index, offset), registry)
    if entity is not None and entity.kind not in ("place", "unknown"):
        entity.cite((index, offset))


def _cite_coordinated(index: int, before: str, offset_base: int, cited: Entity, registry: Registry) -> None:
    """ "Britain and West Germany said", "Reagan and Gorbachev said": the name before the "and" said it too,
    when it is a name of the same sort standing whole there (not a title's "Energy and Mines Minister")."""
    if not before.endswith((" and ", " & ")):
        return  # most subjects stand alone: no need to search the sentence
    if " and " in cited.name and before.endswith(cited.name[:cited.name.rfind(" and ") + 5]):
        # "Allied-Signal Inc and Kohlberg Kravis Roberts and Co said": the subject was cut at its own "and"
        before = before[:len(before) - cited.name.rfind(" and ") - 5]
        if not before.endswith((" and ", " & ")):
            return
    coordinated = _COORDINATED.search(before)
    if coordinated is None:
        return
    start, end = offset_base + coordinated.start("name"), offset_base + coordinated.end("name")
    entity = registry.named_exactly(index, start, end)
    if entity is None and coordinated.group("name").lower() in BARE_SUFFIXES:
        # "Kohlberg Kravis Roberts and Co and Allied-Signal Inc said": the name cut at its own "and"
        entity = registry.name_around(index, start, end)
    if entity is None or entity.name.split()[-1].lower() in TITLE_WORDS or entity.name.lower() in DEMONYMS:
        return  # "Japanese Trade and Industry Minister X": the start of a title; "British and Commonwealth
        # Shipping Co Plc said": the start of a company's name
    same_sort = (entity.kind == cited.kind == "person" or (
        entity.kind in ("organization", "place") and cited.kind == "organization"))
    if same_sort and entity is not cited:
        if entity.kind == "place":
            entity.kind = "organization"  # "Britain and West Germany said": the governments speak
        entity.cite((index, start))


_CAPITAL_BEFORE_COMMA = re.compile(with_capitals(r"(?<![\w'’.-])[A-Z][\w'’.-]*$"))
#: "X and Y said they": two who spoke, where a firm "said it".
_THEY_AFTER = re.compile(r"\s+(?:that\s+)?(?:they|their|them|both)\b")
#: One capitalised word opening its clause, then "and", before a cue's one-word subject: "Phillips and Drew".
_FIRST_HALF = re.compile(with_capitals(r"(?:^|[,;:(])\s*(?P<name>[A-Z][\w'’-]*)\s+and\s+$"))


def _firm_of_two_names(index: int, before: str, offset_base: int, second: str, registry: Registry) -> Entity | None:
    """The firm "Phillips and Drew" where a clause opens with two words joined by "and" that name
    no one else: brokers, publishers and law firms are called so ("Harper and Row said"). Not two
    names the article gives on their own ("Chirac and Reagan said", each named before or after
    alone or in full), places ("Britain and Canada said"), nor bodies or titles ("Trade and Labour")."""
    first = _FIRST_HALF.search(before)
    if first is None or not second[:1].isupper() or not second.isalpha():
        return None
    if before[first.start():first.start() + 1] == "," and _CAPITAL_BEFORE_COMMA.search(before, 0, first.start()):
        return None  # "the Commodity Board for Margarine, Fats and Oils said": the end of a list of names
    halves = ((first.group("name"), offset_base + first.start("name")),
              (second, offset_base + len(before)))
    for word, start in halves:
        lowered = word.lower()
        if lowered in KNOWN_PLACES or lowered in DEMONYMS or lowered in TITLE_WORDS or lowered in ORG_HEADS \
                or registry.by_surname(word) is not None or registry.containing(word, (index + 1, 0)) is not None:
            return None
        alone = registry.named_exactly(index, start, start + len(word))
        if alone is not None and any(mention[:2] != (index, start) for mention in alone.mentions):
            return None  # "Drew said" elsewhere: a name of its own
    start, end = halves[0][1], halves[1][1] + len(second)
    paragraph = registry.body[index]
    firm = registry.entity(paragraph[start:end], "organization", (index, start))
    firm.kind = "organization"
    firm.add_mention(index, start, end, paragraph[start:end])
    registry.named_at(firm, index, start, end)
    registry.sight(firm, (index, start))
    return firm


def _may_cite_by(paragraph: str) -> bool:
    """Whether ACCORDING_TO_WORDS can match: a few substring tests cost far less than its scan.

    The words are matched in any case, so the test is too: headline-style
    copy writes "ACCORDING TO THE MINISTRY" and "Seen By".
    """
    return " by " in paragraph or "ccording" in paragraph or " BY " in paragraph or "CCORDING" in paragraph \
        or " By " in paragraph


def _statement_subjects(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
                        starts: SentenceStarts, cues: list[tuple[int, int]]) -> None:
    """"Acme Inc said it sold", "according to the ministry": the subject of a reporting verb is a source.

    `cues` are the spans of the reporting verbs (CUE_WORDS) in the paragraph.
    """
    for cue_start, cue_end in cues:
        if (ranges and _inside(ranges, cue_start, cue_end)) or paragraph[cue_start:cue_end].split()[0] in CUE_GERUNDS:
            continue
        # Each pattern opens with its words: a cue that starts with none of them is spared the match.
        if paragraph.startswith(_NOUN_CUE_OPENINGS, cue_start) and _NOUN_CUE.match(paragraph, cue_start):
            continue  # "Press reports said": "reports" is the subject's noun, "said" the cue
        if paragraph.startswith("asked", cue_start) and _ASKED_ANONYMITY.match(paragraph, cue_start):
            continue  # "officials who asked not to be named said": the condition of anonymity, not a statement
        sentence_start, _ = starts.span(index, cue_start)
        before = paragraph[sentence_start:cue_start]
        last_mark = max(before.rfind("”"), before.rfind("\""), before.rfind("“"))
        if ranges and "’" in before:  # a British quote's closing mark (a quoted range ends at it), not an apostrophe
            last_mark = max([last_mark] + [end - sentence_start for _, end in ranges
                                           if sentence_start <= end < cue_start and paragraph[end] == "’"])
        if last_mark >= 0:
            before = before[last_mark + 1:]
            offset_base = cue_start - len(before)
        else:
            offset_base = sentence_start
        if before.endswith("> "):
            before = TICKER_AT_END.sub(" ", before)  # "Jardine Matheson Holdings Ltd <JARD.HKG> said"
        if "(" in before and ":" in before and (ticker := _EXCHANGE_TICKER.search(before)) is not None:
            # "Acme Inc. (NYSE: ACM) today announced": a press release's ticker, no part of the subject;
            # spaces keep every offset
            before = before[:ticker.start()] + " " * (ticker.end() - ticker.start()) + before[ticker.end():]
        cuts: list[tuple[int, int]] = []
        if ")" in before:
            # "Acme Corp (ACME.N) said", "Foo Inc (FOO.O), the largest maker, said": today's wire copy
            # writes the ticker in parentheses; cut out, the name before it is the subject.
            before, cuts = without_rics(before)
        if before.endswith("> ") and "<" in before:
            # "<Bryson Oil and Gas Plc> said": wire copy marks an unlisted company so; the marks are no part
            # of its name. Spaces keep every offset.
            # Only a name that opens the clause: "Italy's state-owned <Banca ...>" keeps its marks, as
            # the words before them are part of the subject, which must stand as written.
            opening = before.rfind("<")
            lead = before[:opening].rstrip()
            if (not lead or lead[-1] in ",;(") and any(letter.islower() for letter in before[opening:]):
                before = before[:opening] + " " + before[opening + 1:-2] + "  "
        if " who " in before and (clause := _ANONYMITY_CLAUSE_AT_END.search(before)) is not None \
                and _BARE_CAPITALISED.fullmatch(before, 0, clause.start()):
            # "Officials who asked not to be named said": the subject is who asked, not the clause. Only
            # for one word a sentence capitalised: descriptions in lower case ("two diplomats who ...")
            # are read whole, clause and all, by _ANONYMOUS.
            before = before[:clause.start()] + " "
        subject = trailing_subject(before)
        if subject is None:
            if before.rstrip().endswith(","):
                # "Futures now set oil prices, said Arnold Safer, president of ...": the subject follows.
                _cite_inverted(index, paragraph, cue_start, registry)
            continue
        who, offset = subject
        if who.startswith(("who ", "whom ", "which ")):
            # "said the official, who the newspaper said was ...": the relative pronoun is no part of the subject
            cut = who.index(" ") + 1
            who, offset = who[cut:], offset + cut
        if who.lower() in ("he", "she", "they", "it", "i", "we", "you"):
            continue
        coordinated_before = before[:offset]
        offset = restore(offset, cuts)  # where the subject stands in the paragraph, the tickers and all
        if coordinated_before.endswith(" and ") and " " not in who and not cuts and \
                not _THEY_AFTER.match(paragraph, cue_end) and \
                (firm := _firm_of_two_names(index, coordinated_before, offset_base, who, registry)) is not None:
            # "Phillips and Drew said": one firm, not Drew (and Phillips) saying it
            firm.cite((index, offset_base + offset))
            continue
        entity = resolve_who(who, (index, offset_base + offset), registry)
        if entity is not None and entity.kind not in ("place", "unknown") and entity.name.lower() not in BARE_SUFFIXES:
            # (a suffix alone is the tail of a name cut at its parenthesis: "<Sigma Mines (Quebec) Ltd>")
            entity.cite((index, offset_base + offset))
            its = _ITS_AFTER.match(paragraph, cue_end) if entity.kind == "person" and not entity.title \
                and not entity.gender else None  # only read for such a person
            if its and (" " not in entity.name or (its.group(0).endswith("its")
                                                   and entity.name.split()[0].lower() not in FIRST_NAMES)):
                # "Unilever said it", "Goldman Sachs said its clients": a company, not a person
                entity.kind = "organization"
            _cite_coordinated(index, coordinated_before, offset_base, entity, registry)
    if "comment" in paragraph:
        no_comment_subjects(index, paragraph, registry, ranges, starts)
    for match in (_QUOTED_AS.finditer(paragraph) if "quot" in paragraph else ()):
        if _inside(ranges, match.start(), match.end()):
            continue
        entity = resolve_who(match.group("who"), (index, match.start("who")), registry)
        if entity is not None and entity.kind not in ("place", "unknown"):
            entity.cite((index, match.start("who")))
    for _, tail_start in (ACCORDING_TO_WORDS.spans(paragraph) if _may_cite_by(paragraph) else ()):
        stop = _TAIL_STOP.search(paragraph[tail_start:tail_start + 120])
        stop_at = tail_start + (stop.start() if stop else 80)
        who = paragraph[tail_start:stop_at].strip()
        named_after = NAME_IN_APPOSITION.match(paragraph, stop_at)
        if named_after:
            who = who + ", " + named_after.group("name")
        if not who or _inside(ranges, tail_start, tail_start + 1) or not citable(who):
            continue
        report = _REPORT_IN.match(who)
        if report is not None:
            # "according to a report in the Financial Times": the outlet that ran it is the source.
            tail_start += len(paragraph[tail_start:stop_at]) - len(paragraph[tail_start:stop_at].lstrip()) + report.end()
            who = _WHEN_AT_END.sub("", who[report.end():])  # "... in The Wall Street Journal on Friday"
        entity = resolve_who(who, (index, tail_start), registry)
        if report is not None and entity is not None and "by" not in (report.group("link"), report.group("link2")):
            entity.kind = "outlet"  # what ran "in" a paper is the paper's; "by the Commerce Department" is not
        if entity is not None:
            if entity.kind in ("place", "unknown"):
                entity.kind = "organization"
            entity.cite((index, tail_start))
