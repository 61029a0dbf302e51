"""Saved pages that hold no article, or several: told apart from a page of one.

trafilatura extracts *some* text from nearly any page. A 404 page's apology
and a section front's list of headlines came out as an article ("Page not
found", "Business"), indexed and found by searches like any story.
"""
from __future__ import annotations

import re
from copy import deepcopy
from urllib.parse import urljoin, urlsplit

import lxml.html

#: A part of a title or headline (between | or a spaced dash) that says the
#: page is an error page: "Page not found | Gazette", "404 - Not Found". The
#: whole part, so that "Hiker not found after three days" is a headline.
_NOT_FOUND = re.compile(
    r"(?:(?:oops|sorry|error)[!,.]?\s*)*(?:error\s+)?(?:404(?:\s+error)?|(?:(?:404\s+)?(?:page|file|url)\s+)?"
    r"not\s+found(?:\s+\(?404\)?)?|(?:(?:this|the)\s+)?page\s+(?:cannot|can't|could\s+not|couldn't)\s+be\s+found"
    r"|(?:(?:this|the)\s+)?page\s+(?:does\s+not|doesn't)\s+exist"
    r"|(?:(?:this|the)\s+)?(?:page|article)\s+is\s+no\s+longer\s+available"
    # what a server, a CDN's bot check or a login wall answers in the story's place
    r"|(?:error\s+)?(?:403(?:\s+forbidden)?|forbidden|access\s+denied|401(?:\s+unauthorized)?|unauthorized"
    r"|(?:500\s+)?internal\s+server\s+error|50[234](?:\s+(?:bad\s+gateway|service\s+(?:temporarily\s+)?"
    r"unavailable|gateway\s+time-?out))?|service\s+(?:temporarily\s+)?unavailable"
    r"|30[1278]\s+(?:moved\s+permanently|found|temporary\s+redirect|permanent\s+redirect)|moved\s+permanently"
    r"|redirecting(?:\s+to\s+https?://\S*)?|just\s+a\s+moment|attention\s+required|are\s+you\s+a\s+robot\??"
    r"|checking\s+your\s+browser(?:\s+before\s+accessing\s+\S+)?)(?:\.\.\.|…)?"
    r")[!.]?", re.IGNORECASE)
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


def redirect_target(tree) -> str | None:
    """Where a `<meta http-equiv="refresh">` sends the reader, if anywhere."""
    for content in tree.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content"):
        if match := re.search(r"url\s*=\s*['\"]?([^'\"\s]+)", content, re.IGNORECASE):
            return match.group(1)
    return None


def redirect_page(target: str | None, body: list[str]) -> str | None:
    """Why a page that forwards the reader elsewhere, saying little, is no article, or None.

    Its canonical link is usually the story's own, so indexed it took the
    story's id: loaded after the story, "Click here if you are not
    redirected" replaced it.
    """
    if target is None or sum(len(paragraph.split()) for paragraph in body) > ERROR_PAGE_MAX_WORDS:
        return None
    return f"a redirect to {target}, not an article: load the page it leads to"


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


#: A story of its own on a page of several: a heading and two paragraphs of
#: some length. A teaser (heading, one paragraph) is not one.
STORY_MIN_CHARACTERS = 200
#: Share of the page's text (but its navigation) the stories must hold: a
#: page whose main story stands outside any `<article>`, with two related
#: stories below it, is one story, not those two.
STORIES_SHARE = 0.7
#: Page parts that are never the article. trafilatura drops them too, but its
#: fallback extractors can return a page's menu as its "text" (and htmldate a
#: footer's "Copyright 2024" as its date) when nothing else is left.
NEVER_ARTICLE = ("//nav|//footer|//aside|//*[@role='navigation' or @role='contentinfo' "
                 "or @role='banner' or @role='complementary']")
#: What the page's head says of its one main article, and so of no part of it.
_PAGE_ARTICLE_META = ("title|meta[@property='og:title' or @name='twitter:title' or @property='og:url' "
                      "or @property='og:description' or @name='description']|link[@rel='canonical']"
                      "|script[@type='application/ld+json']")
_PAGE_TIME_META = ("meta[@property='article:published_time' or @name='article:published_time' "
                   "or @itemprop='datePublished']")


def separate_stories(tree) -> list[tuple[str, str | None]]:
    """Each story of a page holding several, as a page of its own and its link.

    A "day in brief" or live page holds several `<article>`s; trafilatura
    took the first as the page's one article (under the page's title) and
    the others were lost without a word. Each part keeps the page's head
    (outlet, author, language) but what names the page's main article, and
    its link is its heading's, if it links to a page of its own. Returns []
    for a page of one story.
    """
    parts = [node for node in tree.xpath("//article[not(ancestor::article)]") if _story(node)]
    if len(parts) < 2 or sum(map(_characters, parts)) < STORIES_SHARE * _content_characters(tree):
        return []
    base = next(iter(tree.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content")), "")
    return [_own_page(tree, part, base) for part in parts]


def _content_characters(tree) -> int:
    body = tree.find("body")
    if body is None:
        return 0
    body = deepcopy(body)
    for node in body.xpath(NEVER_ARTICLE.replace("//", ".//")):
        if node.getparent() is not None:
            node.drop_tree()
    return _characters(body)


def _story(node) -> bool:
    return (bool(node.xpath(".//h1|.//h2|.//h3")) and len(node.xpath(".//p")) >= 2
            and _characters(node) >= STORY_MIN_CHARACTERS)


def _own_page(tree, part, base: str) -> tuple[str, str | None]:
    root = tree.getroottree().getroot()
    page = lxml.html.Element("html", **{k: v for k, v in root.attrib.items() if k in ("lang", "dir")})
    head = deepcopy(root.find("head")) if root.find("head") is not None else lxml.html.Element("head")
    unwanted = head.xpath(_PAGE_ARTICLE_META)
    if part.xpath(".//time[@datetime]"):
        unwanted += head.xpath(_PAGE_TIME_META)  # the part's own time is its date
    for node in unwanted:
        node.drop_tree()
    heading = part.xpath("(.//h1|.//h2|.//h3)[1]")[0]
    title = lxml.html.Element("title")
    title.text = " ".join(heading.text_content().split())
    head.append(title)
    body = lxml.html.Element("body")
    body.append(deepcopy(part))
    page.extend([head, body])
    links = heading.xpath(".//a/@href") or part.xpath("ancestor::a/@href")
    return lxml.html.tostring(page, encoding="unicode"), _own_link(links, base)


def _own_link(links: list[str], base: str) -> str | None:
    """The story's address, when its link leads to a page other than this one."""
    if not links:
        return None
    url = urljoin(base, links[0].strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or url.split("#")[0] == base.split("#")[0]:
        return None
    return url
