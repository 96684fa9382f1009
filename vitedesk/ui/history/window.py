"""The History window: every send attempt, newest first, searchable, with details and CSV export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelection, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vitedesk.store.history import HistoryStore
from vitedesk.store.history_entry import HistoryEntry
from vitedesk.ui.common.widgets import InlineNotice, Tone
from vitedesk.ui.history.detail import DetailPane
from vitedesk.ui.history.model import MESSAGE_COLUMN, HistoryModel

SEARCH_DELAY_MS = 250


class HistoryWindow(QWidget):
    """A top-level window over a ``HistoryStore``; call ``refresh()`` after a send to show it."""

    exported = Signal(str)  # path of a CSV file that was written

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        default_region: Callable[[], str] = lambda: "US",
    ) -> None:
        """``default_region()``: the country a searched number without its country code is read in."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("historyWindow")
        self.setWindowTitle("Send history — ViteDesk")
        self._store = store
        self._shown_once = False
        self._export_dialog: QFileDialog | None = None
        self.model = HistoryModel(store, self, default_region=default_region)

        self.searchEdit = QLineEdit(self)
        self.searchEdit.setObjectName("historySearch")
        self.searchEdit.setPlaceholderText("Search by phone number, message, account, sender ID or campaign…")
        self.searchEdit.setAccessibleName("Search the send history")
        self.searchEdit.setClearButtonEnabled(True)
        self.countLabel = QLabel(self)
        self.countLabel.setObjectName("historyCount")
        self.exportButton = QPushButton("Export CSV…", self)
        self.exportButton.setObjectName("historyExportButton")
        self.exportButton.setAccessibleName("Export the listed sends to a CSV file")
        self.notice = InlineNotice(self)
        self.notice.setObjectName("historyNotice")

        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName("Sends, newest first")
        self.table.setModel(self.model)
        self._configure_table()

        self.detail = DetailPane(self)

        top = QHBoxLayout()
        top.addWidget(self.searchEdit, 1)
        top.addWidget(self.countLabel)
        top.addWidget(self.exportButton)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 520])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        self.resize(1280, 680)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.searchEdit.textChanged.connect(self._search_timer.start)
        self.searchEdit.returnPressed.connect(self._apply_search)
        self.exportButton.clicked.connect(self.choose_export_file)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, self.searchEdit.setFocus)

        if store.problem:
            self.notice.show_message(store.problem, Tone.WARNING)
        self._after_reset()

    # --- public ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the store, keeping the search text."""
        self.model.refresh()

    def selected_entry(self) -> HistoryEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def choose_export_file(self) -> None:
        """Ask where to save (non-modal dialog); the chosen file gets the rows matching the search."""
        if self._export_dialog is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            dialog = QFileDialog(self, "Export send history", folder, "CSV files (*.csv)")
            dialog.setObjectName("historyExportDialog")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("csv")
            dialog.fileSelected.connect(self._export_file_selected)
            # One dialog, kept and reused: it remembers the folder chosen last time.
            self._export_dialog = dialog
        self._export_dialog.selectFile(f"vitedesk-history-{date.today().isoformat()}.csv")
        self._export_dialog.open()

    def _export_file_selected(self, path: str) -> None:
        self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """Write every row matching the current search to ``path``; the outcome is shown in the window."""
        try:
            count = self._store.export_csv(path, self._store.search(self.model.query()))
        except OSError as exc:
            reason = exc.strerror or "the file could not be written"
            sentence = f"Could not save {path.name}: {reason.lower()}. Choose another folder and try again."
            self.notice.show_message(sentence, Tone.ERROR)
            return False
        noun = "send" if count == 1 else "sends"
        self.notice.show_message(f"Saved {count:,} {noun} to {path}.", Tone.INFO)
        self.exported.emit(str(path))
        return True

    # --- internals ---------------------------------------------------------------------------------

    def _configure_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = table.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view never measures rows, so 10,000 of them cost nothing to lay out.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        char = table.fontMetrics().horizontalAdvance("0")
        for column, chars in enumerate((15, 25, 24, 14, 15, 5, 9, 8)):
            table.setColumnWidth(column, chars * char)
        # The message takes whatever width is left, so the numbers on the right stay visible.
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)

    def _apply_search(self) -> None:
        self._search_timer.stop()
        if self.searchEdit.text().strip() != self.model.filter_text():
            self.model.set_filter(self.searchEdit.text())

    def _after_reset(self) -> None:
        total = self.model.matching_count()
        if self.model.filter_text():
            self.countLabel.setText(f"{total:,} found" if total else "Nothing found")
        else:
            self.countLabel.setText(f"{total:,} send{'s' if total != 1 else ''}" if total else "No sends yet")
        self.exportButton.setEnabled(total > 0)
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
        else:
            self.detail.show_entry(None, empty_text=self._empty_text())

    def _empty_text(self) -> str:
        if self.model.filter_text():
            return "No send matches this search."
        return "Campaigns you send will be listed here."

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        entry = self.model.entry(indexes[0].row()) if indexes else self.selected_entry()
        self._show(entry)

    def _show(self, entry: HistoryEntry | None) -> None:
        numbers = self._store.recipients(entry.local_id) if entry is not None else None
        searched = self.model.query().numbers
        self.detail.show_entry(
            entry, empty_text="Select a send to see its details.", numbers=numbers, searched=searched
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc closes the window from the table, the search box or the detail pane: each leaves the key
        # to its window. A widget that uses Esc itself (a completer's popup) still gets it first.
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.close()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # The window is usually kept and shown again later: pick up sends made in between.
        if self._shown_once:
            self.refresh()
        self._shown_once = True
        super().showEvent(event)
