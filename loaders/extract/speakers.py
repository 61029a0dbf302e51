"""What an attribution phrase refers to, given what the article has said so far.

"he" -> the last person talked about, "Aliyev" -> "Ilham Aliyev", "the
senator" -> the last senator, "the source" -> the last anonymous source,
"the company" -> the company last named, "the memo" -> whoever wrote it.
New names and descriptions become new entities in the registry.
"""

from __future__ import annotations

import re

from loaders.extract.cues import with_capitals
from loaders.extract.descriptions import (
    DETERMINERS,
    without_visiting,
    affiliation_of,
    description_head,
    is_tally,
    is_anonymous_description,
    person_noun,
    titles_then_name,
)
from loaders.extract.lexicon import (
    ANONYMOUS_HEADS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    FIRST_NAMES,
    NAME_PARTICLES,
    NUMBER_WORDS,
    ORG_HEADS,
    ORG_NOUNS,
    OUTLET_NOUNS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    TITLE_HEADS,
    TITLE_WORDS,
)
from loaders.extract.names import OUTLET_NAME_ENDS, SURNAMES_TOO, classify_name, parse_named_phrase, particle_name
from loaders.extract.nicknames import nicknamed_person
from loaders.extract.phrases import WORD_LIMIT, not_a_subject
from loaders.extract.places import CANADIAN_PROVINCES, US_STATE_ABBREVIATIONS, US_STATES
from loaders.extract.registry import Entity, Position, Registry
from loaders.extract.runs import FIRM_ENDS
from loaders.extract.subject_edges import job_holder, named_before_description, transcript_speaker, without_time_lead

_TITLE_ALIASES = {"senator": ("senator", "sen."), "representative": ("rep.", "representative"),
                  "governor": ("governor", "gov."), "general": ("general", "gen."),
                  "professor": ("professor", "prof."), "doctor": ("dr.", "doctor")}
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_CORPORATE_NOUNS = frozenset({
    "company", "firm", "group", "airline", "carrier", "bank", "retailer", "maker", "manufacturer", "insurer",
    "operator", "utility", "lab", "laboratory", "fund", "trust", "subsidiary", "unit", "corporation",
    "conglomerate", "startup", "start-up", "chain", "producer", "exporter", "lender", "brokerage", "automaker",
    "carmaker", "chipmaker", "refiner", "miner", "developer", "publisher", "broadcaster", "club", "team",
    "exchange", "partnership", "supplier", "distributor", "giant", "business", "agency",
})
_DATA_FROM = re.compile(
    with_capitals(r"(?:[\w'’-]+\s+){0,3}?(?:data|figures|statistics|estimates|numbers|survey|results|report|statement|"
    r"study|forecast|forecasts|projections)\s+(?:from|by|of|(?:published|released|received|compiled|issued|"
    r"provided|supplied|prepared|gathered|collected)(?:\s+in\s+an?\s+[\w-]+(?:\s+[\w-]+)?)?\s+by)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w.'’&-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w.'’&-]*){0,6})"
    # "a statement by Ferruzzi released by its Brussels office": how it came out, not who made it
    r"(?:,?\s+(?:released|issued|published|sent|distributed|circulated|posted|made)\b[^,;:]*?,?)?\s*$")
)
_WRITTEN_BY = re.compile(r"(?:written|signed|authored|drafted|sent|issued|prepared|compiled|posted|penned)\s+by\s+"
                         r"(?P<who>.+)$")
_FIRM_OF_TWO = re.compile(with_capitals(r"([A-Z][\w'’.-]*) (?:and|&) ([A-Z][\w'’.-]*)"))
#: French, Spanish, Italian and Portuguese copy ends a name at its prepositions too, those that no
#: name holds: "a déclaré Emmanuel Macron à Paris" was a quote of Paris, "dijo Pedro Sánchez en
#: Madrid" one of Madrid ("de", "da", "del" are names' particles: "Luiz Inácio Lula da Silva").
_NAME_TAIL = re.compile(r"\s(?:in|at|on|to|from|with|during|after|before|for|of"
                        r"|à|au|aux|en|em|dans|depuis|lors|pendant|durante|desde|tras|dopo|presso)\s")


def resolve_who(who: str, position: Position, registry: Registry) -> Entity | None:
    """The entity an attribution phrase refers to; created when it is new. None when it cannot be told.

    The phrase becomes a mention of the entity, with its offsets, unless it
    is a pronoun: "delegates said" and "the company said" are where a
    fact-checker finds the source cited.
    """
    # A quotation mark or comma at an edge is the quote's, not the name's: '" Singer said'.
    stripped = who.strip(_EDGES)
    start = position[1] + len(who) - len(who.lstrip(_EDGES))
    if stripped.startswith(("ex-", "Ex-")) and stripped[3:4].isupper():
        stripped, start = stripped[3:], start + 3  # "ex-President Jair Bolsonaro": the title and name after
    if " " in stripped:
        stripped, start = without_time_lead(stripped, start)  # "Earlier the bank said": when, not who
    who, position = stripped, (position[0], start)
    paper = _PAPER_THEN_NAME.match(who) if " " in who else None
    if paper is not None and (outlet := _outlet_named(paper.group("name"), position, registry)) is not None:
        return outlet  # "said the daily Gunes", "the newspaper Le Monde reported": the paper so named
    body = _BODY_THEN_NAME.match(who) if paper is None and " " in who and any(
        noun in who for noun in _BODY_NAME_NOUNS) else None
    if body is not None and classify_name(body.group("name")) not in ("place", "person"):
        # "the official planning agency CPB said", "the state grain buying agency EPAC": the body so named
        entity = _resolve_name(body.group("name"), (position[0], position[1] + body.start("name")), registry)
        if entity is not None and entity.kind in ("organization", "person", "unknown"):
            entity.kind = "organization"
            return entity
    named = named_before_description(who, position, registry)
    if named is not None:
        return named  # "X, vice-president of Y, an association of ..., said"
    if _address_part(who.split(",", 1)[0], position, registry):
        return None
    if stripped[:1].isupper():
        # "Smith Barney and Co Inc said": the clause was cut at "and", the name was not.
        entity = registry.name_around(position[0], start, start + len(stripped)) \
            or _body_cut_before_where(stripped, position[0], start, registry)
        if entity is not None:
            return entity
    if ") " in stripped and (nicknamed := nicknamed_person(stripped, position[0], start, registry)) is not None:
        return nicknamed  # "Commissioner James E. (Jim) Nugent": the name read around its nickname (nicknames.py)
    entity = registry.person_ending(position[0], start, start + len(stripped)) \
        if " of " in stripped or " to " in stripped or " for " in stripped else None  # "Ambassador to the UN Linda Thomas-Greenfield"
    if " of " in stripped and stripped[:1].islower():
        holder = job_holder(stripped, entity, position, registry)
        if holder is not None:
            return holder  # "chairman of the negotiating conference Manaspas Xuto of Thailand said"
    if entity is not None:
        before_name = stripped[:len(stripped) - len(entity.name)]
        if _AFTER_ORGANISATION.search(before_name) and entity.name.split()[0].lower() in FIRST_NAMES:
            if not entity.title and not entity.affiliation:
                _apply_appositive(entity, before_name.strip())  # his job there, as if set off by commas
            return entity  # "The president of the Coffee Exporters Association Carlos Calmon said"
        before_name = before_name.strip().rstrip(",").rstrip()  # "..., Yechiel Leiter": the name set off
        if entity.title and before_name.endswith(entity.title) and _serves_at(
                before_name[:-len(entity.title)].split()):
            # "Minister of Finance Edouard Balladur said": his title, then his name; "U.K. Chancellor of
            # the Exchequer Nigel Lawson said": where he serves, then his title.
            return entity
    entity = _resolve(who, position, registry)
    if entity is not None:
        _record_mention(entity, who, position, registry)
    return entity


def _serves_at(words: list[str]) -> bool:
    """Whether the words before a title name where its holder serves ("U.K.", "Bank of Japan"), not
    another person ("William Sullivan of" before "Dean Witter Reynolds") or a clause ("..., after talks with")."""
    if words and words[0].lower() == "the":
        words = words[1:]  # "the Minister of Finance Edouard Balladur": the article is the title's
    return all(word[:1].isupper() or word in ("of", "the", "and", "for") for word in words) and (
        not words or words[-1] not in ("of", "the", "and", "for"))


_EDGES = " \t\n,\"“”"
#: A paper's noun, then its name: "the daily Gunes", "the influential newspaper Asahi Shimbun".
_PAPER_THEN_NAME = re.compile(with_capitals(
    r"(?:[Tt]he\s+)?(?:[a-z-]+\s+){0,3}(?:daily|newspaper|weekly|magazine|paper|tabloid|news\s+agency|broadcaster)\s+"
    r"(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|de|do|da|del|della|di|du|des|la|le))*)$"))
#: A body's noun in lower case, then its name: "the official planning agency CPB", "Saudi state agency Petromin".
_BODY_THEN_NAME = re.compile(with_capitals(
    r"(?:[Tt]he\s+)?(?:[\w-]+\s+){0,4}?(?:agency|institute|board|authority|organisation|organization)\s+"
    r"(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|de|of|and|for))*)$"))
_BODY_NAME_NOUNS = ("agency ", "institute ", "board ", "authority ", "organisation ", "organization ")
#: An organisation's last word right before a name: "... Coffee Trade Association Carlos Calmon".
_AFTER_ORGANISATION = re.compile(r"\b(?:" + "|".join(sorted(
    (re.escape(head) for head in FIRM_ENDS if head.isalpha() and len(head) > 3), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE)
#: "a Providence, R.I., surgeon", "a trader in Sioux City, Iowa said": the state after a town is an address.
_TOWN_BEFORE = re.compile(with_capitals(r"[A-Z][\w.'’-]*,\s*$"))
#: States that stand for a government as often ("Washington said", "New York said").
_STATES_SPEAKING = frozenset({"washington", "new york"})


def _address_part(who: str, position: Position, registry: Registry) -> bool:
    """Whether `who` is a state written as part of an address, which never speaks for itself."""
    if not who[:1].isupper():
        return False
    lowered = who.strip().lower()
    if lowered in US_STATE_ABBREVIATIONS:
        return True
    if lowered not in US_STATES and lowered not in CANADIAN_PROVINCES or lowered in _STATES_SPEAKING:
        return False
    paragraph = registry.body[position[0]] if position[0] < len(registry.body) else ""
    return _TOWN_BEFORE.search(paragraph, max(0, position[1] - 40), position[1]) is not None


_NOT_MENTIONS = PRONOUNS_PERSON | PRONOUNS_PLURAL | {"one", "another", "the other", "a second", "one of them", "it"}


def _record_mention(entity: Entity, who: str, position: Position, registry: Registry) -> None:
    """The part of `who` that names the entity: its name if written out, else the phrase before any comma."""
    at = who.lower().find(entity.name.lower())
    if at == 4 and entity.kind == "anonymous" and who[:4].lower() == "the ":
        # "The Bank of Japan sources" again, after "Bank of Japan sources": the phrase is its mention
        start, end = 0, len(entity.name) + 4
    elif at >= 0:
        start, end = at, at + len(entity.name)
    else:
        phrase = who.split(",", 1)[0]
        start, end = len(phrase) - len(phrase.lstrip()), len(phrase.rstrip())
    text = who[start:end]
    if text and text.lower() not in _NOT_MENTIONS:
        registry.mention(entity, position[0], position[1] + start, text)


_GENERIC_BODIES = frozenset({"company", "group", "firm", "corporation"})
#: What a lawmaker is called after his name: "the Washington Democrat", "the Kansas Republican".
_PARTY_MEMBERS = frozenset({"democrat", "republican"})
_LEADING_AGE = re.compile(r"^\d{1,3}(?:\s*,|$)")


def _first_clause_comma(who: str) -> int:
    """The first comma that sets off an appositive (-1 if none): "1,200,000 farmers" holds none."""
    comma = who.find(",")
    while comma > 0 and who[comma - 1:comma].isdigit() and who[comma + 1:comma + 2].isdigit():
        comma = who.find(",", comma + 1)
    return comma


def _resolve(who: str, position: Position, registry: Registry) -> Entity | None:
    who = who.strip().strip(",").strip()
    if not who:
        return None
    appositive = None
    comma = _first_clause_comma(who) if "," in who else -1
    if comma >= 0:
        who, appositive = who[:comma].strip(), who[comma + 1:].strip()
        appositive = _LEADING_AGE.sub("", appositive.rstrip(",")).strip() or None  # "54, a union leader"
        if not who:
            return None
    if appositive:
        author = _WRITTEN_BY.match(appositive)
        if author:
            # "the memo, written by a senior civil servant, says": the writer speaks.
            return _resolve(author.group("who"), position, registry)
    lowered = who.lower()
    if lowered in _GENERIC_BODIES:
        # "Company said" in an earnings note: the company of the story, as "the company said" would be.
        return _resolve_description("the " + lowered, position, registry)
    if lowered.startswith("whose "):
        return None  # "the Network, whose members confirmed it": the clause's subject is the Network's
    if lowered in PRONOUNS_PERSON:
        person = registry.last_person(position, _PRONOUN_GENDER[lowered])
        if person is not None and person.gender is None:
            person.gender = _PRONOUN_GENDER[lowered]
        return person
    if lowered in PRONOUNS_PLURAL:
        return registry.last_matching(position, ("anonymous", "organization", "outlet"))
    if lowered in ("one", "another", "the other", "a second", "one of them"):
        # "said one": one of the sources just mentioned.
        return registry.last_matching(position, ("anonymous",))
    if lowered in ("i", "we", "it", "you", "this", "that", "which", "who"):
        if lowered != "it":
            return None
        # "NP Energy Corp said the Bankruptcy Court will appoint a trustee. It said": the body that spoke last,
        # not the last one named; else the last one named.
        return registry.last_cited(position, ("organization", "outlet")) or registry.last_matching(
            position, ("organization", "outlet"))
    if " " not in who and (who[:1].isupper() or particle_name(who)):
        # "Singer said" after "analyst Brian Singer": a surname, even one that is also a noun ("el-Sisi
        # said" after "Abdel Fattah el-Sisi": a surname its Arabic particle opens in lower case);
        # "Leader said" after Leader Development Corp: the company, though "leader" is a title.
        known = registry.by_surname(who, position) or (
            registry.containing(who, position) if who.lower() in TITLE_WORDS else None)
        if known is not None:
            return known
    words = who.split()
    first = words[0].lower()
    if appositive and (first in DETERMINERS or who[:1].islower() or words[-1].islower() or (
            first in TITLE_WORDS and " " in appositive and all(word[:1].isupper() for word in appositive.split())
    )) and appositive[:1].isupper():
        # "a Pentagon spokeswoman, Lt. Col. Dana Ruiz": the name in apposition is the speaker.
        named = parse_named_phrase(appositive)
        if named is not None and classify_name(named[0]) in ("person", "unknown", "organization", "outlet"):
            entity = _resolve_name(appositive, position, registry)
            if entity is not None:
                _title_from_description(entity, who)
                return entity
    # _DATA_FROM's link word ("from", "by", "of") is in the phrase, or it cannot match: most names are spared the scan.
    source_of_data = _DATA_FROM.match(who) if "by" in who or "of" in who or "from" in who else None
    if source_of_data:
        # "preliminary data from the Federal Statistics Office" -> the office.
        return _resolve_organisation_name(source_of_data.group("name"), who, position, registry)
    if titles_then_name(words):
        # "economist Jonas Weber of Commerzbank", "chief executive Olivia Brandt": lower-case titles before a name.
        named = _resolve_name(who, position, registry)
        if named is not None:
            return named
    if first in ("the", "its", "their") and len(words) > 3 and words[1].endswith(("'s", "’s")) and \
            titles_then_name(words[2:]):
        # "the company's commercial director Arthur de Carvalho": the titled person, not the company
        named = _resolve_name(" ".join(words[2:]), position, registry)
        if named is not None:
            return named
    pair = _FIRM_OF_TWO.fullmatch(who) if " and " in who or " & " in who else None  # the pair's link, or no match
    if pair is not None and (len(pair.group(1)) == 1 or pair.group(1) == pair.group(2)):
        # "S and P said", "Johnson and Johnson said": a firm, as no person is named so
        return _resolve_organisation_name(who, who, position, registry)
    if who[:1].isdigit() and not first.isdigit() and first.isalnum() and _all_capitalised(words[1:]) \
            and (len(words) > 1 or first[-1:].isupper()):
        # "1st Source Corp said", "3Com said": a company whose name opens with a number, no unnamed
        # "source" and no count
        entity = _resolve_organisation_name(who, who, position, registry)
    elif first == "the" and len(words) > 1 and words[-1].lower() in _PARTY_MEMBERS and (
            person := registry.last_person(position)) is not None:
        return person  # '"...," the Washington Democrat said': the lawmaker just named, as "he" would be
    elif first == "the" and len(words) > 1 and words[1][:1].isupper() and _all_capitalised(words[1:]) \
            and words[-1].lower() not in TITLE_HEADS and words[-1].lower() not in _MEMBERS_CAPITALISED:
        entity = _resolve_organisation_name(" ".join(words[1:]), who, position, registry)
    elif (first in NAME_PARTICLES and len(words) > 1 and words[1][:1].isupper()) or particle_name(words[0]):
        entity = _resolve_name(who, position, registry)
    elif first in DETERMINERS or not who[:1].isupper() or is_anonymous_description(lowered):
        entity = _resolve_description(who, position, registry)
    else:
        entity = _resolve_name(who, position, registry)
    if entity is not None and appositive:
        _apply_appositive(entity, appositive)
    return entity


def _body_cut_before_where(stripped: str, paragraph: int, start: int, registry: Registry) -> Entity | None:
    """ "(The) Australia and New Zealand Banking Group Ltd in New Zealand said": the clause was cut at
    the firm's "and", and where it speaks follows its name: the body whose name runs past the cut."""
    at = stripped.find(" in ")
    if at < 0 or not stripped[at + 4:at + 5].isupper():
        return None
    around = registry.name_around(paragraph, start, start + at)
    return around if around is not None and around.kind in ("organization", "outlet") and len(around.name) > at \
        else None


#: Members of a body, capitalised as its name is: "the Republican Congressmen said" are lawmakers
#: unnamed, no body called so.
_MEMBERS_CAPITALISED = frozenset({"congressmen", "congresswomen", "senators"})


def _all_capitalised(words: list[str]) -> bool:
    return all(word[:1].isupper() or word.lower() in _NAME_LINKS for word in words)


#: Lower-case words inside a body's name: "the Bank of Japan", "the Jornal do Brasil", "the Corriere della Sera".
_NAME_LINKS = frozenset({"of", "for", "and", "on", "de", "du", "do", "da", "dos", "das", "del", "della", "di", "des"})


def _resolve_organisation_name(name: str, as_written: str, position: Position, registry: Registry) -> Entity:
    """ "the Chamber", "the DOT", "the Fed": a named body, matched to a fuller name seen before."""
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    entity = registry.find(name) or registry.shortened(name, position)
    if entity is None:
        entity = registry.containing(name, position)
    if entity is None:
        kind = classify_name(name)
        entity = registry.entity(name, kind if kind in ("outlet", "organization") else "organization", position)
    if entity.kind in ("unknown", "place"):
        entity.kind = "organization"
    return entity


def _resolve_name(who: str, position: Position, registry: Registry) -> Entity | None:
    tail = _NAME_TAIL.search(who)
    affiliation_hint = None
    if tail is not None and tail.group(0).strip() in ("of", "for") and _name_goes_on(who[:tail.start()].split()):
        tail = None  # "Bank of Canada", "Secretary of State George Shultz": the name or title goes on
    elif tail is not None and tail.group(0) == " to " and who[:tail.start()].lower().endswith(" close"):
        # "Sources close to Finance Minister Edouard Balladur": they speak, not whom they are close to
        return _resolve_description(who, position, registry)
    if tail is not None:
        # "Smith of Acme Corp", "Jones at a news conference": the name stops at the preposition.
        rest = who[tail.end():].strip()
        if tail.group(0).strip() in ("of", "for", "at") and rest[:1].isupper():
            affiliation_hint = rest
        who = who[:tail.start()]
    parsed = parse_named_phrase(who)
    if parsed is None and who.strip().lower() in SURNAMES_TOO and who.strip()[:1].isupper():
        # "May said", after "Theresa May": a surname that is also a word, of someone named before
        return registry.by_surname(who.strip(), position)
    if parsed is None:
        return _resolve_description(who, position, registry)
    name, title, affiliation, gender = parsed
    handled, entity = _not_a_persons_name(who, name, title, position, registry)
    if handled:
        return entity
    if len(name.split()) > 6:
        return None
    entity = registry.find(name)
    if entity is None and " " not in name:
        entity = registry.by_surname(name, position) or registry.containing(name, position)
    elif entity is None and len(name.split()) == 2 and name.split()[0].lower() not in FIRST_NAMES:
        entity = registry.by_surname(name, position)  # "de Clercq" -> "Willy De Clercq", "Santos Alvite"
    body_kind = _kind_of_description(title) if title else None
    if body_kind is not None and (entity is None or entity.kind == "unknown") \
            and name.split()[0].lower() not in FIRST_NAMES:
        # "Brazil's state-oil company Petrobras": what the words before the name say it is
        entity = entity or registry.entity(name, body_kind, position)
        entity.kind = body_kind
        if affiliation and not entity.affiliation:
            entity.affiliation = affiliation
        return entity
    if entity is None:
        kind = classify_name(name)
        if kind == "unknown" and not title and " " not in name and registry.common_word_at(name, position):
            return None  # "Showers continued", "Press reports said": a common word, not a name
        if kind in ("unknown", "place"):
            kind = "person" if (title or " " in name or kind == "unknown") else "organization"
        entity = registry.entity(name, kind, position)
    elif entity.kind == "unknown":
        entity.kind = "person"
    elif entity.kind == "place":
        entity.kind = "organization"  # "Norway said": the country's government speaks
    if title and not entity.title:
        entity.title = title
    affiliation = affiliation or affiliation_hint
    if affiliation and not entity.affiliation and not (entity.title and f"{affiliation} " in entity.title):
        entity.affiliation = affiliation  # not "Mines" of "Energy and Mines Minister", read from "Mines Minister X"
    if gender and not entity.gender:
        entity.gender = gender
    return entity


def _not_a_persons_name(who: str, name: str, title: str | None, position: Position,
                        registry: Registry) -> tuple[bool, Entity | None]:
    """(True, what it is) when a parsed "title + name" is something else: a letter or a number
    ("Q:", "Five"), a title alone, an outlet's name, or a company's short name."""
    lowered = name.lower()
    if len(name.replace(".", "")) < 2 or lowered in NUMBER_WORDS:
        return True, None
    if lowered.rstrip(".") in TITLE_WORDS:
        # "The Finance Minister further said": a title, pointing back to whoever holds it
        return True, _resolve_description(who, position, registry)
    if title and " " not in name and lowered in OUTLET_NAME_ENDS and title[:1].isupper():
        # "Petroleum Intelligence Weekly said": title-like words open an outlet's name
        outlet = registry.find(f"{title} {name}") or registry.entity(f"{title} {name}", "outlet", position)
        outlet.kind = "outlet"
        return True, outlet
    if title and " " in who.strip():
        company = registry.shortened(who.strip(), position)  # "Security Pacific" after Security Pacific Corp
        if company is not None:
            return True, company
    return False, None


def _name_goes_on(before: list[str]) -> bool:
    """Whether "of" after these words continues an organisation's name or a title rather than ending a name."""
    return before[-1].lower() in ORG_HEADS or all(word.lower() in TITLE_WORDS for word in before)


#: A paper that is a document, not a newspaper: "a government background paper said".
_DOCUMENT_PAPER = re.compile(r"\b(?:background|white|green|discussion|research|position|working|policy|"
                             r"consultation|briefing|technical|survey|strategy|study|staff|scientific)\s+paper$")


def _outlet_named(name: str, position: Position, registry: Registry) -> Entity | None:
    """The outlet a paper's noun calls `name` ("the daily Gunes"): known by that name, or made one;
    None when the name is a place's ("the newspaper in Tokyo" never gets here, "the daily Tokyo" might)."""
    known = registry.find(name)
    if known is not None:
        if known.kind in ("unknown", "person") and not known.title:
            known.kind = "outlet"
        return known if known.kind == "outlet" else None
    if classify_name(name) == "place":
        return None
    entity = registry.entity(name, "outlet", position)
    entity.kind = "outlet"
    return entity


def _outlet_titled(words: list[str], position: Position, registry: Registry) -> Entity | None:
    """The outlet a paper's name before its noun names ("the Jornal do Brasil newspaper"); None for a word
    that only says where it is from ("the Tokyo daily", "the Soviet newspaper") or whose it is ("the
    Communist Party newspaper")."""
    start = 0
    while start < min(len(words), 3) and words[start].islower() and words[start] not in OUTLET_NOUNS:
        start += 1  # "the official Xinhua news agency", "the state-run Al-Ahram daily": what it is, then its name
    words = words[start:]
    end = 0
    while end < len(words) and (words[end][:1].isupper() or words[end] in _NAME_LINKS):
        end += 1  # the name runs up to the paper's noun: "Kyodo" of "Kyodo news agency"
    words = words[:end]
    if not words or not words[0][:1].isupper() or words[-1].lower() in _NAME_LINKS:
        return None
    name = " ".join(words)
    known = registry.find(name)
    if known is not None:
        return known if known.kind == "outlet" else None
    kind = classify_name(name)
    if kind != "outlet" and (kind != "unknown" or len(words) < 2 or words[0].lower() in DEMONYMS):
        return None
    entity = registry.entity(name, "outlet", position)
    entity.kind = "outlet"
    return entity


def _resolve_description(who: str, position: Position, registry: Registry) -> Entity | None:
    words = who.split()
    if len(words) > WORD_LIMIT + 6:
        return None
    head, qualifier = description_head(who)
    named = words[1:] if words[0] in ("a", "an", "the", "A", "An", "The") else words  # "a Bank of Japan official"
    while len(named) > 2 and named[0].islower() and named[1][:1].isupper():
        named = named[1:]  # "a senior Bank of Japan official": what kind of official, then whose
    if qualifier and words[-1] in ANONYMOUS_HEADS and qualifier.startswith("of ") and named[:1] != words[-1:] \
            and _all_capitalised([word for word in named[:-1] if word != "the" and word[:1] != "("]):
        head, qualifier = words[-1], None  # "Ministry of Finance officials": officials, of the ministry
        body = " ".join(word for word in named[:-1] if word[:1] != "(")  # "... Industry (MITI) official"
    else:
        body = None
    if is_tally(who, head) and (head in ANONYMOUS_HEADS or person_noun(head)):
        return None  # "signed by 98 MPs", "some 200 people said": a count, not a source
    lowered = who.lower()
    determiner = words[0].lower()
    bare_definite = determiner in ("the", "that", "this") and qualifier is None and len(words) <= 4
    if head in TITLE_HEADS and bare_definite:
        for alias in _TITLE_ALIASES.get(head, (head,)):
            person = registry.last_matching(position, ("person",), title_head=alias)
            if person is not None:
                return person
    document_paper = head == "paper" and _DOCUMENT_PAPER.search(lowered) is not None
    outlet_noun = (head in OUTLET_NOUNS or lowered.endswith("news agency")) and not document_paper
    outlet = registry.last_matching(position, ("outlet",)) if outlet_noun else None
    # "the agency said" in wire copy: a government agency, not the wire service that reports it
    reported_agency = head == "agency" and not lowered.endswith("news agency") and (outlet is None or outlet.wire_agency)
    if outlet_noun and not reported_agency and qualifier is None and (
            determiner == "the" or (determiner.endswith(("'s", "’s")) and words[0][:1].isupper())) \
            and (titled := _outlet_titled(words[1:], position, registry)) is not None:
        # "the Sunday Times newspaper said", "Japan's Kyodo news agency said": the paper, as its name alone would be
        return titled
    if outlet_noun and not reported_agency:
        if outlet is not None and determiner == "the":
            return outlet
        entity = registry.entity(who, "outlet", position)
        entity.head = head
        return entity
    if head in ANONYMOUS_HEADS:
        if bare_definite:
            earlier = registry.last_matching(position, ("anonymous",), head=head)
            if earlier is not None:
                return earlier
        entity = registry.entity(who, "anonymous", position)
        entity.head = head
        entity.affiliation = entity.affiliation or body or affiliation_of(who)
        return entity
    if head in DOCUMENT_NOUNS and qualifier is None and len(words) == 3 and words[1].lower() in _CORPORATE_NOUNS:
        # "a company statement said", "the bank's ... ": the company last named issued it
        issuer = registry.last_matching(position, ("organization",), corporate=True)
        if issuer is not None:
            return issuer
    if head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS or head not in TITLE_HEADS and any(
            noun in lowered for noun in (" ministry", " company", " association")):  # not "the chairman of the ... Association"
        earlier = registry.last_matching(position, ("organization",), head=head)
        if earlier is None and (head in _CORPORATE_NOUNS or head.rstrip("s") in _CORPORATE_NOUNS):
            # "the airline said": the company that spoke last, whatever it is called ("Atlantic Richfield Co
            # said it sold ... its Arco Seed Co operations. The company said": Atlantic Richfield; "In its SEC
            # filing, the firm said": the one that filed, not the stock it bought), else the company last named.
            earlier = registry.last_cited_company(position) or registry.last_matching(
                position, ("organization",), corporate=True)
        if earlier is not None and determiner == "the":
            return earlier
        entity = registry.entity(who, "organization", position)
        entity.head = head
        return entity
    if document_paper:
        # A paper issued to be cited: it speaks for itself, as it was introduced.
        entity = registry.entity(who, "organization", position)
        entity.head = head
        return entity
    if head in DOCUMENT_NOUNS:
        # "the memo said": the memo speaks for whoever was last said to write or say something,
        # else for itself, under the name it was introduced with ("A draft government report").
        earlier = registry.last_matching(position, ("organization",), head=head)
        if earlier is not None and earlier.author is not None and determiner in ("the", "that", "this", "its"):
            return earlier.author
        author = registry.last_cited(position)
        if author is not None:
            return author
        if earlier is not None and determiner in ("the", "that", "this", "its"):
            return earlier
        entity = registry.entity(who, "organization", position)
        entity.head = head
        return entity
    if head in TITLE_HEADS and determiner != "the":
        first = words[0].lower()
        if who[:1].islower() and determiner not in DETERMINERS:
            return None  # "senior vice president said": the end of a phrase cut before its name
        # "a leading Republican senator", "Emery's chairman", "U.S. Treasury assistant secretary": someone
        # described, not named ("Donna Pope" is named: a given name opens it)
        entity = registry.entity(who, "person" if first in FIRST_NAMES else "anonymous", position)
        entity.head = head
        return entity
    core_words = len(who[:len(who) - len(qualifier or "")].split())
    if core_words == 1 and not head.endswith("s") and who[:1].islower():
        return None  # a bare singular noun ("member", "spokesman") is a fragment of a longer phrase
    if (determiner in DETERMINERS or not who[:1].isupper()) and core_words <= 5 and person_noun(head) \
            and not not_a_subject(who[:len(who) - len(qualifier or "")]):
        # "one delegate", "a lobbyist for a commodity group", "traders": unnamed, so anonymous.
        if bare_definite:
            earlier = registry.last_matching(position, ("anonymous",), head=head)
            if earlier is not None:
                return earlier
        entity = registry.entity(who, "anonymous", position)
        entity.head = head
        entity.affiliation = entity.affiliation or body or affiliation_of(who)
        return entity
    return None


#: Nouns saying that a name before or after them is a body's: "the oil company Petrobras",
#: "Acme, a Chicago-based maker of widgets," (not a title a person holds).
_BODY_NOUNS = _CORPORATE_NOUNS | {"concern", "house"}


def _kind_of_description(description: str) -> str | None:
    """"organization" or "outlet" when a description's last word names a body, else None."""
    words = description.lower().replace(",", " ").split()
    if len(words) > 2 and words[-1].endswith("ed") and words[0] in ("a", "an", "the"):
        words = words[:-1]  # "a limited partnership formed (to dispose of ...)": what it is comes before
    if not words or words[-1] in TITLE_WORDS or words[-1] in TITLE_HEADS:
        return None
    if words[-1] in OUTLET_NOUNS and words[-1] != "agency":
        return "outlet"
    return "organization" if words[-1] in _BODY_NOUNS else None


#: A participle opening an appositive that tells what happened to the speaker, not who they are.
_NOT_TITLE_CLAUSE = frozenset({"asked", "contacted", "reached", "interviewed", "questioned", "speaking",
                               "commenting", "responding", "replying", "when", "while"})


#: Lower-case words after a title's "of" and what follows them: "international marketing at U.S. Wheat
#: Associates", "commodity operations", "stockbrokers Hoare Govett" (a trade, then a firm's name).
_JOB_OF = re.compile(with_capitals(
    r"(?!(?:the|a|an|his|her|its|their)\s)(?P<job>[a-z][\w'’-]*(?:\s+(?:and\s+)?[a-z][\w'’-]*){0,3}?)"
    r"(?:\s+(?:at|with|for|in|of)\s+(?P<linked>(?:the\s+)?[A-Z].*)|\s+(?P<named>[A-Z].*))?"))


def _apply_appositive(entity: Entity, appositive: str) -> None:
    """ "a spokeswoman for the ministry" -> title "spokeswoman", affiliation "the ministry"."""
    if entity.kind not in ("person", "anonymous"):
        return
    lowered = appositive.lower()
    words = lowered.split()
    if not words or words[0] not in ("a", "an", "the", "who") and not any(word in TITLE_HEADS for word in words[:4]) \
            and not (words[0] in _BODY_NOUNS and appositive[:1].islower()):  # "Norsk Hydro, operator of ..."
        return
    if words[0] in _NOT_TITLE_CLAUSE or words[0] == "who" and (
            words[1:2] not in (["is"], ["was"]) or words[2:3] in (["not"], ["named"], ["identified"])
            or words[2:3] and words[2].endswith("ed")):  # "who is reported to be opposed": no title
        # "who asked not to be named", "who declined to be identified", "who was not named", "asked for
        # comment": what they did or were asked, not a title ("asked not") and affiliation ("be named")
        return

    split = re.search(r"\s(?:for|of|at|with|to|in)\s", appositive)
    title_part = appositive[:split.start()] if split else appositive
    body_kind = _kind_of_description(title_part)
    if body_kind is not None and entity.kind == "person" and not entity.title and entity.name[:1].isupper() \
            and entity.name.split()[0].lower() not in FIRST_NAMES:
        entity.kind = body_kind  # "Acme, a Chicago-based maker of widgets, said": a company
        return
    title_words = without_visiting([word for word in title_part.split()
                                    if word.lower() not in ("a", "an", "the", "who", "is", "was", "also")])
    titled = bool(title_words) and not entity.title and len(title_words) <= 5
    if titled:
        entity.title = " ".join(title_words)
    if split and not entity.affiliation:
        rest = appositive[split.end():].strip().rstrip(".")
        if titled and rest[:1].islower() and (job := _JOB_OF.fullmatch(rest)) is not None:
            # "director of international marketing at U.S. Wheat Associates": what he directs is his
            # title's, where he does it the affiliation; "stockbrokers Hoare Govett": the firm
            if job.group("linked"):
                entity.title += f" {split.group(0).strip()} {job.group('job')}"
                rest = job.group("linked")
            elif job.group("named"):
                rest = job.group("named")
            elif job.group("job").rsplit(None, 1)[-1] not in ORG_NOUNS:
                entity.title += f" {split.group(0).strip()} {job.group('job')}"  # "chief of staff"
                rest = ""
        elif entity.title and rest and entity.title.endswith(" " + rest):
            rest = ""  # named so again: "secretary for trade and industry" has no "trade and industry" to work for
        entity.affiliation = rest or None


def _title_from_description(entity: Entity, description: str) -> None:
    """ "a Pentagon spokeswoman" -> title "spokeswoman", affiliation "Pentagon"."""
    words = [word for word in description.split() if word.lower() not in DETERMINERS]
    if not words or entity.title:
        return
    split = re.search(r"\s(?:for|of|at|with)\s", " ".join(words))
    if split:
        joined = " ".join(words)
        entity.title = joined[:split.start()]
        entity.affiliation = entity.affiliation or joined[split.end():].strip()
        return
    capitalised = [word for word in words if word[:1].isupper()]
    rest = [word for word in words if not word[:1].isupper()]
    if rest:
        entity.title = " ".join(rest)
    if capitalised and not entity.affiliation:
        joined = " ".join(capitalised)
        if joined.endswith(("’s", "'s")):
            joined = joined[:-2]
        entity.affiliation = DEMONYMS.get(joined.lower(), joined)
