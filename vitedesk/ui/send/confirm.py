"""The last look before a campaign goes out: who, what, how many, which route.

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
from vitedesk.core.media import format_size
from vitedesk.core.wording import plural
from vitedesk.ui.common.widgets import named

FIRST_NUMBERS = 5


def protocol_text(campaign: Campaign) -> str:
    """'SMS' or 'MMS — 3 images', as the main window and the confirmation show it."""
    if campaign.effective_protocol == "MMS":
        return f"MMS — {plural(len(campaign.images), 'image')}"
    return "SMS"


def images_text(campaign: Campaign) -> str:
    """The pictures by name, with the size each is sent at when they were prepared: "logo.png (40 KB), …"."""
    uploads = campaign.uploads()
    if uploads is None or len(uploads) != len(campaign.images):
        return ", ".join(path.name for path in campaign.images)
    listed = ", ".join(f"{copy.source.name} ({format_size(copy.size)})" for copy in uploads)
    return f"{listed}; {format_size(sum(copy.size for copy in uploads))} in all"


def first_numbers_text(leads: list[str], shown: int = FIRST_NUMBERS) -> str:
    head = ", ".join(leads[:shown])
    rest = len(leads) - shown
    return f"{head} and {plural(rest, 'more number')}" if rest > 0 else head


class ConfirmDialog(QDialog):
    """Summary of the campaign with Send / Cancel; accept() means 'send it'."""

    def __init__(self, campaign: Campaign, account: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle("Send this campaign?")
        self.setAccessibleName("Confirm the campaign")
        self.setModal(True)
        leads = list(campaign.leads)
        info = campaign.segment_info
        total = campaign.total_messages

        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>Send {plural(total, 'message')} to {plural(len(leads), 'recipient')}?</b>")
        heading.setObjectName("confirmHeading")
        layout.addWidget(heading)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._rows: dict[str, QLabel] = {}

        def row(key: str, label: str, text: str) -> None:
            value = named(QLabel(text), f"confirm_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self._rows[key] = value

        recipients = plural(len(leads), "recipient")
        if campaign.unverified:
            recipients += f" ({plural(len(campaign.unverified), 'number')} could not be checked)"
        row("recipients", "Recipients:", recipients)
        row("first", "First numbers:", first_numbers_text(leads))
        row("protocol", "Sent as:", protocol_text(campaign))
        if campaign.effective_protocol == "SMS":
            row("parts", "Parts per message:", f"{plural(info.segments, 'SMS', 'SMS')} ({info.encoding})")
        row("total", "Total messages:", f"{total:,}")
        row("route", "Route:", campaign.route.describe())
        if campaign.images:
            row("images", "Images:", images_text(campaign))
        if account:
            row("account", "Account:", account)
        preview = named(QPlainTextEdit(campaign.message), "confirmMessage")
        preview.setReadOnly(True)
        preview.setAccessibleName("Message text")
        preview.setFixedHeight(96)
        preview.setTabChangesFocus(True)
        form.addRow("Message:", preview)
        layout.addLayout(form)
        layout.addStretch(1)

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
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.cancelButton.setFocus()

    def value(self, key: str) -> str:
        """Text of one summary row: recipients, first, protocol, parts, total, route, images, account."""
        return self._rows[key].text()
