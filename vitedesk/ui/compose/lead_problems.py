"""The list of lead lines that need attention; activating a row asks to show that line in the editor."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from vitedesk.ui.compose.lead_problems_model import LINE_ROLE, LeadProblemsModel

VISIBLE_ROWS = 6


class LeadProblemsView(QListView):
    """Uniform rows, fetched lazily; ``lineActivated(line)`` (1-based) on click, Enter or double-click."""

    lineActivated = Signal(int)

    def __init__(self, model: LeadProblemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setUniformItemSizes(True)  # constant-time layout however many rows are fetched
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAlternatingRowColors(True)
        self.clicked.connect(self._activate)
        self.activated.connect(self._activate)

    def _activate(self, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if isinstance(line, int):
            self.lineActivated.emit(line)

    def fit_height(self) -> None:
        """Tall enough for up to VISIBLE_ROWS rows; longer lists scroll."""
        rows = VISIBLE_ROWS  # the same height as the recipients table beside it: switching tabs does not jump
        row_height = self.sizeHintForRow(0) if self.model().rowCount() else self.fontMetrics().height() + 4
        frame = 2 * self.frameWidth()
        self.setFixedHeight(rows * row_height + frame + 2)
