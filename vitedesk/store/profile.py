"""The files of one start read before the first window: the folders made ready and the settings read, with
a sentence for each thing that had to be set aside. Read once, by the composition root. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vitedesk.store.paths import AppPaths
from vitedesk.store.settings import Settings, SettingsRead

FOLDER_SET_ASIDE = (
    "A file named {folder} was where ViteDesk keeps its {what}; ViteDesk moved it aside as {name} and "
    "started with a new, empty folder."
)


@dataclass
class ProfileStart:
    """`notices`: sentences for the window about files set aside or unreadable, in the order found."""

    settings: SettingsRead
    notices: list[str] = field(default_factory=list)


def open_profile(paths: AppPaths) -> ProfileStart:
    """Folders first (a settings file cannot be read from a folder that is a file), then the settings."""
    notices = [
        FOLDER_SET_ASIDE.format(folder=folder.name, what=_what(paths, folder), name=moved.name)
        for folder, moved in paths.prepare()
    ]
    read = Settings.read(paths.settings_file)
    if read.problem:
        notices.append(read.problem)
    return ProfileStart(read, notices)


def _what(paths: AppPaths, folder: Path) -> str:
    if folder == paths.config_dir:
        return "settings"
    if folder == paths.log_dir:
        return "logs"
    if folder == paths.cache_dir:
        return "prepared pictures"
    return "drafts, history and opt-out list"
