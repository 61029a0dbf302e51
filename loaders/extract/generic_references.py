""" "The company said" read again once the article is read: the company it points to.

While the article is read, "the company" points to the company last cited
before it. A company wire copy names by one bare word ("Raytheon said",
"Acmetron said") is read as a surname at first, and the article only shows
it to be a company at the end (`companies.retype_companies`): by then "The
company said" in the next paragraph had found no company and stood as a
source of its own, "the company", beside Raytheon. About thirty Reuters
stories listed such a "the company" among their sources.

Run after the companies are retyped, on the few sources left, this asks the
same question again with the kinds now known, and merges the bare reference
into the company it finds (its mentions, and through `Entity.merged_into`
its quotes), as a short name is merged into the full one.

"The companies said", after "Lac Minerals Ltd and Cambior Inc said", is
both of them: the sentence is each one's claim, and "the companies" no
source of its own.
"""

from __future__ import annotations

from loaders.extract.entities import Entity
from loaders.extract.lexicon import COMPANY_ONLY_NOUNS, GENERIC_BODIES
from loaders.extract.registry import Registry

#: A bare reference is "the company", "the firm", "The Company" (lexicon.GENERIC_BODIES): no name of its
#: own. A description with more words ("the Dutch chemical firm", "the two companies") says more than
#: which company it is, and stays.
#: "the companies", "the two firms", "both companies": the companies cited together just before.
_JOINT_REFERENCES = frozenset({f"{determiner} {noun}" for determiner in ("the", "the two", "both", "both the")
                               for noun in ("companies", "firms", "groups", "partners")})


def resolve_company_references(cited: list[Entity], registry: Registry) -> None:
    """Merge each cited bare "the company" into the company cited (else named) last before it."""
    for entity in cited:
        if entity.kind != "organization" or entity.merged_into is not None or not entity.mentions \
                or not _bare_reference(entity):
            continue
        paragraph, start, _, _ = min(entity.mentions)
        companies_only = entity.head in COMPANY_ONLY_NOUNS  # "the company" is no union; "the group" may be
        company = registry.last_cited_company((paragraph, start), companies_only) or registry.last_matching(
            (paragraph, start), ("organization",), corporate=True, companies_only=companies_only)
        company = company.full() if company is not None else None
        if company is None or company is entity:
            continue
        for mention in entity.mentions:
            company.add_mention(*mention)
        company.mentions.sort()
        company.cited = True
        entity.cited = False
        entity.merged_into = company  # its quotes are the company's


def name_company_affiliations(cited: list[Entity], registry: Registry) -> None:
    """ "A spokesman for the company, Daniel Rourke, said": Rourke is the spokesman of the company
    the article named before him (Albion Permanent Way), not of a body called "company"."""
    for entity in cited:
        if entity.kind not in ("person", "anonymous") or not entity.mentions or not entity.affiliation \
                or entity.affiliation.lower().removeprefix("the ") not in GENERIC_BODIES:
            continue
        paragraph, start, _, _ = min(entity.mentions)
        company = registry.last_cited_company((paragraph, start), True) or registry.last_matching(
            (paragraph, start), ("organization",), corporate=True, companies_only=True)
        if company is not None and not _bare_reference(company := company.full()):
            entity.affiliation = company.name


def _bare_reference(entity: Entity) -> bool:
    words = entity.name.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    return len(words) == 1 and words[0] in GENERIC_BODIES and entity.head in GENERIC_BODIES


def resolve_joint_references(cited: list[Entity], speakers: frozenset[int] = frozenset()) -> None:
    """Give each cited "the companies" to the companies cited together, in one paragraph, last before it.

    Only where two or more were: "Acme Corp said ... the companies said" names one, and the other is
    not known. A reference quotes are given to stays (a quote has one speaker).
    """
    for entity in cited:
        if entity.kind != "organization" or not entity.cited or not entity.mentions \
                or id(entity) in speakers or entity.name.lower() not in _JOINT_REFERENCES:
            continue
        first = min(entity.mentions)[:2]
        together = _cited_together_before(cited, entity, first)
        if len(together) < 2:
            continue
        for company in together:
            for mention in entity.mentions:
                company.add_mention(*mention)
            company.mentions.sort()
        entity.cited = False


def _cited_together_before(cited: list[Entity], reference: Entity, position: tuple[int, int]) -> list[Entity]:
    """The companies whose last citation before `position` is in the paragraph of the latest of them."""
    latest: list[tuple[tuple[int, int], Entity]] = []
    for other in cited:
        if other is reference or other.kind != "organization" or other.head is not None or not other.cited:
            continue
        before = [at for at in other.citations if at < position]
        if before:
            latest.append((before[-1], other))
    if not latest:
        return []
    paragraph = max(at for at, _ in latest)[0]
    return [other for at, other in latest if at[0] == paragraph]
