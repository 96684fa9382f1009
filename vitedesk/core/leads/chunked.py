"""parse_leads over many lines a slice at a time, so the thread that runs it lets the window breathe.

parse_leads does most of its work in long C-level passes over the whole text; each holds Python's GIL, and
over a million lines some last a few hundred milliseconds, in which the UI thread cannot run. Parsed a
slice at a time, no pass is longer than a slice's. The result is the same report as one parse_leads over
the joined lines (tests/core/test_leads_chunked.py compares them), because with one piece per line every
line that has a digit gives exactly one record: a new number, a rejected piece, or a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vitedesk.core.leads.parse import LeadReport, collector_paused, parse_leads
from vitedesk.core.leads.records import Duplicate, Lead, Rejected
from vitedesk.core.leads.text import DIGIT, SEPARATORS

SLICE_LINES = 20_000
_SHARDS = 64
_SHARD_MASK = _SHARDS - 1


def parse_lines(
    lines: Sequence[str],
    default_region: str,
    *,
    slice_lines: int = SLICE_LINES,
    cancel: Callable[[], bool] | None = None,
) -> LeadReport:
    """parse_leads("\\n".join(lines), default_region), computed a slice of lines at a time.

    Lines holding a separator (comma, semicolon, tab: possibly several numbers) or a line break are parsed
    in one go, as parse_leads does. ``cancel()`` returning True stops early with what was read so far.
    """
    if len(lines) <= slice_lines or any(map(_needs_whole, lines)):
        return parse_leads("\n".join(lines), default_region)
    with collector_paused():
        return _parse_slices(lines, default_region, slice_lines, cancel)


def _needs_whole(line: str) -> bool:
    return "\n" in line or "\r" in line or SEPARATORS.search(line) is not None


def _parse_slices(
    lines: Sequence[str], region: str, slice_lines: int, cancel: Callable[[], bool] | None
) -> LeadReport:
    # The numbers seen so far, in shards: one set of a million numbers grows by rehashing all of them in
    # one C call (over 0.1 s holding the GIL); a shard holds a 64th of them.
    seen = [set[str]() for _ in range(_SHARDS)]
    numbers: list[str] = []  # built as it goes: list(seen) at the end would be one long pass
    unverified: list[Lead] = []
    invalid: list[Rejected] = []
    duplicates: list[Duplicate] = []
    for start in range(0, len(lines), slice_lines):
        if cancel is not None and cancel():
            break
        part = lines[start : start + slice_lines]
        report = parse_leads("\n".join(part), region)
        invalid.extend(Rejected(r.line + start, r.raw, r.reason) for r in report.invalid)
        taken = {r.line for r in report.invalid}
        taken.update(d.line for d in report.duplicates)
        # The other lines with a digit hold this slice's new numbers, in the order of report.numbers.
        first_lines = [n for n, line in enumerate(part, 1) if n not in taken and DIGIT.search(line)]
        if len(first_lines) != len(report.numbers):  # never expected; the whole parse is always right
            return parse_leads("\n".join(lines), region)
        unusual = {lead.e164: lead for lead in report.unverified}
        found: list[Duplicate] = [Duplicate(d.line + start, d.raw, d.e164) for d in report.duplicates]
        for line, e164 in zip(first_lines, report.numbers, strict=True):
            shard = seen[hash(e164) & _SHARD_MASK]
            if e164 in shard:
                raw = part[line - 1].strip().strip('"').strip()
                found.append(Duplicate(line + start, raw, e164))
                continue
            shard.add(e164)
            numbers.append(e164)
            lead = unusual.get(e164)
            if lead is not None:
                unverified.append(Lead(lead.line + start, lead.raw, e164))
        found.sort(key=lambda duplicate: duplicate.line)
        duplicates.extend(found)
    return LeadReport(numbers, unverified, invalid, duplicates)


def drop_in_slices(items: list[object] | list[str] | list[list[str]], slice_items: int = 50_000) -> None:
    """Empty ``items`` from the end a slice at a time: freeing a million objects in one go holds the GIL
    for that long, in whichever thread lets go of the list last."""
    while items:
        del items[-slice_items:]
