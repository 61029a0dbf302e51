"""Where a quote's speaker is named: the words and reporting verb around it.

`who_after` reads `,” he said` / `,” said the senator`; `who_before` reads
`Aliyev revealed that “` and `According to X, ... “`; `sentence_subject`
finds the noun phrase a sentence opens with. They return text and offsets
only; what the text refers to is `speakers.py`'s job. The subject standing
right before a cue (`trailing_subject`) is read in subjects.py, which
statements, anonymous sources and wire copy use too.
"""

from __future__ import annotations

import re

from loaders.extract.cues import ACCORDING_TO_WORDS, CUE_WORD, CUE_WORDS, sentence_starts, trie_alternation, with_capitals
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
    ORG_NOUNS,
    OUTLET_NOUNS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from loaders.extract.name_kinds import classify_name
from loaders.extract.subjects import (
    _AUXILIARY,
    _DANGLING_WORDS,
    SUBJECT_PRONOUNS,
    WORD_LIMIT,
    not_a_subject,
    trailing_subject,
)
from loaders.extract.titled_names import parse_named_phrase, particle_name

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
#: "Asked if ..., the rate prevailing then, Miyazawa declined": what a question was about may be
#: set off again after it, a phrase opening with an article, before the subject's capital.
_SENTENCE_LEAD = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|Later|Earlier|Meanwhile|However|Then|Also),?\s+)?"
    r"(?:Asked\b[^,“”\"]{0,100},\s+(?:the|an?)\s[^,“”\"]{0,100},\s+(?=[A-Z])|"
    r"(?:In|At|On|After|Before|During|Speaking|Asked|Addressing|Responding|Writing|Confirming|"
    r"Commenting|Referring|Separately|Last|This|Since|When|While|As|With|Despite|Amid)\b[^,“”\"]{0,100},\s+|"
    # "Five months ago, Marcus Albrecht stood ... and promised that “...”": when, then who
    r"(?:(?:[A-Z][a-z]+|\d+)\s+(?:[a-z]+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+"
    r"(?:ago|earlier|later)|Yesterday|Previously|Recently),\s+)?"
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
        if subject is not None and subject[0] in ("who", "Who"):
            subject = _antecedent_of_who(prefix, subject[1]) or subject
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


#: A name just before ", who": "a reversal for chief executive Marcus Albrecht, who told ...".
_NAME_BEFORE_WHO = re.compile(with_capitals(
    r"(?<![\w'’.&-])(?P<name>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}),\s+$"))


def _antecedent_of_who(prefix: str, at: int) -> tuple[str, int] | None:
    """The name a relative "who" at `at` stands for, when one ends right before its comma: "for chief
    executive Marcus Albrecht, who told a staff meeting: “...”" is Albrecht's quote."""
    named = _NAME_BEFORE_WHO.search(prefix, max(0, at - 80), at)
    return (named.group("name"), named.start("name")) if named else None


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
