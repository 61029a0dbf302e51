"""A large JSON list read one item at a time, in constant memory.

A CMS or archive export is often one JSON list of every article. Read as
one document, a 123 MB list of 118,000 Reuters articles took 422 MB before
the first article was indexed, and an export of several gigabytes could not
be loaded at all. Such a list (`STREAM_FROM_BYTES` or more on disk) is
decoded item by item with the json module's own decoder, so an item reads,
and a break in the list is told, as when the list is read whole
(tests/unit/test_json_list_stream.py holds the two equal). A smaller file,
or one that is no list, is read whole (`jsonfile.read`).
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Callable, Iterator

from .files import MAX_ARTICLE_BYTES, UTF16_BOMS, open_binary, too_large

#: Files from this size on disk (compressed: an eighth of it) are read item by item.
STREAM_FROM_BYTES = 16 * 1024 * 1024
#: Characters read at a time; a longer item makes the buffer grow to hold it.
CHUNK = 1 << 20
_BLANK = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()

Record = tuple  # (source, article or None, error or None, ...): what `jsonfile._article` gives, with the source


def streams(path: Path) -> bool:
    """Whether `path` is large enough to read item by item, and holds a JSON list.

    A gzipped file small on disk may still unpack to gigabytes (blank space
    compresses a thousandfold): it is large by what it unpacks to, counted
    without holding it, so such a list streams too, not read whole."""
    size = path.stat().st_size
    gzipped = path.suffix.lower() == ".gz"
    if size < (STREAM_FROM_BYTES // 8 if gzipped else STREAM_FROM_BYTES) and not (
            gzipped and unpacks_past(path, STREAM_FROM_BYTES)):
        return False
    with _text(path) as text:
        return text.read(4096).lstrip(" \t\n\r").startswith("[")


def unpacks_past(path: Path, limit: int) -> bool:
    """Whether the (uncompressed) content of `path` is longer than `limit`, read a chunk at a time."""
    seen = 0
    with open_binary(path) as handle:
        while chunk := handle.read(CHUNK):
            seen += len(chunk)
            if seen > limit:
                return True
    return False


def _text(path: Path) -> io.TextIOWrapper:
    """The file's text; a byte that is no UTF-8 as a lone surrogate (U+DC80-U+DCFF), which
    valid text never holds: the item holding it is rejected (`_not_utf8`), the others read.
    newline="": positions and line ends as in the file."""
    handle = open_binary(path)
    encoding = "utf-16" if handle.peek(2)[:2] in UTF16_BOMS else "utf-8-sig"
    return io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape", newline="")


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _not_utf8(buffer: "_Buffer", start: int, end: int) -> str | None:
    """Why the item at `start:end` of the buffer is rejected, when it holds a byte that is no UTF-8."""
    found = _ESCAPED_BYTE.search(buffer.data, start, end)
    if found is None:
        return None
    return (f"not UTF-8 text: byte 0x{ord(found.group()) - 0xDC00:02x} {buffer.where(found.start())} (saved as "
            f"Windows-1252 or Latin-1? convert it to UTF-8, for example with iconv -f windows-1252 -t utf-8)")


class _Buffer:
    """The unread part of the file, with where it starts (line and column) for error messages."""

    def __init__(self, text: io.TextIOWrapper):
        self.text, self.data, self.position, self.ended = text, "", 0, False
        self.lines_before = 0  # line ends in the text already let go
        self.line_start = 0  # where the current line starts, counted from the buffer's start (may be < 0)

    def more(self) -> bool:
        """Read on (at least as much again as is unread, so a long item costs linear time); False at the end."""
        if self.ended:
            return False
        chunk = self.text.read(max(CHUNK, len(self.data) - self.position))
        if not chunk:  # nothing let go: positions read before still hold
            self.ended = True
            return False
        self._let_go()
        self.data += chunk
        return True

    def _let_go(self) -> None:
        gone = self.data[:self.position]
        newlines = gone.count("\n")
        if newlines:
            self.lines_before += newlines
            self.line_start = gone.rindex("\n") + 1
        self.line_start -= self.position
        self.data, self.position = self.data[self.position:], 0

    def skip_blank(self) -> str:
        """The next character that is no blank space ("" at the end)."""
        while True:
            self.position = _BLANK.match(self.data, self.position).end()
            if self.position < len(self.data):
                return self.data[self.position]
            if not self.more():
                return ""

    def where(self, position: int) -> str:
        """`(line L, column C)` of a position in the buffer, as json's errors count them."""
        newlines = self.data.count("\n", 0, position)
        line_start = self.data.rindex("\n", 0, position) + 1 if newlines else self.line_start
        return f"(line {self.lines_before + newlines + 1}, column {position - line_start + 1})"


def read_list(path: Path, item_record: Callable[[object], tuple],
              too_deep: str, too_long_number: Callable[[ValueError], str | None]) -> Iterator[Record]:
    """Each item of the list in `path` as `(f"{path}#{n}", *item_record(item))`, then the
    rejection of the rest when the list breaks off or goes wrong part way."""
    with _text(path) as text:
        buffer = _Buffer(text)
        count, problem = 0, None
        try:
            buffer.skip_blank()
            buffer.position += 1  # the "["
            for item, rejected in _items(buffer):
                count += 1
                yield (f"{path}#{count}", None, rejected) if rejected else (f"{path}#{count}", *item_record(item))
        except _Break as broken:
            problem = broken.reason
        except RecursionError:
            problem = too_deep
        except ValueError as error:
            if (number := too_long_number(error)) is None:
                raise
            problem = f"invalid JSON: {number}"
        if problem is None and count == 0:
            yield str(path), None, "no articles: the JSON list is empty"
        elif problem is not None and count == 0:
            yield str(path), None, problem
        elif problem is not None:
            yield (f"{path}#{count + 1}", None,
                   f"{problem}: the JSON list breaks off after its article {count}, so the articles from "
                   f"here on were not read; fix or complete the file and load it again")


class _Break(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _items(buffer: _Buffer) -> Iterator[tuple[object, str | None]]:
    """The list's items, each with why it is rejected unread (None when it is not: no
    UTF-8 text, or larger than an article may be), the "[" read; raises _Break where
    the list goes wrong."""
    if buffer.skip_blank() == "]":
        buffer.position += 1
        _nothing_after(buffer)
        return
    while True:
        try:
            item, start = _item(buffer)
        except _Oversized:
            where = buffer.where(buffer.position)
            _skip_value(buffer)
            yield None, f"{too_large('article', MAX_ARTICLE_BYTES)} (it starts {where[1:-1]})"
        else:
            yield item, _not_utf8(buffer, start, buffer.position)
        following = buffer.skip_blank()
        if following == ",":
            buffer.position += 1
            buffer.skip_blank()
            continue
        if following == "]":
            buffer.position += 1
            _nothing_after(buffer)
            return
        raise _Break(f"invalid JSON: Expecting ',' delimiter {buffer.where(buffer.position)}")


class _Oversized(Exception):
    """An item longer than an article may be (`MAX_ARTICLE_BYTES`) and still not whole."""


def _item(buffer: _Buffer) -> tuple[object, int]:
    """The value at the buffer's position, the buffer grown until it holds it whole, and
    where it starts in the buffer (which growing may have moved)."""
    while True:
        try:
            item, end = _DECODER.raw_decode(buffer.data, buffer.position)
        except json.JSONDecodeError as error:
            if len(buffer.data) - buffer.position > MAX_ARTICLE_BYTES and buffer.data[buffer.position] in '{["':
                raise _Oversized from None
            if buffer.more():
                continue
            raise _Break(f"invalid JSON: {error.msg} {buffer.where(error.pos)}") from None
        if end == len(buffer.data) and buffer.more():
            continue  # a number may go on in the next chunk
        if end - buffer.position > MAX_ARTICLE_BYTES:  # read whole as the buffer doubled
            raise _Oversized
        start, buffer.position = buffer.position, end
        return item, start


_OUTSIDE_STRINGS = re.compile(r'["{}\[\]]')
_INSIDE_A_STRING = re.compile(r'["\\]')


def _skip_value(buffer: _Buffer) -> None:
    """Reads past the object, list or string at the buffer's position, letting go of
    what it has read: an item of a gigabyte (a dump, a broken export) was held whole,
    and then decoded. Brackets are counted outside strings, escapes inside them; what
    lies between is not checked, as no more of the item is read."""
    depth, in_string, position = 0, False, buffer.position
    while True:
        data = buffer.data
        while position < len(data):
            found = (_INSIDE_A_STRING if in_string else _OUTSIDE_STRINGS).search(data, position)
            if found is None:
                position = len(data)
                break
            position, mark = found.end(), found.group()
            if mark == "\\":
                position += 1  # the escaped character, which may be a quote
            elif mark == '"':
                in_string = not in_string
            else:
                depth += 1 if mark in "{[" else -1
            if depth == 0 and not in_string:
                buffer.position = position
                return
        buffer.position = min(position, len(data))
        skipped_past = position - len(data)  # an escape's character still to come
        if not buffer.more():
            raise _Break(f"invalid JSON: the list breaks off inside an article larger than "
                         f"{MAX_ARTICLE_BYTES / 2**20:g} MB")
        position = buffer.position + skipped_past


def _nothing_after(buffer: _Buffer) -> None:
    if buffer.skip_blank():
        raise _Break(f"invalid JSON: Extra data {buffer.where(buffer.position)}")
