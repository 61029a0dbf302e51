"""File access shared by the readers: gzip-compressed inputs read like plain ones."""
from __future__ import annotations

import gzip
import io
from pathlib import Path


def format_suffix(path: Path) -> str:
    """`.jsonl` for both `x.jsonl` and `x.jsonl.gz`."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def read_bytes(path: Path) -> bytes:
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


def read_text(path: Path) -> str:
    return read_bytes(path).decode("utf-8-sig")


def open_binary(path: Path) -> io.BufferedIOBase:
    """Raw bytes, for readers that decode line by line: one bad byte then costs
    its line, not the file."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")
