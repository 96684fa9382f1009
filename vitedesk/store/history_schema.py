"""The send history's schema as numbered migrations: ``MIGRATIONS[n - 1]`` takes a file from version n-1 to n.

``PRAGMA user_version`` holds the version a file is at. Opening a file runs, in one write transaction, every
migration after that version, so a file made by any earlier ViteDesk is brought up to date and a new file
goes through them all. To change the schema, append one migration (never edit one that has shipped): a
tuple of SQL statements, or of ``add_column(...)`` steps for new columns of ``sends``. A file from a newer
ViteDesk (a higher version) is used as it is: migrations only add, so this version's queries still work.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

Step = str | Callable[[sqlite3.Connection], None]

log = logging.getLogger(__name__)

# 1: the sends table as first shipped (IF NOT EXISTS: files made before user_version was set are at 0).
_SENDS: tuple[Step, ...] = (
    """
    CREATE TABLE IF NOT EXISTS sends (
        local_id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        account TEXT NOT NULL,
        server_url TEXT NOT NULL,
        route_kind TEXT NOT NULL,
        route_id TEXT NOT NULL DEFAULT '',
        protocol TEXT NOT NULL,
        recipient_count INTEGER NOT NULL,
        parts_per_message INTEGER NOT NULL,
        total_messages INTEGER NOT NULL,
        message TEXT NOT NULL,
        image_names TEXT NOT NULL DEFAULT '[]',
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'unknown')),
        campaign_id INTEGER,
        remote_status TEXT,
        error_status INTEGER,
        error_message TEXT,
        finished_at TEXT
    )
    """,
    "CREATE INDEX IF NOT EXISTS sends_by_fingerprint ON sends (fingerprint, created_at)",
    "CREATE INDEX IF NOT EXISTS sends_in_flight ON sends (state) WHERE state = 'sending'",
)


def add_column(name: str, definition: str, table: str = "sends") -> Callable[[sqlite3.Connection], None]:
    """A step adding a column unless the table has it already (a file from a build that had added it)."""

    def step(conn: sqlite3.Connection) -> None:
        present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if name not in present:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {definition}")

    return step


# 2: a test sent to the person's own number, and the cost estimate shown before sending ("19.02 USD").
_TEST_AND_COST: tuple[Step, ...] = (
    add_column("is_test", "INTEGER NOT NULL DEFAULT 0"),
    add_column("cost_estimate", "TEXT NOT NULL DEFAULT ''"),
)

# 3: the numbers each campaign went to, one row per recipient in send order; found by number through the
# index. Sends recorded before this version have no rows here (``recipients_kept`` is 0 for them).
_RECIPIENTS: tuple[Step, ...] = (
    """
    CREATE TABLE recipients (
        local_id INTEGER NOT NULL REFERENCES sends (local_id),
        position INTEGER NOT NULL,
        number TEXT NOT NULL,
        PRIMARY KEY (local_id, position)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX recipients_by_number ON recipients (number, local_id)",
    add_column("recipients_kept", "INTEGER NOT NULL DEFAULT 0"),
)

MIGRATIONS: tuple[tuple[Step, ...], ...] = (_SENDS, _TEST_AND_COST, _RECIPIENTS)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION inside the caller's write transaction; returns the version found.

    Read inside the transaction, so two processes opening an old file at once migrate it once.
    """
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for version in range(found + 1, SCHEMA_VERSION + 1):
        for step in MIGRATIONS[version - 1]:
            if isinstance(step, str):
                conn.execute(step)
            else:
                step(conn)
        log.info("History database migrated to version %d", version)
    if found < SCHEMA_VERSION:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    elif found > SCHEMA_VERSION:
        log.warning("History database is version %d, newer than this ViteDesk (%d)", found, SCHEMA_VERSION)
    return found
