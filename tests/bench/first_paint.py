"""Child process of the startup row: show a window, write "painted" at its first paint, exit at once.

Usage: python first_paint.py bare|vitedesk PROFILE_DIR
bare: a QApplication and one QLabel. vitedesk: the real start (vitedesk.app.main with --sandbox), which builds
its own QApplication; an application-wide event filter catches the first paint of any window.
"""

from __future__ import annotations

import os
import sys


def watch_first_paint() -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.isWindow():
                sys.stdout.write("painted\n")
                sys.stdout.flush()
                os._exit(0)
            return False

    original_init = QApplication.__init__
    spy = FirstPaint()

    def init(self: QApplication, *args: object) -> None:
        original_init(self, *args)
        self.installEventFilter(spy)

    # The filter goes in as the app's own QApplication is made, so nothing is imported earlier than it is.
    QApplication.__init__ = init  # type: ignore[method-assign]
    assert QCoreApplication.instance() is None


def main() -> None:
    kind, profile = sys.argv[1], sys.argv[2]
    watch_first_paint()
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication(sys.argv[:1])
        label = QLabel("ViteDesk")
        label.show()
        app.exec()
    else:
        from vitedesk.app import main as vitedesk_main

        vitedesk_main(["--sandbox", "--profile-dir", profile])


if __name__ == "__main__":
    main()
