"""Files dragged in from the desktop or pasted from a file manager: what they are, and taking them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDropEvent


def local_files(mime: QMimeData | None) -> list[Path]:
    """The local files ``mime`` carries, or [] when it carries anything else (web links, text)."""
    if mime is None or not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


def take_files(event: QDropEvent) -> list[Path]:
    """The local files a drag (enter, move or drop) carries, accepted as a copy; [] leaves the event as it is.

    A copy, never a move: a file manager must not delete the person's file after the drop.
    """
    paths = local_files(event.mimeData())
    if paths:
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
    return paths
