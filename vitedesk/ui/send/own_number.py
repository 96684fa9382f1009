"""[ownNumberDialog]: asks once for the person's own number, for "Send a test to me"; checked as typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from vitedesk.core.own_number import OwnNumber, read_own_number
from vitedesk.ui.common.widgets import named


class OwnNumberDialog(QDialog):
    """One line for the number, a sentence under it while it cannot be used, OK only when it can."""

    def __init__(self, default_region: str, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownNumberDialog")
        self.setWindowTitle("Your own number")
        self._region = default_region
        self._read = OwnNumber(None, None)
        intro = QLabel(
            "Test messages go to this number only, so you can see the campaign as your recipients will. "
            "It is kept in your settings and can be changed there.",
            self,
        )
        intro.setWordWrap(True)
        self.ownNumberEdit = named(QLineEdit(current, self), "ownNumberEdit")
        self.ownNumberEdit.setPlaceholderText("+1 202 555 0143")
        self.ownNumberEdit.setAccessibleName("Your mobile number")
        self.problemLabel = named(QLabel(self), "ownNumberProblem")
        self.problemLabel.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.ownNumberEdit)
        layout.addWidget(self.problemLabel)
        layout.addWidget(self.buttons)
        self.ownNumberEdit.textChanged.connect(self._check)
        self._check()

    def number(self) -> str | None:
        """The number in E.164 once it can be used."""
        return self._read.e164

    def _check(self) -> None:
        typed = self.ownNumberEdit.text()
        self._read = read_own_number(typed, self._region)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self._read.e164 is not None)
        # Nothing to say before the person has typed anything.
        self.problemLabel.setText(self._read.problem or "" if typed.strip() else "")
        self.problemLabel.setVisible(bool(self.problemLabel.text()))
