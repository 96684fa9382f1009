"""Importing files into the lead editor: the dialog, single-column files, broken files, provenance by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import table_files
from helpers.ui_drag import drop_files
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog

from vitedesk.ui.compose.import_dialog import ImportDialog
from vitedesk.ui.compose.leads import LeadEditor

CONTACTS = [
    ["Name", "Company", "Téléphone", "Country"],
    ["Ann Lee", "Acme", 12025550143, "US"],
    ["Bob Roy", "Acme", 2079460958, "United Kingdom"],
    ["Cy Fox", "Initech", None, "US"],
    ["Dee Ray", "Initech", "(202) 555-0178", "us"],
    ["Eve Moe", "Hooli", "555", "US"],
]


@pytest.fixture
def editor(qtbot) -> LeadEditor:
    widget = LeadEditor(default_region="US")
    qtbot.addWidget(widget)
    widget.resize(560, 620)
    widget.show()
    return widget


def open_dialog(qtbot, editor: LeadEditor, path: Path) -> ImportDialog:
    editor.import_file(path)
    qtbot.waitUntil(lambda: editor.importer.files.dialog is not None, timeout=10_000)
    dialog = editor.importer.files.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def wait_done(qtbot, editor: LeadEditor) -> None:
    qtbot.waitUntil(lambda: not editor.importer.is_busy() and not editor.is_busy(), timeout=20_000)


def test_a_workbook_opens_the_dialog_with_the_phone_column_guessed(qtbot, editor, tmp_path) -> None:
    book = table_files.write_xlsx(
        tmp_path / "contacts.xlsx", CONTACTS, first_row=1, other_sheets={"Notes": [["x"]]}
    )
    dialog = open_dialog(qtbot, editor, book)
    assert dialog.objectName() == "importDialog"
    assert dialog.phoneCombo.objectName() == "importPhoneColumn"
    assert dialog.phoneCombo.currentText() == "Téléphone"
    assert dialog.countryCombo.currentText() == "Country"
    preview = dialog.previewModel
    # A phone typed as a number reads as its digits, and rows are numbered as the sheet numbers them.
    assert preview.item(0, 2).text() == "12025550143"
    assert preview.headerData(0, Qt.Orientation.Vertical) == "3"
    assert "5 rows read" in dialog.fileLabel.text()
    assert dialog.sheetCombo.isVisibleTo(dialog) and dialog.sheetCombo.currentText() == "Contacts"
    assert not dialog.encodingCombo.isVisibleTo(dialog)  # a workbook has no text encoding to pick


def test_ok_adds_the_numbers_after_the_typed_ones_and_says_where_they_came_from(
    qtbot, editor, tmp_path
) -> None:
    editor.leadEdit.setPlainText("+1 415 555 0100")
    book = table_files.write_xlsx(
        tmp_path / "contacts.xlsx", CONTACTS, first_row=1, other_sheets={"Notes": [["x"]]}
    )
    dialog = open_dialog(qtbot, editor, book)
    assert dialog.replaceCheck.isVisibleTo(dialog) and not dialog.replaceCheck.isChecked()
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    wait_done(qtbot, editor)
    # What was typed stays; the country column put the UK number in international form.
    assert editor.text() == "+1 415 555 0100\n12025550143\n+442079460958\n(202) 555-0178\n555"
    assert editor.report().numbers == ["+14155550100", "+12025550143", "+442079460958", "+12025550178"]
    notice = editor.fileNotice.text()
    assert notice == (
        "contacts.xlsx, sheet Contacts: 5 rows read, 3 recipients; row 5: no phone number; "
        "row 7: too short to be a phone number."
    ), notice
    # The problem list names the imported line by the row the spreadsheet shows.
    first = editor.problemsModel.index(0, 0).data()
    assert first.startswith("contacts.xlsx, sheet Contacts row 7: 555 — "), first
    # Typing a line above the imported ones keeps the names right.
    cursor = editor.leadEdit.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    editor.leadEdit.setTextCursor(cursor)
    qtbot.keyClicks(editor.leadEdit, "+1 415 555 0101")
    qtbot.keyClick(editor.leadEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.is_busy() and len(editor.report().numbers) == 5, timeout=5000)
    assert editor.problemsModel.index(0, 0).data().startswith("contacts.xlsx, sheet Contacts row 7: 555")
    assert editor.problemsModel.index(0, 0).data(Qt.ItemDataRole.UserRole) == 6


def test_replace_puts_the_file_in_place_of_the_list(qtbot, editor, tmp_path) -> None:
    editor.leadEdit.setPlainText("+1 415 555 0100")
    book = table_files.write_xlsx(tmp_path / "contacts.xlsx", CONTACTS)
    dialog = open_dialog(qtbot, editor, book)
    dialog.replaceCheck.setChecked(True)
    dialog.countryCombo.setCurrentIndex(0)  # no country column: every number is read as a US number
    dialog.accept()
    wait_done(qtbot, editor)
    assert editor.text() == "12025550143\n2079460958\n(202) 555-0178\n555"
    assert editor.fileNotice.text().startswith(
        "contacts.xlsx: 5 rows read, 3 recipients; row 4: no phone number"
    )


def test_cancel_leaves_everything_as_it_was(qtbot, editor, tmp_path) -> None:
    editor.leadEdit.setPlainText("+1 415 555 0100")
    dialog = open_dialog(qtbot, editor, table_files.write_xlsx(tmp_path / "contacts.xlsx", CONTACTS))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    wait_done(qtbot, editor)
    assert editor.text() == "+1 415 555 0100"
    assert editor.fileNotice.text() == "Import cancelled. Nothing was added to the list."


def test_picking_another_phone_column_imports_that_one(qtbot, editor, tmp_path) -> None:
    rows = [
        ["Home", "Mobile"],
        ["+1 202 555 0143", "+1 202 555 0178"],
        ["+1 202 555 0144", "+1 202 555 0179"],
    ]
    dialog = open_dialog(qtbot, editor, table_files.write_text_table(tmp_path / "two.csv", rows))
    assert dialog.phoneCombo.currentText() == "Mobile"
    dialog.phoneCombo.setCurrentIndex(0)
    dialog.accept()
    wait_done(qtbot, editor)
    assert editor.text() == "+1 202 555 0143\n+1 202 555 0144"


def test_a_single_column_file_imports_without_a_dialog(qtbot, editor, tmp_path) -> None:
    path = table_files.write_text_table(
        tmp_path / "numbers.txt", [["Phone"], ["+1 202 555 0143"], ["202-555-0178"]]
    )
    editor.import_file(path)
    wait_done(qtbot, editor)
    assert editor.importer.files.dialog is None
    assert editor.text() == "+1 202 555 0143\n202-555-0178"
    assert editor.fileNotice.text() == "numbers.txt: 2 rows read, 2 recipients."


def test_the_preview_shows_decoded_names_and_another_encoding_can_be_picked(qtbot, editor, tmp_path) -> None:
    rows = [["Name", "Phone"], ["Begoña", "+34 612 345 678"], ["Zoë", "+44 20 7946 0958"]]
    path = table_files.write_text_table(tmp_path / "old.csv", rows, delimiter=";", encoding="cp1252")
    dialog = open_dialog(qtbot, editor, path)
    assert dialog.previewModel.item(0, 0).text() == "Begoña"
    assert dialog.encodingCombo.isVisibleTo(dialog)
    assert dialog.encodingCombo.currentText() == "Western European (Windows-1252)"
    index = dialog.encodingCombo.findData("cp1250")
    dialog.encodingCombo.setCurrentIndex(index)
    dialog.encodingCombo.activated.emit(index)
    qtbot.waitUntil(lambda: dialog.previewModel.item(0, 0).text() == "Begońa", timeout=5000)
    assert dialog.phoneCombo.currentText() == "Phone"


def test_a_first_sheet_without_numbers_still_lets_the_person_pick_another(qtbot, editor, tmp_path) -> None:
    book = table_files.write_xlsx(
        tmp_path / "book.xlsx",
        [["Notes"], ["call back"]],
        sheet="Readme",
        other_sheets={"Leads": [["Cell"], ["+1 202 555 0143"]]},
    )
    dialog = open_dialog(qtbot, editor, book)
    assert dialog.notice.text().startswith("No column looks like phone numbers.")
    index = dialog.sheetCombo.findText("Leads")
    dialog.sheetCombo.setCurrentIndex(index)
    dialog.sheetCombo.activated.emit(index)
    qtbot.waitUntil(
        lambda: dialog.phoneCombo.currentText() == "Cell" and not dialog.is_reading(), timeout=5000
    )
    assert not dialog.notice.isVisible()
    dialog.accept()
    wait_done(qtbot, editor)
    assert editor.text() == "+1 202 555 0143"


def test_only_the_first_sheet_is_read_unless_another_is_picked(qtbot, editor, tmp_path) -> None:
    book = table_files.write_xlsx(
        tmp_path / "book.xlsx",
        [["Name", "Cell"], ["Ann", "+1 202 555 0143"]],
        sheet="Leads",
        other_sheets={
            "Old leads": [["Name", "Phone"], ["Bob", "+1 202 555 0178"], ["Cy", "+1 202 555 0179"]]
        },
    )
    dialog = open_dialog(qtbot, editor, book)
    assert dialog.previewModel.rowCount() == 1
    index = dialog.sheetCombo.findText("Old leads")
    dialog.sheetCombo.setCurrentIndex(index)
    dialog.sheetCombo.activated.emit(index)
    qtbot.waitUntil(lambda: dialog.previewModel.rowCount() == 2 and not dialog.is_reading(), timeout=5000)
    assert dialog.previewModel.item(0, 0).text() == "Bob"
    dialog.accept()
    wait_done(qtbot, editor)
    assert editor.text() == "+1 202 555 0178\n+1 202 555 0179"
    assert editor.fileNotice.text() == "book.xlsx, sheet Old leads: 2 rows read, 2 recipients."


@pytest.mark.parametrize(
    ("make", "name", "words"),
    [
        (table_files.truncated_xlsx, "cut.xlsx", "damaged or incomplete"),
        (table_files.garbage_csv, "noise.csv", "does not contain text"),
        (table_files.empty_file, "empty.csv", "is empty"),
        (table_files.password_xlsx, "locked.xlsx", "protected with a password"),
    ],
)
def test_broken_files_get_one_sentence_and_the_list_is_kept(
    qtbot, editor, tmp_path, make, name, words
) -> None:
    editor.leadEdit.setPlainText("+1 415 555 0100")
    editor.import_file(make(tmp_path / name))
    wait_done(qtbot, editor)
    notice = editor.fileNotice.text()
    assert notice.startswith(f"“{name}”") and words in notice, notice
    assert notice.count(". ") <= 2 and "Traceback" not in notice and "Error" not in notice
    assert editor.text() == "+1 415 555 0100"


def test_a_file_without_phone_numbers_is_refused(qtbot, editor, tmp_path) -> None:
    path = table_files.write_text_table(
        tmp_path / "names.csv", [["Name", "City"], ["Ann", "Paris"], ["Bob", "Rome"]]
    )
    editor.import_file(path)
    wait_done(qtbot, editor)
    assert editor.fileNotice.text().startswith("“names.csv” has no column that looks like phone numbers.")
    assert editor.importer.files.dialog is None


def test_dropping_a_workbook_on_the_editor_opens_the_dialog(qtbot, editor, tmp_path) -> None:
    book = table_files.write_xlsx(tmp_path / "contacts.xlsx", CONTACTS)
    assert drop_files(editor.leadEdit.viewport(), [book]) == (True, True)
    qtbot.waitUntil(lambda: editor.importer.files.dialog is not None, timeout=10_000)
    editor.importer.files.dialog.reject()
    wait_done(qtbot, editor)
    assert editor.text() == ""


def test_a_large_file_shows_progress_and_cancel_stops_it(qtbot, editor, tmp_path) -> None:
    path = table_files.write_big_csv(tmp_path / "big.csv", 300_000)
    editor.leadEdit.setPlainText("+1 415 555 0100")
    editor.import_file(path)
    progress = editor.importer.progressWidget
    qtbot.waitUntil(progress.isVisible)
    assert progress.bar.objectName() == "importProgress"
    assert progress.label.text().startswith("Reading big.csv…")
    qtbot.mouseClick(progress.cancelButton, Qt.MouseButton.LeftButton)
    wait_done(qtbot, editor)
    QApplication.processEvents()
    assert not progress.isVisible()
    assert editor.text() == "+1 415 555 0100"
    assert editor.fileNotice.text() == "Import cancelled. Nothing was added to the list."


def test_the_import_button_asks_for_a_file_of_any_supported_kind(
    qtbot, editor, tmp_path, monkeypatch
) -> None:
    path = table_files.write_text_table(tmp_path / "numbers.csv", [["+1 202 555 0143"], ["+1 202 555 0178"]])
    asked: list[str] = []

    def choose(parent, caption, folder, filters):
        asked.append(filters)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    qtbot.mouseClick(editor.importButton, Qt.MouseButton.LeftButton)
    wait_done(qtbot, editor)
    assert all(f"*{suffix}" in asked[0] for suffix in (".xlsx", ".xls", ".ods", ".csv", ".txt"))
    assert editor.text() == "+1 202 555 0143\n+1 202 555 0178"


def test_a_large_import_is_added_after_the_typed_text_and_ctrl_z_takes_it_back(
    qtbot, editor, tmp_path
) -> None:
    path = table_files.write_big_csv(tmp_path / "big.csv", 60_000)
    editor.leadEdit.setPlainText("+1 415 555 2671\n\n")
    dialog = open_dialog(qtbot, editor, path)
    with qtbot.waitSignal(editor.leadEdit.loadStarted, timeout=10_000):
        dialog.accept()
    assert editor.leadEdit.isReadOnly()  # while the lines stream in, nothing typed can get lost
    wait_done(qtbot, editor)
    document = editor.leadEdit.document()
    assert document.blockCount() == 60_001
    assert document.findBlockByNumber(0).text() == "+1 415 555 2671"
    assert document.findBlockByNumber(1).text() == "+1 212 300 0000"
    assert not editor.leadEdit.isReadOnly()
    report = editor.report()
    assert len(report.numbers) + len(report.invalid) + len(report.duplicates) == 60_001
    assert editor.problemsModel.index(0, 0).data().startswith("big.csv row 101: ")
    editor.leadEdit.setFocus()
    qtbot.keySequence(editor.leadEdit, QKeySequence.StandardKey.Undo)
    qtbot.waitUntil(lambda: editor.text() == "+1 415 555 2671\n\n", timeout=10_000)
