"""The main window: its areas, why Send is disabled, the protocol switch, the account, keyboard and focus."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from vitedesk.ui.send.send_flow import Notice

BUSINESS = "business@sandbox.test"


def test_the_three_areas_and_the_send_bar_are_there(sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    for name in (
        "leadEdit",
        "leadSummary",
        "messageEdit",
        "segmentCounter",
        "imagePicker",
        "routePublic",
        "routePrivate",
        "serverIdEdit",
        "routeSid",
        "sidEdit",
        "sendButton",
        "sendStatus",
    ):
        assert window.findChild(QWidget, name) is not None, name
    titles = [w.title() for w in window.findChildren(QWidget) if hasattr(w, "title") and callable(w.title)]
    assert any("Recipients" in t for t in titles) and any("Message" in t for t in titles)
    assert any("Route" in t for t in titles)
    assert window.objectName() == "mainWindow"


def test_send_is_disabled_with_the_reason_until_the_campaign_is_complete(qtbot, sandbox, make_window, drive):
    window = make_window(sandbox.url)
    assert not window.sendButton.isEnabled()
    reason = window.sendReason.text()
    assert reason and window.sendButton.toolTip() == reason
    drive.paste_leads(window, "202 555 0001\n202 555 0002")
    drive.wait_for_recipients(window, 2)
    assert not window.sendButton.isEnabled()
    assert window.sendReason.text() != reason  # now it is the message that is missing
    drive.type_message(window, "Hi")
    qtbot.waitUntil(window.sendButton.isEnabled)
    assert "log in" in window.sendReason.text().lower()  # not blocking, just said
    qtbot.mouseClick(window.route.routePrivate, Qt.MouseButton.LeftButton)
    assert not window.sendButton.isEnabled()  # a private server needs its id
    assert window.sendReason.text() == window.sendButton.toolTip() != ""


def test_protocol_switches_with_pictures(qtbot, sandbox, make_window, drive, pictures) -> None:
    window = make_window(sandbox.url)
    window.composer.set_message("Sale today")
    assert window.protocolLabel.text() == "SMS"
    assert window.composer.segmentCounter.text() == "10 characters · 1 text per person · plain text (GSM)"
    assert drive.drop_files(window.images, pictures)
    qtbot.waitUntil(lambda: window.protocolLabel.text() == "MMS — 3 images")
    # The counter follows: an MMS carries the text whole, not in SMS parts.
    assert window.composer.segmentCounter.text() == "10 characters · 1 picture message (MMS) per person"
    window.images.remove_at(0)
    qtbot.waitUntil(lambda: window.protocolLabel.text() == "MMS — 2 images")
    window.images.remove_at(0)
    window.images.remove_at(0)
    qtbot.waitUntil(lambda: window.protocolLabel.text() == "SMS")
    assert window.composer.segmentCounter.text() == "10 characters · 1 text per person · plain text (GSM)"


def test_account_is_shown_and_log_out_keeps_the_campaign(qtbot, sandbox, make_window, drive) -> None:
    window = make_window(sandbox.url)
    assert window.accountLabel.text() == "Not signed in"
    drive.type_message(window, "draft text")
    qtbot.mouseClick(window.accountButton, Qt.MouseButton.LeftButton)
    drive.login(window, BUSINESS)
    assert BUSINESS in window.accountLabel.text()
    assert window.accountButton.text() == "Log out" and window.logoutAction.isEnabled()
    qtbot.mouseClick(window.accountButton, Qt.MouseButton.LeftButton)
    assert not window.session.signed_in
    assert window.accountLabel.text() == "Not signed in"
    assert window.composer.message() == "draft text"


def test_ctrl_return_opens_the_confirmation_only_when_ready(qtbot, sandbox, make_window, drive) -> None:
    window = make_window(sandbox.url)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.composer.messageEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not window.flow.busy
    assert window.sendReason.text() != ""  # said why, once, beside Send; nothing opened
    assert not window.banner.isVisible()
    assert window.leads.leadEdit.hasFocus()  # and taken to what is missing
    drive.paste_leads(window, "202 555 0001")
    drive.type_message(window, "Hello")
    drive.wait_for_recipients(window, 1)
    qtbot.keyClick(window.composer.messageEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    drive.login(window, BUSINESS)  # nobody signed in yet: the login comes before the confirmation
    qtbot.waitUntil(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
    assert window.composer.message() == "Hello"  # Ctrl+Return did not type a line break
    window.flow.confirm_dialog.reject()
    drive.wait_idle(window)
    assert sandbox.campaigns() == []


def test_ctrl_o_and_ctrl_i_reach_import_and_add_pictures(qtbot, sandbox, make_window, monkeypatch) -> None:
    window = make_window(sandbox.url)
    calls: list[str] = []
    monkeypatch.setattr(window.leads, "choose_file", lambda: calls.append("import"))
    monkeypatch.setattr(window.images, "choose_files", lambda: calls.append("images"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.composer.messageEdit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.composer.messageEdit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["import", "images"]


def test_tab_order_goes_recipients_message_route_send(sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    chain: list[QWidget] = []
    widget = window.leads.leadEdit
    for _ in range(200):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.leads.leadEdit:
            break
    order = [
        chain.index(w)
        for w in (
            window.leads.leadEdit,
            window.composer.messageEdit,
            window.route.routePublic,
            window.sendButton,
        )
    ]
    assert order == sorted(order)


def test_every_control_has_an_accessible_name(sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    nameless = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or isinstance(widget, QLabel):
            continue
        if isinstance(widget.parent(), QComboBox) or isinstance(widget.parent().parent(), QComboBox):
            continue  # the combo box's own editor and popup: the combo carries the name
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            nameless.append(f"{type(widget).__name__}:{widget.objectName()}")
    assert nameless == [], nameless


def test_sandbox_banner_is_always_visible_in_sandbox_mode(sandbox, make_window) -> None:
    window = make_window(sandbox.url, sandbox_url=sandbox.url)
    assert window.sandboxBanner.isVisible()
    assert "Sandbox: nothing is really sent" in window.sandboxBanner.text()
    plain = make_window(sandbox.url)
    assert plain.sandboxBanner is None


def test_window_closes_at_once_when_no_request_is_out(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    window.flow._set_busy(True)  # as while the confirmation or the login dialog is open
    with qtbot.waitSignal(window.closing):
        window.close()


def test_notice_action_retry_and_recipients(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    window.show_notice(Notice("error", "No valid numbers.", "recipients"))
    assert window.banner.actionButton.text() == "Check recipients"
    qtbot.mouseClick(window.banner.actionButton, Qt.MouseButton.LeftButton)
    assert window.leads.leadEdit.hasFocus() or window.focusWidget() is window.leads.leadEdit


LONG_SESSION = """
import sys
from PySide6.QtWidgets import QApplication
from vitedesk.ui.account.session import AccountSession
from vitedesk.ui.main_window import MainWindow
app = QApplication([])
window = MainWindow(AccountSession("https://core.vitemobile.com"))
window.show()
for _ in range(3000):  # every keystroke makes the widgets emit Python signals
    window.composer.messageEdit.insertPlainText("a")
    app.processEvents()
print(len(window.composer.message()))
"""


def test_a_long_typing_session_does_not_crash_the_app() -> None:
    # PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to True on every Python-side
    # signal emit; after a few hundred emits the interpreter aborts ("bool_dealloc"). 6.11.3, or
    # CPython >= 3.12 (immortal True), do not crash.
    result = subprocess.run(
        [sys.executable, "-c", LONG_SESSION],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-600:]
    assert result.stdout.strip() == "3000"


def test_the_composer_total_counts_the_recipients_of_the_window(qtbot, sandbox, make_window, drive) -> None:
    window = make_window(sandbox.url)
    window.leads.set_text("202 555 0001\n202 555 0002\n202 555 0003")
    window.composer.set_message("a" * 161)
    drive.wait_for_recipients(window, 3)
    assert window.composer.segmentCounter.text() == "161 characters · 2 texts per person · plain text (GSM)"
    qtbot.waitUntil(lambda: window.composer.totalLabel.text() == "× 3 people = 6 texts")
