"""`/statement/<id>`: where a statement appeared, oldest first, on a small
server-drawn timeline, with each wording's differences from the earliest
(`service.quotes.occurrences`, as `GET /quotes/<id>/occurrences` gives it)."""
from __future__ import annotations

from flask import render_template

from ..api.resources import backend
from ..limits import setting
from ..quotes import occurrences
from . import bp
from .markup import DiffBudget, timeline, word_diff


@bp.get("/statement/<string:statement_id>")
def statement_page(statement_id: str):
    statement = occurrences(backend(), statement_id)  # StatementNotFound: the 404 page
    earliest = statement["text"]
    # Each wording in the language of the article it was first seen in, so a
    # screen reader reads Arabic words with an Arabic voice, not the page's English one.
    language_of = {}
    for row in statement["occurrences"]:
        language_of.setdefault(row["article_id"], row.get("language"))
    budget = DiffBudget()  # one for the page: up to 1,000 occurrences, each diffed
    diffs: dict[str, list] = {}  # a wording seen again is not diffed again

    def diff(text: str) -> list:
        if text not in diffs:
            diffs[text] = word_diff(earliest, text, budget)
        return diffs[text]

    for variant in statement["variants"]:
        variant["diff"] = diff(variant["text"])
        variant["language"] = language_of.get(variant["article_ids"][0])
    for row in statement["occurrences"]:
        row["diff"] = diff(row["text"])
    # The legend of marked words, for a page that marks any: one wording alone has none.
    edited = any(op != "same" for runs in diffs.values() for op, _ in runs)
    return render_template("web/statement.html", statement=statement, edited=edited,
                           timeline=timeline(statement["occurrences"]),
                           claim=_claim(earliest, setting("max_query_length")))


def _claim(text: str, limit: int) -> str:
    """The statement as a Near query: whole when it fits the query length
    limit, else its opening words up to the limit (Near allows a trimmed
    end), so the link gives matches instead of a "too long" error."""
    if len(text) <= limit:
        return text
    words = text[:limit + 1].split()  # the last may be cut: dropped
    return " ".join(words[:-1]) if len(words) > 1 else text[:limit]
