"""The search forms' query strings, read with the API's own schemas.

A GET form sends every field, filled or not (`from=&outlet=`): empty values
are dropped before the schema sees them, so an empty box means "not set".
Unknown parameters (`utm_source` on a shared link) are ignored rather than
refused, as a page should; a known single-valued one given twice is an error
naming each value, as the API's 422 is, never one kept and the other dropped. The same object rebuilds links: a facet drilled
into, a filter removed, the next page."""
from __future__ import annotations

from urllib.parse import urlencode

from marshmallow import EXCLUDE, Schema, ValidationError, fields
from werkzeug.datastructures import MultiDict

from ..backends.keys import normalize_key
from ..schemas.errors import flat_messages

#: Parameters a link to another page of results or a facet must not carry.
PAGING = ("cursor", "back")
#: Pages a "Previous page" link can step back through. Cursors only lead
#: forward, so each next-page link carries the cursors of the pages before
#: (`back`, "" for the first page); older ones are dropped to keep links short,
#: and "First page" is always there.
MAX_BACK = 20
#: Filter values a page takes in all (`outlet=a&outlet=b&place=c...`). Each
#: active value is a chip whose link carries all the others, so a page costs
#: the square of their number: 900 outlets in one URL took over a second to
#: draw, and the 2,000 a URL can hold several, for one request. More are
#: refused (400, the first ones kept in the form); no person ticks so many.
MAX_FILTER_VALUES = 100


class Form:
    def __init__(self, schema: Schema, args: MultiDict, unset: dict[str, str] | None = None):
        """`unset`: values that mean the same as leaving the field empty
        (`sort=relevance`, the default named), read and shown as empty."""
        self.names: dict[str, bool] = {}  # URL name -> takes several values
        for name, field in schema.fields.items():
            # A comma list (`kind=person&kind=outlet`, `schemas.search.CommaList`) takes
            # several values as the API does: a page's checkboxes send each one.
            several = isinstance(field, fields.List) or getattr(field, "is_multiple", False)
            self.names[field.data_key or name] = several
        self.raw: dict[str, list[str]] = {}
        repeated: dict[str, list[str]] = {}
        too_many: dict[str, int] = {}
        room = MAX_FILTER_VALUES
        for name, several in self.names.items():
            values = [v.strip() if name != "q" else v for v in args.getlist(name)]
            values = [v for v in values if v.strip() and v != (unset or {}).get(name)]
            if len(values) > 1 and not several:
                repeated[name] = values
            if several:
                if len(values) > room:
                    too_many[name] = len(values)
                    values = values[:room]
                room -= len(values)
            if values:
                self.raw[name] = values if several else values[:1]
        self._filter_room = room  # what the values kept leave of MAX_FILTER_VALUES (`filter_room`)
        self.back = [cursor.strip() for cursor in args.getlist("back")][-MAX_BACK:]
        self.errors: dict[str, str] = {}
        self.data: dict | None = None
        try:
            self.data = schema.load(
                {k: v if self.names[k] else v[0] for k, v in self.raw.items()}, unknown=EXCLUDE)
        except ValidationError as error:
            for name, problem in _by_field(error.messages):
                self.errors[name] = problem
        for name, values in repeated.items():  # the API refuses them too (422): none is dropped unsaid
            self.fail(name, repeated_message(name, values))
        for name, count in too_many.items():
            self.fail(name, f"Given {count} values; a search takes at most {MAX_FILTER_VALUES} filter values in all.")

    @property
    def valid(self) -> bool:
        return self.data is not None and not self.errors

    def fail(self, name: str, message: str) -> None:
        self.errors[name] = message
        self.data = None

    def filter_room(self) -> int:
        """Filter values a link may add to this form's and still be taken (MAX_FILTER_VALUES in all)."""
        return self._filter_room

    def value(self, name: str) -> str:
        return (self.raw.get(name) or [""])[0]

    def values(self, name: str) -> list[str]:
        return self.raw.get(name, [])

    def has(self, name: str, value: str) -> bool:
        """Whether filter `name` is set to `value` as the filter reads names
        (`normalize_key`: case, accents, dashes, apostrophes), so the facet an
        outlet typed "sable coast herald - latest news" matched shows as the
        active one, "Sable Coast Herald – Latest news", and its link removes it."""
        key = normalize_key(value)
        return any(normalize_key(v) == key for v in self.values(name))

    def query_string(self, drop: tuple[str, ...] = PAGING, **changes: str | list[str] | None) -> str:
        """This form's non-empty values, some dropped or changed (None removes)."""
        values = {k: list(v) for k, v in self.raw.items() if k not in drop}
        for name, value in changes.items():
            if value is None or value == []:
                values.pop(name, None)
            else:
                values[name] = value if isinstance(value, list) else [value]
        return urlencode([(k, v) for k, vs in values.items() for v in vs])

    def next_page(self, cursor: str) -> str:
        """The query string of the page after this one, remembering this one."""
        return self.query_string(cursor=cursor, back=[*self.back, self.value("cursor")][-MAX_BACK:])

    @property
    def page_number(self) -> int | None:
        """Which page of results this is: 1 without a cursor; counted from the
        pages remembered when they reach back to the first (`back` starts with
        ""); None deeper than that, where it is not known."""
        if not self.values("cursor"):
            return 1
        return len(self.back) + 1 if self.back and self.back[0] == "" else None

    def previous_page(self) -> str | None:
        """The query string of the page before this one, if this page remembers it."""
        if not self.back or not self.values("cursor"):
            return None
        return self.query_string(cursor=self.back[-1] or None, back=self.back[:-1] or None)

    def toggle(self, name: str, value: str) -> str:
        """The query string with `value` added to filter `name`, or removed when set."""
        current = self.values(name)
        if self.has(name, value):
            kept = [v for v in current if normalize_key(v) != normalize_key(value)]
            return self.query_string(**{name: kept or None})
        return self.query_string(**{name: [*current, value]})

    def drill(self, name: str, value: str) -> str:
        """A facet link: `value` alone for filter `name` (replacing the values
        set, so the count shown is what the link gives), or, when `value` is
        set already, the query string without it."""
        if self.has(name, value):
            return self.toggle(name, value)
        return self.query_string(**{name: [value]})

    def without(self, name: str, value: str | None = None, drop: tuple[str, ...] = PAGING) -> str:
        """`drop`: what else the link leaves out (an offset that a narrower
        search may page past)."""
        if value is None:
            return self.query_string(drop, **{name: None})
        return self.query_string(drop, **{name: [v for v in self.values(name) if v != value] or None})


def repeated_message(name: str, values: list[str]) -> str:
    """Why a single-valued field given several times (`?q=oil&q=gas`, a link
    edited by hand) is refused, naming each value: keeping the last, as the
    page did, searched for "gas" alone and said nothing of "oil"."""
    shown = ", ".join(f"“{value if len(value) <= 60 else value[:60] + '…'}”" for value in values)
    if name == "q":
        return (f"The link gives {len(values)} queries, {shown}, and a search takes one: search them one "
                "at a time, or write them as one query (OR between them finds either).")
    return f"Given {len(values)} times, {shown}: choose one."


def _by_field(messages: dict):
    """marshmallow's messages as (URL name, one readable sentence)."""
    for name, problem in messages.items():
        yield ("form" if name == "_schema" else str(name)), " ".join(dict.fromkeys(map(str, flat_messages(problem))))


