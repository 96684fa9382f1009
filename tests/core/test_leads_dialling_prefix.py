"""The international dialling prefix is the default country's own, as phonenumbers' metadata says."""

from __future__ import annotations

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core.leads import parse_leads
from vitedesk.core.leads.bulk import VALID_MARK, bulk_rules
from vitedesk.core.leads.rules import INVALID, reference_verdict
from vitedesk.core.leads.text import CLEANUP

# region -> its own prefix (phonenumbers' metadata); every other prefix is not a "+" there
OWN_PREFIX = {
    "NG": "009",
    "AU": "0011",
    "KE": "000",
    "MN": "001",
    "GY": "001",
    "US": "011",
    "GB": "00",
    "JP": "010",
}
PREFIXES = ("", "00", "011", "009", "0011", "000", "001", "010", "810", "0")
ABROAD = ("12015550123", "61412345678", "442079460958", "33612345678", "4915123456789", "2348031234567")


def test_nigeria_and_australia_read_their_own_prefix() -> None:
    assert parse_leads("009 1 201 555 0123", "NG").numbers == ["+12015550123"]
    assert parse_leads("0011 61 412 345 678", "AU").numbers == ["+61412345678"]
    assert parse_leads("000 44 20 7946 0958", "KE").numbers == ["+442079460958"]
    assert parse_leads("001 44 20 7946 0958", "MN").numbers == ["+442079460958"]
    assert parse_leads("001 44 20 7946 0958", "GY").numbers == ["+442079460958"]


def test_00_is_a_plus_only_where_phonenumbers_reads_it_so() -> None:
    # "00" is not Nigeria's prefix: "009 1..." must not become the Indian +91 number it spells with "00".
    assert "+912015550123" not in parse_leads("009 1 201 555 0123", "NG").numbers
    assert parse_leads("00 44 20 7946 0958", "GB").numbers == ["+442079460958"]
    us = parse_leads("00 44 20 7946 0958", "US")
    assert us.numbers == [] and len(us.invalid) == 1


def test_the_fast_path_settles_the_own_prefix_at_once() -> None:
    # A paste of many such lines must not fall back to one phonenumbers call per line.
    for region, prefix in OWN_PREFIX.items():
        rules = bulk_rules(region)
        assert rules is not None, region
        text = "\n".join(f"{prefix}{digits}" for digits in ABROAD if not digits.startswith(rules.code.cc))
        rest = rules.mark_rest_text("\n" + text.translate(CLEANUP) + "\n")
        for line in rest:
            assert line[:1] == VALID_MARK, (region, line)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(PREFIXES),
    st.sampled_from(ABROAD),
    st.sampled_from([*sorted(OWN_PREFIX), "DE", "FR", "BR", "RU", "IN", "CA", "ZA", "SG"]),
    st.sampled_from(("{}{}", "{} {}", "tel:{}{}", "Alice,{}{}")),
)
def test_every_prefix_gets_phonenumbers_verdict(prefix: str, digits: str, region: str, shape: str) -> None:
    text = shape.format(prefix, digits)
    report = parse_leads(text, region)
    kind, value = reference_verdict(prefix + digits, region)
    if kind == INVALID:
        assert report.numbers == [] and len(report.invalid) == 1, (text, region)
    else:
        assert report.numbers == [value], (text, region)
        expected = phonenumbers.parse(prefix + digits, region)
        assert value == phonenumbers.format_number(expected, phonenumbers.PhoneNumberFormat.E164)
