"""The licence limits the server told each account, kept in one small JSON file (see core.licence_limits).

Keyed by server address and username (lower-cased: e-mail addresses compare case-insensitively), so a
practice account in the sandbox never colours the real one. A damaged file counts as empty; a failed write
is logged and the limits are kept for this session only.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from vitedesk.core.licence_limits import LicenceLimit
from vitedesk.store._atomic import atomic_write_text
from vitedesk.store._damaged import parse_json

log = logging.getLogger(__name__)


def _key(server_url: str, username: str) -> str:
    return f"{server_url.rstrip('/')}|{username.strip().lower()}"


class LicenceLimitStore:
    """Remembered limits per account; `path` None keeps them in memory only."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._limits: dict[str, set[LicenceLimit]] = self._read()

    def _read(self) -> dict[str, set[LicenceLimit]]:
        if self.path is None:
            return {}
        try:
            raw = parse_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, ValueError) as error:
            log.warning("Licence limits file could not be read (%s); starting empty", type(error).__name__)
            return {}
        accounts = raw.get("accounts") if isinstance(raw, dict) else None
        if not isinstance(accounts, dict):
            return {}
        known = {limit.value for limit in LicenceLimit}
        return {
            str(key): {LicenceLimit(value) for value in values if value in known}
            for key, values in accounts.items()
            if isinstance(values, list)
        }

    def limits(self, server_url: str, username: str) -> frozenset[LicenceLimit]:
        """What this account was refused before (empty for an unknown account or no username)."""
        if not username:
            return frozenset()
        return frozenset(self._limits.get(_key(server_url, username), ()))

    def update(
        self,
        server_url: str,
        username: str,
        learnt: set[LicenceLimit] | frozenset[LicenceLimit] = frozenset(),
        gone: set[LicenceLimit] | frozenset[LicenceLimit] = frozenset(),
    ) -> bool:
        """Add `learnt` and drop `gone` for this account; saves when something changed; True if it did."""
        if not username:
            return False
        key = _key(server_url, username)
        before = self._limits.get(key, set())
        after = (before | set(learnt)) - set(gone)
        if after == before:
            return False
        if after:
            self._limits[key] = after
        else:
            self._limits.pop(key, None)
        self._save()
        return True

    def _save(self) -> None:
        if self.path is None:
            return
        data = {"version": 1, "accounts": {k: sorted(v) for k, v in sorted(self._limits.items())}}
        try:
            atomic_write_text(self.path, json.dumps(data, indent=2) + "\n")
        except OSError as error:
            log.warning("Licence limits could not be saved: %s", error)
