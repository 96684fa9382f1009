"""Reading a list file into a table: .xlsx/.xlsm/.xlsb/.xls/.ods through python-calamine, .csv/.txt as text.

``read_table`` is the one entry point for every import (the lead list, the opt-out list). It runs on a worker
thread: ``progress(done, total)`` is called from that thread now and then, and ``cancel()`` returning True
stops the read with ``ReadCancelled``. Every other failure is a ``TableError`` whose message is one sentence
a person understands. The table holds text only, column by column, so memory is bounded by the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vitedesk.core.leads.chunked import drop_in_slices
from vitedesk.core.leads.parse import collector_paused
from vitedesk.store.table_cells import column_name, header_row_count

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
TABLE_SUFFIXES = SHEET_SUFFIXES + TEXT_SUFFIXES
FILE_FILTER = (
    "Lists of numbers (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt *.tsv);;"
    "Spreadsheets (*.xlsx *.xlsm *.xlsb *.xls *.ods);;Text and CSV files (*.csv *.txt *.tsv);;All files (*)"
)
MAX_FILE_BYTES = 200_000_000
_SLICE = 50_000
PROGRESS_EVERY = 20_000
"""Rows between two progress calls (and cancel checks)."""

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class TableError(Exception):
    """A file that cannot be read as a table; the message is one sentence for the person."""


class ReadCancelled(Exception):
    """The person cancelled the read."""


@dataclass(slots=True)
class Table:
    """A file read as text: headers, columns of cell text, and the row number a spreadsheet shows per row.

    ``columns[c][i]`` is the cell of data row ``i`` in column ``c``; ``row_numbers[i]`` its 1-based row in the
    file (header rows excluded from the data, hidden rows included). ``sheet`` is None for text files,
    ``encoding`` and ``delimiter`` None for workbooks.
    """

    name: str
    headers: list[str]
    columns: list[list[str]]
    row_numbers: Sequence[int]
    has_header: bool = False
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def height(self) -> int:
        return len(self.row_numbers)

    def source(self) -> str:
        """ "contacts.xlsx, sheet Contacts" or "list.csv": where imported numbers came from."""
        if self.sheet is not None and len(self.sheets) > 1:
            return f"{self.name}, sheet {self.sheet}"
        return self.name

    def row(self, index: int) -> list[str]:
        return [column[index] for column in self.columns]

    def release(self) -> None:
        """Empty the table a slice at a time (on the worker thread, once its values are taken): a million
        rows freed at once would stand the window still for a moment."""
        for column in self.columns:
            drop_in_slices(column)


def read_table(
    path: Path | str,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Table:
    """Read ``path`` into a Table: the first sheet unless ``sheet`` names another; text files decoded by BOM,
    then strict UTF-8, then Windows-1252, unless ``encoding`` is given.

    Raises TableError (one sentence) for missing, unreadable, empty, damaged, encrypted or binary files, and
    ReadCancelled when ``cancel()`` returns True.
    """
    path = Path(path)
    name = f"“{path.name}”"
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TableError(
                f"{name} is too large ({size / 1_000_000:,.0f} MB) to be a list of phone numbers. "
                "Split it into smaller files."
            )
        if size == 0:
            raise TableError(f"{name} is empty. Choose the file that holds the phone numbers.")
        with path.open("rb") as file:
            head = file.read(8)
    except FileNotFoundError:
        raise TableError(f"{name} could not be found. It may have been moved or deleted.") from None
    except PermissionError:
        raise TableError(
            f"ViteDesk is not allowed to open {name}. Copy it to your Documents folder and try again."
        ) from None
    except IsADirectoryError:
        raise TableError(f"{name} is a folder. Choose a file inside it.") from None
    except OSError:
        raise TableError(
            f"{name} could not be read. If it is on a USB stick or network drive, check the connection."
        ) from None
    with collector_paused():  # a million rows of lists: the collector would walk them again and again
        return _read(path, name, head, sheet, encoding, progress, cancel)


def _read(
    path: Path,
    name: str,
    head: bytes,
    sheet: str | None,
    encoding: str | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> Table:
    # The content decides, whatever the name says: a CSV saved as .xlsx still reads as text.
    suffix = path.suffix.lower()
    is_workbook = head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or (
        suffix in SHEET_SUFFIXES and not _looks_like_text(path)
    )
    if is_workbook:
        from vitedesk.store.table_sheets import read_workbook

        raw = read_workbook(path, sheet, progress, cancel)
    elif suffix in TEXT_SUFFIXES or suffix in SHEET_SUFFIXES or _looks_like_text(path):
        from vitedesk.store.table_text import read_text_table

        raw = read_text_table(path, encoding, progress, cancel)
    else:
        raise TableError(
            f"{name} is not a spreadsheet or a text file. Open it in the program that made it and save it "
            "as .xlsx or .csv, then import that."
        )
    return _as_table(path.name, raw)


@dataclass(slots=True)
class RawTable:
    """What a format reader hands back: rows of cell text with their file row numbers, before headers."""

    rows: list[list[str]]
    row_numbers: Sequence[int]
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    first_column: int = 0
    """0-based column of the first cell in each row (a sheet whose data starts in column C: 2)."""


def _as_table(file_name: str, raw: RawTable) -> Table:
    name = f"“{file_name}”"
    where = f"The sheet “{raw.sheet}” of {name}" if raw.sheet and len(raw.sheets) > 1 else name
    rows, numbers = raw.rows, raw.row_numbers
    # Every pass goes a slice at a time: one C-level pass over a million rows holds the GIL for long.
    slices = range(0, len(rows), _SLICE)
    # Blank rows carry nothing (keep their numbers in the others, as a spreadsheet does).
    if not all(all(map(any, rows[start : start + _SLICE])) for start in slices):
        keep = [i for i, row in enumerate(rows) if any(row)]
        rows = [rows[i] for i in keep]
        numbers = [numbers[i] for i in keep]
        slices = range(0, len(rows), _SLICE)
    if not rows:
        raise TableError(f"{where} has no data in it. Check that you chose the right file or sheet.")
    width = max(max(map(len, rows[start : start + _SLICE])) for start in slices)
    headers_taken = header_row_count(rows)
    header = rows[0] if headers_taken else []
    if len(rows) <= headers_taken:
        raise TableError(f"{where} has a header but no rows under it.")
    columns: list[list[str]] = [[] for _ in range(width)]
    for start in range(headers_taken, len(rows), _SLICE):
        part = rows[start : start + _SLICE]
        if min(map(len, part)) < width:
            part = [row + [""] * (width - len(row)) if len(row) < width else row for row in part]
        for column, cells in zip(columns, zip(*part, strict=True), strict=True):
            column.extend(cells)
    data_numbers = numbers[headers_taken:]
    drop_in_slices(rows)
    drop_in_slices(raw.rows)
    headers = [
        (header[c].strip() if c < len(header) else "") or column_name(raw.first_column + c)
        for c in range(width)
    ]
    return Table(
        name=file_name,
        headers=headers,
        columns=columns,
        row_numbers=data_numbers,
        has_header=bool(headers_taken),
        sheet=raw.sheet,
        sheets=raw.sheets,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
    )


def _looks_like_text(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            sample = file.read(4096)
    except OSError:
        return False
    from vitedesk.store.table_text import looks_like_text

    return looks_like_text(sample)
