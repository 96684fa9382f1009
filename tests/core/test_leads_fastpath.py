"""The fast paths give exactly phonenumbers' verdict and E.164, and they really are taken."""

from __future__ import annotations

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core._leads_bulk import BULK_MARK, bulk_rules
from vitedesk.core._leads_rules import VALID, fast_verdict, reference_verdict
from vitedesk.core._leads_text import CLEANUP

REGIONS = ("US", "CA", "GB", "FR", "DE", "IT", "AU", "BR", "RU")
NUMBER_TYPES = (
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.TOLL_FREE,
)


def _example_nsns() -> list[str]:
    found = []
    for region in REGIONS:
        for kind in NUMBER_TYPES:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                found.append(phonenumbers.national_significant_number(example))
    return found


PREFIXES = (
    "",
    "+",
    "+1",
    "1",
    "0",
    "00",
    "011",
    "+44",
    "44",
    "0044",
    "+33",
    "33",
    "+49",
    "49",
    "+7",
    "8",
    "+39",
)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """Canonical numbers: a prefix, then an example number with a few digits changed, or random digits."""
    prefix = draw(st.sampled_from(PREFIXES))
    if draw(st.booleans()):
        digits = list(draw(st.sampled_from(_example_nsns())))
        for _ in range(draw(st.integers(0, 3))):
            position = draw(st.integers(0, len(digits) - 1))
            digits[position] = draw(st.sampled_from("0123456789"))
        body = "".join(digits)
        body = body[: draw(st.integers(max(0, len(body) - 2), len(body) + 1))]
    else:
        body = draw(st.text("0123456789", min_size=0, max_size=16))
    number = prefix + body
    return number if number.strip("+") else "12"


@settings(max_examples=1500, deadline=None)
@given(numbers(), st.sampled_from(("US", "CA", "GB", "FR", "DE")))
def test_fast_verdict_is_phonenumbers_verdict(number: str, region: str) -> None:
    fast = fast_verdict(number, region)
    if fast is not None:
        assert fast == reference_verdict(number, region)


@settings(max_examples=300, deadline=None)
@given(numbers(), st.sampled_from(REGIONS))
def test_fast_verdict_agrees_in_more_regions(number: str, region: str) -> None:
    fast = fast_verdict(number, region)
    if fast is not None:
        assert fast == reference_verdict(number, region)


def test_fast_path_covers_the_common_shapes() -> None:
    # A fast path that always gave up would pass the equality tests; these shapes must be replayed.
    for number, region in [
        ("2025550143", "US"),
        ("12025550143", "US"),
        ("+12025550143", "US"),
        ("+15551234567", "US"),
        ("6135550143", "CA"),
        ("02079460958", "GB"),
        ("+442079460958", "US"),
        ("+33612345678", "US"),
        ("0612345678", "FR"),
        ("+4930123456", "US"),
        ("030123456", "DE"),
        ("123", "US"),
        ("123456789012345", "US"),
    ]:
        assert fast_verdict(number, region) == reference_verdict(number, region), number


def _marked(text: str, region: str) -> list[str]:
    rules = bulk_rules(region)
    assert rules is not None
    return rules.mark(text.translate(CLEANUP))


LINE_SHAPES = ("{}", "+{}", "1{}", "+1{}", "0{}", "00{}", "011{}", "tel:{}", "Alice,{}", "{},Bob", "{};{}")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(LINE_SHAPES), numbers()), min_size=1, max_size=20),
    st.sampled_from(("US", "GB", "FR", "DE")),
)
def test_bulk_marks_only_numbers_phonenumbers_calls_valid(lines: list[tuple[str, str]], region: str) -> None:
    text = "\n".join(shape.format(number, number) for shape, number in lines)
    marked = _marked(text, region)
    assert len(marked) == len(lines)
    for line, (shape, number) in zip(marked, lines, strict=True):
        if not line.startswith(BULK_MARK):
            continue
        assert shape.count("{}") == 1
        body = shape.format(number).split(",")[0] if shape == "{},Bob" else shape.format(number)
        body = body.removeprefix("tel:").removeprefix("Alice,")
        if body.startswith("00"):
            body = "+" + body[2:]
        elif body.startswith("011") and region == "US":
            body = "+" + body[3:]
        assert reference_verdict(body, region) == (VALID, line[1:])


def test_bulk_settles_the_common_us_shapes() -> None:
    text = "2025550143\n+1 (202) 555-0144\n1-202-555-0145\n202.555.0146\ntel:+12025550147\nAlice,2025550148"
    assert _marked(text, "US") == [BULK_MARK + f"+1202555014{i}" for i in range(3, 9)]
