"""Benchmark corpora: seeded synthetic news, and the Reuters articles recycled to size.

Both are generators of article dicts in the shape `loaders/readers/jsonfile.py`
reads (`id`, `url`, `outlet`, `headline`, `body` as a list of paragraphs,
`authors`, `section`, `tags`, `language`, `published_at`), so they go through
the real loader unchanged. Memory is constant in the number of articles:
article `i` is generated from its own seed, so the stream can be cut at any
size and article `i` is the same whatever the size.

    python benchmarks/corpus.py --size 100000 --corpus synthetic --out /tmp/syn.jsonl.gz

The Reuters corpus (Reuters-21578, research use only) is read from
`<repo>/../shared/realnews/` (or `$NEWS_REALNEWS_DIR`) at run time and is never
copied into the repository; the recycled files are written under
`benchmarks/results/` (git-ignored).
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import re
import sys
from bisect import bisect_right
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = 20240607

# --------------------------------------------------------------------------------------
# Reuters (real text)


def realnews_dir() -> Path:
    """`$NEWS_REALNEWS_DIR`, else `<repo>/../shared/realnews`."""
    return Path(os.environ.get("NEWS_REALNEWS_DIR") or ROOT.parent / "shared" / "realnews")


def reuters_articles() -> list[dict]:
    path = realnews_dir() / "articles.jsonl.gz"
    if not path.exists():
        raise FileNotFoundError(
            f"Reuters corpus not found at {path}; set NEWS_REALNEWS_DIR to the folder holding "
            "articles.jsonl.gz and queries.tsv")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def reuters_queries() -> list[tuple[str, str, int]]:
    """The corpus's 40 queries: (query, kind, document frequency in the 9,862 originals)."""
    rows = []
    with open(realnews_dir() / "queries.tsv", encoding="utf-8") as handle:
        next(handle)  # header
        for line in handle:
            if line.strip():
                query, kind, freq = line.rstrip("\n").split("\t")
                rows.append((query, kind, int(freq)))
    return rows


def reuters_recycled(n: int, seed: int = DEFAULT_SEED, base: list[dict] | None = None) -> Iterator[dict]:
    """The Reuters articles cycled to `n`, each copy after the first with shuffled paragraphs.

    Copy 0 is the corpus as published (so the 40 queries' document
    frequencies hold on it). Copy k >= 1 of article `reuters-N` is
    `reuters-N-cK` with its own URL; its lede (the paragraph holding the wire
    dateline, or the byline and the lede after it) stays first and the other
    paragraphs are shuffled with a seed of (seed, k, N), so term statistics
    stay real while no two copies are the same text.
    """
    articles = base if base is not None else reuters_articles()
    count = len(articles)
    for i in range(n):
        original = articles[i % count]
        copy = i // count
        if copy == 0:
            yield original
            continue
        body = list(original.get("body") or [])
        keep = 2 if body and body[0].startswith("By ") else 1
        rest = body[keep:]
        random.Random(f"{seed}:{copy}:{original['id']}").shuffle(rest)
        yield {
            **original,
            "id": f"{original['id']}-c{copy}",
            "url": f"{original['url']}/copy-{copy}",
            "body": body[:keep] + rest,
        }


# --------------------------------------------------------------------------------------
# Synthetic (realistic shape, invented text)

FUNCTION_WORDS = (
    "the of to and a in that for is on was with said it as at by he from be have has are his "
    "its an not but were which this they had will been would their who also more after two "
    "over its year new about than one into last up could there other first some when all out "
    "what can may if three under while before since most against she her we them our no so"
).split()

#: Real newswire words, listed roughly from common to rare; they take Zipf ranks
#: spread from ~60 to ~30,000, so the query set finds common, mid and rare terms.
NEWS_WORDS = (
    "government company market percent prices officials billion million oil bank trade week "
    "president minister state police people told report city country talks economy deal shares "
    "group security court plan rates growth sales workers election party union inflation "
    "budget forces army border water energy investors profit loss exports imports analysts "
    "industry policy power crisis debt money japan china europe tax tonnes wheat coffee sugar "
    "gold silver copper cotton grain farmers harvest drought flood storm hospital vaccine "
    "strike protest ceasefire refugees aid ferry port shipping airline airport railway bridge "
    "dam reservoir pipeline refinery mine steel coal gas fuel electricity solar wind nuclear "
    "council mayor senate parliament coalition opposition referendum ballot campaign lawsuit "
    "verdict appeal prosecutor judge prison bail fraud bribery audit merger acquisition stake "
    "bid dividend bond yield currency dollar euro yen sterling futures brent opec usda cocoa "
    "maize soybeans barley rubber palm tin nickel zinc aluminium uranium lithium brazil "
    "argentine canada mexico india turkey israel egypt kenya nigeria ghana peru chile "
    "norway sweden poland ukraine harbor fishermen trawler quarry glacier wildfire earthquake "
    "typhoon monsoon avalanche locust famine cholera measles bundesbank gillette purolator "
    "usair allegheny gencorp monier uccel faygo xylograph"
).split()

#: Fixed collocations, so quoted phrases have real matches (weights Zipf-like).
COLLOCATIONS = [
    "central bank", "united states", "prime minister", "interest rates", "money market",
    "trade surplus", "wall street", "finance minister", "stock exchange", "supreme court",
    "foreign ministry", "oil prices", "trade deficit", "board of directors", "red line",
    "regular dividend", "house panel", "talking point", "press conference", "state media",
    "peace talks", "exchange rate", "crude oil", "labour union", "city council",
    "annual report", "public health", "climate change", "free trade", "national security",
]

FIRST_NAMES = (
    "Amara Boris Carmen Dmitri Elif Farid Greta Hiroshi Ines Jonas Kemal Leila Marco Nadia "
    "Oskar Priya Quentin Rosa Samuel Tamar Umar Vera Wendell Ximena Yusuf Zofia Adaeze Bruno "
    "Chiara Daniel Emeka Fatima Goran Hana Ilya Joao Kofi Lucia Mateo Noor Olga Pablo Rania "
    "Stefan Tomas Ulla Viktor Wanjiru Yara Anders Beatriz Cyrus Dalia Erik Folake Gustav "
    "Helena Ivan Julia Karim"
).split()
SURNAMES = (
    "Okafor Lindqvist Haddad Moreau Tanaka Kowalski Mensah Duarte Novak Petrov Aliyev Brenner "
    "Castillo Demir Eriksen Fontaine Garcia Hoffmann Ibrahim Jansen Karimi Laurent Mwangi Nakamura "
    "Oliveira Popescu Quispe Rahman Schmidt Toure Uchenna Varga Weber Xu Yilmaz Zuberi Abebe "
    "Bianchi Cohen Dubois Esposito Fischer Gonzalez Horvat Ivanova Johansson Kaya Lopez Muller "
    "Nielsen Osei Pereira Rossi Sato Takahashi Ueda Volkov Wojcik Yamamoto Zeller Achterberg "
    "Baptiste Ciobanu Dlamini Egorov Fagerlund Grimaldi Hakimi Ishikawa Jovanovic Kuznetsov "
    "Lefebvre Marangoni Nwosu Ortega Pham Rasmussen Sorensen Tiwari Urquhart Valdez Whitaker "
    "Yeboah Zamora Adeyemi Bergstrom Chowdhury Dossou Engel Ferreira Gallo Hussein Iqbal Jaramillo "
    "Kamau Lund Mbeki Navarro Ozturk Papadopoulos Reyes Silva Tembo Ulrich Vasquez Wongsakul"
).split()
ROLES = [
    "a spokesman for the {org}", "a spokeswoman for the {org}", "the {org}'s chief economist",
    "head of the {org}", "a senior official at the {org}", "the finance minister",
    "the interior minister", "an analyst at {org}", "the mayor", "a local fisherman",
    "a union leader", "the company's chief executive", "a professor of economics",
]
ORGS = [
    "ministry", "central bank", "harbour authority", "port authority", "workers' union",
    "energy regulator", "health ministry", "trade council", "farmers' cooperative",
    "Meridian Capital", "Northgate Securities", "the shipping association", "coast guard",
]
ANONYMOUS = [
    "a source familiar with the matter", "a senior official who asked not to be named",
    "two people briefed on the talks", "a diplomat who declined to be identified",
    "an industry source", "a person close to the negotiations",
    "officials speaking on condition of anonymity",
]
CITIES = (
    "OSKARVIK ROTTERDAM LAGOS NAIROBI LIMA OSAKA ANKARA GENEVA BRUSSELS JAKARTA MANILA HAVANA "
    "CAIRO TUNIS ACCRA DAKAR LISBON PORTO OSLO BERGEN TROMSO GDANSK RIGA TALLINN HELSINKI "
    "TURKU KYIV ODESA TBILISI BAKU YEREVAN ALMATY TASHKENT KARACHI LAHORE DHAKA COLOMBO "
    "CHENNAI MUMBAI HANOI BANGKOK YANGON TAIPEI BUSAN SAPPORO PERTH DARWIN HOBART AUCKLAND "
    "SUVA QUITO BOGOTA CARACAS SANTIAGO MONTEVIDEO ASUNCION ROSARIO SALVADOR RECIFE MANAUS "
    "HALIFAX WINNIPEG CALGARY ANCHORAGE HOUSTON DENVER BOSTON MIAMI TAMPA DETROIT MONTERREY "
    "TIJUANA MERIDA KINGSTON NASSAU REYKJAVIK GALWAY CORK LEEDS BRISTOL ABERDEEN MARSEILLE "
    "LYON TOULOUSE BILBAO VALENCIA GENOA NAPLES PALERMO TRIESTE SPLIT VARNA CONSTANTA IZMIR "
    "HAIFA AQABA MUSCAT DOHA KUWAIT BASRA"
).split()
CITY_NAMES = ["NEW YORK", "SAO PAULO", "HONG KONG", "BUENOS AIRES", "CAPE TOWN"]
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "Bloomberg", "Anadolu", "Kyodo", "EFE", "ANSA", "PA"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
SECTIONS = ["world", "business", "markets", "politics", "environment", "health", "sport", "technology"]
_OUTLET_A = ("Harbor Northern Coastal Daily Evening Morning Capital Valley Lakeside Metro Island "
             "Frontier Pacific Atlantic Central Western Eastern Highland Riverside Border").split()
_OUTLET_B = ("Gazette Courier Herald Times Tribune Ledger Post Observer Chronicle Sentinel").split()
_SYLLABLES = ("ka to ri ma sen vel dor an ul bra ste qui lon mer ta fi gar nu pel so "
              "ven tor ish ald ren cro mi zu el ost").split()
VOCABULARY_SIZE = 50_000
FIRST_DATE = datetime(2020, 1, 1)
DAYS = 5 * 365 + 1


def outlets() -> list[str]:
    """200 outlet names; the first is the wire, as in the Reuters corpus."""
    names = ["Reuters"] + [f"{a} {b}" for a, b in itertools.product(_OUTLET_A, _OUTLET_B)]
    seen = list(dict.fromkeys(names))
    return seen[:200]


class _Vocabulary:
    """Zipf-like (s = 1) over function words, real news words and invented words."""

    def __init__(self, seed: int):
        rng = random.Random(seed)
        invented: list[str] = []
        seen = set(FUNCTION_WORDS) | set(NEWS_WORDS)
        while len(invented) < VOCABULARY_SIZE:
            word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                invented.append(word)
        size = len(FUNCTION_WORDS) + len(NEWS_WORDS) + len(invented)
        ranks: list[str | None] = [None] * size
        ranks[: len(FUNCTION_WORDS)] = FUNCTION_WORDS
        # News words spread geometrically from rank ~60 to ~30,000.
        count = len(NEWS_WORDS)
        for j, word in enumerate(NEWS_WORDS):
            rank = int(60 * (30_000 / 60) ** (j / (count - 1)))
            while ranks[rank] is not None:
                rank += 1
            ranks[rank] = word
        fill = iter(invented)
        self.words = [w if w is not None else next(fill) for w in ranks]
        total, cumulative = 0.0, []
        for rank in range(1, len(self.words) + 1):
            total += 1.0 / rank
            cumulative.append(total)
        self.cumulative = cumulative
        self.content_start = len(FUNCTION_WORDS)

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def content(self, rng: random.Random, k: int) -> list[str]:
        """Headline words: no function words."""
        total = self.cumulative[-1]
        low = self.cumulative[self.content_start - 1]
        words = self.words
        return [words[bisect_right(self.cumulative, low + rng.random() * (total - low))]
                for _ in range(k)]


_COLLOCATION_WEIGHTS = list(itertools.accumulate(1.0 / (i + 1) for i in range(len(COLLOCATIONS))))


class SyntheticNews:
    def __init__(self, seed: int = DEFAULT_SEED):
        self.seed = seed
        self.vocabulary = _Vocabulary(seed)
        self.outlets = outlets()
        self.cities = CITIES + CITY_NAMES

    # -- pieces ----------------------------------------------------------------------
    def _sentence(self, rng: random.Random, low: int = 9, high: int = 26) -> str:
        words = self.vocabulary.sample(rng, rng.randint(low, high))
        if rng.random() < 0.35:
            words.insert(rng.randrange(len(words)),
                         rng.choices(COLLOCATIONS, cum_weights=_COLLOCATION_WEIGHTS)[0])
        if rng.random() < 0.25:  # a figure, as news copy has
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 990)}.{rng.randint(0, 9)}")
        if words[0] == "said":  # a sentence starting "Said" reads as a name
            words[0] = "the"
        text = " ".join(words)
        if rng.random() < 0.2:
            cut = text.find(" ", len(text) // 2)
            if cut > 0:
                text = text[:cut] + "," + text[cut:]
        return text[0].upper() + text[1:]

    def _name(self, rng: random.Random) -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"

    def _role(self, rng: random.Random) -> str:
        return rng.choice(ROLES).format(org=rng.choice(ORGS))

    def _quote_paragraph(self, rng: random.Random, speaker: str, role: str, first: bool) -> str:
        said = self._sentence(rng, 8, 20)
        surname = speaker.split()[-1]
        kind = rng.random()
        if kind < 0.3:
            return f"“{said},” said {speaker}, {role}." if first else f"“{said},” {surname} said."
        if kind < 0.5:
            more = self._sentence(rng, 6, 16)
            return f"“{said},” {speaker if first else surname} said. “{more}.”"
        if kind < 0.65:
            return f"{speaker if first else surname} said {said[0].lower() + said[1:]}."
        if kind < 0.8:
            return f"According to {speaker if first else surname}, {said[0].lower() + said[1:]}."
        return f"“{said},” {speaker if first else surname} told reporters."

    def _anonymous_paragraph(self, rng: random.Random) -> str:
        said = self._sentence(rng, 8, 20)
        source = rng.choice(ANONYMOUS)
        if rng.random() < 0.5:
            return f"“{said},” {source} said."
        return f"{said}, {source} said."

    # -- an article ------------------------------------------------------------------
    def article(self, i: int) -> dict:
        rng = random.Random(self.seed * 1_000_003 + i)
        outlet = self.outlets[min(int(rng.paretovariate(1.1)) - 1, 199)] if rng.random() < 0.5 \
            else rng.choice(self.outlets)
        published = FIRST_DATE + timedelta(days=rng.randrange(DAYS), seconds=rng.randrange(86_400))
        city = rng.choice(self.cities)
        agency = outlet if outlet == "Reuters" or rng.random() < 0.4 else rng.choice(AGENCIES)
        dateline = f"{city}, {MONTHS[published.month - 1]} {published.day} ({agency}) - "
        headline_words = self.vocabulary.content(rng, rng.randint(5, 10))
        if rng.random() < 0.3:
            headline_words.insert(rng.randrange(len(headline_words)),
                                  rng.choices(COLLOCATIONS, cum_weights=_COLLOCATION_WEIGHTS)[0])
        headline = " ".join(headline_words)
        headline = headline[0].upper() + headline[1:]
        speakers = [(self._name(rng), self._role(rng)) for _ in range(rng.randint(1, 3))]
        introduced: set[str] = set()
        paragraphs = []
        for p in range(rng.randint(8, 20)):
            roll = rng.random()
            if p == 0:
                text = dateline + " ".join(self._sentence(rng) + "." for _ in range(rng.randint(1, 2)))
            elif roll < 0.3:
                speaker, role = rng.choice(speakers)
                text = self._quote_paragraph(rng, speaker, role, speaker not in introduced)
                introduced.add(speaker)
            elif roll < 0.4:
                text = self._anonymous_paragraph(rng)
            elif roll < 0.45:
                text = f"{self._sentence(rng)}, {rng.choice(self.outlets)} reported."
            else:
                text = " ".join(self._sentence(rng) + "." for _ in range(rng.randint(1, 3)))
            paragraphs.append(text)
        slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:60]
        host = re.sub(r"[^a-z0-9]+", "", outlet.lower())
        authors = [self._name(rng) for _ in range(rng.choice((0, 1, 1, 1, 2)))]
        return {
            "id": f"syn-{self.seed}-{i:08d}",
            "url": f"https://www.{host}.example/{published:%Y/%m/%d}/{slug}-{i}",
            "outlet": outlet,
            "headline": headline,
            "body": paragraphs,
            "authors": authors,
            "section": rng.choice(SECTIONS),
            "tags": sorted(set(self.vocabulary.content(rng, rng.randint(0, 3)))),
            "language": "en",
            "published_at": published.isoformat(),
        }

    def stream(self, n: int, start: int = 0) -> Iterator[dict]:
        for i in range(start, start + n):
            yield self.article(i)


def synthetic(n: int, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """`n` synthetic articles, the same for the same seed."""
    return SyntheticNews(seed).stream(n)


def articles(corpus: str, n: int, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    if corpus == "synthetic":
        return synthetic(n, seed)
    if corpus == "reuters":
        return reuters_recycled(n, seed)
    raise ValueError(f"unknown corpus {corpus!r}: synthetic or reuters")


def write_jsonl(items: Iterable[dict], path: Path | str, compresslevel: int = 1) -> int:
    """Write one JSON object per line (gzip when the name ends in .gz); returns the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = (lambda: gzip.open(path, "wt", encoding="utf-8", compresslevel=compresslevel)) \
        if path.suffix == ".gz" else (lambda: path.open("w", encoding="utf-8"))
    count = 0
    with opener() as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--corpus", choices=("synthetic", "reuters"), default="synthetic")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", required=True, help="output .jsonl or .jsonl.gz")
    args = parser.parse_args(argv)
    count = write_jsonl(articles(args.corpus, args.size, args.seed), args.out)
    print(f"wrote {count} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
