"""What an attribution phrase refers to, given what the article has said so far.

"he" -> the last person talked about, "Aliyev" -> "Ilham Aliyev", "the
senator" -> the last senator, "the source" -> the last anonymous source,
"the company" -> the company last named, "the memo" -> whoever wrote it.
New names and descriptions become new entities in the registry.

This module reads the phrase and its names; a description without a name
is resolved in described_speakers.py, and what an appositive says about
the speaker (title, affiliation) is read in appositives.py.
"""

from __future__ import annotations

import re

from loaders.extract.appositives import _apply_appositive, _kind_of_description, _title_from_description
from loaders.extract.cues import with_capitals
from loaders.extract.described_speakers import _all_capitalised, _outlet_named, _resolve_description
from loaders.extract.descriptions import DETERMINERS, is_anonymous_description, titles_then_name
from loaders.extract.entities import Entity, Position
from loaders.extract.lexicon import (
    FIRST_NAMES,
    GENERIC_BODIES,
    NAME_PARTICLES,
    NUMBER_WORDS,
    ORG_HEADS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    TITLE_HEADS,
    TITLE_WORDS,
)
from loaders.extract.name_kinds import OUTLET_NAME_ENDS, classify_name
from loaders.extract.nicknames import nicknamed_person
from loaders.extract.places import CANADIAN_PROVINCES, US_STATE_ABBREVIATIONS, US_STATES
from loaders.extract.registry import Registry
from loaders.extract.runs import FIRM_ENDS
from loaders.extract.subject_edges import job_holder, named_before_description, without_time_lead
from loaders.extract.titled_names import SURNAMES_TOO, parse_named_phrase, particle_name

_PRONOUN_GENDER = {"he": "m", "she": "f"}
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
    if lowered in GENERIC_BODIES:
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
