"""Recipients: the lead text box, default country, live summary and the lines that need attention.

Parsing runs on a worker thread (ui.common.worker: the result comes back as a Qt signal), debounced, and a
generation counter drops results for text that has changed since. The user's text is never rewritten.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.leads import LeadReport, parse_leads
from vitedesk.core.leads.review import LeadReview, review_report
from vitedesk.core.wording import plural
from vitedesk.ui.common.file_drops import take_files
from vitedesk.ui.common.widgets import InlineNotice
from vitedesk.ui.common.worker import Worker
from vitedesk.ui.compose.lead_import import LeadImport
from vitedesk.ui.compose.lead_problems import LeadProblemsView
from vitedesk.ui.compose.lead_problems_model import LeadProblem, LeadProblemsModel, ProblemKind
from vitedesk.ui.compose.lead_recipients import RecipientsTable
from vitedesk.ui.compose.lead_review import LeadReviewPanel, read_leads, summary_text
from vitedesk.ui.compose.lead_text import LeadTextEdit
from vitedesk.ui.compose.left_out import LeftOutExport
from vitedesk.ui.compose.region_combo import RegionCombo

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200
EMPTY_SUMMARY = "Paste or type phone numbers, one per line, or import a spreadsheet or CSV file."


IMPORT_NUMBERS = "Import numbers…"
"""The one name of the import action: the button here, the File menu, tooltips and the README."""
IMPORT_NUMBERS_TIP = (
    "Add the phone numbers from a spreadsheet (.xlsx, .xls, .ods) or a .csv or .txt file (Ctrl+O)."
)


class LeadEditor(QWidget):
    """Paste, type, drop or import leads; reportChanged(LeadReport) after each (debounced) parse."""

    reportChanged = Signal(object)  # LeadReport
    busyChanged = Signal(bool)  # True while a parse or a large load is under way
    textChanged = Signal()
    defaultRegionChanged = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        default_region: str = "US",
        *,
        keep_unverified: bool = False,
        kept_name: str = "Recipients",
    ) -> None:
        """`keep_unverified`: numbers that may not exist always count and need no attention (the opt-out
        list keeps them too); `kept_name` names the tab of the numbers kept."""
        super().__init__(parent)
        self._keep_unverified = keep_unverified
        self._kept_name = kept_name
        self._opted_out: frozenset[str] = frozenset()
        self.setAccessibleName("Recipients")
        self.setAcceptDrops(True)
        self._generation = 0
        self._parsing = False
        self._parsed_text_is_blank = True
        self._busy = False
        self._problems_shown = 0
        self._report: LeadReport = parse_leads("", default_region)
        self._review: LeadReview = review_report(self._report, "", default_region)
        self._parser = Worker("lead-parse", self)
        self._parser.done.connect(self._on_parsed)

        self.leadEdit = LeadTextEdit(self)
        self.leadEdit.setObjectName("leadEdit")
        self.leadEdit.setAccessibleName("Phone numbers, one per line")
        self.leadEdit.setPlaceholderText("+1 202 555 0143\n(202) 555-0178\n…")
        self.leadEdit.setTabChangesFocus(True)
        self.leadEdit.setLineWrapMode(LeadTextEdit.LineWrapMode.NoWrap)

        self.regionLabel = QLabel("Default &country:", self)
        self.regionCombo = RegionCombo(self)
        self.regionCombo.setObjectName("regionCombo")
        self.regionCombo.setAccessibleName("Default country for numbers without a country code")
        self.regionCombo.setToolTip("Used for numbers written without a + and country code.")
        self.regionLabel.setBuddy(self.regionCombo)
        self.importButton = QPushButton(f"&{IMPORT_NUMBERS}", self)
        self.importButton.setObjectName("importButton")
        self.importButton.setAccessibleName("Import numbers from a file")
        self.importButton.setToolTip(IMPORT_NUMBERS_TIP)

        self.leadSummary = QLabel(EMPTY_SUMMARY, self)
        self.leadSummary.setObjectName("leadSummary")
        self.leadSummary.setAccessibleName("Recipients summary")
        self.leadSummary.setWordWrap(True)
        font = self.leadSummary.font()
        font.setBold(True)
        self.leadSummary.setFont(font)

        self.fileNotice = InlineNotice(self, dismissable=True)
        self.fileNotice.setObjectName("leadFileNotice")
        self.reviewPanel = LeadReviewPanel(self)
        self.includeUnverified = self.reviewPanel.includeUnverified
        self.importer = LeadImport(self)
        self.problemsModel = LeadProblemsModel(parent=self)
        self.problemsModel.set_line_names(self.importer.line_name)
        self.leadTabs = QTabWidget(self)
        self.leadTabs.setObjectName("leadTabs")
        self.leadTabs.setDocumentMode(True)
        self.leadTabs.setAccessibleName("Lines that need attention, and the recipients")
        self.leadTabs.tabBar().setAccessibleName("Lines that need attention, or the recipients")
        self.problemList = LeadProblemsView(self.problemsModel, self.leadTabs)
        self.problemList.setObjectName("leadProblems")
        self.problemList.setAccessibleName("Lines that need attention; press Enter to go to the line")
        self.recipientsTable = RecipientsTable(self.leadTabs)
        self.leadTabs.addTab(self.problemList, "Needs attention")
        self.leadTabs.addTab(self.recipientsTable, "Recipients")
        self.leadTabs.hide()
        self.leftOutExport = LeftOutExport(self)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.regionLabel)
        controls.addWidget(self.regionCombo, 1)
        controls.addStretch(0)
        controls.addWidget(self.importButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(controls)
        layout.addWidget(self.reviewPanel)
        layout.addWidget(self.leadEdit, 1)
        layout.addWidget(self.leadSummary)
        layout.addWidget(self.importer.progressWidget)
        layout.addWidget(self.includeUnverified)  # next to the count it changes
        layout.addWidget(self.fileNotice)
        layout.addWidget(self.leadTabs)
        QWidget.setTabOrder(self.regionCombo, self.importButton)
        QWidget.setTabOrder(self.importButton, self.leadEdit)
        QWidget.setTabOrder(self.leadEdit, self.includeUnverified)
        QWidget.setTabOrder(self.includeUnverified, self.leadTabs)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_parse)

        if not self.regionCombo.set_region(default_region):
            self.regionCombo.set_region("US")
        self._on_region_changed(self.regionCombo.region(), announce=False)
        self.leadEdit.textChanged.connect(self._on_text_changed)
        self.leadEdit.filesDropped.connect(self.import_files)
        self.leadEdit.loadStarted.connect(self._parse_first)
        self.leadEdit.loadFinished.connect(self._update_busy)
        self.regionCombo.regionChanged.connect(self._on_region_changed)
        self.importButton.clicked.connect(self.choose_file)
        self.problemList.lineActivated.connect(self.go_to_line)
        self.recipientsTable.lineActivated.connect(self.go_to_line)
        self.reviewPanel.includeChanged.connect(self._on_include_changed)
        self.reviewPanel.switchRegion.connect(self.set_default_region)

    # -- public API ---------------------------------------------------------------------------------

    def report(self) -> LeadReport:
        """The latest parse result (see is_busy() for whether the text changed since)."""
        return self._report

    def review(self) -> LeadReview:
        """The latest parse with what the person decided (include_unverified) applied."""
        self._review.include_unverified = self._keep_unverified or self.reviewPanel.include()
        self._review.opted_out = self._opted_out
        return self._review

    def set_opted_out(self, numbers: frozenset[str]) -> None:
        """The opt-out list: its numbers are left out of the recipients and counted in the summary."""
        self._opted_out = numbers
        self._on_include_changed(False)

    def recipients(self) -> list[str]:
        """The numbers the campaign sends to: numbers that may not exist only when included."""
        return self.review().recipients

    def unverified_included(self) -> list[str]:
        """The numbers that could not be verified and are sent anyway (empty unless included)."""
        return self.review().unverified_included

    @property
    def unverified_included_count(self) -> int:
        return self.review().unverified_included_count

    def is_busy(self) -> bool:
        """True while the shown report may be out of date (parse pending or large text loading)."""
        return self._busy

    def text(self) -> str:
        return self.leadEdit.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the whole text (drafts, tests); large texts load without blocking the window."""
        self.fileNotice.dismiss()
        self.importer.forget_origins()
        self.leadEdit.load_text(text)

    def default_region(self) -> str:
        return self.regionCombo.region()

    def set_default_region(self, region: str) -> bool:
        """Choose the default country by code ("US", "GB"); False when unknown (the choice is kept)."""
        return self.regionCombo.set_region(region)

    def choose_file(self) -> None:
        """Ask for a spreadsheet or text file and import it."""
        self.importer.choose_file()

    def import_file(self, path: Path | str) -> None:
        """Import one file (see import_files)."""
        self.import_files([Path(path)])

    def import_files(self, paths: Iterable[Path]) -> None:
        """Import files in order, off the UI thread: the numbers are added after the current text (or replace
        it when the person chooses so in the import dialog); refusals and what came in show in fileNotice."""
        self.importer.start(paths)

    def go_to_line(self, line: int) -> None:
        """Select 1-based ``line`` in the editor, scroll to it and give the editor the focus."""
        block = self.leadEdit.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.leadEdit.setTextCursor(cursor)
        self.leadEdit.centerCursor()
        self.leadEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- drops on the whole area ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:  # also called for moves
        if not take_files(event):
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = take_files(event)
        if paths:
            self.import_files(paths)
        else:
            event.ignore()

    # -- parsing --------------------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        self.textChanged.emit()
        if self.leadEdit.bulk_loading:
            return  # its parse started with the load
        self._debounce.start()
        self._update_busy()

    def _on_include_changed(self, _included: bool) -> None:
        self._show_report(self._report, None)
        self.reportChanged.emit(self._report)

    def _on_region_changed(self, region: str, announce: bool = True) -> None:
        words = self.reviewPanel.show_region(region)
        self.regionCombo.setToolTip(words)
        self.regionCombo.setAccessibleDescription(words)
        if not announce:
            return
        self.defaultRegionChanged.emit(region)
        self._start_parse()

    def _parse_first(self, text: str) -> None:
        # The summary matters more than seeing all 200,000 lines at once: let the parse run first.
        self.leadEdit.pause_loading(True)
        self._start_parse(text)

    def _start_parse(self, text: str | None = None) -> None:
        self._debounce.stop()
        if text is None:
            text = self.text()
        self._generation += 1
        generation = self._generation
        ready = self.importer.take_parsed(text, self.default_region())
        if ready is not None:  # the import checked exactly this text already
            self._parsed_text_is_blank = False
            self._parsing = True
            self._on_parsed(generation, ready)
            return
        self._parsed_text_is_blank = not text.strip()
        self._parsing = True
        self._update_busy()
        if len(text) >= 10_000:
            lines = text.count("\n") + 1
            self.leadSummary.setText(f"Checking {plural(lines, 'line')}…")
        self._parser.submit(generation, read_leads, text, self.default_region())

    @Slot(object, object)
    def _on_parsed(self, generation: object, result: object) -> None:
        if generation != self._generation:
            return  # the text or country changed after this parse started
        self._parsing = False
        self.leadEdit.pause_loading(False)
        self._update_busy()
        if isinstance(result, BaseException):
            log.error("Parsing leads failed", exc_info=result)
            self.leadSummary.setText(
                "ViteDesk could not check these numbers. Edit the list or import it again; "
                "if this keeps happening, restart ViteDesk."
            )
            return
        assert isinstance(result, tuple)
        review, problems = result
        if self._keep_unverified:
            problems = [problem for problem in problems if problem.kind is not ProblemKind.UNVERIFIED]
        self._review = review
        report = self._report = review.report
        self._show_report(report, problems)
        self.reportChanged.emit(report)

    def _show_report(self, report: LeadReport, problems: list[LeadProblem] | None = None) -> None:
        blank = self._parsed_text_is_blank
        self.reviewPanel.show_review(self._review, blank)
        if self._keep_unverified:
            self.includeUnverified.hide()
        review = self.review()
        self.leadSummary.setText(EMPTY_SUMMARY if blank else summary_text(review))
        if problems is not None:
            self.problemsModel.set_problems(problems)
        recipients = review.recipients
        self.recipientsTable.model.set_recipients(recipients, review.recipient_lines)
        total, before = self.problemsModel.total(), self._problems_shown
        self._problems_shown = total
        self.leadTabs.setTabText(0, f"Needs attention ({total:,})")
        self.leadTabs.setTabText(1, f"{self._kept_name} ({len(recipients):,})")
        self.leadTabs.setVisible(not blank)
        self.leftOutExport.setEnabled(bool(total or review.report.duplicates or review.opted_out_count))
        if total == 0 or before == 0:  # show the lines that need attention as soon as there are any
            self.leadTabs.setCurrentIndex(0 if total else 1)
        self.problemList.fit_height()
        self.recipientsTable.setFixedHeight(self.problemList.height())

    def _update_busy(self) -> None:
        busy = self._parsing or self._debounce.isActive() or self.leadEdit.bulk_loading
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)
