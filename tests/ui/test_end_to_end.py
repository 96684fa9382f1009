"""A person's whole campaign, per route, against the sandbox over loopback.

Log in through the dialog, paste leads, type, drop pictures, pick the route, send, confirm; then ask the
server (GET /sandbox/campaigns) what it received.
"""

from __future__ import annotations

import hashlib
import time

import httpx
import jwt
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from vitedesk.sandbox import DEMO_ACCOUNTS

BASIC, BUSINESS, ENTERPRISE = (account.username for account in DEMO_ACCOUNTS)
LEADS = "Name,Phone\nAna,(202) 555-0001\nBo,202.555.0002\nCy,+1 202 555 0003\nAna again,2025550001\n"
NUMBERS = ["+12025550001", "+12025550002", "+12025550003"]


def received(sandbox) -> list[dict]:
    """What the server says it received, over HTTP like any other client."""
    answer = httpx.get(sandbox.url + "/sandbox/campaigns", timeout=5)
    answer.raise_for_status()
    return answer.json()


def compose(drive, window, leads: str, message: str, count: int) -> None:
    drive.paste_leads(window, leads)
    drive.type_message(window, message)
    drive.wait_for_recipients(window, count)


def send(drive, qtbot, window) -> None:
    qtbot.waitUntil(window.sendButton.isEnabled)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)


def start(make_window, drive, sandbox, username: str):
    window = make_window(sandbox.url)
    window.tasks.start(window.ask_login())
    drive.login(window, username)
    return window


def test_public_route_single_recipient(qtbot, sandbox, make_window, drive) -> None:
    window = start(make_window, drive, sandbox, BASIC)
    compose(drive, window, "202-555-0009", "Your order is ready", 1)
    assert window.route.routePublic.isChecked()
    send(drive, qtbot, window)
    [campaign] = received(sandbox)
    assert campaign["leads"] == ["+12025550009"]
    assert campaign["message"] == "Your order is ready"
    assert (campaign["server_type"], campaign["protocol"], campaign["sid"]) == ("PUBLIC", "SMS", None)
    assert str(campaign["id"]) in window.sendStatus.text()
    assert window.composer.message() == "Your order is ready"  # kept after success, too


def test_private_route_with_the_business_server(qtbot, sandbox, make_window, drive) -> None:
    window = start(make_window, drive, sandbox, BUSINESS)
    compose(drive, window, LEADS, "Sale starts Monday", 3)
    qtbot.mouseClick(window.route.routePrivate, Qt.MouseButton.LeftButton)
    assert window.route.serverIdEdit.isEnabled()
    qtbot.keyClicks(window.route.serverIdEdit, "svm-business-1")
    send(drive, qtbot, window)
    [campaign] = received(sandbox)
    assert sorted(campaign["leads"]) == NUMBERS
    assert (campaign["server_type"], campaign["server_id"]) == ("PRIVATE", "svm-business-1")


def test_sender_id_route_with_the_enterprise_account(qtbot, sandbox, make_window, drive) -> None:
    window = start(make_window, drive, sandbox, ENTERPRISE)
    compose(drive, window, LEADS, "Thanks for shopping", 3)
    qtbot.mouseClick(window.route.routeSid, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.route.sidEdit, "MyShop")
    send(drive, qtbot, window)
    [campaign] = received(sandbox)
    assert (campaign["server_type"], campaign["sid"]) == ("PUBLIC", "MyShop")
    assert window.banner.notice.level == "success"


def test_mms_with_dropped_pictures(qtbot, sandbox, make_window, drive, pictures) -> None:
    window = start(make_window, drive, sandbox, BUSINESS)
    compose(drive, window, LEADS, "Look at this", 3)
    assert window.protocolLabel.text() == "SMS"
    assert drive.drop_files(window.images, pictures)
    qtbot.waitUntil(lambda: window.protocolLabel.text() == "MMS — 3 images")
    send(drive, qtbot, window)
    [campaign] = received(sandbox)
    assert campaign["protocol"] == "MMS"
    # What arrives is the prepared copy of each picture (JPEG, named after the picked file), in order.
    assert [image["filename"] for image in campaign["images"]] == [p.stem + ".jpg" for p in pictures]
    prepared = [copy for copy in window.images.prepared() if copy is not None]
    assert [image["sha256"] for image in campaign["images"]] == [
        hashlib.sha256(copy.path.read_bytes()).hexdigest() for copy in prepared
    ]


def test_unverified_account_sees_428_and_keeps_everything(qtbot, sandbox, make_window, drive) -> None:
    window = start(make_window, drive, sandbox, BASIC)
    compose(drive, window, LEADS, "Do not lose me", 3)
    send(drive, qtbot, window)
    assert received(sandbox) == []
    assert "verif" in window.sendStatus.text().lower()
    assert window.composer.message() == "Do not lose me"
    assert sorted(window.campaign().leads) == NUMBERS
    assert window.sendButton.isEnabled()


def test_session_refused_mid_send_logs_in_again_and_sends_the_same_campaign(
    qtbot, sandbox, make_window, drive
) -> None:
    window = start(make_window, drive, sandbox, BUSINESS)
    compose(drive, window, LEADS, "Exactly this text", 3)
    # the server stops accepting the session (a token it did not sign, not expired)
    window.session.client.token = jwt.encode({"user_id": 2, "exp": int(time.time()) + 900}, "z" * 32, "HS256")
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    qtbot.waitUntil(
        lambda: window.login_dialog is not None and window.login_dialog.isVisible(), timeout=10_000
    )
    assert "expired" in window.login_dialog.reasonLabel.text()
    assert window.login_dialog.usernameEdit.text() == BUSINESS  # only the password to type
    drive.login(window, BUSINESS)
    drive.wait_idle(window)
    [campaign] = received(sandbox)
    assert campaign["message"] == "Exactly this text" and sorted(campaign["leads"]) == NUMBERS
    assert window.banner.notice.level == "success"


def test_double_click_and_repeated_ctrl_return_send_once(qtbot, sandbox_factory, make_window, drive) -> None:
    slow = sandbox_factory(latency=0.4)
    window = start(make_window, drive, slow, BUSINESS)
    compose(drive, window, LEADS, "Only once", 3)
    qtbot.waitUntil(window.sendButton.isEnabled)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts go to the active window
    qtbot.mouseDClick(window.sendButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    drive.confirm(window)
    qtbot.waitUntil(lambda: window.sendProgress.isVisible())
    assert not window.sendButton.isEnabled()
    for _ in range(3):
        qtbot.keyClick(window.composer.messageEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.wait_idle(window)
    assert window.flow.confirm_dialog is None
    assert len(received(slow)) == 1


def test_enter_mashing_in_the_confirmation_sends_once_at_most(
    qtbot, sandbox_factory, make_window, drive
) -> None:
    slow = sandbox_factory(latency=0.4)
    window = start(make_window, drive, slow, BUSINESS)
    compose(drive, window, LEADS, "Mash away", 3)
    qtbot.waitUntil(window.sendButton.isEnabled)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def mash(key: Qt.Key, times: int = 4) -> None:
        for _ in range(times):  # wherever the keyboard is now: the dialog while open, else the window
            qtbot.keyClick(QApplication.activeModalWidget() or window.focusWidget() or window, key)

    # Enter out of habit in the confirmation: Cancel is its default, so nothing goes out
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
    mash(Qt.Key.Key_Return)
    drive.wait_idle(window)
    assert received(slow) == []
    # confirmed with the keyboard (Space on Send), then Enter and Space mashed while the request is out
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
    window.flow.confirm_dialog.sendButton.setFocus()
    qtbot.keyClick(window.flow.confirm_dialog.sendButton, Qt.Key.Key_Space)
    mash(Qt.Key.Key_Return)
    mash(Qt.Key.Key_Space)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    drive.wait_idle(window)
    assert window.flow.confirm_dialog is None
    assert len(received(slow)) == 1
