"""The main window on the screens people have: 1024x600, and 200% scaling on 1920x1080; a steady layout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

DRIVER = Path(__file__).with_name("window_fit_driver.py")
PNG_DIR = Path(os.environ.get("VITEDESK_PNG_DIR", "/tmp"))


def inside(window: QWidget, widget: QWidget) -> bool:
    corner = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(corner, widget.size()))


def test_the_window_fits_1024x600_and_send_stays_in_view(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url, sandbox_url=sandbox.url)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 560
    window.leads.set_text("\n".join(f"202 555 {n:04d}" for n in range(60)))
    window.composer.set_message("Doors open at nine. " * 20)
    window.resize(1024, 560)  # 600 minus a panel and the title bar
    qtbot.waitUntil(lambda: window.height() == 560)
    assert window.sendButton.isVisible() and inside(window, window.sendButton)
    scrolls = [window.recipientsScroll, window.campaignScroll]
    assert all(isinstance(area, QScrollArea) for area in scrolls)
    assert window.campaignScroll.verticalScrollBar().maximum() > 0  # the areas scroll instead
    window.grab().save(str(PNG_DIR / "vitedesk-1024x560.png"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="offscreen screens are configured on Linux")
def test_at_200_percent_on_1920x1080_send_is_reachable(tmp_path: Path) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "fhd", "x": 0, "y": 0, "width": 1920, "height": 1080, "dpr": 1}]})
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}", "QT_SCALE_FACTOR": "2"}
    png = PNG_DIR / "vitedesk-scale2.png"
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(tmp_path / "profile"), str(png)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["screen"] == [960, 540] and report["dpr"] == 2.0
    width, height = report["size"]
    assert report["min_hint"][0] <= 960 and report["min_hint"][1] <= 500
    x, y, w, h = report["send"]
    assert report["send_visible"] and x >= 0 and y >= 0 and x + w <= width and y + h <= height
    assert png.stat().st_size > 10_000


def geometries(window: QWidget) -> dict[str, QRect]:
    names = ("recipientsGroup", "messageGroup", "imagesGroup", "routeGroup")
    found = {name: window.findChild(QWidget, name) for name in names}
    found["sendBar"] = window.sendBar
    return {name: QRect(w.mapTo(window, w.rect().topLeft()), w.size()) for name, w in found.items()}


def test_picking_a_route_does_not_move_anything(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    window.resize(1120, 780)
    window.leads.set_text("+44 20 7946 0958")
    window.composer.set_message("Hello")
    qtbot.waitUntil(lambda: len(window.campaign().leads) == 1)
    qtbot.wait(50)
    before = geometries(window)
    for button in (window.route.routePrivate, window.route.routeSid, window.route.routePublic):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.wait(50)
        assert geometries(window) == before, button.text()
        assert not window.route.serverIdProblem.isVisible() and not window.route.sidProblem.isVisible()


@pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xprop")), reason="needs xvfb-run, xprop")
def test_the_title_a_window_manager_shows_has_the_name_once(tmp_path: Path) -> None:
    # main() builds its own QApplication here, as on a real start (names, display name and all).
    script = (
        "import subprocess, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from vitedesk import app\n"
        "from vitedesk.ui.main_window import MainWindow\n"
        "shown = MainWindow.show\n"
        "def look(window):\n"
        "    out = subprocess.run(['xprop', '-id', str(int(window.winId())), '_NET_WM_NAME'],\n"
        "                         capture_output=True, text=True).stdout\n"
        "    print('TITLE', out.strip(), flush=True)\n"
        "    window.close()\n"
        "def show(window):\n"
        "    shown(window)\n"
        "    QTimer.singleShot(800, lambda: look(window))\n"
        "MainWindow.show = show\n"
        f"sys.exit(app.main(['--sandbox', '--profile-dir', {str(tmp_path)!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    titles = [line for line in result.stdout.splitlines() if line.startswith("TITLE")]
    assert titles, result.stdout + result.stderr
    assert titles[0].endswith('= "ViteDesk — Sandbox"'), titles[0]
