"""parse_lines (a slice at a time, for imports) gives exactly the report of one parse_leads over the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core.leads import parse_leads
from vitedesk.core.leads.chunked import parse_lines

POOL = [
    "+1 202 555 0143",
    "(202) 555-0143",
    "12025550143",
    "1.2025550143E+10",
    '"+1 212 300 0001"',
    "+44 20 7946 0958",
    "020 7946 0958",
    "+1 202 555 0100",  # possible but not a real number: unverified
    "555",
    "202-555",
    "Ann Lee",
    "",
    "   ",
    "Mobile: +1 415 555 2671",
    "+1 415 555 2671 ext 3",
    "+1 202 555 0143 +1 212 300 0001",
    "n/a",
    "00 49 30 901820",
    "\u200f+972 2 123 4567",
]


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.sampled_from(POOL), min_size=0, max_size=60),
    slice_lines=st.integers(min_value=1, max_value=9),
    region=st.sampled_from(["US", "GB", "DE"]),
)
def test_slices_give_the_same_report_as_one_parse(lines: list[str], slice_lines: int, region: str) -> None:
    assert parse_lines(lines, region, slice_lines=slice_lines) == parse_leads("\n".join(lines), region)


def test_lines_with_separators_are_parsed_whole() -> None:
    lines = ["+1 202 555 0143, +1 212 300 0001", "+1 202 555 0143"] * 5
    assert parse_lines(lines, "US", slice_lines=2) == parse_leads("\n".join(lines), "US")


def test_cancel_stops_between_slices() -> None:
    calls: list[int] = []
    lines = [f"+1 212 300 {i:04d}" for i in range(50)]

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    report = parse_lines(lines, "US", slice_lines=10, cancel=cancel)
    assert len(report.numbers) == 20
