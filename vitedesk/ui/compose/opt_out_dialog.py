"""The opt-out list dialog [optOutDialog]: the numbers in an editor [optOutEdit] that reads them like the
recipients (paste, type, drop or import a spreadsheet; numbers without a country code read with the default
country), a summary [optOutSummary], and Save / Cancel. Cancel keeps the list as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from vitedesk.core.leads.review import summary_parts
from vitedesk.core.wording import plural
from vitedesk.ui.compose.leads import LeadEditor

INTRO = (
    "Nobody on this list gets a text from ViteDesk: these numbers are left out of every campaign. Paste, "
    "type or import the numbers of people who asked not to be contacted, one per line."
)
EMPTY = "The list is empty: paste, type or import numbers."


class OptOutDialog(QDialog):
    """Edit the opt-out list; `numbers()` after Save holds every number read (E.164, sorted)."""

    def __init__(self, numbers: frozenset[str], default_region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optOutDialog")
        self.setWindowTitle("Opt-out list")
        self.setMinimumWidth(480)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.editor = LeadEditor(self, default_region, keep_unverified=True, kept_name="On the list")
        self.editor.leftOutExport.hide()  # it exports what a campaign leaves out
        self.optOutEdit = self.editor.leadEdit
        self.optOutEdit.setObjectName("optOutEdit")
        self.optOutEdit.setAccessibleName("Opted-out phone numbers, one per line")
        self.editor.leadSummary.hide()  # it speaks of recipients; the list has its own words
        self.optOutSummary = QLabel(EMPTY, self)
        self.optOutSummary.setObjectName("optOutSummary")
        self.optOutSummary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.saveButton = QPushButton("&Save list", self)
        self.saveButton.setObjectName("optOutSave")
        buttons.addButton(self.saveButton, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.optOutSummary)
        layout.addWidget(buttons)
        self.editor.reportChanged.connect(self._show_summary)
        self.editor.busyChanged.connect(self._busy)
        self.editor.set_text("\n".join(sorted(numbers)))
        self.optOutEdit.setFocus()

    def numbers(self) -> frozenset[str]:
        """Every number the editor could read (numbers that may not exist too: they are opted out all the
        same)."""
        return frozenset(self.editor.review().report.numbers)

    def _busy(self, busy: bool) -> None:
        # Saving mid-parse would keep the list as it was before the last edit.
        self.saveButton.setEnabled(not busy)

    def _show_summary(self, _report: object) -> None:
        review = self.editor.review()
        if not self.editor.text().strip():
            self.optOutSummary.setText(EMPTY)
            return
        parts = [f"{plural(len(review.report.numbers), 'number')} on the list", *summary_parts(review)[1:]]
        text = " · ".join(parts)
        if review.invalid:
            text += ". Lines that need attention are not kept: correct them or they are left out."
        self.optOutSummary.setText(text)
