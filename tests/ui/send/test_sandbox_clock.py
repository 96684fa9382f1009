"""--sandbox-clock: practice takes the given time as now; the banner says so; quiet hours use it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from helpers.ui_wait import top_level, until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from vitedesk.app import main


def test_the_practice_clock_is_shown_and_used_for_quiet_hours(qtbot: Any, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    async def person() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        seen["banner"] = window.sandboxBanner.text()
        await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        dialog = window.login_dialog
        dialog.demoCombo.setCurrentIndex(2)  # the Business demo account
        QTest.keyClick(dialog.passwordEdit, Qt.Key.Key_Return)
        await until(lambda: window.session.signed_in)
        window.leads.set_text("202 555 0143\n+44 20 7946 0958")
        window.composer.set_message("Good morning")
        await until(lambda: len(window.campaign().leads) == 2 and window.sendButton.isEnabled())
        QTest.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
        await until(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
        seen["quiet"] = window.flow.confirm_dialog.value("quiet")
        window.flow.confirm_dialog.reject()
        await until(lambda: not window.flow.busy)
        window.close()

    driver = asyncio.ensure_future(person())
    code = main(["--sandbox", "--sandbox-clock", "2026-03-08T06:30-05:00", "--profile-dir", str(tmp_path)])
    assert code == 0 and driver.done() and driver.exception() is None
    assert "Practice clock" in seen["banner"] and "Sun 08 Mar 2026 06:30 UTC-05:00" in seen["banner"]
    # 06:30 at UTC-5 is 11:30 UTC: 07:30 in New York, where summer time began that night.
    assert seen["quiet"].startswith(
        "1 of 2 recipients is outside 08:00-21:00 right now: America/New_York 07:30"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--sandbox-clock", "2026-03-08T06:30-05:00"], "only works together with --sandbox"),
        (["--sandbox", "--sandbox-clock", "breakfast"], "is not a date and time"),
    ],
)
def test_the_clock_is_refused_outside_practice_or_when_unreadable(
    argv: list[str], said: str, capsys: Any, tmp_path: Path
) -> None:
    assert main([*argv, "--profile-dir", str(tmp_path)]) == 2
    assert said in capsys.readouterr().err
