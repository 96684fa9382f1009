"""A real drag from a file manager as Qt delivers it: QDragEnterEvent, then QDropEvent with file URLs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


def url_drag(target: QWidget, urls: Sequence[QUrl]) -> tuple[bool, bool]:
    """Drag ``urls`` onto the middle of ``target``; returns (drag accepted, drop accepted)."""
    mime = QMimeData()
    mime.setUrls(list(urls))
    # PySide6 6.11 takes a QPoint here (6.12 takes a QPointF).
    args = (
        QPoint(target.width() // 2, target.height() // 2),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False, False
    drop = QDropEvent(*args)
    QApplication.sendEvent(target, drop)
    return True, drop.isAccepted()


def drop_files(target: QWidget, paths: Sequence[Path]) -> tuple[bool, bool]:
    """Drag local files onto ``target``; returns (drag accepted, drop accepted)."""
    return url_drag(target, [QUrl.fromLocalFile(str(path)) for path in paths])
