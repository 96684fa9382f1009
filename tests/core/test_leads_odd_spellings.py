"""Numbers as people write them: a doubled plus, invisible direction marks; phonenumbers is the judge."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat

from vitedesk.core.leads import parse as parse_module
from vitedesk.core.leads import parse_leads
from vitedesk.core.leads import text as text_module

INVISIBLE = ["\u200c", "\u200d", "\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)),
             *map(chr, range(0x2066, 0x206A))]  # fmt: skip


def example_e164(region: str) -> str | None:
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@pytest.mark.parametrize("spelling", ["++49 151 23456789", "+ +49 151 23456789", "+ + 49 151 23456789"])
@pytest.mark.parametrize("region", ["DE", "ID", "SE", "XK", "US"])
def test_a_doubled_plus_is_one_plus(spelling: str, region: str) -> None:
    assert parse_leads(spelling, region).numbers == ["+4915123456789"]


def test_a_doubled_plus_reads_like_one_plus_in_every_region() -> None:
    differences = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        e164 = example_e164(region)
        if e164 is None:
            continue
        single = parse_leads(e164, "US").numbers
        doubled = parse_leads("+" + e164, region).numbers
        spaced = parse_leads("+ " + e164, region).numbers
        if not (single == doubled == spaced == [e164]):
            differences.append((region, e164, single, doubled, spaced))
    assert differences == []


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_marks_around_and_inside_a_number_are_removed(mark: str) -> None:
    pasted = f"{mark}+1 202{mark} 555 0143{mark}\n{mark}020 7946 0958{mark}"
    assert parse_leads(pasted, "GB").numbers == ["+12025550143", "+442079460958"]
    assert parse_leads(pasted, "GB").invalid == []


class CountingSeparators:
    """Stands in for the separator pattern and counts how often a line is split."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.splits = 0

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        self.splits += 1
        return self.pattern.split(text, maxsplit)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text)


@pytest.mark.parametrize(
    "piece",
    [lambda i: f"12{i}", lambda i: "2025550143", lambda i: f"555555{i:04d}", lambda i: f"202555{i:04d}"],
)
def test_one_line_of_many_pieces_is_split_a_fixed_number_of_times(monkeypatch: Any, piece: Any) -> None:
    counter = CountingSeparators(parse_module.SEPARATORS)
    monkeypatch.setattr(parse_module, "SEPARATORS", counter)
    monkeypatch.setattr(text_module, "SEPARATORS", counter)
    line = ",".join(piece(i) for i in range(3000))
    report = parse_leads(line, "US")
    assert len(report.numbers) + len(report.invalid) + len(report.duplicates) == 3000
    assert counter.splits <= 3  # not once per piece: the cost stays linear in the line
