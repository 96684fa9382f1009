"""Run the real app in this process, compose a campaign the way a person does, then wait to be killed.

Usage: python draft_kill_driver.py PROFILE_DIR PICTURE
Starts `vitedesk.app.main(["--sandbox", "--sandbox-port", "0", "--profile-dir", PROFILE_DIR])`, cancels the
first login, types into the widgets with key events, attaches PICTURE, then waits until the autosaved draft
on disk holds everything and prints "ready <seconds from the last edit to the draft on disk>". It then does
nothing until the test kills it with SIGKILL (no chance to save anything on the way out).
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for helpers

LEAD_LINES = ["020 7946 0018", "020 7946 0019", "+44 20 7946 0020"]
REGION = "GB"
MESSAGE = "Flash sale today, 20% off everything"
SERVER_ID = "svm-business-1"
SENDER_ID = "MyShop"
ROUTE_KIND = "PRIVATE"  # chosen last, after typing a sender ID under the other route


def expected_leads_text() -> str:
    return "\n".join(LEAD_LINES)


async def compose(picture: Path, profile: Path) -> None:
    from helpers.ui_wait import top_level, until
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from vitedesk.store import AppPaths, DraftStore

    await until(lambda: top_level("mainWindow") is not None, timeout=30)
    window = top_level("mainWindow")
    await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
    window.login_dialog.reject()  # compose first, log in later
    await until(lambda: window.login_dialog is None)

    window.leads.regionCombo.set_region(REGION)
    edit = window.leads.leadEdit
    for index, line in enumerate(LEAD_LINES):
        if index:
            QTest.keyClick(edit, Qt.Key.Key_Return)
        QTest.keyClicks(edit, line)
    QTest.keyClicks(window.composer.messageEdit, MESSAGE)
    QTest.mouseClick(window.route.routeSid, Qt.MouseButton.LeftButton)
    QTest.keyClicks(window.route.sidEdit, SENDER_ID)
    QTest.mouseClick(window.route.routePrivate, Qt.MouseButton.LeftButton)
    QTest.keyClicks(window.route.serverIdEdit, SERVER_ID)
    window.images.add_files([picture])
    last_edit = time.monotonic()

    store = DraftStore(AppPaths.under(profile).draft_file)

    def complete() -> bool:
        draft = store.load()
        return draft is not None and (
            draft.leads_text,
            draft.default_region,
            draft.message,
            draft.route_kind,
            draft.server_id,
            draft.sender_id,
            draft.images,
        ) == (expected_leads_text(), REGION, MESSAGE, ROUTE_KIND, SERVER_ID, SENDER_ID, [str(picture)])

    await until(complete)
    print(f"ready {time.monotonic() - last_edit:.3f}", flush=True)
    await asyncio.Event().wait()  # until SIGKILL


def run(profile: Path, picture: Path) -> int:
    from helpers.ui_wait import when_the_loop_runs
    from PySide6.QtWidgets import QApplication

    from vitedesk.app import main

    app = QApplication(sys.argv[:1])  # main() reuses it
    tasks: list[asyncio.Task[None]] = []

    def start() -> None:  # runs inside the app's qasync loop
        tasks.append(asyncio.ensure_future(compose(picture, profile)))
        tasks[-1].add_done_callback(report)

    def report(task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            print(f"failed: {task.exception()!r}", flush=True)

    when_the_loop_runs(start)
    code = main(["--sandbox", "--sandbox-port", "0", "--profile-dir", str(profile)])
    del app
    return code


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), Path(sys.argv[2])))
