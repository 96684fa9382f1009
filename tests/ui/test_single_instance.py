"""One running ViteDesk per profile, with real processes: a second start shows the first window and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from vitedesk.ui.common.single_instance import ALREADY_RUNNING

ASKED = "Another start of ViteDesk asked for this window"


def _environment(home: Path) -> dict[str, str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        environment.pop(name, None)
    return environment


def _start(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "vitedesk", "--sandbox"],
        env=_environment(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _log_text(home: Path) -> str:
    return "".join(path.read_text(errors="replace") for path in home.rglob("*.log"))


def _wait_for_start(home: Path, process: subprocess.Popen[str], starts: int = 1) -> None:
    deadline = time.monotonic() + 60
    while _log_text(home).count("starting; data in") < starts:
        assert time.monotonic() < deadline, "ViteDesk did not open the profile"
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=30)


def test_a_second_start_brings_the_first_window_forward_and_exits(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    first = _start(home)
    try:
        _wait_for_start(home, first)
        deadline = time.monotonic() + 60
        second: subprocess.CompletedProcess[str] | None = None
        while ASKED not in _log_text(home):
            assert time.monotonic() < deadline, "the running window never heard of the second start"
            assert first.poll() is None, first.communicate()
            second = subprocess.run(
                [sys.executable, "-m", "vitedesk", "--sandbox"],
                env=_environment(home),
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert second.returncode == 0, second.stderr
            assert ALREADY_RUNNING in second.stderr
            time.sleep(0.5)
        assert second is not None
        assert first.poll() is None  # the first one goes on
        assert _log_text(home).count("starting; data in") == 1  # the second never opened the profile
    finally:
        _stop(first)

    # the first process was killed: its lock is stale and the next start runs normally
    third = _start(home)
    try:
        _wait_for_start(home, third, starts=2)
    finally:
        _stop(third)


def test_another_profile_is_another_instance(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    first = _start(home)
    try:
        _wait_for_start(home, first)
        other = subprocess.Popen(
            [sys.executable, "-m", "vitedesk", "--sandbox", "--profile-dir", str(tmp_path / "other")],
            env=_environment(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for_start(tmp_path / "other", other)
        finally:
            _stop(other)
    finally:
        _stop(first)
