"""A campaign survives SIGKILL: the app process is killed after editing; the next start restores it all."""

from __future__ import annotations

import asyncio
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from draft_kill_driver import (
    LEAD_LINES,
    MESSAGE,
    REGION,
    SENDER_ID,
    SERVER_ID,
    expected_leads_text,
)
from helpers.ui_wait import top_level, until
from PySide6.QtGui import QColor, QImage

from vitedesk.app import main
from vitedesk.core.campaign import RouteKind

DRIVER = Path(__file__).with_name("draft_kill_driver.py")


def read_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The next line the process prints, or "" when it prints nothing within `timeout` seconds."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if selector.select(timeout=deadline - time.monotonic()):
                return process.stdout.readline()
    return ""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_everything_typed_survives_sigkill_and_comes_back_with_a_notice(qtbot, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    picture = tmp_path / "summer.png"
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("tomato"))
    assert image.save(str(picture))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(profile), str(picture)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        line = read_line(process, timeout=60)
        assert line.startswith("ready"), f"the first app did not get ready: {line!r}"
        latency = float(line.split()[1])
        assert 0.9 <= latency < 3.0  # debounced about a second after the last change, not on every key
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    seen: dict[str, object] = {}

    async def person() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        await until(lambda: window.isVisible() and not window.leads.is_busy())
        seen.update(
            leads=window.leads.text(),
            region=window.leads.default_region(),
            message=window.composer.message(),
            route=window.route.route().kind,
            server_id=window.route.serverIdEdit.text(),
            sender_id=window.route.sidEdit.text(),
            images=window.images.images(),
            notice=window.notices.text("draftNotice"),
            topics=window.notices.topics(),
        )
        window.close()

    driver = asyncio.ensure_future(person())
    assert main(["--sandbox", "--profile-dir", str(profile)]) == 0
    assert driver.done() and driver.exception() is None
    assert seen["leads"] == expected_leads_text() and len(LEAD_LINES) == 3
    assert seen["region"] == REGION
    assert seen["message"] == MESSAGE
    assert seen["route"] is RouteKind.PRIVATE
    assert (seen["server_id"], seen["sender_id"]) == (SERVER_ID, SENDER_ID)  # both route fields kept
    assert seen["images"] == [picture]
    assert str(seen["notice"]).startswith("Your unsent campaign from ")
    assert str(seen["notice"]).endswith(" was restored.")
    assert seen["topics"] == ["draftNotice"]  # nothing was being sent: no "interrupted" notice
