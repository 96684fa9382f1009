"""The notice under the Send button: what happened to the last send, and the one action that helps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vitedesk.ui.common.widgets import Tone, edge_colour, named
from vitedesk.ui.send.send_flow import Action, Notice

ICONS = {
    Tone.SUCCESS: QStyle.StandardPixmap.SP_DialogApplyButton,
    Tone.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
    Tone.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Tone.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
}
ACTION_LABELS = {"retry": "Try again", "recipients": "Check recipients", "login": "Log in…"}


class StatusBanner(QFrame):
    """A coloured stripe, an icon, the sentence [sendStatus] and an optional action button.

    Colours only mark the edge; text and background come from the system palette (light and dark themes).
    """

    actionRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._action: Action = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.icon = named(QLabel(), "statusIcon")
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.sendStatus = named(QLabel(), "sendStatus")
        self.sendStatus.setWordWrap(True)
        self.sendStatus.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sendStatus.setAccessibleName("Result of the last send")
        # The sentence, then (collapsed) the server's own words: raw text never stands in the sentence.
        self.detailsButton = named(QToolButton(), "sendStatusDetailsButton")
        self.detailsButton.setText("Details")
        self.detailsButton.setCheckable(True)
        self.detailsButton.setAutoRaise(True)
        self.detailsButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.detailsButton.setArrowType(Qt.ArrowType.RightArrow)
        self.detailsButton.setAccessibleName("Show the details")
        self.detailsButton.toggled.connect(self._details_toggled)
        self.detailsLabel = named(QLabel(), "sendStatusDetails")
        self.detailsLabel.setWordWrap(True)
        self.detailsLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.detailsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detailsLabel.setAccessibleName("Details of the last send")
        self.detailsLabel.setVisible(False)
        text_column = QVBoxLayout()
        text_column.setContentsMargins(0, 0, 0, 0)
        text_column.setSpacing(2)
        text_column.addWidget(self.sendStatus)
        text_column.addWidget(self.detailsButton, 0, Qt.AlignmentFlag.AlignLeft)
        text_column.addWidget(self.detailsLabel)
        layout.addLayout(text_column, 1)
        self.actionButton = named(QPushButton(), "statusAction")
        self.actionButton.setVisible(False)
        self.actionButton.setAccessibleName("What to do next")
        self.actionButton.clicked.connect(lambda: self.actionRequested.emit(self._action))
        layout.addWidget(self.actionButton, 0, Qt.AlignmentFlag.AlignTop)
        self.closeButton = named(QPushButton("Dismiss"), "statusDismiss")
        self.closeButton.setFlat(True)
        self.closeButton.clicked.connect(self.hide)
        layout.addWidget(self.closeButton, 0, Qt.AlignmentFlag.AlignTop)
        self.notice: Notice | None = None
        self.hide()

    def show_notice(self, notice: Notice) -> None:
        self.notice = notice
        accent = edge_colour(notice.level).name()
        self.setStyleSheet(
            f"#statusBanner {{ border: 1px solid {accent}; border-left: 6px solid {accent};"
            " background: palette(alternate-base); border-radius: 3px; }"
        )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(ICONS[notice.level]).pixmap(size, size))
        self.sendStatus.setText(notice.text)
        self.detailsLabel.setText(notice.details)
        self.detailsButton.setChecked(False)
        self.detailsButton.setVisible(bool(notice.details))
        self.detailsLabel.setVisible(False)
        self._action = notice.action
        self.actionButton.setText(ACTION_LABELS.get(notice.action, ""))
        self.actionButton.setAccessibleName(ACTION_LABELS.get(notice.action, "What to do next"))
        self.actionButton.setVisible(bool(notice.action))
        self.show()

    def _details_toggled(self, shown: bool) -> None:
        self.detailsLabel.setVisible(shown)
        self.detailsButton.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.detailsButton.setAccessibleName("Hide the details" if shown else "Show the details")

    def show_progress(self, text: str) -> None:
        self.show_notice(Notice(Tone.INFO, text))
