"""User preferences, declared once as a typed dataclass and kept in one JSON file.

Secrets never live here: there is deliberately no field for a token or a password (those go to the OS
keychain through ``credentials.TokenVault``), and unknown keys found in the file are dropped on load.
"""

from __future__ import annotations

import base64
import binascii
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
from vitedesk.store._damaged import parse_json, set_aside

if TYPE_CHECKING:  # its phonenumbers time-zone data loads when quiet hours are first checked
    from vitedesk.core.quiet_hours import QuietWindow

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1

SET_ASIDE = (
    "Your settings file could not be read, so ViteDesk set it aside as {name} and started with default "
    "settings: check the default country and your own number in File → Settings…, and the server address "
    "under Advanced when you log in."
)
ODD_VALUES = (
    "{count} in your settings file could not be used and {verb} back to {their} default; ViteDesk kept a "
    "copy of the old file as {name}."
)
UNREADABLE = (
    "ViteDesk could not read your settings file ({reason}), so it uses default settings this time and "
    "leaves the file as it is."
)


@dataclass(frozen=True, slots=True)
class SettingsRead:
    """The settings of one start and what the file was like; `problem` is a sentence for the window.

    `writable` False: the file is there but could be neither read nor set aside, so it must not be
    overwritten (it may hold the person's server address and username).
    """

    settings: Settings
    problem: str = ""
    writable: bool = True


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
        """The settings in ``path`` (see `read`, which also says what was wrong with the file)."""
        return cls.read(path).settings

    @classmethod
    def read(cls, path: Path) -> SettingsRead:
        """Read ``path``; never raises. A missing file gives defaults. A file that is not settings (damaged,
        not JSON, nested too deeply, a folder) is set aside as <name>.damaged-<time> and defaults are used;
        values that cannot be used get their defaults and a copy of the file is kept aside."""
        path = Path(path)
        try:
            raw = parse_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return SettingsRead(cls())
        except (IsADirectoryError, UnicodeDecodeError, ValueError) as exc:
            log.warning("Settings file %s is damaged (%s)", path, type(exc).__name__)
            return _set_aside(path, cls())
        except OSError as exc:
            log.warning("Settings file %s could not be read: %s", path, exc)
            return SettingsRead(cls(), UNREADABLE.format(reason=_reason(exc)), writable=False)
        if not isinstance(raw, dict):
            log.warning("Settings file %s does not hold an object", path)
            return _set_aside(path, cls())
        values: dict[str, Any] = {}
        odd: list[str] = []
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            if field.name not in raw:
                continue
            value = raw[field.name]
            if _matches(value, hints[field.name]) and _usable(field.name, value):
                values[field.name] = value
            else:
                odd.append(field.name)
        settings = cls(**values)
        if not odd:
            return SettingsRead(settings)
        log.warning("Settings with values that cannot be used, back to their defaults: %s", ", ".join(odd))
        copy = set_aside(path, copy=True)
        if copy is None:  # no copy to fall back on: leave the file as it is rather than lose a value
            return SettingsRead(settings, UNREADABLE.format(reason="odd values"), writable=False)
        many = len(odd) > 1
        problem = ODD_VALUES.format(
            count=f"{len(odd)} settings" if many else "1 setting",
            verb="are" if many else "is",
            their="their" if many else "its",
            name=copy.name,
        )
        return SettingsRead(settings, problem)

    def save(self, path: Path) -> None:
        """Write atomically: a crash mid-save leaves the previous file intact."""
        data: dict[str, Any] = {"version": SETTINGS_VERSION, **dataclasses.asdict(self)}
        atomic_write_text(Path(path), json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _set_aside(path: Path, defaults: Settings) -> SettingsRead:
    moved = set_aside(path)
    if moved is None:
        return SettingsRead(defaults, UNREADABLE.format(reason="it is damaged"), writable=False)
    return SettingsRead(defaults, SET_ASIDE.format(name=moved.name))


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


_BASE64_FIELDS = frozenset({"window_geometry", "history_geometry", "main_splitter"})


def _usable(name: str, value: object) -> bool:
    """Checks beyond the type: saved window states are base64, the country a two-letter region code."""
    if name in _BASE64_FIELDS and isinstance(value, str):
        try:
            base64.b64decode(value.encode("ascii"), validate=True)
        except (UnicodeEncodeError, binascii.Error):
            return False
    if name == "default_region":
        return isinstance(value, str) and len(value) == 2 and value.isascii() and value.isupper()
    return True


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
