"""Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) through python-calamine: no Excel needed, about 10x openpyxl.

calamine returns numbers as floats (cell_text turns 12025550143.0 into "12025550143") and returns hidden
rows like any other: a hidden row is imported and counted in the rows read.
"""

from __future__ import annotations

from pathlib import Path

import python_calamine as calamine

from vitedesk.store.table_cells import cell_text
from vitedesk.store.tables import PROGRESS_EVERY, Cancel, Progress, RawTable, ReadCancelled, TableError

_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def read_workbook(
    path: Path, sheet: str | None, progress: Progress | None, cancel: Cancel | None
) -> RawTable:
    """Rows of one sheet (the first unless ``sheet`` names another) with the row numbers the sheet shows."""
    name = f"“{path.name}”"
    if _is_encrypted(path):
        raise _password(name)
    if progress is not None:
        progress(0, 0)  # loading the sheet itself: no count yet
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise _password(name) from None
    except (calamine.CalamineError, OSError, ValueError, RuntimeError):
        raise _damaged(name) from None
    try:
        names = list(workbook.sheet_names)
        if not names:
            raise TableError(f"{name} has no sheets in it.")
        chosen = sheet if sheet in names else names[0]
        try:
            data = workbook.get_sheet_by_name(chosen)
        except calamine.PasswordError:
            raise _password(name) from None
        except (calamine.CalamineError, ValueError, RuntimeError):
            raise _damaged(name) from None
        start = data.start or (0, 0)
        total = start[0] + data.height
        if progress is not None:
            progress(0, total)
        rows: list[list[str]] = []
        append = rows.append
        try:
            for count, values in enumerate(data.iter_rows(), 1):
                append([value if isinstance(value, str) else cell_text(value) for value in values])
                if count % PROGRESS_EVERY == 0:
                    if cancel is not None and cancel():
                        raise ReadCancelled
                    if progress is not None:
                        progress(count, total)
        except (calamine.CalamineError, ValueError, RuntimeError):
            raise _damaged(name) from None
        if progress is not None:
            progress(total, total)
        # iter_rows starts at the sheet's first row, whatever empty rows lie above the data.
        first_row = 1 if len(rows) >= total else start[0] + 1
        numbers = range(first_row, first_row + len(rows))
        return RawTable(rows, numbers, sheet=chosen, sheets=names, first_column=start[1])
    finally:
        workbook.close()


def _is_encrypted(path: Path) -> bool:
    """A password-protected Office file is an OLE container holding an "EncryptedPackage" stream."""
    try:
        with path.open("rb") as file:
            if file.read(4) != b"\xd0\xcf\x11\xe0":
                return False
            return _ENCRYPTED_MARK in file.read(4_000_000)
    except OSError:
        return False


def _password(name: str) -> TableError:
    return TableError(
        f"{name} is protected with a password. Open it in your spreadsheet program, save a copy without "
        "the password (or as .csv), and import that."
    )


def _damaged(name: str) -> TableError:
    return TableError(
        f"{name} is damaged or incomplete, so ViteDesk cannot read it. If it was copied or downloaded, "
        "copy it again; or open it in your spreadsheet program and save it again."
    )
