"""The token really round-trips through the desktop keychain (Secret Service over D-Bus).

Run inside ``dbus-run-session`` with an unlocked gnome-keyring (see .ci/run). This test fails, never skips,
when the Secret Service is missing: CI runs it exactly where it must work.
"""

from __future__ import annotations

import uuid

import pytest
from keyring.backends import SecretService

from vitedesk.store import TokenVault, vault_key

pytestmark = pytest.mark.keyring


def test_token_round_trips_through_the_secret_service() -> None:
    backend = SecretService.Keyring()
    try:
        priority = SecretService.Keyring.priority
    except Exception as exc:
        pytest.fail(f"Secret Service backend is not usable here: {type(exc).__name__}: {exc}")
    assert priority > 0

    service = f"ViteDesk-test-{uuid.uuid4().hex[:8]}"
    vault = TokenVault(service=service, backend=backend)
    server, user, token = "https://core.vitemobile.com", "ana@shop.com", f"eyJ.{uuid.uuid4().hex}.sig"

    saved = vault.save(server, user, token)
    assert saved, f"saving to the Secret Service failed: {vault.problem}"
    # Read it back through a fresh backend object: the secret lives in the keyring daemon, not in memory.
    assert SecretService.Keyring().get_password(service, vault_key(server, user)) == token
    assert TokenVault(service=service, backend=SecretService.Keyring()).load(server, user) == token

    vault.delete(server, user)
    assert SecretService.Keyring().get_password(service, vault_key(server, user)) is None
    assert vault.problem is None
