"""One path for importing a file, whatever asked for it (the menu, the button, a drop, the opt-out list).

``FileImport.start(paths)`` reads each file off the UI thread while ``progressWidget`` [importProgress] shows
how far it got with a Cancel button [importCancel]; a file with one column is taken as it is, a file with more
opens the ImportDialog; a file that cannot be used becomes one sentence. The owner gets ``chosen(choice)``
per file (an ImportChoice), ``failed(sentence)`` or ``cancelled()``, and places ``progressWidget``. A workbook
with several sheets always opens the dialog (the numbers may be on another sheet).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from vitedesk.core.wording import plural
from vitedesk.store.tables import FILE_FILTER, ReadCancelled
from vitedesk.ui.common.widgets import named
from vitedesk.ui.compose.import_dialog import ImportChoice, ImportDialog, region_display_name
from vitedesk.ui.compose.table_reading import TableRead, TableReader, failure_sentence


class ImportProgress(QWidget):
    """ "Reading contacts.xlsx… 40,000 of 200,000 rows" with a progress bar and Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgressRow")
        self.label = named(QLabel(), "importProgressLabel")
        self.bar = named(QProgressBar(), "importProgress")
        self.bar.setAccessibleName("Import progress")
        self.bar.setTextVisible(False)
        self.cancelButton = named(QPushButton("Cancel"), "importCancel")
        self.cancelButton.setAccessibleName("Cancel the import")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancelButton)
        self.hide()

    def show_step(self, text: str, done: int = 0, total: int = 0) -> None:
        self.label.setText(text)
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # moving, no count yet
        self.show()


class FileImport(QObject):
    """Reads files one after another and asks about columns; see the module docstring for the signals."""

    chosen = Signal(object)  # ImportChoice
    failed = Signal(str)
    cancelled = Signal()
    busyChanged = Signal(bool)

    def __init__(
        self,
        owner: QWidget,
        region: Callable[[], str],
        *,
        offer_replace: Callable[[], bool] = lambda: False,
        what: str = "numbers",
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._region = region
        self._offer_replace = offer_replace
        self._what = what
        self._queue: deque[Path] = deque()
        self._path: Path | None = None
        self.dialog: ImportDialog | None = None
        self.progressWidget = ImportProgress(owner)
        self.progressWidget.cancelButton.clicked.connect(self.cancel)
        self._reader = TableReader(self)
        self._reader.progressed.connect(self._on_progress)
        self._reader.finished.connect(self._on_read)

    def is_busy(self) -> bool:
        return self._path is not None or bool(self._queue)

    def choose_files(self) -> None:
        """Ask for a file and import it."""
        path, _filter = QFileDialog.getOpenFileName(self._owner, f"Import {self._what}", "", FILE_FILTER)
        if path:
            self.start([Path(path)])

    def start(self, paths: Iterable[Path | str]) -> None:
        """Import ``paths`` in order (after any import already under way)."""
        was_busy = self.is_busy()
        self._queue.extend(Path(path) for path in paths)
        if not was_busy and self._queue:
            self.busyChanged.emit(True)
            self._next()

    def cancel(self) -> None:
        """Stop reading and forget the files still waiting; nothing is imported from them."""
        self._queue.clear()
        if self._reader.is_reading():
            self._reader.cancel()  # finishes with ReadCancelled
        elif self.dialog is not None:
            self.dialog.reject()

    def show_step(self, text: str, done: int = 0, total: int = 0) -> None:
        """Let the owner show its own step (such as checking the numbers) in the same progress row."""
        self.progressWidget.show_step(text, done, total)

    def hide_progress(self) -> None:
        self.progressWidget.hide()

    # -- one file after another -----------------------------------------------------------------------

    def _next(self) -> None:
        if not self._queue:
            self._path = None
            self.progressWidget.hide()
            self.busyChanged.emit(False)
            return
        self._path = self._queue.popleft()
        self.progressWidget.show_step(f"Reading {self._path.name}…")
        self._reader.read(self._path, self._region())

    def _on_progress(self, done: int, total: int) -> None:
        if self._path is None:
            return
        if total > 0:
            text = f"Reading {self._path.name}… {done:,} of {plural(total, 'row')}"
        else:
            text = f"Reading {self._path.name}…"
        self.progressWidget.show_step(text, done, total)

    def _on_read(self, result: object) -> None:
        path = self._path
        assert path is not None
        if isinstance(result, ReadCancelled):
            self._queue.clear()
            self.cancelled.emit()
            self._next()
            return
        if not isinstance(result, TableRead):
            assert isinstance(result, BaseException)
            self.failed.emit(failure_sentence(path, result))
            self._next()
            return
        table = result.table
        if result.phone_column is None and len(table.sheets) <= 1:
            self.failed.emit(
                f"“{path.name}” has no column that looks like phone numbers. Check that you chose the right "
                "file; a phone number needs at least its digits, like 202 555 0143."
            )
            self._next()
            return
        if table.width == 1 and len(table.sheets) <= 1:
            self.chosen.emit(ImportChoice(table, 0, None))
            self._next()
            return
        self.progressWidget.hide()
        self._ask(result)

    def _ask(self, read: TableRead) -> None:
        region = self._region()
        dialog = ImportDialog(
            read,
            region,
            region_display_name(region),
            self._owner,
            offer_replace=self._offer_replace(),
            what=self._what,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()  # never exec(): see STYLE.md

    def _on_dialog_finished(self, result: int) -> None:
        dialog = self.dialog
        self.dialog = None
        if dialog is None:
            return
        if result == QDialog.DialogCode.Accepted:
            self.chosen.emit(dialog.choice())
        else:
            self._queue.clear()
            self.cancelled.emit()
        self._next()
