"""A whole session (log in with Remember me, send, log out) leaves neither password nor token in any file.

The app runs in-process through main() with a profile directory, detailed logging, a working keychain held in
memory (not a file), against a sandbox whose account has a password that cannot occur by chance. Every file
under the profile is then read as bytes: settings, draft, history database with its WAL and shm, logs.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
from pathlib import Path

from helpers.ui_keyring import MemoryKeyring
from helpers.ui_wait import top_level, until
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest

from vitedesk.app import Collaborators, main
from vitedesk.store import AppPaths, Settings, TokenVault

USERNAME = "business@sandbox.test"


def files_under(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def leaks(files: dict[str, bytes], needles: dict[str, bytes]) -> list[str]:
    return [
        f"{what} in {name}"
        for name, data in files.items()
        for what, needle in needles.items()
        if needle in data
    ]


def test_no_password_or_token_in_any_file_after_a_whole_session(qtbot, sandbox, tmp_path: Path) -> None:
    password = "Pw-" + secrets.token_hex(12)
    account = sandbox.state.accounts[USERNAME]
    sandbox.state.accounts[USERNAME] = dataclasses.replace(account, password=password)
    profile = tmp_path / "profile"
    paths = AppPaths.under(profile)
    Settings(server_url=sandbox.url).save(paths.settings_file)  # the person's server address
    keychain = MemoryKeyring()
    opened: list[QUrl] = []
    seen: dict[str, object] = {}

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    async def person() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        dialog = window.login_dialog
        QTest.keyClicks(dialog.usernameEdit, USERNAME)
        QTest.keyClicks(dialog.passwordEdit, password)
        dialog.rememberCheck.setChecked(True)
        QTest.keyClick(dialog.passwordEdit, Qt.Key.Key_Return)
        await until(lambda: window.session.signed_in)
        seen["token"] = window.session.client.token
        seen["kept"] = list(keychain.entries.values())
        window.leads.set_text("202 555 0001\n202 555 0002")
        QTest.keyClicks(window.composer.messageEdit, "Secrets stay secret")
        await until(lambda: len(window.campaign().leads) == 2 and window.sendButton.isEnabled())
        QTest.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
        await until(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
        QTest.mouseClick(window.flow.confirm_dialog.sendButton, Qt.MouseButton.LeftButton)
        await until(lambda: window.banner.notice is not None and window.banner.notice.level == "success")
        QTest.keyClicks(window.composer.messageEdit, " (edited after sending)")  # a draft on disk again
        await until(paths.draft_file.exists, timeout=5)
        window.logFolderAction.trigger()
        window.log_out()
        seen["kept_after_logout"] = dict(keychain.entries)
        # the history's WAL and shm exist only while the app runs: take them as they are now
        seen["while_running"] = files_under(profile)
        window.close()

    driver = asyncio.ensure_future(person())
    collaborators = Collaborators(vault=TokenVault(backend=keychain), open_url=open_url)
    code = main(["--profile-dir", str(profile), "--log-level", "DEBUG"], collaborators)
    assert driver.done() and driver.exception() is None
    assert code == 0
    assert logging.getLogger("vitedesk").handlers == []  # the log file handler is removed at shutdown
    token = str(seen["token"])
    assert token.count(".") == 2 and seen["kept"] == [token]  # Remember me kept the token, and only it
    assert password not in keychain.written
    assert seen["kept_after_logout"] == {}  # log out removed it
    assert opened == [QUrl.fromLocalFile(str(paths.log_dir))]

    running, after = seen["while_running"], files_under(profile)
    assert isinstance(running, dict)
    names = set(running) | set(after)
    for expected in ("config/settings.json", "data/draft.json", "data/history.sqlite3", "logs/vitedesk.log"):
        assert expected in names, f"{expected} missing: the scan would prove nothing"
    assert "data/history.sqlite3-wal" in running
    log_text = after["logs/vitedesk.log"].decode()
    for event in (
        f"Logged in as {USERNAME}",
        "Sending campaign: 2 recipients",
        "Send accepted",
        "Logged out",
    ):
        assert event in log_text
    assert "DEBUG   vitedesk.ui.compose.draft_keeper: Draft saved" in log_text  # detailed logging was on

    needles = {
        "password": password.encode(),
        "token": token.encode(),
        "token signature": token.rsplit(".", 1)[1].encode(),
        "password (UTF-16)": password.encode("utf-16-le"),
    }
    assert leaks(running, needles) == []
    assert leaks(after, needles) == []
    # the scan can find what it looks for
    (tmp_path / "planted.json").write_text(f'{{"x": "{token}"}}')
    assert leaks(files_under(tmp_path), needles) == [
        "token in planted.json",
        "token signature in planted.json",
    ]
