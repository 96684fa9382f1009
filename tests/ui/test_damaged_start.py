"""A start through main() over damaged files: the window opens, says what was set aside, and the person's
old files are still there (never overwritten)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from helpers.ui_wait import top_level, until

from vitedesk.app import main
from vitedesk.store import Settings

DEEP = "[" * 100_000 + "]" * 100_000


def run_app_and_read_notices(profile: Path) -> dict[str, str]:
    seen: dict[str, str] = {}

    async def person() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        await until(lambda: bool(window.notices.topics()))
        seen.update({topic: window.notices.text(topic) for topic in window.notices.topics()})
        window.close()

    driver = asyncio.ensure_future(person())
    assert main(["--sandbox", "--profile-dir", str(profile)]) == 0
    assert driver.done() and driver.exception() is None
    return seen


def test_a_damaged_settings_file_and_draft_are_set_aside_and_said(qtbot, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text(DEEP, encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "draft.json").write_text('{"version": 1, "message": "Hi", "images": 7}', "utf-8")
    seen = run_app_and_read_notices(tmp_path)
    [settings_copy] = (tmp_path / "config").glob("settings.json.damaged-*")
    [draft_copy] = (tmp_path / "data").glob("draft.json.damaged-*")
    assert settings_copy.read_text(encoding="utf-8") == DEEP  # untouched, never overwritten
    assert seen["filesNotice"].startswith("Your settings file could not be read, so ViteDesk set it aside as")
    assert settings_copy.name in seen["filesNotice"]
    assert draft_copy.name in seen["draftNotice"]
    assert Settings.read(tmp_path / "config" / "settings.json").problem == ""  # a clean file written on close


def test_a_file_where_the_data_folder_belongs_does_not_stop_the_start(qtbot, tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a note someone saved here", encoding="utf-8")
    seen = run_app_and_read_notices(tmp_path)
    [moved] = tmp_path.glob("data.damaged-*")
    assert moved.read_text(encoding="utf-8") == "a note someone saved here"
    assert seen["filesNotice"].startswith("A file named data was where ViteDesk keeps its drafts, history")
    assert (tmp_path / "data" / "history.sqlite3").is_file()  # the new folder is in use
