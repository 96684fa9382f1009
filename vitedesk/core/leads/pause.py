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
                    _settle_young_objects()
                    gc.enable()


def _settle_young_objects() -> None:
    """Leave the young generations empty before collection is switched back on.

    Their count is huge after a big parse, so the first allocation after enable() would start a
    collection, of the oldest generation if that one is due (a walk of every object the process
    holds). The objects a parse leaves are the report: lists and records of strings and ints, no
    cycles, freed by reference counting when the report goes. Walking them in the youngest
    generation finds nothing (about 0.1 s for a million lines), so when no one else uses gc.freeze
    they are moved straight to the oldest generation instead (freeze + unfreeze: a move of the
    lists, no walk), which is where they would end up after surviving two young collections. Young
    garbage of other code moves with them and is found by the next full collection.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
    else:
        gc.collect(0)
