"""Importing files: a 200,000-row workbook and a 1,000,000-row CSV, read and checked; the window meanwhile.

The ``import:`` rows time the work that runs off the UI thread (read the file, guess the columns, turn the
phone column into lines, check them) against the reading library alone. The ``stall:`` rows drive the real
lead editor (import, the dialog, OK) and report the longest event-loop stall, beside a bare editor's paste
of the same number of lines; their notes say when the summary and the whole text were shown.
"""

from __future__ import annotations

import csv
import gc
import statistics
import tempfile
import threading
import time
from pathlib import Path

from helpers.table_files import write_big_csv, write_big_xlsx
from table import Row, Samples

WORKBOOK_ROWS = 200_000
CSV_ROWS = 1_000_000
GOAL = "<= 10 s"


def _files(folder: Path, quick: bool) -> tuple[tuple[Path, int], tuple[Path, int]]:
    book_rows, csv_rows = (2_000, 10_000) if quick else (WORKBOOK_ROWS, CSV_ROWS)
    book = write_big_xlsx(folder / "contacts.xlsx", book_rows)
    text = write_big_csv(folder / "export.csv", csv_rows)
    return (book, book_rows), (text, csv_rows)


def _import_seconds(path: Path) -> float:
    """Everything an import does off the UI thread, in seconds."""
    from vitedesk.ui.compose.import_dialog import ImportChoice
    from vitedesk.ui.compose.lead_import import prepare
    from vitedesk.ui.compose.lead_review import problems_of
    from vitedesk.ui.compose.table_reading import read_and_guess

    started = time.perf_counter()
    read = read_and_guess(path, None, None, "US", lambda _done, _total: None, threading.Event())
    assert read.phone_column is not None
    choice = ImportChoice(read.table, read.phone_column, read.country_column)
    prepared = prepare(choice, "US", problems_of)
    elapsed = time.perf_counter() - started
    assert prepared.report.numbers
    return elapsed


def _calamine_seconds(path: Path) -> float:
    import python_calamine

    started = time.perf_counter()
    with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        workbook.get_sheet_by_index(0).to_python()
    return time.perf_counter() - started


def _csv_module_seconds(path: Path) -> float:
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert rows
    return time.perf_counter() - started


def import_rows(quick: bool) -> list[Row]:
    runs = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="vitedesk-bench-") as folder:
        (book, book_rows), (text, csv_rows) = _files(Path(folder), quick)
        _import_seconds(book)  # warm-up: phone metadata loads once per process
        ours_book = [_import_seconds(book) for _ in range(runs)]
        theirs_book = [_calamine_seconds(book) for _ in range(runs)]
        ours_csv = [_import_seconds(text) for _ in range(runs)]
        theirs_csv = [_csv_module_seconds(text) for _ in range(runs)]
    return [
        Row(
            f"import: {book_rows:,}-row .xlsx read, columns guessed, numbers checked",
            Samples(tuple(ours_book), "s"),
            "python-calamine reading the sheet alone",
            Samples(tuple(theirs_book), "s"),
            goal=GOAL,
        ),
        Row(
            f"import: {csv_rows:,}-row .csv read, columns guessed, numbers checked",
            Samples(tuple(ours_csv), "s"),
            "csv.reader reading the file alone",
            Samples(tuple(theirs_csv), "s"),
            goal=GOAL,
        ),
    ]


def import_stall_rows(quick: bool) -> list[Row]:
    """The real lead editor importing each file through the dialog, against a bare editor's paste."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QPlainTextEdit
    from rows_qt import StallMeter, settle, spin

    from vitedesk.ui.compose.leads import LeadEditor

    runs = 1 if quick else 3
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="vitedesk-bench-") as folder:
        files = _files(Path(folder), quick)
        for (path, count), kind in zip(files, ("workbook", ".csv"), strict=True):
            stalls, bare_stalls, summaries, shown = [], [], [], []
            for round_ in range(runs + 1):
                editor = LeadEditor()
                editor.resize(600, 700)
                editor.show()
                settle(50)
                # The last round's editor and its million-line report are garbage now: collected here, not
                # inside the measurement (a single import has no such leftover).
                gc.collect()
                meter = StallMeter()
                meter.start()
                began = time.perf_counter()
                editor.import_file(path)
                spin(lambda editor=editor: editor.importer.files.dialog is not None, 120)
                dialog = editor.importer.files.dialog
                assert dialog is not None
                dialog.accept()
                spin(
                    lambda editor=editor: bool(editor.report().numbers) and not editor.importer.is_busy(), 120
                )
                summary = time.perf_counter() - began
                spin(lambda editor=editor: not editor.is_busy(), 120)
                done = time.perf_counter() - began
                settle(100)
                stall = meter.stop()
                assert editor.leadEdit.document().blockCount() >= count * 0.99
                editor.close()
                editor.deleteLater()
                settle(50)
                bare = QPlainTextEdit()
                bare.resize(600, 700)
                bare.show()
                QGuiApplication.clipboard().setText(
                    "\n".join(f"+1 202 555 {i % 10_000:04d}" for i in range(count))
                )
                settle(50)
                meter.start()
                bare.setFocus()
                bare.paste()
                settle(100)
                bare_stall = meter.stop()
                bare.close()
                bare.deleteLater()
                if round_ == 0:
                    continue  # warm-up: phone metadata, fonts and the dialog's first show load once
                stalls.append(stall * 1000)
                bare_stalls.append(bare_stall * 1000)
                summaries.append(summary)
                shown.append(done)
            rows.append(
                Row(
                    f"stall: importing a {count:,}-row {kind}",
                    Samples(tuple(stalls), "ms"),
                    "bare QPlainTextEdit paste of as many lines",
                    Samples(tuple(bare_stalls), "ms"),
                    goal="<= 50 ms",
                    note=(
                        f"summary after {statistics.median(summaries):.2f} s, all {count:,} lines shown "
                        f"after {statistics.median(shown):.2f} s (goal {GOAL})"
                    ),
                )
            )
    return rows
