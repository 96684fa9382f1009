"""The Send bar under the campaign: how it goes out (SMS / MMS), why Send is unavailable, progress, Send."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from vitedesk.ui.common.widgets import named


class SendBar(QWidget):
    """Children by objectName: protocolLabel, sendReason, sendProgress, testSendButton, sendButton."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.protocolLabel = named(QLabel(), "protocolLabel")
        self.protocolLabel.setAccessibleName("Sent as")
        font = self.protocolLabel.font()
        font.setBold(True)
        self.protocolLabel.setFont(font)
        self.sendReason = named(QLabel(), "sendReason")
        self.sendReason.setWordWrap(True)
        self.sendReason.setAccessibleName("Why Send is not available")
        # Room for two lines whether or not there is a reason: a reason appearing never moves the window.
        self.sendReason.setMinimumHeight(2 * self.sendReason.fontMetrics().lineSpacing())
        self.sendProgress = named(QProgressBar(), "sendProgress")
        self.sendProgress.setRange(0, 0)  # busy indicator: the API gives no progress to show
        self.sendProgress.setTextVisible(False)
        self.sendProgress.setMaximumWidth(140)
        self.sendProgress.setAccessibleName("Sending")
        self.sendProgress.setVisible(False)
        # Shown by ui/send/to_myself.py when there are settings to keep the person's own number in.
        self.testSendButton = named(QPushButton("Send a &test to me"), "testSendButton")
        self.testSendButton.setToolTip("Send this campaign to your own number only, without confirmation")
        self.testSendButton.setVisible(False)
        self.sendButton = named(QPushButton("Send…"), "sendButton")
        self.sendButton.setAccessibleName("Send the campaign")
        self.sendButton.setMinimumWidth(120)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Sent as:"))
        layout.addWidget(self.protocolLabel)
        layout.addSpacing(16)
        layout.addWidget(self.sendReason, 1)
        layout.addWidget(self.sendProgress)
        layout.addWidget(self.testSendButton)
        layout.addWidget(self.sendButton)
