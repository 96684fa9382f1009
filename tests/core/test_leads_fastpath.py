"""The fast paths give exactly phonenumbers' verdict and E.164, and they really are taken."""

from __future__ import annotations

import os
import re

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core.leads.bulk import (
    UNVERIFIED_MARK,
    VALID_MARK,
    _common_lines,
    _fixed_width,
    _without_groups,
    bulk_rules,
    calling_code,
)
from vitedesk.core.leads.patterns import general_implied
from vitedesk.core.leads.rules import UNVERIFIED, VALID, fast_verdict, reference_verdict, region_rules
from vitedesk.core.leads.text import CLEANUP, FIRST_DIGIT_PIECE, first_digit_piece, raw_piece

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
    """Both bulk passes over cleaned text, as parse_leads runs them: every line, settled ones
    rewritten to a mark + E.164. The first pass (findall) must agree with its re.sub form."""
    rules = bulk_rules(region)
    assert rules is not None
    cleaned = text.translate(CLEANUP)
    found = rules.nsn_or_line(cleaned)
    cc = rules.code.cc
    lines = [line[1:] if line.startswith("\n") else VALID_MARK + "+" + cc + line for line in found]
    assert lines == rules.mark(cleaned)
    pending = [index for index, line in enumerate(found) if line.startswith("\n")]
    rest = rules.mark_rest_text("".join(found[i] for i in pending) + "\n") if pending else []
    for index, line in zip(pending, rest, strict=True):
        lines[index] = line
    return lines


LINE_SHAPES = (
    "{}",
    "+{}",
    "1{}",
    "+1{}",
    "0{}",
    "00{}",
    "011{}",
    "009{}",  # Nigeria's international prefix
    "0011{}",  # Australia's
    "000{}",  # Kenya's
    "001{}",  # Mongolia's and Guyana's
    "tel:{}",
    "Mobile: {}",
    "Alice,{}",
    "{},Bob",
    "Alice;{};alice@example.com",
    "{}\t",
    "{};{}",
    "{} x1",
)
BULK_REGIONS = ("US", "CA", "GB", "FR", "DE", "IT", "AU", "BR", "RU", "JE", "NG", "KE", "MN", "GY")


def _body(piece: str, region: str) -> str:
    """The number as the per-piece rules hand it to phonenumbers: an international prefix in front
    ("00", "011", "0011" in Australia) is phonenumbers' to read."""
    return piece


def _expected(shape: str, number: str, region: str) -> tuple[int, str]:
    line = shape.format(number, number)
    piece = next(p for p in re.split(r"[,;\t]", line) if re.search(r"\d", p))
    piece = piece.removeprefix("tel:").removeprefix("Mobile: ")
    return reference_verdict(_body(piece, region), region)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(LINE_SHAPES), numbers()), min_size=1, max_size=20),
    st.sampled_from(BULK_REGIONS),
)
def test_bulk_marks_give_phonenumbers_verdict_and_e164(lines: list[tuple[str, str]], region: str) -> None:
    text = "\n".join(shape.format(number, number) for shape, number in lines)
    marked = _marked(text, region)
    assert len(marked) == len(lines)
    for line, (shape, number) in zip(marked, lines, strict=True):
        if line[:1] not in (VALID_MARK, UNVERIFIED_MARK):
            continue
        assert shape.count("{}") == 1 and not shape.endswith(" x1"), (shape, number, line)
        kind = VALID if line[0] == VALID_MARK else UNVERIFIED
        assert _expected(shape, number, region) == (kind, line[1:]), (shape, number, region)


def test_bulk_settles_the_common_us_shapes() -> None:
    text = "2025550143\n+1 (202) 555-0144\n1-202-555-0145\n202.555.0146\ntel:+12025550147\nAlice,2025550148"
    assert _marked(text, "US") == [VALID_MARK + f"+1202555014{i}" for i in range(3, 9)]


def test_bulk_settles_other_countries_unverified_numbers_and_csv_rows() -> None:
    # Shapes the per-piece path would otherwise take one by one: a fast path that always gave up
    # would pass the property above.
    text = "\n".join(
        [
            "+44 20 7946 0958",
            "011 33 6 12 34 56 78",
            "+49 151 23456789",
            "+1 (613) 555-0143",
            "555 123 4567",
            "+1 555 123 4567",
            "Alice,+1 202 555 0143,alice@example.com",
            "call me",
        ]
    )
    assert _marked(text, "US") == [
        VALID_MARK + "+442079460958",
        VALID_MARK + "+33612345678",
        VALID_MARK + "+4915123456789",
        VALID_MARK + "+16135550143",
        UNVERIFIED_MARK + "+15551234567",
        UNVERIFIED_MARK + "+15551234567",
        VALID_MARK + "+12025550143",
        "",
    ]
    assert _marked("0612345678\n33612345678\n+33612345678", "FR") == [VALID_MARK + "+33612345678"] * 3
    assert _marked("6139964950\n16139964950", "CA") == [VALID_MARK + "+16139964950"] * 2


def test_calling_codes_are_prefix_free() -> None:
    # The bulk patterns read "+<cc>" as the one calling code in phonenumbers' table that starts
    # the number; that is what phonenumbers does only because no code is a prefix of another.
    codes = [str(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE]
    assert not [(a, b) for a in codes for b in codes if a != b and b.startswith(a)]


def test_first_pass_reads_every_region_as_its_substitution_form_does() -> None:
    # The findall form of the first pass (patterns with their groups made non-capturing) against
    # the re.sub form on example numbers in the shapes people paste: the common regions and the
    # ones whose metadata patterns hold groups (every region takes 10 s: FIRST_PASS_REGIONS=all).
    grouped = ("AG", "AR", "AU", "BR", "CN", "CO", "GG", "JE", "JP", "KR", "LU", "MG", "SM", "VI")
    regions = (*BULK_REGIONS, *grouped)
    if os.environ.get("FIRST_PASS_REGIONS") == "all":
        regions = tuple(sorted(phonenumbers.SUPPORTED_REGIONS))
    for region in regions:
        rules = bulk_rules(region)
        if rules is None:
            continue
        assert rules.first_pass is not None, region
        examples = [phonenumbers.example_number_for_type(region, kind) for kind in NUMBER_TYPES]
        lines = ["", "Phone", "12", "tel:+", "a,1"]
        for example in filter(None, examples):
            national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
            e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            lines += [national, e164, "tel:" + e164, e164[1:], "00" + e164[1:], national + "9"]
        cleaned = "\n".join(lines).translate(CLEANUP)
        cc = rules.code.cc
        found = [
            line[1:] if line.startswith("\n") else VALID_MARK + "+" + cc + line
            for line in rules.nsn_or_line(cleaned)
        ]
        assert found == rules.mark(cleaned), region


def test_groups_are_made_non_capturing_only_when_safe() -> None:
    assert _without_groups(r"a(b)[(]\(c(?:d)") == r"a(?:b)[(]\(c(?:d)"
    assert _without_groups(r"(a)\1") is None
    assert _without_groups(r"[]a](b)") is None


def test_first_pass_shortcut_is_there_and_settles_the_common_lines_alone() -> None:
    # The shortcut must exist for the common regions (or the speed silently goes), and on its own
    # it must settle the usual shapes with the same national number as the full pass.
    for region in ("US", "CA", "GB", "FR", "DE"):
        rules = region_rules(region)
        assert rules is not None
        code = calling_code(rules.country_code)
        assert code is not None
        common = _common_lines(rules, code)
        assert common is not None, region
    common = _common_lines(region_rules("US"), calling_code(1))  # type: ignore[arg-type]
    assert common is not None
    shortcut = re.compile(f"\\n{common}(.*)", re.MULTILINE)
    text = "\n2025550143\n+12025550143\n12025550143\n6135550143\n5551234567\ntel:+12025550143"
    assert shortcut.findall(text) == ["2025550143", "2025550143", "2025550143"]


def test_fixed_width_is_only_claimed_for_digit_patterns_of_one_length() -> None:
    assert _fixed_width(r"(?:[2-9]\d{2}|3[0-4]5)\d{7}", 10)
    assert not _fixed_width(r"[2-9]\d{8,9}", 10)
    assert not _fixed_width(r"[2-9]\d{9}", 9)
    assert not _fixed_width(r"[2-9].{9}", 10)
    assert not _fixed_width(r"[2-9]\w{9}", 10)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.text(alphabet=' 0123456789٣,;\t"+-()ab.:', min_size=1, max_size=30), min_size=1, max_size=8)
)
def test_first_digit_piece_of_many_lines_is_the_piece_by_piece_one(lines: list[str]) -> None:
    # Duplicates on CSV rows find their raw piece with one findall over all their lines.
    lines = [line for line in lines if re.search(r"\d", line)]
    if not lines:
        return
    found = FIRST_DIGIT_PIECE.findall("\n".join(lines))
    expected = [raw_piece(line, first_digit_piece(line)) for line in lines]
    assert [piece.strip().strip('"').strip() for piece in found] == expected


def test_general_check_is_only_left_out_when_the_typed_patterns_imply_it() -> None:
    assert general_implied(r"[2-9]\d{9}|3\d{6}", r"(?:2(?:0[1-3]|12)|9(?:17|72))[2-9]\d{6}", 10)
    assert general_implied(r"[2-9]\d{9}", r"[2-5]\d{9}", 10)
    assert not general_implied(r"[2-9]\d{9}", r"1\d{9}", 10)  # a first digit the general one refuses
    assert not general_implied(r"[2-9]\d{9}", r"\d{10}", 10)
    assert not general_implied(r"[2-9]\d{8}", r"[2-5]\d{9}", 10)  # another length
    assert not general_implied(r"[2-9]\d{9}", r"[2-5]\d{8,9}", 10)  # not one fixed length
    assert not general_implied(r"[2-9][0-8]\d{8}", r"[2-5]\d{9}", 10)  # second digit limited
    assert not general_implied(r"(?:[2-9]\d{9})?", r"[2-5]\d{9}", 10)


def _implied_cases() -> list[tuple[str, int, str, str]]:
    """(region, length, typed patterns without the general check, general pattern) for every
    length whose general check the first pass's shortcut leaves out."""
    cases = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        rules = region_rules(region)
        if rules is None or rules.general is None:
            continue
        prefix = f"(?=(?:{rules.general.pattern})$)"
        for length, typed in rules.typed_sources.items():
            plain = _without_groups(typed.removeprefix(prefix))
            implied = plain is not None and general_implied(rules.general.pattern, plain, length)
            if typed.startswith(prefix) and implied:
                cases.append((region, length, plain, rules.general.pattern))
    return cases


IMPLIED_CASES = _implied_cases()


def test_the_shortcut_leaves_the_general_check_out_for_the_main_regions() -> None:
    # or the first pass silently gets slower again
    implied = {region for region, _, _, _ in IMPLIED_CASES}
    assert {"US", "CA", "FR"} <= implied
    common = _common_lines(region_rules("US"), calling_code(1))  # type: ignore[arg-type]
    typed = region_rules("US").typed_sources[10]  # type: ignore[union-attr]
    general_check = r"(?=(?:[2-9]\d{9}|3\d{6})$)"
    assert common is not None and typed.startswith(general_check)
    assert typed not in common and typed.removeprefix(general_check) in common


@settings(max_examples=1500, deadline=None)
@given(st.data())
def test_numbers_of_the_typed_patterns_match_the_general_pattern_when_it_is_left_out(
    data: st.DataObject,
) -> None:
    # the differential behind the shortcut: what the typed patterns accept, phonenumbers' general
    # pattern accepts too, so the look-ahead left out could not have refused a line
    region, length, typed, general = data.draw(st.sampled_from(IMPLIED_CASES))
    number = data.draw(st.from_regex(re.compile(typed, re.ASCII), fullmatch=True))
    assert len(number) == length, (region, number)
    assert re.fullmatch(general, number, re.ASCII), (region, number)
    rules = bulk_rules(region)
    if rules is None:
        return
    # and the first pass (shortcut first) reads the number as its re.sub form and phonenumbers do
    cc = rules.code.cc
    lines = [number, cc + number, "+" + cc + number]
    found = [
        line[1:] if line.startswith("\n") else VALID_MARK + "+" + cc + line
        for line in rules.nsn_or_line("\n".join(lines))
    ]
    assert found == rules.mark("\n".join(lines)), region
    for line, marked in zip(lines, found, strict=True):
        if marked[:1] == VALID_MARK:
            assert reference_verdict(_body(line, region), region) == (VALID, marked[1:]), (region, line)
