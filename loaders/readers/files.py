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


def read_bytes(path: Path) -> bytes:
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


#: Byte order marks of UTF-16, which Windows writes for "Unicode" text (Notepad's
#: "UTF-16 LE", PowerShell 5's `>`): the mark says the encoding, so such a file
#: is read, not rejected as "not UTF-8" with a hint to convert it from Windows-1252.
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text(path: Path) -> str:
    data = read_bytes(path)
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
