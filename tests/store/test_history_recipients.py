"""Each send keeps its numbers, a campaign is found by any of them however it is typed, older history files
are migrated in place, and the CSV speaks plainly with local times and their offset."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from vitedesk.store import HistoryStore, SendState
from vitedesk.store._csv import CELL_LIMIT
from vitedesk.store.history import SCHEMA_VERSION, HistoryQuery
from vitedesk.store.history_schema import MIGRATIONS

DATA = Path(__file__).parent / "data"
T0 = datetime(2026, 12, 6, 8, 15, tzinfo=UTC)
ANA = ["+14155550143", "+14155550199", "+447700900456"]


def attempt(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "account": "ana@shop.com",
        "server_url": "https://core.vitemobile.com",
        "route_kind": "PUBLIC",
        "route_id": "",
        "protocol": "SMS",
        "recipient_count": 3,
        "parts_per_message": 1,
        "total_messages": 3,
        "message": "Spring sale: 20% off everything this weekend",
        "image_names": [],
        "fingerprint": "f" * 64,
        "recipients": ANA,
        "now": T0,
    }
    values.update(overrides)
    return values


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as history:
        yield history


@pytest.fixture
def berlin_time() -> Iterator[None]:
    """The computer's clock set to Berlin (UTC+01:00 in December) for this test only."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def ids(entries: list[Any]) -> list[int]:
    return [entry.local_id for entry in entries]


def test_a_send_keeps_its_numbers_in_send_order(store: HistoryStore, tmp_path: Path) -> None:
    local_id = store.begin(**attempt())
    assert store.recipients(local_id) == ANA
    entry = store.get(local_id)
    assert entry is not None and entry.recipients_kept
    # Committed with the "sending" row: another process sees them before the request goes out.
    with sqlite3.connect(tmp_path / "history.sqlite3") as other:
        sql = "SELECT number FROM recipients WHERE local_id = ? ORDER BY position"
        rows = other.execute(sql, (local_id,))
        assert [number for (number,) in rows] == ANA
    other.close()


def test_a_send_recorded_without_numbers_says_they_were_not_kept(store: HistoryStore) -> None:
    local_id = store.begin(**attempt(recipients=None))
    assert store.recipients(local_id) is None
    assert store.recipients(99999) is None


@pytest.mark.parametrize(
    "typed",
    [
        "(415) 555-0143",
        "415.555.0143",
        "415 555 0143",
        "+1 415 555 0143",
        "011 1 415-555-0143",
        "+14155550143",
    ],
)
def test_a_campaign_is_found_by_a_number_typed_in_any_usual_format(store: HistoryStore, typed: str) -> None:
    ana = store.begin(**attempt())
    store.begin(**attempt(recipients=["+14155550100"], message="Other people"))
    query = HistoryQuery.read(typed, "US")
    assert query.numbers == ("+14155550143",)
    assert ids(store.search(query)) == [ana]
    assert store.count(query) == 1


def test_the_default_country_decides_how_a_national_number_is_read(store: HistoryStore) -> None:
    ana = store.begin(**attempt())
    assert ids(store.search(HistoryQuery.read("07700 900456", "GB"))) == [ana]
    assert store.search(HistoryQuery.read("07700 900456", "US")) == []  # not a US number: nothing
    assert ids(store.search(HistoryQuery.read("+44 7700 900456", "US"))) == [ana]


def test_a_number_search_still_searches_the_text(store: HistoryStore) -> None:
    by_text = store.begin(**attempt(message="Call us on 415 555 0143 today", recipients=["+12025550111"]))
    by_number = store.begin(**attempt(message="Tulips"))
    store.mark_sent(by_number, 5003, "SENDING")
    assert ids(store.search(HistoryQuery.read("415 555 0143", "US"))) == [by_number, by_text]
    assert ids(store.search(HistoryQuery.read("tulips", "US"))) == [by_number]
    assert ids(store.search(HistoryQuery.read("5003", "US"))) == [by_number]  # a campaign id, not a number
    assert HistoryQuery.read("5003", "US").numbers == ()
    assert not HistoryQuery.read("   ", "US")


def test_searching_by_number_uses_the_index(store: HistoryStore) -> None:
    where, params = HistoryQuery(numbers=("+14155550143",)).where()
    plan = store._conn.execute(f"EXPLAIN QUERY PLAN SELECT local_id FROM sends WHERE {where}", params)
    details = " ".join(str(row["detail"]) for row in plan)
    assert "recipients_by_number" in details and "SCAN recipients" not in details


@pytest.mark.parametrize("version", [1, 2])
def test_a_file_made_by_an_earlier_version_is_migrated_and_keeps_every_row(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "history.sqlite3"
    shutil.copy(DATA / f"history-v{version}.sqlite3", path)
    with HistoryStore(path) as store:
        old = store.search()
        assert [entry.message for entry in old] == ["Roses", "New arrivals", "Spring sale: 20% off"]
        assert [entry.state for entry in old] == [SendState.SENDING, SendState.FAILED, SendState.SENT]
        assert old[2].campaign_id == 981 and old[1].error_status == 429
        assert old[1].image_names == ("banner.png",)
        assert all(not entry.recipients_kept and not entry.is_test for entry in old)
        assert store.recipients(old[0].local_id) is None  # sent before numbers were kept
        assert store.recover_interrupted() == 1
        new = store.begin(**attempt(is_test=True, cost_estimate="0.03 USD"))
        assert store.recipients(new) == ANA
        assert ids(store.search(HistoryQuery.read("(415) 555-0143", "US"))) == [new]
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    check.close()
    with HistoryStore(path) as again:  # opening again migrates nothing twice
        assert again.count() == 4 and again.recipients(new) == ANA


def test_migrations_are_numbered_and_a_new_file_runs_them_all(tmp_path: Path) -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 3
    with HistoryStore(tmp_path / "fresh.sqlite3") as store:
        store.begin(**attempt())
    with sqlite3.connect(tmp_path / "fresh.sqlite3") as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
    check.close()
    assert {"sends", "recipients", "recipients_by_number"} <= names


def test_a_file_from_a_newer_version_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        store.begin(**attempt())
    with sqlite3.connect(path) as newer:
        newer.execute("ALTER TABLE sends ADD COLUMN something_new TEXT")
        newer.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    newer.close()
    with HistoryStore(path) as store:
        assert store.count() == 1
        store.begin(**attempt())
        assert store.count("spring") == 2


def test_csv_has_plain_headers_local_times_with_offset_and_the_numbers(
    store: HistoryStore, tmp_path: Path, berlin_time: None
) -> None:
    sent = store.begin(**attempt(route_kind="SID", route_id="MyShop", cost_estimate="0.03 USD"))
    store.mark_sent(sent, 981, "SENDING", now=T0.replace(second=2))
    old = store.begin(**attempt(recipients=None, protocol="MMS", image_names=["banner.png"]))
    out = tmp_path / "history.csv"
    assert store.export_csv(out) == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames is not None
    assert reader.fieldnames[:3] == ["Sent at", "Finished at", "Result"]
    assert "Recipients" in reader.fieldnames and "Recipient numbers" in reader.fieldnames
    assert all(" " in name or name[0].isupper() for name in reader.fieldnames)  # no snake_case names
    sent_row, old_row = rows[1], rows[0]
    assert sent_row["Sent at"] == "2026-12-06T09:15:00+01:00"
    assert sent_row["Finished at"] == "2026-12-06T09:15:02+01:00"
    assert sent_row["Result"] == "Sent — campaign 981"
    assert sent_row["Route"] == "Sender ID “MyShop”"
    assert sent_row["Type"] == "Text message (SMS)"
    assert sent_row["Recipients"] == "3"
    assert sent_row["Recipient numbers"] == " ".join(ANA)
    assert sent_row["Server status"] == "SENDING"
    assert old_row["Type"] == "Picture message (MMS)" and old_row["Local id"] == str(old)
    assert old_row["Recipient numbers"] == "not kept (sent before ViteDesk kept recipients)"


def test_csv_says_how_many_numbers_did_not_fit_a_spreadsheet_cell(
    store: HistoryStore, tmp_path: Path
) -> None:
    numbers = [f"+1415555{i:04d}" for i in range(5000)]
    store.begin(**attempt(recipients=numbers, recipient_count=5000, total_messages=5000))
    out = tmp_path / "big.csv"
    store.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    cell = row["Recipient numbers"]
    assert len(cell) <= CELL_LIMIT
    shown = cell.split(" … ")[0].split(" ")
    assert shown == numbers[: len(shown)]
    assert cell.endswith(f"… and {5000 - len(shown):,} more (all of them are in the ViteDesk history window)")
