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
- The default country's own international dialling prefix in front of a number means "+", as in
  phonenumbers' metadata: "00" in most of Europe, "011" in the +1 plan, "009" in Nigeria, "0011"
  in Australia, "000" in Kenya. "00" where that is not the prefix is read as phonenumbers reads it.
- Spreadsheet exports: 12025550143.0 and 1.2025550143E+10 are read as 12025550143; 1.20256E+10 lost
  digits and is rejected with a sentence saying so.
- The verdict is phonenumbers': not possible -> invalid; possible but not valid -> unverified (still
  sent); valid -> number. A number that is possible only locally (no area code) is invalid: it has no
  international form to send to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_not, itemgetter, lt, not_

import phonenumbers

from vitedesk.core.leads.bulk import UNVERIFIED_MARK, VALID_MARK, bulk_rules
from vitedesk.core.leads.pause import CollectorPause
from vitedesk.core.leads.records import Duplicate, Lead, Rejected, _records
from vitedesk.core.leads.regions import REGION_NAMES
from vitedesk.core.leads.rules import INVALID, UNVERIFIED, region_rules
from vitedesk.core.leads.text import (
    FIRST_DIGIT_PIECE,
    SEPARATORS,
    clean,
    expand_spreadsheet_numbers,
    first_digit_piece,
    normalise,
    piece_verdict,
    raw_piece,
)

__all__ = ["Duplicate", "Lead", "LeadReport", "Rejected", "parse_leads", "supported_regions"]


@dataclass(slots=True)
class LeadReport:
    """What parse_leads found: recipients first, then what the person should look at."""

    numbers: list[str]
    unverified: list[Lead]
    invalid: list[Rejected]
    duplicates: list[Duplicate]
    # 1-based line of each number in numbers (same order); compared only by the fields above
    number_lines: list[int] = field(default_factory=list, compare=False, repr=False)


def supported_regions() -> list[tuple[str, str, int]]:
    """(region code, English country name, calling code) for every region, sorted by name."""
    regions = [
        (code, name, phonenumbers.country_code_for_region(code))
        for code, name in REGION_NAMES
        if code in phonenumbers.SUPPORTED_REGIONS
    ]
    return sorted(regions, key=lambda region: (region[1].casefold(), region[0]))


class _Lines:
    """Per-line Python work for the lines the bulk passes left: splitting, verdicts, records.

    Numbers are handled as keys until the end: the national significant number for the default
    calling code (most lines: no string built per line), the E.164 for any other.
    """

    def __init__(self, text: str, region: str, cc: str) -> None:
        self.region = region
        self.prefix = "+" + cc
        self.text = text
        self._raw_lines: list[str] | None = None
        self.verdicts: dict[str, tuple[int, str] | None] = {}
        self.invalid: list[Rejected] = []
        self.alone_invalid: list[Rejected] = []
        # unverified numbers as first met: e164 -> (line index, piece index or -1 for "its only number")
        self.unverified: dict[str, tuple[int, int]] = {}
        self.positions: dict[int, list[tuple[int, str]]] = {}  # lines with separators: (piece, key)
        # Made once per line on first need: a line with 16,000 pieces is split once, not once per piece.
        self._pieces: dict[int, list[str]] = {}
        self._first_position: dict[int, dict[str, int]] = {}

    def key_of_marked(self, marked: str) -> str:
        """The key of a mark + E.164: the national significant number for the default calling code,
        the E.164 itself for any other (so the two never collide: digits vs "+"). Always a string
        of its own: duplicates are found by identity."""
        if marked.startswith(self.prefix, 1):
            return marked[len(self.prefix) + 1 :]
        return marked[1:]

    def e164(self, key: str) -> str:
        return key if key[:1] == "+" else self.prefix + key

    def e164s(self, keys: Iterable[str]) -> list[str]:
        """E.164 of many keys: one join and split (and a replace when another calling code occurs)
        instead of a string operation each."""
        separator = "\n" + self.prefix
        joined = separator.join(keys)
        if not joined:
            return []
        if separator + "+" in joined:
            joined = joined.replace(separator + "+", "\n+")
        found = joined.split("\n")
        found[0] = self.e164(found[0])
        return found

    @property
    def raw_lines(self) -> list[str]:
        if self._raw_lines is None:
            self._raw_lines = self.text.split("\n")
        return self._raw_lines

    def raw(self, index: int, position: int) -> str:
        """raw_piece(line, position), with the line split only once however many pieces are asked for."""
        pieces = self._pieces.get(index)
        if pieces is None:
            pieces = self._pieces[index] = SEPARATORS.split(self.raw_lines[index])
        return pieces[position].strip().strip('"').strip()

    def raw_of(self, index: int, key: str) -> str:
        """The piece of line `index` that gave the number `key`."""
        line = self.raw_lines[index]
        if index in self.positions:
            first = self._first_position.get(index)
            if first is None:
                first = self._first_position[index] = {}
                for position, value in self.positions[index]:
                    first.setdefault(value, position)
            return self.raw(index, first[key])
        if "," in line or ";" in line or "\t" in line:
            return raw_piece(line, first_digit_piece(line))
        return line.strip().strip('"').strip()

    def raws_of(self, indices: list[int], keys: list[str]) -> list[str]:
        """raw_of for many lines with one number each, at C speed for those without separators."""
        raw_lines = self.raw_lines
        picked = list(map(raw_lines.__getitem__, indices))
        if '"' in self.text:
            raws = list(map(str.strip, map(str.strip, map(str.strip, picked), repeat('"'))))
        else:  # without quotes the second and third strip change nothing
            raws = list(map(str.strip, picked))
        several = list(compress(range(len(picked)), map(SEPARATORS.search, picked)))
        if not several:
            return raws
        # lines the bulk passes settled hold one number: its piece is the first with a digit
        plain = [order for order in several if indices[order] not in self.positions]
        pieces = FIRST_DIGIT_PIECE.findall("\n".join(map(picked.__getitem__, plain))) if plain else []
        for order, piece in zip(plain, pieces, strict=True):
            raws[order] = piece.strip().strip('"').strip()
        for order in several if len(plain) < len(several) else ():
            if indices[order] in self.positions:
                raws[order] = self.raw_of(indices[order], keys[order])
        return raws

    def settle_alone(self, pending: list[int], per_line: list[str | list[str]]) -> list[int]:
        """Lines without separators whose one piece is invalid or holds no digit, grouped by their
        text (a repeated bad line is read once); returns the lines left for numbers_on."""
        raw_lines = self.raw_lines
        known: dict[str, tuple[str, str] | None] = {}  # raw line -> (raw piece, reason) or None
        left: list[int] = []
        lines: list[int] = []
        raws: list[str] = []
        reasons: list[str] = []
        for index in pending:
            line = raw_lines[index]
            if line in known:
                found = known[line]
            elif "," in line or ";" in line or "\t" in line:
                left.append(index)
                continue
            else:
                piece = clean(expand_spreadsheet_numbers(line) if "." in line else line)
                verdict = piece_verdict(piece, self.region) if piece else None
                if verdict is not None and verdict[0] != INVALID:
                    left.append(index)  # a number after all: recorded with its position by numbers_on
                    continue
                found = known[line] = None if verdict is None else (raw_piece(line, 0), verdict[1])
            per_line[index] = ""
            if found is not None:
                lines.append(index + 1)
                raws.append(found[0])
                reasons.append(found[1])
        self.alone_invalid = _records(Rejected, lines, raws, reasons)
        return left

    def invalid_records(self) -> list[Rejected]:
        """Invalid pieces in line order: the grouped lines merged with the ones read piece by piece."""
        if not self.invalid:
            return self.alone_invalid
        if not self.alone_invalid:
            return self.invalid
        return sorted(self.alone_invalid + self.invalid, key=itemgetter(0))

    def numbers_on(self, index: int) -> list[str]:
        """Keys of the line's usable numbers, in order; records its invalid and unverified pieces."""
        line = self.raw_lines[index]
        line = clean(expand_spreadsheet_numbers(line) if "." in line else line)
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
            if kind == UNVERIFIED:
                self.unverified.setdefault(value, (index, position if several else -1))
            mark = UNVERIFIED_MARK if kind == UNVERIFIED else VALID_MARK
            found.append((position, self.key_of_marked(mark + value)))
        if several and found:
            self.positions[index] = found
        return [value for _, value in found]

    def unverified_leads(self, marked: Iterable[int], per_line: list[str | list[str]]) -> list[Lead]:
        """First occurrence of each unverified number: the per-piece ones and the bulk-marked lines."""
        first = dict(self.unverified)
        for index in marked:
            e164 = self.e164(str(per_line[index]))
            first[e164] = min(first.get(e164, (index, -1)), (index, -1))
        ordered = sorted((place, e164) for e164, place in first.items())
        return [
            Lead(
                index + 1,
                self.raw(index, position)
                if position >= 0
                else self.raw_of(index, self.key_of_marked(UNVERIFIED_MARK + e164)),
                e164,
            )
            for (index, position), e164 in ordered
        ]


_collector_paused = CollectorPause()  # the one shared pause (see leads.pause)
collector_paused = _collector_paused
"""The same pause for other work that builds millions of small objects (reading a table of a million rows)."""


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
    with _collector_paused():
        return _parse(normalise(text), region)


def _parse(text: str, region: str) -> LeadReport:
    """parse_leads for normalised text and a known region."""
    cleaned = clean(expand_spreadsheet_numbers(text))
    bulk = bulk_rules(region)
    rules = region_rules(region)
    assert rules is not None
    lines = _Lines(text, region, rules.cc_str)
    # per_line[i]: the key of the line's only number, "" for none, a list of keys when several
    per_line: list[str | list[str]]
    marked_unverified: list[int] = []
    if bulk is not None:
        per_line = bulk.nsn_or_line(cleaned)  # type: ignore[assignment]
        del cleaned
        # a settled line's entry starts with a digit, a pending one with "\n" (which sorts before "0")
        pending = list(compress(range(len(per_line)), map(lt, per_line, repeat("0"))))
        if pending:
            # the second pass reads each distinct pending line once (a repeated unusable line, a
            # row pasted twice); key_of_marked still gives every line a string of its own
            texts: list[str] = list(map(per_line.__getitem__, pending))  # type: ignore[arg-type]
            distinct = dict.fromkeys(texts)
            marked = dict(zip(distinct, bulk.mark_rest_text("".join(distinct) + "\n"), strict=True))
            still: list[int] = []
            for index, value in zip(pending, map(marked.__getitem__, texts), strict=True):
                mark = value[:1]
                if mark == VALID_MARK:
                    per_line[index] = lines.key_of_marked(value)
                elif mark == UNVERIFIED_MARK:
                    per_line[index] = lines.key_of_marked(value)
                    marked_unverified.append(index)
                else:
                    per_line[index] = ""
                    if value:
                        still.append(index)
            pending = still
    else:
        per_line = cleaned.split("\n")  # type: ignore[assignment]
        del cleaned
        pending = [index for index, line in enumerate(per_line) if line]
    several = False
    for index in lines.settle_alone(pending, per_line) if pending else ():
        found = lines.numbers_on(index)
        if not found:
            per_line[index] = ""
        elif len(found) == 1:
            per_line[index] = found[0]
        else:
            per_line[index] = found
            several = True
    if several:
        numbers, duplicates, number_lines = _assemble_pieces(per_line, lines)
    else:
        numbers, duplicates, number_lines = _assemble_lines(per_line, lines)  # type: ignore[arg-type]
    unverified = lines.unverified_leads(marked_unverified, per_line)
    return LeadReport(numbers, unverified, lines.invalid_records(), duplicates, number_lines)


def _assemble_lines(per_line: list[str], lines: _Lines) -> tuple[list[str], list[Duplicate], list[int]]:
    """At most one number per line: dedupe with C-level dict, map and compress passes."""
    count = len(per_line)
    first: dict[str, str] = {}
    # The numbers in first-seen order are the dict's keys. Each entry is its own string object
    # (only the empty ones are one shared object), so an entry that is not the object the dict
    # kept is a later piece with the same number.
    is_later = list(map(is_not, map(first.setdefault, per_line, per_line), per_line))
    later = list(compress(range(count), is_later))
    firsts = list(compress(range(1, count + 1), map(not_, is_later)))
    if "" in first:  # the lines without a number are all the one shared "" object: never "later"
        firsts = list(compress(firsts, map(per_line.__getitem__, map(int.__sub__, firsts, repeat(1)))))
    first.pop("", None)
    numbers = lines.e164s(first)
    if not later:
        return numbers, [], firsts
    keys = list(filter(None, map(per_line.__getitem__, later)))  # later lines without a number: ""
    indices = list(compress(later, map(per_line.__getitem__, later))) if len(keys) < len(later) else later
    raws = lines.raws_of(indices, keys)
    duplicates = _records(Duplicate, map(int.__add__, indices, repeat(1)), raws, lines.e164s(keys))
    return numbers, duplicates, firsts


def _assemble_pieces(
    per_line: list[str | list[str]], lines: _Lines
) -> tuple[list[str], list[Duplicate], list[int]]:
    """Some line has several numbers: walk the lines in order."""
    seen: dict[str, int] = {}
    duplicates: list[Duplicate] = []
    for index, entry in enumerate(per_line):
        if not entry:
            continue
        entries = [entry] if isinstance(entry, str) else entry
        for order, key in enumerate(entries):
            if key not in seen:
                seen[key] = index + 1
            elif index in lines.positions:
                raw = lines.raw(index, lines.positions[index][order][0])
                duplicates.append(Duplicate(index + 1, raw, lines.e164(key)))
            else:
                duplicates.append(Duplicate(index + 1, lines.raw_of(index, key), lines.e164(key)))
    return lines.e164s(seen), duplicates, list(seen.values())
