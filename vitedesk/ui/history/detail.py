"""The History window's detail pane: one send in words (result, message, recipients, route), with the
developer fields (local id, fingerprint, the server's raw status and error code) folded under "Details"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.wording import plural
from vitedesk.store.history_entry import HistoryEntry
from vitedesk.ui.history.model import local_time, state_color

# (key, label) in the order a person reads them; rows without a value for a send are hidden.
_FIELDS = (
    ("result", "Result"),
    ("error_message", "What happened"),
    ("created", "Sent at"),
    ("finished", "Finished"),
    ("account", "Account"),
    ("server", "Server"),
    ("route", "Route"),
    ("protocol", "Type"),
    ("size", "Messages"),
    ("cost", "Cost estimate"),
    ("images", "Pictures"),
    ("message", "Message"),
    ("recipients", "Recipients"),
)
_DEVELOPER_FIELDS = (
    ("local_id", "Local id"),
    ("fingerprint", "Fingerprint"),
    ("remote_status", "Server status"),
    ("error_status", "Error code"),
    ("campaign", "Campaign id"),
)
_OPTIONAL = {"error_message", "cost", "images"}
NOT_KEPT = "The numbers were not kept: this campaign was sent before ViteDesk kept them."
NUMBER_LINES_SHOWN = 8


class DetailPane(QScrollArea):
    """One send, selectable for copying; ``show_entry(None, …)`` shows a sentence instead."""

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
        box_layout = QVBoxLayout(self.form_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self._form = _form(None)
        box_layout.addLayout(self._form)
        self.values: dict[str, QLabel] = {}
        for key, label in _FIELDS:
            self.values[key] = _value(self._form, key, label, self.form_box)
        bold = self.values["result"].font()
        bold.setBold(True)
        self.values["result"].setFont(bold)
        self.message = self.values["message"]
        self.message.setAccessibleName("Message text")
        self.numbers = QPlainTextEdit(self.form_box)
        self.numbers.setObjectName("historyDetailNumbers")
        self.numbers.setAccessibleName("Phone numbers this campaign went to")
        self.numbers.setReadOnly(True)
        self.numbers.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        line = self.numbers.fontMetrics().lineSpacing()
        self.numbers.setMaximumHeight(line * NUMBER_LINES_SHOWN + 12)
        self._form.addRow("", self.numbers)

        self.detailsButton = QToolButton(self.form_box)
        self.detailsButton.setObjectName("historyDetailsButton")
        self.detailsButton.setText("Details")
        self.detailsButton.setCheckable(True)
        self.detailsButton.setAutoRaise(True)
        self.detailsButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.detailsButton.setArrowType(Qt.ArrowType.RightArrow)
        self.detailsButton.setAccessibleName("Show the technical details")
        self.detailsButton.toggled.connect(self._details_toggled)
        self._form.addRow(self.detailsButton)
        # In the same form as the rest (rows shown or hidden), so the pane lays out as one column.
        for key, label in _DEVELOPER_FIELDS:
            self.values[key] = _value(self._form, key, label, self.form_box)
            self._form.setRowVisible(self.values[key], False)
        box_layout.addStretch(1)

        layout.addWidget(self.placeholder)
        layout.addWidget(self.form_box, 1)
        self.setWidget(body)
        self.show_entry(None, empty_text="")

    def show_entry(
        self,
        entry: HistoryEntry | None,
        *,
        empty_text: str = "",
        numbers: Sequence[str] | None = None,
        searched: Sequence[str] = (),
    ) -> None:
        """Show ``entry`` and the ``numbers`` it went to (None: not kept); ``searched`` numbers are named."""
        self.form_box.setVisible(entry is not None)
        self.placeholder.setVisible(entry is None)
        self.placeholder.setText(empty_text)
        if entry is None:
            return
        texts = _texts(entry)
        texts["recipients"] = _recipients_text(entry, numbers, searched)
        for key, text in texts.items():
            self.values[key].setText(text)
            if key in _OPTIONAL:
                self._form.setRowVisible(self.values[key], bool(text))
        self.values["fingerprint"].setToolTip(entry.fingerprint)
        self.numbers.setVisible(bool(numbers))
        self.numbers.setPlainText("\n".join(numbers or ()))
        result = self.values["result"]
        palette = result.palette()
        normal = self.palette().color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, state_color(entry.state) or normal)
        result.setPalette(palette)
        self._fit()

    def _fit(self) -> None:
        # QScrollArea sizes its widget from the size hint, not from the wrapped labels' height for this
        # width: without this, long values are cut off and rows spread apart after a change.
        body = self.widget()
        layout = body.layout() if body is not None else None
        if body is not None and layout is not None:
            body.setMinimumHeight(layout.totalHeightForWidth(self.viewport().width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def field_text(self, key: str) -> str:
        return self.values[key].text()

    def field_shown(self, key: str) -> bool:
        """Whether a person sees this field now (its row shown, and "Details" open for a developer field)."""
        return self.values[key].isVisibleTo(self)

    def _details_toggled(self, shown: bool) -> None:
        for key, _label in _DEVELOPER_FIELDS:
            self._form.setRowVisible(self.values[key], shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.detailsButton.setArrowType(arrow)
        self.detailsButton.setAccessibleName(f"{'Hide' if shown else 'Show'} the technical details")
        self._fit()


def _texts(entry: HistoryEntry) -> dict[str, str]:
    return {
        "result": entry.result_sentence,
        "error_message": entry.error_message or "",
        "created": local_time(entry.created_at),
        "finished": local_time(entry.finished_at) or "not yet",
        "account": entry.account,
        "server": entry.server_url,
        "route": entry.route_text,
        "protocol": entry.kind_text,
        "size": entry.size_text,
        "cost": entry.cost_estimate,
        "images": ", ".join(entry.image_names),
        "message": entry.message,
        "local_id": str(entry.local_id),
        # Shortened so the pane needs no horizontal scrolling; the tooltip and the CSV have all of it.
        "fingerprint": f"{entry.fingerprint[:16]}…" if len(entry.fingerprint) > 16 else entry.fingerprint,
        "remote_status": entry.remote_status or "—",
        "error_status": "—" if entry.error_status is None else str(entry.error_status),
        "campaign": "—" if entry.campaign_id is None else str(entry.campaign_id),
    }


def _recipients_text(entry: HistoryEntry, numbers: Sequence[str] | None, searched: Sequence[str]) -> str:
    people = plural(entry.recipient_count, "recipient")
    if numbers is None:
        return f"{people}. {NOT_KEPT}"
    found = [number for number in searched if number in set(numbers)]
    if not found:
        return people
    noun = "the number" if len(found) == 1 else "the numbers"
    return f"{people}, including {', '.join(found)} ({noun} you searched for)"


def _form(parent: QWidget | None) -> QFormLayout:
    form = QFormLayout(parent)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    # Labels at the top of their row: next to the first line of a value that wraps.
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return form


def _value(form: QFormLayout, key: str, label: str, parent: QWidget) -> QLabel:
    value = QLabel(parent)
    value.setObjectName(f"historyDetail_{key}")
    value.setWordWrap(True)
    value.setTextFormat(Qt.TextFormat.PlainText)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    form.addRow(f"{label}:", value)
    return value
