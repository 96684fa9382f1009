"""Measure ViteDesk on this machine and print one Markdown table: each figure beside its baseline.

Run: ``uv run python -m tests.bench`` (several minutes) or ``uv run python -m tests.bench --quick``
(tiny sizes, seconds: checks that every row can be measured, not how fast). ``--only startup,leads`` picks
row groups.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # bench_*.py and tests/helpers, however this was started
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GROUPS = ("startup", "segments", "leads", "import", "keystroke", "stall", "send", "history")


def run(groups: list[str], quick: bool) -> str:
    from table import Row, Table, machine

    table = Table()
    measured: dict[str, Callable[[bool], list[Row]]] = {}
    if "startup" in groups:
        from rows_startup import startup_rows

        measured["startup"] = startup_rows
    if {"segments", "leads"} & set(groups):
        from rows_core import core_rows

        measured["segments+leads"] = core_rows
    if "import" in groups:
        from rows_import import import_rows

        measured["import"] = import_rows
    if {"keystroke", "stall", "history"} & set(groups):
        from rows_import import import_stall_rows
        from rows_qt import history_rows, keystroke_rows, paste_stall_rows, qt_rows  # noqa: F401

        wanted = [
            (name, function)
            for name, function in (
                ("keystroke", keystroke_rows),
                ("stall", paste_stall_rows),
                ("stall", import_stall_rows),
                ("history", history_rows),
            )
            if name in groups
        ]

        def qt(quick: bool) -> list[Row]:
            from PySide6.QtWidgets import QApplication

            _app = QApplication.instance() or QApplication([])
            return [row for _, function in wanted for row in function(quick)]

        measured["qt"] = qt
    if "send" in groups:
        from rows_send import send_rows

        measured["send"] = send_rows
    for name, function in measured.items():
        started = time.perf_counter()
        try:
            rows = function(quick)
        except Exception as error:  # one group failing must not hide the others
            table.skipped.append(f"{name}: {type(error).__name__}: {error}")
            continue
        if name == "segments+leads":
            prefix = {"segments": "segment counter:", "leads": "leads:"}
            rows = [row for row in rows if any(row.name.startswith(prefix[g]) for g in groups if g in prefix)]
        table.add(rows)
        print(f"measured {name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    size = "quick (tiny sizes)" if quick else "full"
    return f"Measured on {machine()}; {size} run.\n\n{table.markdown()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks every row, not the speed")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups of {', '.join(GROUPS)}"
    )
    args = parser.parse_args(argv)
    groups = [group.strip() for group in args.only.split(",") if group.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    print(run(groups, args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
