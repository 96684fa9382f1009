"""The history keeps whether a send was a test and its cost estimate; files of the first version gain both."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from vitedesk.store import HistoryStore

T0 = datetime(2025, 3, 14, 10, 42, tzinfo=UTC)
ATTEMPT = {
    "account": "ana@shop.com",
    "server_url": "https://core.vitemobile.com",
    "route_kind": "PUBLIC",
    "route_id": "",
    "protocol": "SMS",
    "recipient_count": 1204,
    "parts_per_message": 2,
    "total_messages": 2408,
    "message": "Spring sale",
    "image_names": [],
    "fingerprint": "f" * 64,
    "now": T0,
}

# The table as the first version of ViteDesk created it.
VERSION_1 = """
CREATE TABLE sends (
    local_id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, account TEXT NOT NULL,
    server_url TEXT NOT NULL, route_kind TEXT NOT NULL, route_id TEXT NOT NULL DEFAULT '',
    protocol TEXT NOT NULL, recipient_count INTEGER NOT NULL, parts_per_message INTEGER NOT NULL,
    total_messages INTEGER NOT NULL, message TEXT NOT NULL, image_names TEXT NOT NULL DEFAULT '[]',
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'unknown')),
    campaign_id INTEGER, remote_status TEXT, error_status INTEGER, error_message TEXT, finished_at TEXT
);
"""


def test_cost_and_test_mark_are_kept_and_tests_never_count_as_already_sent(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        real = store.begin(**ATTEMPT, cost_estimate="19.02 USD")
        store.mark_sent(real, 981, "SENDING", now=T0)
        test = store.begin(**{**ATTEMPT, "fingerprint": "e" * 64}, is_test=True)
        store.mark_sent(test, 982, "SENDING", now=T0)
        kept = store.get(real)
        assert kept is not None and kept.cost_estimate == "19.02 USD" and not kept.is_test
        tested = store.get(test)
        assert tested is not None and tested.is_test and tested.cost_estimate == ""
        assert tested.result_text == "Test to your own number: Sent — campaign 982, SENDING"
        assert store.last_identical("f" * 64, now=T0) is not None
        assert store.last_identical("e" * 64, now=T0) is None  # a test is no reason to ask "again?"


def test_a_first_version_file_gains_the_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(VERSION_1)
        old.execute(
            "INSERT INTO sends (created_at, account, server_url, route_kind, protocol, recipient_count, "
            "parts_per_message, total_messages, message, fingerprint, state, campaign_id) "
            "VALUES (?, 'ana@shop.com', 'https://core.vitemobile.com', 'PUBLIC', 'SMS', 1, 1, 1, 'Old', ?, "
            "'sent', 7)",
            (T0.isoformat(), "a" * 64),
        )
        old.execute("PRAGMA user_version=1")
    old.close()
    with HistoryStore(path) as store:
        (entry,) = store.search()
        assert (entry.message, entry.campaign_id, entry.is_test, entry.cost_estimate) == ("Old", 7, False, "")
        new = store.begin(**ATTEMPT, cost_estimate="0.02 EUR")
        assert store.get(new).cost_estimate == "0.02 EUR"  # type: ignore[union-attr]
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == 2
    check.close()
    with HistoryStore(path) as again:  # opening twice adds nothing twice
        assert len(again.search()) == 2
