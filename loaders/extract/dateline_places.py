"""How a dateline's place is shown and keyed: "MIAMI, Fla." reads "Miami, Fla.", "HONG KONG/SHANGHAI" is Hong Kong.

The place is a filter and facet key (service/backends/document.py), so it
must read the same however the wire typed it: capitals become title case
(particles, elisions and Turkish letters kept right), and of several
bureaus the first is the place, each of them one of `places`. Kept apart
from dateline.py, which finds the dateline; this only shows what it found.
"""

from __future__ import annotations

from functools import lru_cache

_PARTICLES_LOWER = frozenset({"de", "da", "du", "del", "des", "do", "dos", "di", "es", "el", "al",
                              "la", "le", "of", "upon", "am", "an", "der", "on", "sur"})
#: Particles between a hyphenated place's parts: "Port-au-Prince", "Aix-les-Bains", "Southend-on-Sea".
_HYPHENED_PARTICLES = _PARTICLES_LOWER | {"au", "aux", "en", "les", "lès", "sous"}


@lru_cache(maxsize=1 << 12)
def place_display(place: str) -> str:
    """Title-case only the ALL-CAPS parts, so "MIAMI, Fla." reads "Miami, Fla." and "N.Y." stays.

    Cached: a wire's datelines name the same few hundred places again and again.
    """
    parts = []
    for segment in place.split(","):
        stripped = segment.strip()
        if stripped and _all_capitals(stripped) and len(stripped.replace(".", "")) > 2:
            stripped = _title_words(stripped)
        parts.append(stripped)
    return ", ".join(part for part in parts if part)


def _title_words(text: str) -> str:
    """Capitalise each word and each hyphen part; inner particles ("Dar es Salaam", "Port-au-Prince",
    "Stratford-upon-Avon") stay lower."""
    out = []
    for index, word in enumerate(text.split(" ")):
        if index and _lower(word) in _PARTICLES_LOWER:
            out.append(_lower(word))
            continue
        pieces = word.split("-")
        out.append("-".join(_lower(piece) if 0 < number < len(pieces) - 1 and _lower(piece) in _HYPHENED_PARTICLES
                            else _capitalise(piece) for number, piece in enumerate(pieces)))
    return " ".join(out)


def _capitalise(word: str) -> str:
    """An ALL-CAPS word with its first letter kept: "ST." -> "St.", "N.Y." -> "N.Y.", and after a
    one-letter elision the next one too: "O'HARE" -> "O'Hare", "COEUR D'ALENE" -> "Coeur d'Alene"."""
    if "." in word.rstrip("."):
        return ".".join(piece[:1] + _lower(piece[1:]) for piece in word.split("."))
    if len(word) > 2 and word[1] in "'’" and word[0].isalpha():
        return word[:2] + _capitalise(word[2:])
    return word[:1] + _lower(word[1:])


def _lower(text: str) -> str:
    """Lower case, the Turkish way when the letters show it.

    A dotted capital İ is Turkish, where it lowers to i and a dotless I to ı:
    "DİYARBAKIR" reads "Diyarbakır". Elsewhere str.lower() would turn İ into
    i plus a stray combining dot, and I into i as usual ("İZMIR" -> "İzmir").
    """
    if "İ" not in text:
        return text.lower()
    return text.replace("İ", "i").replace("I", "ı").lower()


def _all_capitals(text: str) -> bool:
    """Whether `text` has no lower-case letter but "ß", which wire copy keeps in capitals: "GIEßEN"
    (its capital "ẞ" is rare) was taken for no capitals, so the place stood as written."""
    text = text.replace("ß", "")
    return text.upper() == text


def _first_place(place: str) -> str:
    """The first of the places a slash joins: "HONG KONG/SHANGHAI" is Hong Kong.

    `place` is one keyword per article, the key of the place filter and facet
    (service/backends/document.py). As written, "Hong Kong/Shanghai" would be
    a key of its own: `place=Hong Kong` would not find the story and the facet
    would list a bucket nobody asks for. The first place is the one the story
    leads with, so it joins the other Hong Kong stories; the dateline's `raw`
    keeps both places for the full-text search of the dateline, and `places`
    names each (`_bureaus`), for the place filter and facet.
    """
    return place.split("/", 1)[0].rstrip() if "/" in place else place


def _bureaus(place: str) -> tuple[str, ...]:
    """Every place a slash joins, each shown as a place alone: "LONDON/NEW YORK" is
    London and New York, so a filter or facet on either finds the story."""
    return tuple(dict.fromkeys(place_display(part.strip()) for part in place.split("/") if part.strip()))
