"""Every send attempt, recorded in SQLite before the request goes out and completed after it.

A row is inserted as ``sending`` and committed *before* the HTTP request, then marked ``sent``, ``failed``
or ``unknown``. If the app dies in between, ``recover_interrupted()`` at the next start turns the row into
"outcome unknown" so the user is told to check before sending again, instead of seeing nothing.

Two processes may open the same file (WAL mode, a busy timeout, short transactions). A second instance that
runs ``recover_interrupted()`` while the first is mid-send marks that row unknown for a moment; the first
instance's ``mark_sent``/``mark_failed`` still lands, because marks update the row whatever its state.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import count, repeat
from pathlib import Path
from typing import Any

from vitedesk.store._csv import write_history_csv
from vitedesk.store.history_entry import HistoryEntry, SendState
from vitedesk.store.history_query import HistoryQuery
from vitedesk.store.history_schema import SCHEMA_VERSION, migrate

log = logging.getLogger(__name__)

INTERRUPTED_MESSAGE = (
    "ViteDesk stopped while this campaign was being sent, so it may or may not have gone out. "
    "Check your ViteMobile account before sending it again."
)
OUTCOME_UNKNOWN_MESSAGE = (
    "The connection was lost after the campaign was handed to the server, so it may have been sent. "
    "Check your ViteMobile account before sending it again."
)
DAMAGED_HISTORY = "The send history file was damaged, so ViteDesk kept a copy and started a new history."
UNKNOWN_HISTORY = (
    "The send history file was written by another version of ViteDesk or another program, so ViteDesk "
    "put it aside as {name} and started a new history."
)


class _UnknownSchema(sqlite3.DatabaseError):
    """The file is a database, but not a send history this version can read."""


def _check_layout(conn: sqlite3.Connection) -> None:
    """Raise _UnknownSchema before any migration touches a file that is not a send history.

    A file of a newer ViteDesk has a sends table with (at least) the first version's columns; another
    program's database, or a sends that is a view or has other columns, is left exactly as it was.
    """
    kind = conn.execute("SELECT type FROM sqlite_master WHERE name = 'sends'").fetchone()
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if kind is None:
        if version != 0:
            raise _UnknownSchema(f"schema version {version} without a sends table")
        return
    if kind[0] != "table":
        raise _UnknownSchema("sends is not a table")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(sends)")}
    if not {"local_id", "created_at", "fingerprint", "state", "message"} <= columns:
        raise _UnknownSchema("the sends table has other columns")


_COLUMNS = (
    "local_id, created_at, account, server_url, route_kind, route_id, protocol, recipient_count, "
    "parts_per_message, total_messages, message, image_names, fingerprint, state, campaign_id, "
    "remote_status, error_status, error_message, finished_at, is_test, cost_estimate, recipients_kept"
)

__all__ = ["SCHEMA_VERSION", "HistoryQuery", "HistoryStore"]


class HistoryStore:
    """The send history in one SQLite file; one connection, closed by ``close()``.

    Use it from the thread that created it (sqlite3's default check). ``problem`` holds a sentence for the
    user when a damaged file had to be set aside at open time.
    """

    def __init__(self, db_path: Path, *, timeout: float = 10.0) -> None:
        self.path = Path(db_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.problem: str | None = None
        try:
            self._conn = self._open(timeout)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, _UnknownSchema) or (
                isinstance(exc, sqlite3.OperationalError) and exc.sqlite_errorcode == sqlite3.SQLITE_ERROR
            ):
                # not damaged, another layout: set aside once (the new file opens fine next time)
                log.error(
                    "History database %s has an unknown layout (%s); starting a new one", self.path, exc
                )
                self.problem = UNKNOWN_HISTORY.format(name=self._set_aside().name)
                self._conn = self._open(timeout)
                return
            if exc.sqlite_errorcode not in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
                raise
            log.error("History database %s is damaged (%s); starting a new one", self.path, exc)
            self._set_aside()
            self.problem = DAMAGED_HISTORY
            self._conn = self._open(timeout)

    def _open(self, timeout: float) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: the 'sending' row must survive a power cut, not only a crash; writes are tiny.
            conn.execute("PRAGMA synchronous=FULL")
            with _transaction(conn):
                _check_layout(conn)
                migrate(conn)
                columns = {row[1] for row in conn.execute("PRAGMA table_info(sends)")}
                if not set(_COLUMNS.split(", ")) <= columns:
                    raise _UnknownSchema("the sends table lacks columns")
        except BaseException:
            conn.close()
            raise
        return conn

    def _set_aside(self) -> Path:
        """Move the file (and its journal) aside as <name>.damaged-<time>; returns the new name."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                os.replace(source, Path(f"{self.path}.damaged-{stamp}{suffix}"))
        return Path(f"{self.path}.damaged-{stamp}")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def journal_mode(self) -> str:
        return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0])

    # --- writing -----------------------------------------------------------------------------------

    def begin(
        self,
        *,
        account: str,
        server_url: str,
        route_kind: str,
        route_id: str,
        protocol: str,
        recipient_count: int,
        parts_per_message: int,
        total_messages: int,
        message: str,
        image_names: Sequence[str],
        fingerprint: str,
        recipients: Sequence[str] | None = None,
        now: datetime | None = None,
        is_test: bool = False,
        cost_estimate: str = "",
    ) -> int:
        """Record an attempt as 'sending' and commit it, before the request goes out; returns local_id.

        ``recipients`` (E.164, send order) are kept with the row in the same transaction; None: not known.
        ``is_test``: a test sent to the person's own number; ``cost_estimate``: "19.02 USD", or "".
        """
        with _transaction(self._conn):
            cursor = self._conn.execute(
                "INSERT INTO sends (created_at, account, server_url, route_kind, route_id, protocol, "
                "recipient_count, parts_per_message, total_messages, message, image_names, fingerprint, "
                "state, is_test, cost_estimate, recipients_kept) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?, ?)",
                (
                    _stamp(now),
                    account,
                    server_url,
                    str(route_kind),
                    route_id,
                    protocol,
                    recipient_count,
                    parts_per_message,
                    total_messages,
                    message,
                    json.dumps(list(image_names), ensure_ascii=False),
                    fingerprint,
                    int(is_test),
                    cost_estimate,
                    recipients is not None,
                ),
            )
            local_id = cursor.lastrowid
            assert local_id is not None
            if recipients:
                self._conn.executemany(
                    "INSERT INTO recipients (local_id, position, number) VALUES (?, ?, ?)",
                    zip(repeat(local_id), count(), recipients),
                )
        return local_id

    def mark_sent(self, local_id: int, campaign_id: int, status: str, *, now: datetime | None = None) -> None:
        """The server accepted the campaign: remember its id and status."""
        self._finish(local_id, SendState.SENT, now, campaign_id=campaign_id, remote_status=status)

    def mark_failed(
        self, local_id: int, error_status: int | None, message: str, *, now: datetime | None = None
    ) -> None:
        """Nothing was sent: keep the HTTP status (None without one) and the sentence shown to the user."""
        self._finish(local_id, SendState.FAILED, now, error_status=error_status, error_message=message)

    def mark_unknown(
        self, local_id: int, message: str = OUTCOME_UNKNOWN_MESSAGE, *, now: datetime | None = None
    ) -> None:
        """The campaign may or may not have gone out; ``message`` tells the user to check first."""
        self._finish(local_id, SendState.UNKNOWN, now, error_message=message)

    def _finish(self, local_id: int, state: SendState, now: datetime | None, **values: Any) -> None:
        fields = {
            "campaign_id": None,
            "remote_status": None,
            "error_status": None,
            "error_message": None,
            **values,
        }
        with _transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE sends SET state = ?, campaign_id = ?, remote_status = ?, error_status = ?, "
                "error_message = ?, finished_at = ? WHERE local_id = ?",
                (
                    str(state),
                    fields["campaign_id"],
                    fields["remote_status"],
                    fields["error_status"],
                    fields["error_message"],
                    _stamp(now),
                    local_id,
                ),
            )
        if cursor.rowcount != 1:
            raise KeyError(f"no history row {local_id}")

    def recover_interrupted(self, *, now: datetime | None = None) -> int:
        """Rows left 'sending' by a crash become 'unknown' (check before resending); returns how many."""
        with _transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE sends SET state = 'unknown', error_message = ?, finished_at = ? "
                "WHERE state = 'sending'",
                (INTERRUPTED_MESSAGE, _stamp(now)),
            )
        if cursor.rowcount:
            log.warning("%d send(s) interrupted by a previous stop: outcome unknown", cursor.rowcount)
        return cursor.rowcount

    # --- reading -----------------------------------------------------------------------------------

    def get(self, local_id: int) -> HistoryEntry | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM sends WHERE local_id = ?", (local_id,)).fetchone()
        return _entry(row) if row else None

    def last_identical(
        self,
        fingerprint: str,
        account: str | None = None,
        within: timedelta = timedelta(hours=24),
        *,
        server_url: str | None = None,
        now: datetime | None = None,
    ) -> HistoryEntry | None:
        """The newest attempt with this fingerprint that was sent or may have been sent, within ``within``.

        Counts 'sent', 'unknown' and 'sending' (another instance may be sending it right now); failed
        attempts and tests sent to the person's own number never count. ``account`` / ``server_url``
        narrow the match when given.
        """
        since = _stamp((now or datetime.now(UTC)) - within)
        sql = (
            f"SELECT {_COLUMNS} FROM sends WHERE fingerprint = ? AND created_at >= ? "
            "AND state IN ('sent', 'unknown', 'sending') AND is_test = 0"
        )
        params: list[Any] = [fingerprint, since]
        if account is not None:
            sql += " AND account = ?"
            params.append(account)
        if server_url is not None:
            sql += " AND server_url = ?"
            params.append(server_url)
        row = self._conn.execute(sql + " ORDER BY local_id DESC LIMIT 1", params).fetchone()
        return _entry(row) if row else None

    def search(
        self, query: HistoryQuery | str = "", *, limit: int | None = None, before_id: int | None = None
    ) -> list[HistoryEntry]:
        """Newest first; a text matches message, account, route id, campaign id or error (case-insensitive),
        a ``HistoryQuery`` also the campaigns sent to one of its numbers.

        ``before_id`` continues a page: only rows with a smaller local_id (stable while new rows arrive).
        """
        where, params = _query(query).where()
        if before_id is not None:
            where += " AND local_id < ?"
            params.append(before_id)
        sql = f"SELECT {_COLUMNS} FROM sends WHERE {where} ORDER BY local_id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_entry(row) for row in self._conn.execute(sql, params)]

    def count(self, query: HistoryQuery | str = "") -> int:
        where, params = _query(query).where()
        return int(self._conn.execute(f"SELECT COUNT(*) FROM sends WHERE {where}", params).fetchone()[0])

    def recipients(self, local_id: int) -> list[str] | None:
        """The numbers a send went to, in send order; None when it was recorded before they were kept."""
        sql = "SELECT recipients_kept FROM sends WHERE local_id = ?"
        kept = self._conn.execute(sql, (local_id,)).fetchone()
        if kept is None or not kept[0]:
            return None
        rows = self._conn.execute(
            "SELECT number FROM recipients WHERE local_id = ? ORDER BY position", (local_id,)
        )
        return [row[0] for row in rows]

    def export_csv(self, path: Path, entries: Iterable[HistoryEntry] | None = None) -> int:
        """Write ``entries`` (default: all rows, newest first) as CSV with a header; returns the row count."""
        return write_history_csv(Path(path), self.search() if entries is None else entries, self.recipients)


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT/ROLLBACK on an autocommit connection (takes the write lock up front)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _query(query: HistoryQuery | str) -> HistoryQuery:
    return query if isinstance(query, HistoryQuery) else HistoryQuery(query.strip())


def _stamp(moment: datetime | None) -> str:
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("history times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _entry(row: sqlite3.Row) -> HistoryEntry:
    finished = row["finished_at"]
    return HistoryEntry(
        local_id=row["local_id"],
        created_at=datetime.fromisoformat(row["created_at"]),
        account=row["account"],
        server_url=row["server_url"],
        route_kind=row["route_kind"],
        route_id=row["route_id"],
        protocol=row["protocol"],
        recipient_count=row["recipient_count"],
        parts_per_message=row["parts_per_message"],
        total_messages=row["total_messages"],
        message=row["message"],
        image_names=tuple(json.loads(row["image_names"] or "[]")),
        fingerprint=row["fingerprint"],
        state=SendState(row["state"]),
        campaign_id=row["campaign_id"],
        remote_status=row["remote_status"],
        error_status=row["error_status"],
        error_message=row["error_message"],
        finished_at=datetime.fromisoformat(finished) if finished else None,
        is_test=bool(row["is_test"]),
        cost_estimate=row["cost_estimate"] or "",
        recipients_kept=bool(row["recipients_kept"]),
    )
