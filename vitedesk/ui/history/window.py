"""The History window: every send attempt, newest first, searchable, with details and CSV export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelection, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vitedesk.store.history import HistoryStore
from vitedesk.store.history_entry import HistoryEntry
from vitedesk.ui.common.widgets import InlineNotice, Tone
from vitedesk.ui.history.model import MESSAGE_COLUMN, HistoryModel, local_time, state_color

SEARCH_DELAY_MS = 250

# (key, label) of every stored field, in the order a person reads them.
_DETAIL_FIELDS = (
    ("result", "Result"),
    ("created", "Started"),
    ("finished", "Finished"),
    ("account", "Account"),
    ("server", "Server"),
    ("route", "Route"),
    ("protocol", "Type"),
    ("recipients", "Recipients"),
    ("parts", "Parts per message"),
    ("total", "Total messages"),
    ("images", "Images"),
    ("campaign", "Campaign id"),
    ("remote_status", "Server status"),
    ("error_status", "Error code"),
    ("error_message", "Details"),
    ("local_id", "Local id"),
    ("fingerprint", "Fingerprint"),
)


class HistoryWindow(QWidget):
    """A top-level window over a ``HistoryStore``; call ``refresh()`` after a send to show it."""

    exported = Signal(str)  # path of a CSV file that was written

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("historyWindow")
        self.setWindowTitle("Send history — ViteDesk")
        self._store = store
        self._shown_once = False
        self._export_dialog: QFileDialog | None = None
        self.model = HistoryModel(store, self)

        self.searchEdit = QLineEdit(self)
        self.searchEdit.setObjectName("historySearch")
        self.searchEdit.setPlaceholderText("Search message, account, server or sender ID, campaign id…")
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

        self.detail = _DetailPane(self)

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
        splitter.setSizes([900, 380])
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
            count = self._store.export_csv(path, self._store.search(self.model.filter_text()))
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
        self.detail.show_entry(entry, empty_text="Select a send to see its details.")

    def showEvent(self, event: QShowEvent) -> None:
        # The window is usually kept and shown again later: pick up sends made in between.
        if self._shown_once:
            self.refresh()
        self._shown_once = True
        super().showEvent(event)


class _DetailPane(QScrollArea):
    """Every stored field of one send, selectable for copying."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDetail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.placeholder = QLabel(body)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form_box = QWidget(body)
        form = QFormLayout(self.form_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for key, label in _DETAIL_FIELDS:
            value = QLabel(self.form_box)
            value.setObjectName(f"historyDetail_{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(_field_label(f"{label}:", self.form_box), value)
            self.values[key] = value
        bold = self.values["result"].font()
        bold.setBold(True)
        self.values["result"].setFont(bold)
        self.message = QPlainTextEdit(self.form_box)
        self.message.setObjectName("historyDetailMessage")
        self.message.setAccessibleName("Message text")
        self.message.setReadOnly(True)
        self.message.setMinimumHeight(90)
        form.addRow(_field_label("Message:", self.form_box), self.message)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.form_box, 1)
        self.setWidget(body)
        self.show_entry(None, empty_text="")

    def show_entry(self, entry: HistoryEntry | None, *, empty_text: str) -> None:
        self.form_box.setVisible(entry is not None)
        self.placeholder.setVisible(entry is None)
        self.placeholder.setText(empty_text)
        if entry is None:
            return
        texts = {
            "result": entry.result_text,
            "created": local_time(entry.created_at),
            "finished": local_time(entry.finished_at) or "—",
            "account": entry.account,
            "server": entry.server_url,
            "route": entry.route_text,
            "protocol": entry.protocol,
            "recipients": f"{entry.recipient_count:,}",
            "parts": str(entry.parts_per_message),
            "total": f"{entry.total_messages:,}",
            "images": ", ".join(entry.image_names) or "None",
            "campaign": "—" if entry.campaign_id is None else str(entry.campaign_id),
            "remote_status": entry.remote_status or "—",
            "error_status": "—" if entry.error_status is None else str(entry.error_status),
            "error_message": entry.error_message or "—",
            "local_id": str(entry.local_id),
            # Shortened so the pane needs no horizontal scrolling; the tooltip and the CSV have all of it.
            "fingerprint": f"{entry.fingerprint[:16]}…" if len(entry.fingerprint) > 16 else entry.fingerprint,
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        self.values["fingerprint"].setToolTip(entry.fingerprint)
        result = self.values["result"]
        palette = result.palette()
        normal = self.palette().color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, state_color(entry.state) or normal)
        result.setPalette(palette)
        self.message.setPlainText(entry.message)

    def field_text(self, key: str) -> str:
        return self.values[key].text()


def _field_label(text: str, parent: QWidget) -> QLabel:
    # Fills its row and draws at the top, so it stays next to the first line of a value that wraps.
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    return label
