"""Reading the standard library's parse of a metadata pattern: what a match can start with, and
whether the general pattern's check is implied by the number-type patterns."""

from __future__ import annotations

import importlib
import re
from typing import Any

_DIGIT_PATTERN_CHARACTERS = frozenset("0123456789[]-(?:)|{},=$")


def fixed_width(source: str, length: int) -> bool:
    """True when the source matches ASCII digits only and every match is `length` characters long
    (then a length check in front of it would be redundant)."""
    if not set(source.replace("\\d", "")) <= _DIGIT_PATTERN_CHARACTERS:
        return False
    try:  # the standard library's own parser; without it the length stays checked in the pattern
        parser: Any = importlib.import_module("re._parser")
        width = tuple(parser.parse(source).getwidth())
    except (ImportError, AttributeError, TypeError, re.error):
        return False
    return width == (length, length)


_DIGIT_CODES = frozenset(range(ord("0"), ord("9") + 1))


def _class_codes(items: Any) -> frozenset[int] | None:
    """The code points of a parsed character class of literals, ranges and \\d (read as ASCII)."""
    found: set[int] = set()
    for op, arg in items:
        if str(op) == "LITERAL":
            found.add(arg)
        elif str(op) == "RANGE":
            found.update(range(arg[0], arg[1] + 1))
        elif str(op) == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            found |= _DIGIT_CODES
        else:
            return None
    return frozenset(found)


def _first_codes(items: Any) -> frozenset[int] | None:
    """Every code point a match of the parsed sequence can start with (ASCII \\d); None: cannot tell."""
    if not items:
        return None
    op, arg = items[0]
    name = str(op)
    if name == "LITERAL":
        return frozenset((arg,))
    if name == "IN":
        return _class_codes(arg)
    if name == "BRANCH":
        found: set[int] = set()
        for alternative in arg[1]:
            codes = _first_codes(alternative)
            if codes is None:
                return None
            found |= codes
        return frozenset(found)
    if name == "SUBPATTERN" and not arg[1] and not arg[2]:
        return _first_codes(arg[3])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
        return _first_codes(arg[2])
    return None


def general_implied(general: str, typed: str, length: int) -> bool:
    """True when every match of `typed` (ASCII digits, `length` long: see fixed_width) also matches
    the general pattern whole, because some alternative of the general pattern is one character
    class holding every first digit of `typed` followed by `length` - 1 digits. Then the general
    check in front of the typed patterns is redundant for that length."""
    if length < 2 or not fixed_width(typed, length):
        return False
    try:
        parser: Any = importlib.import_module("re._parser")
        parsed_general = parser.parse(general)
        firsts = _first_codes(parser.parse(typed))
    except (ImportError, AttributeError, TypeError, IndexError, re.error):
        return False
    if firsts is None:
        return False
    alternatives = (
        parsed_general[0][1][1]
        if len(parsed_general) == 1 and str(parsed_general[0][0]) == "BRANCH"
        else [parsed_general]
    )
    for alternative in alternatives:
        if len(alternative) != 2:
            continue
        (first_op, first_arg), (repeat_op, repeat_arg) = alternative[0], alternative[1]
        if str(first_op) == "LITERAL":
            starts: frozenset[int] | None = frozenset((first_arg,))
        elif str(first_op) == "IN":
            starts = _class_codes(first_arg)
        else:
            continue
        if starts is None or not firsts <= starts or str(repeat_op) != "MAX_REPEAT":
            continue
        low, high, body = repeat_arg
        one_class = len(body) == 1 and str(body[0][0]) == "IN"
        if low == high == length - 1 and one_class and _class_codes(body[0][1]) == _DIGIT_CODES:
            return True
    return False
