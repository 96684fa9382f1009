"""Real list files for import tests and benchmarks: workbooks written by xlsxwriter, text in any encoding,
and the broken files people really have (truncated, binary, empty, password-protected)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter

from helpers.lead_samples import lead_lines

Cell = str | int | float | None


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    *,
    sheet: str = "Contacts",
    first_row: int = 0,
    hidden_rows: Iterable[int] = (),
    other_sheets: dict[str, Sequence[Sequence[Cell]]] | None = None,
) -> Path:
    """A workbook whose first sheet holds ``rows`` from 0-based row ``first_row``; numbers stay numbers.

    ``hidden_rows`` are 0-based sheet rows hidden the way Excel hides them.
    """
    workbook = xlsxwriter.Workbook(str(path))
    worksheet = workbook.add_worksheet(sheet)
    hidden = set(hidden_rows)
    for offset, row in enumerate(rows):
        index = first_row + offset
        for column, value in enumerate(row):
            if value is not None:
                worksheet.write(index, column, value)
        if index in hidden:
            worksheet.set_row(index, None, None, {"hidden": True})
    for name, other in (other_sheets or {}).items():
        extra = workbook.add_worksheet(name)
        for index, row in enumerate(other):
            for column, value in enumerate(row):
                if value is not None:
                    extra.write(index, column, value)
    workbook.close()
    return path


def write_big_xlsx(path: Path, rows: int) -> Path:
    """Name, mobile (a number cell, as Excel stores a typed 12025550143) and country, ``rows`` data rows of
    distinct US numbers; every 100th lacks its area code (lead_samples.lead_lines' mix)."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    worksheet = workbook.add_worksheet("Contacts")
    worksheet.write_row(0, 0, ["Name", "Mobile", "Country"])
    for index, line in enumerate(lead_lines(rows).split("\n"), 1):
        digits = "".join(ch for ch in line if ch.isdigit())
        worksheet.write_string(index, 0, f"Customer {index}")
        if len(digits) == 10:
            worksheet.write_number(index, 1, int("1" + digits))
        else:
            worksheet.write_string(index, 1, line)
        worksheet.write_string(index, 2, "US")
    workbook.close()
    return path


def write_big_csv(path: Path, rows: int) -> Path:
    """Name;phone;country lines as a CRM exports them, ``rows`` data rows (lead_lines' numbers)."""
    lines = lead_lines(rows).split("\n")
    out = io.StringIO()
    out.write("Name;Phone;Country\n")
    out.writelines(f"Customer {index};{line};US\n" for index, line in enumerate(lines, 1))
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def write_text_table(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> Path:
    """Rows joined by ``delimiter``, CRLF line ends (as Excel writes), in ``encoding``; ``bom`` adds one."""
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    if bom:
        marks = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
        data = marks[encoding] + data
    path.write_bytes(data)
    return path


def truncated_xlsx(path: Path) -> Path:
    whole = write_xlsx(path.with_name("whole-" + path.name), [["Phone"], [12025550143]]).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def garbage_csv(path: Path) -> Path:
    path.write_bytes(os.urandom(4096) + b"\x00" * 16)
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def password_xlsx(path: Path, password: str = "secret") -> Path:
    """A workbook encrypted with a password, as Excel's File > Protect Workbook > Encrypt writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(path.with_name("plain-" + path.name), [["Phone"], [12025550143]])
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt(password, target)
    return path


def write_ods(path: Path, rows: Sequence[Sequence[Cell]], *, sheet: str = "Contacts") -> Path:
    """A LibreOffice Calc file (the smallest valid OpenDocument spreadsheet); numbers stay numbers."""
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    def cell(value: Cell) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            kind, shown = f'"float" office:value="{value}"', str(value)
        else:
            kind, shown = '"string"', escape(value)
        return f"<table:table-cell office:value-type={kind}><text:p>{shown}</text:p></table:table-cell>"

    body = "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(sheet)}>{body}</table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path
