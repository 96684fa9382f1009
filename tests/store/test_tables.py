"""read_table over real files: workbooks by xlsxwriter, text in each encoding and delimiter, broken files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import table_files

from vitedesk.store.tables import ReadCancelled, TableError, read_table

NAMES = ["Begoña", "Zoë", "Łukasz", "Müller"]


def test_numbers_typed_into_a_sheet_read_as_digits_not_floats(tmp_path: Path) -> None:
    book = table_files.write_xlsx(
        tmp_path / "c.xlsx", [["Name", "Mobile"], ["Ann", 12025550143], ["Bob", 447946095800], ["Cy", 1.5]]
    )
    table = read_table(book)
    assert table.headers == ["Name", "Mobile"]
    assert table.columns[1] == ["12025550143", "447946095800", "1.5"]
    assert list(table.row_numbers) == [2, 3, 4]
    assert table.sheet == "Contacts" and table.source() == "c.xlsx"


def test_a_libreoffice_sheet_reads_the_same_way(tmp_path: Path) -> None:
    ods = table_files.write_ods(
        tmp_path / "c.ods", [["Name", "Mobile"], ["Ann", 12025550143], ["Bob", "+44 20 7946 0958"]]
    )
    table = read_table(ods)
    assert table.columns == [["Ann", "Bob"], ["12025550143", "+44 20 7946 0958"]]
    assert list(table.row_numbers) == [2, 3]


def test_hidden_rows_are_read_and_rows_are_numbered_as_the_sheet_shows_them(tmp_path: Path) -> None:
    rows = [["Phone"], ["+1 202 555 0143"], ["+1 202 555 0178"], [None], ["+1 202 555 0179"]]
    book = table_files.write_xlsx(tmp_path / "c.xlsx", rows, first_row=2, hidden_rows=[4])
    table = read_table(book)
    # Header on sheet row 3; the hidden row 5 is there; the blank row 6 is skipped, numbers unchanged.
    assert table.has_header
    assert list(table.row_numbers) == [4, 5, 7]
    assert table.columns == [["+1 202 555 0143", "+1 202 555 0178", "+1 202 555 0179"]]


def test_only_the_first_sheet_unless_another_is_named(tmp_path: Path) -> None:
    book = table_files.write_xlsx(
        tmp_path / "b.xlsx",
        [["Phone"], ["+1 202 555 0143"]],
        other_sheets={"Old": [["Tel"], ["+44 20 7946 0958"]]},
    )
    first = read_table(book)
    assert first.sheets == ["Contacts", "Old"] and first.columns == [["+1 202 555 0143"]]
    assert first.source() == "b.xlsx, sheet Contacts"
    other = read_table(book, sheet="Old")
    assert other.sheet == "Old" and other.columns == [["+44 20 7946 0958"]]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize(
    ("encoding", "bom", "found"),
    [
        ("utf-8", False, "utf-8"),
        ("utf-8", True, "utf-8"),
        ("utf-16-le", True, "utf-16"),
        ("utf-16-be", True, "utf-16"),
        ("cp1252", False, "cp1252"),
    ],
)
def test_text_files_in_each_encoding_and_delimiter(tmp_path: Path, delimiter, encoding, bom, found) -> None:
    names = NAMES[:2] if encoding == "cp1252" else NAMES  # Windows-1252 has no Ł
    rows = [["Name", "Phone", "City"]] + [
        [name, f"+1 202 555 01{i:02d}", "Köln"] for i, name in enumerate(names)
    ]
    path = table_files.write_text_table(
        tmp_path / "list.csv", rows, delimiter=delimiter, encoding=encoding, bom=bom
    )
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.encoding == found
    assert table.headers == ["Name", "Phone", "City"]
    assert table.columns[0] == names
    assert table.columns[2] == ["Köln"] * len(names)
    assert list(table.row_numbers) == list(range(2, len(names) + 2))


def test_an_encoding_picked_by_the_person_is_used(tmp_path: Path) -> None:
    path = table_files.write_text_table(
        tmp_path / "l.csv", [["Begoña", "+34 612 345 678"]], encoding="cp1252"
    )
    assert read_table(path).columns[0] == ["Begoña"]
    assert read_table(path, encoding="cp1250").columns[0] == ["Begońa"]


def test_quoted_cells_keep_their_delimiters_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        'Name,Phone\n"Smith, John",+1 202 555 0143\n"Two\nlines",+1 202 555 0178\nAnn,+1 202 555 0179\n'
    )
    table = read_table(path)
    assert table.columns[0] == ["Smith, John", "Two\nlines", "Ann"]
    assert list(table.row_numbers) == [2, 3, 5]  # the row after the two-line cell starts on line 5


def test_a_one_column_text_file_without_header(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text("+1 202 555 0143\n\n202.555.0178\n")
    table = read_table(path)
    assert table.width == 1 and not table.has_header
    assert table.headers == ["Column A"]
    assert table.columns == [["+1 202 555 0143", "202.555.0178"]]
    assert list(table.row_numbers) == [1, 3]


def test_a_csv_saved_with_an_xlsx_name_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "really-text.xlsx"
    path.write_text("Name;Phone\nAnn;+1 202 555 0143\n")
    assert read_table(path).columns[1] == ["+1 202 555 0143"]


@pytest.mark.parametrize(
    ("make", "name", "words"),
    [
        (table_files.truncated_xlsx, "cut.xlsx", "is damaged or incomplete"),
        (table_files.garbage_csv, "noise.csv", "does not contain text or a spreadsheet"),
        (table_files.empty_file, "empty.csv", "is empty"),
        (table_files.password_xlsx, "locked.xlsx", "is protected with a password"),
    ],
)
def test_broken_files_raise_one_sentence(tmp_path: Path, make, name, words) -> None:
    with pytest.raises(TableError) as refused:
        read_table(make(tmp_path / name))
    sentence = str(refused.value)
    assert sentence.startswith(f"“{name}” {words}"), sentence
    assert "\n" not in sentence and "Error" not in sentence


def test_missing_files_folders_and_blank_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="could not be found"):
        read_table(tmp_path / "gone.csv")
    with pytest.raises(TableError, match="is a folder"):
        read_table(tmp_path)
    blank = tmp_path / "blank.csv"
    blank.write_text(";;\n\n;;\n")
    with pytest.raises(TableError, match="has no data in it"):
        read_table(blank)
    header_only = tmp_path / "header.csv"
    header_only.write_text("Name;Phone\n")
    with pytest.raises(TableError, match="has a header but no rows under it"):
        read_table(header_only)


def test_progress_is_reported_and_cancel_stops_the_read(tmp_path: Path) -> None:
    path = table_files.write_big_csv(tmp_path / "big.csv", 100_000)
    seen: list[tuple[int, int]] = []
    table = read_table(path, progress=lambda done, total: seen.append((done, total)))
    assert table.height == 100_000
    assert len(seen) >= 5 and seen[-1][0] == seen[-1][1]
    with pytest.raises(ReadCancelled):
        read_table(path, cancel=lambda: True)
    book = table_files.write_big_xlsx(tmp_path / "big.xlsx", 50_000)
    with pytest.raises(ReadCancelled):
        read_table(book, cancel=lambda: True)


def test_the_readers_import_no_qt() -> None:
    code = "import sys, vitedesk.store.tables, vitedesk.store.table_text, vitedesk.store.table_sheets\n"
    code += "print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
