"""Names a person reads (window title, the import action), the Help menu, and Tab in reading order."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from vitedesk import __version__
from vitedesk.ui.compose.leads import IMPORT_NUMBERS

README = Path(__file__).resolve().parents[2] / "README.md"
AREAS = ("accountButton", "recipientsGroup", "messageGroup", "imagesGroup", "routeGroup", "sendButton")


def test_title_says_the_name_once(qtbot, sandbox, make_window) -> None:
    assert make_window(sandbox.url, sandbox_url=sandbox.url).windowTitle() == "ViteDesk — Sandbox"
    assert make_window(sandbox.url).windowTitle() == "ViteDesk"
    assert QApplication.applicationDisplayName() in ("", QApplication.applicationName())


def test_the_import_action_has_one_name_everywhere(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    assert IMPORT_NUMBERS == "Import numbers…"
    assert window.importAction.text().replace("&", "") == IMPORT_NUMBERS
    assert window.leads.importButton.text().replace("&", "") == IMPORT_NUMBERS
    assert window.importAction in window.fileMenu.actions()
    assert window.importAction.toolTip() == window.leads.importButton.toolTip()
    assert f"*{IMPORT_NUMBERS}*" in README.read_text(encoding="utf-8")
    assert "Import leads" not in README.read_text(encoding="utf-8")


def test_help_has_about_with_the_version_and_the_log_folder(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    texts = [action.text().replace("&", "") for action in window.helpMenu.actions()]
    assert "About ViteDesk" in texts and "Open log folder" in texts
    window.aboutAction.trigger()
    qtbot.waitUntil(lambda: any(box.isVisible() for box in window.findChildren(QMessageBox)))
    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    assert f"ViteDesk {__version__}" in box.text()
    box.accept()


def area_of(window: QWidget, widget: QWidget) -> int:
    current: QWidget | None = widget
    while current is not None and current is not window:
        if current.objectName() in AREAS:
            return AREAS.index(current.objectName())
        current = current.parentWidget()
    return -1


def test_tab_goes_through_the_areas_in_reading_order(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    window.leads.set_text("202 555 0001")
    window.composer.set_message("Doors open at “nine”")
    qtbot.waitUntil(window.sendButton.isEnabled)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.accountButton.setFocus()
    qtbot.waitUntil(window.accountButton.hasFocus)
    visited = [window.accountButton]
    for _ in range(40):
        window.focusNextChild()
        focused = QApplication.focusWidget()
        if focused is None or focused is window.sendButton or focused in visited:
            break
        visited.append(focused)
    assert QApplication.focusWidget() is window.sendButton
    areas = [area_of(window, widget) for widget in visited] + [AREAS.index("sendButton")]
    assert -1 not in areas, [w.objectName() for w in visited]
    assert areas == sorted(areas)  # never back up to an earlier area
    assert set(areas) == set(range(len(AREAS)))  # and every area is reached
    names = [w.objectName() for w in visited]
    assert names.index("leadEdit") < names.index("messageEdit") < names.index("routePublic")
    assert not any(isinstance(w, type(window.campaignScroll)) for w in visited)


def test_tab_from_the_message_moves_on_instead_of_typing_a_tab(qtbot, sandbox, make_window) -> None:
    window = make_window(sandbox.url)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.composer.messageEdit.setFocus()
    qtbot.keyClick(window.composer.messageEdit, Qt.Key.Key_Tab)
    assert window.composer.message() == ""
    assert area_of(window, QApplication.focusWidget()) > AREAS.index("messageGroup")
