"""Generated articles for the fault tests: a JSONL file of `n` small, distinct
articles whose ids are known in advance (each has an explicit `id`)."""
from __future__ import annotations

import json
from pathlib import Path

WORDS = ("harbour", "council", "ferry", "budget", "storm", "election", "bridge", "court",
         "river", "market", "school", "clinic", "airport", "festival", "strike", "museum")


def article(n: int, marker: str, version: str = "first") -> dict:
    word = WORDS[n % len(WORDS)]
    return {
        "id": f"fault-{n:06d}",
        "url": f"https://example.org/fault/{n}",
        "outlet": "Fault Gazette",
        "headline": f"{word.title()} report number {n}",
        "published_at": f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}T10:00:00Z",
        "body": [f"The {word} story {n} was filed as {marker} {version}.",
                 f"Officials said the {word} matter would be reviewed again next week."],
    }


def write_articles(path: Path, numbers, marker: str, version: str = "first") -> list[str]:
    """Write one article per number; returns their ids in order."""
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for n in numbers:
            item = article(n, marker, version)
            ids.append(item["id"])
            handle.write(json.dumps(item) + "\n")
    return ids


def api_article(n: int, marker: str) -> dict:
    """The same article as `POST /articles` takes it (the date inside `dateline`)."""
    item = article(n, marker)
    return {**{k: v for k, v in item.items() if k != "published_at"},
            "dateline": {"published_at": item["published_at"]}}
