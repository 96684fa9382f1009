"""Cyclic garbage collection paused while lead parsing runs, counted across threads."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class CollectorPause:
    """Cyclic garbage collection off while at least one parse runs; the state from before the first
    one is restored when the last one ends, whichever thread runs them.

    Parsing a million lines builds a few hundred thousand records next to lists of a million strings;
    with the collector on, the passes triggered by those allocations walk all of them and free
    nothing (the records hold only strings and ints): about 0.2 s of a million lines. The collector
    is process-wide state, so the count of running parses that guards it is shared too (the one
    module-level mutable object here, on purpose): with a plain save/restore, the first of two
    overlapping parses to finish would switch collection back on under the other.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._restore = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if not self._running:
                self._restore = gc.isenabled()
                gc.disable()
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if not self._running and self._restore:
                    # Collect the youngest generation now: its count is huge, so the first allocation
                    # after enable() would otherwise start a collection of the oldest generation
                    # that is due, which in a big process walks every object it holds.
                    gc.collect(0)
                    gc.enable()
