"""Start the real app on a screen of a given size and scale, fill the window to it, report and grab it.

Usage: python window_fit_driver.py PROFILE_DIR PNG
Run with QT_QPA_PLATFORM=offscreen:configfile=<screens json> and QT_SCALE_FACTOR set by the test. Prints
one JSON line: the screen's logical size, the window's minimum size hint and size, and the Send button's
rectangle in window coordinates; the PNG is the window as a person would see it.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for helpers


async def measure(png: Path, report: dict[str, object]) -> None:
    from helpers.ui_wait import top_level, until

    await until(lambda: top_level("mainWindow") is not None, timeout=30)
    window = top_level("mainWindow")
    await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
    window.login_dialog.reject()
    window.leads.set_text("\n".join(f"202 555 {n:04d}" for n in range(40)))
    window.composer.set_message("Doors open at nine. " * 12)
    screen = window.screen().availableGeometry()
    window.resize(screen.width(), screen.height())
    await asyncio.sleep(0.3)  # let the layout settle
    send = window.sendButton
    corner = send.mapTo(window, send.rect().topLeft())
    hint = window.minimumSizeHint()
    report.update(
        screen=[screen.width(), screen.height()],
        dpr=window.devicePixelRatio(),
        min_hint=[hint.width(), hint.height()],
        size=[window.width(), window.height()],
        send=[corner.x(), corner.y(), send.width(), send.height()],
        send_visible=send.isVisible(),
    )
    window.grab().save(str(png))
    window.close()


def main() -> int:
    from helpers.ui_wait import when_the_loop_runs
    from PySide6.QtWidgets import QApplication

    from vitedesk.app import main as app_main

    profile, png = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication(sys.argv[:1])  # app_main() reuses it
    report: dict[str, object] = {}
    tasks: list[asyncio.Task[None]] = []
    when_the_loop_runs(lambda: tasks.append(asyncio.ensure_future(measure(png, report))))
    code = app_main(["--sandbox", "--profile-dir", str(profile)])
    if tasks and not tasks[0].cancelled() and tasks[0].exception() is not None:
        print(f"failed: {tasks[0].exception()!r}", flush=True)
        return 1
    print(json.dumps(report), flush=True)
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())
