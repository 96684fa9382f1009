"""Menu actions and the About box: small pieces the main window is built from."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget


def make_action(
    owner: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | Sequence[QKeySequence] = (),
) -> QAction:
    """An action on `owner` (so its shortcut works even without a menu) that calls `slot`."""
    action = QAction(text, owner)
    if isinstance(shortcut, QKeySequence):
        action.setShortcut(shortcut)
    elif shortcut:
        action.setShortcuts(list(shortcut))
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def show_about(parent: QWidget) -> None:
    """Help → About: the name, the version and what it is for; open(), never exec()."""
    from vitedesk import __version__

    box = QMessageBox(
        QMessageBox.Icon.Information,
        "About ViteDesk",
        f"ViteDesk {__version__}\nSends SMS and MMS campaigns through the ViteMobile SMS API.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
