"""The async glue: dialogs awaited without exec(), tasks kept alive, embedding in a running loop."""

from __future__ import annotations

import asyncio
import gc

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from vitedesk.ui.qt_async import TaskHolder, open_dialog, run_until_done


def test_open_dialog_returns_accepted_and_rejected_without_blocking(qtbot, run_async) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    QTimer.singleShot(50, dialog.accept)
    assert run_async(open_dialog(dialog)) == QDialog.DialogCode.Accepted
    QTimer.singleShot(50, dialog.reject)
    assert run_async(open_dialog(dialog)) == QDialog.DialogCode.Rejected


def test_cancelling_the_waiting_task_closes_the_dialog(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    task = asyncio.ensure_future(open_dialog(dialog))
    qtbot.waitUntil(dialog.isVisible)
    task.cancel()
    qtbot.waitUntil(task.done)
    assert task.cancelled()
    assert not dialog.isVisible()


def test_task_holder_keeps_tasks_alive_and_reports_failures(qtbot) -> None:
    errors: list[BaseException] = []
    holder = TaskHolder(on_error=errors.append)
    finished: list[str] = []

    async def work() -> None:
        await asyncio.sleep(0.05)
        finished.append("done")

    async def fail() -> None:
        raise ValueError("boom")

    holder.start(work())
    holder.start(fail())
    gc.collect()  # without a strong reference a pending task may be collected
    qtbot.waitUntil(lambda: len(holder) == 0)
    assert finished == ["done"]
    assert [str(e) for e in errors] == ["boom"]


def test_run_until_done_inside_a_running_loop_returns_and_keeps_the_app(qtbot) -> None:
    async def answer() -> int:
        await asyncio.sleep(0.01)
        return 42

    assert run_until_done(QApplication.instance(), answer()) == 42
    # the host's loop still works afterwards
    later = asyncio.ensure_future(answer())
    qtbot.waitUntil(later.done)
    assert later.result() == 42
