"""Picture preparation off the UI thread: decode + thumbnail per picture, then one budget pass per message.

Pillow releases the interpreter lock while it decodes, resizes and encodes, so the window keeps painting.
Results come back as queued Qt signals on the owner's thread; a generation number drops stale passes.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

if TYPE_CHECKING:
    from vitedesk.core.pictures import LoadedPicture

THUMBNAIL_SIDE = 96
CACHE_KEPT_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class PictureOptions:
    """Where prepared copies go and how big a message may be (from the settings)."""

    cache_dir: Path
    budget: int = 600_000
    edge: int = 1280


def _load(path: Path, edge: int) -> tuple[LoadedPicture, QImage]:
    from vitedesk.core.pictures import load_picture  # Pillow is loaded on the worker, not at start-up

    picture = load_picture(path, edge)
    width, height, rgb = picture.thumbnail(THUMBNAIL_SIDE)
    thumbnail = QImage(rgb, width, height, width * 3, QImage.Format.Format_RGB888).copy()
    return picture, thumbnail


def _prepare(pictures: list[LoadedPicture], options: PictureOptions) -> list[Any]:
    from vitedesk.core.pictures import prepare_message

    return prepare_message(pictures, options.cache_dir, options.budget)


def _clean(cache_dir: Path) -> None:
    from vitedesk.core.pictures import clean_cache

    clean_cache(cache_dir, CACHE_KEPT_SECONDS)


class PicturePreparer(QObject):
    """``loaded(key, picture, thumbnail)`` or ``refused(key, sentence)`` per picture;
    ``prepared(generation, copies)`` or ``budgetRefused(generation, key, sentence)`` per message."""

    loaded = Signal(str, object, QImage)
    refused = Signal(str, str)
    prepared = Signal(int, list)
    budgetRefused = Signal(int, str, str)

    def __init__(self, options: PictureOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        # Two decoders (two photos at once on a dual core); one encoder pass at a time, in order.
        self._decoders = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pictures-decode")
        self._encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pictures-encode")
        executors = (self._decoders, self._encoder)

        def stop(*_args: object) -> None:
            # No reference to self: it must work while the C++ object is being destroyed.
            for pool in executors:
                pool.shutdown(wait=False, cancel_futures=True)

        self.destroyed.connect(stop)
        self._cleaned = False  # old copies are removed when the first picture comes (threads start then)

    def load(self, path: Path) -> None:
        """Decode ``path`` and make its upright thumbnail; ``loaded`` or ``refused`` follows."""
        if not self._cleaned:
            self._cleaned = True
            self._encoder.submit(_clean, self.options.cache_dir)
        future = self._decoders.submit(_load, path, self.options.edge)
        key = str(path)
        future.add_done_callback(lambda done: self._deliver_load(key, done))

    def prepare(self, generation: int, pictures: list[LoadedPicture]) -> None:
        """Encode the message's pictures within the budget; ``prepared`` or ``budgetRefused`` follows."""
        future = self._encoder.submit(_prepare, pictures, self.options)
        future.add_done_callback(lambda done: self._deliver_prepared(generation, done))

    def _deliver_load(self, key: str, future: Future[tuple[LoadedPicture, QImage]]) -> None:
        if future.cancelled():
            return
        from vitedesk.core.media import ImageRejected

        error = future.exception()
        # Emitted from the worker thread: Qt queues it to the receivers' thread. RuntimeError: the preparer
        # was deleted meanwhile.
        with contextlib.suppress(RuntimeError):
            if error is None:
                picture, thumbnail = future.result()
                self.loaded.emit(key, picture, thumbnail)
            elif isinstance(error, ImageRejected):
                self.refused.emit(key, error.user_message)
            else:
                self.refused.emit(key, _unexpected(Path(key)))

    def _deliver_prepared(self, generation: int, future: Future[list[Any]]) -> None:
        if future.cancelled():
            return
        from vitedesk.core.pictures import BudgetExceeded

        error = future.exception()
        with contextlib.suppress(RuntimeError):
            if error is None:
                self.prepared.emit(generation, future.result())
            elif isinstance(error, BudgetExceeded):
                self.budgetRefused.emit(generation, str(error.path or ""), error.user_message)
            else:
                self.budgetRefused.emit(
                    generation,
                    "",
                    "The pictures could not be prepared for sending (the cache folder may be full or "
                    "read-only). Free some disk space, then remove a picture and attach it again.",
                )


def _unexpected(path: Path) -> str:
    return (
        f"“{path.name}” could not be prepared for sending. Open and save it again, or choose another picture."
    )
