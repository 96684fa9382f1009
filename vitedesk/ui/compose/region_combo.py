"""The default-country picker: every country phonenumbers knows, searchable by name or calling code."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from vitedesk.core.leads import supported_regions


class RegionCombo(QComboBox):
    """Searchable country picker: type any part of a name or calling code; unknown text reverts on leaving."""

    regionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        for code, name, calling_code in supported_regions():
            self.addItem(f"{name} (+{calling_code})", code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        self._region = ""
        self.currentIndexChanged.connect(self._on_index)
        line = self.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._commit_text)

    def region(self) -> str:
        return self._region

    def set_region(self, code: str) -> bool:
        """Select region ``code`` (e.g. "US"); False when it is not in the list."""
        index = self.findData(code.upper())
        if index < 0:
            return False
        self.setCurrentIndex(index)
        self._on_index(index)
        return True

    def _on_index(self, index: int) -> None:
        code = self.itemData(index) if index >= 0 else None
        if isinstance(code, str) and code != self._region:
            self._region = code
            self.regionChanged.emit(code)

    def _commit_text(self) -> None:
        text = self.currentText().strip().casefold()
        exact = [i for i in range(self.count()) if self.itemText(i).casefold() == text]
        starts = (
            [i for i in range(self.count()) if self.itemText(i).casefold().startswith(text)] if text else []
        )
        choice = (exact or starts or [self.findData(self._region)])[0]
        if choice >= 0:
            self.setCurrentIndex(choice)
            self.setEditText(self.itemText(choice))
