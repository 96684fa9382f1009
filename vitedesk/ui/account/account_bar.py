"""The strip above the campaign that says who is signed in, with the button that logs in or out."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from vitedesk.ui.account.session import AccountSession
from vitedesk.ui.common.widgets import named


class AccountBar(QWidget):
    """Children by objectName: accountLabel, accountButton (its clicks are the owner's to handle)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accountLabel = named(QLabel(), "accountLabel")
        self.accountButton = named(QPushButton(), "accountButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.accountLabel)
        layout.addWidget(self.accountButton)

    def show_session(self, session: AccountSession) -> None:
        if session.signed_in:
            self.accountLabel.setText(f"Signed in: <b>{session.account_label}</b>")
            self.accountButton.setText("Log out")
            self.accountButton.setAccessibleName("Log out")
        else:
            self.accountLabel.setText("Not signed in")
            self.accountButton.setText("Log in…")
            self.accountButton.setAccessibleName("Log in")
