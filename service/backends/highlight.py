"""HTML-safe highlighting for the embedded backend.

Article text is escaped piece by piece and only our own `<em>` tags are
markup, so a headline containing `<script>` can never reach a page as HTML.
Matching reuses the index's analyzers, so what is highlighted is what
matched: stemmed words for plain terms, exact consecutive words for phrases.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from typing import Callable
from dataclasses import dataclass, field

from ..query import Fuzzy, Node, Phrase, Prefix, Term, leaves
from .base import HIGHLIGHT_TAGS
from .deadline import Deadline
from .tantivy_schema import EXACT, STEM, analyzer, analyzers_for, as_read

FRAGMENT_CHARS = 240
MAX_FRAGMENTS = 3
#: Which query scopes light up which article part.
SCOPES = {"headline": {None, "headline"}, "body": {None, "body", "quote"}, "quote": {"quote"}}


@dataclass
class _Targets:
    stems: set[str] = field(default_factory=set)
    sequences: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (variant, tokens)
    prefixes: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    sloppy: list[tuple[tuple[str, ...], int]] = field(default_factory=list)  # (exact tokens, slop)
    near: list[tuple[str, int]] = field(default_factory=list)  # (exact token, edits): a Fuzzy word's
    #: Each word already compared with `near`, and whether it is within reach: one query's hits share
    #: most of their words, and comparing them again in every paragraph cost most of a fuzzy search.
    near_seen: dict[str, bool] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.stems or self.sequences or self.prefixes or self.sloppy or self.near)


def _targets(query: Node, part: str) -> _Targets:
    targets = _Targets()
    for leaf, negated in leaves(query):
        if negated or leaf.field not in SCOPES[part]:
            continue
        text = as_read(leaf.text)
        if isinstance(leaf, Term):
            tokens = analyzer(STEM, text).analyze(text)
            if len(tokens) == 1:
                targets.stems.add(tokens[0])
            elif tokens:
                targets.sequences.append((STEM, tuple(tokens)))
        elif isinstance(leaf, Phrase):
            tokens = analyzer(EXACT, text).analyze(text)
            if proximity(leaf):
                targets.sloppy.append((tuple(tokens), leaf.slop))
            elif tokens:
                targets.sequences.append((EXACT, tuple(tokens)))
        elif isinstance(leaf, Prefix):
            tokens = analyzer(EXACT, text).analyze(text)
            if tokens:
                targets.prefixes.append((tuple(tokens[:-1]), tokens[-1]))
        elif isinstance(leaf, Fuzzy):
            targets.near += [(token, leaf.edits_for(token)) for token in analyzer(EXACT, text).analyze(text)]
    return targets


def proximity(leaf: Node) -> bool:
    """Whether `leaf` is a proximity phrase of two words or more (`"powell inflation"~1`),
    whose words are marked where they matched within its slop (`sloppy_matches`)."""
    if not isinstance(leaf, Phrase) or not leaf.slop:
        return False
    text = as_read(leaf.text)
    return len(analyzer(EXACT, text).analyze(text)) > 1


def proximity_spans(query: Node, part: str) -> Callable[[str, Deadline | None], list[tuple[int, int]]] | None:
    """The marks of the query's proximity phrases in a text of `part` (headline, body), or None
    when it has none: what the Elasticsearch backend draws itself (`elastic_highlight`)."""
    sloppy = _targets(query, part).sloppy
    if not sloppy:
        return None
    targets = _Targets(sloppy=sloppy)
    return lambda text, deadline=None: _spans(text, targets, deadline)


class Highlighter:
    """Highlights of one query.

    `surface_forms(stem)` may list every indexed word with that stem (the
    embedded backend reads them from its term dictionary). The body's ASCII
    paragraphs are then matched with one regular expression, which finds the
    same words the analyzers would at a fraction of the cost; other text, or
    a stem too common to list, goes through the analyzers.
    """

    def __init__(self, query: Node, surface_forms: Callable[[str], set[str] | None] | None = None,
                 deadline: Deadline | None = None):
        #: Checked before each paragraph is matched: the slow path's cost grows with the hits' length
        #: (a near spelling or a proximity phrase against a 2 MB article took seconds a hit), and a
        #: search past its deadline must end in its 504, not after a minute of highlighting.
        self.deadline = deadline
        self.headline = _targets(query, "headline")
        self.body = _targets(query, "body")
        fast = surface_forms is not None
        self.fast = {part: _fast_matcher(targets, surface_forms) if fast and targets else None
                     for part, targets in (("headline", self.headline), ("body", self.body))}

    def highlight(self, article: dict) -> dict:
        headline = article.get("headline") or ""
        headline_spans = self._spans(headline, "headline") if self.headline else []
        paragraph_spans = {}
        if self.body:
            body = article.get("body") or []
            fast = self.fast["body"]
            if fast is not None and all(paragraph.isascii() for paragraph in body):
                paragraph_spans = _spans_in_paragraphs(fast, body)
            else:
                for index, paragraph in enumerate(body):
                    if self.deadline is not None:
                        self.deadline.check("highlighting")
                    paragraph_spans[index] = self._spans(paragraph, "body")
        return render(article, headline_spans, paragraph_spans)

    def _spans(self, text: str, part: str) -> list[tuple[int, int]]:
        fast = self.fast[part]
        if fast is not None and text.isascii():
            return merge_spans(list(_every_match(fast, text.lower())))
        return _spans(text, getattr(self, part), self.deadline)


_GAP = "[^a-z0-9]+"  # what separates two tokens of the simple tokenizer
#: Between paragraphs scanned as one text: a word character, so no phrase
#: (`_GAP`) spans two paragraphs and each paragraph's edges stay word edges.
_PARAGRAPH_BREAK = "\n0\n"


def _spans_in_paragraphs(fast: re.Pattern, body: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Spans per paragraph from one scan of the whole (ASCII) body: one regex call, not one a paragraph."""
    starts, position = [], 0
    for paragraph in body:
        starts.append(position)
        position += len(paragraph) + len(_PARAGRAPH_BREAK)
    found: dict[int, list[tuple[int, int]]] = {}
    for start, end in _every_match(fast, _PARAGRAPH_BREAK.join(body).lower()):
        index = bisect_right(starts, start) - 1
        offset = starts[index]
        if end - offset <= len(body[index]):  # a match on a break itself is no match
            found.setdefault(index, []).append((start - offset, end - offset))
    return found


def _every_match(fast: re.Pattern, text: str):
    """The spans of `fast` in `text`, overlapping ones too.

    `finditer` resumes after each match, so in "red line on tariffs" the
    query `"red line" "line on tariffs"` found only the first phrase; the
    search resumes one character after each match's start instead.
    """
    position = 0
    while (match := fast.search(text, position)) is not None:
        yield match.span()
        position = match.start() + 1


def _fast_matcher(targets: _Targets, surface_forms) -> re.Pattern | None:
    """One regex over lower-cased ASCII text matching exactly what `_spans` would."""
    several: list[tuple[int, int, str]] = []  # (words, prefix first, pattern)
    if targets.sloppy or targets.near:
        return None  # words within a distance, or near a spelling: no regular expression, the analyzers' tokens
    for variant, sequence in targets.sequences:
        if variant != EXACT:
            return None  # a stemmed multi-word term: leave it to the analyzers
        several.append((len(sequence), 1, _GAP.join(map(re.escape, sequence)) + "(?![a-z0-9])"))
    for head, last in targets.prefixes:
        pattern = "".join(re.escape(h) + _GAP for h in head) + re.escape(last) + "[a-z0-9]*"
        several.append((len(head) + 1, 0, pattern))
    # Longest first, a phrase before its words: of the branches matching at one
    # place the regex takes the first ("red line" hid "red line on").
    patterns = [pattern for _, _, pattern in sorted(several, key=lambda item: (-item[0], item[1]))]
    for stem in targets.stems:
        forms = surface_forms(stem)
        if forms is None or not all(f.isascii() for f in forms):
            return None
        patterns += [re.escape(form) + "(?![a-z0-9])" for form in sorted(forms, key=len, reverse=True)]
    if not all(p.isascii() for p in patterns):
        return None
    if not patterns:
        return re.compile(r"(?!)")  # nothing can match
    return re.compile(_by_first_character(patterns))


def _by_first_character(patterns: list[str]) -> str:
    """`(?<![a-z0-9])(?:p1|p2|...)`, written so the regex engine skips ahead fast.

    A pattern starting with a lookbehind is tried at every position of the
    text; one whose branches each start with a different literal character is
    only tried where that character is, which scans about twice as fast.
    Branches keep their order within a character, and branches of different
    characters cannot match at the same place, so the matches are the same.
    """
    if not all(_WORD_CHARACTER.fullmatch(pattern[0]) for pattern in patterns):
        return "(?<![a-z0-9])(?:" + "|".join(patterns) + ")"
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        groups.setdefault(pattern[0], []).append(pattern[1:])
    return "|".join(f"{first}(?<![a-z0-9]{first})(?:{'|'.join(rests)})" for first, rests in groups.items())


_WORD_CHARACTER = re.compile("[a-z0-9]")


def render(article: dict, headline_spans: list[tuple[int, int]],
           paragraph_spans: dict[int, list[tuple[int, int]]]) -> dict:
    """Escaped highlights from match spans (character offsets) in the article.

    Shared by every backend: the engine decides what matched, this decides
    how it is shown (whole headline, the best MAX_FRAGMENTS paragraphs in
    article order, escaped piece by piece), so highlights read the same.
    """
    result: dict = {}
    headline = article.get("headline") or ""
    headline_spans = merge_spans(headline_spans)
    if headline_spans:
        result["headline"] = _render(headline, headline_spans, 0, len(headline))
    body = article.get("body") or []
    scored = []
    for index, spans in paragraph_spans.items():
        spans = merge_spans(spans)
        if spans and 0 <= index < len(body):
            scored.append((-len(spans), index, body[index], spans))
    best = sorted(sorted(scored)[:MAX_FRAGMENTS], key=lambda item: item[1])
    if best:
        result["body"] = [_fragment(p, spans) for _, _, p, spans in best]
    return result


def _spans(text: str, targets: _Targets, deadline: Deadline | None = None) -> list[tuple[int, int]]:
    """Character spans of the matches in `text`, merged.

    Matching runs on plain token strings; only a text that matches pays for
    the tokens with offsets, which most paragraphs of a hit never need.
    """
    text = as_read(text)  # same length: offsets in it are offsets in the text
    words = {EXACT: None, STEM: None}
    analyzers = analyzers_for(text)
    if targets.stems or any(v == STEM for v, _ in targets.sequences):
        words[STEM] = analyzers[STEM].analyze(text)
    if targets.prefixes or targets.sloppy or targets.near or any(v == EXACT for v, _ in targets.sequences):
        words[EXACT] = analyzers[EXACT].analyze(text)
    matches: list[tuple[int, int]] = []  # (first token, last token)
    if targets.stems:
        matches += [(i, i) for i, stem in enumerate(words[STEM]) if stem in targets.stems]
    for variant, sequence in targets.sequences:
        tokens, n = words[variant], len(sequence)
        if sequence[0] not in tokens:
            continue
        matches += [(i, i + n - 1) for i in range(len(tokens) - n + 1)
                    if tokens[i] == sequence[0] and tuple(tokens[i : i + n]) == sequence]
    for head, last in targets.prefixes:
        tokens = words[EXACT]
        matches += [(i - len(head), i) for i, word in enumerate(tokens)
                    if word.startswith(last) and _ends_with(tokens, i, head)]
    for sequence, slop in targets.sloppy:
        matches += sloppy_matches(words[EXACT], sequence, slop, deadline)
    if targets.near:
        near = near_words(words[EXACT], targets.near, targets.near_seen)
        matches += [(i, i) for i, word in enumerate(words[EXACT]) if word in near]
    if not matches:
        return []
    offsets = analyzers[EXACT].pre_tokenize(text).tokens
    return merge_spans([(offsets[first].char_offset_from, offsets[last].char_offset_to)
                        for first, last in matches if last < len(offsets)])


def sloppy_matches(tokens: list[str], sequence: tuple[str, ...], slop: int,
                   deadline: Deadline | None = None) -> list[tuple[int, int]]:
    """The (first, last) token spans a proximity phrase's words match in `tokens`.

    As Lucene and tantivy count a phrase's slop: each word's position less
    its place in the phrase, the spread of those (largest less smallest) at
    most `slop`, no position used twice. Each occurrence anchors a try, the
    other words taking their occurrences nearest to where the anchor puts
    them. Each word is marked apart, as Elasticsearch marks them, but words
    that stand together in the phrase's order are one span, as an exact
    phrase is (`elastic_highlight.join_phrases` joins them likewise).
    Every anchor costs a few microseconds a word, and a text of common words (a quote
    given as a whole transcript) has hundreds of thousands: `deadline` is checked as they go.
    """
    positions = [[i for i, token in enumerate(tokens) if token == word] for word in sequence]
    if not all(positions):
        return []
    marked: set[tuple[int, int]] = set()
    for anchor_place, occurrences in enumerate(positions):
        for tried, anchor in enumerate(occurrences):
            if deadline is not None and not tried % 1024:
                deadline.check("highlighting")
            base = anchor - anchor_place
            used: list[int] = []
            for place, candidates in enumerate(positions):
                nearest = _nearest_free(candidates, base + place, used)
                if nearest is None:
                    break
                used.append(nearest)
            else:
                shifted = [position - place for place, position in enumerate(used)]
                if max(shifted) == min(shifted):  # together, in order: the phrase as written
                    marked.add((used[0], used[-1]))
                elif max(shifted) - min(shifted) <= slop:
                    marked.update((position, position) for position in used)
    return sorted(marked)


def near_words(tokens: list[str], near: list[tuple[str, int]], seen: dict[str, bool] | None = None) -> set[str]:
    """The words of `tokens` within reach of a near spelling (`near`: each wanted word and its edits).

    Each distinct word is compared once: every occurrence was, so a long paragraph
    (100,000 characters, some 15,000 words but a few thousand distinct) cost 15,000
    comparisons a near spelling, and a query of forty near spellings on an article
    of such paragraphs took close to a minute for one hit, past any deadline.
    `seen` remembers the answers for the next paragraphs and hits of the same query.
    """
    seen = {} if seen is None else seen
    found = set()
    for word in set(tokens):
        within = seen.get(word)
        if within is None:
            within = seen[word] = any(within_edits(word, wanted, edits) for wanted, edits in near)
        if within:
            found.add(word)
    return found


def within_edits(word: str, wanted: str, edits: int) -> bool:
    """Whether `word` is at most `edits` insertions, deletions, substitutions or swaps of two
    neighbouring characters from `wanted`, as tantivy's fuzzy query (and Lucene's) counts.

    The optimal string alignment distance, row by row, given up as soon as a
    row holds nothing within `edits`: a paragraph's words are checked in
    about a microsecond each.
    """
    if word == wanted:
        return True
    if not edits or abs(len(word) - len(wanted)) > edits:
        return False
    if len(set(word).difference(wanted)) > edits:
        return False  # each edit brings at most one letter `wanted` lacks: most words end here, in C
    before: list[int] | None = None
    previous = list(range(len(wanted) + 1))
    for i, a in enumerate(word, 1):
        current = [i] + [0] * len(wanted)
        for j, b in enumerate(wanted, 1):
            cost = current[j - 1] + 1
            cost = min(cost, previous[j] + 1, previous[j - 1] + (a != b))
            if before is not None and j > 1 and a == wanted[j - 2] and word[i - 2] == b:
                cost = min(cost, before[j - 2] + 1)
            current[j] = cost
        if min(current) > edits:
            return False
        before, previous = previous, current
    return previous[-1] <= edits


def _nearest_free(candidates: list[int], target: int, used: list[int]) -> int | None:
    """The position in `candidates` (sorted) nearest `target` that `used` does not
    hold, the earlier of two as near; None when every one is used.

    Found by bisection, walking past the few used: scanning every candidate
    for every anchor was quadratic in a word's occurrences, and a 100,000
    character paragraph of common words took minutes per hit to highlight.
    """
    after = bisect_left(candidates, target)
    before = after - 1
    while before >= 0 and candidates[before] in used:
        before -= 1
    while after < len(candidates) and candidates[after] in used:
        after += 1
    found = [candidates[i] for i in (before, after) if 0 <= i < len(candidates)]
    return min(found, key=lambda position: (abs(position - target), position)) if found else None


def _ends_with(tokens: list[str], index: int, head: tuple[str, ...]) -> bool:
    if not head:
        return True
    start = index - len(head)
    return start >= 0 and tuple(tokens[start:index]) == head


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_SPACE = re.compile(r"\s")
_WORD_START = re.compile(r"(?<!\w)(?=\w)")
_WORD_END = re.compile(r"(?<=\w)(?!\w)")


def _fragment(text: str, spans: list[tuple[int, int]]) -> str:
    """A window of the paragraph around its first match, cut between words.

    Cut at a space where there is one; in a run without spaces (a URL, a
    chain of hyphenated words) at a word's edge, so a fragment never starts
    or ends in the middle of a word. Text without word edges (Chinese) is
    cut where the window falls.
    """
    if len(text) <= FRAGMENT_CHARS:
        return _render(text, spans, 0, len(text))
    first = spans[0][0]
    start = max(0, first - FRAGMENT_CHARS // 4)
    if start > 0:
        space = _SPACE.search(text, start, first)
        edge = _WORD_START.search(text, start, first + 1)
        start = space.end() if space else edge.start() if edge else start
    end = min(len(text), start + FRAGMENT_CHARS)
    if end < len(text):
        least = max(start, spans[0][1])
        end = _last(_SPACE, text, least, end) or _last(_WORD_END, text, least, end) or end
    inside = [(max(s, start), min(e, end)) for s, e in spans if e > start and s < end]
    rendered = _render(text, inside, start, end)
    return ("…" if start > 0 else "") + rendered + ("…" if end < len(text) else "")


def _last(pattern: re.Pattern, text: str, least: int, most: int) -> int | None:
    """Where the last match of `pattern` in `text` starts between `least` and `most`.

    The whole text is searched from `least` (an `endpos` would make its end
    a word's edge) and the matches past `most` are left.
    """
    found = None
    for match in pattern.finditer(text, least):
        if match.start() > most:
            break
        found = match.start()
    return found


_NEEDS_ESCAPING = re.compile(r"[&<>\"']")


def _escape(text: str) -> str:
    """`html.escape`, skipped for the common piece of text with nothing to escape."""
    return html.escape(text) if _NEEDS_ESCAPING.search(text) else text


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    opening, closing = HIGHLIGHT_TAGS
    pieces, position = [], start
    for span_start, span_end in spans:
        pieces.append(_escape(text[position:span_start]))
        pieces.append(opening + _escape(text[span_start:span_end]) + closing)
        position = span_end
    pieces.append(_escape(text[position:end]))
    return "".join(pieces)


class QuoteHighlighter:
    """A quote's whole text, escaped, with the query's `quote:` matches marked.

    Both backends use it, so a quote hit reads the same on either engine.
    """

    def __init__(self, query: Node, deadline: Deadline | None = None):
        self.targets = _targets(query, "quote")
        self.deadline = deadline  # a quote may be given as long as its article: see sloppy_matches

    def highlight(self, text: str) -> str:
        spans = _spans(text, self.targets, self.deadline) if self.targets else []
        return _render(text, spans, 0, len(text))
