"""Quiet hours: which recipients it is too early or too late for right now, from their numbers' time zones.

Time zones come from phonenumbers' timezone data (a number's prefix, or its whole country for numbers that are
not tied to a place). A number with several zones is counted by its first one, and the report says how many
were. A warning, never a block: the caller decides what to do with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import timezone as phone_timezones

from vitedesk.core.wording import plural

UNKNOWN_ZONE = "Etc/Unknown"
_LONGEST_PREFIX: int = getattr(phone_timezones, "TIMEZONE_LONGEST_PREFIX", 9)
_ZONE_DATA: dict[str, tuple[str, ...]] = getattr(phone_timezones, "TIMEZONE_DATA", {})  # prefix -> zones


@dataclass(frozen=True)
class QuietWindow:
    """The hours in which people may be texted, in their own local time (start inclusive, end exclusive)."""

    start: time = time(8, 0)
    end: time = time(21, 0)

    def contains(self, moment: time) -> bool:
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end  # a window across midnight, such as 22:00-06:00

    def label(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class ZoneNow:
    """One time zone some recipients are in: how many, their local time now, when the window opens there."""

    zone: str
    recipients: int
    local_now: datetime
    opens_at: datetime  # the next start of the window, in that zone

    def opens_in(self) -> timedelta:
        # Through UTC: aware datetimes of one zone subtract as wall-clock times, wrong across a DST change.
        return self.opens_at.astimezone(UTC) - self.local_now.astimezone(UTC)


@dataclass(frozen=True)
class QuietReport:
    """Recipients outside the window now, by zone; `several_zones`: numbers counted by their first zone."""

    window: QuietWindow
    total: int
    outside: tuple[ZoneNow, ...]
    unknown: int  # numbers whose time zone is not known (not counted as outside)
    several_zones: int

    @property
    def outside_count(self) -> int:
        return sum(zone.recipients for zone in self.outside)

    def sentence(self) -> str:
        """ "2 of 4 recipients are outside 08:00-21:00 right now: America/New_York 06:00, …" or ""."""
        if not self.outside:
            return ""
        places = ", ".join(f"{zone.zone} {zone.local_now:%H:%M}" for zone in self.outside)
        verb = "is" if self.outside_count == 1 else "are"
        among = plural(self.total, "recipient")
        head = f"{self.outside_count:,} of {among} {verb} outside {self.window.label()}"
        opens = "; ".join(
            f"{zone.zone} at {zone.opens_at:%H:%M} local time (in {_duration(zone.opens_in())})"
            for zone in self.outside
        )
        text = f"{head} right now: {places}. The window opens for them: {opens}."
        if self.several_zones:
            verb = "belongs" if self.several_zones == 1 else "belong"
            text += (
                f" {plural(self.several_zones, 'number')} {verb} to more than one time zone; "
                "each was counted by its first."
            )
        return text


def _duration(span: timedelta) -> str:
    minutes = max(0, round(span.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes:02d} min"
    return f"{hours} h" if hours else f"{minutes} min"


@cache
def _single_zone_countries() -> dict[str, tuple[str, ...]]:
    """Calling code -> its zones, for the codes whose every prefix has the same zones (most countries)."""
    by_code: dict[str, set[tuple[str, ...]]] = {}
    for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
        digits = str(code)
        by_code[digits] = {zones for prefix, zones in _ZONE_DATA.items() if prefix.startswith(digits)}
    return {code: next(iter(zones)) for code, zones in by_code.items() if len(zones) == 1}


def _lookup(digits: str) -> tuple[str, ...] | None:
    """The zones of the longest prefix of `digits` in phonenumbers' data, as it looks them up."""
    for length in range(min(len(digits), _LONGEST_PREFIX), 0, -1):
        zones = _ZONE_DATA.get(digits[:length])
        if zones is not None:
            return zones
    return None


def time_zones(e164: str) -> tuple[str, ...]:
    """phonenumbers' time zones of a valid E.164 number; ("Etc/Unknown",) when it has none.

    Contract: equal to phonenumbers.timezone.time_zones_for_number for valid numbers. The number's type, the
    costly part, is only worked out where it changes the answer: where the number's prefix has zones other
    than its whole country's. A number phonenumbers cannot classify (possible, not valid) gets its country's
    zones rather than none.
    """
    single = _single_zone_countries()
    for length in (1, 2, 3):
        code = e164[1 : 1 + length]
        zones = single.get(code)
        if zones is not None:
            return zones  # one set of zones for the whole country, whatever the number's type
        if not code.isdigit() or int(code) not in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            continue
        country = _lookup(code)
        if country is not None and _lookup(e164[1:]) == country:
            return country  # the prefix adds nothing to the country's zones
        break
    return _exact_zones(e164)


def _exact_zones(e164: str) -> tuple[str, ...]:
    """What phonenumbers says for this very number (its type picks prefix zones or the country's)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return (UNKNOWN_ZONE,)
    return tuple(phone_timezones.time_zones_for_number(number)) or (UNKNOWN_ZONE,)


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _next_start(local_now: datetime, window: QuietWindow) -> datetime:
    zone = local_now.tzinfo
    today = datetime.combine(local_now.date(), window.start, zone)
    start = (
        today
        if today > local_now
        else datetime.combine(local_now.date() + timedelta(days=1), window.start, zone)
    )
    # Round-trip through UTC so that a start inside a DST gap lands on a real local time.
    return start.astimezone(UTC).astimezone(zone)


def check_quiet_hours(
    numbers: Iterable[str], now: datetime, window: QuietWindow = QuietWindow()
) -> QuietReport:
    """Which of `numbers` (E.164) are outside `window` at `now` (an aware datetime), grouped by time zone.

    Contract: every number is counted once: in a zone outside the window, in a zone inside it, or as unknown.
    Zones are listed with the most recipients first.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    counts: Counter[str] = Counter()
    several = 0
    total = 0
    for number in numbers:
        total += 1
        zones = time_zones(number)
        if len(zones) > 1:
            several += 1
        counts[zones[0]] += 1
    outside = []
    unknown = 0
    for name, count in counts.most_common():
        zone = _zone(name) if name != UNKNOWN_ZONE else None
        if zone is None:
            unknown += count
            continue
        local_now = now.astimezone(zone)
        if not window.contains(local_now.time()):
            outside.append(ZoneNow(name, count, local_now, _next_start(local_now, window)))
    return QuietReport(window, total, tuple(outside), unknown, several)
