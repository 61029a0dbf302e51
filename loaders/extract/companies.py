"""A one-word "person" that is a company: "Citicorp said", "Statoil said", "Texaco said".

A lone capitalised word before a cue reads as a surname, and wire copy names
most companies so after the first mention. About one in twenty such "people"
in Reuters copy was a company. No list of companies could keep up; the article
itself tells: the same word with a company's suffix ("Texaco Inc"), in a
ticker's marks ("<TEXACO INC>"), as the short form defined in parentheses
("Den Norske Stats Oljeselskap (Statoil)"), in the headline before a ticker
("CITICORP <CCI> RAISES PRIME"), or a word that ends as only companies' do.

Run once per article on the few one-word people left at the end, so the
regex built here costs nothing beside the pass itself.
"""

from __future__ import annotations

import re

from loaders.extract.registry import Entity

#: Endings no surname has, that companies' coined names do: Citicorp, Gencorp, Statoil, Petrobras, Eurostat.
_COMPANY_ENDINGS = ("corp", "oil", "bank", "bras", "stat", "aco", "oco", "tron", "chem", "trustco")
_SUFFIXES = (r"(?:'s\s+)?\s*(?:Corp|Corporation|Inc|Co|Cos|Ltd|Plc|PLC|AG|SA|NV|BV|SpA|Spa|GmbH|Group|Bancorp|"
             r"Holdings|Industries|International|Petroleum|Oil|Bank|Inc\.|Corp\.|Co\.)\b")


def retype_companies(entities: list[Entity], written: list[str], headline: str | None) -> None:
    """Each cited one-word, untitled person of `entities` the article shows to be a company becomes one."""
    lone = [entity for entity in entities
            if entity.kind in ("person", "unknown") and not entity.title and entity.name.isalpha()
            and entity.name[:1].isupper()]
    if not lone:
        return
    body = None
    for entity in lone:
        name = entity.name
        if name.lower().endswith(_COMPANY_ENDINGS):
            entity.kind = "organization"
            continue
        if body is None:
            body = "\n".join(written)
        if _named_as_company(name, body) or (headline and _named_as_company(name.upper(), headline)):
            entity.kind = "organization"


def _named_as_company(name: str, text: str) -> bool:
    if name not in text:
        return False  # the usual case, and a substring test: no regex
    if f"({name})" in text or f"<{name}" in text or f"{name} <" in text:
        return True
    return re.search(rf"(?<![\w-]){re.escape(name)}{_SUFFIXES}", text, re.IGNORECASE if name.isupper() else 0) is not None
