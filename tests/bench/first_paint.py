"""Child process of the startup row: show a window, write "painted" at its first paint, exit at once.

Usage: python first_paint.py bare|vitedesk PROFILE_DIR
bare: a QApplication and one QLabel. vitedesk: the real start (vitedesk.app.main with --sandbox), which builds
its own QApplication; an application-wide event filter catches the first paint of any window.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for helpers


def main() -> None:
    from helpers.first_paint import on_first_paint

    kind, profile = sys.argv[1], sys.argv[2]
    on_first_paint(lambda _window: "painted")
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
