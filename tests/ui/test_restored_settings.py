"""What a person set up is there again after a restart through vitedesk.app.main (--profile-dir)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from helpers.ui_wait import top_level, until
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest

from vitedesk.app import main
from vitedesk.sandbox import DEMO_ACCOUNTS

BUSINESS = DEMO_ACCOUNTS[1].username


def run_session(profile: Path, person) -> dict:
    seen: dict = {}
    driver = asyncio.ensure_future(person(seen))
    assert main(["--sandbox", "--profile-dir", str(profile)]) == 0
    assert driver.done() and driver.exception() is None, driver.exception()
    return seen


def test_size_position_splitter_username_and_country_survive_a_restart(qtbot, tmp_path: Path) -> None:
    async def first(seen: dict) -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        dialog = window.login_dialog
        dialog.usernameEdit.setText(BUSINESS)
        dialog.passwordEdit.setText("sandbox")
        QTest.keyClick(dialog.passwordEdit, Qt.Key.Key_Return)
        await until(lambda: window.session.signed_in and window.login_dialog is None)
        assert window.leads.set_default_region("GB")
        window.resize(760, 520)  # the offscreen screen is 800x600
        window.move(20, 30)
        window.splitter.setSizes([250, 490])
        await asyncio.sleep(0.1)
        seen["sizes"] = window.splitter.sizes()
        seen["pos"] = window.pos()
        window.close()

    async def second(seen: dict) -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        await asyncio.sleep(0.1)
        seen["username"] = window.login_dialog.usernameEdit.text()
        seen["password_focused"] = window.login_dialog.passwordEdit.hasFocus()
        window.login_dialog.reject()
        seen["size"] = window.size()
        seen["pos"] = window.pos()
        seen["sizes"] = window.splitter.sizes()
        seen["region"] = window.leads.default_region()
        window.close()

    before = run_session(tmp_path, first)
    after = run_session(tmp_path, second)
    assert after["size"] == QSize(760, 520)
    assert after["pos"] == before["pos"]
    assert after["sizes"] == before["sizes"] and after["sizes"][0] < after["sizes"][1]
    assert after["username"] == BUSINESS
    assert after["region"] == "GB"
