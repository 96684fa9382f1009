"""Catch the first paint of any window of the app's own QApplication (start-up tests and the benchmark)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any


def on_first_paint(report: Callable[[Any], str]) -> None:
    """At the first paint of a window, write ``report(window)`` and a newline to stdout and exit at once.

    The event filter goes in as the app's own QApplication is made (QApplication.__init__ is wrapped), so
    nothing is imported earlier than the app itself imports it. Call before the app makes its QApplication.
    """
    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    paint = QEvent.Type.Paint

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == paint and isinstance(watched, QWidget) and watched.isWindow():
                sys.stdout.write(report(watched) + "\n")
                sys.stdout.flush()
                os._exit(0)
            return False

    original_init = QApplication.__init__
    spy = FirstPaint()

    def init(self: QApplication, *args: object) -> None:
        original_init(self, *args)
        self.installEventFilter(spy)

    QApplication.__init__ = init  # type: ignore[method-assign]
    assert QCoreApplication.instance() is None
