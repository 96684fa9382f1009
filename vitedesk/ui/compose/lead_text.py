"""The lead text box: reading lead files, file drops, and loading very large texts without freezing.

Inserting 200,000 lines into a QPlainTextEdit blocks the UI thread for over half a second. A worker thread
does not help: PySide keeps the GIL during QTextDocument calls, so the UI thread would wait anyway. Large
texts are therefore inserted slice by slice (about 12 ms each) into the editor's own document, read-only
meanwhile. Not into an off-screen document swapped in at the end: setDocument() lays out every block in one
go (60 ms for 200,000 lines), the longest stall of the whole paste. The text it replaces is kept, so Ctrl+Z
right after a large paste or import brings it back.
"""

from __future__ import annotations

import codecs
import time
from pathlib import Path

from PySide6.QtCore import QMimeData, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from vitedesk.ui.common.file_drops import local_files
from vitedesk.ui.common.utf16 import python_index, utf16_length

LEAD_FILE_SUFFIXES = (".txt", ".csv")
MAX_LEAD_FILE_BYTES = 50_000_000
BULK_CHARACTERS = 250_000
"""Texts longer than this are loaded in slices into an off-screen document instead of in one go."""
SLICE_CHARACTERS = 20_000
SLICE_SECONDS = 0.012
PAUSE_LIMIT_MS = 3_000


class LeadFileError(Exception):
    """A lead file that cannot be imported; the message is a sentence for the person."""


def read_lead_file(path: Path) -> str:
    """Text of a .txt/.csv lead file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1.

    Raises LeadFileError with a plain sentence for other file types, unreadable files and binary content.
    """
    name = f"“{path.name}”"
    if path.suffix.lower() not in LEAD_FILE_SUFFIXES:
        return _refuse(
            f"{name} is not a text or CSV file. Save the list as .csv or .txt (for example with "
            "File › Save As in your spreadsheet) and import that."
        )
    try:
        size = path.stat().st_size
        if size > MAX_LEAD_FILE_BYTES:
            return _refuse(
                f"{name} is too large ({size / 1_000_000:.0f} MB) to be a list of phone numbers. "
                "Split it into smaller files."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return _refuse(f"{name} could not be found. It may have been moved or deleted.")
    except PermissionError:
        return _refuse(
            f"ViteDesk is not allowed to open {name}. Copy it to your Documents folder and try again."
        )
    except OSError:
        return _refuse(
            f"{name} could not be read. If it is on a USB stick or network drive, check the connection."
        )
    return decode_lead_bytes(data, name)


def decode_lead_bytes(data: bytes, name: str = "The file") -> str:
    """Decode lead file bytes (see read_lead_file); a BOM is dropped, line endings are kept as they are."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text" export.
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        return _refuse(f"{name} does not contain plain text. Save the list as .csv or .txt and import that.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _refuse(sentence: str) -> str:
    raise LeadFileError(sentence)


class _SlicedLoad:
    """Fills `document` a slice at a time (the first slice replaces what it held), so the event loop keeps
    running in between. Undo is off meanwhile: the whole load is one step, undone by undo_large_load()."""

    def __init__(self, text: str, document: QTextDocument, cursor_position: int) -> None:
        self.text = text
        self.position = 0
        self.cursor_position = cursor_position
        self.document = document
        self.document.setUndoRedoEnabled(False)
        self._cursor = QTextCursor(self.document)
        self._cursor.select(QTextCursor.SelectionType.Document)

    def step(self, budget_s: float = SLICE_SECONDS) -> bool:
        """Insert slices for about ``budget_s``; True when the whole text is in."""
        started = time.perf_counter()
        while self.position < len(self.text):
            end = self.text.find("\n", self.position + SLICE_CHARACTERS)
            end = len(self.text) if end < 0 else end
            # Each slice after the first starts with its line break, so lines are never split.
            self._cursor.insertText(self.text[self.position : end])  # stays at the end of what is in
            self.position = end
            if time.perf_counter() - started >= budget_s:
                break
        return self.position >= len(self.text)


class LeadTextEdit(QPlainTextEdit):
    """QPlainTextEdit that imports dropped or pasted .txt/.csv files and loads large texts in slices."""

    filesDropped = Signal(list)  # list[Path]
    loadStarted = Signal(str)  # a large text started loading (the editor is read-only until loadFinished)
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
        """Show ``text`` exactly as given; a large one is built in slices off-screen and then swapped in.

        ``cursor_position`` (Qt positions) defaults to the end of the text.
        """
        end = utf16_length(text) if cursor_position is None else cursor_position
        # Replacing a large text in place would also be slow (and fill the undo stack): swap that too.
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
        self._load = _SlicedLoad(text, self.document(), end)
        self._set_bulk_loading(True)
        self._slicer.start()
        self.loadStarted.emit(text)

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
        if not load.step():
            return
        self._slicer.stop()
        self._load = None
        document = load.document
        document.setUndoRedoEnabled(True)
        document.setModified(True)
        cursor = QTextCursor(document)
        cursor.setPosition(min(load.cursor_position, document.characterCount() - 1))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.textChanged.emit()  # still flagged as loading: listeners know a loadFinished follows
        self._set_bulk_loading(False)
        self.loadFinished.emit()

    def _cancel_load(self) -> None:
        if self._load is not None:  # what is in stays until the caller replaces it
            self._slicer.stop()
            self._load.document.setUndoRedoEnabled(True)
            self._load = None
            self._set_bulk_loading(False)
            self.loadFinished.emit()

    def _set_bulk_loading(self, active: bool) -> None:
        if self.bulk_loading == active:
            return
        self.bulk_loading = active
        # Read-only while loading, so nothing typed meanwhile is lost when the new text is swapped in.
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
