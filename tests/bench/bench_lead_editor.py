"""200,000 lead lines in the Recipients box: time until the summary shows, and the longest UI-thread stall.

Run: ``QT_QPA_PLATFORM=offscreen uv run pytest -m bench tests/bench/bench_lead_editor.py -s``

Three ways the text arrives: LeadEditor.set_text (drafts), Ctrl+V of the clipboard (what people do), and a
plain QPlainTextEdit.setPlainText on the inner editor (what a caller bypassing the widget would do). A 10 ms
QTimer measures the gaps between its ticks; the longest gap is the longest time the window could not repaint
or react. Target: summary within 1 s; the stall is reported, not asserted (it depends on the machine).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from helpers.lead_samples import lead_lines
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from vitedesk.ui.compose.leads import LeadEditor, summary_text

pytestmark = pytest.mark.bench

LINES = 200_000
SUMMARY_BUDGET_S = 1.0
ROUNDS = 3


class StallMeter:
    """A 10 ms timer; the gaps between its ticks show how long the UI thread was busy."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> float:
        """Longest gap in seconds (including the one still open)."""
        self._timer.stop()
        self.ticks.append(time.perf_counter())
        return max(b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False))


def measure(qtbot, start: Callable[[LeadEditor], None], text: str) -> tuple[float, float, float, float]:
    """Seconds until the final summary shows, longest stall, seconds inside ``start``, seconds until idle."""
    editor = LeadEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 700)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.wait(50)
    meter = StallMeter()
    meter.start()
    began = time.perf_counter()
    start(editor)
    returned = time.perf_counter()

    def summary_shown() -> bool:
        report = editor.report()
        return len(report.numbers) + len(report.duplicates) + len(
            report.invalid
        ) == LINES and editor.leadSummary.text() == summary_text(editor.review())

    qtbot.waitUntil(summary_shown, timeout=60_000)
    shown = time.perf_counter()
    qtbot.waitUntil(lambda: not editor.is_busy() and editor.leadEdit.document().blockCount() == LINES)
    idle = time.perf_counter()
    qtbot.wait(100)  # include the repaint after the text is in
    stall = meter.stop()
    return shown - began, stall, returned - began, idle - began


def set_text(text: str) -> Callable[[LeadEditor], None]:
    return lambda editor: editor.set_text(text)


def paste(text: str) -> Callable[[LeadEditor], None]:
    def run(editor: LeadEditor) -> None:
        QGuiApplication.clipboard().setText(text)
        editor.leadEdit.setFocus()
        editor.leadEdit.paste()

    return run


def raw_set_plain_text(text: str) -> Callable[[LeadEditor], None]:
    return lambda editor: editor.leadEdit.setPlainText(text)


@pytest.mark.parametrize("way", ["set_text", "paste", "raw setPlainText"])
def test_200k_lines_summary_and_stall(qtbot, way: str) -> None:
    text = lead_lines(LINES)
    starter = {"set_text": set_text, "paste": paste, "raw setPlainText": raw_set_plain_text}[way](text)
    measure(qtbot, starter, text)  # warm-up: first-use costs (phone metadata, fonts) are not the steady state
    results = [measure(qtbot, starter, text) for _ in range(ROUNDS)]
    summary = statistics.median(r[0] for r in results)
    stall = max(r[1] for r in results)
    inside = statistics.median(r[2] for r in results)
    idle = statistics.median(r[3] for r in results)
    print(
        f"\n{way}: {LINES:,} lines -> summary in {summary:.3f} s, all text shown in {idle:.3f} s "
        f"(medians of {ROUNDS}); longest UI stall {stall * 1000:.0f} ms (worst); "
        f"call returned after {inside * 1000:.0f} ms"
    )
    if way != "raw setPlainText":
        assert summary < SUMMARY_BUDGET_S
