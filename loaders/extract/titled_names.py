"""A run of capitalised words read as title, affiliation and name: "Azerbaijani President Ilham Aliyev".

`split_title` reads the tokens of a run names.py found; `parse_named_phrase`
reads a phrase a cue's subject gave ("James Capel and Co analyst Tom
Murtha"). Both peel the title words (typed wrong too: "Secertary") and the
body before them off the name, and keep the words that are names as well
("Will Hutton", "Theresa May"). Kept apart from names.py, which scans
paragraphs for runs: these rules read the words of one phrase, and
speakers.py and phrases.py use them on phrases that were never scanned.
"""

from __future__ import annotations

from loaders.extract.descriptions import body_before_title, without_visiting
from loaders.extract.lexicon import (
    DEMONYMS,
    FIRST_NAMES,
    GENDER_OF_TITLE,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAME_WORDS,
    ORG_HEADS,
    TITLE_WORDS,
)
from loaders.extract.name_kinds import classify_name, month_opens_company
from loaders.extract.portfolios import PORTFOLIOS

#: The title words a capitalised run is read with: also "Affairs", which ends a minister's portfolio ("Minister
#: of Foreign Affairs Hans van den Broek") but no description's head ("manager of government affairs at Texaco").
_TITLES = TITLE_WORDS | {"affairs"}
_TITLE_JOINERS = frozenset({"of", "for", "the"})  # inside a title: "Secretary of State"
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


def _surname_too(words: list[str]) -> bool:
    """ "Theresa May": a surname after a first name. "in May", "Brent May" (a contract month) stay out.
    "Brian Singer": a title's word, after a given name the lexicon knows ("British Chancellor" stays a title)."""
    if len(words) < 2 or not _name_word(words[-2]):
        return False
    last = words[-1].lower().rstrip(".,")
    if last not in SURNAMES_TOO and (last not in _TITLE_SURNAMES or words[-2].lower() not in FIRST_NAMES):
        return False
    return classify_name(" ".join(words[:-1])) in ("person", "unknown")


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
