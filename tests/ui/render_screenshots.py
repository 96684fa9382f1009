"""Render the real windows to resources/screenshots/*.png (and the icon PNGs from the SVG).

Run: uv run python tests/ui/render_screenshots.py  (offscreen, against the built-in sandbox; nothing is sent).
Shots: login.png, main-mms.png (an MMS campaign ready to go), confirm.png, error.png (a refused campaign),
history.png (the send history with a few past campaigns).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

from vitedesk.app import ICON_SIZES, RESOURCES, app_icon
from vitedesk.core.campaign import Route
from vitedesk.sandbox import DEMO_ACCOUNTS, SandboxServer
from vitedesk.store.history import HistoryStore
from vitedesk.ui.account.login import LoginDialog
from vitedesk.ui.account.session import AccountSession
from vitedesk.ui.history.window import HistoryWindow
from vitedesk.ui.main_window import MainWindow
from vitedesk.ui.qt_async import run_until_done

SHOTS = RESOURCES / "screenshots"
LEADS = """Name,Phone,City
Ana Souza,(512) 201-0143,Austin
Bo Chen,214.201.0178,Dallas
Carla Diaz,+1 713 201 0199,Houston
Dev Patel,5122010122,Austin
Ana Souza,(512) 201-0143,Austin
Eli Novak,call me maybe,El Paso
Finn Ode,512-201,Austin
"""
MESSAGE = (
    "Our summer sale starts Saturday: 30% off everything in store and online. "
    "Show this message at the till. Reply STOP to opt out."
)


def render_icons() -> None:
    renderer = QSvgRenderer(str(RESOURCES / "icons" / "vitedesk.svg"))
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(RESOURCES / "icons" / f"vitedesk-{size}.png"))


def make_picture(path: Path, color: str, label: str) -> Path:
    image = QImage(480, 320, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    painter = QPainter(image)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(64)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(0, 0, 480, 320), Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    image.save(str(path))
    return path


def save(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    path = SHOTS / name
    widget.grab().save(str(path))
    print(f"saved {path.relative_to(RESOURCES.parent)}")


async def settle(seconds: float = 0.4) -> None:
    """Let debounced parsing, thumbnails and layouts finish."""
    await asyncio.sleep(seconds)
    QApplication.processEvents()


async def shoot(sandbox: SandboxServer, pictures: list[Path]) -> None:
    # login
    session = AccountSession(sandbox.url)
    window = MainWindow(session, demo_accounts=DEMO_ACCOUNTS, sandbox_url=sandbox.url, icon=app_icon())
    window.resize(1024, 720)  # the small office screen the layout is made for (1024x600 fits too)
    window.show()
    dialog = LoginDialog(session, demo_accounts=DEMO_ACCOUNTS, parent=window)
    dialog.show()
    dialog.demoCombo.setCurrentIndex(2)
    await settle(0.1)
    save(dialog, "login.png")
    dialog.close()

    # main window with an MMS campaign
    await session.log_in(sandbox.url, "business@sandbox.test", "sandbox", False)
    window.leads.set_text(LEADS)
    window.composer.set_message(MESSAGE)
    window.images.add_files(pictures)
    window.route.set_route(Route.private("svm-business-1"))
    await settle(1.0)
    save(window, "main-mms.png")

    # confirmation
    window.request_send()
    while window.flow.confirm_dialog is None:
        await asyncio.sleep(0.02)
    confirm = window.flow.confirm_dialog
    await settle(0.2)
    save(confirm, "confirm.png")
    confirm.reject()
    while window.flow.busy:
        await asyncio.sleep(0.02)

    # an error: the basic account is not verified, so several recipients are refused (428)
    session.log_out()
    await session.log_in(sandbox.url, "basic@sandbox.test", "sandbox", False)
    window.images.set_images([])
    window.route.set_route(Route.public())
    await settle(0.5)
    window.request_send()
    while window.flow.confirm_dialog is None:
        await asyncio.sleep(0.02)
    window.flow.confirm_dialog.accept()
    while window.flow.busy:
        await asyncio.sleep(0.02)
    await settle(0.3)
    save(window, "error.png")

    await window.tasks.cancel_all()
    window.close()
    await session.aclose()


async def shoot_history(folder: Path) -> None:
    with HistoryStore(folder / "history.sqlite3") as store:
        past = [
            ("business@sandbox.test", "PRIVATE", "svm-business-1", "MMS", 4, 1, MESSAGE, ("sale.png",)),
            ("business@sandbox.test", "PUBLIC", "", "SMS", 1_204, 2, "Last day of the sale! " + MESSAGE, ()),
            ("enterprise@sandbox.test", "SID", "SunnyShop", "SMS", 380, 1, "Your order is ready.", ()),
        ]
        for number, (account, kind, route_id, protocol, recipients, parts, text, images) in enumerate(past):
            local_id = store.begin(
                account=account,
                server_url="https://core.vitemobile.com",
                route_kind=kind,
                route_id=route_id,
                protocol=protocol,
                recipient_count=recipients,
                parts_per_message=parts,
                total_messages=recipients * parts,
                message=text,
                image_names=images,
                fingerprint=f"example-{number}",
            )
            if number == 1:
                store.mark_unknown(local_id)
            else:
                store.mark_sent(local_id, 981 + number, "SENDING")
        history = HistoryWindow(store)
        history.show()
        history.table.selectRow(0)
        await settle(0.3)
        save(history, "history.png")
        history.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("ViteDesk")
    app.setQuitOnLastWindowClosed(False)
    SHOTS.mkdir(parents=True, exist_ok=True)
    render_icons()
    with tempfile.TemporaryDirectory() as folder, SandboxServer() as sandbox:
        pictures = [
            make_picture(Path(folder) / "summer-sale.png", "#e53935", "SALE"),
            make_picture(Path(folder) / "storefront.jpg", "#1e88e5", "SHOP"),
            make_picture(Path(folder) / "coupon.png", "#43a047", "-30%"),
        ]
        run_until_done(app, shoot(sandbox, pictures))
        run_until_done(app, shoot_history(Path(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
