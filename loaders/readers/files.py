"""File access shared by the readers: gzip-compressed inputs read like plain ones."""
from __future__ import annotations

import codecs
import gzip
import io
from pathlib import Path


def format_suffix(path: Path) -> str:
    """`.jsonl` for both `x.jsonl` and `x.jsonl.gz`."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


#: How every reader rejects a file with nothing in it (0 bytes, or only blank
#: space), then what it expected: "empty file: no JSON". The JSON parser's own
#: "Expecting value (line 1, column 1)" sent people looking for a syntax error
#: in a file that an interrupted export or a failed download had left empty.
EMPTY_FILE = "empty file"


#: The most one article's input may hold: a wire file, an HTML page, a line of
#: JSONL (16 MB, some 2.5 million words; the API takes 2 MB a request). Larger
#: is no article but a mistake (a log, a dump, a 1 GB line a broken export left):
#: read whole, a 1 GB line held 2.2 GB and its extraction would have taken
#: hours. It is rejected by its size, having read no more than the limit.
#: Feeds and JSON lists hold many articles, and are not bounded by it.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
#: The most one RSS/Atom feed may hold, uncompressed: a feed is parsed whole
#: (feedparser keeps every entry), taking some four times its size in memory.
#: Unbounded, a gzipped feed of 300 KB holding 300 MB of blank space held
#: 1.3 GB, and one of a few MB would have taken the loader down. 64 MB is
#: thousands of full-text entries; a larger archive is split into feeds.
MAX_FEED_BYTES = 64 * 1024 * 1024


def too_large(what: str, limit: int) -> str:
    return f"{what} larger than {_megabytes(limit)}, the most one article may hold: not read"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:g} MB" if size >= 2**20 else f"{size:,} bytes"


class TooLarge(ValueError):
    """An input larger than one article may be (`MAX_ARTICLE_BYTES`)."""


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The whole file (uncompressed); `limit`: a file larger is refused
    (`TooLarge`) having read no more than that."""
    with open_binary(path) as handle:
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise TooLarge(too_large("file", limit))
    return data


#: Byte order marks of UTF-16, which Windows writes for "Unicode" text (Notepad's
#: "UTF-16 LE", PowerShell 5's `>`): the mark says the encoding, so such a file
#: is read, not rejected as "not UTF-8" with a hint to convert it from Windows-1252.
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text(path: Path, limit: int | None = None) -> str:
    data = read_bytes(path, limit)
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUtf8(data, error) from None


class NotUtf8(ValueError):
    """Text that is not UTF-8, said so the person holding the file can fix it.

    Python's "'utf-8' codec can't decode byte 0xea in position 1: invalid
    continuation byte" named neither the line nor the likely cause: wire
    copy saved on Windows, in Windows-1252.
    """

    def __init__(self, data: bytes, error: UnicodeDecodeError):
        start = error.start  # utf-8-sig counts from after the BOM
        text = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        line = text.count(b"\n", 0, start) + 1
        column = start - (text.rfind(b"\n", 0, start) + 1) + 1
        super().__init__(f"not UTF-8 text: byte 0x{text[start]:02x} on line {line}, column {column} "
                         f"(saved as Windows-1252 or Latin-1? convert it to UTF-8, for example with "
                         f"iconv -f windows-1252 -t utf-8)")


def open_binary(path: Path) -> io.BufferedIOBase:
    """Raw bytes, for readers that decode line by line: one bad byte then costs
    its line, not the file."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


#: Stands for a line longer than the limit in what `bounded_lines` yields.
TOO_LONG = object()


def bounded_lines(readline, limit: int):
    """The lines `readline(size)` gives (bytes or str), each at most `limit`
    long before its line end; a longer one is read past in pieces, never held,
    and yielded as `TOO_LONG`, so the lines after it still load."""
    newlines = (b"\n", "\n")
    while line := readline(limit + 1):
        if len(line) <= limit or line[-1:] in newlines and len(line) == limit + 1:
            yield line
            continue
        while line and line[-1:] not in newlines:
            line = readline(1 << 20)
        yield TOO_LONG
