"""From a table's phone column (and optional country column) to lead lines, and a sentence on what came in.

Each non-empty phone cell becomes one line of lead text, in file order, and remembers its file row. A row
with a country other than the default gets its number written in international form ("+44 …" style E.164)
when it reads as a number of that country, so the lead list can keep one default country.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import phonenumbers

from vitedesk.core.leads.chunked import parse_lines
from vitedesk.core.leads.columns import region_of
from vitedesk.core.leads.parse import LeadReport
from vitedesk.core.leads.text import clean, expand_spreadsheet_numbers
from vitedesk.core.wording import plural

ROW_PROBLEMS_NAMED = 3
"""Problem rows named in the import sentence before "and N more"."""


@dataclass(slots=True)
class ImportedLines:
    """Lead lines from a table: ``lines[i]`` came from file row ``row_numbers[i]``."""

    lines: list[str]
    row_numbers: list[int]
    rows_read: int
    empty_rows: list[int] = field(default_factory=list)
    unknown_countries: list[tuple[int, str]] = field(default_factory=list)

    def text(self) -> str:
        """The lines as lead text, joined a slice at a time (one join of a million holds the GIL for long)."""
        lines, step = self.lines, 50_000
        return "\n".join(["\n".join(lines[start : start + step]) for start in range(0, len(lines), step)])


def import_lines(
    phones: Sequence[str],
    row_numbers: Sequence[int],
    default_region: str,
    countries: Sequence[str] | None = None,
) -> ImportedLines:
    """Lines for the lead editor from a phone column; ``countries`` (same length) picks the region per row."""
    lines: list[str] = []
    numbers: list[int] = []
    empty: list[int] = []
    unknown: list[tuple[int, str]] = []
    regions: dict[str, str | None] = {}
    for index, value in enumerate(phones):
        row = row_numbers[index]
        if not value.strip():
            empty.append(row)
            continue
        text = value.replace("\r", " ").replace("\n", " ").replace("\x00", "").strip().lstrip("\ufeff")
        if countries is not None:
            country = countries[index].strip()
            if country:
                if country not in regions:
                    regions[country] = region_of(country)
                region = regions[country]
                if region is None:
                    unknown.append((row, country))
                elif region != default_region:
                    text = _international(text, region)
        lines.append(text)
        numbers.append(row)
    return ImportedLines(lines, numbers, len(phones), empty, unknown)


def _international(text: str, region: str) -> str:
    """``text`` as E.164 when it reads as a possible number of ``region``; else as it was."""
    candidate = expand_spreadsheet_numbers(clean(text))
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def parse_imported(imported: ImportedLines, default_region: str) -> LeadReport:
    """The lead report of the imported lines alone (its line numbers index ``imported.row_numbers``);
    the same as parse_leads(imported.text()), read a slice at a time (see leads.chunked)."""
    return parse_lines(imported.lines, default_region)


def row_problems(imported: ImportedLines, report: LeadReport) -> list[tuple[int, str]]:
    """(file row, what is wrong) for every row that gave no recipient, in row order."""
    problems = [(row, "no phone number") for row in imported.empty_rows]
    rows = imported.row_numbers
    problems.extend((rows[rejected.line - 1], _lower_first(rejected.reason)) for rejected in report.invalid)
    problems.sort(key=lambda problem: problem[0])
    return problems


def import_summary(source: str, imported: ImportedLines, report: LeadReport) -> str:
    """ "contacts.xlsx, sheet Contacts: 5 rows read, 4 recipients; row 5: no phone number." """
    parts = [plural(imported.rows_read, "row") + " read", plural(len(report.numbers), "recipient")]
    if report.duplicates:
        parts.append(f"{plural(len(report.duplicates), 'duplicate')} removed")
    sentence = f"{source}: {', '.join(parts)}"
    problems = row_problems(imported, report)
    if problems:
        named = "; ".join(
            f"row {row:,}: {reason.rstrip('.')}" for row, reason in problems[:ROW_PROBLEMS_NAMED]
        )
        sentence += f"; {named}"
        more = len(problems) - ROW_PROBLEMS_NAMED
        if more > 0:
            sentence += f"; and {plural(more, 'more row')} that gave no recipient"
    sentence += "."
    if imported.unknown_countries:
        row, value = imported.unknown_countries[0]
        others = len(imported.unknown_countries) - 1
        tail = f" (and {plural(others, 'other row')})" if others else ""
        sentence += (
            f" The country “{value}” in row {row:,}{tail} is not one ViteDesk knows, "
            "so the default country was used there."
        )
    return sentence


def _lower_first(reason: str) -> str:
    if len(reason) > 1 and reason[0].isupper() and reason[1].islower():
        return reason[0].lower() + reason[1:]
    return reason
