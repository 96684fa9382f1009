"""Qt counts text positions in UTF-16 code units; Python counts characters. One place converts between them.

Characters outside the Basic Multilingual Plane (most emoji) are one Python character but two Qt positions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

_BMP_END = 0xFFFF
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """Length of ``text`` in Qt positions (UTF-16 code units)."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > _BMP_END)


def utf16_offset(text: str, index: int) -> int:
    """Qt position of the Python character ``index`` in ``text``."""
    if text.isascii():
        return index
    return utf16_length(text[:index])


def utf16_spans(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(Qt position, Qt length) of each (start, end) span of Python indices, in one pass over ``text``.

    The cost is one regex scan of the text plus a binary search per span, never a walk of the prefix per
    span (which would make highlighting a long message quadratic).
    """
    if text.isascii():
        for start, end in spans:
            yield start, end - start
        return
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    for start, end in spans:
        qt_start = start + bisect_left(astral, start)
        yield qt_start, end + bisect_left(astral, end) - qt_start


def python_index(text: str, qt_position: int) -> int:
    """Python index of the Qt position ``qt_position`` in ``text`` (the end when it lies past it)."""
    if text.isascii():
        return qt_position
    units = 0
    for index, ch in enumerate(text):
        if units >= qt_position:
            return index
        units += 2 if ord(ch) > _BMP_END else 1
    return len(text)
