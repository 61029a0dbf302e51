"""Named mentions: capitalised runs split into title, affiliation and name, then typed.

Capitalisation finds names nobody listed; the lexicon only peels off what
surrounds them ("Azerbaijani President" before "Ilham Aliyev") and tells
newspapers and organisations from people.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from loaders.extract.cues import trie_alternation, with_capitals
from loaders.extract.descriptions import body_before_title, without_visiting
from loaders.extract.envoys import join_posted_titles
from loaders.extract.lexicon import (
    COMPANY_OPENERS,
    COMPANY_WORDS,
    DEMONYMS,
    FIRST_NAMES,
    GENDER_OF_TITLE,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    KNOWN_PLACES,
    NOT_NAME_WORDS,
    NUMBER_WORDS,
    ORG_HEADS,
    OUTLET_HEADS,
    OUTLETS,
    TITLE_WORDS,
)
from loaders.extract.nicknames import join_nicknames
from loaders.extract.places import COUNTRIES
from loaders.extract.portfolios import PORTFOLIOS, join_portfolios
from loaders.extract.runs import split_after_organisation, split_at_connectors, split_at_possessive

_PARTICLE = r"(?:al|el|bin|ibn|abu|de|da|di|du|del|della|van|von|der|den|le|la|do|dos|das|ter|ten|bint)"
_HYPHENED_PARTICLES = ("al", "el", "as", "ash", "ad", "bin", "ibn", "abu", "bint")  # "al-Sadr"
_CAPITAL_TOKEN = with_capitals(rf"(?:[A-Z][\w'’.&-]*|(?:{'|'.join(_HYPHENED_PARTICLES)})-[A-Z][\w'’-]*)")


def _first_token() -> str:
    """_CAPITAL_TOKEN after no word character, opening with a class of the letters a token starts with.

    A pattern that opens with a character class lets `re` skip straight to
    the next capital (or particle letter) instead of trying the pattern at
    every position: the scan takes half the time. The letter is consumed
    first, then `(?<=...)` picks the alternative of _CAPITAL_TOKEN it began.
    """
    rests: dict[str, list[str]] = {}
    for particle in _HYPHENED_PARTICLES:
        rests.setdefault(particle[0], []).append(particle[1:])
    particles = "|".join(f"(?<={letter})(?:{'|'.join(rest)})-[A-Z][\\w'’-]*" for letter, rest in rests.items())
    return with_capitals(rf"[A-Z{''.join(rests)}](?<![\w'’-].)(?:(?<=[A-Z])[\w'’.&-]*|{particles})")


# Deliberately simple (one character class per token) so scanning a paragraph stays cheap; tokens
# that end a sentence ("Tel-Aviv. Azerbaijani ...") are split off afterwards in Python.
# Up to eleven capitalised words a run: "International Totalizator Systems Inc Vice President of Finance
# Joel Graff" is one run, so the name at its end is not cut off by the connectors it holds.
_CONNECTOR = r"(?:and|&|of|for|of[ ]the|for[ ]the)"
# The lower-case words a run goes on through, connectors and particles in one alternation factored by
# prefixes (`trie_alternation`), as `re` tries it after every capitalised word: a scan a fifth faster
# than `(?:{_CONNECTOR}[ ]|{_PARTICLE}[ ])`. Both find the same runs: only one of the words can stand
# before the space that must follow.
_RUN_WORD = (r"(?:(?:of|for)[ ]the|" + trie_alternation(sorted({"and", "&", "of", "for", *_PARTICLE[3:-1].split("|")}))
             + ")")
#: The second of two particles a name holds: "van den Broek", "von der Leyen", "de la Madrid".
_SECOND_PARTICLE = r"(?:den|der|de|la|las|los|le|du)"
_MENTION = re.compile(rf"{_first_token()}(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?{_CAPITAL_TOKEN}){{0,10}}")
#: _MENTION for a text with no hyphen before a capital, where no token can be a particle's ("al-Sadr")
#: and a run opens only at a capital: opening with [A-Z] alone, the scan skips from capital to capital
#: instead of stopping at every "a", "e", "b" and "i" (a third faster), and finds the same runs.
_MENTION_AT_CAPITALS = re.compile(
    with_capitals(r"[A-Z]") + rf"(?<![\w'’-].)[\w'’.&-]*(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?"
    rf"{_CAPITAL_TOKEN}){{0,10}}")
#: Both for a paragraph whose ticker marks were blanked (wirecopy.without_ticker_marks): a run goes on
#: across the spaces a ticker inside a name left ("Delta <DAL> Airlines Inc", "<" and ">" around up to
#: fifteen characters, a space either side), which split it into "Delta" and "Airlines Inc". Not after
#: a company's suffix or a possessive, where the ticker ends a name: "Chevron Corp's <CHV> Chevron
#: Exploration Ltd", "Exxon Corp <XON> Director", "Galactic Resources Ltd <GALCF> of Toronto".
_INSIDE_TICKER_GAP = (r"(?<!'s)(?<!’s)(?<![ ]Corp)(?<![ ]Inc)(?<![ ]Co)(?<![ ]Cos)(?<![ ]Ltd)(?<![ ]Plc)(?<![ ]PLC)"
                      rf"(?<![ ]AG)(?<![ ]NV)(?<![ ]SA)[ ]{{5,19}}{_CAPITAL_TOKEN}")
_MENTION_ACROSS_TICKERS = re.compile(
    rf"{_first_token()}(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?{_CAPITAL_TOKEN}|{_INSIDE_TICKER_GAP}){{0,10}}")
_MENTION_AT_CAPITALS_ACROSS_TICKERS = re.compile(
    with_capitals(r"[A-Z]") + rf"(?<![\w'’-].)[\w'’.&-]*(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?"
    rf"{_CAPITAL_TOKEN}|{_INSIDE_TICKER_GAP}){{0,10}}")
_HYPHEN_CAPITAL = re.compile(with_capitals(r"-[A-Z]"))
_ABBREVIATED = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "col", "lt", "maj", "capt", "adm", "sgt", "prof", "rev",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "gens", "u.s", "u.k", "u.n", "e.u", "n.y", "d.c", "l.p",
    "fla", "calif", "mass", "conn", "ill", "mich", "minn", "wis", "tex", "va", "md", "pa", "n.j", "ariz", "colo",
    "ga", "ky", "la", "mo", "nev", "okla", "ore", "tenn", "wash", "mt", "ft", "no", "bros", "cos",
})


def _token_groups(chunk: str, base: int) -> list[list[tuple[int, int, str]]]:
    """Token spans of a capitalised run, split where a token ends a sentence."""
    groups: list[list[tuple[int, int, str]]] = [[]]
    offset = base
    for token in chunk.split(" "):
        if token:
            groups[-1].append((offset, offset + len(token), token))
            if token.endswith(".") and len(token) > 2 and token[:-1].lower() not in _ABBREVIATED \
                    and not _INITIALS.fullmatch(token):
                groups.append([])
        offset += len(token) + 1
    return [group for group in groups if group]


# Words after which a name is an object, not the one acting: "met Smith", "with Jones", "criticised state Treasurer X".
_OBJECT_LEADS = frozenset({
    "to", "with", "by", "against", "for", "of", "from", "at", "on", "about", "toward", "towards", "than", "into",
    "between", "among", "like", "under", "over", "via", "visited", "met", "meet", "meeting", "replace",
    "replaced", "succeed", "succeeded", "criticized", "criticised", "accused", "thanked", "called", "urged",
    "told", "attacked", "praised", "blamed", "named", "appointed", "fired", "sacked", "defeated", "beat",
    "endorsed", "nominated", "interviewed", "sued", "hired", "backed", "supported", "opposed", "challenged",
    "asked", "attacking", "accusing", "criticising", "criticizing", "praising", "defending", "thanking",
    "blaming", "whom",
})


def _object_position(text: str, start: int) -> bool:
    """True when one of the (up to) three words before `start` makes what follows an object."""
    before = text[max(0, start - 60):start]
    trimmed = before.rstrip()
    # Only the last few words count: rsplit stops there instead of splitting all sixty characters.
    if trimmed.endswith(","):
        # "attacking the front-runner, Senator Alice Monroe": in apposition to an object.
        words = trimmed[:-1].rsplit(None, 4)[-4:]
        return any(word.lower() in _OBJECT_LEADS for word in words[:-1])
    words = before.rsplit(None, 3)[-3:]
    if words and words[-1].lower() == "the":
        words.pop()
    for offset, word in enumerate(reversed(words)):
        lowered = word.lower()
        if lowered in _OBJECT_LEADS:
            return True
        if not lowered.isalpha() or not word.islower() or offset >= 2:
            return False
    return False


_ALL_CAPS = re.compile(r"[A-Z]{2,6}")
_NOT_ORG_ACRONYMS = frozenset({
    "suv", "ceo", "cfo", "coo", "cto", "gdp", "ipo", "ai", "tv", "pm", "am", "ok", "usd", "eur", "gbp", "jpy",
    "vat", "faq", "dna", "hiv", "aids", "covid", "pct", "mln", "bln", "dlrs", "qtr", "shr", "net", "revs",
    "oper", "avg", "ltd", "inc", "corp", "co", "plc", "ag", "nv", "sa", "gmt", "utc", "est", "edt", "ev",
    "evs", "lng", "lpg", "bpd", "opec", "us", "uk", "eu",
})
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


class Mention(NamedTuple):
    """A named mention in a paragraph: the span covers the name only, not the title before it.

    A named tuple rather than a frozen dataclass: an article has dozens, and a
    frozen dataclass costs about three times as much to build.
    """

    paragraph: int
    start: int
    end: int
    name: str
    kind: str                 # person | organization | outlet | place | unknown
    title: str | None
    affiliation: str | None
    gender: str | None
    subject_like: bool        # not right after a preposition or a verb taking an object


#: Words an outlet's name ends with, after words that are titles elsewhere ("Oil World", "Intelligence Weekly").
OUTLET_NAME_ENDS = OUTLET_HEADS | {"world", "weekly", "monthly", "report", "review", "letter", "bulletin"}
_COMPASS = frozenset({"west", "east", "north", "south"})  # "West Germany", "South Korea"
_TITLE_JOINERS = frozenset({"of", "for", "the"})  # inside a title: "Secretary of State"
_GEOGRAPHIC_HEADS = frozenset({
    "island", "islands", "strait", "straits", "river", "sea", "bay", "valley", "mountains", "peninsula",
    "province", "county", "basin", "canal", "airport", "harbour", "harbor", "desert", "coast", "lake",
    "republic",  # "Dominican Republic", "Peoples Republic (of China)"
})


def classify_name(name: str) -> str:
    """person | organization | outlet | place | unknown, from the words of a bare name."""
    lowered = name.lower()
    if lowered in OUTLETS or f"the {lowered}" in OUTLETS:
        return "outlet"
    tokens = lowered.split()
    if lowered in KNOWN_PLACES or lowered in DEMONYMS or (
            len(tokens) == 2 and tokens[0] in _COMPASS and (tokens[1] in KNOWN_PLACES or tokens[1] in DEMONYMS)):
        return "place"
    last = tokens[-1]
    if len(tokens) >= 2 and last in _GEOGRAPHIC_HEADS:
        return "place"  # "Kharg Island", "Hormuz Strait": not a person "he" could be
    if len(tokens) >= 2 and last in OUTLET_HEADS and tokens[0] not in ("white", "post") and \
            not (last == "news" and tokens[0] in ("good", "bad")):
        return "outlet"
    if len(tokens) >= 3 and last == "service" and tokens[-2] == "news":
        return "outlet"  # "Kyodo News Service": not "Internal Revenue Service"
    if last in ORG_HEADS or (tokens[0] in ORG_HEADS and len(tokens) >= 3) or (
            len(tokens) == 2 and (tokens[0] in ORG_HEADS or tokens[0] == "statistics") and last in KNOWN_PLACES):
        return "organization"  # "Statistics Canada", "Bank Indonesia": a body named for its country
    if tokens[0] in _COUNTRY_INITIALS and len(tokens) >= 2 and tokens[1] not in FIRST_NAMES:
        # "the U.S. Trade deficit", "the U.S. Dollar": wire copy capitalises the noun after the initials.
        # No person is named so ("he said" must not find one there), nor a company "the company said"
        # would point back to: typed as the country's, it is cited only as a place is
        return "place"
    if tokens[0] == "first" and month_opens_company(name.split()):
        return "organization"  # "First Boston", "First Bank Saint Paul": a bank, not a given name "Paul"
    if len(tokens) == 1 and _ALL_CAPS.fullmatch(name) and lowered not in _NOT_ORG_ACRONYMS:
        return "organization"
    if len(tokens) >= 2 and _company_words(tokens):
        return "organization"
    if len(tokens) >= 2 and all(token[:1].isupper() or token in NAME_PARTICLES or token.split("-")[0] in NAME_PARTICLES
                                for token in name.split()):
        return "person"
    return "unknown"


def _company_words(tokens: list[str]) -> bool:
    """Whether words shaped like a person's name ("American Express", "Oregon Steel", "Texaco Canada",
    "Banque Paribas") are a company's: no given name opens them, and a trade's word or a country ends
    them where a surname would stand, or a company's word opens them where a given name would.

    Only words can open it: wire copy capitalises the word after an abbreviation ("the U.S. Provides
    the rest", "U.S. Products"), and typed as an organisation such a pair would take the "it said" of
    the body before it. A country ends only a pair ("Rajastan, North West India, the agency said").
    """
    first = tokens[0]
    if first in FIRST_NAMES or not first.replace("-", "").isalpha() or any(
            token in FIRST_NAMES for token in tokens[1:-1]):
        return False  # "Credit Suisse Paul Hofer": a person, named after where he works
    return tokens[-1] in COMPANY_WORDS or first in COMPANY_OPENERS or (
        len(tokens) == 2 and first.isalpha() and tokens[-1] in COUNTRIES)


#: The title words a capitalised run is read with: also "Affairs", which ends a minister's portfolio ("Minister
#: of Foreign Affairs Hans van den Broek") but no description's head ("manager of government affairs at Texaco").
_TITLES = TITLE_WORDS | {"affairs"}
#: Title words that qualify a title and make none alone: opening a run, they open a name.
_NOT_TITLES_ALONE = frozenset({"national", "senior", "foreign", "economic", "state", "supreme", "crown", "managing",
                               "acting", "interim", "incoming", "outgoing", "former", "then", "opposition"})
_LONG_TITLES = frozenset(word for word in _TITLES if len(word) >= 6 and word.isalpha())
_TITLE_BY_LETTERS = {"".join(sorted(word)): word for word in _LONG_TITLES}
_TITLE_LESS_A_LETTER = {word[:index] + word[index + 1:]: word for word in _LONG_TITLES for index in range(len(word))}


def misspelt_title(word: str) -> bool:
    """Whether a lower-case word is a long title word with two letters swapped, one left out or one
    doubled ("secertary", "secetary", "secrettary"): wire copy typed in haste has them.

    Only a caller that sees a given name right after should ask: "Generali" is "general" and a letter.
    """
    if len(word) < 6 or word in FIRST_NAMES or (word.endswith("s") and word[:-1] in _TITLES):
        return False  # "Investors": a plural is no title
    title = _TITLE_BY_LETTERS.get("".join(sorted(word))) or _TITLE_LESS_A_LETTER.get(word)
    if title is None:
        title = next((word[:index] + word[index + 1:] for index in range(len(word))
                      if word[:index] + word[index + 1:] in _LONG_TITLES), None)
    return title is not None and title[0] == word[0]


def split_title(tokens: list[str]) -> tuple[list[str], list[str], str | None, str | None]:
    """(title words, name words, affiliation, gender) for "Azerbaijani President Ilham Aliyev" and kin.

    The name is what follows the last run of title words; what stands before
    that run is the affiliation ("Ways and Means Committee Chairman Dan
    Rostenkowski" -> "Means Committee", "Chairman", "Dan Rostenkowski").
    """
    if tokens[-1].lower() in ORG_HEADS:
        # "Defence Ministry", "Foreign Office": the "title" words are part of an organisation's name.
        return [], tokens, None, None
    title_end = 0
    misspelt = -1
    for index in range(len(tokens) - 1):
        if tokens[index].lower() in _TITLES:
            title_end = index + 1
        elif index + 2 < len(tokens) and tokens[index + 1].lower() in FIRST_NAMES and \
                misspelt_title(tokens[index].lower()):
            title_end = misspelt = index  # "Treasury Secertary James Baker": a title, however typed, before a given name
            title_end += 1
    if title_end == 0 or all(token.lower() in NAME_SUFFIXES for token in tokens[title_end:]):
        # "Azerbaijani Ilham" is no title: keep the run whole; nor is "King" in "Martin Luther King Jr.",
        # where only a suffix would be left for the name
        return [], tokens, None, None
    title_start = title_end
    if len(tokens) - title_end >= 4 and tokens[title_end] in ("of", "for") and tokens[title_end + 1][:1].isupper():
        title_end += 2  # "Minister of Finance Edouard Balladur": what the title is of, then the name
        if tokens[title_start - 1].lower() not in _TITLES:
            title_start = title_end  # a misspelt title's word: as before
    while title_start > 0 and (tokens[title_start - 1].lower() in _TITLES or title_start - 1 == misspelt or (
            tokens[title_start - 1] in _TITLE_JOINERS and title_start > 1) or tokens[title_start] == "Affairs"):
        # "Secretary of State", "Chancellor of the Exchequer": one title; "External Affairs Minister": the
        # affairs a minister has, whatever they are called, are the title's
        title_start -= 1
    title = tokens[title_start:title_end]
    if title_start == 0 and len(title) == 1 and title[0].lower() in _NOT_TITLES_ALONE:
        return [], tokens, None, None  # "National Self Storage", "Senior Tour Players": a name's first word
    gender = None
    for word in title:
        gender = gender or GENDER_OF_TITLE.get(word.lower())
    affiliation = None
    if title_start:
        before = " ".join(tokens[:title_start])
        if before.endswith(("’s", "'s")):
            before = before[:-2]
        affiliation = DEMONYMS.get(before.lower(), before)
    return title, tokens[title_end:], affiliation, gender


def find_mentions(paragraph_index: int, text: str, tickers_blanked: bool = False) -> list[Mention]:
    """Capitalised runs of the paragraph, typed, with the title and affiliation written before them.

    `tickers_blanked`: the paragraph as written held ticker marks, blanked in `text`; a name
    goes on across a ticker's spaces then.
    """
    mentions: list[Mention] = []
    hyphen_capital = "-" in text and _HYPHEN_CAPITAL.search(text) is not None  # no hyphen, no "-A": spare the call
    if tickers_blanked and "     " in text:
        pattern = _MENTION_ACROSS_TICKERS if hyphen_capital else _MENTION_AT_CAPITALS_ACROSS_TICKERS
    else:
        pattern = _MENTION if hyphen_capital else _MENTION_AT_CAPITALS
    for match in pattern.finditer(text):
        base = match.start()
        for lead, start, end, name, kind, title, affiliation, gender in _run_names(match.group()):
            subject_like = kind not in ("person", "unknown") or not _object_position(text, base + lead)
            mentions.append(_new_tuple(Mention, (paragraph_index, base + start, base + end, name, kind, title,
                                                 affiliation, gender, subject_like)))
    if " to " in text and ("ssador to " in text or "nvoy to " in text or "tative to " in text
                           or "ssioner to " in text or "onsul to " in text):
        mentions = join_posted_titles(text, mentions)
    if ") " in text and " (" in text:
        mentions = join_nicknames(text, mentions)
    return mentions


#: Builds a Mention from its fields in order without the named tuple's `__new__`, a Python function
#: that only passes them on to this one: a tenth of find_mentions' time went to that call.
_new_tuple = tuple.__new__


NamedRun = tuple[int, int, int, str, str, str | None, str | None, str | None]


@lru_cache(maxsize=1 << 16)
def _run_names(run: str) -> tuple[NamedRun, ...]:
    """(run start, name start, name end, name, kind, title, affiliation, gender) of each name in a capitalised run.

    Offsets are within the run. All of it depends on the run's words alone,
    and the same runs ("The", "U.S.", "NEW YORK", a company's name) come back
    in article after article: cached, most of find_mentions is a lookup.
    """
    names = []
    for group in _token_groups(run, 0):
        whose = None
        for part in (piece for possessed in split_at_possessive(group) for piece in split_after_organisation(possessed)):
            organisation = None
            for spans, joined in split_at_connectors(part):
                named = _organisation_from_tokens(run, spans) if joined else _name_from_tokens(run, spans)
                if named is None:
                    continue
                holder = organisation if named[5] else whose
                if holder and not named[6]:
                    # "Bank of England Governor Robin Leigh-Pemberton", "Capel's Dennis": where they work.
                    named = (*named[:6], holder, named[7])
                organisation = named[3] if joined else None
                whose = None
                names.append(named)
            whose = names[-1][3] if names and part[-1][2].endswith(("'s", "’s")) else None
    return tuple(join_portfolios(run, names) if " and " in run else names)


_ABBREVIATED_COMPANIES = frozenset({"inc.", "corp.", "co.", "ltd.", "cos."})
#: Full stops a name keeps: a suffix's ("Jr."), and a company's ("Acme Inc. (NYSE: ACM) said" is
#: "Acme Inc.", as "Acme Inc. said" is where a cue's subject names it).
_KEPT_STOPS = NAME_SUFFIXES | _ABBREVIATED_COMPANIES


def _name_end(run: str, start: int, last: tuple[int, int, str], keep_stop: frozenset[str]) -> int:
    """Where a name ends: not at a sentence's full stop (unless it is an initial or in `keep_stop`), nor a possessive."""
    end = last[1]
    if run[end - 1] == "." and last[2].lower() not in keep_stop and not _INITIALS.fullmatch(last[2]):
        end -= 1
    if run[start:end].endswith(("’s", "'s")):
        end -= 2
    return end


def _organisation_from_tokens(run: str, spans: list[tuple[int, int, str]]) -> NamedRun | None:
    """An organisation's name with its connectors ("Bank of England"): no title to split off."""
    while spans and spans[0][2].lower() in NOT_NAME_WORDS:
        spans = spans[1:]
    while spans and spans[-1][2] in ("and", "&", "of", "for", "the"):
        spans = spans[:-1]  # "The Bank of England and Fed said": the "and" joins the next name, not this one
    if len(spans) < 3:
        return _name_from_tokens(run, spans) if spans else None
    start = spans[0][0]
    end = _name_end(run, start, spans[-1], _ABBREVIATED_COMPANIES)
    name = run[start:end]
    kind = "outlet" if classify_name(name) == "outlet" else "organization"
    return spans[0][0], start, end, name, kind, None, None, None


def _name_word(word: str) -> bool:
    """A capitalised word that can be part of a name (not "The", not "Minister")."""
    lowered = word.lower().rstrip(".,")
    return word[:1].isupper() and lowered not in NOT_NAME_WORDS and lowered not in _TITLES


#: Words kept out of names that are also a first name ("Will Hutton") when a name follows, and
#: surnames ("Theresa May", "Grace Will") when a first name comes before. Not the months: "Since
#: last August Smart has led the talks" (Reuters) is a date far more often than "June Carter".
FIRST_NAMES_TOO = frozenset({"will"})
SURNAMES_TOO = frozenset({"may", "will"})
#: Titles that are surnames too, after a given name: "analyst Brian Singer", "John Major", "Rod Bishop".
#: Only nouns of a calling or a rank: "Christian Democrat", "Grace Independent" are no one's names.
_TITLE_SURNAMES = frozenset({"singer", "major", "bishop", "farmer", "judge", "king", "prince", "dean", "mayor",
                             "pilot", "partner", "clerk", "warden", "ranger", "cardinal", "priest", "pastor", "chef",
                             "lord", "sheriff", "captain", "chancellor", "rector", "provost"})


def _first_name_too(words: list[str]) -> bool:
    """ "Will Hutton said": a first name. "Will Japan cut rates", "Will OPEC ...": a question's verb."""
    if len(words) < 2 or words[0].lower() not in FIRST_NAMES_TOO or not _name_word(words[1]):
        return False
    return classify_name(" ".join(words[1:])) not in ("place", "organization", "outlet")


#: The suffixes a company's name ends with, and nothing else's.
COMPANY_ENDS = frozenset({"inc", "inc.", "corp", "corp.", "co", "co.", "cos", "cos.", "ltd", "ltd.", "plc"})


def month_opens_company(words: list[str]) -> bool:
    """ "(The) May Department Stores Co said": "May" opens a company's name, no month or modal verb here;
    "First Boston Corp", "First Bank Saint Paul": "First" opens a bank's, no "first" of a list."""
    if words[:1] == ["The"]:
        words = words[1:]
    if len(words) < 2 or words[0] not in _KEPT_OPENERS:
        return False
    last = words[-1].lower().rstrip(".,")
    if words[0] == "May":
        return len(words) >= 3 and last in COMPANY_ENDS
    return last in COMPANY_ENDS or any(word.lower() in ORG_HEADS for word in words[1:]) or (
        len(words) == 2 and last in KNOWN_PLACES)  # "First Boston", "First Chicago"


_KEPT_OPENERS = frozenset({"May", "First"})
_COUNTRY_INITIALS = frozenset({"u.s.", "u.k.", "u.n.", "e.c."})


def _surname_too(words: list[str]) -> bool:
    """ "Theresa May": a surname after a first name. "in May", "Brent May" (a contract month) stay out.
    "Brian Singer": a title's word, after a given name the lexicon knows ("British Chancellor" stays a title)."""
    if len(words) < 2 or not _name_word(words[-2]):
        return False
    last = words[-1].lower().rstrip(".,")
    if last not in SURNAMES_TOO and (last not in _TITLE_SURNAMES or words[-2].lower() not in FIRST_NAMES):
        return False
    return classify_name(" ".join(words[:-1])) in ("person", "unknown")


def _name_from_tokens(run: str, spans: list[tuple[int, int, str]]) -> NamedRun | None:
    """Title, affiliation and typed name of one group of capitalised tokens, or None if no name is left."""
    # Drop sentence-initial function words ("The", "According", "Furthermore"), but not from an
    # outlet's name ("The Sunday Herald").
    opening = spans[0] if spans else None
    while spans and (spans[0][2].lower().rstrip(".,") in NOT_NAME_WORDS or spans[0][2].endswith("-based")):
        if len(spans) > 1 and spans[0][2].lower() != "the" and \
                classify_name(" ".join(span[2] for span in spans)) == "outlet":
            break
        if spans[0][2] == "He" and len(spans) > 1 and _name_word(spans[1][2]):
            break  # "He Kang, Minister of Agriculture": the pronoun is followed by a verb, never a name
        if spans[0] is opening and _first_name_too([span[2] for span in spans]):
            break  # not after a word dropped: "In June Reagan said"
        if spans[0][2] in _KEPT_OPENERS and (spans[0] is opening or opening[2] == "The") and \
                month_opens_company([span[2] for span in spans]):
            break  # not after a preposition: "In May Acme Corp said" is a month
        spans = spans[1:]
    while spans and spans[-1][2].lower().rstrip(".,") in NOT_NAME_WORDS and \
            not _surname_too([span[2] for span in spans]):
        spans = spans[:-1]
    if not spans:
        return None
    title_words, name_words, affiliation, gender = split_title([span[2] for span in spans])
    if not name_words:
        return None
    name_spans = spans[len(spans) - len(name_words):]
    start = name_spans[0][0]
    end = _name_end(run, start, name_spans[-1], _KEPT_STOPS)
    name = run[start:end]
    lowered = name.lower()
    if opening is not None and opening[2] == "The" and len(spans) == 1 and opening[1] + 1 == start \
            and f"the {lowered}" in OUTLETS:
        # "told The Economist", "The Independent reported": a paper whose name, "The" aside, is a title word
        return opening[0], opening[0], end, run[opening[0]:end], "outlet", None, None, None
    if len(name) < 2 or lowered in NUMBER_WORDS or lowered.rstrip(".") in _TITLES:
        return None  # "Five", "Nigerian Oil Minister": no name is left
    if title_words and " " not in name and lowered in OUTLET_NAME_ENDS:
        # "the Oil World newsletter", "Petroleum Intelligence Weekly": a title-like word opens an outlet's name
        return spans[0][0], spans[0][0], end, run[spans[0][0]:end], "outlet", None, None, None
    kind = classify_name(name)
    if title_words and kind in ("unknown", "place") and name[:1].isupper():
        kind = "person"
    title = " ".join(title_words) if title_words else None
    if title and title.lower() in ("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "miss", "sir"):
        title = None if title.lower() != "dr." else "Dr."
    return spans[0][0], start, end, name, kind, title, affiliation, gender


def _is_name_token(token: str) -> bool:
    lowered = token.lower()
    if lowered in _TITLES or lowered in NOT_NAME_WORDS:
        return False
    return token[:1].isupper() or lowered in NAME_PARTICLES or lowered.split("-")[0] in NAME_PARTICLES


def particle_name(token: str) -> bool:
    """ "al-Assad", "el-Sisi", "bin-Talal": a particle joined to a capitalised name, a surname
    though it opens in lower case."""
    if "-" not in token:
        return False
    particle, _, rest = token.partition("-")
    return particle in NAME_PARTICLES and rest[:1].isupper()


def parse_named_phrase(phrase: str) -> tuple[str, str | None, str | None, str | None] | None:
    """(name, title, affiliation, gender) of "James Capel and Co analyst Tom Murtha" or "Azerbaijani President Ilham Aliyev".

    The name is the run of capitalised words at the end; title words before
    it make the title; whatever stands before the title is the affiliation
    (a demonym becomes its country, "Acme's" becomes "Acme").
    """
    tokens = phrase.replace(",", " ").split()
    # "Will Hutton": a first name, where it opens the phrase ("In June Reagan said": a month)
    first_name_too = _first_name_too(tokens) or month_opens_company(tokens)
    while tokens and (tokens[0].lower() in NOT_NAME_WORDS or tokens[0].endswith("-based")) and not first_name_too:
        tokens = tokens[1:]  # "Washington-based Weil": where they work, not who they are
    if not tokens or not (tokens[-1][:1].isupper() or tokens[-1].lower() in NAME_SUFFIXES
                          or particle_name(tokens[-1])):
        return None  # "Bashar al-Assad" ends a name with a particle's lower case
    if all(token[:1].isupper() or token.lower() in ("of", "and", "for", "&") for token in tokens) and (
            tokens[-1].lower() in ORG_HEADS or any(
                token.lower() in ORG_HEADS and following in ("of", "for") for token, following in zip(tokens, tokens[1:]))):
        # "Coastal Energy", "Foreign Ministry", "Bank of Canada": an organisation's name, title-like words and all.
        name = " ".join(tokens)
        return (name[:-2] if name.endswith(("’s", "'s")) else name), None, None, None
    name_start = len(tokens)
    if _surname_too(tokens):
        name_start -= 1  # "Theresa May"
    while name_start > 0 and (_is_name_token(tokens[name_start - 1]) or tokens[name_start - 1].lower() in NAME_SUFFIXES
                              or (name_start == 1 and first_name_too)):
        if name_start < len(tokens) and tokens[name_start - 1].endswith(("'s", "’s")):
            break  # "Capel's Dennis": the possessive is whose, the name follows it
        if name_start + 1 < len(tokens) and tokens[name_start].lower() in FIRST_NAMES and \
                misspelt_title(tokens[name_start - 1].lower()):
            break  # "Secertary James Baker": a title typed wrong, then the name
        name_start -= 1
    if name_start == len(tokens):
        return None
    # Keep particles out of the front of a name only when they lead it ("de Hora" stays whole).
    name_tokens = tokens[name_start:]
    before = tokens[:name_start]
    title_start = len(before)
    gender = None
    while title_start > 0 and (before[title_start - 1].lower() in _TITLES or before[title_start - 1].islower()
                               or (title_start >= 2 and before[title_start - 2] == "and"
                                   and before[title_start - 1].lower() in PORTFOLIOS)  # "Energy and Mines"
                               or (title_start < len(before) and before[title_start] == "Affairs")
                               or (title_start == len(before) and len(name_tokens) > 1
                                   and name_tokens[0].lower() in FIRST_NAMES and misspelt_title(before[-1].lower()))):
        title_start -= 1
        gender = gender or GENDER_OF_TITLE.get(before[title_start].lower())
    title_tokens = without_visiting(before[title_start:])
    affiliation_tokens = before[:title_start]
    if affiliation_tokens and title_tokens:
        affiliation_tokens, title_tokens = body_before_title(affiliation_tokens, title_tokens)
    if not affiliation_tokens and len(title_tokens) == 1 and title_tokens[0].lower() in _NOT_TITLES_ALONE:
        name_tokens, title_tokens = tokens, []  # "National Self Storage": a name's first word (see split_title)
    if all(token.lower() in NAME_SUFFIXES for token in name_tokens) and before:
        # "Martin Luther King Jr.": a suffix alone is no name, so "King" before it is the surname
        name_tokens, title_tokens, affiliation_tokens, gender = tokens, [], [], None
    if not title_tokens and affiliation_tokens and not affiliation_tokens[-1].endswith(("'s", "’s")):
        # "Acme Corp John Smith" has no title to split on: treat it all as one name.
        name_tokens = tokens
        affiliation_tokens = []
    affiliation = None
    if affiliation_tokens:
        joined = " ".join(affiliation_tokens)
        if joined.endswith(("’s", "'s")):
            joined = joined[:-2]
        affiliation = DEMONYMS.get(joined.lower(), joined)
    name = " ".join(name_tokens)
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    title_words = [word for word in title_tokens if word.lower() not in ("mr.", "mrs.", "ms.", "mr", "mrs", "ms", "miss", "sir")]
    for word in title_tokens:
        gender = gender or GENDER_OF_TITLE.get(word.lower())
    title = " ".join(title_words) if title_words else None
    return name, title, affiliation, gender
