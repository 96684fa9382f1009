"""Ctrl+O in the main window imports a workbook through the dialog, and the campaign reaches the sandbox."""

from __future__ import annotations

import httpx
from helpers import table_files
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from vitedesk.sandbox import DEMO_ACCOUNTS

BUSINESS = DEMO_ACCOUNTS[1].username


def test_ctrl_o_imports_a_workbook_and_the_numbers_are_sent(
    qtbot, sandbox, make_window, drive, tmp_path, monkeypatch
) -> None:
    book = table_files.write_xlsx(
        tmp_path / "contacts.xlsx",
        [
            ["Name", "Mobile", "Country"],
            ["Ann", 2125550143, "US"],
            ["Bob", "020 7946 0958", "GB"],
            ["Cy", None, "US"],
            ["Dee", "+1 212 300 0001", ""],
        ],
    )
    asked: list[str] = []

    def choose(parent, caption, folder, filters):
        asked.append(filters)
        return str(book), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window = make_window(sandbox.url)
    window.tasks.start(window.ask_login())
    drive.login(window, BUSINESS)
    drive.paste_leads(window, "+1 415 555 2671")
    window.importAction.trigger()  # what Ctrl+O does
    assert "*.xlsx" in asked[0] and "*.csv" in asked[0]
    leads = window.leads
    qtbot.waitUntil(lambda: leads.importer.files.dialog is not None, timeout=10_000)
    dialog = leads.importer.files.dialog
    assert dialog.phoneCombo.currentText() == "Mobile"
    assert dialog.countryCombo.currentText() == "Country"
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    drive.wait_for_recipients(window, 4)
    assert leads.text().startswith("+1 415 555 2671\n")
    assert leads.fileNotice.text() == ("contacts.xlsx: 4 rows read, 3 recipients; row 4: no phone number.")
    drive.type_message(window, "Spring sale")
    qtbot.mouseClick(window.route.routePrivate, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.route.serverIdEdit, "svm-business-1")
    qtbot.waitUntil(window.sendButton.isEnabled)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    [campaign] = httpx.get(sandbox.url + "/sandbox/campaigns", timeout=5).json()
    assert sorted(campaign["leads"]) == ["+12123000001", "+12125550143", "+14155552671", "+442079460958"]
