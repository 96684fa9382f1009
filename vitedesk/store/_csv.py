"""CSV export of the send history (kept apart so history.py stays about the database)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from vitedesk.store._atomic import atomic_write_text
from vitedesk.store.history_entry import HistoryEntry

HEADER = (
    "local_id",
    "created_at_utc",
    "finished_at_utc",
    "account",
    "server_url",
    "route_kind",
    "route_id",
    "protocol",
    "recipient_count",
    "parts_per_message",
    "total_messages",
    "state",
    "result",
    "campaign_id",
    "remote_status",
    "error_status",
    "error_message",
    "image_names",
    "fingerprint",
    "message",
)

# A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_history_csv(path: Path, entries: Iterable[HistoryEntry]) -> int:
    """Write a header row and one row per entry (UTF-8 with BOM so spreadsheets pick the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for entry in entries:
        writer.writerow(
            [
                entry.local_id,
                entry.created_at.isoformat(timespec="seconds"),
                entry.finished_at.isoformat(timespec="seconds") if entry.finished_at else "",
                _text(entry.account),
                entry.server_url,
                entry.route_kind,
                _text(entry.route_id),
                entry.protocol,
                entry.recipient_count,
                entry.parts_per_message,
                entry.total_messages,
                str(entry.state),
                _text(entry.result_text),
                "" if entry.campaign_id is None else entry.campaign_id,
                _text(entry.remote_status or ""),
                "" if entry.error_status is None else entry.error_status,
                _text(entry.error_message or ""),
                _text("; ".join(entry.image_names)),
                entry.fingerprint,
                _text(entry.message),
            ]
        )
        count += 1
    atomic_write_text(path, buffer.getvalue(), encoding="utf-8-sig", newline="")
    return count


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value
