"""``vitedesk --smoke-test``: a real send from the real window, for checking an installed program.

Throwaway data folder, no keychain (tokens stay in memory), the bundled sandbox unless ``--server URL``
is given (then VITEDESK_SMOKE_USERNAME / VITEDESK_SMOKE_PASSWORD). Drives the widgets the way a person
does: login dialog, two numbers, a short message, the bundled sample picture (so an MMS), Public relay,
Send, accept the confirmation. Prints ``smoke test passed: campaign <id>`` (exit 0) or the sentence the
app shows (exit 1); gives up after ``TIME_LIMIT`` seconds whatever happens.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from vitedesk.store import TokenVault

TIME_LIMIT = 60.0
SANDBOX_USERNAME = "business@sandbox.test"
SANDBOX_PASSWORD = "sandbox"
NUMBERS = "+1 202 555 0001\n+1 202 555 0002\n"
MESSAGE = "ViteDesk smoke test"


class SmokeFailure(Exception):
    """A step did not happen; the message is the sentence to print."""


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in this process only: the person's keychain is never touched."""

    priority = 0.0  # never chosen by keyring itself

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._passwords.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def memory_vault() -> TokenVault:
    """The app's token vault over ``MemoryKeyring``."""
    return TokenVault(backend=MemoryKeyring())


def throwaway_profile() -> tempfile.TemporaryDirectory[str]:
    """A data folder outside $HOME that is deleted at the end."""
    return tempfile.TemporaryDirectory(prefix="smoke-")


def arm_watchdog(seconds: float = TIME_LIMIT) -> threading.Timer:
    """Exit 1 after ``seconds`` even if the event loop is stuck (a dialog waiting for a person)."""

    def give_up() -> None:
        print(f"smoke test failed: no result after {seconds:.0f} seconds", file=sys.stderr, flush=True)
        os._exit(1)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    return timer


def credentials(server: str | None) -> tuple[str, str]:
    if server is None:
        return SANDBOX_USERNAME, SANDBOX_PASSWORD
    username = os.environ.get("VITEDESK_SMOKE_USERNAME", "")
    password = os.environ.get("VITEDESK_SMOKE_PASSWORD", "")
    if not username or not password:
        raise SmokeFailure(
            "To test against a server, set VITEDESK_SMOKE_USERNAME and VITEDESK_SMOKE_PASSWORD."
        )
    return username, password


async def until(condition: Callable[[], Any], what: str, timeout: float = 20.0) -> Any:
    """Wait (letting Qt run) until ``condition()`` is truthy; returns its value."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = condition()
        if value:
            return value
        if loop.time() > deadline:
            raise SmokeFailure(f"smoke test failed: {what} did not happen within {timeout:.0f} seconds")
        await asyncio.sleep(0.05)


def visible(dialog: Any) -> Any:
    """``dialog`` once it is on screen, else None."""
    return dialog if dialog is not None and dialog.isVisible() else None


async def log_in(window: Any, username: str, password: str) -> None:
    window.tasks.start(window.ask_login(), name="smoke log in")
    dialog = await until(lambda: visible(window.login_dialog), "the login dialog")
    dialog.rememberCheck.setChecked(False)
    dialog.usernameEdit.setText(username)
    dialog.passwordEdit.setText(password)
    dialog.loginButton.click()

    def settled() -> bool:
        still_open = window.login_dialog is not None and window.login_dialog.isVisible()
        if still_open and not dialog.busy and dialog.loginError.text():
            raise SmokeFailure(dialog.loginError.text())
        return bool(window.session.signed_in and window.login_dialog is None)

    await until(settled, "logging in")


async def compose(window: Any, picture: Path) -> None:
    window.leads.leadEdit.setFocus()
    window.leads.leadEdit.insertPlainText(NUMBERS)
    window.composer.messageEdit.setFocus()
    window.composer.messageEdit.insertPlainText(MESSAGE)
    refused = window.images.add_files([picture])
    if refused:
        raise SmokeFailure(" ".join(refused))
    window.route.routePublic.click()
    await until(lambda: len(window.campaign().leads) == 2, "reading the two numbers")
    await until(lambda: window.protocolLabel.text().startswith("MMS"), "attaching the picture")
    await until(window.sendButton.isEnabled, "the Send button becoming available")


async def send(window: Any) -> int:
    result: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def finished(notice: Any) -> None:
        if not result.done():
            result.set_result(notice)

    window.flow.finished.connect(finished)
    window.sendButton.click()
    dialog = await until(lambda: visible(window.flow.confirm_dialog), "the confirmation")
    dialog.sendButton.click()
    notice = await asyncio.wait_for(result, timeout=30)
    if notice.level != "success" or notice.campaign_id is None:
        raise SmokeFailure(notice.text)
    return int(notice.campaign_id)


async def run_smoke(window: Any, server: str | None, picture: Path) -> int:
    """Drive ``window`` through one MMS send; print the verdict and return the exit code."""
    try:
        username, password = credentials(server)
        window.show()
        await log_in(window, username, password)
        await compose(window, picture)
        campaign_id = await send(window)
    except SmokeFailure as failure:
        print(str(failure), file=sys.stderr, flush=True)
        return 1
    except TimeoutError:
        print("smoke test failed: the server did not answer the send", file=sys.stderr, flush=True)
        return 1
    print(f"smoke test passed: campaign {campaign_id}", flush=True)
    return 0
