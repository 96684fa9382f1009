"""Where Qt and asyncio share one thread: the only module that imports qasync.

Three rules live here so the rest of the UI cannot get them wrong:
- qasync picks its Qt binding at import time, so PySide6 is imported (and QT_API set) first;
- a running task needs a strong reference (qasync's asyncSlot keeps none, qasync issue #98): `TaskHolder`;
- a dialog is awaited with `open_dialog` (dialog.open() + a future), never QDialog.exec() inside a coroutine.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

os.environ.setdefault("QT_API", "pyside6")

# isort: off
from PySide6 import QtCore, QtWidgets  # before qasync, which picks the binding it finds loaded

import qasync

# isort: on

log = logging.getLogger(__name__)

T = TypeVar("T")

QEventLoop = qasync.QEventLoop


class TaskHolder:
    """Starts coroutines as tasks and keeps them alive until they finish.

    A failure that nobody awaited is logged and handed to `on_error` (the window shows a sentence), instead of
    vanishing into "Task exception was never retrieved".
    """

    def __init__(self, on_error: Callable[[BaseException], None] | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._on_error = on_error

    def start(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("Background task %s failed", task.get_name(), exc_info=error)
            if self._on_error is not None:
                self._on_error(error)

    def __len__(self) -> int:
        return len(self._tasks)

    @property
    def running(self) -> frozenset[asyncio.Task[Any]]:
        return frozenset(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every running task and wait until all of them have ended."""
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


async def open_dialog(dialog: QtWidgets.QDialog) -> int:
    """Show `dialog` (window-modal via open()) and wait for it to finish without a nested event loop.

    Returns the dialog's result code (QDialog.DialogCode.Accepted == 1). If the awaiting task is cancelled the
    dialog is rejected, so no orphan dialog stays on screen.
    """
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not future.done():
            future.set_result(int(result))

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await future
    except asyncio.CancelledError:
        if dialog.isVisible():
            dialog.reject()
        raise
    finally:
        dialog.finished.disconnect(finished)


def run_until_done(app: QtWidgets.QApplication, coro: Coroutine[Any, Any, T]) -> T:
    """Run `coro` to completion on a qasync loop over `app` and return its result.

    - No asyncio loop running (the normal start): a qasync loop drives app.exec() until the coroutine ends.
    - A qasync loop already runs (the app is embedded, e.g. in the test session): the coroutine becomes a
      task on that loop and a local QEventLoop spins until it ends. QApplication.exit() is never called in
      this case, because it would end every event loop of the host, too.
    """
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is None:
        loop = QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            result: T = loop.run_until_complete(coro)
            return result
        finally:
            loop.close()
            asyncio.set_event_loop(None)
    if not isinstance(running, QEventLoop):
        coro.close()
        raise RuntimeError("ViteDesk can only be embedded in an application whose asyncio loop is qasync's.")
    task = running.create_task(coro)
    local = QtCore.QEventLoop()
    task.add_done_callback(lambda _task: local.quit())
    if not task.done():
        local.exec()
    outcome: T = task.result()
    return outcome
