"""Where a quote's speaker is named: the words and reporting verb around it.

`who_after` reads `,” he said` / `,” said the senator`; `who_before` reads
`Aliyev revealed that “` and `According to X, ... “`; `trailing_subject` and
`sentence_subject` find the noun phrase a cue or a sentence hangs on. They
return text and offsets only; what the text refers to is `speakers.py`'s job.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.extract.cues import (
    ACCORDING_TO_WORDS,
    CUE_WORD,
    CUE_WORDS,
    WordPattern,
    sentence_starts,
    trie_alternation,
    with_capitals,
)
from loaders.extract.descriptions import (
    DETERMINERS,
    is_anonymous_description,
    titles_then_name,
)
from loaders.extract.lexicon import (
    ANONYMOUS_HEADS,
    CUE_GERUNDS,
    DOCUMENT_NOUNS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    ORG_HEADS,
    ORG_NOUNS,
    OUTLET_NOUNS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from loaders.extract.names import classify_name, month_opens_company, parse_named_phrase, particle_name

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
#: A title's abbreviation ("said Rep. Dan Glickman") is no full stop ending the speaker's name.
_NOT_AFTER_TITLE_ABBREVIATION = "".join(
    rf"(?<!\b{word})" for word in ("Rep", "Sen", "Gov", "Gen", "Dr", "Mr", "Mrs", "Ms", "Col", "Lt", "St", "Prof",
                                   "Rev", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Supt", "Insp", "Det", "Fr"))
#: A title without an article, set off after a name: ", deputy chief economist at the Bank of Nova Scotia".
_BARE_TITLE = trie_alternation(sorted(TITLE_HEADS | {"manager", "strategist", "adviser", "advisor", "treasurer"}))
_AFTER_INVERTED = re.compile(
    with_capitals(rf"[\s,—–-]*(?P<cue>{CUE_WORD})(?:\s+(?P=cue)\b)?\s+(?P<who>[^,;:!?“”\"()]{{1,120}}?"
    r"(?:\s*,\s*(?:(?:a|an|the|who\s+is|its|his|her|their)\s[^,;:!?“”\"()]{1,100}?"
    rf"|(?:[A-Za-z][\w'’-]*\s+){{0,4}}?(?i:{_BARE_TITLE})(?:\s+(?:at|of|for|with|in)\s[^,;:!?“”\"()]{{1,100}}?)?"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?=\s*(?:[,;:!?“”\"(]|\.(?:\s|$)|$)))?)"
    rf"(?=\s*(?:[,;:!?“”\"(]|(?<![\s.][A-Z]){_NOT_AFTER_TITLE_ABBREVIATION}\.(?:\s|$)|$)|"
    r"\s+(?:on|after|before|when|while|during|adding|as|last|this|"
    r"earlier|later|told|via|in\s+(?:a|an|his|her|their|its)\s+(?:statement|interview|speech|letter|post|memo|"
    r"email|message|tweet|note|report|briefing|press|news|televised|radio|written|emailed|telephone|phone))\b)")
)
#: `,” according to X(, a title).`: "according to" after a quote names its speaker as a cue would.
_AFTER_ACCORDING = re.compile(
    with_capitals(r"[\s,—–-]*[Aa]ccording\s+to\s+(?P<who>[A-Za-z][^,;:!?“”\"()]{0,80}?"
                  r"(?:,\s*(?:a|an|the|who\s+is|its|his|her)\s[^,;:!?“”\"()]{1,100}?)?)"
                  r"(?=\s*(?:[,;:!?“”\"(]|\.(?:\s|$)|$))"))
_AFTER_NORMAL = re.compile(
    rf"[\s,—–-]*(?P<who>[^“”\"!?;:]{{1,170}}?)\s+(?:{_AUXILIARY}\s+)*(?P<cue>{CUE_WORD})\b"
)
_CLAUSE_WORDS = ("and", "but", "that", "while", "whereas", "because", "when", "after", "before", "as", "although",
                 "though", "if", "since", "so", "meanwhile", "however", "where", "which")
_CLAUSE_SPLIT = re.compile(rf",(?!(?<=\d,)\d)|[;:()—–]|\s-\s|\b(?:{'|'.join(_CLAUSE_WORDS)})\s", re.IGNORECASE)
#: _CLAUSE_SPLIT for ASCII text in lower case, where it finds the same: without IGNORECASE and with
#: the words factored by their prefixes, `re` rules a position out in a third less time.
_CLAUSE_SPLIT_LOWER_ASCII = re.compile(rf",(?!(?<=\d,)\d)|[;:()]|\s-\s|\b(?:{trie_alternation(_CLAUSE_WORDS)})\s")
# `(?<!\s)`: a match starts where a run of spaces starts, not again at each space inside it.
_TRAILING_AUXILIARY = re.compile(rf"(?<!\s)(?:\s+{_AUXILIARY})+\s*$", re.IGNORECASE)
WORD_LIMIT = 9
_NOT_SUBJECT_WORDS = frozenset(NOT_NAME_WORDS) | {"his", "her", "their", "its", "our", "my"}
_QUOTED_AS = re.compile(r"[\s,]*[^“”\"]{0,80}?\bquot(?:ed|es|ing)\s+(?P<who>[^“”\"]{1,100}?)\s+as\s+(?:saying|telling|writing)\b")
#: The same before an opening quote: 'It quoted Oil Minister Issam al-Chalabi as saying "..."' cites the
#: minister, named whole (the sentence's first name would stop at the particle "al-"). In the passive,
#: 'Sheikh Ali al-Sabah was quoted by the daily al-Qabas as saying "..."', the subject is quoted, not the daily.
_QUOTED_AS_BEFORE = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbeen )(?<!\bbe )"
                               r"\bquot(?:ed|es|ing)\s+(?P<who>[^“”\".;:]{1,100}?)\s+as\s+(?:saying|telling|writing)"
                               r"(?:\s+(?:that|of|about))?[\s,:]*$")
_QUOTED_PASSIVE_BEFORE = re.compile(r"\s*(?P<who>[^“”\".;:]{1,100}?)\s+(?:was|were|is|are|(?:has|have|had)\s+been)\s+"
                                    r"(?:also\s+)?quoted\b[^“”\".;:]{0,100}?\s+as\s+(?:saying|telling|writing)"
                                    r"(?:\s+(?:that|of|about))?[\s,:]*$")
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
#: "Asked if ..., the rate prevailing then, Miyazawa declined": what a question was about may be
#: set off again after it, a phrase opening with an article, before the subject's capital.
_SENTENCE_LEAD = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|Later|Earlier|Meanwhile|However|Then|Also),?\s+)?"
    r"(?:Asked\b[^,“”\"]{0,100},\s+(?:the|an?)\s[^,“”\"]{0,100},\s+(?=[A-Z])|"
    r"(?:In|At|On|After|Before|During|Speaking|Asked|Addressing|Responding|Writing|Confirming|"
    r"Commenting|Referring|Separately|Last|This|Since|When|While|As|With|Despite|Amid)\b[^,“”\"]{0,100},\s+)?"
)
_LEADING_PRONOUN = re.compile(r"(?P<np>He|She|They|We|I)\b")
_LEADING_DETERMINER = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal|[Mm]any|[Oo]ther|[Aa]nother)\s+"
)
_DESCRIPTION_WORD = re.compile(r"[\w'’.-]+")
_LEADING_NAME = re.compile(with_capitals(r"(?:[A-Z][\w.'’&-]*|(?:al|de|van|von|bin|el)\b[- ]?[A-Z][\w'’-]*)"
                           r"(?:\s+(?:(?:of|and|for|de|al|van|von|der|bin)\s+)?[A-Z][\w.'’&-]*){0,6}"))
NAME_IN_APPOSITION = re.compile(with_capitals(r",\s*(?P<name>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4})\s*(?=[,.;:])"))


_NEXT_WORD = re.compile(r"\s+(?P<word>[\w'’.-]+)")
_OF_QUALIFIER = re.compile(r"\s+(?:of|at|for|from|with)\s+[^,.;:“”\"]{1,60}")


def _is_head(word: str) -> bool:
    head = word.lower().strip(".")
    return (head in ANONYMOUS_HEADS or head in TITLE_HEADS or head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS
            or head in OUTLET_NOUNS or head in DOCUMENT_NOUNS)


def cue_text(raw: str) -> str:
    return " ".join(raw.lower().split())


def who_after(suffix: str) -> tuple[str, str, int] | None:
    """(who, cue, offset of who) when the text right after a closing quote attributes it."""
    starts = sentence_starts(suffix)
    sentence = suffix[:starts[1]] if len(starts) > 1 else suffix
    for mark in "“\"":
        position = sentence.find(mark)
        if position >= 0:
            sentence = sentence[:position]
    quoted_as = _QUOTED_AS.match(sentence)
    if quoted_as:
        return quoted_as.group("who").strip(), "said", quoted_as.start("who")
    inverted = _AFTER_INVERTED.match(sentence)
    if inverted:
        return inverted.group("who").strip(), cue_text(inverted.group("cue")), inverted.start("who")
    according = _AFTER_ACCORDING.match(sentence) if "ccording" in sentence[:12] else None
    if according:
        # `,” according to Jonas Weber, an economist at Commerzbank.`: the quote is his
        return according.group("who").strip(), "according to", according.start("who")
    normal = _AFTER_NORMAL.match(sentence)
    if normal:
        who = normal.group("who").strip()
        if who.endswith(",") and "," not in who[:-1]:
            # `" and more," said Joel Reed`: the words before the comma are the quote's tail, not a subject.
            late = _AFTER_INVERTED.match(sentence, normal.start("cue"))
            if late and late.group("who").strip():
                return late.group("who").strip(), cue_text(late.group("cue")), late.start("who")
            return None
        if len(who.split()) <= WORD_LIMIT + 12 and _looks_like_subject(who):
            return who, cue_text(normal.group("cue")), normal.start("who")
    return None


#: What may follow a sentence's last cue before its end: "said.", "said today.", "said in a statement."
_CUE_TAIL = re.compile(r"(?:\s+[\w'’-]+){0,4}\s*[.!?]?[\s”\"’]*$")


def who_at_sentence_end(suffix: str) -> tuple[str, str, int] | None:
    """(who, cue, offset of who) of a cue that ends the sentence a partial quote stands in, its subject set
    off by a comma: 'French goods were "increasingly ill-adapted to demand" and over-priced, the report said.'"""
    starts = sentence_starts(suffix)
    sentence = suffix[:starts[1]] if len(starts) > 1 else suffix
    last = None
    for last in CUE_WORDS.spans(sentence):
        pass
    if last is None or _CUE_TAIL.match(sentence, last[1]) is None:
        return None
    before = sentence[:last[0]]
    comma = before.rfind(",")
    if comma < 0 or any(mark in before[comma:] for mark in "“”\""):
        return None
    subject = trailing_subject(before[comma + 1:])
    if subject is None:
        return None
    return subject[0], cue_text(sentence[last[0]:last[1]]), comma + 1 + subject[1]


_LOWER_APPOSITIVE = re.compile(r"\s*,\s*(?P<title>[a-z][^,;:“”\"()]{1,100}?)(?=\s*(?:[,;:]|\.(?:\s|$)|$))")


def inverted_subject(text: str, cue_start: int) -> tuple[str, int] | None:
    """(who, offset) after a cue that follows its clause: "..., said Arnold Safer, president of ..."."""
    inverted = _AFTER_INVERTED.match(text, cue_start)
    if inverted is None:
        return None
    who = inverted.group("who").strip()
    if not who or not (who[:1].isupper() or who.split()[0].lower() in ("a", "an", "the", "one", "two", "three")):
        return None
    core = who.split(",", 1)[0].split()
    if inverted.group("cue").split()[0].lower() in ("told", "tells", "tell") or len(core) > WORD_LIMIT \
            or core[-1].lower() in _DANGLING_WORDS or not_a_subject(" ".join(core)):
        return None  # "told the SEC it sold": the one told; "said the firm had earmarked": a clause
    start = inverted.start("who") + len(inverted.group("who")) - len(inverted.group("who").lstrip())
    title = _LOWER_APPOSITIVE.match(text, inverted.end("who"))
    if title is not None and "," not in who and any(word in TITLE_WORDS for word in title.group("title").split()[:4]):
        # "..., said Arnold Safer, president of The Energy Futures Group Inc": the title comes along.
        return text[start:title.end("title")], start
    return who, start


def _looks_like_subject(who: str) -> bool:
    main = who.split(",", 1)[0].strip()
    words = main.split()
    if not words or len(words) > WORD_LIMIT:
        return False
    first = words[0].lower()
    if first in ("which", "that", "as", "and", "but", "or", "so", "if", "when", "while", "because", "to", "in"):
        return False
    if main[:1].islower() and first not in DETERMINERS and first not in SUBJECT_PRONOUNS \
            and first not in NAME_PARTICLES and not particle_name(words[0]) \
            and not (first.startswith("ex-") and words[0][3:4].isupper()) \
            and not is_anonymous_description(main.lower()) \
            and not titles_then_name(words):
        return False
    return True


_BARE_PARTICIPLE = re.compile(r"(?:cited|quoted|seen|obtained|reviewed)\s+by\b", re.IGNORECASE)


def who_before(prefix: str) -> tuple[str, str, int] | None:
    """(who, cue, offset of who) from the writer's words before an opening quote, in the same sentence."""
    best: tuple[str, str, int] | None = None
    best_at = -1
    # The WordPattern scans (CUE_WORDS, ACCORDING_TO_WORDS) find what CUE and ACCORDING_TO find, faster.
    for according_start, according_end in ACCORDING_TO_WORDS.spans(prefix):
        tail = prefix[according_end:]
        end = len(tail)
        for stop in (",", ";", ":", "“", "\""):
            position = tail.find(stop)
            if 0 <= position < end:
                end = position
        who = tail[:end].strip()
        named_after = NAME_IN_APPOSITION.match(tail, end)
        if named_after:
            who = who + ", " + named_after.group("name")
        if who and len(who.split()) <= WORD_LIMIT + 6:
            according = prefix[according_start:according_end].split()
            best = (who, cue_text(according[0] + " " + according[1]), according_end)
            best_at = according_start
    last_cue = None
    for last_cue in CUE_WORDS.spans(prefix):
        pass
    # "He said the arguments cited by Hughes “tend to be weak”": a bare participle ("cited by",
    # "seen by") qualifies a noun of what the subject of the reporting verb before it says.
    participle = best is not None and _BARE_PARTICIPLE.match(prefix, best_at) is not None
    if last_cue is not None and (last_cue[0] > best_at or participle):
        cue_start = last_cue[0]
        cue = cue_text(prefix[cue_start:last_cue[1]])
        gerund = cue.split()[0] in CUE_GERUNDS
        subject = None if gerund else trailing_subject(prefix[:cue_start])
        quoted_as = (_QUOTED_AS_BEFORE.search(prefix, max(0, cue_start - 120))
                     or _QUOTED_PASSIVE_BEFORE.match(prefix)) if gerund and "quot" in prefix else None
        if quoted_as is not None:
            return quoted_as.group("who").strip(), "said", quoted_as.start("who")
        if gerund:
            # "the company said ..., adding “...”": the subject of the verb the gerund hangs on.
            for earlier_start, _ in reversed(list(CUE_WORDS.spans(prefix[:cue_start]))):
                subject = trailing_subject(prefix[:earlier_start])
                if subject is not None:
                    break
        if subject is not None:
            return subject[0], cue, subject[1]
        if not gerund:
            inverted = _AFTER_INVERTED.match(prefix, cue_start)
            if inverted and inverted.group("who").strip() and inverted.group("who").strip()[:1].isupper():
                return inverted.group("who").strip(), cue, inverted.start("who")
        # "X said ..., adding that “...”" / "..., but added “...”": the sentence's subject speaks.
        leading = sentence_subject(prefix[:cue_start])
        if leading is not None:
            return leading[0], cue, leading[1]
    return best


def sentence_subject(sentence: str) -> tuple[str, int] | None:
    """The noun phrase a sentence opens with: a pronoun, "the/a ... noun", or the first name in its first clause.

    "His captain, Luka Horvat, was more measured" gives "Luka Horvat": the
    possessive is skipped and the name in apposition is taken.
    """
    position = _SENTENCE_LEAD.match(sentence).end()
    pronoun = _LEADING_PRONOUN.match(sentence, position)
    if pronoun:
        return pronoun.group("np"), pronoun.start("np")
    determiner = _LEADING_DETERMINER.match(sentence, position)
    if determiner:
        # "The interior ministry", "A senior official": the first noun we know as a head ends the phrase.
        cursor = determiner.end()
        for _ in range(4):
            word = _DESCRIPTION_WORD.match(sentence, cursor)
            if word is None:
                break
            if _is_head(word.group(0)):
                end = word.end()
                for _ in range(2):
                    # "The police union", "The chief executive": the head runs on through more head nouns.
                    following = _NEXT_WORD.match(sentence, end)
                    if following is None or not _is_head(following.group("word")):
                        break
                    end = following.end()
                qualifier = _OF_QUALIFIER.match(sentence, end)
                after = qualifier.end() if qualifier else end
                named = _NAME_SET_OFF.match(sentence[after:after + 60])
                if named and parse_named_phrase(named.group("name")) is not None:
                    # "The chief executive of Harbor Bank, Nina Sato," -> the name in apposition
                    return named.group("name"), after + named.start("name")
                return sentence[position:end], position
            cursor = word.end()
            while cursor < len(sentence) and sentence[cursor] == " ":
                cursor += 1
    clause_end = len(sentence)
    for stop in (" said", " told", " who ", " which ", " that ", ";", ":"):
        at = sentence.find(stop, position)
        if 0 <= at < clause_end:
            clause_end = at
    for match in _LEADING_NAME.finditer(sentence, position, min(clause_end, position + 120)):
        words = match.group(0).split()
        while words and words[0].lower() in _NOT_SUBJECT_WORDS:
            words = words[1:]
        if words:
            text = " ".join(words)
            offset = match.start() + match.group(0).find(words[0])
            named_end = _titled_name_end(sentence, match.end(), clause_end)
            return (text, offset) if named_end is None else (sentence[offset:named_end], offset)
    return None


#: Lower-case title words after a body's name, then a capital: "Central Bank governor Arifin Siregar".
_TITLE_AFTER_BODY = re.compile(with_capitals(r"\s+(?P<title>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+(?=[A-Z])"))


def _titled_name_end(sentence: str, end: int, clause_end: int) -> int | None:
    """Where the name ends of a person the leading name employs, a title between: "Central Bank
    governor Arifin Siregar said ..., but added the “speculators”" is his, not the bank's."""
    titled = _TITLE_AFTER_BODY.match(sentence, end, clause_end)
    if titled is None or not all(word in TITLE_WORDS for word in titled.group("title").split()):
        return None
    name = _LEADING_NAME.match(sentence, titled.end(), clause_end)
    return name.end() if name is not None and classify_name(name.group(0)) in ("person", "unknown") else None


#: A name set off by commas after a description: "The chief executive of Harbor Bank, Nina Sato,".
_NAME_SET_OFF = re.compile(with_capitals(r"\s*,\s*(?P<name>[A-Z][^,]{1,50}),"))
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
