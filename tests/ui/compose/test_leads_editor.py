"""LeadEditor: typing, pasting, background parsing, problem rows that lead to their line."""

from __future__ import annotations

import time

import pytest
from helpers.lead_samples import lead_lines
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence

from vitedesk.ui.compose.leads import LeadEditor, summary_text

GOOD = ["+1 202 555 0143", "(202) 555-0178", "+44 20 7946 0958"]


@pytest.fixture
def editor(qtbot) -> LeadEditor:
    widget = LeadEditor()
    qtbot.addWidget(widget)
    widget.resize(520, 520)
    widget.show()
    return widget


def wait_for_summary(qtbot, editor: LeadEditor, expected: str, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: editor.leadSummary.text() == expected and not editor.is_busy(), timeout=timeout)


def test_typed_numbers_are_summarised_after_a_pause(qtbot, editor: LeadEditor) -> None:
    with qtbot.waitSignal(editor.reportChanged, timeout=5000) as changed:
        for line in ("+1 202 555 0143", "202-555-0143"):
            qtbot.keyClicks(editor.leadEdit, line)
            qtbot.keyClick(editor.leadEdit, Qt.Key.Key_Return)
    assert changed.args[0].numbers == ["+12025550143"]
    wait_for_summary(qtbot, editor, "1 recipient · 1 duplicate removed")
    assert editor.text() == "+1 202 555 0143\n202-555-0143\n"  # kept as typed


def test_pasted_text_lists_unusable_lines_and_clicking_one_goes_there(qtbot, editor: LeadEditor) -> None:
    lines = [*GOOD, "202-555", "hello 12", GOOD[0]]
    QGuiApplication.clipboard().setText("\n".join(lines))
    editor.leadEdit.setFocus()
    qtbot.keySequence(editor.leadEdit, QKeySequence.StandardKey.Paste)
    wait_for_summary(qtbot, editor, "3 recipients · 1 duplicate removed · 2 lines need attention")
    view = editor.problemList
    assert view.isVisible()
    first = view.model().index(0, 0).data()
    assert first.startswith("Line 4: 202-555 — ")
    # Click the row: the editor selects that line and takes the focus.
    editor.leadEdit.moveCursor(editor.leadEdit.textCursor().MoveOperation.Start)
    rect = view.visualRect(view.model().index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = editor.leadEdit.textCursor()
    assert cursor.blockNumber() == 4
    assert cursor.selectedText() == "hello 12"
    qtbot.waitUntil(editor.leadEdit.hasFocus)


def test_numbers_that_may_not_exist_are_held_back_until_included(qtbot, editor: LeadEditor) -> None:
    editor.set_text("+1 202 555 0143\n+1 555 555 5555\n")
    wait_for_summary(qtbot, editor, "1 recipient · 1 may not exist (not sent)")
    rows = [editor.problemsModel.index(row, 0).data() for row in range(editor.problemsModel.rowCount())]
    assert any(row.startswith("Line 2: +1 555 555 5555 — May not exist") for row in rows)
    box = editor.includeUnverified
    assert box.isVisible() and not box.isChecked() and box.text() == "Send to this number anyway"
    assert editor.recipients() == ["+12025550143"] and editor.unverified_included_count == 0
    with qtbot.waitSignal(editor.reportChanged, timeout=2000):
        box.click()
    assert editor.recipients() == ["+12025550143", "+15555555555"]
    assert editor.unverified_included() == ["+15555555555"] and editor.unverified_included_count == 1
    assert editor.leadSummary.text() == "2 recipients"
    assert editor.recipientsTable.model.rowCount() == 2


def test_stale_results_are_discarded(qtbot, editor: LeadEditor) -> None:
    reports = []
    editor.reportChanged.connect(reports.append)
    editor.set_text("\n".join(f"+1 202 555 {i:04d}" for i in range(3000)))
    editor.set_text(GOOD[0])  # replaces the text before the first parse can land
    wait_for_summary(qtbot, editor, "1 recipient")
    qtbot.wait(300)
    assert reports and reports[-1].numbers == ["+12025550143"]
    assert editor.leadSummary.text() == "1 recipient"


def test_default_country_changes_how_local_numbers_are_read(qtbot, editor: LeadEditor) -> None:
    assert editor.default_region() == "US"
    assert editor.regionCombo.currentText() == "United States (+1)"
    editor.set_text("020 7946 0958")
    wait_for_summary(qtbot, editor, "0 recipients · 1 line needs attention")
    with qtbot.waitSignal(editor.reportChanged, timeout=5000) as changed:
        assert editor.set_default_region("GB")
    assert changed.args[0].numbers == ["+442079460958"]
    assert editor.regionCombo.currentText() == "United Kingdom (+44)"


def test_country_picker_is_searchable_and_reverts_unknown_text(qtbot, editor: LeadEditor) -> None:
    combo = editor.regionCombo
    line = combo.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "germ")
    line.editingFinished.emit()
    assert editor.default_region() == "DE"
    line.selectAll()
    qtbot.keyClicks(line, "Atlantis")
    line.editingFinished.emit()
    assert editor.default_region() == "DE"
    assert combo.currentText() == "Germany (+49)"


def test_200k_lines_load_without_freezing_and_undo_restores_the_old_text(qtbot, editor: LeadEditor) -> None:
    editor.leadEdit.setPlainText("keep me")
    big = lead_lines(200_000)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    editor.set_text(big)
    # set_text returns at once; the summary says what is happening while the work runs elsewhere.
    assert editor.is_busy()
    assert editor.leadSummary.text() == "Checking 200,000 lines…"
    qtbot.waitUntil(lambda: not editor.is_busy(), timeout=60_000)
    timer.stop()
    assert len(ticks) > 5  # the event loop kept running while the text loaded and was parsed
    assert editor.leadEdit.document().blockCount() == 200_000
    assert editor.text() == big
    report = editor.report()
    assert len(report.invalid) == 2_000
    assert len(report.numbers) + len(report.duplicates) + len(report.invalid) == 200_000
    assert editor.leadSummary.text() == summary_text(editor.review())
    assert editor.leadSummary.text().endswith(" · 2,000 lines need attention")
    # The problem list shows the first rows only until scrolled.
    assert 0 < editor.problemsModel.rowCount() < editor.problemsModel.total() == 2_000
    editor.leadEdit.setFocus()
    qtbot.keySequence(editor.leadEdit, QKeySequence.StandardKey.Undo)
    qtbot.waitUntil(lambda: editor.text() == "keep me")
