"""Saved pages that hold no article: told apart from articles.

trafilatura extracts *some* text from nearly any page. A 404 page's apology
and a section front's list of headlines came out as an article ("Page not
found", "Business"), indexed and found by searches like any story.
"""
from __future__ import annotations

import re

#: A part of a title or headline (between | or a spaced dash) that says the
#: page is an error page: "Page not found | Gazette", "404 - Not Found". The
#: whole part, so that "Hiker not found after three days" is a headline.
_NOT_FOUND = re.compile(
    r"(?:(?:oops|sorry|error)[!,.]?\s*)*(?:error\s+)?(?:404(?:\s+error)?|(?:(?:404\s+)?(?:page|file|url)\s+)?"
    r"not\s+found(?:\s+\(?404\)?)?|(?:(?:this|the)\s+)?page\s+(?:cannot|can't|could\s+not|couldn't)\s+be\s+found"
    r"|(?:(?:this|the)\s+)?page\s+(?:does\s+not|doesn't)\s+exist"
    r"|(?:(?:this|the)\s+)?(?:page|article)\s+is\s+no\s+longer\s+available)[!.]?", re.IGNORECASE)
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014\u00b7-]\s+|\s*[|\u2022]\s*")
#: An error page says little; a story about "page not found" errors says more.
ERROR_PAGE_MAX_WORDS = 120
#: Share of a page's text inside links above which it is a list of links to
#: articles (a section front, a tag page, search results), not one. The
#: sample articles have 2-7%; a page of teasers has half or more.
INDEX_LINK_SHARE = 0.5
#: Below this much text the share of links says nothing (a short brief with a link).
INDEX_MIN_CHARACTERS = 200


def error_page(titles: list[str | None], body: list[str]) -> str | None:
    """Why the page is an error page ('page not found'), or None."""
    if sum(len(paragraph.split()) for paragraph in body) > ERROR_PAGE_MAX_WORDS:
        return None
    for title in titles:
        if title and any(_NOT_FOUND.fullmatch(part.strip()) for part in _TITLE_PARTS.split(title)):
            return f"an error page, not an article: its title is {' '.join(title.split())!r}"
    return None


def index_page(tree) -> str | None:
    """Why the page (its navigation already dropped) is a list of links, or None."""
    body = tree.find("body") if tree.tag == "html" else tree
    if body is None:
        return None
    text = _characters(body)
    if text < INDEX_MIN_CHARACTERS:
        return None
    linked = sum(_characters(link) for link in body.iter("a") if not _inside_link(link))
    if linked / text < INDEX_LINK_SHARE:
        return None
    return (f"a page of links (a section front, tag page or search results?), not an article: "
            f"{linked / text:.0%} of its text is links")


def _characters(node) -> int:
    return len("".join(node.text_content().split()))


def _inside_link(node) -> bool:
    return any(parent.tag == "a" for parent in node.iterancestors())
