"""The access token in the operating system's keychain, with a calm fallback when there is none.

Entries are stored under service ``"ViteDesk"`` with the keyring "username" ``"<server>|<user>"``, where
``<server>`` is the server address with a lower-case scheme and host and no trailing slash, and ``<user>``
is the username as typed with surrounding spaces removed, e.g. ``"https://core.vitemobile.com|ana@shop.com"``.
One entry per server and account, so a sandbox login never overwrites the real one.

Only the token is ever stored, never the password.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "ViteDesk"

NO_KEYCHAIN = (
    "This computer has no password keychain ViteDesk can use, "
    "so you will be asked for your password next time."
)
KEYCHAIN_LOCKED = (
    "The password keychain on this computer is locked, so you will be asked for your password next time."
)


def vault_key(server_url: str, username: str) -> str:
    """The keyring "username" for one account on one server: ``"<normalised server>|<username>"``."""
    parts = urlsplit(server_url.strip())
    server = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", ""))
    return f"{server}|{username.strip()}"


class TokenVault:
    """save/load/delete the token of an account; never raises because of the keychain.

    When the keychain fails (no backend, locked, D-Bus trouble, anything the backend raises), the
    operation reports failure (``save`` -> False, ``load`` -> None), ``problem`` becomes one plain
    sentence for the user, and the vault stops touching the keychain for the rest of the session so a
    broken keychain costs at most one delay.
    """

    def __init__(self, service: str = SERVICE, backend: KeyringBackend | None = None) -> None:
        self._service = service
        self._backend = backend
        self._problem: str | None = None

    @property
    def problem(self) -> str | None:
        """A sentence to show the user once the keychain failed, else None."""
        return self._problem

    @property
    def available(self) -> bool:
        return self._problem is None

    def save(self, server_url: str, username: str, token: str) -> bool:
        """Store ``token`` for this account; True if the keychain now holds it."""
        backend = self._usable_backend()
        if backend is None:
            return False
        try:
            backend.set_password(self._service, vault_key(server_url, username), token)
        except Exception as exc:  # backends also raise D-Bus and OS errors
            self._fail("save", exc)
            return False
        return True

    def load(self, server_url: str, username: str) -> str | None:
        """The stored token for this account, or None (none stored, or no keychain)."""
        backend = self._usable_backend()
        if backend is None:
            return None
        try:
            return backend.get_password(self._service, vault_key(server_url, username))
        except Exception as exc:
            self._fail("load", exc)
            return None

    def delete(self, server_url: str, username: str) -> None:
        """Forget the token of this account (log out); nothing stored is not an error."""
        backend = self._usable_backend()
        if backend is None:
            return
        try:
            backend.delete_password(self._service, vault_key(server_url, username))
        except PasswordDeleteError:
            pass  # nothing was stored: already logged out
        except Exception as exc:
            self._fail("delete", exc)

    def _usable_backend(self) -> KeyringBackend | None:
        if self._problem is not None:
            return None
        if self._backend is None:
            try:
                self._backend = keyring.get_keyring()
            except Exception as exc:
                self._fail("open", exc)
                return None
        return self._backend

    def _fail(self, operation: str, exc: Exception) -> None:
        # The exception text names the backend's trouble, never the token, so it is safe to log.
        log.warning("Keychain %s failed: %s: %s", operation, type(exc).__name__, exc)
        if self._problem is None:
            self._problem = KEYCHAIN_LOCKED if isinstance(exc, KeyringLocked) else NO_KEYCHAIN
