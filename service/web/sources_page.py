"""`/source-search`: who the archive rests on, most cited first.

The API's `GET /sources` as a page (the API owns that path): the query string
is read with the API's schema (`forms.Form`) and answered by the API's own
function (`service.quotes.sources`), so the table lists the names, counts and
order the JSON does. Each count links to the search that finds that many: the
articles citing the source, and the quotes attributed to it as that kind.
A bad parameter is a 400 page and an engine that cannot answer the API's
status, each with the form filled in, as on the other search pages.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import render_template, request, url_for
from werkzeug.datastructures import MultiDict

from ..api.errors import retry_headers, status_of
from ..api.resources import backend
from ..errors import BackendUnavailable, EngineTimeout, NewsIndexError
from ..quotes import MAX_SOURCES, sources
from ..schemas.quotes import SourcesArgsSchema
from ..schemas.search import comma_items
from . import REFUSED_SEARCHES, bp, failure_title
from .forms import Form
from .search_pages import ERROR_LABELS, in_form_words
from .templating import KIND_LABELS

#: What the error list and the active-filter chips call each parameter.
LABELS = {**ERROR_LABELS, "name": "Name", "kind": "Source kind", "offset": "Page link", "size": "Sources per page"}
#: The filters the article and quote searches take as this page does: a count's link carries them.
SHARED_FILTERS = ("outlet", "from", "until")
#: Filters with a box on this page, in its order; each active value is a chip.
FILTERS = ("name", "kind", *SHARED_FILTERS)
#: A new search, or a filter removed, starts at the first page: an offset may be past its end.
NEW_LISTING = ("offset",)


@bp.get("/source-search")
def source_search_page():
    form = _form()
    if not form.valid:
        return _render(form, None)
    try:
        listing = sources(backend(), form.data)
    except (BackendUnavailable, EngineTimeout) as error:
        return _render(form, None, error)
    return _render(form, listing)


def _form() -> Form:
    """The query string read with the API's schema; kinds one a value and lower case, as the
    checkboxes send them, where the API also takes `kind=Person,outlet`: each box shows
    ticked, and each chip by its box's label."""
    args = MultiDict(request.args)
    if "kind" in args:
        args.setlist("kind", [kind.lower() for kind in comma_items(args.getlist("kind"))])
    return Form(SourcesArgsSchema(), args)


REFUSED_SEARCHES["web.source_search_page"] = lambda error: _render(_form(), None, error)


def _render(form: Form, listing: dict | None, failure: NewsIndexError | None = None):
    in_form_words(form)
    status = status_of(failure) if failure else 200 if form.valid else 400
    # `total_exact`: what the shared heading macro reads; "at least" when the listing stopped.
    page = listing and {**listing, "total_exact": listing["complete"]}
    return render_template(
        "web/sources.html", form=form, page=page, rows=_rows(form, listing), chips=_chips(form),
        pages=_pages(form, listing), labels=LABELS, max_sources=MAX_SOURCES,
        failure=failure and {"title": failure_title(failure), "message": failure.message},
        # A refused setting is not sent again: it has no box to be corrected in.
        hidden=[("size", size) for size in form.values("size") if "size" not in form.errors],
        status=status), status, retry_headers(failure) if failure else {}


def _rows(form: Form, listing: dict | None) -> list[dict]:
    """The listing's sources, each count with the search that gives it: the articles citing
    the name (`source`), and its quotes as `_quote_counts` counts them, attributed to the
    name as this kind (`source` and `source_kind`); both within the same outlets and dates."""
    if listing is None:
        return []
    shared = [(name, value) for name in SHARED_FILTERS for value in form.values(name)]
    rows = []
    for source in listing["sources"]:
        articles = urlencode([("source", source["name"]), *shared])
        quotes = urlencode([("source", source["name"]), ("source_kind", source["kind"]), *shared])
        rows.append({**source, "kind_label": KIND_LABELS.get(source["kind"], source["kind"]),
                     "articles_href": f"{url_for('web.search_page')}?{articles}",
                     "quotes_href": f"{url_for('web.quote_search_page')}?{quotes}"})
    return rows


def _chips(form: Form) -> list[dict]:
    return [{"label": LABELS[name], "text": KIND_LABELS.get(value, value) if name == "kind" else value,
             "remove": form.without(name, value, drop=NEW_LISTING)}
            for name in FILTERS for value in form.values(name)]


def _pages(form: Form, listing: dict | None) -> dict | None:
    """First, previous and next links by offset, as the API pages; which sources this page shows.
    Past the end (an old or edited link) the previous page is the last one: one page back
    was past the end still."""
    if listing is None:
        return None
    offset, size, total = form.data["offset"], form.data["size"], listing["total"]
    back = min(offset - size, (total - 1) // size * size) if total else 0
    return {
        "first": offset + 1, "last": offset + len(listing["sources"]),
        "start": form.query_string(drop=NEW_LISTING) if offset else None,
        "previous": form.query_string(offset=str(back) if back > 0 else None) if offset else None,
        "next": form.query_string(offset=str(offset + size)) if offset + size < total else None,
    }
