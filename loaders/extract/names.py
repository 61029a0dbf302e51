"""Named mentions: capitalised runs split into title, affiliation and name, then typed.

Capitalisation finds names nobody listed; the lexicon only peels off what
surrounds them ("Azerbaijani President" before "Ilham Aliyev") and tells
newspapers and organisations from people.

This module scans a paragraph for the runs and builds the mentions; the
words of one run are split into title, affiliation and name in
titled_names.py, and a name is typed in name_kinds.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from loaders.extract.cues import trie_alternation, with_capitals
from loaders.extract.envoys import join_posted_titles
from loaders.extract.lexicon import NAME_SUFFIXES, NOT_NAME_WORDS, NUMBER_WORDS, OUTLETS
from loaders.extract.name_kinds import _KEPT_OPENERS, OUTLET_NAME_ENDS, classify_name, month_opens_company
from loaders.extract.nicknames import join_nicknames
from loaders.extract.portfolios import join_portfolios
from loaders.extract.runs import split_after_organisation, split_at_connectors, split_at_possessive
from loaders.extract.titled_names import _TITLES, _first_name_too, _name_word, _surname_too, split_title

_PARTICLE = r"(?:al|el|bin|ibn|abu|de|da|di|du|del|della|van|von|der|den|le|la|do|dos|das|ter|ten|bint)"
_HYPHENED_PARTICLES = ("al", "el", "as", "ash", "ad", "bin", "ibn", "abu", "bint")  # "al-Sadr"
_CAPITAL_TOKEN = with_capitals(rf"(?:[A-Z][\w'’.&-]*|(?:{'|'.join(_HYPHENED_PARTICLES)})-[A-Z][\w'’-]*)")


def _first_token() -> str:
    """_CAPITAL_TOKEN after no word character, opening with a class of the letters a token starts with.

    A pattern that opens with a character class lets `re` skip straight to
    the next capital (or particle letter) instead of trying the pattern at
    every position: the scan takes half the time. The letter is consumed
    first, then `(?<=...)` picks the alternative of _CAPITAL_TOKEN it began.
    """
    rests: dict[str, list[str]] = {}
    for particle in _HYPHENED_PARTICLES:
        rests.setdefault(particle[0], []).append(particle[1:])
    particles = "|".join(f"(?<={letter})(?:{'|'.join(rest)})-[A-Z][\\w'’-]*" for letter, rest in rests.items())
    return with_capitals(rf"[A-Z{''.join(rests)}](?<![\w'’-].)(?:(?<=[A-Z])[\w'’.&-]*|{particles})")


# Deliberately simple (one character class per token) so scanning a paragraph stays cheap; tokens
# that end a sentence ("Tel-Aviv. Azerbaijani ...") are split off afterwards in Python.
# Up to eleven capitalised words a run: "International Totalizator Systems Inc Vice President of Finance
# Joel Graff" is one run, so the name at its end is not cut off by the connectors it holds.
_CONNECTOR = r"(?:and|&|of|for|of[ ]the|for[ ]the)"
# The lower-case words a run goes on through, connectors and particles in one alternation factored by
# prefixes (`trie_alternation`), as `re` tries it after every capitalised word: a scan a fifth faster
# than `(?:{_CONNECTOR}[ ]|{_PARTICLE}[ ])`. Both find the same runs: only one of the words can stand
# before the space that must follow.
_RUN_WORD = (r"(?:(?:of|for)[ ]the|" + trie_alternation(sorted({"and", "&", "of", "for", *_PARTICLE[3:-1].split("|")}))
             + ")")
#: The second of two particles a name holds: "van den Broek", "von der Leyen", "de la Madrid".
_SECOND_PARTICLE = r"(?:den|der|de|la|las|los|le|du)"
_MENTION = re.compile(rf"{_first_token()}(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?{_CAPITAL_TOKEN}){{0,10}}")
#: _MENTION for a text with no hyphen before a capital, where no token can be a particle's ("al-Sadr")
#: and a run opens only at a capital: opening with [A-Z] alone, the scan skips from capital to capital
#: instead of stopping at every "a", "e", "b" and "i" (a third faster), and finds the same runs.
_MENTION_AT_CAPITALS = re.compile(
    with_capitals(r"[A-Z]") + rf"(?<![\w'’-].)[\w'’.&-]*(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?"
    rf"{_CAPITAL_TOKEN}){{0,10}}")
#: Both for a paragraph whose ticker marks were blanked (wirecopy.without_ticker_marks): a run goes on
#: across the spaces a ticker inside a name left ("Delta <DAL> Airlines Inc", "<" and ">" around up to
#: fifteen characters, a space either side), which split it into "Delta" and "Airlines Inc". Not after
#: a company's suffix or a possessive, where the ticker ends a name: "Chevron Corp's <CHV> Chevron
#: Exploration Ltd", "Exxon Corp <XON> Director", "Galactic Resources Ltd <GALCF> of Toronto".
_INSIDE_TICKER_GAP = (r"(?<!'s)(?<!’s)(?<![ ]Corp)(?<![ ]Inc)(?<![ ]Co)(?<![ ]Cos)(?<![ ]Ltd)(?<![ ]Plc)(?<![ ]PLC)"
                      rf"(?<![ ]AG)(?<![ ]NV)(?<![ ]SA)[ ]{{5,19}}{_CAPITAL_TOKEN}")
_MENTION_ACROSS_TICKERS = re.compile(
    rf"{_first_token()}(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?{_CAPITAL_TOKEN}|{_INSIDE_TICKER_GAP}){{0,10}}")
_MENTION_AT_CAPITALS_ACROSS_TICKERS = re.compile(
    with_capitals(r"[A-Z]") + rf"(?<![\w'’-].)[\w'’.&-]*(?:[ ](?:{_RUN_WORD}[ ](?:{_SECOND_PARTICLE}[ ])?)?"
    rf"{_CAPITAL_TOKEN}|{_INSIDE_TICKER_GAP}){{0,10}}")
_HYPHEN_CAPITAL = re.compile(with_capitals(r"-[A-Z]"))
_ABBREVIATED = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "col", "lt", "maj", "capt", "adm", "sgt", "prof", "rev",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "gens", "u.s", "u.k", "u.n", "e.u", "n.y", "d.c", "l.p",
    "fla", "calif", "mass", "conn", "ill", "mich", "minn", "wis", "tex", "va", "md", "pa", "n.j", "ariz", "colo",
    "ga", "ky", "la", "mo", "nev", "okla", "ore", "tenn", "wash", "mt", "ft", "no", "bros", "cos",
})


def _token_groups(chunk: str, base: int) -> list[list[tuple[int, int, str]]]:
    """Token spans of a capitalised run, split where a token ends a sentence."""
    groups: list[list[tuple[int, int, str]]] = [[]]
    offset = base
    for token in chunk.split(" "):
        if token:
            groups[-1].append((offset, offset + len(token), token))
            if token.endswith(".") and len(token) > 2 and token[:-1].lower() not in _ABBREVIATED \
                    and not _INITIALS.fullmatch(token):
                groups.append([])
        offset += len(token) + 1
    return [group for group in groups if group]


# Words after which a name is an object, not the one acting: "met Smith", "with Jones", "criticised state Treasurer X".
_OBJECT_LEADS = frozenset({
    "to", "with", "by", "against", "for", "of", "from", "at", "on", "about", "toward", "towards", "than", "into",
    "between", "among", "like", "under", "over", "via", "visited", "met", "meet", "meeting", "replace",
    "replaced", "succeed", "succeeded", "criticized", "criticised", "accused", "thanked", "called", "urged",
    "told", "attacked", "praised", "blamed", "named", "appointed", "fired", "sacked", "defeated", "beat",
    "endorsed", "nominated", "interviewed", "sued", "hired", "backed", "supported", "opposed", "challenged",
    "asked", "attacking", "accusing", "criticising", "criticizing", "praising", "defending", "thanking",
    "blaming", "whom",
})


def _object_position(text: str, start: int) -> bool:
    """True when one of the (up to) three words before `start` makes what follows an object."""
    before = text[max(0, start - 60):start]
    trimmed = before.rstrip()
    # Only the last few words count: rsplit stops there instead of splitting all sixty characters.
    if trimmed.endswith(","):
        # "attacking the front-runner, Senator Alice Monroe": in apposition to an object.
        words = trimmed[:-1].rsplit(None, 4)[-4:]
        return any(word.lower() in _OBJECT_LEADS for word in words[:-1])
    words = before.rsplit(None, 3)[-3:]
    if words and words[-1].lower() == "the":
        words.pop()
    for offset, word in enumerate(reversed(words)):
        lowered = word.lower()
        if lowered in _OBJECT_LEADS:
            return True
        if not lowered.isalpha() or not word.islower() or offset >= 2:
            return False
    return False

_INITIALS = re.compile(r"(?:[A-Z]\.)+")


class Mention(NamedTuple):
    """A named mention in a paragraph: the span covers the name only, not the title before it.

    A named tuple rather than a frozen dataclass: an article has dozens, and a
    frozen dataclass costs about three times as much to build.
    """

    paragraph: int
    start: int
    end: int
    name: str
    kind: str                 # person | organization | outlet | place | unknown
    title: str | None
    affiliation: str | None
    gender: str | None
    subject_like: bool        # not right after a preposition or a verb taking an object


def find_mentions(paragraph_index: int, text: str, tickers_blanked: bool = False) -> list[Mention]:
    """Capitalised runs of the paragraph, typed, with the title and affiliation written before them.

    `tickers_blanked`: the paragraph as written held ticker marks, blanked in `text`; a name
    goes on across a ticker's spaces then.
    """
    mentions: list[Mention] = []
    hyphen_capital = "-" in text and _HYPHEN_CAPITAL.search(text) is not None  # no hyphen, no "-A": spare the call
    if tickers_blanked and "     " in text:
        pattern = _MENTION_ACROSS_TICKERS if hyphen_capital else _MENTION_AT_CAPITALS_ACROSS_TICKERS
    else:
        pattern = _MENTION if hyphen_capital else _MENTION_AT_CAPITALS
    for match in pattern.finditer(text):
        base = match.start()
        for lead, start, end, name, kind, title, affiliation, gender in _run_names(match.group()):
            subject_like = kind not in ("person", "unknown") or not _object_position(text, base + lead)
            mentions.append(_new_tuple(Mention, (paragraph_index, base + start, base + end, name, kind, title,
                                                 affiliation, gender, subject_like)))
    if " to " in text and ("ssador to " in text or "nvoy to " in text or "tative to " in text
                           or "ssioner to " in text or "onsul to " in text):
        mentions = join_posted_titles(text, mentions)
    if ") " in text and " (" in text:
        mentions = join_nicknames(text, mentions)
    return mentions


#: Builds a Mention from its fields in order without the named tuple's `__new__`, a Python function
#: that only passes them on to this one: a tenth of find_mentions' time went to that call.
_new_tuple = tuple.__new__


NamedRun = tuple[int, int, int, str, str, str | None, str | None, str | None]


@lru_cache(maxsize=1 << 16)
def _run_names(run: str) -> tuple[NamedRun, ...]:
    """(run start, name start, name end, name, kind, title, affiliation, gender) of each name in a capitalised run.

    Offsets are within the run. All of it depends on the run's words alone,
    and the same runs ("The", "U.S.", "NEW YORK", a company's name) come back
    in article after article: cached, most of find_mentions is a lookup.
    """
    names = []
    for group in _token_groups(run, 0):
        whose = None
        for part in (piece for possessed in split_at_possessive(group) for piece in split_after_organisation(possessed)):
            organisation = None
            for spans, joined in split_at_connectors(part):
                named = _organisation_from_tokens(run, spans) if joined else _name_from_tokens(run, spans)
                if named is None:
                    continue
                holder = organisation if named[5] else whose
                if holder and not named[6]:
                    # "Bank of England Governor Robin Leigh-Pemberton", "Capel's Dennis": where they work.
                    named = (*named[:6], holder, named[7])
                organisation = named[3] if joined else None
                whose = None
                names.append(named)
            whose = names[-1][3] if names and part[-1][2].endswith(("'s", "’s")) else None
    return tuple(join_portfolios(run, names) if " and " in run else names)


_ABBREVIATED_COMPANIES = frozenset({"inc.", "corp.", "co.", "ltd.", "cos."})
#: Full stops a name keeps: a suffix's ("Jr."), and a company's ("Acme Inc. (NYSE: ACM) said" is
#: "Acme Inc.", as "Acme Inc. said" is where a cue's subject names it).
_KEPT_STOPS = NAME_SUFFIXES | _ABBREVIATED_COMPANIES


def _name_end(run: str, start: int, last: tuple[int, int, str], keep_stop: frozenset[str]) -> int:
    """Where a name ends: not at a sentence's full stop (unless it is an initial or in `keep_stop`), nor a possessive."""
    end = last[1]
    if run[end - 1] == "." and last[2].lower() not in keep_stop and not _INITIALS.fullmatch(last[2]):
        end -= 1
    if run[start:end].endswith(("’s", "'s")):
        end -= 2
    return end


def _organisation_from_tokens(run: str, spans: list[tuple[int, int, str]]) -> NamedRun | None:
    """An organisation's name with its connectors ("Bank of England"): no title to split off."""
    while spans and spans[0][2].lower() in NOT_NAME_WORDS:
        spans = spans[1:]
    while spans and spans[-1][2] in ("and", "&", "of", "for", "the"):
        spans = spans[:-1]  # "The Bank of England and Fed said": the "and" joins the next name, not this one
    if len(spans) < 3:
        return _name_from_tokens(run, spans) if spans else None
    start = spans[0][0]
    end = _name_end(run, start, spans[-1], _ABBREVIATED_COMPANIES)
    name = run[start:end]
    kind = "outlet" if classify_name(name) == "outlet" else "organization"
    return spans[0][0], start, end, name, kind, None, None, None


def _name_from_tokens(run: str, spans: list[tuple[int, int, str]]) -> NamedRun | None:
    """Title, affiliation and typed name of one group of capitalised tokens, or None if no name is left."""
    # Drop sentence-initial function words ("The", "According", "Furthermore"), but not from an
    # outlet's name ("The Sunday Herald").
    opening = spans[0] if spans else None
    while spans and (spans[0][2].lower().rstrip(".,") in NOT_NAME_WORDS or spans[0][2].endswith("-based")):
        if len(spans) > 1 and spans[0][2].lower() != "the" and \
                classify_name(" ".join(span[2] for span in spans)) == "outlet":
            break
        if spans[0][2] == "He" and len(spans) > 1 and _name_word(spans[1][2]):
            break  # "He Kang, Minister of Agriculture": the pronoun is followed by a verb, never a name
        if spans[0] is opening and _first_name_too([span[2] for span in spans]):
            break  # not after a word dropped: "In June Reagan said"
        if spans[0][2] in _KEPT_OPENERS and (spans[0] is opening or opening[2] == "The") and \
                month_opens_company([span[2] for span in spans]):
            break  # not after a preposition: "In May Acme Corp said" is a month
        spans = spans[1:]
    while spans and spans[-1][2].lower().rstrip(".,") in NOT_NAME_WORDS and \
            not _surname_too([span[2] for span in spans]):
        spans = spans[:-1]
    if not spans:
        return None
    title_words, name_words, affiliation, gender = split_title([span[2] for span in spans])
    if not name_words:
        return None
    name_spans = spans[len(spans) - len(name_words):]
    start = name_spans[0][0]
    end = _name_end(run, start, name_spans[-1], _KEPT_STOPS)
    name = run[start:end]
    lowered = name.lower()
    if opening is not None and opening[2] == "The" and len(spans) == 1 and opening[1] + 1 == start \
            and f"the {lowered}" in OUTLETS:
        # "told The Economist", "The Independent reported": a paper whose name, "The" aside, is a title word
        return opening[0], opening[0], end, run[opening[0]:end], "outlet", None, None, None
    if len(name) < 2 or lowered in NUMBER_WORDS or lowered.rstrip(".") in _TITLES:
        return None  # "Five", "Nigerian Oil Minister": no name is left
    if title_words and " " not in name and lowered in OUTLET_NAME_ENDS:
        # "the Oil World newsletter", "Petroleum Intelligence Weekly": a title-like word opens an outlet's name
        return spans[0][0], spans[0][0], end, run[spans[0][0]:end], "outlet", None, None, None
    kind = classify_name(name)
    if title_words and kind in ("unknown", "place") and name[:1].isupper():
        kind = "person"
    title = " ".join(title_words) if title_words else None
    if title and title.lower() in ("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "miss", "sir"):
        title = None if title.lower() != "dr." else "Dr."
    return spans[0][0], start, end, name, kind, title, affiliation, gender
