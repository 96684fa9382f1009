"""The lead text box: dropped or pasted files handed on as paths, very large texts loaded without freezing.

Inserting 200,000 lines into a QPlainTextEdit blocks the UI thread for over half a second. A worker thread
does not help: PySide keeps the GIL during QTextDocument calls, so the UI thread would wait anyway. Large
texts are therefore inserted slice by slice (about 12 ms each) into the editor's own document, read-only
meanwhile. Not into an off-screen document swapped in at the end: setDocument() lays out every block in
one go (60-100 ms for 200,000 lines), the longest stall of the whole paste. The text it replaces is kept, so
Ctrl+Z right after a large paste or import brings it back.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QMimeData, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from vitedesk.ui.common.file_drops import local_files
from vitedesk.ui.common.utf16 import python_index, utf16_length

BULK_CHARACTERS = 250_000
"""Texts longer than this are loaded in slices instead of in one go."""
SLICE_CHARACTERS = 20_000
SLICE_SECONDS = 0.012
PAUSE_LIMIT_MS = 3_000


class _SlicedLoad:
    """Adds ``text`` at the end of ``shown`` (the editor's own document) a slice at a time, so the event loop
    keeps running in between: nothing to swap in at the end, which stood the window still (see above)."""

    def __init__(self, text: str, cursor_position: int, shown: QTextDocument) -> None:
        self.text = text
        self.position = 0
        self.cursor_position = cursor_position
        self.document = shown
        self.document.setUndoRedoEnabled(False)
        self._cursor = QTextCursor(self.document)
        self._cursor.movePosition(QTextCursor.MoveOperation.End)

    def step(self, budget_s: float = SLICE_SECONDS) -> bool:
        """Insert slices for about ``budget_s``; True when the whole text is in."""
        started = time.perf_counter()
        while self.position < len(self.text):
            end = self.text.find("\n", self.position + SLICE_CHARACTERS)
            end = len(self.text) if end < 0 else end
            # Each slice after the first starts with its line break, so lines are never split.
            self._cursor.insertText(self.text[self.position : end])
            self.position = end
            if time.perf_counter() - started >= budget_s:
                break
        return self.position >= len(self.text)


class LeadTextEdit(QPlainTextEdit):
    """QPlainTextEdit that hands dropped or pasted files on (filesDropped) and loads large texts in slices."""

    filesDropped = Signal(list)  # list[Path]
    # The whole text as a Python object: a Signal(str) would copy megabytes into a QString on the UI thread.
    loadStarted = Signal(object)  # a large text started loading (the editor is read-only until loadFinished)
    loadFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load: _SlicedLoad | None = None
        self._slicer = QTimer(self)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._continue_load)
        self._previous_text: str | None = None
        self._paused = False
        self._pause_limit = QTimer(self)
        self._pause_limit.setSingleShot(True)
        self._pause_limit.setInterval(PAUSE_LIMIT_MS)
        self._pause_limit.timeout.connect(lambda: self.pause_loading(False))
        self.bulk_loading = False

    # -- large texts ----------------------------------------------------------------------------------

    def load_text(self, text: str, cursor_position: int | None = None) -> None:
        """Show ``text`` exactly as given; a large one goes in a slice at a time (read-only meanwhile).

        ``cursor_position`` (Qt positions) defaults to the end of the text.
        """
        end = utf16_length(text) if cursor_position is None else cursor_position
        # Replacing a large text in one go would also be slow (and fill the undo stack): slice that too.
        if len(text) < BULK_CHARACTERS and self.document().characterCount() < BULK_CHARACTERS:
            self._cancel_load()
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)
            cursor.endEditBlock()
            cursor.setPosition(min(end, self.document().characterCount() - 1))
            self.setTextCursor(cursor)
            return
        if self._load is None:
            self._previous_text = self.toPlainText()
        self._load_in_place(0, text, end, text)

    def add_text(self, addition: str, kept: str) -> str:
        """Put ``addition`` on new lines after ``kept`` (the start of the current text that stays: all of it,
        less trailing line breaks, or "" to replace it); returns the whole new text.

        A large addition goes straight into the shown document a slice at a time (read-only meanwhile,
        loadStarted/loadFinished around it); Ctrl+Z right after brings the text from before back.
        """
        whole = kept + "\n" + addition if kept else addition
        document = self.document()
        if len(addition) < BULK_CHARACTERS and document.characterCount() < BULK_CHARACTERS:
            self.load_text(whole)
            return whole
        self._cancel_load()
        self._previous_text = self.toPlainText()
        self._load_in_place(
            utf16_length(kept), "\n" + addition if kept else addition, utf16_length(whole), whole
        )
        return whole

    def _load_in_place(self, keep: int, text: str, cursor_position: int, whole: str) -> None:
        """Remove all after the first ``keep`` Qt positions, then add ``text`` a slice at a time."""
        document = self.document()
        document.setUndoRedoEnabled(False)
        cursor = QTextCursor(document)
        cursor.setPosition(min(keep, document.characterCount() - 1))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        self.blockSignals(True)
        try:
            cursor.removeSelectedText()
        finally:
            self.blockSignals(False)
        self._load = _SlicedLoad(text, cursor_position, shown=document)
        self._set_bulk_loading(True)
        self._slicer.start()
        self.loadStarted.emit(whole)

    def pause_loading(self, paused: bool) -> None:
        """Hold a large load back (at most PAUSE_LIMIT_MS) so other work, such as parsing, gets the CPU first.

        Both compete for Python's GIL; the parse finishing first means the summary shows much sooner.
        """
        self._paused = paused
        if paused:
            self._slicer.stop()
            self._pause_limit.start()
        else:
            self._pause_limit.stop()
            if self._load is not None:
                self._slicer.start()

    def _continue_load(self) -> None:
        load = self._load
        if load is None or self._paused:
            self._slicer.stop()
            return
        self.blockSignals(True)  # one textChanged at the end, not one per slice
        try:
            done = load.step()
        finally:
            self.blockSignals(False)
        if not done:
            return
        self._slicer.stop()
        self._load = None
        document = load.document
        document.setUndoRedoEnabled(True)
        document.setModified(True)
        self._end_load(document, load.cursor_position)

    def _end_load(self, document: QTextDocument, cursor_position: int) -> None:
        cursor = QTextCursor(document)
        cursor.setPosition(min(cursor_position, document.characterCount() - 1))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.textChanged.emit()  # still flagged as loading: listeners know a loadFinished follows
        self._set_bulk_loading(False)
        self.loadFinished.emit()

    def _cancel_load(self) -> None:
        if self._load is not None:
            self._slicer.stop()
            self._load.document.setUndoRedoEnabled(True)  # what is in stays until the caller replaces it
            self._load = None
            self._set_bulk_loading(False)
            self.loadFinished.emit()

    def _set_bulk_loading(self, active: bool) -> None:
        if self.bulk_loading == active:
            return
        self.bulk_loading = active
        # Read-only while loading, so nothing typed meanwhile gets mixed into the text going in.
        self.setReadOnly(active)

    def undo_large_load(self) -> bool:
        """Bring back the text from before the last large paste or import; False when there is none."""
        previous = self._previous_text
        if previous is None or self.bulk_loading:
            return False
        self._previous_text = None
        self.load_text(previous)
        self._previous_text = None
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.matches(QKeySequence.StandardKey.Undo)
            and not self.document().isUndoAvailable()
            and self.undo_large_load()
        ):
            return
        super().keyPressEvent(event)

    # -- paste and drop -------------------------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if local_files(source):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.filesDropped.emit(files)
            return
        text = source.text() if source.hasText() else ""
        if len(text) < BULK_CHARACTERS:
            super().insertFromMimeData(source)
            return
        cursor = self.textCursor()
        whole = self.toPlainText()
        start, end = (
            python_index(whole, cursor.selectionStart()),
            python_index(whole, cursor.selectionEnd()),
        )
        before = whole[:start]
        self.load_text(before + text + whole[end:], utf16_length(before) + utf16_length(text))
