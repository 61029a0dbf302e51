"""How wire copy writes a company and a source's silence: tickers after a name, "had no immediate comment".

Kept apart from statements.py, which finds the subjects of reporting verbs: these are
conventions of agency copy ("Acme Corp (ACME.N) said", "Jardine Matheson
Holdings Ltd <JARD.HKG> said", "Foo Inc had no immediate comment") that the
subject rules read around.
"""

from __future__ import annotations

import bisect
import re

from loaders.extract.cues import SentenceStarts
from loaders.extract.registry import Registry
from loaders.extract.speakers import resolve_who
from loaders.extract.subjects import trailing_subject

#: A Reuters instrument code in parentheses after a company's name: "(ACME.N)", "(7203.T)", "(VOWG_p.DE)";
#: or, where the subject ends (the cue or an appositive's comma next), the short form a body is defined
#: by ("the Home Grown Cereals Authority (HGCA) said", "(WestLB)") or a lawmaker's party ("(R-Kan.)").
_RIC = re.compile(r" \((?:[A-Z0-9][A-Za-z0-9_]{0,9}\.[A-Z]{1,3}\)(?=[\s,])|"
                  r"(?:[A-Z][A-Za-z&'-]{1,14}|[RDI]-[A-Z][A-Za-z]{1,5}\.?)\)(?=\s*$|,))")
#: A stock ticker after a company's name, as 1980s wire copy writes it: "Acme Corp <ACME.N> said".
TICKER_AT_END = re.compile(r"\s*<[A-Z0-9][A-Z0-9.=-]{0,14}>\s$")
#: "had no immediate comment", "declined to comment": the subject was asked, and its answer is reported.
_NO_COMMENT_CUE = re.compile(r"\b(?:(?:has|had|have)\s+no\s+(?:immediate\s+|further\s+|other\s+)?comment|"
                             r"(?:declined|refused)\s+(?:immediately\s+)?to\s+comment|"
                             r"(?:would|could|did)\s+not\s+(?:immediately\s+)?comment)\b")
#: Wire copy's marks around a company: "<HIT.T>" after its name (a ticker), "<Sigma Mines Ltd>" round it (unlisted).
_ANGLE_MARKED = re.compile(r"<([^<>\n]{1,80})>")
_TICKER = re.compile(r"[A-Z0-9][A-Z0-9.=-]{0,14}")
_PRONOUNS = ("he", "she", "they", "it", "i", "we", "you")
#: A company's suffix, which names no source on its own.
BARE_SUFFIXES = frozenset({"ltd", "co", "inc", "corp", "plc", "cos", "ag", "sa", "nv", "spa", "co ltd", "corp ltd"})
_FAR = 1 << 62


def without_rics(before: str) -> tuple[str, list[tuple[int, int]]]:
    """`before` without its instrument codes and short forms, and (where in the text left, how long) of each cut.

    Cut out, not blanked: "Acme Corp (ACME.N), the largest maker, said" must
    read as a name and its appositive. The cuts let a caller put an offset in
    the shortened text back where it stands in the paragraph (see `restore`).
    """
    cuts: list[tuple[int, int]] = []
    pieces: list[str] = []
    last = removed = 0
    for match in _RIC.finditer(before):
        pieces.append(before[last:match.start()])
        cuts.append((match.start() - removed, match.end() - match.start()))
        removed += match.end() - match.start()
        last = match.end()
    if not cuts:
        return before, cuts
    pieces.append(before[last:])
    return "".join(pieces), cuts


def without_ticker_marks(text: list[str], ranges: dict[int, list[tuple[int, int]]]) -> list[str]:
    """The paragraphs with wire copy's angle marks blanked (a space for each character), outside quotes.

    "a Hitachi Ltd <HIT.T> spokesman", "<Sigma Mines (Quebec) Ltd>, 65 pct owned by
    Dome Mines Ltd <DM>, said": the marks are no part of any name, yet every subject
    rule had to read around them, and those that did not kept "<...>" in a source's
    name or cut one at its inner words ("Ltd>"). A ticker goes whole, the marks round
    a name go and the name stays. Offsets stay those of the text; a mention is the
    body as written.
    """
    if "<" not in "".join(text):
        return text  # one search of the whole body: most articles carry no marks
    cleaned = []
    for index, paragraph in enumerate(text):
        if "<" in paragraph and ">" in paragraph:
            inside = ranges.get(index, [])
            paragraph = _ANGLE_MARKED.sub(lambda m: _blanked(m, inside), paragraph)
        cleaned.append(paragraph)
    return cleaned


def _blanked(mark: re.Match, quoted: list[tuple[int, int]]) -> str:
    if quoted and any(start < mark.end() and mark.start() < end for start, end in quoted):
        return mark.group()  # a mark inside a quote, or one reaching into it ("<“00>", the quote opening inside)
    inner = mark.group(1)
    if _TICKER.fullmatch(inner) or ("." in inner and " " not in inner):  # "<HIT.T>", "<skbs.St.>"
        return " " * len(mark.group())
    return " " + mark.group(1) + " "


def restore(offset: int, cuts: list[tuple[int, int]]) -> int:
    """An offset in text `without_rics` shortened, as it stands in the text as written."""
    for cut_at, cut in cuts:
        if offset >= cut_at:
            offset += cut
    return offset


def no_comment_subjects(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
                        starts: SentenceStarts) -> None:
    """ "Foo Holdings Inc had no immediate comment": an answer a source gave, so an attribution to it.

    A fact-checker looks for who was asked as well as who said something;
    unnamed groups ("officials declined to comment") are found with their head nouns.
    """
    for match in _NO_COMMENT_CUE.finditer(paragraph):
        if ranges and _quoted(ranges, match.start(), match.end()):
            continue
        sentence_start, _ = starts.span(index, match.start())
        before = paragraph[sentence_start:match.start()]
        if before.endswith("> "):
            before = TICKER_AT_END.sub(" ", before)  # "A spokesman for Unilever Plc <UN.AS> declined to comment"
        cuts: list[tuple[int, int]] = []
        if ")" in before:
            before, cuts = without_rics(before)
        subject = trailing_subject(before)
        if subject is None or subject[0].lower() in _PRONOUNS:
            continue
        offset = sentence_start + restore(subject[1], cuts)
        entity = resolve_who(subject[0], (index, offset), registry)
        if entity is not None and entity.kind not in ("place", "unknown"):
            entity.cite((index, offset))


def _quoted(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the quoted `ranges` (sorted by start)."""
    at = bisect.bisect_right(ranges, (start, _FAR)) - 1
    return at >= 0 and ranges[at][0] <= start and end <= ranges[at][1]
