"""The login dialog against the real sandbox over loopback: what a person sees while and after logging in."""

from __future__ import annotations

import logging
import time

import httpx
import jwt
import pytest
from PySide6.QtCore import Qt, QTimer

from vitedesk.api import ViteMobileClient
from vitedesk.sandbox import DEMO_ACCOUNTS
from vitedesk.ui.account.login import LoginDialog, check_pasted_token
from vitedesk.ui.account.session import AccountSession


@pytest.fixture
def make_dialog(qtbot, run_async):
    sessions: list[AccountSession] = []

    def make(server_url: str, client_factory=ViteMobileClient, **options) -> LoginDialog:
        session = AccountSession(server_url, client_factory)
        sessions.append(session)
        dialog = LoginDialog(session, **options)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield make
    for session in sessions:
        run_async(session.aclose())


def finished(dialog: LoginDialog) -> bool:
    return not dialog.busy


def test_demo_account_fills_the_fields_and_logs_in(qtbot, sandbox, make_dialog) -> None:
    dialog = make_dialog(sandbox.url, demo_accounts=DEMO_ACCOUNTS)
    business = next(a for a in DEMO_ACCOUNTS if a.licence == "Business")
    dialog.demoCombo.setCurrentIndex(DEMO_ACCOUNTS.index(business) + 1)
    assert dialog.usernameEdit.text() == business.username
    assert dialog.passwordEdit.text() == "sandbox"
    assert "MMS" in dialog.demoSummary.text()

    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.loginButton, Qt.MouseButton.LeftButton)
    session = dialog._session
    assert session.signed_in
    assert session.username == business.username
    assert dialog.passwordEdit.text() == ""  # the password does not linger in the widget


def test_enter_in_the_password_field_submits(qtbot, sandbox, make_dialog) -> None:
    dialog = make_dialog(sandbox.url)
    qtbot.keyClicks(dialog.usernameEdit, "basic@sandbox.test")
    qtbot.keyClicks(dialog.passwordEdit, "sandbox")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.passwordEdit, Qt.Key.Key_Return)


def test_wrong_password_is_said_plainly_and_the_dialog_stays_usable(
    qtbot, sandbox, make_dialog, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    dialog = make_dialog(sandbox.url)
    dialog.usernameEdit.setText("basic@sandbox.test")
    dialog.passwordEdit.setText("Wr0ng-Pa55word!")
    dialog.loginButton.click()
    qtbot.waitUntil(lambda: dialog.loginError.isVisible(), timeout=5000)
    assert "password" in dialog.loginError.text().lower()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.loginButton.isEnabled() and dialog.passwordEdit.isEnabled()
    assert not dialog.busyBar.isVisible()
    assert "Wr0ng-Pa55word!" not in caplog.text
    dialog.passwordEdit.setText("sandbox")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.loginButton.click()


def test_no_connection_is_said_plainly(qtbot, make_dialog) -> None:
    dialog = make_dialog("http://127.0.0.1:9")  # the discard port: nothing listens there
    dialog.usernameEdit.setText("basic@sandbox.test")
    dialog.passwordEdit.setText("sandbox")
    dialog.loginButton.click()
    qtbot.waitUntil(lambda: dialog.loginError.isVisible(), timeout=15000)
    assert "could not reach" in dialog.loginError.text().lower()


def test_server_problem_is_said_plainly(qtbot, make_dialog) -> None:
    # The sandbox's faults only hit the send endpoint, so this HTML error page comes from a transport.
    def html_500(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, html="<html><body><h1>Server Error (500)</h1></body></html>")

    dialog = make_dialog(
        "https://core.vitemobile.com",
        client_factory=lambda url: ViteMobileClient(url, transport=httpx.MockTransport(html_500)),
    )
    dialog.usernameEdit.setText("basic@sandbox.test")
    dialog.passwordEdit.setText("sandbox")
    dialog.loginButton.click()
    qtbot.waitUntil(lambda: dialog.loginError.isVisible(), timeout=5000)
    text = dialog.loginError.text()
    assert "ViteMobile" in text and "<html" not in text.lower()


def test_busy_while_logging_in_and_the_window_keeps_running(qtbot, sandbox_factory, make_dialog) -> None:
    slow = sandbox_factory(latency=0.6)
    dialog = make_dialog(slow.url)
    dialog.usernameEdit.setText("basic@sandbox.test")
    dialog.passwordEdit.setText("sandbox")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    dialog.loginButton.click()
    assert dialog.busyBar.isVisible()
    assert not dialog.usernameEdit.isEnabled() and not dialog.loginButton.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        pass
    timer.stop()
    assert len(ticks) >= 10, "the event loop was blocked while logging in"


def test_server_address_lives_under_advanced_and_must_be_safe(qtbot, make_dialog) -> None:
    dialog = make_dialog("https://core.vitemobile.com")
    assert not dialog.serverEdit.isVisible()
    dialog.advancedButton.click()
    assert dialog.serverEdit.isVisible()
    assert dialog.serverEdit.text() == "https://core.vitemobile.com"
    dialog.serverEdit.setText("http://example.com")
    dialog.usernameEdit.setText("a@b.c")
    dialog.passwordEdit.setText("x")
    dialog.loginButton.click()
    qtbot.waitUntil(lambda: dialog.loginError.isVisible(), timeout=5000)
    assert "https://" in dialog.loginError.text()


def test_empty_fields_are_named_before_anything_is_sent(qtbot, make_dialog) -> None:
    dialog = make_dialog("http://127.0.0.1:9")
    dialog.loginButton.click()
    assert "username" in dialog.loginError.text().lower()
    assert not dialog.busy
    dialog.usernameEdit.setText("someone@example.com")
    dialog.loginButton.click()
    assert "password" in dialog.loginError.text().lower()


def _token(exp: float) -> str:
    return jwt.encode({"user_id": 2, "exp": int(exp)}, "k" * 32, algorithm="HS256")


def test_pasted_token_is_checked_for_shape_and_expiry() -> None:
    assert "paste" in check_pasted_token("").lower()
    assert "does not look like" in check_pasted_token("hello world")
    assert "expired on" in check_pasted_token(_token(time.time() - 60))
    assert check_pasted_token(_token(time.time() + 3600)) is None


def test_token_mode_swaps_the_fields_and_signs_in(qtbot, sandbox, make_dialog) -> None:
    dialog = make_dialog(sandbox.url)
    assert dialog.usernameEdit.isVisible() and not dialog.tokenEdit.isVisible()
    dialog.tokenToggle.setChecked(True)
    assert dialog.tokenEdit.isVisible() and not dialog.passwordEdit.isVisible()
    dialog.tokenEdit.setText(_token(time.time() - 10))
    dialog.loginButton.click()
    assert "expired" in dialog.loginError.text()
    dialog.tokenEdit.setText(_token(time.time() + 600))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.loginButton.click()
    assert dialog._session.signed_in
    assert "access token" in dialog._session.account_label
