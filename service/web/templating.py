"""Jinja filters of the pages: dates people read, and links that are only
ever http(s) (an article's `url` is data, never a `javascript:` link)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint

from .markup import parse_time


def day(value: str | None) -> str:
    moment = parse_time(value)
    return f"{moment.day} {moment:%b %Y}" if moment else ""


def day_time(value: str | None) -> str:
    moment = parse_time(value)
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC" if moment else ""


def iso(value: str | None) -> str:
    moment = parse_time(value)
    return moment.isoformat() if moment else ""


def http_url(value: str | None) -> str | None:
    if not value or urlsplit(str(value)).scheme.lower() not in ("http", "https"):
        return None
    return str(value)


KIND_LABELS = {"person": "person", "organization": "organisation", "outlet": "outlet",
               "anonymous": "anonymous"}


def register_filters(bp: Blueprint) -> None:
    for name, function in (("day", day), ("day_time", day_time), ("iso", iso), ("http_url", http_url)):
        bp.add_app_template_filter(function, "web_" + name)
    bp.add_app_template_global(KIND_LABELS, "web_kind_labels")
