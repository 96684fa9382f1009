"""Which column holds the phone numbers, what a country cell means, and what an import says it found."""

from __future__ import annotations

import pytest

from vitedesk.core.leads import parse_leads
from vitedesk.core.leads.columns import guess_country_column, guess_phone_column, region_of
from vitedesk.core.leads.imported import import_lines, import_summary

PHONES = ["+1 202 555 0143", "(202) 555-0178", "202.555.0179"]
IDS = ["1001", "1002", "1003"]
NAMES = ["Ann", "Bob", "Cy"]


@pytest.mark.parametrize(
    "header",
    ["Phone", "Mobile", "Cell phone", "Tel.", "Telefon", "Teléfono", "Téléphone", "Portable", "Handy",
     "Móvil", "Celular", "Phone number", "MOBILE_NUMBER", "Telefonnummer"],
)  # fmt: skip
def test_the_phone_column_is_found_by_its_header(header: str) -> None:
    # A second column of numbers (an older phone list) would read just as well: the header decides.
    headers = ["Name", "Old list", header]
    columns = [NAMES, ["+1 202 555 0100", "+1 202 555 0101", "+1 202 555 0102"], PHONES]
    assert guess_phone_column(headers, columns, "US") == 2


def test_without_a_telling_header_the_column_that_reads_best_wins() -> None:
    headers = ["Column A", "Column B", "Column C"]
    assert guess_phone_column(headers, [NAMES, IDS, PHONES], "US") == 2


def test_a_phone_header_over_values_that_are_not_numbers_does_not_win() -> None:
    headers = ["Phone", "Contact"]
    columns = [["ask Bob", "n/a", "unknown"], PHONES]
    assert guess_phone_column(headers, columns, "US") == 1


def test_no_column_with_digits_means_no_phone_column() -> None:
    assert guess_phone_column(["Name", "City"], [NAMES, ["Paris", "Rome", "Oslo"]], "US") is None


@pytest.mark.parametrize(
    ("cell", "region"),
    [("GB", "GB"), ("gb", "GB"), ("United Kingdom", "GB"), ("UK", "GB"), ("+44", "GB"), ("Germany", "DE"),
     ("  france ", "FR"), ("USA", "US"), ("Åland Islands", "AX"), ("Narnia", None), ("", None), ("XX", None)],
)  # fmt: skip
def test_country_cells(cell: str, region: str | None) -> None:
    assert region_of(cell) == region


def test_the_country_column_is_found_by_header_or_values() -> None:
    headers = ["Name", "Phone", "Pays"]
    assert guess_country_column(headers, [NAMES, PHONES, ["FR", "fr", "France"]], 1) == 2
    unnamed = ["Column A", "Column B", "Column C"]
    assert guess_country_column(unnamed, [NAMES, PHONES, ["US", "GB", "DE"]], 1) == 2
    assert guess_country_column(unnamed, [NAMES, PHONES, IDS], 1) is None


def test_rows_with_another_country_get_their_international_form() -> None:
    phones = ["020 7946 0958", "(202) 555-0178", "", "030 901820", "202-555-0143"]
    countries = ["United Kingdom", "US", "US", "DE", "Narnia"]
    imported = import_lines(phones, [2, 3, 4, 5, 6], "US", countries)
    assert imported.lines == ["+442079460958", "(202) 555-0178", "+4930901820", "202-555-0143"]
    assert imported.row_numbers == [2, 3, 5, 6]
    assert imported.empty_rows == [4]
    assert imported.unknown_countries == [(6, "Narnia")]


def test_the_import_sentence_names_rows_as_the_spreadsheet_numbers_them() -> None:
    phones = ["+1 202 555 0143", "", "555", "+1 202 555 0143", "+1 202 555 0178", "", "", "12"]
    imported = import_lines(phones, list(range(2, 10)), "US")
    report = parse_leads(imported.text(), "US")
    assert import_summary("contacts.xlsx, sheet Contacts", imported, report) == (
        "contacts.xlsx, sheet Contacts: 8 rows read, 2 recipients, 1 duplicate removed; "
        "row 3: no phone number; row 4: too short to be a phone number; row 7: no phone number; "
        "and 2 more rows that gave no recipient."
    )
