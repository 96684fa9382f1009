"""Picture thumbnails made off the UI thread, decoded at thumbnail size (never a full 40 MB photo)."""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader


def read_thumbnail(path: Path, box: QSize) -> QImage:
    """The picture at ``path`` fitted into ``box`` (aspect kept, EXIF rotation applied); null if unreadable.

    QImageReader.setScaledSize lets JPEG decode at reduced resolution, so memory and time stay small.
    """
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return image
    # Auto-transform may swap width and height after scaling: fit once more, cheaply, at thumbnail size.
    if image.width() > box.width() or image.height() > box.height():
        image = image.scaled(
            box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


def image_dimensions(path: Path) -> QSize:
    """Width x height from the file header only (invalid QSize when Qt cannot tell)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    return reader.size()


def can_decode(path: Path) -> bool:
    """True when Qt recognises the picture at ``path`` and can read its size (reads only the header)."""
    reader = QImageReader(str(path))
    return reader.canRead() and reader.size().isValid()


class ThumbnailLoader(QObject):
    """Makes thumbnails on one worker thread; ``ready(path, image)`` arrives on the owner's thread."""

    ready = Signal(str, QImage)

    def __init__(self, box: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._box = QSize(box)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnails")
        executor = self._executor
        # No reference to self in the slot: it must work while the C++ object is being destroyed.
        self.destroyed.connect(lambda *_: executor.shutdown(wait=False, cancel_futures=True))

    def request(self, path: Path) -> None:
        """Start the thumbnail of ``path``; ``ready`` follows (with a null image on failure)."""
        future = self._executor.submit(read_thumbnail, path, QSize(self._box))
        future.add_done_callback(lambda done, key=str(path): self._deliver(key, done))

    def _deliver(self, key: str, future: Future[QImage]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        image = QImage() if error is not None else future.result()
        # Emitted from the worker thread: Qt queues it to the receivers' thread. RuntimeError: the loader was
        # deleted while this thumbnail was being made.
        with contextlib.suppress(RuntimeError):
            self.ready.emit(key, image)
