"""Reading a list file off the UI thread, with progress and Cancel, for every import (leads, opt-out list).

``TableReader.read`` runs store.tables.read_table on the worker thread and answers with ``finished(result)``:
a ``TableRead`` (the table and the columns guessed for it), a ``TableError``, ``ReadCancelled`` or another
exception (logged; the person gets a sentence). ``progressed(done, total)`` arrives on the UI thread; total 0
means "not known yet".
"""

from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from vitedesk.core.leads.columns import guess_country_column, guess_phone_column
from vitedesk.store.tables import Progress, ReadCancelled, Table, TableError, read_table
from vitedesk.ui.common.worker import Worker

log = logging.getLogger(__name__)


@dataclass(slots=True)
class TableRead:
    """A table as read, its phone column (None: no column looks like phone numbers) and country column."""

    path: Path
    table: Table
    phone_column: int | None
    country_column: int | None


def read_and_guess(
    path: Path,
    sheet: str | None,
    encoding: str | None,
    region: str,
    progress: Progress,
    cancel: threading.Event,
) -> TableRead:
    """read_table, then the column guesses (both on the worker thread)."""
    table = read_table(path, sheet, encoding, progress=progress, cancel=cancel.is_set)
    phone = guess_phone_column(table.headers, table.columns, region)
    country = guess_country_column(table.headers, table.columns, phone)
    return TableRead(path, table, phone, country)


def failure_sentence(path: Path, error: BaseException) -> str:
    """The sentence for a read that failed: the reader's own, or a general one (the error is logged)."""
    if isinstance(error, TableError):
        return str(error)
    log.error("Reading %s failed", path.name, exc_info=error)
    return (
        f"ViteDesk could not read “{path.name}”. Open it in your spreadsheet program, save it again as "
        ".xlsx or .csv, and import that."
    )


class TableReader(QObject):
    """One read at a time; a new read or cancel() makes the running one's answer be dropped."""

    progressed = Signal(int, int)  # done, total (0: unknown)
    finished = Signal(object)  # TableRead | BaseException
    _progress_from_worker = Signal(int, int, int)  # tag, done, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = Worker("table-read", self)
        self._worker.done.connect(self._on_done)
        self._progress_from_worker.connect(self._on_progress)
        self._tags = itertools.count(1)
        self._current = 0
        self._cancel = threading.Event()

    def is_reading(self) -> bool:
        return self._current != 0

    def read(self, path: Path, region: str, sheet: str | None = None, encoding: str | None = None) -> None:
        """Start reading ``path``; the answer comes as ``finished``."""
        self._cancel.set()
        self._cancel = threading.Event()
        tag = next(self._tags)
        self._current = tag
        emit = self._progress_from_worker.emit

        def progress(done: int, total: int) -> None:
            emit(tag, done, total)

        self._worker.submit(tag, read_and_guess, Path(path), sheet, encoding, region, progress, self._cancel)

    def cancel(self) -> None:
        """Stop the running read; ``finished(ReadCancelled())`` follows at once."""
        if not self._current:
            return
        self._cancel.set()
        self._current = 0
        self.finished.emit(ReadCancelled())

    @Slot(int, int, int)
    def _on_progress(self, tag: int, done: int, total: int) -> None:
        if tag == self._current:
            self.progressed.emit(done, total)

    @Slot(object, object)
    def _on_done(self, tag: object, result: object) -> None:
        if tag != self._current:
            return
        self._current = 0
        self.finished.emit(result)
