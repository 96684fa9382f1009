"""Render the app icon from resources/icons/vitedesk.svg: PNG 16-512, .ico (Windows) and .icns (macOS).

Also renders the sample picture the smoke test attaches (resources/samples/smoke-picture.png).
Run after changing the SVG, then commit the results:  uv run python packaging/make_icons.py
Qt renders the SVG (QtSvg ships with PySide6-Essentials); Pillow writes the .ico and .icns containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, width: int, height: int, background: QColor | None = None) -> Image.Image:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(background if background is not None else QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(width, height)
    renderer.render(painter, QRectF((width - side) / 2, (height - side) / 2, side, side))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    icons = RESOURCES / "icons"
    renderer = QSvgRenderer(str(icons / "vitedesk.svg"))
    if not renderer.isValid():
        print("resources/icons/vitedesk.svg is not a valid SVG", file=sys.stderr)
        return 1
    rendered = {size: render(renderer, size, size) for size in SIZES}
    for size, image in rendered.items():
        image.save(icons / f"vitedesk-{size}.png", optimize=True)
    rendered[256].save(icons / "vitedesk.ico", sizes=[(s, s) for s in ICO_SIZES])
    rendered[512].save(icons / "vitedesk.icns", sizes=[(s, s) for s in ICNS_SIZES])
    samples = RESOURCES / "samples"
    samples.mkdir(exist_ok=True)
    sample = render(renderer, 320, 200, QColor("#f3f6fa")).convert("RGB")
    sample.save(samples / "smoke-picture.png", optimize=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
