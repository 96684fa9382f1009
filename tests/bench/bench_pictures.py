"""Five 12-megapixel phone photos dropped on the picture picker: time to thumbnails, time until all five are
prepared for sending, and the longest UI-thread stall (a 5 ms heartbeat timer).

Run: ``QT_QPA_PLATFORM=offscreen uv run pytest -m bench tests/bench/bench_pictures.py -s``

Targets from the issue: all five thumbnails within 2 s, no stall over 50 ms. Also reported: the same
preparation without Qt (core only, one thread), to separate Pillow's work from the picker's.
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from helpers import pictures as make
from helpers.ui_drag import drop_files
from PySide6.QtCore import QTimer

from vitedesk.core.pictures import load_picture, prepare_message
from vitedesk.ui.compose.images import ImagePicker
from vitedesk.ui.compose.preparing import PictureOptions

pytestmark = pytest.mark.bench

THUMBNAILS_BUDGET_S = 2.0
STALL_BUDGET_S = 0.050


def photos(folder: Path) -> list[Path]:
    """Five different 4000 x 3000 JPEGs (12 megapixels) with EXIF orientation 6 and GPS, as phones make."""
    return [
        make.write(folder / f"IMG_{n:04d}.jpg", make.photo(4000, 3000 - n, orientation=6, gps=True))
        for n in range(5)
    ]


def test_core_preparation_of_five_12_megapixel_photos(tmp_path: Path) -> None:
    paths = photos(tmp_path)
    began = time.perf_counter()
    loaded = [load_picture(path) for path in paths]
    decoded = time.perf_counter()
    copies = prepare_message(loaded, tmp_path / "cache")
    done = time.perf_counter()
    total = sum(copy.size for copy in copies)
    print(
        f"\ncore, one thread: decode+orient+resize 5 x 12 MP in {decoded - began:.3f} s, "
        f"fit {total / 1000:.0f} KB budget in {done - decoded:.3f} s, total {done - began:.3f} s "
        f"(quality {copies[0].quality}, {copies[0].width} x {copies[0].height})"
    )
    assert total <= 600_000


def test_picker_thumbnails_preparation_and_stall(qtbot, tmp_path: Path) -> None:
    paths = photos(tmp_path)
    picker = ImagePicker(options=PictureOptions(tmp_path / "cache"))
    qtbot.addWidget(picker)
    picker.resize(760, 360)
    picker.show()
    qtbot.waitExposed(picker)
    qtbot.wait(50)
    thumbnails: list[float] = []
    picker._preparer.loaded.connect(lambda *_: thumbnails.append(time.perf_counter()))
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

    ticks.append(time.perf_counter())
    heartbeat.start()
    began = time.perf_counter()
    assert drop_files(picker, paths) == (True, True)
    dropped = time.perf_counter()
    qtbot.waitUntil(lambda: len(thumbnails) == 5, timeout=30_000)
    qtbot.waitUntil(lambda: all(picker.prepared()), timeout=30_000)
    prepared = time.perf_counter()
    qtbot.wait(100)
    heartbeat.stop()
    ticks.append(time.perf_counter())
    stall = max(b - a for a, b in itertools.pairwise(ticks))

    copies = [copy for copy in picker.prepared() if copy is not None]
    print(
        f"\npicker: drop handled in {(dropped - began) * 1000:.0f} ms; five thumbnails after "
        f"{thumbnails[-1] - began:.3f} s (first {thumbnails[0] - began:.3f} s); all five prepared after "
        f"{prepared - began:.3f} s ({sum(copy.size for copy in copies) / 1000:.0f} KB); "
        f"longest UI stall {stall * 1000:.0f} ms ({len(ticks)} heartbeats)"
    )
    assert thumbnails[-1] - began < THUMBNAILS_BUDGET_S
    assert stall < STALL_BUDGET_S
