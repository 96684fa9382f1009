"""Whole-text clean-up for lead parsing: line endings, spreadsheet artefacts, punctuation, pieces.

Everything here runs over the whole pasted text at C speed (str.translate, str.split, re.sub with
literal replacements); per-piece Python code only runs for lines the bulk pass could not settle.
"""

from __future__ import annotations

import re
import unicodedata

from vitedesk.core.leads.rules import INVALID, NOT_A_NUMBER, Verdict, verdict

SHORTENED_MARK = "\x00"  # stands in for a number the spreadsheet shortened, e.g. 1.20256E+10
SHORTENED = (
    "The spreadsheet shortened this number, so digits are missing. "
    "Format the phone column as Text in the spreadsheet and copy the numbers again."
)
HAS_LETTERS = "Not a phone number: contains letters."
SEVERAL_NUMBERS = "Looks like several numbers: separate them with commas or put one per line."

_PUNCTUATION = (
    " \u00a0\u2007\u202f\u3000\u200b\u2060\u00ad\ufeff()[]-./~\"'\u2010\u2011\u2012\u2013\u2014\u2015"
    "\u2212\u30fc\uff0d\uff0e\uff0f\uff08\uff09\uff3b\uff3d\u2053\u223c\uff5e\u201c\u201d\u2018\u2019"
    "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
    "\x1c\x1d\x1e\x1f\x7f"
    # Invisible direction and joiner marks that right-to-left text and chat apps put around numbers.
    "\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Separators (",", ";", "\t"), newlines, "+", digits and letters survive the clean-up.
CLEANUP = str.maketrans(
    "\uff0b" + "".join(chr(c) for c in range(0xFF10, 0xFF1A)),
    "+" + "0123456789",
    _PUNCTUATION,
)
_PLUSES = re.compile(r"\+{2,}")


def clean(text: str) -> str:
    """CLEANUP, then a doubled plus ("++49", "+ +49" once spaces are gone) read as one plus."""
    cleaned = text.translate(CLEANUP)
    return _PLUSES.sub("+", cleaned) if "++" in cleaned else cleaned


SEPARATORS = re.compile(r"[,;\t]")
# Per line (MULTILINE): the first piece holding a digit (the last piece when none does); the same
# piece as raw_piece(line, first_digit_piece(line)) on a line that has a digit.
FIRST_DIGIT_PIECE = re.compile(r"^(?:[^\d\n,;\t]*[,;\t])*([^\n,;\t]*)", re.MULTILINE)
_LEADING_JUNK = re.compile(r"[^\d+]*")
_CANONICAL = re.compile(r"\+?[0-9]+", re.ASCII)
DIGIT = re.compile(r"\d")
# Spreadsheet renderings, each a piece on its own: "12025550143.0" (a trailing ".0" after at least six
# digits is dropped) and "1.2025550143E+10". Both patterns start at the dot, a literal, so the engine
# jumps from dot to dot; the six digits in front are a fixed-width look-behind.
_POINT_ZERO = re.compile(r"\.(?<=[0-9]{6}\.)0+(?![\w.])")
_SCIENTIFIC = re.compile(r"\.(?<=[0-9]\.)([0-9]+)[eE]\+?([0-9]{1,2})(?![\w.])")
_FIRST_DIGIT_ALONE = re.compile(r"(?<![\w.+])[0-9]\Z")


def normalise(text: str) -> str:
    """Text with LF line ends only, no byte-order mark, no NUL characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if SHORTENED_MARK in text:
        text = text.replace(SHORTENED_MARK, "")
    return text


def _expand(match: re.Match[str]) -> str:
    start = match.start()
    if _FIRST_DIGIT_ALONE.search(match.string, max(0, start - 2), start) is None:
        return match.group(0)
    fraction, exponent = match.group(1), int(match.group(2))
    if len(fraction) > exponent:
        return match.group(0)
    return fraction if len(fraction) == exponent else SHORTENED_MARK


def expand_spreadsheet_numbers(text: str) -> str:
    """Turn spreadsheet renderings back into digits; a shortened one gets SHORTENED_MARK."""
    if "." not in text:
        return text
    text = _POINT_ZERO.sub("", text)
    if "e" in text or "E" in text:
        text = _SCIENTIFIC.sub(_expand, text)
    return text


def piece_verdict(piece: str, region: str) -> Verdict | None:
    """Verdict for one cleaned piece; None for a piece without any digit (ignored)."""
    if piece.isascii() and _CANONICAL.fullmatch(piece) is not None:
        return verdict(piece, region)
    if SHORTENED_MARK in piece:
        return INVALID, SHORTENED
    start = DIGIT.search(piece)
    if start is None:
        return None
    plus = piece.rfind("+", 0, start.start())
    body = piece[plus if plus >= 0 and _LEADING_JUNK.fullmatch(piece[:plus]) else start.start() :]
    if not body.isascii():
        body = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in body)
    if _CANONICAL.fullmatch(body) is None:
        if any(c.isalpha() for c in body):
            return INVALID, HAS_LETTERS
        if "+" in body[1:]:
            return INVALID, SEVERAL_NUMBERS
        return INVALID, NOT_A_NUMBER
    # An international dialling prefix ("00", "011", "009" in Nigeria, "0011" in Australia) is the
    # default country's own: phonenumbers reads it from its metadata (verdict hands it over).
    if body == "+":
        return INVALID, NOT_A_NUMBER
    return verdict(body, region)


def raw_piece(raw_line: str, index: int) -> str:
    """The piece as the person typed it (quotes and surrounding spaces removed)."""
    piece = SEPARATORS.split(raw_line)[index] if index else raw_line
    if not index and ("," in piece or ";" in piece or "\t" in piece):
        piece = SEPARATORS.split(raw_line, 1)[0]
    return piece.strip().strip('"').strip()


def first_digit_piece(raw_line: str) -> int:
    """Index of the first piece of a line that contains a digit (0 when none does)."""
    for position, piece in enumerate(SEPARATORS.split(raw_line)):
        if DIGIT.search(piece):
            return position
    return 0
