"""Sends recorded in the real SQLite history through the app's wiring, against the sandbox.

"sending" is on disk before the request goes out, the outcome after; an identical campaign asks first
(default No); a lost connection leaves "outcome unknown" with the check-before-resending sentence; the History
window opens from the menu (Ctrl+H) and follows new sends.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from vitedesk.sandbox import DEMO_ACCOUNTS
from vitedesk.store import SendState

BUSINESS = DEMO_ACCOUNTS[1].username
LEADS = "202 555 0001\n202 555 0002\n202 555 0003"


def ready(desk, drive, qtbot, message: str = "Spring sale", leads: str = LEADS, count: int = 3) -> None:
    window = desk.window
    window.tasks.start(window.ask_login())
    drive.login(window, BUSINESS)
    window.leads.set_text(leads)
    window.composer.set_message(message)
    drive.wait_for_recipients(window, count)
    qtbot.waitUntil(window.sendButton.isEnabled)


def click_send(qtbot, window) -> None:
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)


def rows_on_disk(desk) -> list[tuple]:
    """Read the file with a separate connection, as the next start of the app would."""
    with sqlite3.connect(desk.history.path) as conn:
        return conn.execute("SELECT state, campaign_id, recipient_count, message FROM sends").fetchall()


def question(window) -> QMessageBox | None:
    box = window.findChild(QMessageBox, "duplicateDialog")
    return box if box is not None and box.isVisible() else None


def test_the_row_is_on_disk_as_sending_before_the_answer_then_sent(
    qtbot, sandbox_factory, make_desk, drive, pictures
) -> None:
    slow = sandbox_factory(latency=0.6)
    desk = make_desk(slow.url)
    ready(desk, drive, qtbot, message="With pictures")
    desk.window.images.add_files(pictures[:2])
    qtbot.waitUntil(desk.window.sendButton.isEnabled)  # once both pictures are prepared
    click_send(qtbot, desk.window)
    drive.confirm(desk.window)
    qtbot.waitUntil(desk.window.sendProgress.isVisible)
    assert rows_on_disk(desk) == [("sending", None, 3, "With pictures")]
    assert slow.campaigns() == []  # the server has not answered yet
    drive.wait_idle(desk.window)
    [campaign] = slow.campaigns()
    assert rows_on_disk(desk) == [("sent", campaign["id"], 3, "With pictures")]
    [entry] = desk.history.search()
    assert (entry.account, entry.server_url, entry.protocol) == (BUSINESS, slow.url, "MMS")
    assert (entry.parts_per_message, entry.total_messages) == (1, 3)
    assert entry.image_names == tuple(p.name for p in pictures[:2])
    # the numbers went on disk with the "sending" row, in the order they were sent
    assert desk.history.recipients(entry.local_id) == ["+12025550001", "+12025550002", "+12025550003"]


def test_identical_campaign_asks_first_no_sends_nothing_yes_sends(qtbot, sandbox, make_desk, drive) -> None:
    desk = make_desk(sandbox.url)
    window = desk.window
    ready(desk, drive, qtbot)
    click_send(qtbot, window)
    drive.confirm(window)
    drive.wait_idle(window)
    [first] = sandbox.campaigns()
    sent_at = desk.history.search()[0].created_at.astimezone().strftime("%H:%M")

    click_send(qtbot, window)
    qtbot.waitUntil(lambda: question(window) is not None)
    box = question(window)
    assert box.text() == f"You sent this exact campaign at {sent_at} (id {first['id']}). Send it again?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter out of habit: the default, No
    drive.wait_idle(window)
    assert window.flow.confirm_dialog is None
    assert len(sandbox.campaigns()) == 1 and len(desk.history.search()) == 1
    assert "Not sent" in window.sendStatus.text()

    click_send(qtbot, window)
    qtbot.waitUntil(lambda: question(window) is not None)
    qtbot.mouseClick(question(window).button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    assert len(sandbox.campaigns()) == 2
    assert [e.state for e in desk.history.search()] == [SendState.SENT, SendState.SENT]


def test_a_changed_campaign_is_not_called_identical(qtbot, sandbox, make_desk, drive) -> None:
    desk = make_desk(sandbox.url)
    ready(desk, drive, qtbot)
    click_send(qtbot, desk.window)
    drive.confirm(desk.window)
    drive.wait_idle(desk.window)
    desk.window.composer.set_message("Spring sale, last day")
    click_send(qtbot, desk.window)
    drive.confirm(desk.window)  # straight to the confirmation: no question
    drive.wait_idle(desk.window)
    assert len(sandbox.campaigns()) == 2


def test_lost_connection_is_outcome_unknown_in_history_and_banner(
    qtbot, sandbox_factory, make_desk, drive
) -> None:
    dropping = sandbox_factory(fault="drop")
    desk = make_desk(dropping.url)
    ready(desk, drive, qtbot)
    desk.window.historyAction.trigger()
    history = desk.workspace.history_window
    qtbot.waitExposed(history)
    assert history.model.rowCount() == 0
    click_send(qtbot, desk.window)
    drive.confirm(desk.window)
    drive.wait_idle(desk.window)
    assert "before sending it again" in desk.window.sendStatus.text()
    assert desk.window.banner.actionButton.isHidden()  # never retried, not even offered
    [entry] = desk.history.search()
    assert entry.state is SendState.UNKNOWN
    assert "before sending" in entry.error_message
    # the open History window followed the send without being reopened
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    assert history.detail.field_text("result") == (
        "Maybe sent to 3 recipients: the outcome is unknown. Check before sending again."
    )


def test_history_opens_with_ctrl_h_from_the_file_menu(qtbot, sandbox, make_desk) -> None:
    desk = make_desk(sandbox.url)
    window = desk.window
    assert desk.window.historyAction in window.fileMenu.actions()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.workspace.history_window is not None)
    history = desk.workspace.history_window
    qtbot.waitExposed(history)
    assert history in QApplication.topLevelWidgets() and history.countLabel.text() == "No sends yet"
    window.close()
    assert desk.workspace.history_window is None  # closes with the main window


def test_a_sent_campaign_is_found_in_history_by_one_of_its_numbers(qtbot, sandbox, make_desk, drive) -> None:
    desk = make_desk(sandbox.url)
    ready(desk, drive, qtbot, message="Tulip day")
    click_send(qtbot, desk.window)
    drive.confirm(desk.window)
    drive.wait_idle(desk.window)
    desk.window.leads.set_text("202 555 0009")
    desk.window.composer.set_message("Other people")
    drive.wait_for_recipients(desk.window, 1)
    qtbot.waitUntil(desk.window.sendButton.isEnabled)
    click_send(qtbot, desk.window)
    drive.confirm(desk.window)
    drive.wait_idle(desk.window)
    first = sandbox.campaigns()[0]
    assert first["message"] == "Tulip day"
    desk.window.historyAction.trigger()
    history = desk.workspace.history_window
    qtbot.waitExposed(history)
    assert history.model.rowCount() == 2
    history.searchEdit.setFocus()
    qtbot.keyClicks(history.searchEdit, "(202) 555-0002")  # typed as a person writes it
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    assert history.countLabel.text() == "1 found"
    assert history.selected_entry().message == "Tulip day"
    assert history.detail.field_text("result") == f"Sent to 3 recipients — campaign {first['id']}"
    assert "+12025550002 (the number you searched for)" in history.detail.field_text("recipients")
    assert history.detail.numbers.toPlainText().split() == ["+12025550001", "+12025550002", "+12025550003"]
    qtbot.keyClick(history.searchEdit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not history.isVisible())
