"""parse_leads: what a person pastes becomes recipients, and every problem is reported on its line."""

from __future__ import annotations

import gc
import re
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vitedesk.core.leads import (
    Duplicate,
    Lead,
    LeadReport,
    Rejected,
    parse_leads,
    supported_regions,
)
from vitedesk.core.leads.pause import CollectorPause
from vitedesk.core.leads.rules import INVALID, UNVERIFIED, reference_verdict
from vitedesk.core.leads.text import clean, expand_spreadsheet_numbers, normalise, piece_verdict

US = "+12025550143"


@pytest.mark.parametrize(
    "pasted",
    [
        "+1 (202) 555-0143",
        "202.555.0143",
        "1-202-555-0143",
        "tel:+12025550143",
        "(202) 555-0143",
        "2025550143",
        "011 1 202 555 0143",
        "12025550143.0",
        "1.2025550143E+10",
        '"+1 202 555 0143"',
        "\uff0b\uff11\uff12\uff10\uff12\uff15\uff15\uff15\uff10\uff11\uff14\uff13",
    ],
)
def test_accepts_what_people_paste(pasted: str) -> None:
    report = parse_leads(pasted)
    assert report == LeadReport([US], [], [], [])


def test_international_prefix_00_and_national_numbers_of_the_default_region() -> None:
    assert parse_leads("00 44 20 7946 0958", "DE").numbers == ["+442079460958"]
    assert parse_leads("020 7946 0958", "GB").numbers == ["+442079460958"]
    assert parse_leads("06 12 34 56 78", "fr").numbers == ["+33612345678"]


def test_line_numbers_survive_every_line_ending_and_a_byte_order_mark() -> None:
    text = "\ufeffPhone\r\n12\r202-555-0143\n\n+1 202 555 014"
    report = parse_leads(text)
    assert report.numbers == [US]
    assert [(r.line, r.raw) for r in report.invalid] == [(2, "12"), (5, "+1 202 555 014")]


def test_several_numbers_per_line_and_names_are_ignored() -> None:
    text = 'Name,Phone\nAlice,+1 202 555 0143\nBob;(202) 555-0144\t202 555 0145\n"Smith, John",2025550146'
    report = parse_leads(text)
    assert report.numbers == [US, "+12025550144", "+12025550145", "+12025550146"]
    assert report.invalid == [] and report.duplicates == []


def test_duplicates_keep_the_first_and_say_where_the_others_were() -> None:
    text = "202-555-0143\n+1 202 555 0144\n+1 (202) 555-0143\nAlice,2025550144,202.555.0143"
    report = parse_leads(text)
    assert report.numbers == [US, "+12025550144"]
    assert report.duplicates == [
        Duplicate(3, "+1 (202) 555-0143", US),
        Duplicate(4, "2025550144", "+12025550144"),
        Duplicate(4, "202.555.0143", US),
    ]


def test_possible_but_unknown_numbers_are_sent_and_flagged() -> None:
    report = parse_leads("+1 555 123 4567\n202 555 0143\n5551234567")
    assert report.numbers == ["+15551234567", US]
    assert report.unverified == [Lead(1, "+1 555 123 4567", "+15551234567")]
    assert report.duplicates == [Duplicate(3, "5551234567", "+15551234567")]


@pytest.mark.parametrize(
    ("pasted", "reason"),
    [
        ("12345", "Too short to be a phone number."),
        ("1234567890123456789", "Too long to be a phone number."),
        ("202 555 0143 ext 12", "Not a phone number: contains letters."),
        ("+999 1234 5678", "Unknown country code +999."),
        ("555-0143", "The area code is missing: write the number with its area code."),
        (
            "+1 202 555 0143 +1 202 555 0144",
            "Looks like several numbers: separate them with commas or put one per line.",
        ),
    ],
)
def test_unusable_pieces_say_why_in_plain_words(pasted: str, reason: str) -> None:
    report = parse_leads(f"Phone\n{pasted}")
    assert report.invalid == [Rejected(2, pasted, reason)]
    assert report.numbers == []


def test_a_number_the_spreadsheet_shortened_is_refused_with_what_to_do() -> None:
    report = parse_leads("1.20256E+10\n1.2025550143E+10")
    assert report.numbers == [US]
    [rejected] = report.invalid
    assert rejected.line == 1 and rejected.raw == "1.20256E+10"
    assert "spreadsheet shortened" in rejected.reason and "Text" in rejected.reason


def test_wrong_length_names_the_country() -> None:
    # Australian numbers have 9 or 10 digits after +61, or 12; never 11.
    [rejected] = parse_leads("+61 33333 333 333").invalid
    assert rejected.reason == "Wrong number of digits for a phone number in Australia."


def test_unknown_default_region_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_leads("2025550143", "XX")


def test_supported_regions_for_the_country_picker() -> None:
    regions = supported_regions()
    assert ("US", "United States", 1) in regions
    assert ("GB", "United Kingdom", 44) in regions
    assert ("DE", "Germany", 49) in regions
    names = [name.casefold() for _, name, _ in regions]
    assert names == sorted(names)
    assert len({code for code, _, _ in regions}) == len(regions) > 200


# --- properties -------------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "+1 (202) 555-0143",
        "202.555.0143",
        "1-202-555-0143",
        "tel:+12025550143",
        "00 44 20 7946 0958",
        "12025550143.0",
        "1.2025550143E+10",
        "1.20256E+10",
        "+1 555 123 4567",
        "555-0143",
        "12",
        "Alice",
        "Phone",
        "call me",
        "2025550143 x1",
        "+999 1234",
        "+44 7911 123456",
        "0044",
        "011",
        "+33 6 12 34 56 78",
        "020 7946 0958",
        "٣٤٥",
        "+",
        "1+2",
        "\u00a0",
        '"',
        " ",
    ]
)
PIECES = st.one_of(FRAGMENTS, st.text(alphabet="0123456789+-(). ,;\ta\r\n\ufeff", max_size=18))
TEXTS = st.lists(
    st.tuples(PIECES, st.sampled_from(["\n", "\r\n", "\r", ",", ";", "\t", ", "])), max_size=25
).map(lambda parts: "".join(piece + separator for piece, separator in parts))


def _reference(text: str, region: str) -> LeadReport:
    """The same reading rules, one piece at a time, with phonenumbers' own verdicts: no bulk pass."""
    numbers: list[str] = []
    unverified: list[Lead] = []
    invalid: list[Rejected] = []
    duplicates: list[Duplicate] = []
    for index, raw_line in enumerate(normalise(text).split("\n")):
        cleaned = clean(expand_spreadsheet_numbers(raw_line))
        raw_pieces = re.split(r"[,;\t]", raw_line)
        for position, piece in enumerate(re.split(r"[,;\t]", cleaned)):
            verdict = piece_verdict(piece, region)
            if verdict is None:
                continue
            raw = raw_pieces[position].strip().strip('"').strip()
            kind, value = verdict
            if kind != INVALID:
                assert (kind, value) == reference_verdict(_canonical(piece, region), region)
            if kind == INVALID:
                invalid.append(Rejected(index + 1, raw, value))
            elif value in numbers:
                duplicates.append(Duplicate(index + 1, raw, value))
            else:
                numbers.append(value)
                if kind == UNVERIFIED:
                    unverified.append(Lead(index + 1, raw, value))
    return LeadReport(numbers, unverified, invalid, duplicates)


def _canonical(piece: str, region: str) -> str:
    body = piece[re.search(r"\+?\d", piece).start() :]  # type: ignore[union-attr]
    body = "".join(str(int(c)) if c.isdecimal() else c for c in body)
    return body  # an international prefix in front is phonenumbers' to read


def _digit_pieces(text: str) -> int:
    return sum(
        1
        for line in normalise(text).split("\n")
        for piece in re.split(r"[,;\t]", line)
        if re.search(r"\d", piece)
    )


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.sampled_from(["US", "GB", "FR", "CA", "AU", "JP"]))
def test_parse_leads_matches_the_piece_by_piece_reading(text: str, region: str) -> None:
    assert parse_leads(text, region) == _reference(text, region)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["US", "GB", "DE"]))
def test_never_raises_and_accounts_for_every_piece_with_a_digit_once(text: str, region: str) -> None:
    report = parse_leads(text, region)
    assert len(report.numbers) == len(set(report.numbers))
    assert all(n.startswith("+") and n[1:].isdigit() and n.isascii() for n in report.numbers)
    assert {lead.e164 for lead in report.unverified} <= set(report.numbers)
    assert len(report.numbers) + len(report.invalid) + len(report.duplicates) == _digit_pieces(text)


def test_repeated_bad_lines_are_each_reported_in_line_order_with_pieces_of_other_lines() -> None:
    text = "12345\nAlice,12,2025550143\n12345\ncall me\n 12345 \n202 555 0143 x1\nBob;555-0143\n12345"
    report = parse_leads(text)
    short = "Too short to be a phone number."
    assert [(r.line, r.raw, r.reason) for r in report.invalid] == [
        (1, "12345", short),
        (2, "12", short),
        (3, "12345", short),
        (5, "12345", short),
        (6, "202 555 0143 x1", "Not a phone number: contains letters."),
        (7, "555-0143", "The area code is missing: write the number with its area code."),
        (8, "12345", short),
    ]
    assert report.numbers == [US]


REPEATED_LINES = st.lists(
    st.sampled_from(
        [
            "12",
            "12345",
            "call me",
            "2025550143 x1",
            "+999 1234",
            "1.20256E+10",
            "Alice,12",
            "+1 555 123 4567",
            "202.555.0143",
            "0044",
            "555-0143",
        ]
    ),
    max_size=30,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(REPEATED_LINES, st.sampled_from(["US", "GB"]))
def test_repeated_lines_read_once_give_the_piece_by_piece_report(text: str, region: str) -> None:
    assert parse_leads(text, region) == _reference(text, region)


def test_collection_is_paused_for_overlapping_parses_and_restored_after_the_last() -> None:
    pause = CollectorPause()
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other_parse() -> None:
        with pause():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_parse)
    with pause():
        worker.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other parse still runs
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_collection_stays_off_when_it_was_off_before() -> None:
    gc.disable()
    try:
        parse_leads("2025550143")
        assert not gc.isenabled()
    finally:
        gc.enable()
    parse_leads("2025550143")
    assert gc.isenabled()


def test_a_big_parse_leaves_the_young_generation_empty_and_frozen_objects_frozen() -> None:
    # The report's objects must not sit in the youngest generation when collection comes back on
    # (the next allocation would walk them all); objects someone else froze stay frozen.
    text = "\n".join(f"202555{n:04d},x" for n in range(5000))
    report = parse_leads(text)
    assert len(report.numbers) == 5000
    assert gc.isenabled()
    assert gc.get_count()[0] < 700
    assert gc.get_freeze_count() == 0
    kept = [[n] for n in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert len(parse_leads(text).numbers) == 5000
        assert gc.get_freeze_count() == frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    del kept
