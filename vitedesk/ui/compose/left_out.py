"""Export left-out… [exportLeftOutButton]: what the lead list leaves out (lines that cannot be used,
duplicates, numbers that may not exist and are not included, opted-out numbers) saved as CSV with the row or
line each came from, what was typed and why. It sits in the corner of the recipients tabs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QPushButton

from vitedesk.core.leads.left_out import left_out
from vitedesk.store._csv import write_left_out_csv
from vitedesk.ui.common.widgets import Tone

if TYPE_CHECKING:
    from vitedesk.ui.compose.leads import LeadEditor


class LeftOutExport(QPushButton):
    """The button and its save dialog; `export_to(path)` writes the file and says so in the editor."""

    def __init__(self, editor: LeadEditor) -> None:
        super().__init__("E&xport left-out…", editor.leadTabs)
        self._editor = editor
        self._dialog: QFileDialog | None = None
        self.setObjectName("exportLeftOutButton")
        self.setToolTip("Save the lines and numbers that are not sent, with the reason for each, as CSV")
        self.setFlat(True)
        editor.leadTabs.setCornerWidget(self)
        self.clicked.connect(self.choose_file)

    def rows(self) -> list[tuple[str, str, str]]:
        """(row or line, original value, reason) of every piece left out, in line order."""
        editor = self._editor
        document = editor.leadEdit.document()

        def line_text(line: int) -> str:
            return document.findBlockByNumber(line - 1).text().strip()

        rows = left_out(editor.review(), line_text)
        return [(editor.importer.line_name(r.line) or f"line {r.line:,}", r.raw, r.reason) for r in rows]

    def choose_file(self) -> None:
        if self._dialog is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            self._dialog = QFileDialog(self, "Export left-out numbers", folder, "CSV files (*.csv)")
            self._dialog.setObjectName("leftOutExportDialog")
            self._dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            self._dialog.setDefaultSuffix("csv")
            self._dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        self._dialog.selectFile(f"left-out-{date.today().isoformat()}.csv")
        self._dialog.open()

    def export_to(self, path: Path) -> bool:
        notice = self._editor.fileNotice
        try:
            count = write_left_out_csv(path, self.rows())
        except OSError as error:
            reason = (error.strerror or "the file could not be written").lower()
            notice.show_message(f"Could not save {path.name}: {reason}. Choose another folder.", Tone.ERROR)
            return False
        what = "1 line or number" if count == 1 else f"{count:,} lines and numbers"
        notice.show_message(f"Saved {what} that are not sent to {path}.", Tone.INFO)
        return True
