"""The first window of a start, painted before anything it does not need is imported.

People judge an app by how soon it appears. When nobody is remembered (and always in a practice session)
the first window is the login dialog, built from the settings file alone: no HTTP client, keychain, sandbox
server, send history or main window yet. ``load_after_paint`` then imports those in a background thread
while the dialog already takes input, and ``first_login`` puts the main window behind the dialog once it
exists.
With a remembered sign-in the main window itself is the first window (app.py builds it at once).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from vitedesk.ui.account.login import DemoAccountInfo, LoginDialog

if TYPE_CHECKING:
    from vitedesk.store.settings import Settings
    from vitedesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# What the session needs next, imported off the UI thread once the first window is on screen.
AFTER_FIRST_PAINT = (
    "vitedesk.ui.qt_async",  # asyncio + qasync
    "vitedesk.wiring",  # keychain, SQLite history, drafts, log files
    "vitedesk.api.client",  # httpx and its certificate store
    "vitedesk.ui.workspace",
    "vitedesk.ui.main_window",  # every room of the window (Pillow, phonenumbers, ...)
)
SANDBOX_SERVER = "vitedesk.sandbox.server"  # Starlette + uvicorn
LONGEST_WAIT_MS = 1000  # never hold the start back longer for a paint that does not come (no compositor)


def login_comes_first(settings: Settings, *, practice: bool) -> bool:
    """True when the start asks for a login: no remembered account (a practice session never restores one)."""
    return practice or not (settings.remember and settings.last_username)


def show_first_login(
    settings: Settings, *, practice: bool, demo_accounts: Sequence[DemoAccountInfo] = ()
) -> LoginDialog:
    """The login dialog as the first window, shown now and painted before this returns.

    Modal (it says so itself), so the main window shown behind it later takes no input until it closes.
    """
    dialog = LoginDialog(
        None,
        username=settings.sandbox_username if practice else settings.last_username,
        remember=settings.remember,
        demo_accounts=demo_accounts,
        server_url="" if practice else settings.server_url,
    )
    dialog.show()
    wait_until_painted(dialog)
    return dialog


class _Painted(QObject):
    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self._loop = loop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._loop.quit)  # after this paint has reached the screen
        return False


def wait_until_painted(widget: QWidget, timeout_ms: int = LONGEST_WAIT_MS) -> None:
    """Run Qt's event loop until `widget` has been painted once (or `timeout_ms` passed)."""
    loop = QEventLoop()
    spy = _Painted(loop)
    widget.installEventFilter(spy)
    QTimer.singleShot(timeout_ms, loop.quit)
    try:
        loop.exec()
    finally:
        widget.removeEventFilter(spy)


class _Loaded(QObject):
    done = Signal()  # emitted from the loading thread; delivered queued on the UI thread


def load_after_paint(modules: Iterable[str]) -> None:
    """Import `modules` in a background thread; the UI thread keeps handling input meanwhile, then returns.

    An import that fails here is only logged: the same import on the UI thread raises it properly later.
    """
    loop = QEventLoop()
    loaded = _Loaded()
    loaded.done.connect(loop.quit)  # queued: emitted from another thread
    names = list(modules)

    def load() -> None:
        try:
            for name in names:
                importlib.import_module(name)
        except Exception:
            log.exception("Loading %s in the background failed", names)
        finally:
            loaded.done.emit()

    worker = threading.Thread(target=load, name="vitedesk-load", daemon=True)
    worker.start()
    loop.exec()
    worker.join()


async def first_login(window: MainWindow, dialog: LoginDialog) -> None:
    """The first window's login, now over the main window (shown behind it); ends when the dialog closes."""
    dialog.attach(window.session)
    window.show()
    if not dialog.isVisible():  # cancelled before the window was ready
        dialog.deleteLater()
        return
    handle, parent = dialog.windowHandle(), window.windowHandle()
    if handle is not None and parent is not None:
        handle.setTransientParent(parent)  # kept above the window, as if it had opened there
    dialog.raise_()
    dialog.activateWindow()
    await window.ask_login(dialog=dialog)
