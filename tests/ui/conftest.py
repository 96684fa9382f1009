"""UI test support: ONE qasync loop for the whole session, shared by every Qt test.

A loop per test whose teardown calls stop() would call QApplication.exit() and break the next test, so the
loop is created once over pytest-qt's QApplication with already_running=True and never stopped.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication

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
