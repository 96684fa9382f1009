"""A pasted access token that cannot work is refused in the login dialog, before anything is sent."""

from __future__ import annotations

import base64
import json
import time

import httpx
import jwt
import pytest
from helpers.sandbox_helpers import BUSINESS, login

from vitedesk.api import jwt_claims
from vitedesk.ui.account.login import NOT_A_TOKEN


def _part(value: object) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _expired(seconds_ago: float = 60) -> str:
    return jwt.encode({"user_id": 2, "exp": int(time.time() - seconds_ago)}, "k" * 32, algorithm="HS256")


NOT_JWTS = {
    "two parts": "abc.def",
    "words": "my secret token",
    "parts not base64url": "ab$c.de!f.ghi",
    "header not JSON": f"{_part(b'hello')}.{_part({'exp': 2_000_000_000})}.c2ln",
    "payload not JSON": f"{_part({'alg': 'HS256'})}.{_part(b'not json')}.c2ln",
    "payload a list": f"{_part({'alg': 'HS256'})}.{_part([1, 2])}.c2ln",
    "no signature": f"{_part({'alg': 'none'})}.{_part({'exp': 2_000_000_000})}.",
}


def open_token_login(qtbot, window):
    window.tasks.start(window.ask_login())
    qtbot.waitUntil(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
    dialog = window.login_dialog
    dialog.tokenToggle.setChecked(True)
    return dialog


def test_the_parser_knows_a_jwt_from_other_text() -> None:
    assert jwt_claims(_expired())["user_id"] == 2
    for text in NOT_JWTS.values():
        assert jwt_claims(text) is None, text


@pytest.mark.parametrize("name", sorted(NOT_JWTS))
def test_a_token_that_is_not_a_jwt_is_refused(qtbot, sandbox, make_window, name) -> None:
    window = make_window(sandbox.url)
    dialog = open_token_login(qtbot, window)
    dialog.tokenEdit.setText(NOT_JWTS[name])
    dialog.loginButton.click()
    assert dialog.loginError.isVisible()
    assert dialog.loginError.text() == NOT_A_TOKEN
    assert dialog.isVisible() and not dialog.busy  # still asking; nothing went to the server
    assert not window.session.signed_in
    assert window.session.client.token is None


def test_an_expired_token_is_refused_even_with_a_bearer_prefix(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    dialog = open_token_login(qtbot, window)
    dialog.tokenEdit.setText("Bearer " + _expired(3600))
    dialog.loginButton.click()
    assert dialog.loginError.text().startswith("This access token expired on ")
    assert "Copy a new one" in dialog.loginError.text()
    assert dialog.isVisible() and not window.session.signed_in


def test_a_real_token_from_the_sandbox_signs_in_and_sends(qtbot, sandbox, make_window, drive) -> None:
    with httpx.Client(base_url=sandbox.url) as http:
        token = login(http, BUSINESS)
    window = make_window(sandbox.url)
    dialog = open_token_login(qtbot, window)
    dialog.tokenEdit.setText("not a token")
    dialog.loginButton.click()
    assert dialog.loginError.isVisible()
    dialog.tokenEdit.setText(token)
    dialog.loginButton.click()
    qtbot.waitUntil(lambda: window.session.signed_in and window.login_dialog is None, timeout=10_000)
    window.leads.set_text("202 555 0001")
    window.composer.set_message("Token works")
    drive.wait_for_recipients(window, 1)
    window.request_send()
    drive.confirm(window)
    drive.wait_idle(window)
    assert [c["message"] for c in sandbox.campaigns()] == ["Token works"]
