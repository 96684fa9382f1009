"""From what people paste to recipients: text -> de-duplicated E.164 numbers + what was dropped and why.

Reading rules (parse_leads):
- A line is split into pieces at commas, semicolons and tabs. A piece without any digit (a name, a
  "Phone" header, an e-mail address) is ignored silently; every other piece ends up exactly once in
  the report: as a number (possibly also listed as unverified), as invalid, or as a duplicate.
- Spaces and the punctuation people put in numbers are ignored: ( ) - . / and double quotes. CSV
  quoting is not interpreted: a comma inside quotes still separates pieces. Phone numbers never
  contain commas, so `"Smith, John",+12025550143` still yields the number.
- Text before the number is ignored ("tel:", "Mobile:", a name); letters after the first digit make
  the piece invalid ("202-555-0143 ext 12" cannot receive an SMS).
- "00" and, in the +1 plan, "011" in front of a number mean "+".
- Spreadsheet exports: 12025550143.0 and 1.2025550143E+10 are read as 12025550143; 1.20256E+10 lost
  digits and is rejected with a sentence saying so.
- The verdict is phonenumbers': not possible -> invalid; possible but not valid -> unverified (still
  sent); valid -> number. A number that is possible only locally (no area code) is invalid: it has no
  international form to send to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, repeat
from operator import ne, not_

import phonenumbers

from vitedesk.core._leads_bulk import BULK_MARK, bulk_rules
from vitedesk.core._leads_regions import REGION_NAMES
from vitedesk.core._leads_rules import INVALID, UNVERIFIED, region_rules
from vitedesk.core._leads_text import (
    CLEANUP,
    SEPARATORS,
    expand_spreadsheet_numbers,
    first_digit_piece,
    normalise,
    piece_verdict,
    raw_piece,
)

__all__ = ["Duplicate", "Lead", "LeadReport", "Rejected", "parse_leads", "supported_regions"]


@dataclass(frozen=True, slots=True)
class Lead:
    """A recipient and where it came from (1-based line, the piece as typed)."""

    line: int
    raw: str
    e164: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """A piece that cannot be used, with a sentence saying why."""

    line: int
    raw: str
    reason: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A piece dropped because an earlier piece had the same number."""

    line: int
    raw: str
    e164: str


@dataclass(slots=True)
class LeadReport:
    """What parse_leads found: recipients first, then what the person should look at."""

    numbers: list[str]
    unverified: list[Lead]
    invalid: list[Rejected]
    duplicates: list[Duplicate]


def supported_regions() -> list[tuple[str, str, int]]:
    """(region code, English country name, calling code) for every region, sorted by name."""
    regions = [
        (code, name, phonenumbers.country_code_for_region(code))
        for code, name in REGION_NAMES
        if code in phonenumbers.SUPPORTED_REGIONS
    ]
    return sorted(regions, key=lambda region: (region[1].casefold(), region[0]))


class _Lines:
    """Per-line Python work for the lines the bulk pass left: splitting, verdicts, records."""

    def __init__(self, text: str, region: str) -> None:
        self.region = region
        self.text = text
        self._raw_lines: list[str] | None = None
        self.verdicts: dict[str, tuple[int, str] | None] = {}
        self.invalid: list[Rejected] = []
        self.unverified: dict[str, tuple[int, int]] = {}  # e164 -> (line index, piece index)
        self.positions: dict[int, list[tuple[int, str]]] = {}  # lines with separators: (piece, e164)

    @property
    def raw_lines(self) -> list[str]:
        if self._raw_lines is None:
            self._raw_lines = self.text.split("\n")
        return self._raw_lines

    def raw(self, index: int, position: int) -> str:
        return raw_piece(self.raw_lines[index], position)

    def raw_of(self, index: int, e164: str) -> str:
        """The piece of line `index` that gave `e164`."""
        line = self.raw_lines[index]
        if index in self.positions:
            return raw_piece(line, next(p for p, value in self.positions[index] if value == e164))
        if "," in line or ";" in line or "\t" in line:
            return raw_piece(line, first_digit_piece(line))
        return line.strip().strip('"').strip()

    def numbers_on(self, index: int) -> list[str]:
        """E.164 of the line's usable numbers, in order; records its invalid and unverified pieces."""
        line = self.raw_lines[index]
        line = (expand_spreadsheet_numbers(line) if "." in line else line).translate(CLEANUP)
        several = "," in line or ";" in line or "\t" in line
        pieces = SEPARATORS.split(line) if several else [line]
        found: list[tuple[int, str]] = []
        for position, piece in enumerate(pieces):
            if not piece:
                continue
            if piece in self.verdicts:
                verdict = self.verdicts[piece]
            else:
                verdict = self.verdicts[piece] = piece_verdict(piece, self.region)
            if verdict is None:
                continue
            kind, value = verdict
            if kind == INVALID:
                self.invalid.append(Rejected(index + 1, self.raw(index, position), value))
                continue
            if kind == UNVERIFIED and value not in self.unverified:
                self.unverified[value] = (index, position)
            found.append((position, value))
        if several and found:
            self.positions[index] = found
        return [value for _, value in found]

    def unverified_leads(self) -> list[Lead]:
        return [
            Lead(index + 1, self.raw(index, position), e164)
            for e164, (index, position) in self.unverified.items()
        ]


def parse_leads(text: str, default_region: str = "US") -> LeadReport:
    """Read pasted leads (one or more numbers per line) into recipients and a report.

    numbers: E.164 with "+", first-seen order, no repeats. unverified: numbers phonenumbers finds
    possible but not valid (kept in numbers). invalid: unusable pieces with a reason for a person.
    duplicates: pieces dropped because an earlier one had the same number. Never raises for any text;
    raises ValueError for a default_region phonenumbers does not know.
    """
    region = default_region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS or region_rules(region) is None:
        raise ValueError(f"Unknown country for phone numbers: {default_region!r}.")
    text = normalise(text)
    cleaned = expand_spreadsheet_numbers(text).translate(CLEANUP)
    bulk = bulk_rules(region)
    # per_line[i]: BULK_MARK + E.164 of the line's only number, or None; a list when several
    per_line: list[str | list[str] | None]
    if bulk is not None:
        per_line = bulk.mark(cleaned)  # type: ignore[assignment]
        settled = map(str.startswith, per_line, repeat(BULK_MARK))  # type: ignore[arg-type]
        pending: Iterable[int] = compress(range(len(per_line)), map(not_, settled))
    else:
        per_line = cleaned.split("\n")  # type: ignore[assignment]
        pending = range(len(per_line))
    del cleaned
    lines = _Lines(text, region)
    several = False
    for index in pending:
        found = lines.numbers_on(index) if per_line[index] else []
        if not found:
            per_line[index] = None
        elif len(found) == 1:
            per_line[index] = BULK_MARK + found[0]
        else:
            per_line[index] = [BULK_MARK + e164 for e164 in found]
            several = True
    if several:
        numbers, duplicates = _assemble_pieces(per_line, lines)
    else:
        numbers, duplicates = _assemble_lines(per_line, lines)  # type: ignore[arg-type]
    return LeadReport(numbers, lines.unverified_leads(), lines.invalid, duplicates)


def _assemble_lines(per_line: list[str | None], lines: _Lines) -> tuple[list[str], list[Duplicate]]:
    """At most one number per line: dedupe with C-level dict, map and compress passes."""
    count = len(per_line)
    first: dict[str | None, int] = {}
    # first index of each line's number, and the numbers in first-seen order as the dict's keys
    first_index = list(map(first.setdefault, per_line, range(count)))
    first.pop(None, None)
    numbers = "\n".join(first).replace(BULK_MARK, "").split("\n") if first else []  # type: ignore[arg-type]
    if len(first) == count - per_line.count(None):
        return numbers, []
    later = compress(range(count), map(ne, first_index, range(count)))
    duplicates = [
        Duplicate(index + 1, lines.raw_of(index, e164[1:]), e164[1:])
        for index in later
        if (e164 := per_line[index]) is not None
    ]
    return numbers, duplicates


def _assemble_pieces(
    per_line: list[str | list[str] | None], lines: _Lines
) -> tuple[list[str], list[Duplicate]]:
    """Some line has several numbers: walk the lines in order."""
    seen: dict[str, None] = {}
    duplicates: list[Duplicate] = []
    for index, entry in enumerate(per_line):
        if entry is None:
            continue
        entries = [entry] if isinstance(entry, str) else entry
        for order, marked in enumerate(entries):
            e164 = marked[1:]
            if e164 not in seen:
                seen[e164] = None
            elif index in lines.positions:
                duplicates.append(
                    Duplicate(index + 1, lines.raw(index, lines.positions[index][order][0]), e164)
                )
            else:
                duplicates.append(Duplicate(index + 1, lines.raw_of(index, e164), e164))
    return list(seen), duplicates
