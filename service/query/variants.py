"""Other spellings of what was typed: `US` also finds "U.S.", `U.K.` "UK",
`cease-fire` "ceasefire", `ceasefire` "cease-fire".

Outlets spell the same word differently. Wire copy and American papers dot
their acronyms ("U.S.", "U.N.", "F.B.I."), British and most online copy does
not ("US", "UN", "FBI"); AP writes "cease-fire" and "co-operation" where
Reuters writes "ceasefire" and "cooperation". The engines read each pair as
different words: on the Reuters corpus `US` found 158 articles and `U.S.`
2,017, `co-operation` 10 and `cooperation` 224. A fact-checker typing
`US sanctions` meant both.

What is widened, only as typed:

* a word of two to four capitals (`US`, `NATO`): also dotted ("U.S.");
  five or more is a word shouted (a headline pasted in capitals), not an
  acronym;
* letters each followed by a dot (`U.K.`, `U.K`): also undotted ("UK"),
  unless that is a common lower-case word too (`U.S.` is not widened to
  "us": the pronoun would find every article quoting anyone who "told us";
  `US` typed in capitals already is that word, as it always was);
* a word of letters joined by hyphens (`cease-fire`, `e-mail`): also joined
  ("ceasefire"). The other way only for the compounds in `COMPOUNDS`, which
  newsrooms write joined, hyphenated and open (`ceasefire` also finds
  "cease-fire" and "cease fire", `percent` "per cent", `reelection`
  "re-election", `antisemitism` "anti-Semitism"), and their plurals in "s":
  anywhere else, where a joined word would split is a guess ("therapist",
  "nowhere"), and the engines would find "the rapist". None of them splits
  into a verb and its particle ("takeover", "shutdown", "bailout"), which
  would find every "take over";
* a possessive word, outside a phrase (`Japan's`, `countries'`): also the
  word alone, as a word is stemmed ("floods" finds "flood"). Both engines
  read "Japan's" as "japan" then "s", so `Japan's` found 214 Reuters
  articles where `Japan` finds 627; English analyzers drop the "'s" (Lucene's
  possessive filter, which the backends cannot use: docs/engine-notes.md).
  A phrase is exact, and keeps it.

A phrase is widened in each spelling of its words, up to
`MOST_VARIANT_WORDS_A_PHRASE` of them (two: four phrases). Word starts and
`~` words stay as typed. Applied to the query as the engines run it
(`service.search.build_request`), never to the text the user typed: the query
shown back and its near spellings read as typed. Pure: no engine, no Flask.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .ast import And, Node, Not, Or, Phrase, Term

_CAPITALS = re.compile(r"[A-Z]{2,4}")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){1,4}[A-Za-z]\.?")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_POSSESSIVE = re.compile(r"(?P<word>\w*[^\W\d_]\w*)['’ʼ](?:[sS])?")
#: Undotted acronyms that are common words too: `U.S.` is not widened to "us".
COMMON_WORDS = frozenset({
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me", "my", "no", "of",
    "oh", "ok", "on", "or", "so", "to", "up", "us", "we",
})
MOST_VARIANT_WORDS_A_PHRASE = 2
#: Compounds outlets write joined, hyphenated or open, written joined with a hyphen where they
#: split: `ceasefire` is also searched as `cease-fire`, which the engines read as the phrase
#: "cease fire" (found hyphenated or open). Lower case; a plural in "s" splits the same way.
COMPOUNDS = {joined.replace("-", ""): joined.index("-") for joined in (
    "air-strike", "anti-semitism", "anti-semitic", "best-seller", "cease-fire", "co-operation", "co-operate",
    "co-ordinate", "co-ordination", "co-ordinator", "counter-attack", "counter-offensive", "counter-terrorism",
    "cross-border", "cyber-attack", "cyber-security", "decision-maker", "decision-making", "e-mail",
    "euro-zone", "front-line", "grass-roots", "hard-line", "hard-liner", "health-care", "heat-wave",
    "land-mine", "mid-term", "multi-billion", "multi-million", "nation-wide", "non-partisan", "non-profit",
    "non-violent", "oil-field", "peace-keeper", "peace-keeping", "per-cent", "policy-maker", "policy-making",
    "post-war", "pre-existing", "pre-war", "re-elect", "re-elected", "re-election", "roll-out", "stand-off",
    "sub-prime", "web-site", "whistle-blower", "world-wide",
)}


def with_variants(node: Node) -> Node:
    """`node` with each word typed in one spelling also matching the other."""
    if isinstance(node, Term):
        forms = spellings(node.text)
        if (possessive := _POSSESSIVE.fullmatch(node.text)) is not None:
            forms = (*forms, *spellings(possessive["word"]))
        return node if len(forms) == 1 else Or(tuple(replace(node, text=form) for form in forms))
    if isinstance(node, Phrase):
        return _phrase(node)
    if isinstance(node, (And, Or)):
        return type(node)(tuple(with_variants(child) for child in node.children))
    if isinstance(node, Not):
        return Not(with_variants(node.child))
    return node  # a word start, a fuzzy word, MatchAll, MatchNone: as typed


def spellings(word: str) -> tuple[str, ...]:
    """The word as typed first, then its other spelling, if it has one."""
    if _CAPITALS.fullmatch(word):
        return word, ".".join(word) + "."
    if _DOTTED.fullmatch(word):
        undotted = word.replace(".", "")
        return (word,) if undotted.lower() in COMMON_WORDS else (word, undotted)
    if _HYPHENATED.fullmatch(word):
        return word, word.replace("-", "")
    if (split := _split_at(word.lower())) is not None:
        return word, f"{word[:split]}-{word[split:]}"
    return (word,)


def _split_at(word: str) -> int | None:
    """Where a compound of `COMPOUNDS` (or its plural in "s") splits, else None."""
    split = COMPOUNDS.get(word)
    if split is None and word.endswith("s"):
        split = COMPOUNDS.get(word[:-1])
    return split


def _phrase(node: Phrase) -> Node:
    choices = [spellings(word) for word in node.text.split(" ")]
    if sum(len(forms) > 1 for forms in choices) not in range(1, MOST_VARIANT_WORDS_A_PHRASE + 1):
        return node
    return Or(tuple(replace(node, text=" ".join(variant)) for variant in itertools.product(*choices)))
