"""What the pages draw, as plain data: quote spans in an article's body, the
word differences between two wordings, and the geometry of a statement's
timeline. Pure (no Flask): the templates turn these into escaped HTML."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from difflib import SequenceMatcher

from ..attribution import quotes_with_statements  # noqa: F401 - the pages' import of it

_WORD_KEY = re.compile(r"\w+")


@dataclass(frozen=True)
class Segment:
    """A run of one paragraph: plain text, or part of a quote."""

    text: str
    quote: dict | None = None
    #: The first part of its quote (carries the anchor and the spoken label).
    lead: bool = False
    #: The last part of its quote.
    tail: bool = False


def body_segments(body: list[str], quotes: list[dict]) -> list[list[Segment]]:
    """Each paragraph cut into segments, quotes marked by their offsets.

    A quote spanning paragraphs (`end_paragraph`) is marked in each of them.
    Quotes whose offsets do not fit the body are left unmarked (they are
    still listed with their source); an overlapping quote is clipped."""
    spans: list[list[tuple[int, int, dict, bool, bool]]] = [[] for _ in body]
    for quote in quotes:
        parts = _quote_parts(body, quote)
        for n, (paragraph, start, end) in enumerate(parts):
            spans[paragraph].append((start, end, quote, n == 0, n == len(parts) - 1))
    paragraphs = []
    for text, parts in zip(body, spans):
        segments, cursor = [], 0
        for start, end, quote, lead, tail in sorted(parts, key=lambda part: (part[0], -part[1])):
            start = max(start, cursor)
            if start >= end:
                continue
            if start > cursor:
                segments.append(Segment(text[cursor:start]))
            segments.append(Segment(text[start:end], quote, lead, tail))
            cursor = end
        if cursor < len(text) or not segments:
            segments.append(Segment(text[cursor:]))
        paragraphs.append(segments)
    return paragraphs


def _quote_parts(body: list[str], quote: dict):
    first, start, end = quote.get("paragraph"), quote.get("start"), quote.get("end")
    last = quote.get("end_paragraph")
    last = first if last is None else last
    if not all(isinstance(v, int) for v in (first, start, end, last)):
        return []
    if not (0 <= first <= last < len(body)):
        return []
    if first == last:
        ok = 0 <= start < end <= len(body[first])
        return [(first, start, end)] if ok else []
    if not (0 <= start < len(body[first]) and 0 < end <= len(body[last])):
        return []
    parts = [(first, start, len(body[first]))]
    parts += [(p, 0, len(body[p])) for p in range(first + 1, last) if body[p]]
    parts.append((last, 0, end))
    return parts


#: Word pairs the diffs of one page may compare in all. difflib weighs each word
#: of one wording against each of the other's, so a diff costs the product of
#: their lengths: a statement of three 8,000-word wordings drawn from a few
#: words (a loaded file or a POST can hold one) took 13 s of a worker at every
#: view of its page. Past this budget (about 0.2 s) a diff keeps the words both
#: wordings start and end with and marks the rest changed (`_coarse_diff`).
DIFF_PAIRS_PER_PAGE = 2_000_000


class DiffBudget:
    """What is left of DIFF_PAIRS_PER_PAGE for the diffs of one page."""

    def __init__(self, pairs: int = DIFF_PAIRS_PER_PAGE):
        self.left = pairs

    def take(self, pairs: int) -> bool:
        if pairs > self.left:
            return False
        self.left -= pairs
        return True


def word_diff(earliest: str, wording: str, budget: DiffBudget | None = None) -> list[tuple[str, str]]:
    """`wording` against `earliest` as (op, words) runs: op is `same`, `del`
    (words of the earliest left out) or `ins` (words added or changed).
    Case, accents aside, and punctuation do not count as a difference.
    `budget`: the page's, shared by its diffs (one of its own by default)."""
    old, new = earliest.split(), wording.split()
    old_keys, new_keys = [_key(w) for w in old], [_key(w) for w in new]
    if not (budget or DiffBudget()).take(len(old) * len(new)):
        return _coarse_diff(old, new, old_keys, new_keys)
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    runs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            runs.append(("del", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("ins", " ".join(new[j1:j2])))
    return runs


def _coarse_diff(old: list[str], new: list[str], old_keys: list[str], new_keys: list[str]) -> list[tuple[str, str]]:
    """The words both wordings start and end with as `same`, all between as changed: linear."""
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and old_keys[head] == new_keys[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old_keys[len(old) - 1 - tail] == new_keys[len(new) - 1 - tail]:
        tail += 1
    runs = [("same", " ".join(new[:head]))] if head else []
    if len(old) - tail > head:
        runs.append(("del", " ".join(old[head:len(old) - tail])))
    if len(new) - tail > head:
        runs.append(("ins", " ".join(new[head:len(new) - tail])))
    if tail:
        runs.append(("same", " ".join(new[len(new) - tail:])))
    return runs


def _key(word: str) -> str:
    return " ".join(_WORD_KEY.findall(word.casefold())) or word


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time as UTC; one without an offset is read as UTC (as the filters do)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


#: The height of a timeline's tallest column of dots, in px.
MAX_COLUMN = 160


@dataclass(frozen=True)
class Timeline:
    """Dot positions along the axis as percentages of the width (`x`, 0–100),
    so the drawing fits any screen without shrinking its text; heights in px."""

    height: int
    axis_y: int
    points: list[dict]
    ticks: list[dict]
    undated: int


def timeline(occurrences: list[dict]) -> Timeline:
    """Where each dated occurrence sits on a horizontal time axis. Occurrences
    on the same day stack upwards; the earliest is marked `first`. All on one
    day (a wire story picked up within hours), the axis is that day, one
    stacked column under one label: spread by the hour, the dots ran across
    the whole width between two labels of the same date, as if over weeks.
    The tallest column is at most MAX_COLUMN px: a day's dots close up (and
    overlap) past 10, where 16 px apart a story syndicated to 300 outlets in a
    day drew a column 4,800 px tall above the list it stands for."""
    dated = [(parse_time(o.get("published_at")), i, o) for i, o in enumerate(occurrences)]
    undated = sum(1 for moment, _, _ in dated if moment is None)
    dated = [row for row in dated if row[0] is not None]
    step, label_room = 16, 34
    if not dated:
        return Timeline(0, 0, [], [], undated)
    start, end = dated[0][0], dated[-1][0]
    span = (end - start).total_seconds() if start.date() != end.date() else 0

    def x_of(moment: datetime) -> float:
        return 50.0 if span <= 0 else round(100 * (moment - start).total_seconds() / span, 2)

    points, stacked = [], {}
    for moment, index, occurrence in dated:
        level = stacked.get(moment.date(), 0)
        stacked[moment.date()] = level + 1
        points.append({"x": x_of(moment), "level": level, "index": index,
                       "first": bool(occurrence.get("first")), "date": moment.date().isoformat(),
                       "outlet": occurrence.get("outlet")})
    levels = max(p["level"] for p in points)
    step = min(step, MAX_COLUMN / levels) if levels else step
    axis_y = round(label_room + step * levels, 1)
    for point in points:
        point["y"] = round(axis_y - point.pop("level") * step, 1)
    # "first seen" goes above its day's column: at the first dot, it covered the
    # dot of the next article that day, stacked right there.
    tops = {}
    for point in points:
        tops[point["date"]] = min(point["y"], tops.get(point["date"], point["y"]))
    for point in points:
        point["label_y"] = tops[point["date"]] - 16
    ticks = [{"x": x_of(start), "label": start.date().isoformat(), "anchor": "start", "year": False}]
    if span > 0:
        ticks.append({"x": 100.0, "label": end.date().isoformat(), "anchor": "end", "year": False})
        for year in range(start.year + 1, end.year + 1):
            x = x_of(datetime(year, 1, 1, tzinfo=timezone.utc))
            if 18 < x < 82:  # clear of the end labels (on a phone, CSS hides year labels)
                ticks.append({"x": x, "label": str(year), "anchor": "middle", "year": True})
    else:
        ticks[0]["anchor"] = "middle"
    return Timeline(axis_y + 32, axis_y, points, ticks, undated)
