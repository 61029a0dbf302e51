"""From files to the index: read, prepare, reject or index, and count.

Every input ends in exactly one place: indexed, updated, unchanged, or the
rejects file with its reason. The articles stream through the backend's
writer, so memory stays flat however large the load.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from service.backends.base import SearchBackend
from service.errors import ArticleRejected

from .pipeline import prepare
from .readers import Record, discover, read_file, reference_for


@dataclass
class LoadSummary:
    read: int = 0
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects_path: str | None = None

    def line(self) -> str:
        text = (f"read {self.read}, indexed {self.indexed}, updated {self.updated}, "
                f"unchanged {self.unchanged}, rejected {self.rejected}")
        if self.rejected and self.rejects_path:
            text += f" (reasons in {self.rejects_path})"
        return text


class RejectsFile:
    """JSONL of `{source, reason, at}`; truncated at the start of each run."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.path.open("w", encoding="utf-8")

    def write(self, source: str, reason: str) -> None:
        record = {"source": source, "reason": reason,
                  "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


@dataclass
class Prepared:
    """Prepared articles of a run, with the counts of what was read and rejected."""

    rejects: RejectsFile
    reference: datetime | None = None
    progress: bool = False
    #: Outlet for inputs that name none (plain wire copy carries no outlet).
    default_outlet: str | None = None
    summary: LoadSummary = field(default_factory=LoadSummary)
    sources: dict[str, str] = field(default_factory=dict)

    def articles(self, paths: Iterable[str]) -> Iterator[dict]:
        files, missing = discover(paths)
        for record in missing:
            self._prepare(record, None)
        for path in _progress(files, self.progress):
            reference = reference_for(path, self.reference)
            for record in read_file(path, reference):
                article = self._prepare(record, reference)
                if article is not None:
                    self.sources[article["id"]] = record.source
                    yield article

    def _prepare(self, record: Record, reference: datetime) -> dict | None:
        self.summary.read += 1
        if record.error:
            self._reject(record.source, record.error)
            return None
        article = record.article
        if self.default_outlet and not article.get("outlet"):
            article = {**article, "outlet": self.default_outlet}
        try:
            return prepare(article, reference)
        except ArticleRejected as error:
            self._reject(record.source, error.message)
            return None

    def _reject(self, source: str, reason: str) -> None:
        self.summary.rejected += 1
        self.rejects.write(source, reason)


def load(backend: SearchBackend, paths: Iterable[str], rejects_path: Path | str,
         reference: datetime | None = None, progress: bool = False,
         default_outlet: str | None = None) -> LoadSummary:
    rejects = RejectsFile(rejects_path)
    try:
        run = Prepared(rejects, reference, progress, default_outlet)
        run.summary.rejects_path = str(rejects_path)
        result = backend.upsert(run.articles(paths))
        summary = run.summary
        summary.indexed += len(result.indexed)
        summary.updated += len(result.updated)
        summary.unchanged += len(result.unchanged)
        for article_id, reason in result.failed:
            summary.rejected += 1
            rejects.write(run.sources.get(article_id, article_id), reason)
        return summary
    finally:
        rejects.close()


def _progress(files: list[Path], enabled: bool):
    if not enabled:
        return files
    from tqdm import tqdm

    return tqdm(files, unit="file", desc="loading", disable=None)
