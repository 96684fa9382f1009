"""A start without any display says so in one sentence instead of Qt's plugin abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vitedesk.app import NO_DISPLAY, display_available

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux decides by DISPLAY/WAYLAND_DISPLAY")
def test_no_display_prints_one_sentence_and_exits_with_1(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in DISPLAY_VARIABLES}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "vitedesk", "--sandbox", "--profile-dir", str(tmp_path / "profile")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"{NO_DISPLAY}."
    assert not (tmp_path / "profile").exists()  # it stopped before opening anything


def test_which_environments_have_a_display() -> None:
    assert not display_available({}, "linux")
    assert not display_available({"DISPLAY": ""}, "linux")
    assert display_available({"DISPLAY": ":0"}, "linux")
    assert display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert display_available({}, "win32") and display_available({}, "darwin")
