"""Where a capitalised run of words holds one name and where it holds several.

"Bank of England", "Securities and Exchange Commission" and "Secretary of
State George Shultz" keep their lower-case connectors; "Bush and
Gorbachev" and "Capel's Dennis" split. Pure word rules, on token spans
(start, end, text) of one run.
"""

from __future__ import annotations

from loaders.extract.lexicon import (
    DEMONYMS,
    FIRST_NAMES,
    KNOWN_PLACES,
    ORG_HEADS,
    OUTLETS,
    PLACES,
    TITLE_HEADS,
    TITLE_WORDS,
)

Span = tuple[int, int, str]

#: Names that "X and Y Corp" never joins: places and peoples stand on their own.
_NOT_JOINED = KNOWN_PLACES | frozenset(DEMONYMS)
_CONNECTORS = frozenset({"and", "&", "of", "for", "the"})
#: A name ending so is a whole company: "Acme Corp and Beta Inc" are two.
_COMPANY_SUFFIXES = frozenset({"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "ag", "sa", "nv",
                               "llc", "cos", "cos.", "bancorp", "l.p.", "lp", "n.v.", "gmbh", "group", "holdings"})
#: Words a title opens with: "Bank of England Governor ..." ends the organisation's name there.
_TITLE_STARTS = TITLE_HEADS | {"vice", "deputy", "acting", "prime", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov."}
_OF_WORDS = frozenset({"of", "for"})


def split_at_connectors(spans: list[Span]) -> list[tuple[list[Span], bool]]:
    """A run split where its lower-case connectors join two names rather than one name's parts.

    "Bank of England", "Ministry of International Trade and Industry" and
    "Securities and Exchange Commission" are one organisation each: "of"
    after an organisation's word, "and" in an organisation's name (one that
    ends with an organisation's word, or began with "X of"). "Bush and
    Gorbachev" and "Japan and West Germany" are two names. Each part comes
    with whether a connector was kept in it (then it is an organisation).
    The organisation ends before a title or a first name, or after a place
    named after "of": "Bank of England Governor Robin Leigh-Pemberton".
    """
    if not any(span[2] in _CONNECTORS for span in spans):
        return [(spans, False)]
    parts: list[list[Span]] = [[]]
    joined: list[bool] = [False]
    after_of: list[str] = []  # the words since an "of" that joined, to end the name after a place
    index = 0
    while index < len(spans):
        span = spans[index]
        word = span[2]
        if word not in _CONNECTORS or not parts[-1]:
            lowered = word.lower()
            if joined[-1] and _ends_organisation(lowered, after_of):
                parts.append([])
                joined.append(False)
                after_of = []
            parts[-1].append(span)
            after_of.append(lowered)
            index += 1
            continue
        connector = [span]
        index += 1
        while index < len(spans) and spans[index][2] in _CONNECTORS:
            connector.append(spans[index])
            index += 1
        rest = []
        for following in spans[index:]:
            if following[2] in _CONNECTORS or following[2].lower() in _TITLE_STARTS:
                break
            rest.append(following)
        left = [s for s in parts[-1] if s[2] not in _CONNECTORS]
        firm_of_places = False
        if word in _OF_WORDS:
            # "Bank of England"; "The Times of Israel", an outlet listed by its whole name
            join = left[-1][2].lower() in ORG_HEADS or (left[-1][2].lower() == "times" and _listed_outlet(left, rest))
        else:  # and, &
            left_name = " ".join(s[2] for s in left).lower()
            firm_of_places = not joined[-1] and _two_places_name_a_firm(left_name.removeprefix("the "), rest)
            # "Kohlberg Kravis Roberts and Co and Allied-Signal Inc": after a company's suffix, an "and" starts
            # the next company, however the first was joined
            join = bool(rest) and left[-1][2].lower() not in _COMPANY_SUFFIXES and (
                joined[-1] or (len(left) <= 4 and rest[-1][2].lower() in ORG_HEADS
                               and (left_name not in _NOT_JOINED or firm_of_places)
                               and not _portfolio_of_title(rest, spans[index + len(rest):])))
        if not join and word in _OF_WORDS and left[-1][2].lower() in TITLE_WORDS and rest and (
                rest[0][2].lower() in TITLE_WORDS or (len(rest) >= 3 and rest[1][2].lower() in FIRST_NAMES)):
            # "Secretary of State George Shultz", "Chancellor of the Exchequer ...": one title, then the name;
            # "Minister of Mines Patrick Chitambala": what the title is of, before a given name.
            parts[-1].extend(connector)
        elif join:
            parts[-1].extend(connector)
            joined[-1] = True
            after_of = [] if word in _OF_WORDS else after_of
            if firm_of_places:
                # the places are the firm's own words: none of them ends its name, a title after it does
                parts[-1].extend(rest)
                index += len(rest)
                after_of = [rest[-1][2].lower()]
        else:
            parts.append([])
            joined.append(False)
            after_of = []
    return [(part, was_joined) for part, was_joined in zip(parts, joined) if part]


def _two_places_name_a_firm(left_name: str, rest: list[Span]) -> bool:
    """ "Australia and New Zealand Banking Group Ltd": two places, then a firm's words, are one bank's
    name, where "Britain and West Germany" are two countries, and "Britain and Midland Bank" two bodies."""
    if left_name not in KNOWN_PLACES:
        return False
    for length in (2, 1):
        if len(rest) > length + 1 and " ".join(span[2] for span in rest[:length]).lower() in KNOWN_PLACES:
            return True
    return False


def _portfolio_of_title(rest: list[Span], after: list[Span]) -> bool:
    """ "Reagan and Treasury Secretary James Baker": a body's one word that opens a title ("Treasury
    Secretary", "Oil Minister") names the next man's portfolio, and makes no body of "Reagan and Treasury"."""
    return len(rest) == 1 and rest[0][2].lower() in TITLE_WORDS and bool(after) and after[0][2].lower() in _TITLE_STARTS


def _listed_outlet(left: list[Span], rest: list[Span]) -> bool:
    """Whether "<left> of <a word of rest>" is an outlet's name ("Times of India", "Times of Israel")."""
    name = " ".join(span[2] for span in left).lower()
    name = name[4:] if name.startswith("the ") else name
    return bool(rest) and f"{name} of {rest[0][2].lower().rstrip('.,')}" in OUTLETS


def _ends_organisation(word: str, after_of: list[str]) -> bool:
    """Whether `word` starts a new name after an organisation's: a title, a first name, or a word after a place."""
    if not after_of or word in _COMPANY_SUFFIXES:  # "Bank of New York Co" is one company
        return False
    return word in _TITLE_STARTS or word in FIRST_NAMES or " ".join(after_of) in PLACES \
        or after_of[-1] in PLACES


def split_at_possessive(spans: list[Span]) -> list[list[Span]]:
    """ "Capel's Dennis" is Dennis of Capel: a possessive right before a name (not a title) ends a name.

    A company's name keeps its possessive ("Moody's Investors Service",
    "McDonald's Corp"), and so does one followed by a title ("Britain's
    Prime Minister ...", which the title split reads).
    """
    if len(spans) < 2 or spans[-1][2].lower() in ORG_HEADS:
        return [spans]
    for index, span in enumerate(spans[:-1]):
        if span[2].endswith(("'s", "’s")) and spans[index + 1][2].lower() not in TITLE_WORDS:
            return [spans[:index + 1], *split_at_possessive(spans[index + 1:])]
    return [spans]


#: Words a firm's name ends with besides ORG_HEADS, which a person's name never holds before a given name:
#: "Merrill Lynch Capital Markets Mario Balletto" is the firm, then its analyst.
FIRM_ENDS = ORG_HEADS | frozenset({"markets"})


def split_after_organisation(spans: list[Span]) -> list[list[Span]]:
    """ "Coffee Exporters Association Carlos Calmon": an organisation's last word before a first name ends it."""
    if len(spans) < 3:
        return [spans]
    for index in range(1, len(spans) - 1):
        if spans[index][2].lower() in FIRM_ENDS and spans[index + 1][2].lower() in FIRST_NAMES \
                and spans[index + 1][2][:1].isupper():
            return [spans[:index + 1], *split_after_organisation(spans[index + 1:])]
    return [spans]
