"""`/` (article search) and `/quote-search` (one hit per quote).

Both read the query string with the API's schemas (`forms.Form`), call the
API's own functions (`service.search.search`, `service.quotes.search_quotes`)
and render the page dict the API would have returned. A bad query or a bad
parameter answers 400 with the page and the message next to the box. An
engine that cannot answer (unavailable, or past the search deadline) gets the
API's status (503, 504) with the form still filled in, so the search can be
narrowed or sent again as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from flask import render_template, request, url_for

from ..api.resources import backend
from ..api.errors import retry_headers, status_of
from ..backends.keys import normalize_key
from ..errors import BackendUnavailable, EngineTimeout, InvalidCursor, InvalidRequest, NewsIndexError
from ..limits import query_limits
from ..offers import near_speakers, near_spellings, shorter_names
from ..query import QueryError, parse
from ..quotes import search_quotes
from ..schemas.quotes import QuoteArgsSchema
from ..schemas.search import SearchArgsSchema
from ..search import page_as_dict, search
from . import REFUSED_SEARCHES, bp, failure_title
from .forms import Form
from .templating import KIND_LABELS

SEARCH_FACETS = ("outlet", "place", "author", "source_kind")
QUOTE_FACETS = ("speaker", "source_kind", "outlet")
FACET_LABELS = {"outlet": "Outlet", "place": "Dateline place", "source_kind": "Source kind",
                "speaker": "Speaker", "source": "Source", "section": "Section", "language": "Language",
                "author": "Author", "tag": "Tag", "from": "From", "until": "Until",
                "ingested_from": "Added from", "ingested_until": "Added until"}
#: What the error list calls each parameter: the form's own words, never the URL's names.
ERROR_LABELS = {**FACET_LABELS, "from": "Published from", "until": "Published until", "cursor": "Page link",
                "size": "Results per page", "sort": "Order", "match": "Match", "facets": "Facets",
                "facet_size": "Facet size", "highlight": "Highlighting"}
STALE_CURSOR = ("This link to a later page of results is not one this service gave for this search "
                "(it may be out of date, or edited). Start again from the first page.")
NEAR_WITHOUT_WORDS = "Near finds a quote or a claim by its words, and there are none here: type or paste one."
_TOP_OR = re.compile(r"\bOR\b")
_POSITION = re.compile(r"\bposition (\d+)")
#: Each is shown: a box, or a ticked checkbox and a chip. `ingested_from` and `_until` (a feed's
#: page link may carry them) rode along hidden, so a search found nothing for no reason shown,
#: and kept finding nothing for every query typed after it.
FILTERS = ("from", "until", "outlet", "place", "speaker", "source", "source_kind", "section", "language", "author",
           "tag", "ingested_from", "ingested_until")
#: The order menu's first choice, named: best match for a query, and with
#: none typed yet (every score the same) the newest first, as the menu says.
DEFAULT_ORDER = {"sort": "relevance"}
#: Name filters (whole name) and the query field that matches part of a name.
NAME_FIELDS = {"speaker": "speaker", "outlet": "outlet", "place": "dateline"}
#: What the export endpoints do not take (they stream every match, newest or oldest first).
NOT_EXPORTED = ("cursor", "size", "highlight", "facets", "facet_size")
NOT_FOLLOWED = (*NOT_EXPORTED, "sort")


@dataclass(frozen=True)
class _SearchPage:
    """What the article search page and the quote search page each take, show and run."""

    schema: type
    template: str
    #: The boxes the form shows.
    visible: tuple[str, ...]
    #: Endpoints, not paths: under a path prefix (SCRIPT_NAME) `url_for` holds it, and the
    #: paths written here ("/feeds/search") linked outside the service.
    export: str
    #: Its Atom feed (service/api/feeds.py): the latest matches, to follow.
    feed: str
    facets: tuple[str, ...]
    search: Callable

    def form(self) -> Form:
        return Form(self.schema(), request.args, unset=DEFAULT_ORDER)

    def render(self, form: Form, page: dict | None, failure: NewsIndexError | None = None,
               offers: dict | None = None):
        return _render(self.template, form, page, self.visible, export=url_for(self.export), feed=url_for(self.feed),
                       failure=failure, offers=offers)


ARTICLES = _SearchPage(SearchArgsSchema, "web/search.html", ("q", "from", "until", "outlet", "place", "author",
                                                              "source_kind", "sort"), "export.Export", "feeds.SearchFeed",
                       SEARCH_FACETS, search)
QUOTES = _SearchPage(QuoteArgsSchema, "web/quotes.html", ("q", "match", "from", "until", "speaker", "source_kind",
                                                           "outlet", "sort"), "export.QuoteExport", "feeds.QuoteFeed",
                     QUOTE_FACETS, search_quotes)


@bp.get("/")
def search_page():
    return _searched(ARTICLES)


@bp.get("/quote-search")
def quote_search_page():
    return _searched(QUOTES)


def _searched(kind: _SearchPage):
    form = kind.form()
    run = lambda args: kind.search(backend(), args)  # noqa: E731
    try:
        page = _run(form, lambda args: page_as_dict(run(args)), kind.facets)
        offers = {"near": _near_spelling_search(form, page, run),
                  "near_speakers": _near_speaker_searches(form, page, run),
                  "shorter_names": _shorter_name_searches(form, page, run)}
    except (BackendUnavailable, EngineTimeout) as error:
        return kind.render(form, None, error)
    return kind.render(form, page, offers=offers)


def _near_spelling_search(form: Form, page: dict | None, run: Callable) -> dict | None:
    """The API's `near_spellings` (service/search.py) for this form, with its link."""
    if page is None or not form.valid:
        return None
    near = near_spellings(run, form.data, page["total"])
    return near and {**near, "href": form.query_string(q=near["q"])}


def _near_speaker_searches(form: Form, page: dict | None, run: Callable) -> list[dict] | None:
    """The API's `near_speakers` (service/offers.py) for this form, each with its link: the
    search with that speaker in place of the names given."""
    if page is None or not form.valid:
        return None
    speakers = near_speakers(run, form.data, page["total"])
    return speakers and [{**speaker, "href": form.query_string(speaker=speaker["name"])} for speaker in speakers]


def _shorter_name_searches(form: Form, page: dict | None, run: Callable) -> list[dict] | None:
    """The API's `shorter_names` (service/offers.py) for this form, each with its link: the
    search with that speaker added to the names given (the filter takes any of them). None
    when the form holds as many filter values as a page takes: the link was to a 400 page."""
    if page is None or not form.valid or form.filter_room() < 1:
        return None
    names = shorter_names(run, form.data)
    return names and [{**name, "href": form.query_string(speaker=[*form.values("speaker"), name["name"]])}
                      for name in names]


REFUSED_SEARCHES["web.search_page"] = lambda error: ARTICLES.render(ARTICLES.form(), None, error)
REFUSED_SEARCHES["web.quote_search_page"] = lambda error: QUOTES.render(QUOTES.form(), None, error)


def _run(form: Form, call: Callable[[dict], dict], facets: tuple[str, ...]) -> dict | None:
    if not form.valid:
        return None
    args = {**form.data, "facets": facets, "highlight": True}
    try:
        page = call(args)
        for name in facets:
            if form.data.get(name):
                page["facets"][name] = _drill_down_counts(call, args, name, page["facets"].get(name) or [])
        return page
    except QueryError as error:  # positions as people count them: the first character is 1
        form.fail("q", _POSITION.sub(lambda found: f"character {int(found.group(1)) + 1}", error.message))
    except InvalidCursor:  # a stale or edited page link
        form.fail("cursor", STALE_CURSOR)
    except InvalidRequest as error:
        if error.details.get("parameter") == "q":  # Near, and not one word to match
            form.fail("q", NEAR_WITHOUT_WORDS)
        else:
            form.fail("form", error.message)
    return None


def _drill_down_counts(call: Callable[[dict], dict], args: dict, name: str, filtered: list[dict]) -> list[dict]:
    """Counts for a facet that is itself filtered, each what its link gives.

    A facet link replaces the facet's values (`Form.drill`), so a value's
    count is the matches of every other filter and that value: the same
    search without this facet's own filter, counting this facet only. The
    active values keep their place even past `facet_size`; their count in the
    filtered page is the same number (other filters and that value)."""
    others = call({**args, name: [], "facets": (name,), "size": 1, "cursor": None, "highlight": False})
    buckets = list(others["facets"].get(name) or [])
    shown = {normalize_key(bucket["value"]) for bucket in buckets}
    active = {normalize_key(value) for value in args.get(name) or []}
    buckets += [bucket for bucket in filtered if normalize_key(bucket["value"]) not in shown
                and normalize_key(bucket["value"]) in active]
    return buckets


def _render(template: str, form: Form, page: dict | None, visible: tuple[str, ...], export: str, feed: str,
            failure: NewsIndexError | None = None, offers: dict | None = None):
    """`offers`: the other searches the page offers (`near`, `near_speakers`, `shorter_names`;
    service/offers.py), each with its link, by the names the templates use."""
    offers = offers or {}
    # What the form shows is what it submits: every filter has a box (one per
    # value) or, when this form has none for it, a ticked checkbox; only
    # settings such as `size` ride along hidden.
    other_filters = [{"name": name, "label": FACET_LABELS[name], "value": value, "text": _shown(name, value)}
                     for name in FILTERS if name not in visible for value in form.values(name)]
    # A refused setting is not sent again: it has no box to be corrected in.
    hidden = [(name, value) for name, values in form.raw.items() if name != "cursor" and name not in visible
              and name not in FILTERS and name not in form.errors for value in values]
    chips = [{"label": FACET_LABELS[name], "text": _shown(name, value), "remove": form.without(name, value)}
             for name in FILTERS for value in form.values(name)]
    export_query = form.query_string(drop=NOT_EXPORTED)  # no sort: relevance, which exports newest first
    feed_query = form.query_string(drop=NOT_FOLLOWED)  # the feed keeps its own order
    in_form_words(form)
    status = status_of(failure) if failure else 200 if form.valid else 400
    # A speaker offered by name needs no offer of part of the name as well.
    partial_name = _partial_name_search(form, ("speaker",) if offers.get("near_speakers") else ()) \
        if page is not None and not page["total"] else None
    shown_failure = failure and {"title": failure_title(failure), "message": failure.message}
    return render_template(template, form=form, page=page, hidden=hidden, chips=chips,
                           other_filters=other_filters, failure=shown_failure, partial_name=partial_name,
                           window_end=_window_end(form, page),
                           labels=ERROR_LABELS, export=export, export_query=export_query, feed=feed,
                           feed_query=feed_query, near=offers.get("near"), near_speakers=offers.get("near_speakers"),
                           shorter_names=offers.get("shorter_names"),
                           status=status), status, retry_headers(failure) if failure else {}


def in_form_words(form: Form) -> None:
    """The schema's messages name the URL's parameters ('from'); a page's reader knows the boxes."""
    for name, message in form.errors.items():
        form.errors[name] = (message.replace("'from'", "“Published from”").replace("'until'", "“Published until”")
                             .replace("'ingested_from'", "“Added from”").replace("'ingested_until'", "“Added until”"))


def _shown(name: str, value: str) -> str:
    """A filter's value as the form labels it: a source kind by its checkbox's
    word (`organization` is "Organisation"), any other value as given."""
    return KIND_LABELS.get(value.casefold(), value) if name == "source_kind" else value


def _window_end(form: Form, page: dict | None) -> str | None:
    """Best-match order stops at MAX_RELEVANCE_WINDOW hits: on its last page
    (`relevance_window_end`, as the API says it), the same search newest first,
    which pages on, instead of a Next link that is not there."""
    if page is None or not page["relevance_window_end"]:
        return None
    return form.query_string(sort="newest")


def _partial_name_search(form: Form, offered: tuple[str, ...] = ()) -> dict | None:
    """For a search that found nothing: its name filters moved into the query
    as fields (`speaker:"Okafor"`), which match part of a name, where a filter
    ("Okafor") only matches a whole one ("Lena Okafor"). Not for Near, whose
    box holds a claim, not the query language; nor when the query it makes
    would be refused (`speaker=O*`: a prefix needs two letters), as a link
    to a 400 page; nor for the names `offered` whole already (near speakers)."""
    moved = {name: [v for v in form.values(name) if '"' not in v] for name in NAME_FIELDS if name not in offered}
    if form.value("match") == "near" or not any(moved.values()):
        return None
    query = form.value("q").strip()
    if _TOP_OR.search(query):  # `a OR b speaker:x` would be `a OR (b speaker:x)`
        query = f"({query})"
    for name, values in moved.items():
        fields = [f'{NAME_FIELDS[name]}:"{value}"' for value in values]
        if fields:
            query = " ".join([query, fields[0] if len(fields) == 1 else f"({' OR '.join(fields)})"]).strip()
    try:
        parse(query, **query_limits())
    except QueryError:
        return None
    kept = {name: [v for v in form.values(name) if v not in values] or None for name, values in moved.items()}
    return {"labels": [FACET_LABELS[name] for name, values in moved.items() if values], "query": query,
            "href": form.query_string(q=query, **kept)}
