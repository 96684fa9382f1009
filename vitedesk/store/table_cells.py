"""Cells as text: numbers as a person typed them, column letters, and whether the first row is a header."""

from __future__ import annotations

import datetime
import re

_DIGITS = re.compile(r"\d")
PHONE_LIKE_DIGITS = 6
"""A cell with this many digits or more looks like data, not a header."""


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: 12025550143.0 -> "12025550143" (never "1.2025550143E+10")."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return "" if value is None else str(value)


def column_name(index: int) -> str:
    """ "Column A" for 0, "Column AB" for 27: how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"Column {letters}"


def header_row_count(rows: list[list[str]]) -> int:
    """1 when the first row reads as column names (no cell with a phone-like run of digits), else 0.

    A single row is a header only when it has no digit at all ("Name;Phone" and nothing under it).
    """
    if not rows:
        return 0
    first = rows[0]
    if len(rows) == 1 and any(_DIGITS.search(cell) for cell in first):
        return 0
    if not any(cell.strip() for cell in first):
        return 0
    for cell in first:
        if len(_DIGITS.findall(cell)) >= PHONE_LIKE_DIGITS:
            return 0
    # A header has text in it; a first row of short numbers (ids, amounts) is data too.
    if not any(any(ch.isalpha() for ch in cell) for cell in first):
        return 0
    return 1
