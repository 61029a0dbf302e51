"""A corpus whose facet values come in several spellings, for facet folding.

Filters match a value however it is spelt ("REUTERS", "reuters",
"Reuters"), so a facet must count the same: one bucket per normalised key,
its count what the filter on it finds, shown in the spelling most of its
documents use (ties: the first in code point order).
"""
from __future__ import annotations

from loaders.pipeline import prepare

from .corpus import REFERENCE, _article, _as_given

ARTICLES = 400


def _variant(n: int) -> dict:
    speaker = ("Lena Okafor", "Lena Okafor", "Lena Okafor", "LENA OKAFOR", "Léna Okafor")[n % 5]
    sources = [{"name": speaker, "kind": "person"}]
    if n % 50 == 0:  # the same person spelt twice in one article: still one article of her key
        sources.append({"name": "lena okafor", "kind": "person"})
    return _article(f"v-{n:03d}", f"Market report {n}", [f"Shares moved in report {n}."],
                    outlet="Reuters", place="Geneva" if n % 2 else "GENEVA",
                    published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T06:00:00Z",
                    section=("business", "Business", "Markets")[n % 3],
                    quotes=[{"text": f"prices will hold {n}", "kind": "partial", "speaker": speaker,
                             "source": speaker}],
                    sources=sources)


RAW = [_variant(n) for n in range(ARTICLES)]
RAW.append(_article("v-caps", "MARKET REPORT", ["Shares moved."], outlet="REUTERS", place="geneva",
                    published="2024-06-01T06:00:00Z", section="BUSINESS",
                    quotes=[{"text": "prices will hold", "kind": "partial", "speaker": "Zoë Brandt",
                             "source": "Zoë Brandt"}],
                    sources=[{"name": "Zoë Brandt", "kind": "person"}]))


def variants() -> list[dict]:
    return [prepare(raw, REFERENCE, extractor=_as_given) for raw in RAW]
