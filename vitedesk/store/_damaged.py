"""Damaged files set aside, never deleted or overwritten: one mechanism for settings, draft, history, lists.

A file (or a folder where a file belongs, or a file where a folder belongs) that ViteDesk cannot use is moved
to ``<name>.damaged-<time>`` beside it, so the person or support can look at it later and the app starts
with defaults. JSON is parsed by `parse_json`, which turns nesting too deep for Python into a ValueError
like any other damage (json.loads raises RecursionError for it).
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)


def damaged_name(path: Path) -> Path:
    """``<name>.damaged-<UTC time to the microsecond>`` beside `path`."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return path.with_name(f"{path.name}.damaged-{stamp}")


def set_aside(path: Path, *, copy: bool = False) -> Path | None:
    """Move `path` (a file or a folder) aside, or copy it when `copy` (the original stays in use); the new
    path, or None when that was not possible (then nothing was changed)."""
    target = damaged_name(path)
    try:
        if copy:
            import shutil  # rarely needed: kept off the path to the first window

            shutil.copy2(path, target)
        else:
            os.replace(path, target)
    except OSError as error:
        log.warning("Could not set %s aside: %s", path.name, error)
        return None
    log.warning("Set %s aside as %s", path.name, target.name)
    return target


def parse_json(text: str) -> object:
    """json.loads, with too-deep nesting reported as the ValueError it is to us."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def ensure_folder(folder: Path) -> Path | None:
    """Create `folder`; a file in its place is set aside first. Returns where that file went (None when
    nothing had to move). Never raises: a folder that cannot be made shows up when its files are used."""
    moved: Path | None = None
    if folder.exists() and not folder.is_dir():
        moved = set_aside(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.error("Folder %s could not be created: %s", folder, error)
    return moved
