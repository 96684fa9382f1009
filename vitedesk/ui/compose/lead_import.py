"""Importing files into the lead editor: the chosen column becomes lines of lead text, named by file row.

FileImport reads and asks; here the chosen column is turned into lines and checked on a worker thread, then
added after what the person typed (or put in its place when they chose Replace). The editor's problems name
imported lines by file row, and the notice says what each file gave ("contacts.xlsx, sheet Contacts: 5 rows
read, 4 recipients; row 5: no phone number.").
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QTextCursor, QTextDocument

from vitedesk.core.leads import LeadReport
from vitedesk.core.leads.chunked import drop_in_slices
from vitedesk.core.leads.imported import import_lines, import_summary, parse_imported, row_problems
from vitedesk.core.leads.parse import collector_paused
from vitedesk.core.leads.review import LeadReview, review_report
from vitedesk.core.wording import plural
from vitedesk.ui.common.widgets import Tone
from vitedesk.ui.common.worker import Worker
from vitedesk.ui.compose.file_import import FileImport
from vitedesk.ui.compose.import_dialog import ImportChoice
from vitedesk.ui.compose.line_origins import LineOrigins, Origin

if TYPE_CHECKING:
    from vitedesk.ui.compose.lead_problems_model import LeadProblem
    from vitedesk.ui.compose.leads import LeadEditor

log = logging.getLogger(__name__)


@dataclass(slots=True)
class PreparedImport:
    """An imported column as lead text, checked: ``report``/``problems`` are for ``text`` alone."""

    text: str
    source: str
    rows: list[int]
    replace: bool
    region: str
    report: LeadReport
    review: LeadReview
    problems: list[LeadProblem]
    sentence: str
    has_problems: bool


def prepare(
    choice: ImportChoice,
    region: str,
    problems_of: Callable[[LeadReview], list[LeadProblem]],
) -> PreparedImport:
    """On the worker thread: the lines, their check, and the sentence for the notice. The table is emptied
    afterwards (a slice at a time, here rather than wherever its last reference goes)."""
    with collector_paused():
        imported = import_lines(choice.phones(), choice.row_numbers(), region, choice.countries())
        choice.table.release()
    report = parse_imported(imported, region)
    source = choice.table.source()
    text = imported.text()
    review = review_report(report, text, region)
    prepared = PreparedImport(
        text=text,
        source=source,
        rows=imported.row_numbers,
        replace=choice.replace,
        region=region,
        report=report,
        review=review,
        problems=problems_of(review),
        sentence=import_summary(source, imported, report),
        has_problems=bool(row_problems(imported, report) or imported.unknown_countries),
    )
    drop_in_slices(imported.lines)
    return prepared


class LeadImport(QObject):
    """The lead editor's imports: FileImport for reading and asking, then lines added to the editor."""

    finished = Signal()  # every file started has been imported, refused or cancelled

    def __init__(self, editor: LeadEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.origins = LineOrigins()
        self.files = FileImport(
            editor, editor.default_region, offer_replace=lambda: bool(editor.text().strip())
        )
        self.files.chosen.connect(self._prepare)
        self.files.failed.connect(self._refused)
        self.files.cancelled.connect(self._cancelled)
        self.files.busyChanged.connect(self._check_finished)
        self.progressWidget = self.files.progressWidget
        self._worker = Worker("lead-import", self)
        self._worker.done.connect(self._on_prepared)
        self._tags = itertools.count(1)
        self._pending: set[int] = set()
        self._sentences: list[tuple[str, Tone]] = []
        self._parsed: PreparedImport | None = None
        self._loading: list[Origin] | None = None
        self._document: QTextDocument | None = None
        self._blocks = 1
        self._step = ""
        self.progressWidget.cancelButton.clicked.connect(self._cancel_checking)
        editor.leadEdit.loadStarted.connect(self._on_load_started)
        editor.leadEdit.loadFinished.connect(self._on_load_finished)
        self._watch(editor.leadEdit.document())

    # -- public API -------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        self.files.choose_files()

    def start(self, paths: Iterable[Path | str]) -> None:
        if not self.is_busy():
            self._sentences = []
        self.files.start(paths)

    def is_busy(self) -> bool:
        return self.files.is_busy() or bool(self._pending)

    def line_name(self, line: int) -> str | None:
        return self.origins.name(line)

    def forget_origins(self) -> None:
        self.origins.clear()

    def take_parsed(self, text: str, region: str) -> tuple[LeadReview, list[LeadProblem]] | None:
        """The import's own check, when the editor holds exactly the imported text (no second parse)."""
        parsed = self._parsed
        if parsed is None:
            return None
        self._parsed = None
        if parsed.region != region or parsed.text != text:
            return None
        return parsed.review, parsed.problems

    # -- preparing and adding -----------------------------------------------------------------------------

    def _prepare(self, choice: ImportChoice) -> None:
        tag = next(self._tags)
        self._pending.add(tag)
        from vitedesk.ui.compose.lead_review import problems_of

        self._step = f"Checking {plural(choice.table.height, 'row')} of {choice.table.name}…"
        self.files.show_step(self._step)
        self._worker.submit(tag, prepare, choice, self._editor.default_region(), problems_of)

    @Slot(object, object)
    def _on_prepared(self, tag: object, result: object) -> None:
        if not isinstance(tag, int) or tag not in self._pending:
            return  # cancelled meanwhile
        self._pending.discard(tag)
        if isinstance(result, PreparedImport):
            self._add(result)
        else:
            log.error(
                "Preparing an import failed", exc_info=result if isinstance(result, BaseException) else None
            )
            self._sentences.append(
                (
                    "ViteDesk could not add the numbers from this file. Nothing in the list was changed.",
                    Tone.ERROR,
                )
            )
        self._check_finished()

    def _add(self, prepared: PreparedImport) -> None:
        editor = self._editor
        current = editor.text()
        if prepared.replace or not current.strip():
            before, first_line, kept = "", 1, []
            self._parsed = prepared
        else:
            before = current.rstrip("\n")
            first_line = before.count("\n") + 2
            kept = self.origins.blocks()
        self._sentences.append((prepared.sentence, Tone.WARNING if prepared.has_problems else Tone.SUCCESS))
        self._loading = [*kept, Origin(first_line, prepared.source, prepared.rows)]
        editor.leadEdit.add_text(prepared.text, before)
        if not editor.leadEdit.bulk_loading:
            self._finish_load()

    def _refused(self, sentence: str) -> None:
        self._sentences.append((sentence, Tone.ERROR))

    def _cancelled(self) -> None:
        self._pending.clear()
        self._sentences.append(("Import cancelled. Nothing was added to the list.", Tone.INFO))

    def _cancel_checking(self) -> None:
        if self._pending:
            self._cancelled()
            self._check_finished()

    def _check_finished(self, *_: object) -> None:
        if self._pending and not self.files.is_busy():
            self.files.show_step(self._step)
        if self.is_busy():
            return
        self.files.hide_progress()
        if self._sentences:
            worst = max((tone for _text, tone in self._sentences), key=_TONE_ORDER.index)
            self._editor.fileNotice.show_message("\n".join(text for text, _tone in self._sentences), worst)
        self.finished.emit()

    # -- keeping the origins right ------------------------------------------------------------------------

    def _on_load_started(self, _text: str) -> None:
        if self._loading is None:
            self.origins.clear()  # a large paste or undo: the lines are not the imported ones any more

    def _on_load_finished(self) -> None:
        self._watch(self._editor.leadEdit.document())
        if self._loading is not None:
            self._finish_load()

    def _finish_load(self) -> None:
        assert self._loading is not None
        self.origins.set(self._loading)
        self._loading = None
        self._blocks = self._editor.leadEdit.document().blockCount()

    def _watch(self, document: QTextDocument) -> None:
        if document is self._document:
            return
        if self._document is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the old document is gone already
                self._document.contentsChange.disconnect(self._on_contents_change)
        self._document = document
        self._blocks = document.blockCount()
        document.contentsChange.connect(self._on_contents_change)

    def _on_contents_change(self, position: int, _removed: int, added: int) -> None:
        document = self._editor.leadEdit.document()
        blocks = document.blockCount()
        delta, self._blocks = blocks - self._blocks, blocks
        if self._loading is not None or not self.origins:
            return
        line = document.findBlock(position).blockNumber() + 1
        added_lines = 0
        if added:
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(
                min(position + added, document.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
            )
            added_lines = cursor.selectedText().count("\u2029")
        self.origins.edited(line, added_lines - delta, added_lines)


_TONE_ORDER = [Tone.SUCCESS, Tone.INFO, Tone.WARNING, Tone.ERROR]
