"""The last look before a campaign goes out: from which account, to whom, what, how many, which route, at
what cost and with which warnings. The text comes from core.confirmation; this module only lays it out.

Cancel is the default button, so an Enter pressed out of habit (or a repeated Ctrl+Return) never confirms a
send. Sending takes a deliberate click on Send, Alt+S, or Tab to it and Space.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.campaign import Campaign
from vitedesk.core.confirmation import (
    FIRST_NUMBERS,
    SendContext,
    first_numbers_text,
    images_text,
    protocol_text,
    summary_rows,
    warnings,
)
from vitedesk.core.wording import plural
from vitedesk.ui.common.widgets import InlineNotice, Tone, named, scrolling

__all__ = ["FIRST_NUMBERS", "ConfirmDialog", "first_numbers_text", "images_text", "protocol_text"]


class ConfirmDialog(QDialog):
    """Summary of the campaign with Send / Cancel; accept() means 'send it'."""

    def __init__(
        self,
        campaign: Campaign,
        context: SendContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle("Send this campaign?")
        self.setAccessibleName("Confirm the campaign")
        self.setModal(True)
        context = context or SendContext()
        total = campaign.total_messages

        heading = QLabel(
            f"<b>Send {plural(total, 'message')} to {plural(len(campaign.leads), 'recipient')}?</b>"
        )
        heading.setObjectName("confirmHeading")

        body = named(QWidget(), "confirmBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows: dict[str, QLabel] = {}
        for row in summary_rows(campaign, context):
            value = named(QLabel(row.text), f"confirm_{row.key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(row.label, value)
            self._rows[row.key] = value
        preview = named(QPlainTextEdit(campaign.message), "confirmMessage")
        preview.setReadOnly(True)
        preview.setAccessibleName("Message text")
        preview.setFixedHeight(80)
        preview.setTabChangesFocus(True)
        form.addRow("Message:", preview)
        body_layout.addLayout(form)

        self._warnings = warnings(campaign, context)
        self.warningNotices: list[InlineNotice] = []
        for index, text in enumerate(self._warnings):
            notice = named(InlineNotice(body, dismissable=False), f"confirmWarning{index}")
            notice.show_message(text, Tone.WARNING)
            body_layout.addWidget(notice)
            self.warningNotices.append(notice)
        body_layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancelButton = named(QPushButton("Cancel"), "confirmCancelButton")
        self.cancelButton.setDefault(True)
        self.cancelButton.clicked.connect(self.reject)
        self.sendButton = named(QPushButton(f"&Send {plural(total, 'message')}"), "confirmSendButton")
        self.sendButton.setAutoDefault(False)
        self.sendButton.clicked.connect(self.accept)
        buttons.addWidget(self.cancelButton)
        buttons.addWidget(self.sendButton)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        # Long warnings on a small screen scroll; the buttons always stay in view.
        layout.addWidget(scrolling(body, "confirmScroll"), 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        room = self.screen().availableGeometry()
        self.resize(min(640, room.width() - 40), min(body.sizeHint().height() + 120, room.height() - 80))
        self.cancelButton.setFocus()

    def value(self, key: str) -> str:
        """Text of one summary row (account, route, recipients, country, first, protocol, parts, total,
        images, cost, quiet); "" for a row that is not shown."""
        row = self._rows.get(key)
        return row.text() if row is not None else ""

    def warnings(self) -> list[str]:
        """The warnings shown under the summary, top to bottom."""
        return list(self._warnings)
