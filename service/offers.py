"""Other searches a page offers beside its own ("did you mean").

Each is a search the client can run as it is: for one that found nothing, the
query with its words as near spellings, and the speakers whose names hold the
name given; for one by a speaker's whole name, the speakers named by part of it.
"""
from __future__ import annotations

from typing import Callable

from .backends.base import SearchPage
from .backends.keys import normalize_key
from .errors import EngineTimeout
from .query import MATCH_ALL, And, Node, Or, QueryError, Term, combined
from .query.ast import fuzzy_edits
from .query.format import to_text
from .query.parser import words
from .query.spelling import with_near_spellings, within_edits
from .search import parse_query

#: Speakers offered at most, most quoted first.
MOST_NEAR_SPEAKERS = 10
#: Speakers counted among the documents found, to pick the offers from: an article
#: quoting a name quotes others beside it.
MOST_CANDIDATES = 100
#: Words of a name looked for: a longer "name" is no name a story prints.
MOST_NAME_WORDS = 8
#: The query language's operators, which a name typed in capitals holds as words ("PROCTER AND GAMBLE").
OPERATORS = frozenset({"AND", "OR", "NOT"})


def near_spellings(run: Callable[[dict], SearchPage], args: dict, total: int) -> dict | None:
    """For a search whose words found nothing: the same search with each word a near
    spelling (`gadaffi~2`, query/spelling.py) and what it finds, when it finds any.

    `run` is the search `args` went to (articles or quotes), run once more with
    the loosened `q`; `total` what `args` found. None when it found something, is a claim
    (match=near, which reads words, not the query language), or has no word to
    loosen, or the loosened query would pass the query limits, or its search ran out of time.
    """
    if total or args.get("match") == "near":
        return None
    try:
        loosened = with_near_spellings(parse_query(args.get("q")))
        if loosened is None:
            return None
        query = to_text(loosened)
        parse_query(query)  # two characters more a word: still within the limits
    except QueryError:
        return None
    try:
        found = run({**args, "q": query, "size": 1, "cursor": None, "facets": (), "highlight": False})
    except EngineTimeout:
        # An offer, not the search asked for: that one was answered in time. Near spellings of
        # short words may take a large index past the deadline; a 504 then named a query
        # the client never typed.
        return None
    if not found.total:
        return None
    return {"q": query, "total": found.total, "total_exact": found.total_exact}


def offers(run: Callable[[dict], SearchPage], args: dict, total: int) -> dict:
    """Every offer, as a page of the API holds them (each null when it has none)."""
    return {"near_spellings": near_spellings(run, args, total), "near_speakers": near_speakers(run, args, total),
            "shorter_names": shorter_names(run, args)}


def near_speakers(run: Callable[[dict], SearchPage], args: dict, total: int) -> list[dict] | None:
    """For a search by speaker that found nothing: the speakers whose names hold every
    word of a name given, or failing that a near spelling of each, under the same
    query and other filters, most quoted first, as the `speaker` filter takes them.

    The filter matches a whole name as stories print it ("Paul Volcker"): a surname
    alone, a name without its initial ("James Baker" for "James A. Baker") or one
    spelt as heard ("Volker") found nothing, and a fact-checker cannot guess the
    archive's spelling. `run` is the search `args` went to (articles or quotes): its
    `count` is what each name finds there. None when the search found something,
    named no speaker, or the look-up failed (`_speakers_found`).
    """
    given = _given(args)
    named = _any_name(given)
    if total or named is None:
        return None
    asked = {normalize_key(name) for name in given}
    for near, query in ((False, named), (True, with_near_spellings(named))):
        if query is None:
            continue
        found = _speakers_found(run, args, query)
        if found is None:
            return None
        names = [bucket for bucket in found if normalize_key(bucket["name"]) not in asked
                 and any(_holds(bucket["name"], name, near) for name in given)]
        if names:
            return names[:MOST_NEAR_SPEAKERS]
    return None


def shorter_names(run: Callable[[dict], SearchPage], args: dict) -> list[dict] | None:
    """For a search by a speaker's whole name: the speakers named by part of it that hold its
    surname, as stories that never print it whole name them ("Reagan" for "Ronald Reagan":
    36 quotes in the Reuters archive against 1; "James Baker" for "James A. Baker"), under the
    same query and filters, most found first. Offered, never merged: another Reagan may be meant.

    Any part of a name was too much: "Nigel" for "Nigel Lawson", "Bank" for "Bank of
    England", "U" for "U.S. Agriculture Department", and descriptions ("a spokesman" for "a
    company spokesman"). Hence the surname, and a name as stories print one (a capital first).
    On a search's first page only (a client paging on has seen it); None when there is
    none, no name of several words was given, or the look-up failed (`_speakers_found`)."""
    given = [name for name in _given(args) if 1 < len(words(name)) <= MOST_NAME_WORDS]
    if not given or args.get("cursor"):
        return None
    said = sorted({word for name in given for word in words(name)})
    terms = tuple(_speaker_word(word) for word in said)
    found = _speakers_found(run, args, combined(Or, terms))
    if found is None:
        return None
    asked = {normalize_key(name) for name in _given(args)}  # one-word names too: "Reagan" added already
    wholes = [(_word_keys(name), _surname_key(name)) for name in given]
    names = [bucket for bucket in found if normalize_key(bucket["name"]) not in asked
             and not bucket["name"][:1].islower()
             and any(surname in (keys := _word_keys(bucket["name"])) and keys < whole for whole, surname in wholes)]
    return names[:MOST_NEAR_SPEAKERS] or None


#: A company's legal form, which ends its name where a person's surname stands.
_LEGAL_FORMS = frozenset("co corp corporation inc incorporated ltd limited plc llc ag sa nv spa gmbh bv".split())


def _surname_key(name: str) -> str:
    """The key of a name's last word ("Reagan, Ronald": the last before a comma), a company's
    legal form aside ("Procter and Gamble Co": "gamble")."""
    said = [normalize_key(word) for word in words(name.partition(",")[0]) or words(name)]
    named = [word for word in said if word not in _LEGAL_FORMS] or said
    return named[-1]


def _given(args: dict) -> list[str]:
    return [name for name in args.get("speaker") or () if name.strip()]


def _speakers_found(run: Callable[[dict], SearchPage], args: dict, names: Node) -> list[dict] | None:
    """The speakers (`name`, `count`) of what `args` finds with `names` in place of its speaker
    filter, most found first. A claim (match=near) is not the query language, and no names
    can join it: the speakers are then those of the quotes near the claim, without the filter,
    as the offer's link (the same claim, another speaker) counts them; counted among every
    quote, a name was offered with all its quotes and its link found none. None when the
    search would pass the query limits (as the client's next one must not) or ran out of time
    (an offer never turns an answered search into a 504)."""
    looked = {**args, "speaker": None, "size": 1, "cursor": None, "highlight": False, "facets": ("speaker",),
              "facet_size": MOST_CANDIDATES}
    try:
        if args.get("match") != "near":
            typed = parse_query(args.get("q"))
            text = to_text(names if typed == MATCH_ALL else And((typed, names)))
            parse_query(text)
            looked.update(q=text, match="exact")
        found = run(looked)
    except (QueryError, EngineTimeout):
        return None
    return [{"name": bucket["value"], "count": bucket["count"]} for bucket in found.facets.get("speaker", ())]


def _holds(name: str, given: str, near: bool) -> bool:
    """Whether `name` has a word for each word of `given` (the same key, or with `near`
    within the edits a bare `~` allows): an article found by one speaker's name lists
    every speaker it quotes, and only that one is offered."""
    held = _word_keys(name)
    said = words(given)
    initials = set(said) - set(_without_initials(said))
    return all(any(word == asked or (near and within_edits(asked, word, fuzzy_edits(asked)))
                   or (typed in initials and word.startswith(asked)) for word in held)
               for typed, asked in ((word, normalize_key(word)) for word in said))


def _without_initials(said: list[str]) -> list[str]:
    """A name's words but its initials ("J. Baker" is James Baker, James A. Baker, Jim Baker:
    `_holds` takes any word starting with the letter), unless it is initials only. A word of
    one letter matched only itself, and "J. Baker" found no "James Baker" to offer."""
    return [word for word in said if not _is_initial(word)] or said


def _is_initial(word: str) -> bool:
    """A single cased letter ("J"), not a word of one character in a script without case ("北")."""
    return len(word) == 1 and word.lower() != word.upper()


def _word_keys(name: str) -> set[str]:
    """The keys of a name's words as `_holds` compares them: "Reagan, Ronald" is Ronald
    Reagan, where its key split at spaces made "reagan," a word no shorter name holds."""
    return {normalize_key(word) for word in words(name)}


def _speaker_word(word: str) -> Term:
    """A word of a name, as the speaker field looks for it. An operator word is lower-cased
    (the field is insensitive to case): `speaker:AND` is no query, and a name in capitals
    holding one was offered nothing."""
    return Term(word.lower() if word in OPERATORS else word, "speaker")


def _any_name(names: list[str]) -> Node | None:
    """Speaker fields holding every word of one of `names` (in any order, so "Volcker, Paul"
    is Paul Volcker too); None when no name has a word, or one has too many."""
    alternatives = []
    for name in names:
        said = words(name)
        if not said or len(said) > MOST_NAME_WORDS:
            continue
        terms = tuple(_speaker_word(word) for word in _without_initials(said))
        alternatives.append(combined(And, terms))
    if not alternatives:
        return None
    return combined(Or, alternatives)
