"""Closing the window while a send awaits its answer: a question, then "outcome unknown" in the history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from vitedesk.sandbox import DEMO_ACCOUNTS
from vitedesk.store import SendState

BUSINESS = DEMO_ACCOUNTS[1].username


def question(window) -> QMessageBox | None:
    """The open question (one answered before may linger, hidden, until Qt deletes it)."""
    shown = [box for box in window.findChildren(QMessageBox, "closeWhileSendingDialog") if box.isVisible()]
    return shown[0] if shown else None


def asking(window) -> bool:
    return any(task.get_name() == "close while sending" for task in window.tasks.running)


def test_the_window_can_be_closed_during_a_send_and_the_send_is_outcome_unknown(
    qtbot, sandbox_factory, make_desk, drive
) -> None:
    slow = sandbox_factory(latency=3.0)  # before every answer: the send stays in flight for 3 s
    desk = make_desk(slow.url)
    window = desk.window
    window.tasks.start(window.ask_login())
    drive.login(window, BUSINESS)
    window.leads.set_text("202 555 0001")
    window.composer.set_message("Closing time")
    drive.wait_for_recipients(window, 1)
    qtbot.waitUntil(window.sendButton.isEnabled)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    qtbot.waitUntil(lambda: window.flow.sending)
    [entry] = desk.history.search()
    assert entry.state is SendState.SENDING

    window.close()  # first time: keep waiting
    qtbot.waitUntil(lambda: question(window) is not None)
    box = question(window)
    assert "outcome unknown" in box.text() and "check your ViteMobile account" in box.text()
    qtbot.mouseClick(box.findChild(QPushButton, "keepWaitingButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: question(window) is None and not asking(window))
    assert window.isVisible() and window.flow.sending

    window.close()  # second time: close anyway
    qtbot.waitUntil(lambda: question(window) is not None)
    with qtbot.waitSignal(window.closing, timeout=3000):
        qtbot.mouseClick(
            question(window).findChild(QPushButton, "closeAnywayButton"), Qt.MouseButton.LeftButton
        )
    assert not window.flow.sending and not window.flow.busy
    [entry] = desk.history.search()
    assert entry.state is SendState.UNKNOWN
    assert "closed before ViteMobile answered" in entry.error_message
    assert "before sending it again" in entry.error_message
