"""Text tables (.csv, .txt): the encoding found, the delimiter sniffed, rows read with the csv module.

Encoding, in this order: a byte-order mark (UTF-8, UTF-16 LE/BE as Excel's "Unicode text" writes it), then
strict UTF-8, then Windows-1252 (what Excel's plain "CSV" writes in the West). Detectors guess wrong on short
files, so the import dialog shows the decoded names and lets the person pick another ENCODINGS entry.
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from vitedesk.store.tables import PROGRESS_EVERY, Cancel, Progress, RawTable, ReadCancelled, TableError

ENCODINGS: tuple[tuple[str, str], ...] = (
    ("utf-8", "Unicode (UTF-8)"),
    ("utf-16", "Unicode (UTF-16)"),
    ("cp1252", "Western European (Windows-1252)"),
    ("iso-8859-15", "Western European (ISO-8859-15)"),
    ("cp1250", "Central European (Windows-1250)"),
    ("cp1251", "Cyrillic (Windows-1251)"),
    ("cp1253", "Greek (Windows-1253)"),
    ("cp1254", "Turkish (Windows-1254)"),
    ("mac-roman", "Western European (Mac)"),
    ("cp850", "Western European (DOS)"),
)
"""(Python codec, what the person reads) for the encoding picker, most common first."""

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 200
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}
_DECODE_SLICE = 1_000_000
_LINE_SLICE = 1_000_000


def encoding_label(codec: str) -> str:
    """ "Western European (Windows-1252)" for "cp1252"; the codec name itself when not in ENCODINGS."""
    wanted = codecs.lookup(codec).name
    for name, label in ENCODINGS:
        if codecs.lookup(name).name == wanted:
            return label
    return codec


def looks_like_text(sample: bytes) -> bool:
    """True for bytes that read as text in some encoding we offer (no NULs unless UTF-16, few controls)."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls <= max(1, len(sample) // 200)


def decode(data: bytes, encoding: str | None, name: str) -> tuple[str, str]:
    """(text, codec used): ``encoding`` when given (undecodable bytes replaced), else BOM / UTF-8 / cp1252."""
    if encoding is not None:
        codec = codecs.lookup(encoding).name
        if codec in ("utf-8", "utf-16") and data.startswith(codecs.BOM_UTF8):
            return _decoded(data[len(codecs.BOM_UTF8) :], "utf-8", "replace"), "utf-8"
        return _decoded(data, codec, "replace").removeprefix("\ufeff"), codec
    if data.startswith(codecs.BOM_UTF8):
        return _decoded(data[len(codecs.BOM_UTF8) :], "utf-8", "replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(data, "utf-16", "replace"), "utf-16"
    if not looks_like_text(data[:65536]):
        raise TableError(
            f"{name} does not contain text or a spreadsheet ViteDesk can read. Open it in the program "
            "that made it, save it as .xlsx or .csv, and import that."
        )
    try:
        return _decoded(data, "utf-8", "strict"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _decoded(data, "cp1252", "strict"), "cp1252"
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return _decoded(data, "latin-1", "strict"), "latin-1"


def _decoded(data: bytes, codec: str, errors: str) -> str:
    """data.decode(codec, errors) a slice at a time: no single call holds the GIL for long."""
    if len(data) <= _DECODE_SLICE:
        return data.decode(codec, errors)
    decoder = codecs.getincrementaldecoder(codec)(errors)
    view = memoryview(data)
    parts = [
        decoder.decode(view[start : start + _DECODE_SLICE]) for start in range(0, len(data), _DECODE_SLICE)
    ]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their "\n", cut a slice at a time (one split of it all holds the GIL)."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + _LINE_SLICE)
        end = size if end < 0 else end + 1
        pieces = text[start:end].split("\n")
        last = pieces.pop()
        for piece in pieces:
            yield piece + "\n"
        if last:
            yield last
        start = end


def sniff_delimiter(text: str) -> str | None:
    """The delimiter (comma, semicolon, tab, pipe) that splits the first lines most consistently, or None."""
    lines = [line for line in text[:200_000].splitlines()[:_SNIFF_LINES] if line.strip()]
    if not lines:
        return None
    best: tuple[float, int, str] | None = None
    for order, delimiter in enumerate(DELIMITERS):
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        used = [count for count in counts if count]
        if not used:
            continue
        mode = max(set(used), key=used.count)
        # Lines split the same way as the most common way, preferring more lines and fewer orders.
        score = (counts.count(mode) / len(lines), -order, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] < 0.5:
        return None
    return best[2]


def _count_outside_quotes(line: str, delimiter: str) -> int:
    if '"' not in line:
        return line.count(delimiter)
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def read_text_table(
    path: Path, encoding: str | None, progress: Progress | None, cancel: Cancel | None
) -> RawTable:
    """Rows of a text file with their line numbers (a quoted cell over several lines keeps its first)."""
    name = f"“{path.name}”"
    try:
        data = path.read_bytes()
    except OSError:
        raise TableError(
            f"{name} could not be read. If it is on a USB stick or network drive, check the connection."
        ) from None
    text, codec = decode(data, encoding, name)
    del data
    if "\x00" in text:
        text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text)
    total = text.count("\n") + 1
    rows: list[list[str]] = []
    numbers: Sequence[int] = []
    if delimiter is None:
        # One value per line: no quoting to interpret.
        lines = _lines(text)
        while some := list(itertools.islice(lines, PROGRESS_EVERY)):
            rows.extend([line.rstrip("\r\n")] for line in some)
            if cancel is not None and cancel():
                raise ReadCancelled
            if progress is not None:
                progress(len(rows), total)
        numbers = range(1, len(rows) + 1)  # not a list: a million ints at once stand the window still
        return RawTable(rows, numbers, encoding=codec)
    reader = csv.reader(_lines(text), delimiter=delimiter, quotechar='"', strict=False)
    try:
        if '"' not in text:
            # No quoting: one row per line, so the rows are read in C, a chunk at a time.
            while chunk := list(itertools.islice(reader, PROGRESS_EVERY)):
                rows.extend(chunk)
                if cancel is not None and cancel():
                    raise ReadCancelled
                if progress is not None:
                    progress(len(rows), total)
            numbers = range(1, len(rows) + 1)
        else:
            quoted: list[int] = []
            _read_quoted(reader, rows, quoted, total, progress, cancel)
            numbers = quoted
    except csv.Error:
        raise TableError(
            f"{name} could not be read as a table (near line {reader.line_num + 1:,}). Open it in a "
            "spreadsheet, save it as .csv again, and import that."
        ) from None
    if progress is not None:
        progress(total, total)
    return RawTable(rows, numbers, encoding=codec, delimiter=delimiter)


def _read_quoted(
    reader: Any,  # a csv reader (its line_num says where the row ended)
    rows: list[list[str]],
    numbers: list[int],
    total: int,
    progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    """Rows that may span lines (a quoted cell with a line break): each keeps the line it starts on."""
    append_row, append_number = rows.append, numbers.append
    line = 0
    for count, row in enumerate(reader, 1):
        append_row(row)
        append_number(line + 1)
        line = reader.line_num
        if count % PROGRESS_EVERY == 0:
            if cancel is not None and cancel():
                raise ReadCancelled
            if progress is not None:
                progress(line, total)
