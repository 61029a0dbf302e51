"""A small corpus whose every answer is known, for the backend contract.

Dates, outlets, places, speakers and sources are chosen so each search
feature has a case that can fail: singular vs plural phrases, ties on the
same second, undated articles, HTML in the text.
"""
from __future__ import annotations

from datetime import datetime

from loaders.pipeline import prepare

REFERENCE = datetime(2025, 6, 1)


def _article(id, headline, body, outlet=None, place=None, published=None, section=None,
             quotes=(), sources=(), language="en"):
    return {
        "id": id, "headline": headline, "body": list(body), "outlet": outlet, "section": section,
        "language": language,
        "dateline": {"place": place, "published_at": published},
        "quotes": list(quotes), "sources": list(sources),
    }


RAW = [
    _article("c-redline-1", "Talks stall over red line on tariffs",
             ["Negotiators in Geneva said the tariff cut was a red line for both sides.",
              "Officials met again on Tuesday to negotiate."],
             outlet="Reuters", place="Geneva", published="2025-03-03T10:00:00Z", section="business",
             quotes=[{"text": "a red line", "kind": "partial", "speaker": "Maria Lopez", "source": "Maria Lopez"}],
             sources=[{"name": "Maria Lopez", "kind": "person", "title": "trade minister"},
                      {"name": "officials who asked not to be named", "kind": "anonymous"}]),
    _article("c-redline-2", "Fishermen draw red lines over quotas",
             ["The fishermen's union set out several red lines in negotiations with the ministry."],
             outlet="Harbor Gazette", place="Oskarvik", published="2024-01-05T08:30:00Z", section="politics",
             quotes=[{"text": "We will not accept any deal that leaves our fishermen behind.",
                      "kind": "direct", "speaker": "Lena Okafor", "source": "Lena Okafor"}],
             sources=[{"name": "Lena Okafor", "kind": "person"}]),
    _article("c-escape", "Court hears <script>alert(1)</script> & 'quoted' evidence",
             ["Lawyers said the <b>red</b> line & the rule were \"crossed\" — a red line indeed."],
             outlet="Northgate Post", place="Northgate", published="2025-02-10T12:00:00Z", section="courts"),
    _article("c-aliyev", "Baku hosts talks between neighbours",
             ["Azerbaijani President Ilham Aliyev said the meeting went well.",
              "A source familiar with the matter told the Jerusalem Post the talks would continue."],
             outlet="Jerusalem Post", place="Baku", published="2025-04-11T14:54:00", section="world",
             quotes=[{"text": "the meeting went well", "kind": "partial", "speaker": "Ilham Aliyev",
                      "source": "Ilham Aliyev"},
                     {"text": "the talks would continue", "kind": "partial",
                      "speaker": "a source familiar with the matter",
                      "source": "a source familiar with the matter"}],
             sources=[{"name": "Ilham Aliyev", "kind": "person", "title": "President"},
                      {"name": "a source familiar with the matter", "kind": "anonymous"},
                      {"name": "Jerusalem Post", "kind": "outlet"}]),
    _article("c-headline-harbour", "Harbour dredging begins",
             ["Work started at dawn."], outlet="Reuters", place="Rotterdam",
             published="2023-06-01T09:00:00Z", section="business"),
    _article("c-french", "Le port rouvre", ["Le port de Marseille rouvre après la grève."],
             outlet="Le Courrier", place="Marseille", published="2025-01-15T07:00:00Z", language="fr"),
]
# The same statement as c-redline-2's quote, edited, later and elsewhere.
RAW += [
    _article("c-okafor-2", "Minister repeats pledge on fishing deal",
             ["Fisheries minister Lena Okafor told reporters: “We will not accept a deal that "
              "leaves our fishermen behind.”"],
             outlet="Estavia Wire", place="Port Verran", published="2024-03-01T09:00:00Z",
             section="politics",
             quotes=[{"text": "We will not accept a deal that leaves our fishermen behind.",
                      "kind": "direct", "speaker": "Lena Okafor", "source": "Lena Okafor"}],
             sources=[{"name": "Lena Okafor", "kind": "person"}]),
    _article("c-okafor-3", "Banners echo the minister at the quay",
             ["Banners on the quay read “WE WILL NOT ACCEPT ANY DEAL THAT LEAVES OUR FISHERMEN "
              "BEHIND”, the minister's words from January."],
             outlet="Sable Coast Herald", place="Sable Coast", published="2024-05-22T16:00:00Z",
             section="politics",
             quotes=[{"text": "WE WILL NOT ACCEPT ANY DEAL THAT LEAVES OUR FISHERMEN BEHIND",
                      "kind": "direct", "speaker": None, "source": None}]),
]
# Filler for paging: same word, spread dates, two exact ties and two undated.
for n in range(23):
    day = 1 + (n % 20)
    published = None if n in (5, 17) else f"2024-{1 + n % 12:02d}-{day:02d}T06:00:00Z"
    if n in (8, 9):
        published = "2024-07-07T07:07:07Z"
    RAW.append(_article(f"c-fill-{n:02d}", f"Port bulletin {n}",
                        [f"The harbour authority published bulletin number {n} on shipping."],
                        outlet="Port Wire" if n % 2 else "Harbor Gazette", place="Oskarvik",
                        published=published, section="shipping"))


def _as_given(article: dict, reference: datetime) -> dict:
    """No extraction: the corpus states its quotes and sources itself."""
    return article


def corpus() -> list[dict]:
    return [prepare(raw, REFERENCE, extractor=_as_given) for raw in RAW]


def ids_with(predicate) -> set[str]:
    return {a["id"] for a in corpus() if predicate(a)}


def hyphenated_article(article_id: str) -> dict:
    """Names spelt with hyphens and a curly apostrophe, prepared: what keys of
    releases before punctuation folding keyed apart from their spaced spellings."""
    person = "Robin Leigh-Pemberton"
    return prepare(_article(article_id, "Governor steps down", ["He said so."], outlet="Irish-Times",
                            place="Stoke-on-Trent", published="2024-03-01T06:00:00Z",
                            quotes=[{"text": "time to go", "kind": "partial", "speaker": person, "source": person}],
                            sources=[{"name": person, "kind": "person"},
                                     {"name": "Seán O’Brien", "kind": "person"}]),
                   REFERENCE, extractor=_as_given)
