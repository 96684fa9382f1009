"""Numbers as people write them: a doubled plus, invisible direction marks; phonenumbers is the judge."""

from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat

from vitedesk.core.leads import parse_leads

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
