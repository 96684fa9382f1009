"""The benchmark command works: `python -m tests.bench --quick` measures every row and prints one table.

Part of the default run (tiny sizes, seconds); the full run is `uv run python -m tests.bench`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = ("startup:", "segment counter:", "leads:", "import:", "keystroke:", "stall:", "send:", "history:")


def test_quick_run_prints_one_table_with_every_row(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| row | figure")
    names = [line.split("|")[1].strip() for line in table[1:]]
    for row in ROWS:
        assert any(name.startswith(row) for name in names), f"no {row} row in:\n{done.stdout}"
    assert "skipped:" not in done.stdout
    for line in table[1:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[1] and cells[1] != "—", line  # every row has a measured figure
        if "node not run" not in cells[2]:  # Twilio's calculator needs node; quick runs never install it
            assert cells[4].endswith("x"), line  # a ratio against its baseline
