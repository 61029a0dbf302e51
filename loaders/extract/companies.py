"""Companies told apart once the article is read: "Citicorp said" is no person, "Newmont Gold" no second source.

A lone capitalised word before a cue reads as a surname, and wire copy names
most companies so after the first mention. About one in twenty such "people"
in Reuters copy was a company. No list of companies could keep up; the article
itself tells: the same word with a company's suffix ("Texaco Inc"), in a
ticker's marks ("<TEXACO INC>"), as the short form defined in parentheses
("Den Norske Stats Oljeselskap (Statoil)"), in the headline before a ticker
("CITICORP <CCI> RAISES PRIME"), or a word that ends as only companies' do.

A company cited by its full name and by a short one ("Newmont Gold Corp",
"Newmont Gold"; "Federal Trade Commission", "FTC") is one source.

Both run once per article on the few sources left at the end, so the regex
built here costs nothing beside the pass itself.
"""

from __future__ import annotations

from loaders.extract.entities import Entity
from loaders.extract.lexicon import FIRST_NAMES, KNOWN_PLACES, NAME_PARTICLES, ORG_HEADS, TITLE_WORDS

#: Endings no surname has, that companies' coined names do: Citicorp, Statoil, Petrobras, Eurostat.
_COMPANY_ENDINGS = ("corp", "oil", "bank", "bras", "stat", "aco", "oco", "tron", "chem", "trustco")
#: What follows a company's name, written out: "Texaco Inc", "Rexnord Inc's", "KELLOGG CO" in a headline.
_SUFFIXES = tuple(f"{possessive} {suffix}" for possessive in ("", "'s") for suffix in (
    "Corp", "Corporation", "Inc", "Co", "Cos", "Ltd", "Plc", "PLC", "AG", "SA", "NV", "BV", "SpA", "Spa", "GmbH",
    "Group", "Bancorp", "Holdings", "Industries", "International", "Petroleum", "Oil", "Bank"))
_SUFFIXES_UPPER = tuple(suffix.upper() for suffix in _SUFFIXES)


#: Currencies, which wire copy capitalises ("the U.S. Dollar") and which speak for nobody.
_CURRENCIES = frozenset({"dollar", "dollars", "yen", "sterling", "franc", "francs", "lira", "peso", "pesos", "ecu",
                         "rupee", "rand", "guilder", "guilders", "schilling", "crown", "crowns"})


def retype_companies(entities: list[Entity], written: list[str], headline: str | None,
                     speakers: frozenset[int] = frozenset()) -> None:
    """Each cited untitled person of `entities`, of one word or opening with no given name ("Atlantic
    Richfield said"), the article shows to be a company becomes one.

    A name of several words is a company's when no given name opens it and
    its last word ends as only companies' do ("Standard Trustco") or a word
    after its first is an organisation's ("Qintex Ltd of Brisbane"). A
    currency ("U.S. Dollar") is no source at all, unless a quote is given to
    it (`speakers`: the ids of the entities quotes are given to).
    """
    unsure = []
    for entity in entities:
        if entity.kind not in ("person", "unknown", "organization") or entity.title:
            continue
        last = entity.name.rsplit(None, 1)[-1].lower()
        if last in _CURRENCIES and id(entity) not in speakers:
            entity.cited = False
        elif entity.kind == "organization":
            continue
        elif " " not in entity.name:
            if entity.name.isalpha() and entity.name[:1].isupper():
                unsure.append(entity)
        elif last.endswith(_COMPANY_ENDINGS) and entity.name.split(None, 1)[0].lower() not in FIRST_NAMES \
                or _company_words(entity.name.split()):
            entity.kind = "organization"
        elif entity.name.split(None, 1)[0].lower() not in FIRST_NAMES:
            if _named_in_full_again(entity):
                entity.kind = "organization"  # "Bear Stearns handled the trade ... Bear Stearns would not comment"
            else:
                unsure.append(entity)  # "Diamond Shamrock", "Peat Marwick": the article may write it as a company's
    if not unsure:
        return
    body = None
    for entity in unsure:
        name = entity.name
        if name.lower().endswith(_COMPANY_ENDINGS):
            entity.kind = "organization"
            continue
        if body is None:
            body = "\n".join(written)
        if _named_as_company(name, body) or (headline and _named_as_company(name.upper(), headline)):
            entity.kind = "organization"


#: The words a company's full name adds to the short one it goes by: "Newmont Gold (Corp)", "GTE (Corp)".
_JOINERS = frozenset({"of", "for", "and", "&", "the", "de"})
_FULL_NAME_WORDS = frozenset({"corp", "corp.", "inc", "inc.", "co", "co.", "cos", "ltd", "ltd.", "plc", "ag", "sa", "nv",
                              "group", "holdings", "spa", "bv", "a/s", "lp", "pty"})
#: A trade's word, which wire copy drops with the suffix after the first mention: "Echo Bay Mines Ltd",
#: then "Echo Bay"; "Iowa Beef Processors Inc", then "Iowa Beef". One at most, and two words left (or
#: initials: "HRE Properties", "HRE"), so "American International Petroleum Corp" claims no "American".
_TRADE_WORDS = frozenset({"resources", "mines", "mining", "minerals", "industries", "petroleum", "utilities",
                          "processors", "properties", "laboratories", "engineering", "associates", "enterprises",
                          "metals", "chemicals", "electronics", "explorations", "exploration", "energy"})


def merge_short_forms(entities: list[Entity], named: list[Entity] = ()) -> None:
    """ "Newmont Gold Corp said ...", then "Newmont Gold said": one source, listed by its full name;
    "the Federal Trade Commission said ...", then "the FTC said": the same, by its initials;
    "Royal Bank of Canada said ...", then "Royal Bank said": the same, without where it is;
    "National Self Storage said ...", then "National Self, a developer ..., said": the same, though the
    full name, capitalised words and no given name, read as a person's (`_extends_a_company`).

    The short form is cited as no source of its own; its mentions go to the
    full name, and so do the quotes given to it (`Entity.merged_into`). Left
    alone when two full names could claim it ("BASF AG" and "BASF Corp" are
    parent and unit) or when it is a place's name ("Wisconsin" beside
    "Wisconsin Corp"). `named` are all the article's entities, cited or not:
    initials that open several names ("BHP Minerals", "BHP Petroleum Pty Ltd")
    are the parent's, none unit's.
    """
    companies = [entity for entity in entities
                 if entity.kind in ("organization", "outlet") and " " in entity.name and entity.cited]
    if not companies:
        return
    by_name = {entity.name: entity for entity in entities if entity.cited}
    claimed: dict[str, list[Entity]] = {}
    for entity in entities:
        if (short := _extends_a_company(entity, by_name)) is not None:
            entity.kind = "organization"
            companies.append(entity)
            claimed.setdefault(short, []).append(entity)
    acronyms = {entity.name for entity in entities if entity.name.isupper() and entity.name.isalpha()
                and len(entity.name) > 1 and entity.kind == "organization"}
    for entity in companies:
        words = entity.name.split()
        trade = False
        for cut in range(len(words) - 1, 0, -1):
            if words[cut].lower() not in _FULL_NAME_WORDS:
                if trade or words[cut].lower() not in _TRADE_WORDS:
                    break
                trade = True  # "Echo Bay Mines Ltd", "Echo Bay"
            short = " ".join(words[:cut])
            if short in by_name and (not trade or cut >= 2 or short.isupper()):
                claimed.setdefault(short, []).append(entity)
        if " of " in entity.name and (where := entity.name.rsplit(" of ", 1))[1].lower() in KNOWN_PLACES \
                and where[0] in by_name and " " in where[0]:
            claimed.setdefault(where[0], []).append(entity)  # "Royal Bank", after "Royal Bank of Canada"
        if acronyms and (acronym := _initials(words)) in acronyms:
            claimed.setdefault(acronym, []).append(entity)  # "National Soybean Processors Association", "NSPA"
        elif acronyms and words[0] in acronyms and _goes_by_its_first_word(words) \
                and entity not in claimed.get(words[0], ()) and _opens_one_name(words[0], named):
            claimed.setdefault(words[0], []).append(entity)  # "KLM Royal Dutch Airlines", "KLM"
    openings = None
    for entity in companies:
        if " and " in entity.name and openings is None:
            openings = {" ".join(other.name.split()[:length]) for other in named for length in (1, 2)}
        for short in _before_its_and(entity.name, openings) if " and " in entity.name else ():
            if short in by_name and short not in claimed:
                claimed[short] = [entity]  # "American Savings", after "American Savings and Loan Association"
    for short, full in claimed.items():
        entity = by_name[short]
        if len(full) > 1 or entity.kind not in ("organization", "person", "unknown") or entity.title \
                or short.lower() in KNOWN_PLACES or entity is full[0]:
            continue
        for mention in entity.mentions:
            full[0].add_mention(*mention)
        full[0].mentions.sort()
        entity.cited = False
        entity.merged_into = full[0]  # its quotes are the full name's too


def _named_in_full_again(entity: Entity) -> bool:
    """Whether a "person" of several words, no given name opening it, is written out in full at every
    mention, twice or more: wire copy calls a person by surname after the first mention, a firm by
    its name ("Bear Stearns", "Warburg Pincus", "Jardine Fleming"). Not one with initials ("F.C.
    Beatty"), a particle ("Van der Vorm"), an affiliation or a pronoun's gender."""
    first = entity.name.split(None, 1)[0]
    return len(entity.mentions) >= 2 and not entity.gender and not entity.affiliation and "." not in first \
        and first.lower() not in NAME_PARTICLES and all(mention[3] == entity.name for mention in entity.mentions)


def _extends_a_company(entity: Entity, by_name: dict[str, Entity]) -> str | None:
    """The cited company's name that opens a cited "person's" of more words, untitled, that no given
    name opens: its words after are a trade's ("National Self Storage" after "National Self"), no
    surname. A few dictionary look-ups an entity."""
    if not entity.cited or entity.kind not in ("person", "unknown") or entity.title or entity.affiliation:
        return None
    words = entity.name.split()
    if len(words) < 3 or words[0].lower() in FIRST_NAMES:
        return None
    for cut in range(len(words) - 1, 1, -1):
        short = by_name.get(" ".join(words[:cut]))
        if short is not None and short.kind == "organization" and not short.title:
            return short.name
    return None


def _before_its_and(name: str, openings: set[str]) -> list[str]:
    """ "American Savings", "Virginia Federal" of "(Financial Corp of America's) American Savings and Loan
    Association", "Virginia Federal Savings and Loan Association": the first words before a firm's "and",
    which wire copy calls it by after the first mention. Two words at least (not "Procter" of "Procter
    and Gamble"); none where the words after the "and" open another firm's name ("Virginia Federal and
    Montrose Capital", read as one): two firms joined, each called by its own. `openings`: the first
    word and the first two of every name the article holds."""
    own = name[name.rfind("'s ") + 3:] if "'s " in name else name
    before, _, after = own.partition(" and ")
    words, following = before.split(), " ".join(after.split()[:2])
    if len(words) < 2 or following in openings:
        return []
    return [" ".join(words[:cut]) for cut in range(len(words), 1, -1)]


def _goes_by_its_first_word(words: list[str]) -> bool:
    """ "KLM Royal Dutch Airlines" goes by "KLM": initials opening a company's name that ends with an
    organisation's word. Not "IBM Japan Ltd", a unit of IBM named for where it works."""
    return len(words) > 2 and words[-1].lower() in ORG_HEADS and not any(
        word.lower() in KNOWN_PLACES for word in words[1:])


def _opens_one_name(acronym: str, named: list[Entity]) -> bool:
    """Whether a single organisation's name of several words opens with `acronym`."""
    prefix = acronym + " "
    return sum(1 for entity in named if entity.kind in ("organization", "outlet")
               and entity.name.startswith(prefix)) <= 1


def _initials(words: list[str]) -> str:
    """ "Organisation for Economic Cooperation and Development" -> "OECD": its words' capitals, joiners aside."""
    return "".join(word[0] for word in words if word.lower() not in _JOINERS).upper()


def _company_words(words: list[str]) -> bool:
    """ "Qintex Ltd of Brisbane", "National Bank of Chicago Tokyo Branch": an organisation's word after
    the first, in a run of capitalised words holding no given name and no title (not "Canal Commission
    Administrator Dennis McAuliffe", "chairman of the House Agriculture subcommittee")."""
    if not any(word.lower() in ORG_HEADS for word in words[1:]):
        return False
    return all((word[:1].isupper() or word in _JOINERS) and word.lower() not in FIRST_NAMES
               and word.lower() not in TITLE_WORDS for word in words)


def _named_as_company(name: str, text: str) -> bool:
    """Whether `text` writes `name` as a company's: with a suffix, in ticker marks, or defined in parentheses.

    String searches only, no regex: a pattern built for each name was compiled
    anew for each, two per cent of the whole extraction's time.
    """
    at = text.find(name)
    if at < 0:
        return False  # the usual case
    if f"({name})" in text or f"<{name}" in text or f"{name} <" in text:
        return True
    suffixes = _SUFFIXES_UPPER if name.isupper() else _SUFFIXES
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")) and text.startswith(suffixes, end):
            for suffix in suffixes:  # "Corp" is no whole word of "Corporation": each suffix that fits is tried
                after = end + len(suffix)
                if text.startswith(suffix, end) and (after == len(text) or not text[after].isalnum()):
                    return True
        at = text.find(name, end)
    return False
