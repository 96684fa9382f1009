"""The send history's schema as numbered migrations: ``MIGRATIONS[n - 1]`` takes a file from version n-1 to n.

``PRAGMA user_version`` holds the version a file is at. Opening a file runs, in one write transaction, every
migration after that version, so a file made by any earlier ViteDesk is brought up to date and a new file
goes through them all. To change the schema, append one migration (never edit one that has shipped): a
statement tuple such as ``("ALTER TABLE sends ADD COLUMN cost_estimate REAL",)``. A file from a newer
ViteDesk (a higher version) is used as it is: migrations only add, so this version's queries still work.
"""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger(__name__)

# 1: the sends table as first shipped (IF NOT EXISTS: files made before user_version was set are at 0).
_SENDS = (
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

# 2: the numbers each campaign went to, one row per recipient in send order; found by number through the
# index. Sends recorded before this version have no rows here (``recipients_kept`` is 0 for them).
_RECIPIENTS = (
    """
    CREATE TABLE recipients (
        local_id INTEGER NOT NULL REFERENCES sends (local_id),
        position INTEGER NOT NULL,
        number TEXT NOT NULL,
        PRIMARY KEY (local_id, position)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX recipients_by_number ON recipients (number, local_id)",
    "ALTER TABLE sends ADD COLUMN recipients_kept INTEGER NOT NULL DEFAULT 0",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_SENDS, _RECIPIENTS)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION inside the caller's write transaction; returns the version found.

    Read inside the transaction, so two processes opening an old file at once migrate it once.
    """
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for version in range(found + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version - 1]:
            conn.execute(statement)
        log.info("History database migrated to version %d", version)
    if found < SCHEMA_VERSION:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    elif found > SCHEMA_VERSION:
        log.warning("History database is version %d, newer than this ViteDesk (%d)", found, SCHEMA_VERSION)
    return found
