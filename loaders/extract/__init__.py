"""Extraction entry point (interim: dateline only; quotes and sources follow)."""
from __future__ import annotations

from datetime import datetime

from .dateline import find_dateline


def extract(article: dict, reference: datetime) -> dict:
    result = dict(article)
    dateline = dict(result.get("dateline") or {})
    body = result.get("body") or []
    for paragraph in body[:2]:
        found = find_dateline(paragraph, reference)
        if found:
            for name in ("place", "agency", "raw"):
                dateline.setdefault(name, getattr(found, name))
                dateline[name] = dateline[name] or getattr(found, name)
            if not dateline.get("published_at") and found.published_at:
                dateline["published_at"] = found.published_at.isoformat()
            break
    result["dateline"] = {k: dateline.get(k) for k in ("place", "agency", "published_at", "raw")}
    result.setdefault("sources", [])
    result.setdefault("quotes", [])
    return result
