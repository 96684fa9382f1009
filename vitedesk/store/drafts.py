"""The campaign being composed, saved so a crash or a kill never loses it."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vitedesk.store._atomic import atomic_write_text
from vitedesk.store._damaged import parse_json, set_aside

log = logging.getLogger(__name__)

DRAFT_VERSION = 1
SET_ASIDE = (
    "Your unsent campaign could not be read back, so ViteDesk kept the file aside as {name} and started "
    "with an empty campaign."
)
# A saved draft's time is shown to the person; outside these years it is damage, not a time.
_PLAUSIBLE_YEARS = range(2000, 9000)


@dataclass(slots=True)
class Draft:
    """What the user typed and picked; plain strings so the file stays readable and version-tolerant."""

    leads_text: str = ""
    default_region: str = "US"
    message: str = ""
    route_kind: str = "PUBLIC"
    server_id: str = ""
    sender_id: str = ""
    images: list[str] = field(default_factory=list)
    saved_at: datetime | None = None

    def is_blank(self) -> bool:
        """True when there is nothing worth restoring (no recipients, message, ids or images)."""
        return not (
            self.leads_text.strip()
            or self.message.strip()
            or self.server_id.strip()
            or self.sender_id.strip()
            or self.images
        )


class DraftStore:
    """One draft file: ``save`` replaces it atomically, ``load`` never raises, ``clear`` removes it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.problem: str | None = None  # a sentence for the window when `load` had to set the file aside

    def save(self, draft: Draft) -> Draft:
        """Write ``draft`` (tmp file + fsync + os.replace); returns it stamped with ``saved_at``."""
        stamped = dataclasses.replace(draft, images=list(draft.images), saved_at=datetime.now(UTC))
        data: dict[str, Any] = {"version": DRAFT_VERSION, **dataclasses.asdict(stamped)}
        data["saved_at"] = stamped.saved_at.isoformat() if stamped.saved_at else None
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return stamped

    def load(self) -> Draft | None:
        """The saved draft, or None if there is none; a corrupt file is renamed aside, never deleted."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("Draft %s could not be read: %s", self.path, type(exc).__name__)
            if isinstance(exc, (UnicodeDecodeError, IsADirectoryError)):  # a folder would block every save
                self._set_aside()
            return None
        try:
            return _from_json(parse_json(text))
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("Draft %s is damaged (%s); keeping it aside", self.path, exc)
            self._set_aside()
            return None

    def clear(self) -> None:
        """Forget the draft (after a successful send or when the user starts over)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def _set_aside(self) -> Path | None:
        target = set_aside(self.path)
        if target is not None:
            self.problem = SET_ASIDE.format(name=target.name)
        return target


def _from_json(data: object) -> Draft:
    if not isinstance(data, dict):
        raise ValueError("not an object")
    version = data.get("version")
    if not isinstance(version, int) or version > DRAFT_VERSION:
        raise ValueError(f"unknown draft version {version!r}")
    text_fields = ("leads_text", "default_region", "message", "route_kind", "server_id", "sender_id")
    values: dict[str, Any] = {}
    for name in text_fields:
        if name in data:
            if not isinstance(data[name], str):
                raise TypeError(f"{name} is not text")
            values[name] = data[name]
    images = data.get("images", [])
    if not isinstance(images, list) or not all(isinstance(item, str) for item in images):
        raise TypeError("images is not a list of paths")
    values["images"] = images
    values["saved_at"] = _saved_at(data.get("saved_at"))
    return Draft(**values)


def _saved_at(value: object) -> datetime | None:
    """The time the draft was saved, in UTC; None for a time that cannot be one (year 1, the end of time,
    no zone, not a time): the campaign itself is still restored, only without a time."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None or moment.year not in _PLAUSIBLE_YEARS:
            raise ValueError(value)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        log.warning("The draft's save time %r is not a time; restoring it without one", value[:40])
        return None
