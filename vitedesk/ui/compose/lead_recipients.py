"""The table of what will be sent: each cleaned recipient (E.164), its country and the line it came from,
with a search box that finds a number typed in any of the usual formats."""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from vitedesk.core.leads.rules import region_name

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Number", "Country", "Line")
LINE_ROLE = Qt.ItemDataRole.UserRole
_NOT_DIGITS = re.compile(r"[^\d]")


def country_of(e164: str) -> str:
    """English country name of an E.164 number ("United States"), or "" when unknown."""
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return ""
    return region_name(region) if region and region not in ("ZZ", "001") else ""


class RecipientsModel(QAbstractTableModel):
    """Rows (E.164, line); the country is worked out only for rows shown. ``search`` keeps the rows whose
    digits contain the digits typed (so "(202) 555-0143", "202.555.0143" and "+1 202 555 0143" all match)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._numbers: list[str] = []
        self._lines: list[int] = []
        self._rows: Sequence[int] = []
        self._query = ""
        self._countries: dict[str, str] = {}

    def set_recipients(self, numbers: list[str], lines: list[int]) -> None:
        self.beginResetModel()
        self._numbers = numbers
        self._lines = lines if len(lines) == len(numbers) else [0] * len(numbers)
        self._rows = self._matching(self._query)
        self.endResetModel()

    def search(self, text: str) -> None:
        """Show the recipients whose number contains the digits of ``text`` (all when it has none)."""
        self.beginResetModel()
        self._query = _NOT_DIGITS.sub("", text)
        self._rows = self._matching(self._query)
        self.endResetModel()

    def _matching(self, digits: str) -> Sequence[int]:
        if not digits:
            return range(len(self._numbers))  # not a list: a million rows would stand the window still
        # "(202) 555-0143" and "2025550143" find +12025550143; a national number with a trunk 0
        # ("07400 123456") finds +447400123456
        short = digits.lstrip("0") or digits
        return [row for row, number in enumerate(self._numbers) if digits in number or short in number]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == LINE_ROLE:
            return self._lines[row]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        number = self._numbers[row]
        column = index.column()
        if column == 0:
            return number
        if column == 1:
            if number not in self._countries:
                self._countries[number] = country_of(number)
            return self._countries[number]
        return f"{self._lines[row]:,}" if self._lines[row] else ""


class RecipientsTable(QWidget):
    """Search box [recipientSearch] over the table [recipientTable]; ``lineActivated(line)`` on a row."""

    lineActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecipientsModel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("recipientSearch")
        self.search.setPlaceholderText("Find a number (any format)")
        self.search.setAccessibleName("Find a recipient by number")
        self.search.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setObjectName("recipientTable")
        self.table.setAccessibleName("Recipients that will be sent to")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, self.fontMetrics().horizontalAdvance("+000 0000 000000") + 12)
        self.table.setColumnWidth(1, self.fontMetrics().horizontalAdvance("United Kingdom") + 24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self.model.search)
        self.table.activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)

    def _activate(self, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if isinstance(line, int) and line > 0:
            self.lineActivated.emit(line)
