"""Plain wire copy: headline line, optional date line, paragraphs.

    Azerbaijan hosts Israel-Turkey meeting ...
    - 11 April, 14:54
    Amid the growing confrontation ...

Paragraphs are one per line; when blank lines separate blocks, each block is
a paragraph and its hard-wrapped lines are joined. A `By ...` line before
the story becomes the authors, and an agency or role line under it
("Associated Press", "Staff Writer") goes with it. In-body datelines
(`ROTTERDAM, March 3 (Reuters) -`) are left in the text for the extractor.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from ..extract.date_lines import parse_date_line
from ..records import note_year_less, year_less
from .bylines import no_person
from .dates import iso_date
from .files import EMPTY_FILE, MAX_ARTICLE_BYTES, TooLarge, read_text

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|der|al|bin|di|del|la|le))*"
_BYLINE = re.compile(rf"^(?:By|BY|by)\s+(?P<names>{_NAME}(?:\s*(?:,|\band\b|&|\|)\s*{_NAME})*)\s*$")
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\|)\s*")
#: The line under a byline that names the agency or the role, not a person:
#: "Associated Press Writer", "Reuters", "Staff Writer".
_AGENCY_LINE = re.compile(r"(?i)(?:the\s+)?(?:associated\s+press|reuters|afp|agence\s+france[- ]presse|ap|dpa|upi"
                          r"|xinhua)(?:\s+(?:staff\s+)?(?:writer|correspondent|reporter)s?)?")


def read(path: Path, reference: datetime):
    try:
        text = read_text(path, MAX_ARTICLE_BYTES)
    except TooLarge as error:
        yield str(path), None, str(error)
        return
    article = parse(text, reference)
    if article is None:
        yield str(path), None, f"{EMPTY_FILE}: no headline or text"
    else:
        yield str(path), article, None


def parse(text: str, reference: datetime) -> dict | None:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return None
    headline = lines.pop(0).strip()
    published = None
    rest = _skip_blank(lines)
    if rest and (when := parse_date_line(rest[0], reference)) is not None:
        published = when
        if year_less(rest[0]):
            note_year_less(reference)
        rest = _skip_blank(rest[1:])
    authors: list[str] = []
    if rest and len(rest[0]) < 200 and (byline := _BYLINE.match(rest[0].strip())):
        authors = [n for n in _BYLINE_SPLIT.split(byline["names"]) if n and not no_person(n)]
        rest = _skip_blank(rest[1:])
        if rest and _agency_line(rest[0].strip()):
            rest = _skip_blank(rest[1:])  # was the story's first paragraph
    paragraphs = _paragraphs(rest)
    return {
        "headline": headline,
        "body": paragraphs,
        "authors": authors,
        # In UTC when the line names its zone, as every other reader stores it: the
        # id of an article without a URL takes the day of this value.
        "dateline": {"published_at": iso_date(published, reference) if published else None},
    }


def _agency_line(line: str) -> bool:
    """"Associated Press", "Reuters", "Staff Writer": a byline's second line."""
    return bool(_AGENCY_LINE.fullmatch(line)) or (len(line.split()) >= 2 and no_person(line))


def _skip_blank(lines: list[str]) -> list[str]:
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    return lines[index:]


def _paragraphs(lines: list[str]) -> list[str]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) <= 1:
        return blocks[0] if blocks else []
    return [" ".join(block) for block in blocks]
