""" "Send a test to me" against the sandbox: asks for the own number once, sends the composed campaign to it
only and without a confirmation, keeps Send disabled meanwhile, and the history marks it as a test."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from vitedesk.store import Settings

BUSINESS = "business@sandbox.test"
OWN = "+12025550143"


def ready(desk: Any, drive: Any) -> Any:
    window = desk.window
    window.tasks.start(window.ask_login())
    drive.login(window, BUSINESS)
    window.leads.set_text("212 555 0199\n213 555 0100\n+44 20 7946 0958")
    window.composer.set_message("Spring sale starts Monday")
    drive.wait_for_recipients(window, 3)
    return window


def test_first_test_asks_for_the_number_keeps_it_and_sends_to_it_only(
    qtbot, sandbox_factory, make_send_desk, drive
) -> None:
    slow = sandbox_factory(latency=0.4)
    desk = make_send_desk(slow.url)
    window = ready(desk, drive)
    button = window.sendBar.testSendButton
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    sender = desk.workspace.test_sender
    qtbot.waitUntil(lambda: sender.own_number_dialog is not None and sender.own_number_dialog.isVisible())
    dialog = sender.own_number_dialog
    assert dialog.objectName() == "ownNumberDialog"
    qtbot.keyClicks(dialog.ownNumberEdit, "(202) 555-0143")
    qtbot.keyClick(dialog.ownNumberEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.flow.sending)
    assert window.flow.confirm_dialog is None  # no confirmation: nobody else receives it
    assert not window.sendButton.isEnabled() and not button.isEnabled()  # disabled meanwhile
    drive.wait_idle(window)
    received = slow.campaigns()
    assert [c["leads"] for c in received] == [[OWN]]
    assert received[0]["message"] == "Spring sale starts Monday"
    assert Settings.load(desk.settings_file).own_number == OWN  # kept for next time
    entry = desk.history.search()[0]
    assert entry.is_test and entry.result_text.startswith("Test to your own number: Sent — campaign")
    assert window.sendButton.isEnabled() and button.isEnabled()
    assert window.leads.text().startswith("212 555 0199")  # the recipients are untouched


def test_a_known_number_is_used_and_a_repeated_test_is_no_duplicate(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    desk = make_send_desk(sandbox.url, settings=Settings(own_number=OWN))
    window = ready(desk, drive)
    button = window.sendBar.testSendButton
    for expected in (1, 2):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=expected: len(sandbox.campaigns()) == n, timeout=10_000)
        drive.wait_idle(window)
        assert window.findChild(QMessageBox, "duplicateDialog") is None  # tests never count as sent
    assert desk.workspace.test_sender.own_number_dialog is None  # not asked again
    assert [c["leads"] for c in sandbox.campaigns()] == [[OWN], [OWN]]
    assert [e.is_test for e in desk.history.search()] == [True, True]


def test_the_test_button_waits_for_a_message(qtbot, sandbox, make_send_desk, drive) -> None:
    desk = make_send_desk(sandbox.url, settings=Settings(own_number=OWN))
    window = desk.window
    button = window.sendBar.testSendButton
    assert not button.isEnabled() and "message" in button.toolTip().lower()
    window.composer.set_message("Hi")
    qtbot.waitUntil(button.isEnabled)  # no recipients needed: the test goes to you
