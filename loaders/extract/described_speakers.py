"""Who a description refers to, when no name is given: "the senator", "the company", "the memo".

speakers.py reads names and hands descriptions here. A description is
resolved by its head noun against what the article has said so far (the
last senator, the company that spoke last, whoever wrote the memo), and
becomes a new anonymous source, body or outlet when nothing fits: a job
apart from parsing a name, with its own word lists. Outlets named with a
paper's noun ("the daily Gunes", "the Kyodo news agency") are read here
too, since the noun is what says they are outlets.
"""

from __future__ import annotations

import re

from loaders.extract.descriptions import DETERMINERS, affiliation_of, description_head, is_tally, person_noun
from loaders.extract.entities import Entity, Position
from loaders.extract.lexicon import (ANONYMOUS_HEADS, COMPANY_ONLY_NOUNS, DEMONYMS, DOCUMENT_NOUNS, FIRST_NAMES, ORG_NOUNS, OUTLET_NOUNS,
                                     TITLE_HEADS)
from loaders.extract.name_kinds import classify_name
from loaders.extract.registry import Registry
from loaders.extract.subjects import WORD_LIMIT, not_a_subject

_TITLE_ALIASES = {"senator": ("senator", "sen."), "representative": ("rep.", "representative"),
                  "governor": ("governor", "gov."), "general": ("general", "gen."),
                  "professor": ("professor", "prof."), "doctor": ("dr.", "doctor")}
_CORPORATE_NOUNS = frozenset({
    "company", "firm", "group", "airline", "carrier", "bank", "retailer", "maker", "manufacturer", "insurer",
    "operator", "utility", "lab", "laboratory", "fund", "trust", "subsidiary", "unit", "corporation",
    "conglomerate", "startup", "start-up", "chain", "producer", "exporter", "lender", "brokerage", "automaker",
    "carmaker", "chipmaker", "refiner", "miner", "developer", "publisher", "broadcaster", "club", "team",
    "exchange", "partnership", "supplier", "distributor", "giant", "business", "agency",
})


def _all_capitalised(words: list[str]) -> bool:
    return all(word[:1].isupper() or word.lower() in _NAME_LINKS for word in words)


#: Lower-case words inside a body's name: "the Bank of Japan", "the Jornal do Brasil", "the Corriere della Sera".
_NAME_LINKS = frozenset({"of", "for", "and", "on", "de", "du", "do", "da", "dos", "das", "del", "della", "di", "des"})


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
        return _unnamed(who, head, position, registry, bare_definite, body)
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
            companies_only = head in COMPANY_ONLY_NOUNS  # "the company" is no union; "the group" may be
            earlier = registry.last_cited_company(position, companies_only) or registry.last_matching(
                position, ("organization",), corporate=True, companies_only=companies_only)
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
        return _unnamed(who, head, position, registry, bare_definite, body)
    return None


def _unnamed(who: str, head: str, position: Position, registry: Registry, bare_definite: bool,
             body: str | None) -> Entity:
    """An unnamed source so described: "the official" is the one described before, if any; else a new
    one, of the body its description names ("a Ministry of Finance official") or implies ("U.S. officials")."""
    if bare_definite:
        earlier = registry.last_matching(position, ("anonymous",), head=head)
        if earlier is not None:
            return earlier
    entity = registry.entity(who, "anonymous", position)
    entity.head = head
    entity.affiliation = entity.affiliation or body or affiliation_of(who)
    return entity
