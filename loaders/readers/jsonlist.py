"""A large JSON list read one item at a time, in constant memory.

A CMS or archive export is often one JSON list of every article, or an
object holding it (`{"status": "ok", "articles": [...]}`). Read as
one document, a 123 MB list of 118,000 Reuters articles took 422 MB before
the first article was indexed, and an export of several gigabytes could not
be loaded at all. Such a list (`STREAM_FROM_BYTES` or more on disk) is
decoded item by item with the json module's own decoder, so an item reads,
and a break in the list is told, as when the list is read whole
(tests/unit/test_json_list_stream.py holds the two equal). An object's
members are read one by one up to the first list under an envelope's name,
which is read item by item; an object with no such list is one article, as
read whole. Unlike a read of the whole, an object cut off or broken after
its list has begun keeps the articles before the break. A smaller file is
read whole (`jsonfile.read`), and so is JSON Lines named `.json`.
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
    """Whether `path` is large enough to read item by item, and holds a JSON list or object.

    A gzipped file small on disk may still unpack to gigabytes (blank space
    compresses a thousandfold): it is large by what it unpacks to, counted
    without holding it, so such a list streams too, not read whole."""
    size = path.stat().st_size
    gzipped = path.suffix.lower() == ".gz"
    if size < (STREAM_FROM_BYTES // 8 if gzipped else STREAM_FROM_BYTES) and not (
            gzipped and unpacks_past(path, STREAM_FROM_BYTES)):
        return False
    with _text(path) as text:
        return text.read(4096).lstrip(" \t\n\r").startswith(("[", "{"))


def starts_json_lines(path: Path) -> bool:
    """Whether the file's first line is a whole JSON object: JSON Lines named `.json`, as
    exports write them, read line by line (`jsonfile.read_lines`), not as one object. A
    one-line export of one object is longer than an article, and is no JSON Lines."""
    with _text(path) as text:
        first = text.readline(MAX_ARTICLE_BYTES + 1)
        if len(first) > MAX_ARTICLE_BYTES or not first.lstrip(" \t\r").startswith("{"):
            return False
        try:
            if not isinstance(json.loads(first), dict):
                return False
        except (ValueError, RecursionError):
            return False
        while (line := text.readline(4096)) and not line.strip(" \t\r\n"):
            pass  # blank lines between
        return line.lstrip(" \t\r").startswith("{")


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


#: How an object's list is read item by item (`read_list`'s `list_of`): None for a member
#: that is no list of articles, else the record of each item and what to call the list when
#: it is empty ("the 'articles' list").
ListReader = Callable[[str, dict], "tuple[Callable[[object], tuple], str] | None"]


def read_list(path: Path, item_record: Callable[[object], tuple],
              too_deep: str, too_long_number: Callable[[ValueError], str | None],
              list_of: ListReader | None = None,
              whole: Callable[[dict], Iterator[Record]] | None = None) -> Iterator[Record]:
    """Each item of the list in `path` as `(f"{path}#{n}", *item_record(item))`, then the
    rejection of the rest when the list breaks off or goes wrong part way.

    A file holding an object (an API answer, a CMS export: `{"articles": [...]}`) is
    read member by member: the first list `list_of(key, members before it)` takes is
    read item by item as a list is, the other members are kept; an object none of
    whose lists is taken is given to `whole`, as read whole.
    """
    with _text(path) as text:
        buffer = _Buffer(text)
        count, problem, named, in_object = 0, None, "the JSON list", False
        try:
            if buffer.skip_blank() == "{" and list_of is not None and whole is not None:
                members, found = _members_until_a_list(buffer, list_of)
                if found is None:
                    yield from whole(members)
                    return
                (item_record, named), in_object = found, True
            buffer.position += 1  # the "["
            for item, rejected in _items(buffer, whole_file=not in_object):
                count += 1
                yield (f"{path}#{count}", None, rejected) if rejected else (f"{path}#{count}", *item_record(item))
            if in_object:
                _rest_of_the_object(buffer)
        except _Break as broken:
            problem = broken.reason
        except _Oversized:  # a member of an object, outside its list
            problem = too_large("a value", MAX_ARTICLE_BYTES)
        except RecursionError:
            problem = too_deep
        except ValueError as error:
            if (number := too_long_number(error)) is None:
                raise
            problem = f"invalid JSON: {number}"
        if problem is None and count == 0:
            yield str(path), None, f"no articles: {named} is empty"
        elif problem is not None and count == 0:
            yield str(path), None, problem
        elif problem is not None:
            yield (f"{path}#{count + 1}", None,
                   f"{problem}: {named} breaks off after its article {count}, so the articles from "
                   f"here on were not read; fix or complete the file and load it again")


def _members_until_a_list(buffer: _Buffer, list_of: ListReader) -> tuple[dict, tuple | None]:
    """The object's members up to the first list `list_of` takes, the buffer left at its
    "[", and what `list_of` gave; else every member and None, the object read to its end."""
    members: dict = {}
    buffer.position += 1  # the "{"
    if buffer.skip_blank() == "}":
        buffer.position += 1
        _nothing_after(buffer)
        return members, None
    while True:
        key = _member_name(buffer)
        if buffer.skip_blank() == "[" and (found := list_of(key, members)) is not None:
            return members, found
        members[key], _ = _item(buffer)
        if _object_ends(buffer):
            return members, None


def _rest_of_the_object(buffer: _Buffer) -> None:
    """Reads the members after the list read item by item, to the object's end (they are no
    articles, and were read before it: a member can say that the object is an article only
    before its list)."""
    while not _object_ends(buffer):
        _member_name(buffer)
        buffer.skip_blank()
        _item(buffer)


def _member_name(buffer: _Buffer) -> str:
    """The name of the member at the buffer's position, read with its colon."""
    if buffer.skip_blank() != '"':
        raise _Break(f"invalid JSON: Expecting property name enclosed in double quotes "
                     f"{buffer.where(buffer.position)}")
    name, _ = _item(buffer)
    if buffer.skip_blank() != ":":
        raise _Break(f"invalid JSON: Expecting ':' delimiter {buffer.where(buffer.position)}")
    buffer.position += 1
    return name


def _object_ends(buffer: _Buffer) -> bool:
    """Reads the comma after a member (False: another follows) or the object's end (True)."""
    following = buffer.skip_blank()
    buffer.position += 1
    if following == "}":
        _nothing_after(buffer)
        return True
    if following != ",":
        raise _Break(f"invalid JSON: Expecting ',' delimiter {buffer.where(buffer.position - 1)}")
    return False


class _Break(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def _items(buffer: _Buffer, whole_file: bool = True) -> Iterator[tuple[object, str | None]]:
    """The list's items, each with why it is rejected unread (None when it is not: no
    UTF-8 text, or larger than an article may be), the "[" read; raises _Break where
    the list goes wrong."""
    if buffer.skip_blank() == "]":
        buffer.position += 1
        if whole_file:
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
            if whole_file:
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
