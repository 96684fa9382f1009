"""Every send attempt is on record, a crash mid-send is visible, and identical campaigns are recognised."""

from __future__ import annotations

import csv
import multiprocessing
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from vitedesk.store import HistoryStore, SendState
from vitedesk.store.history import DAMAGED_HISTORY, INTERRUPTED_MESSAGE

T0 = datetime(2025, 3, 14, 10, 42, tzinfo=UTC)


def attempt(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "account": "ana@shop.com",
        "server_url": "https://core.vitemobile.com",
        "route_kind": "PUBLIC",
        "route_id": "",
        "protocol": "SMS",
        "recipient_count": 1204,
        "parts_per_message": 3,
        "total_messages": 3612,
        "message": "Spring sale: 20% off everything this weekend",
        "image_names": [],
        "fingerprint": "f" * 64,
        "now": T0,
    }
    values.update(overrides)
    return values


@pytest.fixture
def store(tmp_path: Path):
    with HistoryStore(tmp_path / "history.sqlite3") as history:
        yield history


def test_the_database_is_in_wal_mode(store: HistoryStore, tmp_path: Path) -> None:
    assert store.journal_mode == "wal"
    with sqlite3.connect(tmp_path / "history.sqlite3") as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_begin_commits_a_sending_row_before_the_request(store: HistoryStore, tmp_path: Path) -> None:
    local_id = store.begin(**attempt(route_kind="SID", route_id="MyShop", image_names=["a.png", "b.jpg"]))
    # Another connection (another process) sees the committed row at once.
    with sqlite3.connect(tmp_path / "history.sqlite3") as other:
        assert other.execute("SELECT state FROM sends WHERE local_id = ?", (local_id,)).fetchone() == (
            "sending",
        )
    entry = store.get(local_id)
    assert entry is not None
    assert entry.state is SendState.SENDING
    assert entry.created_at == T0
    assert entry.image_names == ("a.png", "b.jpg")
    assert entry.route_text == "Sender ID “MyShop”"
    assert entry.finished_at is None


def test_marks_record_each_outcome_in_words(store: HistoryStore) -> None:
    sent = store.begin(**attempt())
    failed = store.begin(**attempt())
    unknown = store.begin(**attempt())
    later = T0 + timedelta(seconds=3)
    store.mark_sent(sent, 981, "SENDING", now=later)
    store.mark_failed(failed, 429, "Daily limit reached. Try again tomorrow or raise your limit.")
    store.mark_unknown(unknown)

    entry = store.get(sent)
    assert entry is not None
    assert (entry.state, entry.campaign_id, entry.remote_status, entry.finished_at) == (
        "sent",
        981,
        "SENDING",
        later,
    )
    assert entry.result_text == "Sent — campaign 981"  # the raw server status stays out of the words

    entry = store.get(failed)
    assert entry is not None and entry.error_status == 429
    assert entry.result_text == "Failed — Daily limit reached. Try again tomorrow or raise your limit."

    entry = store.get(unknown)
    assert entry is not None and entry.state is SendState.UNKNOWN
    assert entry.result_text == "Outcome unknown — check before sending again"
    assert "before sending it again" in (entry.error_message or "")


def test_marking_a_row_that_does_not_exist_is_an_error(store: HistoryStore) -> None:
    with pytest.raises(KeyError):
        store.mark_sent(12345, 1, "SENDING")


def test_crash_mid_send_leaves_an_outcome_unknown_row(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    crashed = HistoryStore(path)
    local_id = crashed.begin(**attempt())
    done = crashed.begin(**attempt())
    crashed.mark_sent(done, 7, "SENDING")
    del crashed  # the process dies: no close(), no mark

    with HistoryStore(path) as restarted:
        assert restarted.recover_interrupted() == 1
        entry = restarted.get(local_id)
        assert entry is not None
        assert entry.state is SendState.UNKNOWN
        assert entry.error_message == INTERRUPTED_MESSAGE
        assert "Check your ViteMobile account before sending it again" in entry.error_message
        assert entry.result_text == "Outcome unknown — check before sending again"
        other = restarted.get(done)
        assert other is not None and other.state is SendState.SENT
        assert restarted.recover_interrupted() == 0


def test_a_late_answer_still_lands_after_another_instance_recovered_the_row(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as first, HistoryStore(path) as second:
        local_id = first.begin(**attempt())
        assert second.recover_interrupted() == 1
        first.mark_sent(local_id, 981, "SENDING")
        entry = second.get(local_id)
        assert entry is not None and entry.state is SendState.SENT


def test_last_identical_finds_sent_and_unknown_within_24_hours(store: HistoryStore) -> None:
    fingerprint = "a" * 64
    failed = store.begin(**attempt(fingerprint=fingerprint, now=T0))
    store.mark_failed(failed, 500, "Server problem")
    assert store.last_identical(fingerprint, "ana@shop.com", now=T0 + timedelta(minutes=1)) is None

    sent = store.begin(**attempt(fingerprint=fingerprint, now=T0 + timedelta(minutes=2)))
    store.mark_sent(sent, 981, "SENDING")
    match = store.last_identical(fingerprint, "ana@shop.com", now=T0 + timedelta(hours=23))
    assert match is not None and match.local_id == sent and match.campaign_id == 981

    assert store.last_identical(fingerprint, "ana@shop.com", now=T0 + timedelta(hours=25)) is None
    assert store.last_identical(fingerprint, "bo@shop.com", now=T0 + timedelta(hours=1)) is None
    assert store.last_identical("b" * 64, "ana@shop.com", now=T0 + timedelta(hours=1)) is None
    assert (
        store.last_identical(fingerprint, server_url="http://127.0.0.1:8765", now=T0 + timedelta(hours=1))
        is None
    )

    unknown = store.begin(**attempt(fingerprint=fingerprint, now=T0 + timedelta(hours=1)))
    store.mark_unknown(unknown)
    match = store.last_identical(fingerprint, "ana@shop.com", now=T0 + timedelta(hours=2))
    assert match is not None and match.local_id == unknown


def test_search_is_newest_first_and_matches_text_account_route_and_campaign(store: HistoryStore) -> None:
    first = store.begin(**attempt(message="Tulips are back", account="ana@shop.com"))
    second = store.begin(**attempt(message="Roses 50% off", account="bo@florist.com", route_id="svm-east-1"))
    third = store.begin(**attempt(message="100% fresh_daily"))
    store.mark_sent(second, 98123, "SENDING")

    assert [e.local_id for e in store.search()] == [third, second, first]
    assert [e.local_id for e in store.search("TULIPS")] == [first]
    assert [e.local_id for e in store.search("florist")] == [second]
    assert [e.local_id for e in store.search("svm-east")] == [second]
    assert [e.local_id for e in store.search("9812")] == [second]
    assert [e.local_id for e in store.search("0%")] == [third, second]  # % is literal, not a wildcard
    assert [e.local_id for e in store.search("h_d")] == [third]
    assert store.search("nothing like this") == []
    assert store.count() == 3 and store.count("ana@") == 2


def test_search_pages_by_local_id(store: HistoryStore) -> None:
    ids = [store.begin(**attempt(message=f"msg {i}")) for i in range(10)]
    page1 = store.search(limit=4)
    page2 = store.search(limit=4, before_id=page1[-1].local_id)
    page3 = store.search(limit=4, before_id=page2[-1].local_id)
    assert [e.local_id for e in page1 + page2 + page3] == ids[::-1]


def test_export_csv_has_a_header_and_every_field(store: HistoryStore, tmp_path: Path) -> None:
    sent = store.begin(**attempt(message='Hello, "friends"\nline two', image_names=["a.png"]))
    store.mark_sent(sent, 981, "SENDING")
    failed = store.begin(**attempt(message='=HYPERLINK("http://evil")'))
    store.mark_failed(failed, None, "No connection. Check your internet and try again.")

    out = tmp_path / "export" / "history.csv"
    assert store.export_csv(out) == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Local id"] for r in rows] == [str(failed), str(sent)]
    assert rows[1]["Message"] == 'Hello, "friends"\nline two'
    assert rows[1]["Result"] == "Sent — campaign 981"
    assert rows[1]["Campaign"] == "981"
    assert rows[1]["Pictures"] == "a.png"
    assert rows[0]["Error code"] == ""
    assert rows[0]["What happened"] == "No connection. Check your internet and try again."
    assert rows[0]["Message"].startswith("'=HYPERLINK")  # not run as a formula by a spreadsheet

    only = tmp_path / "one.csv"
    assert store.export_csv(only, store.search("friends")) == 1
    assert len(only.read_text(encoding="utf-8-sig").splitlines()) == 3  # header + 2 lines of one quoted row


def _write_rows(path: str, label: str, count: int) -> None:
    with HistoryStore(Path(path)) as history:
        for i in range(count):
            local_id = history.begin(**attempt(message=f"{label} {i}", now=datetime.now(UTC)))
            history.mark_sent(local_id, i, "SENDING")


def test_two_processes_can_write_the_same_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_rows, args=(str(path), name, 40)) for name in ("left", "right")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with HistoryStore(path) as history:
        assert history.count() == 80
        assert history.count("left") == 40
        assert all(e.state is SendState.SENT for e in history.search())


def test_a_damaged_history_file_is_kept_aside_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list" * 100)
    with HistoryStore(path) as history:
        assert history.problem == DAMAGED_HISTORY
        assert history.count() == 0
        history.begin(**attempt())
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")


def test_naive_times_are_refused(store: HistoryStore) -> None:
    with pytest.raises(ValueError):
        store.begin(**attempt(now=datetime(2025, 1, 1, 12, 0)))


def test_route_words_are_the_ones_the_confirmation_used(store: HistoryStore) -> None:
    from vitedesk.core.campaign import Route

    routes = {
        "PUBLIC": ("", Route.public()),
        "PRIVATE": ("svm-east-1", Route.private("svm-east-1")),
        "SID": ("MyShop", Route.sid("MyShop")),
    }
    for kind, (route_id, route) in routes.items():
        entry = store.get(store.begin(**attempt(route_kind=kind, route_id=route_id)))
        assert entry is not None and entry.route == route
        assert entry.route_text == route.describe()
    # a route kind from a newer version is still shown, in its own words
    odd = store.get(store.begin(**attempt(route_kind="SATELLITE", route_id="sat-1")))
    assert odd is not None and odd.route is None and odd.route_text == "SATELLITE sat-1"
