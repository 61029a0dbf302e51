"""`/article/<id>`: the article with its quotes marked inline, each linking
to its statement, its sources grouped named / anonymous / outlet
(`service.attribution`, as `GET /articles/<id>/attribution` gives them), and
its related coverage (as `GET /articles/<id>/related` gives it)."""
from __future__ import annotations

from flask import abort, render_template

from ..api.resources import backend
from ..attribution import attribution
from ..errors import BackendUnavailable, EngineTimeout
from ..search import related
from . import bp
from .markup import body_segments, quotes_with_statements

#: Related stories listed beside an article (`/articles/<id>/related` gives more).
RELATED_SHOWN = 5
GROUPS = (("named", "Named sources", ("person", "organization")),
          ("anonymous", "Anonymous sources", ("anonymous",)),
          ("outlet", "Outlets cited", ("outlet",)))


@bp.get("/article/<string:article_id>")
def article_page(article_id: str):
    article = backend().get(article_id)
    if article is None:
        abort(404, description=f"No article with id '{article_id}'.")
    quotes = quotes_with_statements(article, backend().article_quotes(article_id))
    paragraphs = body_segments(article.get("body") or [], quotes)
    attributed = attribution(article)
    groups = [{"key": key, "title": title,
               "sources": [s for s in attributed["sources"] if s["kind"] in kinds]}
              for key, title, kinds in GROUPS]
    by_index = {quote["index"]: quote for quote in quotes}
    for group in groups:
        for source in group["sources"]:
            source["quotes"] = [by_index.get(q["index"], q) for q in source["quotes"]]
    unattributed = [by_index.get(q["index"], q) for q in attributed["unattributed_quotes"]]
    # Counted from the groups the page lists, so a heading and its section agree
    # (the API's `named_sources` also counts the outlets cited).
    counts = {key: {"sources": len(group["sources"]), "quotes": sum(len(s["quotes"]) for s in group["sources"])}
              for key, group in ((group["key"], group) for group in groups)}
    return render_template("web/article.html", article=article, paragraphs=paragraphs, groups=groups,
                           unattributed=unattributed, counts=counts, related=_related(article))


def _related(article: dict) -> dict | None:
    """The related stories, or None when the engine failed them: the article
    read, a search beside it that timed out must not turn it into an error page."""
    try:
        return related(backend(), article, {"size": RELATED_SHOWN, "highlight": False})
    except (BackendUnavailable, EngineTimeout):
        return None
