"""The opt-out (do-not-contact) list on disk: one E.164 number per line in a small text file.

Written atomically (like the draft), so a crash leaves the old list or the new one, never half of one.
Reading never loses a number that can be read: a file with damaged lines is copied aside as
<name>.damaged-<time> and the numbers it still holds are kept. A list that cannot be read at all
(permissions, a folder in its place) is reported and makes `numbers()` None, so the send flow refuses to
send rather than send without checking.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path

from vitedesk.core.wording import plural
from vitedesk.store._atomic import atomic_write_text
from vitedesk.store._damaged import set_aside

log = logging.getLogger(__name__)

HEADER = "# ViteDesk opt-out list: these numbers are never sent to. One number per line (E.164)."
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
DAMAGED = (
    "Your opt-out list file was damaged: ViteDesk kept the {count} it could read and a copy of the file as "
    "{name}. Check the list (Campaign → Opt-out list…)."
)
UNREADABLE = "ViteDesk could not read your opt-out list ({reason}), so it will not send until it can."
UNSAVED = (
    "ViteDesk could not save your opt-out list ({reason}). It is used for this session; "
    "check the disk and save it again."
)


class OptOutStore:
    """The list of one profile; `path` None keeps it in memory only (tests, a read-only profile)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problem: str | None = None  # a sentence for the window when reading or saving failed
        self._numbers: frozenset[str] | None = self._read()

    def numbers(self) -> frozenset[str] | None:
        """The opted-out numbers; None when the file exists but could not be read."""
        return self._numbers

    def replace(self, numbers: Iterable[str]) -> bool:
        """Keep exactly `numbers` (E.164); False (and `problem` set) when the file could not be written.

        The new list is used in this session either way: an opt-out the person entered always counts.
        """
        kept = frozenset(number for number in numbers if _E164.match(number))
        self._numbers = kept
        if self.path is None:
            return True
        try:
            atomic_write_text(self.path, _as_text(kept))
        except OSError as error:
            log.error("Opt-out list not saved: %s", error)
            self.problem = UNSAVED.format(reason=error.strerror or type(error).__name__)
            return False
        self.problem = None
        return True

    def _read(self) -> frozenset[str] | None:
        if self.path is None:
            return frozenset()
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return frozenset()
        except OSError as error:
            log.error("Opt-out list %s could not be read: %s", self.path, error)
            self.problem = UNREADABLE.format(reason=error.strerror or type(error).__name__)
            return None
        text = data.decode("utf-8", errors="replace")
        found: set[str] = set()
        damaged = "\ufffd" in text
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if _E164.match(line):
                found.add(line)
            else:
                damaged = True
        numbers = frozenset(found)
        if damaged:
            self._keep_copy(numbers)
        return numbers

    def _keep_copy(self, numbers: frozenset[str]) -> None:
        """A copy of the damaged file aside, then the numbers it still holds written back (told once)."""
        assert self.path is not None
        target = set_aside(self.path, copy=True)
        if target is None:
            return
        try:
            atomic_write_text(self.path, _as_text(numbers))
        except OSError as error:
            log.warning("Could not write the opt-out list back: %s", error)
        self.problem = DAMAGED.format(count=plural(len(numbers), "number"), name=target.name)


def _as_text(numbers: frozenset[str]) -> str:
    return "\n".join([HEADER, *sorted(numbers)]) + "\n"
