"""The current time as the app sees it: the computer's clock, or a practice clock set with --sandbox-clock.

Passed in from the composition root (no global "now"), so quiet hours can be practised and tested at any
hour. A practice clock starts at the time given and then runs on at normal speed.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime."""
        ...


class SystemClock:
    """The computer's own clock, in its local time zone."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class PracticeClock:
    """Starts at `start` (aware) and runs on from there; `frozen` keeps it at `start` (tests)."""

    def __init__(self, start: datetime, *, frozen: bool = False) -> None:
        if start.tzinfo is None:
            raise ValueError("a practice clock needs a time with its offset")
        self.start = start
        self._frozen = frozen
        self._began = time.monotonic()

    def now(self) -> datetime:
        if self._frozen:
            return self.start
        return self.start + timedelta(seconds=time.monotonic() - self._began)


def parse_clock(text: str) -> datetime:
    """An ISO 8601 time ("2026-03-08T06:30-05:00", "2026-03-08 11:30Z"); without an offset it is local
    time. ValueError with a sentence for anything else."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"“{text}” is not a date and time: write it like 2026-03-08T06:30-05:00") from None
    return moment if moment.tzinfo is not None else moment.astimezone()
