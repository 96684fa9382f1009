"""Start the real app and report, at the first paint of its first window, which modules were loaded.

Usage: python first_window_driver.py PROFILE_DIR [app arguments...]  (run with QT_QPA_PLATFORM=offscreen)
Prints one JSON line {"window": objectName, "modules": [...]} and exits at once; nothing else is imported
before the app's own QApplication exists (the spy goes in as that QApplication is made).
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    paint = QEvent.Type.Paint

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == paint and isinstance(watched, QWidget) and watched.isWindow():
                report = {"window": watched.objectName(), "modules": sorted(sys.modules)}
                sys.stdout.write(json.dumps(report) + "\n")
                sys.stdout.flush()
                os._exit(0)
            return False

    original_init = QApplication.__init__
    spy = FirstPaint()

    def init(self: QApplication, *args: object) -> None:
        original_init(self, *args)
        self.installEventFilter(spy)

    QApplication.__init__ = init  # type: ignore[method-assign]

    from vitedesk.app import main as app_main

    app_main(["--profile-dir", sys.argv[1], *sys.argv[2:]])
    sys.stdout.write(json.dumps({"window": None, "modules": []}) + "\n")


if __name__ == "__main__":
    main()
