"""The account session: who is signed in, on which server, with which API client; remembered tokens."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from vitedesk.api import ApiError

if TYPE_CHECKING:
    from vitedesk.api import ViteMobileClient

log = logging.getLogger(__name__)

TOKEN_ACCOUNT = "access token"
"""The account name shown (and used as the keychain key) when someone signs in with a pasted token."""


class TokenStore(Protocol):
    """What the session needs from a keychain (vitedesk.store.TokenVault fits)."""

    def save(self, server_url: str, username: str, token: str) -> bool: ...
    def load(self, server_url: str, username: str) -> str | None: ...
    def delete(self, server_url: str, username: str) -> None: ...


def https_client(server_url: str) -> ViteMobileClient:
    """The real API client; httpx and its certificates load here, after the first window has been painted."""
    from vitedesk.api.client import ViteMobileClient

    return ViteMobileClient(server_url)


class AccountSession(QObject):
    """Who is signed in: the server, the account name and the one API client for that server.

    The client is replaced only when the server address changes; the old one is closed then.
    `vault` (optional) remembers the token when asked to; the password is never kept anywhere.
    """

    changed = Signal()

    def __init__(
        self,
        server_url: str,
        client_factory: Callable[[str], ViteMobileClient] = https_client,
        vault: TokenStore | None = None,
    ) -> None:
        super().__init__()
        self._factory = client_factory
        self._client = client_factory(server_url)
        self._vault = vault
        self._remembered = False
        self.username = ""

    @property
    def client(self) -> ViteMobileClient:
        return self._client

    @property
    def server_url(self) -> str:
        return self._client.base_url

    @property
    def signed_in(self) -> bool:
        return bool(self.username) and self._client.token is not None

    @property
    def remembered(self) -> bool:
        """True when this sign-in was asked to be remembered (or came from the keychain)."""
        return self._remembered

    @property
    def account_label(self) -> str:
        return self.username if self.username != TOKEN_ACCOUNT else "signed in with an access token"

    def expires_within(self, seconds: float) -> bool:
        """True when the token's expiry is known and falls within `seconds` from now (or has passed)."""
        expires = self._client.expires_at
        return expires is not None and (expires - datetime.now(tz=UTC)).total_seconds() <= seconds

    async def _use_server(self, server_url: str) -> None:
        if server_url.rstrip("/") == self._client.base_url.rstrip("/"):
            return
        new_client = self._factory(server_url)  # raises InsecureServerAddress before anything changes
        old, self._client = self._client, new_client
        await old.aclose()

    async def log_in(self, server_url: str, username: str, password: str, remember: bool) -> None:
        """Log in with a password; raises ApiError with a sentence for the user."""
        await self._use_server(server_url)
        try:
            token = await self._client.login(username, password)
        except ApiError as error:
            log.warning("Log in as %s failed: %s (status %s)", username, type(error).__name__, error.status)
            raise
        log.info("Logged in as %s on %s", username, self.server_url)
        self._signed_in(username, token.access, remember)

    async def use_token(self, server_url: str, token: str, remember: bool) -> None:
        """Sign in with a pasted access token (shape and expiry checked here; the server checks the rest)."""
        await self._use_server(server_url)
        self._client.token = token
        log.info("Signed in with a pasted access token on %s", self.server_url)
        self._signed_in(TOKEN_ACCOUNT, token, remember)

    def _signed_in(self, username: str, token: str, remember: bool) -> None:
        self.username = username
        self._remembered = remember
        if self._vault is not None:
            if remember:
                saved = self._vault.save(self.server_url, username, token)
                log.info("Remember me: the token %s", "is in the keychain" if saved else "could not be kept")
            else:
                self._vault.delete(self.server_url, username)
        self.changed.emit()

    def restore(self, username: str) -> bool:
        """Sign in with a token remembered in the vault, if there is one that has not expired."""
        if self._vault is None or not username:
            return False
        token = self._vault.load(self.server_url, username)
        if not token:
            return False
        self._client.token = token
        if self.expires_within(60):
            self._client.token = None
            return False
        self.username = username
        self._remembered = True
        log.info("Signed in as %s with the token remembered in the keychain", username)
        self.changed.emit()
        return True

    def stop_remembering(self) -> None:
        """Remove the token from the keychain but stay signed in for this session."""
        if self._vault is not None and self.username and self._remembered:
            self._vault.delete(self.server_url, self.username)
        self._remembered = False

    def forget_token(self) -> None:
        """The server refused the token (401): drop it, here and in the vault, but keep the account name."""
        self._client.token = None
        if self._vault is not None and self.username:
            self._vault.delete(self.server_url, self.username)
        self.changed.emit()

    def log_out(self) -> None:
        log.info("Logged out of %s", self.server_url)
        self.forget_token()
        self.username = ""
        self.changed.emit()

    async def aclose(self) -> None:
        await self._client.aclose()
