"""User preferences, declared once as a typed dataclass and kept in one JSON file.

Secrets never live here: there is deliberately no field for a token or a password (those go to the OS
keychain through ``credentials.TokenVault``), and unknown keys found in the file are dropped on load.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import types
import typing
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vitedesk.core.cost import Prices, parse_price
from vitedesk.store._atomic import atomic_write_text

if TYPE_CHECKING:  # its phonenumbers time-zone data loads when quiet hours are first checked
    from vitedesk.core.quiet_hours import QuietWindow

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


@dataclass(slots=True)
class Settings:
    """Everything the app remembers between runs that is not a secret."""

    server_url: str = "https://core.vitemobile.com"
    last_username: str = ""
    remember: bool = False
    default_region: str = "US"
    # QWidget.saveGeometry() as base64 text; None until the window was closed once.
    window_geometry: str | None = None
    history_geometry: str | None = None
    main_splitter: str | None = None  # QSplitter.saveState() of the two columns, base64
    sandbox_username: str = ""  # the demo account used last in practice sessions (never the real one)
    # Quiet hours: recipients' local times outside start-end get a warning before sending ("HH:MM").
    quiet_start: str = "08:00"
    quiet_end: str = "21:00"
    # "Send a test to me": the person's own number in E.164, "" until asked for once.
    own_number: str = ""
    # Optional prices for the cost estimate, as decimal text ("0.0079"); "" means not set.
    price_currency: str = "USD"
    price_sms_part: str = ""
    price_mms: str = ""
    # MMS pictures: bytes all the pictures of one message may add up to, and the longest edge in pixels.
    mms_picture_budget: int = 600_000
    mms_picture_edge: int = 1280

    def picture_limits(self) -> tuple[int, int]:
        """(budget in bytes, longest edge in pixels) for MMS pictures, kept within workable bounds."""
        return min(max(self.mms_picture_budget, 50_000), 5_000_000), min(
            max(self.mms_picture_edge, 320), 4096
        )

    def quiet_window(self) -> QuietWindow:
        """The quiet-hours window; a damaged value gives the default 08:00-21:00."""
        from vitedesk.core.quiet_hours import QuietWindow

        try:
            return QuietWindow(_clock_time(self.quiet_start), _clock_time(self.quiet_end))
        except ValueError:
            return QuietWindow()

    def prices(self) -> Prices:
        """The prices for cost estimates; a damaged price counts as not set."""

        def price(text: str) -> Decimal | None:
            try:
                return parse_price(text)
            except ValueError:
                return None

        currency = self.price_currency.strip().upper()
        currency = currency if len(currency) == 3 and currency.isalpha() and currency.isascii() else "USD"
        return Prices(currency, price(self.price_sms_part), price(self.price_mms))

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read ``path``; a missing or corrupt file gives defaults, a mistyped field its default."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            log.warning("Settings file %s could not be read (%s); using defaults", path, type(exc).__name__)
            return cls()
        if not isinstance(raw, dict):
            log.warning("Settings file %s does not hold an object; using defaults", path)
            return cls()
        values: dict[str, Any] = {}
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            if field.name not in raw:
                continue
            value = raw[field.name]
            if _matches(value, hints[field.name]):
                values[field.name] = value
            else:
                log.warning("Setting %r has an unexpected value; using its default", field.name)
        return cls(**values)

    def save(self, path: Path) -> None:
        """Write atomically: a crash mid-save leaves the previous file intact."""
        data: dict[str, Any] = {"version": SETTINGS_VERSION, **dataclasses.asdict(self)}
        atomic_write_text(Path(path), json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _clock_time(text: str) -> time:
    """ "08:00" -> time(8, 0); ValueError for anything else."""
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(text)
    return time(int(hours), int(minutes))


def _matches(value: object, annotation: object) -> bool:
    if isinstance(annotation, types.UnionType):
        return any(_matches(value, option) for option in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if annotation is bool:
        return isinstance(value, bool)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(annotation, type) and isinstance(value, annotation)
