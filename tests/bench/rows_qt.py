"""Rows in a real window (offscreen): a keystroke, the longest event-loop stall, opening the history."""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers.lead_samples import lead_lines
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from table import Row, Samples

MESSAGE_LENGTH = 1_600
SCRIPTS = {
    "plain text": "Hello Anna, your order 1234 is ready for pickup at our store. ",
    "Cyrillic": "Привет, как дела? Скидка 20% сегодня. ",
    "Arabic": "مرحبا، طلبك جاهز للاستلام من متجرنا اليوم. ",
    "emoji": "Sale today \U0001f600 20% off \U0001f44d\U0001f3fd! ",
    "combining marks": "Cafe\u0301 de\u0301ja\u0300 vu, nai\u0308ve. ",
}


def _fill(pattern: str, length: int) -> str:
    return (pattern * (length // len(pattern) + 1))[:length]


class StallMeter:
    """A 5 ms heartbeat timer; the longest gap between ticks is the longest time the window stood still."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self.ticks.append(time.perf_counter())
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False))


def spin(until: Callable[[], bool], timeout: float = 60.0) -> None:
    """Run the event loop until `until()` holds."""
    deadline = time.perf_counter() + timeout
    while not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.001)


def settle(ms: int = 50) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QApplication.processEvents()
        time.sleep(0.001)


def keystroke_ms(editor: QPlainTextEdit, keys: int) -> list[float]:
    """Milliseconds per typed character: the key event and all the UI does before it can paint again."""
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    settle()
    costs = []
    for index in range(keys):
        key = "ab"[index % 2]
        started = time.perf_counter()
        QTest.keyClick(editor, key)
        QApplication.processEvents()
        costs.append((time.perf_counter() - started) * 1000)
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
        QApplication.processEvents()
    return costs


def _bare(text: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.resize(700, 400)
    editor.setPlainText(text)
    editor.show()
    return editor


def _main_window() -> QWidget:
    from vitedesk.ui.account.session import AccountSession
    from vitedesk.ui.main_window import MainWindow

    window = MainWindow(AccountSession("http://127.0.0.1:9"))
    window.resize(1200, 800)
    window.show()
    return window


def keystroke_rows(quick: bool) -> list[Row]:
    keys = 10 if quick else 60
    length = 200 if quick else MESSAGE_LENGTH
    window: QWidget = _main_window()
    composer = window.composer.messageEdit  # type: ignore[attr-defined]
    rows = []
    for script, pattern in SCRIPTS.items():
        text = _fill(pattern, length)
        composer.setPlainText(text)
        settle(200)
        ours = keystroke_ms(composer, keys)
        bare = _bare(text)
        theirs = keystroke_ms(bare, keys)
        bare.close()
        bare.deleteLater()
        rows.append(
            Row(
                f"keystroke: composer at {length:,} chars, {script}",
                Samples(tuple(ours), "ms"),
                "bare QPlainTextEdit, same text",
                Samples(tuple(theirs), "ms"),
                goal="<= ~2 ms more than the bare editor",
                note=f"difference {statistics.median(ours) - statistics.median(theirs):+.2f} ms",
            )
        )
    lines = 2_000 if quick else 200_000
    leads_text = lead_lines(lines)
    window.leads.set_text(leads_text)  # type: ignore[attr-defined]
    spin(lambda: not window.leads.is_busy(), 120)  # type: ignore[attr-defined]
    settle(300)
    lead_edit = window.leads.leadEdit  # type: ignore[attr-defined]
    meter = StallMeter()
    meter.start()
    ours = keystroke_ms(lead_edit, max(4, keys // 4))
    spin(lambda: not window.leads.is_busy(), 120)  # type: ignore[attr-defined]
    settle(100)
    reparse_stall = meter.stop() * 1000
    bare = _bare(leads_text)
    theirs = keystroke_ms(bare, max(4, keys // 4))
    bare.close()
    window.close()
    rows.append(
        Row(
            f"keystroke: lead editor at {lines:,} lines",
            Samples(tuple(ours), "ms"),
            "bare QPlainTextEdit, same text",
            Samples(tuple(theirs), "ms"),
            goal="<= ~2 ms more than the bare editor",
            note=f"longest stall while typing and re-reading: {reparse_stall:.0f} ms",
        )
    )
    return rows


def paste_stall_rows(quick: bool) -> list[Row]:
    """Pasting 200,000 lines: seconds until the summary shows, and the longest stall meanwhile."""
    from vitedesk.ui.compose.leads import LeadEditor

    lines = 5_000 if quick else 200_000
    runs = 1 if quick else 3
    text = lead_lines(lines)
    stalls, summaries, bare_stalls = [], [], []
    for round_ in range(runs + 1):
        editor = LeadEditor()
        editor.resize(600, 700)
        editor.show()
        settle(50)
        gc.collect()  # the last round's editor and report: garbage collected outside the measurement
        meter = StallMeter()
        meter.start()
        began = time.perf_counter()
        QGuiApplication.clipboard().setText(text)
        editor.leadEdit.setFocus()
        editor.leadEdit.paste()
        spin(lambda editor=editor: not editor.is_busy() and editor.leadEdit.document().blockCount() >= lines)
        shown = time.perf_counter() - began
        settle(100)
        stall = meter.stop()
        editor.close()
        editor.deleteLater()
        # the same paste into a bare editor: what Qt itself costs
        bare = QPlainTextEdit()
        bare.resize(600, 700)
        bare.show()
        settle(50)
        meter.start()
        bare.setFocus()
        bare.paste()
        settle(100)
        bare_stall = meter.stop()
        bare.close()
        bare.deleteLater()
        if round_ == 0:
            continue  # warm-up: phone metadata and fonts load once per process
        summaries.append(shown)
        stalls.append(stall * 1000)
        bare_stalls.append(bare_stall * 1000)
    return [
        Row(
            f"stall: pasting {lines:,} lines into the lead editor",
            Samples(tuple(stalls), "ms"),
            "bare QPlainTextEdit paste",
            Samples(tuple(bare_stalls), "ms"),
            goal="<= 50 ms",
            note=f"summary and all text shown after {statistics.median(summaries):.2f} s (goal <= 1 s)",
        )
    ]


def history_rows(quick: bool) -> list[Row]:
    """Opening the History window over 10,000 rows, against an empty history."""
    from bench_history import seed

    from vitedesk.store import HistoryStore
    from vitedesk.ui.history.window import HistoryWindow

    rows = 500 if quick else 10_000
    runs = 3 if quick else 7

    def open_once(path: Path) -> float:
        started = time.perf_counter()
        store = HistoryStore(path)
        window = HistoryWindow(store)
        window.show()
        settle(0)
        QApplication.processEvents()
        elapsed = time.perf_counter() - started
        window.close()
        window.deleteLater()
        store.close()
        return elapsed * 1000

    with tempfile.TemporaryDirectory(prefix="vitedesk-bench-") as folder:
        full = Path(folder) / "full.sqlite3"
        empty = Path(folder) / "empty.sqlite3"
        seed(full, rows)
        HistoryStore(empty).close()
        open_once(full)
        ours = [open_once(full) for _ in range(runs)]
        theirs = [open_once(empty) for _ in range(runs)]
    return [
        Row(
            f"history: opening the window with {rows:,} rows",
            Samples(tuple(ours), "ms"),
            "the same window over an empty history",
            Samples(tuple(theirs), "ms"),
            goal="<= 500 ms",
        )
    ]


def qt_rows(quick: bool) -> list[Row]:
    app = QApplication.instance() or QApplication([])
    assert app is not None
    return keystroke_rows(quick) + paste_stall_rows(quick) + history_rows(quick)
