"""Package faces that import their parts on first use: what the first window does not need, it does not pay.

A package ``__init__`` lists its public names under ``TYPE_CHECKING`` (so type checkers and readers see them)
and sets ``__getattr__ = lazy_exports(__name__, {...})``: ``from vitedesk.api import ApiError`` then imports
only ``vitedesk.api.errors``, not the HTTP client (PEP 562).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` importing ``homes[name]`` (a module path) the first time ``name`` is read."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(home), name)

    return __getattr__
