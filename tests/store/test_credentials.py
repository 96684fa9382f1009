"""The token goes to the keychain; without a usable keychain the app carries on and says so once."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import InitError, KeyringLocked, PasswordDeleteError

from vitedesk.store import TokenVault, vault_key
from vitedesk.store.credentials import KEYCHAIN_LOCKED, NO_KEYCHAIN

SERVER = "https://core.vitemobile.com"


class MemoryKeyring(KeyringBackend):
    """A working keychain held in a dict; never picked by keyring's own backend discovery."""

    # Below the fail backend (0), so keyring's own discovery never prefers it; raising here instead would make
    # keyring.get_keyring() fail for every later test in the session.
    priority = -1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class BrokenKeyring(MemoryKeyring):
    """Raises the given exception from every operation, like a locked or unreachable Secret Service."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        raise self.error


class DBusException(Exception):
    """Stands in for jeepney/secretstorage errors, which are not KeyringError subclasses."""


def test_token_round_trips_and_log_out_removes_it() -> None:
    backend = MemoryKeyring()
    vault = TokenVault(backend=backend)
    assert vault.save(SERVER, "ana@shop.com", "tok-123") is True
    assert vault.load(SERVER, "ana@shop.com") == "tok-123"
    assert backend.entries == {("ViteDesk", "https://core.vitemobile.com|ana@shop.com"): "tok-123"}
    vault.delete(SERVER, "ana@shop.com")
    assert vault.load(SERVER, "ana@shop.com") is None
    vault.delete(SERVER, "ana@shop.com")  # logging out twice is not a keychain problem
    assert vault.problem is None


def test_accounts_and_servers_get_separate_entries() -> None:
    vault = TokenVault(backend=MemoryKeyring())
    vault.save(SERVER, "ana", "real-token")
    vault.save("http://127.0.0.1:8765", "ana", "sandbox-token")
    vault.save(SERVER, "bo", "bo-token")
    assert vault.load(SERVER, "ana") == "real-token"
    assert vault.load("http://127.0.0.1:8765", "ana") == "sandbox-token"
    assert vault.load(SERVER + "/", " ana ") == "real-token"


def test_key_format_normalises_the_server_address() -> None:
    assert (
        vault_key("HTTPS://Core.ViteMobile.com/", "ana@shop.com")
        == "https://core.vitemobile.com|ana@shop.com"
    )
    assert vault_key("http://127.0.0.1:8765", "demo") == "http://127.0.0.1:8765|demo"


def test_no_keyring_at_all_does_not_raise_and_explains_once() -> None:
    vault = TokenVault(backend=fail.Keyring())
    assert vault.problem is None
    assert vault.save(SERVER, "ana", "tok") is False
    assert vault.problem == NO_KEYCHAIN
    assert vault.problem.count(".") == 1 and "password next time" in vault.problem
    assert vault.load(SERVER, "ana") is None
    vault.delete(SERVER, "ana")
    assert vault.problem == NO_KEYCHAIN


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (InitError("Failed to create the collection: Prompt dismissed."), NO_KEYCHAIN),
        (KeyringLocked("Failed to unlock the collection!"), KEYCHAIN_LOCKED),
        (DBusException("org.freedesktop.DBus.Error.ServiceUnknown"), NO_KEYCHAIN),
        (OSError("connection refused"), NO_KEYCHAIN),
    ],
)
def test_keychain_failures_degrade_to_a_sentence(error: Exception, sentence: str) -> None:
    backend = BrokenKeyring(error)
    vault = TokenVault(backend=backend)
    assert vault.load(SERVER, "ana") is None
    assert vault.problem == sentence
    # After the first failure the vault stops asking the broken keychain (each try can hang on D-Bus).
    assert vault.save(SERVER, "ana", "tok") is False
    vault.delete(SERVER, "ana")
    assert backend.calls == 1


def test_default_backend_comes_from_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = MemoryKeyring()
    monkeypatch.setattr("keyring.get_keyring", lambda: backend)
    vault = TokenVault()
    assert vault.save(SERVER, "ana", "tok") is True
    assert backend.entries


def test_a_keyring_that_cannot_even_be_created_is_a_problem_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode() -> KeyringBackend:
        raise RuntimeError("no backend module importable")

    monkeypatch.setattr("keyring.get_keyring", explode)
    vault = TokenVault()
    assert vault.load(SERVER, "ana") is None
    assert vault.problem == NO_KEYCHAIN
