"""What the Recipients area says about a parse: the summary, the problem rows, what the default country
does, the offer to switch country, and the check box that includes numbers that may not exist."""

from __future__ import annotations

import phonenumbers
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from vitedesk.core.leads.chunked import parse_lines
from vitedesk.core.leads.review import LeadReview, review_report, summary_sentence
from vitedesk.core.leads.rules import region_name
from vitedesk.ui.common.widgets import InlineNotice, Tone
from vitedesk.ui.compose.lead_problems_model import UNVERIFIED_REASON, LeadProblem, ProblemKind


def summary_text(review: LeadReview) -> str:
    """ "1,204 recipients · 12 duplicates removed · 3 lines need attention" (zero counts left out)."""
    return summary_sentence(review)


def region_words(region: str) -> str:
    """ "Numbers without a country code are read as United States (+1)." """
    code = phonenumbers.country_code_for_region(region)
    return f"Numbers without a country code are read as {region_name(region)} (+{code})."


def problems_of(review: LeadReview) -> list[LeadProblem]:
    """Lines that cannot be used first, then numbers that may not exist, each in line order."""
    found = [LeadProblem(r.line, r.raw, r.reason, ProblemKind.UNUSABLE) for r in review.invalid]
    unusual = [
        LeadProblem(lead.line, lead.raw, UNVERIFIED_REASON, ProblemKind.UNVERIFIED)
        for lead in review.unverified
    ]
    unusual.sort(key=lambda problem: problem.line)
    return found + unusual


def read_leads(text: str, default_region: str) -> tuple[LeadReview, list[LeadProblem]]:
    """The review and its problem rows, both made on the worker thread (a 200,000-line list can hold a
    million rows: building them on the UI thread stood the window still for seconds)."""
    # A slice of lines at a time: parse_leads' whole-text passes hold the GIL and stood the window still.
    review = review_report(parse_lines(text.split("\n"), default_region), text, default_region)
    return review, problems_of(review)


class LeadReviewPanel(QWidget):
    """[regionExplain], the country offer [countryHint] with [switchCountryButton], and [includeUnverified].

    ``includeChanged(bool)`` when the person ticks or clears the box; ``switchRegion(code)`` on the offer.
    """

    includeChanged = Signal(bool)
    switchRegion = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offered = ""
        self.regionExplain = QLabel(self)
        self.regionExplain.setObjectName("regionExplain")
        self.regionExplain.setWordWrap(True)
        self.countryHint = InlineNotice(self, dismissable=True)
        self.countryHint.setObjectName("countryHint")
        self.switchCountryButton = QPushButton(self.countryHint)
        self.switchCountryButton.setObjectName("switchCountryButton")
        self.switchCountryButton.setAccessibleName("Switch the default country")
        self.countryHint.row.insertWidget(1, self.switchCountryButton)
        self.includeUnverified = QCheckBox(parent)  # laid out by the editor, under the summary
        self.includeUnverified.setObjectName("includeUnverified")
        self.includeUnverified.setAccessibleName("Send to the numbers that may not exist anyway")
        self.includeUnverified.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.regionExplain)
        layout.addWidget(self.countryHint)
        self.includeUnverified.toggled.connect(self.includeChanged)
        self.switchCountryButton.clicked.connect(self._switch)

    def include(self) -> bool:
        return self.includeUnverified.isVisible() and self.includeUnverified.isChecked()

    def show_region(self, region: str) -> str:
        words = region_words(region)
        self.regionExplain.setText(words)
        return words

    def show_review(self, review: LeadReview, blank: bool) -> None:
        count = len(review.unverified)
        if blank or not count:
            self.includeUnverified.blockSignals(True)
            self.includeUnverified.setChecked(False)  # a new list starts without them
            self.includeUnverified.blockSignals(False)
        self.includeUnverified.setText(
            f"Send to {'this number' if count == 1 else f'these {count:,} numbers'} anyway"
        )
        self.includeUnverified.setToolTip(
            "These numbers have the right length but may not exist. Tick to send to them in this campaign."
        )
        self.includeUnverified.setVisible(count > 0 and not blank)
        hint = review.hint
        if hint is None or blank:
            self._offered = ""
            self.countryHint.dismiss()
            return
        self._offered = hint.region
        code = phonenumbers.country_code_for_region(hint.region)
        self.switchCountryButton.setText(f"Read them as {region_name(hint.region)} (+{code})")
        self.countryHint.show_message(
            f"{hint.sentence} Read as {region_name(review.region)} numbers, they will not be sent.",
            Tone.WARNING,
        )

    def _switch(self) -> None:
        if self._offered:
            self.switchRegion.emit(self._offered)
