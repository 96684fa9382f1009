"""What a lead list leaves out of the campaign, one row per piece, for the "Export left-out" CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from vitedesk.core.leads.review import LeadReview

NOT_INCLUDED = "May not exist (right length, not a number in use in its country): not included"
OPTED_OUT = "On your opt-out list"


class LeftOut(NamedTuple):
    """A piece of the list that is not sent: its 1-based line, the text as typed, and why."""

    line: int
    raw: str
    reason: str


def left_out(review: LeadReview, line_text: Callable[[int], str]) -> list[LeftOut]:
    """Every piece that is not sent, in line order: lines that cannot be used, duplicates, numbers that may
    not exist when they are not included, and opted-out numbers (their text from `line_text`).

    Contract: together with the recipients and a skipped header line, these rows account for every piece.
    """
    report = review.report
    rows = [LeftOut(record.line, record.raw, record.reason) for record in review.invalid]
    first_line: dict[str, int] = {}
    if report.duplicates and len(report.number_lines) == len(report.numbers):
        first_line = dict(zip(report.numbers, report.number_lines, strict=True))
    for duplicate in report.duplicates:
        earlier = first_line.get(duplicate.e164)
        where = f" on line {earlier:,}" if earlier else ""
        rows.append(LeftOut(duplicate.line, duplicate.raw, f"Duplicate of {duplicate.e164}{where}"))
    if not review.include_unverified:
        rows += [
            LeftOut(lead.line, lead.raw, NOT_INCLUDED)
            for lead in review.unverified
            if lead.e164 not in review.opted_out
        ]
    rows += [LeftOut(line, line_text(line) or number, OPTED_OUT) for line, number in review.opted_out_found]
    rows.sort(key=lambda row: row.line)
    return rows
