"""What a search that found nothing offers instead ("did you mean").

Both are searches the client can run as they are: the query with its words
as near spellings, and the speakers whose names hold the name given.
"""
from __future__ import annotations

from typing import Callable

from .backends.base import SearchPage
from .backends.keys import normalize_key
from .errors import EngineTimeout
from .query import MATCH_ALL, And, Node, Or, QueryError, Term
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
    """Both offers, as a page of the API holds them (each null unless the search found nothing)."""
    return {"near_spellings": near_spellings(run, args, total), "near_speakers": near_speakers(run, args, total)}


def near_speakers(run: Callable[[dict], SearchPage], args: dict, total: int) -> list[dict] | None:
    """For a search by speaker that found nothing: the speakers whose names hold every
    word of a name given, or failing that a near spelling of each, under the same
    query and other filters, most quoted first, as the `speaker` filter takes them.

    The filter matches a whole name as stories print it ("Paul Volcker"): a surname
    alone, a name without its initial ("James Baker" for "James A. Baker") or one
    spelt as heard ("Volker") found nothing, and a fact-checker cannot guess the
    archive's spelling. `run` is the search `args` went to (articles or quotes): its
    `count` is what each name finds there. A claim (match=near) is not the query
    language: the names are then looked for among every quote. None when the search
    found something, named no speaker, or the look-up would pass the query limits or
    ran out of time.
    """
    given = [name for name in args.get("speaker") or () if name.strip()]
    named = _any_name(given)
    if total or named is None:
        return None
    claim = args.get("match") == "near"
    asked = {normalize_key(name) for name in given}
    for near, query in ((False, named), (True, with_near_spellings(named))):
        if query is None:
            continue
        try:
            typed = MATCH_ALL if claim else parse_query(args.get("q"))
            text = to_text(query if typed == MATCH_ALL else And((typed, query)))
            parse_query(text)  # within the limits, as the client's next search must be
            found = run({**args, "q": text, "match": "exact", "speaker": None, "size": 1, "cursor": None,
                         "highlight": False, "facets": ("speaker",), "facet_size": MOST_CANDIDATES})
        except (QueryError, EngineTimeout):
            return None
        names = [{"name": bucket["value"], "count": bucket["count"]} for bucket in found.facets.get("speaker", ())
                 if normalize_key(bucket["value"]) not in asked and any(
                     _holds(bucket["value"], name, near) for name in given)]
        if names:
            return names[:MOST_NEAR_SPEAKERS]
    return None


def _holds(name: str, given: str, near: bool) -> bool:
    """Whether `name` has a word for each word of `given` (the same key, or with `near`
    within the edits a bare `~` allows): an article found by one speaker's name lists
    every speaker it quotes, and only that one is offered."""
    held = [normalize_key(word) for word in words(name)]
    return all(any(word == asked or (near and within_edits(asked, word, fuzzy_edits(asked))) for word in held)
               for asked in (normalize_key(word) for word in words(given)))


def _any_name(names: list[str]) -> Node | None:
    """Speaker fields holding every word of one of `names` (in any order, so "Volcker, Paul"
    is Paul Volcker too); None when no name has a word, or one has too many."""
    alternatives = []
    for name in names:
        said = words(name)
        if not said or len(said) > MOST_NAME_WORDS:
            continue
        terms = tuple(Term(word, "speaker") for word in said)
        alternatives.append(terms[0] if len(terms) == 1 else And(terms))
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else Or(tuple(alternatives))
