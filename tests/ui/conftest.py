"""UI test support: ONE qasync loop for the whole session, shared by every Qt test.

A loop per test whose teardown calls stop() would call QApplication.exit() and break the next test, so the
loop is created once over pytest-qt's QApplication with already_running=True and never stopped.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import shiboken6
from helpers.ui_drag import drop_files
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from vitedesk.ui.qt_async import QEventLoop

T = TypeVar("T")


@pytest.fixture(scope="session", autouse=True)
def qasync_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop


@pytest.fixture
def run_async(qtbot: Any) -> Callable[..., Any]:
    """Run a coroutine on the session loop from a synchronous test; return its result (Qt keeps running)."""

    def run(coro: Coroutine[Any, Any, T], timeout: int = 10_000) -> T:
        task = asyncio.ensure_future(coro)
        qtbot.waitUntil(task.done, timeout=timeout)
        return task.result()

    return run


class Driver:
    """Drives the real widgets the way a person does: paste, type, drop files, click, confirm."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    def sign_in(self, window: Any, username: str) -> Any:
        """Ask the window for a login and log in as `username` (demo password); returns the window."""
        window.tasks.start(window.ask_login())
        self.login(window, username)
        return window

    def login(self, window: Any, username: str, password: str = "sandbox") -> None:
        """Wait for the login dialog over `window`, fill it in and press Enter; waits until signed in."""
        self.qtbot.waitUntil(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        dialog = window.login_dialog
        dialog.usernameEdit.setText(username)
        dialog.passwordEdit.setText(password)
        self.qtbot.keyClick(dialog.passwordEdit, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: window.session.signed_in and window.login_dialog is None, timeout=10_000)

    def paste_leads(self, window: Any, text: str) -> None:
        QApplication.clipboard().setText(text)
        window.leads.leadEdit.setFocus()
        window.leads.leadEdit.paste()

    def wait_for_recipients(self, window: Any, count: int) -> None:
        self.qtbot.waitUntil(lambda: len(window.campaign().leads) == count, timeout=10_000)

    def type_message(self, window: Any, text: str) -> None:
        self.qtbot.keyClicks(window.composer.messageEdit, text)

    def drop_files(self, target: QWidget, paths: Sequence[Path]) -> bool:
        """A real drag from a file manager: QDragEnterEvent then QDropEvent carrying file URLs."""
        return drop_files(target, paths) == (True, True)

    def open_confirmation(self, window: Any) -> Any:
        """Click Send once it is enabled; the confirmation dialog, once it shows."""
        self.qtbot.waitUntil(window.sendButton.isEnabled)
        self.qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(
            lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible()
        )
        return window.flow.confirm_dialog

    def confirm(self, window: Any) -> None:
        """Wait for the confirmation and click its Send button."""
        self.qtbot.waitUntil(
            lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible()
        )
        self.qtbot.mouseClick(window.flow.confirm_dialog.sendButton, Qt.MouseButton.LeftButton)

    def wait_idle(self, window: Any, timeout: int = 10_000) -> None:
        self.qtbot.waitUntil(lambda: not window.flow.busy, timeout=timeout)


@pytest.fixture
def drive(qtbot: Any) -> Driver:
    return Driver(qtbot)


def make_picture(path: Path, color: str = "teal", size: tuple[int, int] = (320, 200)) -> Path:
    image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


@pytest.fixture
def pictures(tmp_path: Path) -> list[Path]:
    """Three small real pictures on disk (PNG, JPEG, PNG)."""
    return [
        make_picture(tmp_path / "summer-sale.png", "tomato"),
        make_picture(tmp_path / "storefront.jpg", "steelblue"),
        make_picture(tmp_path / "coupon.png", "gold"),
    ]


@pytest.fixture
def make_window(qtbot: Any, run_async: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """MainWindow over a real AccountSession for `server_url`, shown; the HTTP client is closed afterwards."""
    from vitedesk.ui.account.session import AccountSession
    from vitedesk.ui.main_window import MainWindow

    windows: list[Any] = []

    def make(server_url: str, **options: Any) -> Any:
        window = MainWindow(AccountSession(server_url), **options)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        run_async(window.tasks.cancel_all())
        run_async(window.session.aclose())


@pytest.fixture
def make_desk(qtbot: Any, run_async: Callable[..., Any], tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """A MainWindow joined by a Workspace to a real draft file and send history under tmp_path, as the app
    builds it. Returns a namespace: window, workspace, history, drafts (DraftStore), log_dir, opened (URLs).
    """
    from types import SimpleNamespace

    from vitedesk.store import DraftStore, HistoryStore
    from vitedesk.ui.account.session import AccountSession
    from vitedesk.ui.main_window import MainWindow
    from vitedesk.ui.workspace import Workspace

    made: list[Any] = []

    def make(server_url: str, *, vault: Any = None, name: str = "desk") -> Any:
        root = tmp_path / name
        history = HistoryStore(root / "history.sqlite3")
        drafts = DraftStore(root / "draft.json")
        opened: list[Any] = []

        def open_url(url: Any) -> bool:
            opened.append(url)
            return True

        window = MainWindow(AccountSession(server_url, vault=vault))
        qtbot.addWidget(window)
        workspace = Workspace(
            window, drafts=drafts, history=history, log_dir=root / "logs", vault=vault, open_url=open_url
        )
        window.show()
        desk = SimpleNamespace(
            window=window,
            workspace=workspace,
            history=history,
            drafts=drafts,
            log_dir=root / "logs",
            opened=opened,
        )
        made.append(desk)
        return desk

    yield make
    for desk in made:
        run_async(desk.window.tasks.cancel_all())
        run_async(desk.window.session.aclose())
        if shiboken6.isValid(desk.window):
            desk.window.close()
        desk.history.close()
