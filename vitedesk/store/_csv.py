"""CSV exports: the send history (kept apart so history.py stays about the database) and what a lead list
left out."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from vitedesk.store._atomic import atomic_write_text
from vitedesk.store.history_entry import HistoryEntry

HEADER = (
    "Sent at",
    "Finished at",
    "Result",
    "What happened",
    "Account",
    "Server",
    "Route",
    "Type",
    "Recipients",
    "Recipient numbers",
    "Texts per person",
    "Total texts",
    "Campaign",
    "Pictures",
    "Message",
    "Server status",
    "Error code",
    "Local id",
    "Fingerprint",
)

# Spreadsheets cut a cell at 32,767 characters; a longer list of numbers says so instead of being cut.
CELL_LIMIT = 32_000

# A spreadsheet runs a cell that starts with one of these as a formula; a leading apostrophe keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_history_csv(
    path: Path,
    entries: Iterable[HistoryEntry],
    recipients_of: Callable[[int], list[str] | None] = lambda _local_id: None,
) -> int:
    """Write a header row and one row per entry (UTF-8 with BOM so spreadsheets pick the encoding).

    Times are in the computer's time zone with their offset (ISO 8601, 2026-12-06T09:15:00+01:00).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for entry in entries:
        writer.writerow(
            [
                local_iso(entry.created_at),
                local_iso(entry.finished_at),
                _text(entry.result_text),
                _text(entry.error_message or ""),
                _text(entry.account),
                entry.server_url,
                _text(entry.route_text),
                entry.kind_text,
                entry.recipient_count,
                _numbers(recipients_of(entry.local_id) if entry.recipients_kept else None),
                1 if entry.protocol == "MMS" else entry.parts_per_message,
                entry.total_messages,
                "" if entry.campaign_id is None else entry.campaign_id,
                _text("; ".join(entry.image_names)),
                _text(entry.message),
                _text(entry.remote_status or ""),
                "" if entry.error_status is None else entry.error_status,
                entry.local_id,
                entry.fingerprint,
            ]
        )
        count += 1
    atomic_write_text(path, buffer.getvalue(), encoding="utf-8-sig", newline="")
    return count


def local_iso(moment: datetime | None) -> str:
    """A stored time in the computer's time zone with its offset, to the second; "" for none."""
    return moment.astimezone().isoformat(timespec="seconds") if moment else ""


def _numbers(numbers: list[str] | None) -> str:
    if numbers is None:
        return "not kept (sent before ViteDesk kept recipients)"
    text = " ".join(numbers)
    if len(text) <= CELL_LIMIT:
        return text
    shown = text[: text.rfind(" ", 0, CELL_LIMIT - 60)]
    rest = len(numbers) - shown.count(" ") - 1
    return f"{shown} … and {rest:,} more (all of them are in the ViteDesk history window)"


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


LEFT_OUT_HEADER = ("Row or line", "Original value", "Reason")


def write_left_out_csv(path: Path, rows: Iterable[tuple[str, str, str]]) -> int:
    """The pieces a lead list left out (where, what was typed, why) as CSV; returns how many rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LEFT_OUT_HEADER)
    count = 0
    for where, raw, reason in rows:
        writer.writerow([where, _text(raw), reason])
        count += 1
    atomic_write_text(path, buffer.getvalue(), encoding="utf-8-sig", newline="")
    return count
