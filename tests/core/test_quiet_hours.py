"""Quiet hours from recipients' numbers: counts, local times, when the window opens, DST on both sides."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, timezone

from vitedesk.core.quiet_hours import QuietWindow, check_quiet_hours, time_zones

NEW_YORK = "+12125550143"  # Manhattan
LOS_ANGELES = "+12135550100"
PARIS = "+33612345678"
MOSCOW_MOBILE = "+79161234567"  # Russian mobiles belong to the whole country: many zones


def test_the_issue_example_in_words() -> None:
    now = datetime(2026, 12, 6, 11, 0, tzinfo=UTC)  # New York 06:00, Los Angeles 03:00, Paris 12:00
    report = check_quiet_hours([NEW_YORK, LOS_ANGELES, PARIS, "+33145678901"], now)
    assert report.outside_count == 2
    assert report.sentence().startswith(
        "2 of 4 recipients are outside 08:00-21:00 right now: "
        "America/New_York 06:00, America/Los_Angeles 03:00."
    )
    assert "America/New_York at 08:00 local time (in 2 h)" in report.sentence()
    assert "America/Los_Angeles at 08:00 local time (in 5 h)" in report.sentence()


def test_everyone_inside_the_window_says_nothing() -> None:
    report = check_quiet_hours([PARIS], datetime(2026, 12, 6, 11, 0, tzinfo=UTC))
    assert report.outside == () and report.sentence() == ""


@pytest.mark.parametrize(
    ("local", "outside"),
    [
        (time(7, 59), True),
        (time(8, 0), False),
        (time(20, 59), False),
        (time(21, 0), True),
        (time(0, 0), True),
    ],
)
def test_window_edges(local: time, outside: bool) -> None:
    paris_winter = datetime(2026, 12, 6, local.hour, local.minute, tzinfo=UTC) - timedelta(hours=1)
    assert (check_quiet_hours([PARIS], paris_winter).outside_count == 1) is outside


def test_a_window_across_midnight() -> None:
    night_shift = QuietWindow(time(22, 0), time(6, 0))
    assert night_shift.contains(time(23, 0)) and night_shift.contains(time(5, 59))
    assert not night_shift.contains(time(12, 0))


def test_spring_forward_the_wait_is_real_time_not_wall_clock() -> None:
    # 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT. At 01:30 EST the window opens at 08:00 EDT.
    now = datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    (zone,) = check_quiet_hours([NEW_YORK], now).outside
    assert f"{zone.local_now:%H:%M %Z}" == "01:30 EST"
    assert f"{zone.opens_at:%H:%M %Z}" == "08:00 EDT"
    assert zone.opens_in() == timedelta(hours=5, minutes=30)


def test_fall_back_the_wait_is_real_time_not_wall_clock() -> None:
    # 2026-11-01 in New York: 02:00 EDT goes back to 01:00 EST. At 01:30 EDT the window opens at 08:00 EST.
    now = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    (zone,) = check_quiet_hours([NEW_YORK], now).outside
    assert f"{zone.local_now:%H:%M %Z}" == "01:30 EDT"
    assert f"{zone.opens_at:%H:%M %Z}" == "08:00 EST"
    assert zone.opens_in() == timedelta(hours=7, minutes=30)


def test_the_same_utc_time_is_inside_in_summer_and_outside_in_winter() -> None:
    # 12:30 UTC is 08:30 EDT in July but 07:30 EST in January.
    assert check_quiet_hours([NEW_YORK], datetime(2026, 7, 1, 12, 30, tzinfo=UTC)).outside_count == 0
    assert check_quiet_hours([NEW_YORK], datetime(2026, 1, 15, 12, 30, tzinfo=UTC)).outside_count == 1


def test_a_number_with_several_zones_counts_by_its_first_and_says_so() -> None:
    zones = time_zones(MOSCOW_MOBILE)
    assert len(zones) > 1
    now = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
    report = check_quiet_hours([MOSCOW_MOBILE], now)
    assert report.several_zones == 1
    assert report.outside[0].zone == zones[0]
    assert "1 number belongs to more than one time zone; each was counted by its first." in report.sentence()


def test_numbers_without_a_known_zone_are_counted_apart() -> None:
    # International freephone (+800) has no place: phonenumbers gives it no zone.
    night_in_new_york = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)
    report = check_quiet_hours(["+80012345678", NEW_YORK], night_in_new_york)
    assert (report.total, report.unknown, report.outside_count) == (2, 1, 1)
    assert report.sentence().startswith("1 of 2 recipients is outside")


def test_a_naive_clock_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_quiet_hours([PARIS], datetime(2026, 12, 6, 11, 0))


def _valid_numbers(count: int) -> list[str]:
    """Valid numbers of every region and type, from phonenumbers' examples with their last digits varied."""
    rng = random.Random(5)
    found: list[str] = []
    types = [
        getattr(phonenumbers.PhoneNumberType, name) for name in ("FIXED_LINE", "MOBILE", "TOLL_FREE", "VOIP")
    ]
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    while len(found) < count:
        example = phonenumbers.example_number_for_type(rng.choice(regions), rng.choice(types))
        if example is None:
            continue
        digits = str(example.national_number)
        tail = min(4, len(digits) - 1)
        varied = digits[:-tail] + "".join(rng.choice("0123456789") for _ in range(tail))
        number = phonenumbers.parse(f"+{example.country_code}{varied}", None)
        if phonenumbers.is_valid_number(number):
            found.append(phonenumbers.format_number(number, PhoneNumberFormat.E164))
    return found


def test_zones_agree_with_phonenumbers_for_every_region_and_type() -> None:
    for e164 in _valid_numbers(6000):
        expected = tuple(timezone.time_zones_for_number(phonenumbers.parse(e164, None)))
        assert time_zones(e164) == expected, e164
