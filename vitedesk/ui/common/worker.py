"""The one bridge from worker threads to the UI: a function runs off the UI thread, its result is a signal.

Work that would freeze the window (parsing 200,000 leads, decoding a 40 MB photo) runs on a single background
thread; ``done`` is emitted from that thread and Qt queues it to the receivers, so slots run on the UI thread.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal


class Worker(QObject):
    """One background thread; ``done(tag, result)`` for each ``submit``, in the order they were submitted.

    ``result`` is what the function returned, or the exception it raised. The tag says which request it
    answers (a generation counter, a file name). Pending work is dropped when the worker is destroyed.
    """

    done = Signal(object, object)  # tag, result | BaseException

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        executor = self._executor
        # No reference to self in the slot: it must work while the C++ object is being destroyed.
        self.destroyed.connect(lambda *_: executor.shutdown(wait=False, cancel_futures=True))

    def submit(self, tag: object, function: Callable[..., object], *args: object) -> None:
        """Run ``function(*args)`` on the worker thread; ``done(tag, result)`` follows."""
        future = self._executor.submit(function, *args)
        future.add_done_callback(functools.partial(self._deliver, tag))

    def _deliver(self, tag: object, future: Future[object]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        # RuntimeError: the worker (and its owner) was deleted while this piece of work ran.
        with contextlib.suppress(RuntimeError):
            self.done.emit(tag, error if error is not None else future.result())
