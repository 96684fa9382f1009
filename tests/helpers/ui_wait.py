"""Waiting inside a coroutine for the app to get somewhere (for tests that run the app through main())."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget


async def until(condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the event loop run until `condition()` is true; TimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.02)


def top_level(name: str) -> QWidget | None:
    """The visible top-level window with this objectName, if any."""
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)


def when_the_loop_runs(start: Callable[[], object], every_ms: int = 10) -> None:
    """Call `start()` once main() runs its asyncio loop (which starts after the first window is painted)."""
    from PySide6.QtCore import QTimer

    def attempt() -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            QTimer.singleShot(every_ms, attempt)
            return
        start()

    QTimer.singleShot(0, attempt)
