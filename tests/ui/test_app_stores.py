"""The app's stores seen from the start path: interrupted sends, keychain trouble, the log folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

from helpers.ui_keyring import NoKeychain
from helpers.ui_wait import top_level, until
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from vitedesk.app import main
from vitedesk.sandbox import DEMO_ACCOUNTS
from vitedesk.store import AppPaths, HistoryStore, TokenVault
from vitedesk.store.credentials import NO_KEYCHAIN
from vitedesk.store.history import INTERRUPTED_MESSAGE

BUSINESS = DEMO_ACCOUNTS[1].username


def test_a_send_cut_short_by_a_crash_shows_as_outcome_unknown_at_the_next_start(qtbot, tmp_path) -> None:
    paths = AppPaths.under(tmp_path)
    with HistoryStore(paths.history_db) as history:  # the previous run: begun, then the process died
        history.begin(
            account=BUSINESS,
            server_url="https://core.vitemobile.com",
            route_kind="PUBLIC",
            route_id="",
            protocol="SMS",
            recipient_count=5000,
            parts_per_message=1,
            total_messages=5000,
            message="Black Friday starts now",
            image_names=[],
            fingerprint="f" * 64,
        )
    seen: dict[str, object] = {}

    async def person() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        seen["notice"] = window.notices.text("interruptedNotice")
        window.historyAction.trigger()
        await until(lambda: top_level("historyWindow") is not None)
        history = top_level("historyWindow")
        seen["rows"] = history.model.rowCount()
        seen["result"] = history.detail.field_text("result")
        seen["details"] = history.detail.field_text("error_message")
        window.close()

    driver = asyncio.ensure_future(person())
    assert main(["--sandbox", "--profile-dir", str(tmp_path)]) == 0
    assert driver.done() and driver.exception() is None
    assert str(seen["notice"]).startswith("1 send was interrupted when ViteDesk stopped last time")
    assert "Check your ViteMobile account before sending again" in str(seen["notice"])
    assert seen["rows"] == 1
    maybe = "Maybe sent to 5,000 recipients: the outcome is unknown. Check before sending again."
    assert seen["result"] == maybe
    assert seen["details"] == INTERRUPTED_MESSAGE
    assert top_level("historyWindow") is None  # closed with the main window
    with HistoryStore(paths.history_db) as history:  # and it stays that way
        assert history.recover_interrupted() == 0


def test_no_keychain_is_said_once_without_a_dialog_and_the_session_works(
    qtbot, sandbox, make_desk, drive
) -> None:
    backend = NoKeychain()
    desk = make_desk(sandbox.url, vault=TokenVault(backend=backend))
    window = desk.window
    window.tasks.start(window.ask_login())
    qtbot.waitUntil(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
    window.login_dialog.rememberCheck.setChecked(True)
    drive.login(window, BUSINESS)
    assert window.notices.text("keychainNotice") == NO_KEYCHAIN
    assert QApplication.activeModalWidget() is None  # told inline, not in a dialog
    window.notices.show_message("keychainNotice", "")  # the person dismisses it
    window.log_out()
    window.tasks.start(window.ask_login())
    drive.login(window, BUSINESS)
    assert window.notices.text("keychainNotice") == ""  # once per session
    assert backend.calls == 1  # the broken keychain was tried once, not on every login
    window.leads.set_text("202 555 0001")
    window.composer.set_message("Still works")
    drive.wait_for_recipients(window, 1)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    assert [c["message"] for c in sandbox.campaigns()] == ["Still works"]


def test_a_keychain_that_fails_at_start_is_said_at_start(qtbot, sandbox, make_desk) -> None:
    vault = TokenVault(backend=NoKeychain())
    desk = make_desk(sandbox.url, vault=vault)
    assert desk.window.session.restore(BUSINESS) is False
    desk.workspace.check_keychain(at_start=True)
    assert desk.window.notices.text("keychainNotice") == NO_KEYCHAIN


def test_not_remembering_does_not_talk_about_the_keychain(qtbot, sandbox, make_desk, drive) -> None:
    desk = make_desk(sandbox.url, vault=TokenVault(backend=NoKeychain()))
    desk.window.tasks.start(desk.window.ask_login())
    drive.login(desk.window, BUSINESS)  # Remember me left unticked
    assert desk.window.notices.text("keychainNotice") == ""


def test_help_opens_the_log_folder(qtbot, sandbox, make_desk) -> None:
    desk = make_desk(sandbox.url)
    assert desk.window.logFolderAction in desk.window.helpMenu.actions()
    desk.window.logFolderAction.trigger()
    assert desk.opened == [QUrl.fromLocalFile(str(desk.log_dir))]
    assert Path(desk.opened[0].toLocalFile()).is_dir()
