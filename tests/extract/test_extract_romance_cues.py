"""Speakers of French, Spanish, Italian and Portuguese copy, by their reporting verbs.

The readers take these languages' datelines and quotation marks, but the
reporting verbs were English only: `«No aceptaremos este acuerdo», dijo Juan
Pérez` had a quote and no speaker, and Juan Pérez was no source.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from loaders.extract import extract_parts

REFERENCE = datetime(2025, 4, 12, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("paragraph, speaker, cue", [
    ("« Nous refusons ce plan », a déclaré Jean Dupont.", "Jean Dupont", "a déclaré"),
    ("«No aceptaremos este acuerdo», dijo el ministro de Economía, Juan Pérez, en una rueda de prensa.",
     "Juan Pérez", "dijo"),
    ("El presidente Pedro Sánchez dijo que el acuerdo era «inaceptable para España».", "Pedro Sánchez", "dijo"),
    ("«Non accetteremo questo accordo», ha detto Mario Rossi.", "Mario Rossi", "ha detto"),
    ("“O acordo é bom para o Brasil”, afirmou o ministro da Fazenda, Fernando Haddad.", "Fernando Haddad",
     "afirmou"),
])
def test_a_romance_reporting_verb_names_the_speaker(paragraph, speaker, cue):
    _, quotes, sources = extract_parts([paragraph], REFERENCE)
    assert [(quote["speaker"], quote["cue"]) for quote in quotes] == [(speaker, cue)]
    assert [(source["name"], source["kind"]) for source in sources] == [(speaker, "person")]


def test_german_nouns_are_no_speakers():
    """German is not among them: every noun is capitalised (`sagte Anna Berg am Dienstag`)."""
    _, quotes, sources = extract_parts(["„Wir lehnen das ab“, sagte Anna Berg am Dienstag."], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == [None] and sources == []


@pytest.mark.parametrize("paragraph, speaker", [
    ("«Nous sommes prêts», a déclaré Emmanuel Macron à Paris.", "Emmanuel Macron"),
    ("«Nous refusons», a déclaré Jean Dupont au Sénat.", "Jean Dupont"),
    ("«No aceptaremos», dijo Pedro Sánchez en Madrid.", "Pedro Sánchez"),
    ("“O acordo é bom”, disse Luiz Inácio Lula da Silva em Brasília.", "Luiz Inácio Lula da Silva"),
    ("«Non accetteremo», ha detto Giorgia Meloni durante il vertice.", "Giorgia Meloni"),
])
def test_a_place_after_the_speaker_is_not_the_speaker(paragraph, speaker):
    """The name after a Romance verb ran on through "à", "en", "em": the quote was given to Paris,
    Madrid, Brasília or the Senate, each listed as a source, and Meloni's had no speaker."""
    _, quotes, sources = extract_parts([paragraph], REFERENCE)
    assert [quote["speaker"] for quote in quotes] == [speaker]
    assert [source["name"] for source in sources] == [speaker]
