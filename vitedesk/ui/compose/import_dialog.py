"""The import dialog [importDialog]: a preview of the file, the phone column, an optional country column.

Shown for files with more than one column. The person can pick another sheet or, for text files, another
encoding (the names in the preview show whether the guess was right): both read the file again off the UI
thread. ``choice()`` after OK says which values to import; it is the same for the lead list and the opt-out
list. Cancel changes nothing.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.wording import plural
from vitedesk.store.table_text import ENCODINGS, encoding_label
from vitedesk.store.tables import ReadCancelled, Table
from vitedesk.ui.common.widgets import InlineNotice, Tone, named
from vitedesk.ui.compose.table_reading import TableRead, TableReader, failure_sentence

PREVIEW_ROWS = 20
NO_COUNTRY = -1


@dataclass(slots=True)
class ImportChoice:
    """What the person chose: the table, its phone column, its country column (None: the default country)."""

    table: Table
    phone_column: int
    country_column: int | None
    replace: bool = False

    def phones(self) -> list[str]:
        return self.table.columns[self.phone_column]

    def countries(self) -> list[str] | None:
        return None if self.country_column is None else self.table.columns[self.country_column]

    def row_numbers(self) -> Sequence[int]:
        return self.table.row_numbers


class ImportDialog(QDialog):
    """Preview and column choice for one table; ``choice()`` after it is accepted."""

    def __init__(
        self,
        read: TableRead,
        region: str,
        region_name: str,
        parent: QWidget | None = None,
        *,
        offer_replace: bool = False,
        what: str = "numbers",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {what} from {read.path.name}")
        self.setModal(True)
        self._read = read
        self._region = region
        self._offer_replace = offer_replace
        self._reader = TableReader(self)
        self._reader.progressed.connect(self._on_progress)
        self._reader.finished.connect(self._on_reread)

        self.fileLabel = named(QLabel(), "importFileLabel")
        self.fileLabel.setWordWrap(True)
        self.sheetCombo = named(QComboBox(), "importSheet")
        self.sheetCombo.setAccessibleName("Sheet to import")
        self.encodingCombo = named(QComboBox(), "importEncoding")
        self.encodingCombo.setAccessibleName("Text encoding of the file")
        self.encodingCombo.setToolTip(
            "If names look wrong in the preview (Begońa instead of Begoña), pick another encoding."
        )
        for codec, label in ENCODINGS:
            self.encodingCombo.addItem(label, codec)
        self.preview = named(QTableView(), "importPreview")
        self.preview.setAccessibleName(f"The first {PREVIEW_ROWS} rows of the file")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.previewModel = QStandardItemModel(self)
        self.preview.setModel(self.previewModel)
        self.phoneCombo = named(QComboBox(), "importPhoneColumn")
        self.phoneCombo.setAccessibleName("Column with the phone numbers")
        self.countryCombo = named(QComboBox(), "importCountryColumn")
        self.countryCombo.setAccessibleName("Column with each row's country (optional)")
        self.countryCombo.setToolTip(
            "A column with an ISO code (GB) or an English country name (United Kingdom) per row: numbers "
            "without a country code are read for that country instead of the default one."
        )
        self._no_country = f"None: numbers without a country code are from {region_name}"
        self.replaceCheck = named(QCheckBox("&Replace the numbers already in the list"), "importReplace")
        self.replaceCheck.setVisible(offer_replace)
        self.replaceCheck.setToolTip("Leave this off to add the imported numbers after the ones you have.")
        self.notice = named(InlineNotice(self, dismissable=False), "importNotice")
        self.progress = named(QProgressBar(), "importDialogProgress")
        self.progress.setTextVisible(False)
        self.stopButton = named(QPushButton("&Stop reading"), "importDialogStop")
        self.stopButton.clicked.connect(self._reader.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stopButton)
        self.progressRow = QWidget()
        self.progressRow.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self.progressRow.hide()

        for combo in (self.sheetCombo, self.encodingCombo, self.phoneCombo, self.countryCombo):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.okButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.okButton.setText("&Import")
        self.okButton.setObjectName("importOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.sheetLabel = QLabel("&Sheet:")
        self.sheetLabel.setBuddy(self.sheetCombo)
        form.addRow(self.sheetLabel, self.sheetCombo)
        self.encodingLabel = QLabel("Text &encoding:")
        self.encodingLabel.setBuddy(self.encodingCombo)
        form.addRow(self.encodingLabel, self.encodingCombo)
        phone_label = QLabel("&Phone numbers:")
        phone_label.setBuddy(self.phoneCombo)
        form.addRow(phone_label, self.phoneCombo)
        country_label = QLabel("&Country (optional):")
        country_label.setBuddy(self.countryCombo)
        form.addRow(country_label, self.countryCombo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fileLabel)
        layout.addWidget(self.preview, 1)
        layout.addLayout(form)
        layout.addWidget(self.replaceCheck)
        layout.addWidget(self.notice)
        layout.addWidget(self.progressRow)
        layout.addWidget(self.buttons)
        self.resize(720, 500)

        self.phoneCombo.currentIndexChanged.connect(self._on_phone_changed)
        # Clicking a column's header in the preview picks it as the phone column (combo index = column).
        self.preview.horizontalHeader().sectionClicked.connect(self.phoneCombo.setCurrentIndex)
        self.sheetCombo.activated.connect(self._on_sheet_picked)
        self.encodingCombo.activated.connect(self._on_encoding_picked)
        self._show(read)

    # -- public API ---------------------------------------------------------------------------------

    def choice(self) -> ImportChoice:
        """The table and the columns chosen (meaningful after OK)."""
        phone = self.phoneCombo.currentData()
        country = self.countryCombo.currentData()
        return ImportChoice(
            table=self._read.table,
            phone_column=int(phone) if isinstance(phone, int) else 0,
            country_column=country if isinstance(country, int) and country != NO_COUNTRY else None,
            replace=self._offer_replace and self.replaceCheck.isChecked(),
        )

    def table_read(self) -> TableRead:
        return self._read

    def is_reading(self) -> bool:
        return self._reader.is_reading()

    # -- showing a table ------------------------------------------------------------------------------

    def _show(self, read: TableRead) -> None:
        self._read = read
        table = read.table
        rows = plural(table.height, "row") + " read"
        if table.sheet is not None:
            rows += " (hidden rows too)"
        header = ", the first row names the columns" if table.has_header else ""
        self.fileLabel.setText(
            f"<b>{html.escape(table.source())}</b>: {rows}{header}. Choose the column with the phone numbers."
        )
        self.sheetCombo.clear()
        self.sheetCombo.addItems(table.sheets)
        if table.sheet is not None:
            self.sheetCombo.setCurrentIndex(max(0, self.sheetCombo.findText(table.sheet)))
        many_sheets = len(table.sheets) > 1
        self.sheetLabel.setVisible(many_sheets)
        self.sheetCombo.setVisible(many_sheets)
        is_text = table.encoding is not None
        self.encodingLabel.setVisible(is_text)
        self.encodingCombo.setVisible(is_text)
        if table.encoding is not None:
            index = self.encodingCombo.findText(encoding_label(table.encoding))
            if index < 0:
                self.encodingCombo.addItem(encoding_label(table.encoding), table.encoding)
                index = self.encodingCombo.count() - 1
            self.encodingCombo.setCurrentIndex(index)
        self._fill_preview(table)
        self.phoneCombo.blockSignals(True)
        self.phoneCombo.clear()
        self.countryCombo.clear()
        self.countryCombo.addItem(self._no_country, NO_COUNTRY)
        for index, header in enumerate(table.headers):
            self.phoneCombo.addItem(header, index)
            self.countryCombo.addItem(header, index)
        self.phoneCombo.setCurrentIndex(read.phone_column if read.phone_column is not None else 0)
        self.phoneCombo.blockSignals(False)
        if read.country_column is not None:
            self.countryCombo.setCurrentIndex(read.country_column + 1)
        self._on_phone_changed()
        if read.phone_column is None:
            self.notice.show_message(
                "No column looks like phone numbers. Pick the column that holds them, or another sheet.",
                Tone.WARNING,
            )

    def _fill_preview(self, table: Table) -> None:
        model = self.previewModel
        model.clear()
        shown = min(PREVIEW_ROWS, table.height)
        model.setColumnCount(table.width)
        model.setHorizontalHeaderLabels(table.headers)
        for index in range(shown):
            items = []
            for value in table.row(index):
                item = QStandardItem(value.replace("\n", " "))
                item.setToolTip(value)
                items.append(item)
            model.appendRow(items)
        model.setVerticalHeaderLabels([f"{number:,}" for number in table.row_numbers[:shown]])
        self.preview.resizeColumnsToContents()
        for column in range(table.width):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 260))

    def _on_phone_changed(self, *_: object) -> None:
        column = self.phoneCombo.currentData()
        if isinstance(column, int):
            self.preview.selectColumn(column)
            self.notice.dismiss()

    # -- reading again (another sheet or encoding) ----------------------------------------------------

    def _on_sheet_picked(self, index: int) -> None:
        sheet = self.sheetCombo.itemText(index)
        if sheet and sheet != self._read.table.sheet:
            self._reread(sheet=sheet, encoding=None)

    def _on_encoding_picked(self, index: int) -> None:
        codec = self.encodingCombo.itemData(index)
        if isinstance(codec, str) and codec != self._read.table.encoding:
            self._reread(sheet=None, encoding=codec)

    def _reread(self, sheet: str | None, encoding: str | None) -> None:
        self._set_reading(True)
        self._reader.read(self._read.path, self._region, sheet=sheet, encoding=encoding)

    def _set_reading(self, reading: bool) -> None:
        self.progressRow.setVisible(reading)
        self.okButton.setEnabled(not reading)
        for widget in (self.sheetCombo, self.encodingCombo, self.phoneCombo, self.countryCombo):
            widget.setEnabled(not reading)
        if reading:
            self.progress.setRange(0, 0)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_reread(self, result: object) -> None:
        self._set_reading(False)
        if isinstance(result, TableRead):
            self._show(result)
            return
        self._show(self._read)  # the combos go back to what is shown
        if isinstance(result, ReadCancelled):
            return
        assert isinstance(result, BaseException)
        self.notice.show_message(failure_sentence(self._read.path, result), Tone.ERROR)

    def reject(self) -> None:
        self._reader.cancel()
        super().reject()


def region_display_name(region: str) -> str:
    """ "United States" for "US" (the code itself when unknown)."""
    from vitedesk.core.leads.regions import REGION_NAMES

    return dict(REGION_NAMES).get(region, region)
