"""The entry point: --version, --smoke-test, and a whole sandbox session driven through app.main()."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx
from helpers.ui_wait import top_level, until
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from vitedesk import __version__
from vitedesk.app import main


def test_version_prints_and_returns_zero(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"ViteDesk {__version__}"


def test_unknown_option_returns_an_error_code(capsys) -> None:
    assert main(["--no-such-option"]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def app_still_runs(qtbot) -> bool:
    fired: list[bool] = []
    QTimer.singleShot(10, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    return QApplication.instance() is not None


def test_smoke_test_inside_a_running_app_leaves_the_app_running(qtbot, capsys) -> None:
    assert main(["--smoke-test"]) == 0
    assert capsys.readouterr().out.startswith("smoke test passed: campaign ")
    assert app_still_runs(qtbot)
    assert QApplication.instance().quitOnLastWindowClosed()  # the host's setting is given back


def smoke_process(home: Path, *extra: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), **env}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "vitedesk", "--smoke-test", *extra],
        capture_output=True,
        text=True,
        timeout=90,
        env=environment,
    )


def vitedesk_files(home: Path) -> list[Path]:
    return [path for path in home.rglob("*") if "vitedesk" in str(path.relative_to(home)).lower()]


def test_smoke_test_as_its_own_process_sends_an_mms_and_leaves_home_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = smoke_process(home)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"smoke test passed: campaign \d+\n", result.stdout)
    assert vitedesk_files(home) == []


def test_smoke_test_against_a_server_that_refuses_the_login_says_so(tmp_path: Path, sandbox) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = smoke_process(
        home,
        "--server",
        sandbox.url,
        VITEDESK_SMOKE_USERNAME="business@sandbox.test",
        VITEDESK_SMOKE_PASSWORD="wrong password",
    )
    assert result.returncode == 1
    assert "passed" not in result.stdout
    assert "password" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert vitedesk_files(home) == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_whole_sandbox_session_through_main(qtbot, tmp_path: Path) -> None:
    port = free_port()
    seen: dict[str, object] = {}

    async def person() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        seen["window"] = window
        seen["banner"] = window.sandboxBanner.text()
        await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        dialog = window.login_dialog
        seen["demo_accounts"] = dialog.demoCombo.count() - 1
        dialog.demoCombo.setCurrentIndex(2)  # the Business demo account
        QTest.keyClick(dialog.passwordEdit, Qt.Key.Key_Return)
        await until(lambda: window.session.signed_in)
        window.leads.set_text("202 555 0001\n202 555 0002")
        window.composer.set_message("From the entry point")
        await until(window.sendButton.isEnabled)
        QTest.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
        await until(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
        QTest.mouseClick(window.flow.confirm_dialog.sendButton, Qt.MouseButton.LeftButton)
        await until(lambda: window.banner.notice is not None and window.banner.notice.level == "success")
        async with httpx.AsyncClient() as client:
            seen["received"] = (await client.get(f"http://127.0.0.1:{port}/sandbox/campaigns")).json()
        seen["client"] = window.session.client
        window.close()

    driver = asyncio.ensure_future(person())
    code = main(["--sandbox", "--sandbox-port", str(port), "--profile-dir", str(tmp_path)])
    assert driver.done() and driver.exception() is None
    assert code == 0
    assert "Sandbox: nothing is really sent" in seen["banner"] and str(port) in seen["banner"]
    assert seen["demo_accounts"] == 3
    [campaign] = seen["received"]
    assert campaign["message"] == "From the entry point" and campaign["account"] == "business@sandbox.test"
    # shut down in order: the HTTP client is closed and the sandbox no longer listens
    assert seen["client"]._http.is_closed
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0
    # settings live in the profile directory; a practice session does not replace the real server address
    settings = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert settings["server_url"] == "https://core.vitemobile.com"
    assert app_still_runs(qtbot)


def test_busy_sandbox_port_is_said_plainly(qtbot, tmp_path: Path, capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        async def dismiss() -> None:  # the login dialog comes first, then the message box replaces it
            await until(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
            QApplication.activeModalWidget().accept()

        closer = asyncio.ensure_future(dismiss())
        assert main(["--sandbox", "--sandbox-port", str(port), "--profile-dir", str(tmp_path)]) == 1
        assert closer.done()
    assert "another --sandbox-port" in capsys.readouterr().err
