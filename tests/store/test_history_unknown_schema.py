"""A history file this version cannot read is put aside once, with a notice, then a new history starts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vitedesk.store import AppPaths, HistoryStore
from vitedesk.wiring import open_services


def _foreign_database(path: Path, script: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(script)
    conn.close()


@pytest.mark.parametrize(
    "script",
    [
        "CREATE TABLE sends (id INTEGER, body TEXT); INSERT INTO sends VALUES (1, 'kept');",
        "PRAGMA user_version=7; CREATE TABLE notes (text TEXT);",
        "CREATE TABLE other (x); CREATE VIEW sends AS SELECT x FROM other;",
    ],
    ids=["other-columns", "newer-version", "sends-is-a-view"],
)
def test_unknown_layout_is_set_aside_once_with_a_notice(tmp_path: Path, script: str) -> None:
    db = tmp_path / "history.sqlite3"
    _foreign_database(db, script)
    original = db.read_bytes()

    first = HistoryStore(db)
    assert first.problem is not None and "put it aside as history.sqlite3.damaged-" in first.problem
    assert first.count() == 0  # a working, empty history
    first.close()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("history.sqlite3.damaged-")]
    assert [p.name for p in kept if not p.name.endswith(("-wal", "-shm"))] == [first.problem.split()[-6]]
    assert kept[0].read_bytes()[:16] == original[:16]

    second = HistoryStore(db)  # next start: nothing to report, nothing more set aside
    assert second.problem is None
    second.close()
    assert len([p for p in tmp_path.iterdir() if ".damaged-" in p.name]) == len(kept)


def test_the_app_starts_with_a_history_after_an_unknown_layout(tmp_path: Path) -> None:
    paths = AppPaths(config_dir=tmp_path / "config", data_dir=tmp_path / "data", log_dir=tmp_path / "log")
    paths.data_dir.mkdir(parents=True)
    _foreign_database(paths.history_db, "CREATE TABLE sends (id INTEGER);")
    services = open_services(paths)
    try:
        assert services.history is not None and services.history_problem is None
        assert services.history.problem is not None
    finally:
        services.close()
