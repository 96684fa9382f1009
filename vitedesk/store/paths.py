"""Where ViteDesk keeps its files: one place that knows the per-OS directories."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from vitedesk.store._damaged import ensure_folder

log = logging.getLogger(__name__)

APP_NAME = "ViteDesk"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The directories the app writes to; each is created the first time it is asked for a file."""

    data_dir: Path
    log_dir: Path
    config_dir: Path
    cache_dir: Path | None = None  # None: a "cache" folder inside data_dir

    @classmethod
    def default(cls) -> AppPaths:
        """The per-user directories of this operating system (platformdirs, app name "ViteDesk")."""
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            data_dir=Path(dirs.user_data_dir),
            log_dir=Path(dirs.user_log_dir),
            config_dir=Path(dirs.user_config_dir),
            cache_dir=Path(dirs.user_cache_dir),
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything below one folder: for tests and the ``--profile-dir`` option."""
        root = Path(root)
        return cls(
            data_dir=root / "data",
            log_dir=root / "logs",
            config_dir=root / "config",
            cache_dir=root / "cache",
        )

    @property
    def settings_file(self) -> Path:
        return self._in(self.config_dir, "settings.json")

    @property
    def draft_file(self) -> Path:
        return self._in(self.data_dir, "draft.json")

    @property
    def history_db(self) -> Path:
        return self._in(self.data_dir, "history.sqlite3")

    @property
    def licence_limits_file(self) -> Path:
        """What the server refused each account (licence limits), remembered between runs."""
        return self._in(self.data_dir, "licence-limits.json")

    @property
    def opt_out_file(self) -> Path:
        """The opt-out (do-not-contact) list, one E.164 number per line."""
        return self._in(self.data_dir, "opt-out.txt")

    @property
    def picture_cache(self) -> Path:
        """Prepared copies of MMS pictures (made and cleaned by the picture picker, created when used)."""
        return (self.cache_dir if self.cache_dir is not None else self.data_dir / "cache") / "pictures"

    def prepare(self) -> list[tuple[Path, Path]]:
        """Create the folders; a file where one of them belongs is set aside first (never deleted).
        Returns (folder, where the file went) for each file moved."""
        folders = [self.config_dir, self.data_dir, self.log_dir]
        if self.cache_dir is not None:
            folders.append(self.cache_dir)
        moved = []
        for folder in folders:
            target = ensure_folder(folder)
            if target is not None:
                moved.append((folder, target))
        return moved

    def ensure_log_dir(self) -> Path:
        """The log directory, created if missing."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return self.log_dir

    @staticmethod
    def _in(directory: Path, name: str) -> Path:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # the store that uses the file says what this means for the person
            log.error("Folder %s could not be created: %s", directory, error)
        return directory / name
