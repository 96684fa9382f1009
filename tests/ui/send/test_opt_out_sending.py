"""The opt-out list in the real window against the sandbox: edited in its dialog, left out of every
campaign and counted, on the confirmation, checked again right before sending, kept across restarts, and
what was left out exported as CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import httpx
from helpers import table_files
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from vitedesk.store import Settings

BUSINESS = "business@sandbox.test"
LEADS = "Ann,202 555 0143\nBob,(213) 555-0100\nCy,+44 20 7946 0958"


def composed(desk: Any, drive: Any) -> Any:
    window = drive.sign_in(desk.window, BUSINESS)
    window.leads.set_text(LEADS)
    window.composer.set_message("Spring sale")
    drive.wait_for_recipients(window, 3)
    return window


def open_opt_out(qtbot: Any, desk: Any) -> Any:
    desk.workspace.opt_out.optOutAction.trigger()
    qtbot.waitUntil(lambda: desk.window.findChild(QDialog, "optOutDialog") is not None)
    dialog = desk.window.findChild(QDialog, "optOutDialog")
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def save_list(qtbot: Any, desk: Any, text: str) -> None:
    dialog = open_opt_out(qtbot, desk)
    dialog.optOutEdit.selectAll()
    qtbot.keyClicks(dialog.optOutEdit, text)
    qtbot.waitUntil(lambda: dialog.saveButton.isEnabled() and not dialog.editor.is_busy(), timeout=10_000)
    qtbot.mouseClick(dialog.saveButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.window.findChild(QDialog, "optOutDialog") is None, timeout=10_000)


def notice_text(window: Any) -> str:
    notice = window.banner.notice
    return notice.text if notice is not None else ""


def test_an_opted_out_number_is_left_out_counted_confirmed_and_never_sent(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    desk = make_send_desk(sandbox.url)
    window = composed(desk, drive)
    dialog = open_opt_out(qtbot, desk)
    assert dialog.optOutSummary.text() == "The list is empty: paste, type or import numbers."
    qtbot.keyClicks(dialog.optOutEdit, "(213) 555-0100")  # read with the default country, kept as E.164
    qtbot.waitUntil(lambda: dialog.optOutSummary.text().startswith("1 number on the list"), timeout=10_000)
    qtbot.waitUntil(dialog.saveButton.isEnabled)
    qtbot.mouseClick(dialog.saveButton, Qt.MouseButton.LeftButton)
    drive.wait_for_recipients(window, 2)
    assert desk.opt_out.path.read_text(encoding="utf-8").splitlines()[1:] == ["+12135550100"]
    assert "1 opted out" in window.leads.leadSummary.text()
    assert window.leads.leadTabs.tabText(1) == "Recipients (2)"
    confirmation = drive.open_confirmation(window)
    assert confirmation.value("recipients") == "2 recipients"
    assert confirmation.value("opted_out") == "1 number on your opt-out list is left out"
    qtbot.mouseClick(confirmation.sendButton, Qt.MouseButton.LeftButton)
    drive.wait_idle(window)
    [campaign] = httpx.get(sandbox.url + "/sandbox/campaigns", timeout=5).json()
    assert sorted(campaign["leads"]) == ["+12025550143", "+442079460958"]


def test_cancel_changes_nothing_and_the_list_is_there_after_a_restart(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    desk = make_send_desk(sandbox.url)
    save_list(qtbot, desk, "+44 20 7946 0958")
    dialog = open_opt_out(qtbot, desk)
    assert dialog.optOutEdit.toPlainText() == "+442079460958"  # the list as saved
    dialog.optOutEdit.selectAll()
    qtbot.keyClicks(dialog.optOutEdit, "202 555 0143")
    dialog.reject()
    qtbot.waitUntil(lambda: desk.window.findChild(QDialog, "optOutDialog") is None)
    assert desk.opt_out.numbers() == {"+442079460958"}
    restarted = make_send_desk(sandbox.url, name="desk")
    window = drive.sign_in(restarted.window, BUSINESS)
    window.leads.set_text(LEADS)
    drive.wait_for_recipients(window, 2)
    assert list(window.campaign().leads) == ["+12025550143", "+12135550100"]
    assert "1 opted out" in window.leads.leadSummary.text()


def test_a_number_opted_out_after_the_confirmation_stops_the_send(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    desk = make_send_desk(sandbox.url)
    window = composed(desk, drive)
    confirmation = drive.open_confirmation(window)
    desk.opt_out.replace(["+12025550143"])  # another window of the office, a script: the file changed
    qtbot.mouseClick(confirmation.sendButton, Qt.MouseButton.LeftButton)
    drive.wait_idle(window)
    assert sandbox.campaigns() == []
    assert notice_text(window) == (
        "Not sent: 1 recipient is on your opt-out list (+12025550143). "
        "Check the recipients and send again: they are left out now."
    )


def test_a_list_that_cannot_be_read_blocks_every_send(qtbot, sandbox, make_send_desk, drive) -> None:
    desk = make_send_desk(sandbox.url)
    desk.opt_out.path.mkdir()  # a folder where the file should be
    unreadable = make_send_desk(sandbox.url, name="desk")
    window = drive.sign_in(unreadable.window, BUSINESS)
    assert "could not read your opt-out list" in window.notices.text("optOutNotice")
    window.leads.set_text(LEADS)
    window.composer.set_message("Spring sale")
    drive.wait_for_recipients(window, 3)
    confirmation = drive.open_confirmation(window)
    qtbot.mouseClick(confirmation.sendButton, Qt.MouseButton.LeftButton)
    drive.wait_idle(window)
    assert sandbox.campaigns() == []
    assert notice_text(window).startswith("ViteDesk could not read your opt-out list, so nothing was")


def test_a_test_to_an_own_number_on_the_list_is_refused(qtbot, sandbox, make_send_desk, drive) -> None:
    desk = make_send_desk(sandbox.url, settings=Settings(own_number="+12025550143"))
    save_list(qtbot, desk, "202 555 0143")
    window = drive.sign_in(desk.window, BUSINESS)
    window.leads.set_text("+44 20 7946 0958")
    window.composer.set_message("Spring sale")
    drive.wait_for_recipients(window, 1)
    qtbot.waitUntil(window.sendBar.testSendButton.isEnabled)
    qtbot.mouseClick(window.sendBar.testSendButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: notice_text(window).startswith("Not sent: your own number"), timeout=10_000)
    drive.wait_idle(window)
    assert sandbox.campaigns() == []
    assert "+12025550143 is on your opt-out list" in notice_text(window)


def test_what_was_left_out_is_exported_as_csv(qtbot, sandbox, make_send_desk, drive, tmp_path: Path) -> None:
    desk = make_send_desk(sandbox.url)
    save_list(qtbot, desk, "+44 20 7946 0958")
    window = desk.window
    export = window.leads.leftOutExport
    window.leads.set_text(
        "Ann,202 555 0143\nKen North,n/a\nAnn again,202-555-0143\n+44 20 7946 0958\n+1 555 555 0100"
    )
    drive.wait_for_recipients(window, 1)
    qtbot.waitUntil(export.isEnabled)
    target = tmp_path / "left-out.csv"
    assert export.export_to(target)
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Row or line", "Original value", "Reason"]
    by_line = {row[0]: row for row in rows[1:]}
    assert set(by_line) == {"line 2", "line 3", "line 4", "line 5"}
    assert by_line["line 2"][2] == "No phone number on this line."
    assert "duplicate" in by_line["line 3"][2].lower()
    # A leading apostrophe keeps "+44 …" text in a spreadsheet (no formula runs, the plus stays).
    assert by_line["line 4"][1:] == ["'+44 20 7946 0958", "On your opt-out list"]
    assert by_line["line 5"][2].startswith("May not exist")
    assert window.leads.fileNotice.text() == f"Saved 4 lines and numbers that are not sent to {target}."


def test_a_workbook_imported_with_an_opted_out_number_sends_without_it(
    qtbot, sandbox, make_send_desk, drive, tmp_path: Path, monkeypatch
) -> None:
    book = table_files.write_xlsx(
        tmp_path / "contacts.xlsx",
        [["Name", "Mobile"], ["Ann", 2125550143], ["Bob", "+44 20 7946 0958"], ["Dee", "+1 212 300 0001"]],
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(book), "")))
    desk = make_send_desk(sandbox.url)
    window = drive.sign_in(desk.window, BUSINESS)
    save_list(qtbot, desk, "+1 212 555 0143")
    window.importAction.trigger()
    leads = window.leads
    qtbot.waitUntil(lambda: leads.importer.files.dialog is not None, timeout=10_000)
    dialog = leads.importer.files.dialog
    assert dialog.phoneCombo.currentText() == "Mobile"
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    drive.wait_for_recipients(window, 2)
    drive.type_message(window, "Spring sale")
    qtbot.waitUntil(window.sendButton.isEnabled)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    [campaign] = httpx.get(sandbox.url + "/sandbox/campaigns", timeout=5).json()
    assert "+12125550143" not in campaign["leads"]
    assert sorted(campaign["leads"]) == ["+12123000001", "+442079460958"]
