"""Damaged or odd files on disk never stop a start and are never overwritten: each is set aside as
<name>.damaged-<time>, defaults are used and a sentence says what happened."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vitedesk.store import AppPaths, DraftStore, Settings
from vitedesk.store.licence_limits import LicenceLimitStore
from vitedesk.store.profile import open_profile

DEEP = "[" * 100_000 + "]" * 100_000


def aside(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}.damaged-*"))


@pytest.mark.parametrize(
    "content",
    [DEEP.encode(), b"\xff\xfe\x00garbage", b'{"server_url": ', b"[1, 2, 3]", ('{"a":' * 50_000).encode()],
    ids=["nested-100000-deep", "not-text", "cut-short", "not-an-object", "unclosed-nesting"],
)
def test_settings_that_are_not_settings_are_set_aside_and_defaults_used(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    read = Settings.read(path)
    assert read.settings == Settings() and read.writable
    [copy] = aside(tmp_path, "settings.json")
    assert copy.read_bytes() == content  # kept as it was, for a person or support to look at
    assert not path.exists()
    assert read.problem.startswith("Your settings file could not be read, so ViteDesk set it aside as ")
    assert copy.name in read.problem


def test_a_folder_named_settings_json_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    (path / "inside").mkdir(parents=True)
    read = Settings.read(path)
    assert read.settings == Settings()
    [moved] = aside(tmp_path, "settings.json")
    assert (moved / "inside").is_dir()
    Settings(last_username="ann").save(path)  # the next save works: the way is clear
    assert Settings.load(path).last_username == "ann"


def test_odd_values_get_their_defaults_the_rest_is_kept_and_a_copy_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    original = json.dumps(
        {
            "server_url": "https://sms.example.com",
            "last_username": "ann@example.com",
            "window_geometry": "this is not base64 ☃",
            "main_splitter": "AAAA",
            "default_region": "🇬🇧",
        }
    )
    path.write_text(original, encoding="utf-8")
    read = Settings.read(path)
    assert read.settings.server_url == "https://sms.example.com"
    assert read.settings.last_username == "ann@example.com"
    assert read.settings.main_splitter == "AAAA"
    assert read.settings.window_geometry is None and read.settings.default_region == "US"
    [copy] = aside(tmp_path, "settings.json")
    assert copy.read_text(encoding="utf-8") == original and path.read_text(encoding="utf-8") == original
    assert read.problem == (
        "2 settings in your settings file could not be used and are back to their default; ViteDesk kept a "
        f"copy of the old file as {copy.name}."
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_settings_file_is_left_alone_and_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"server_url": "https://sms.example.com"}', encoding="utf-8")
    path.chmod(0o000)
    try:
        read = Settings.read(path)
    finally:
        path.chmod(0o600)
    assert not read.writable and read.settings == Settings()
    assert read.problem.startswith("ViteDesk could not read your settings file (permission denied)")


@pytest.mark.parametrize("folder", ["config", "data", "logs", "cache"])
def test_a_file_where_a_folder_belongs_is_set_aside_and_the_folder_made(tmp_path: Path, folder: str) -> None:
    (tmp_path / folder).write_text("someone's notes", encoding="utf-8")
    profile = open_profile(AppPaths.under(tmp_path))
    assert (tmp_path / folder).is_dir()
    [moved] = aside(tmp_path, folder)
    assert moved.read_text(encoding="utf-8") == "someone's notes"
    [notice] = profile.notices
    assert notice.startswith(f"A file named {folder} was where ViteDesk keeps its ")
    assert moved.name in notice and profile.settings.settings == Settings()
    assert open_profile(AppPaths.under(tmp_path)).notices == []  # told once


@pytest.mark.parametrize(
    "saved_at",
    ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59.999999-12:00", "0001-01-01T00:00:00", "yesterday", 5],
    ids=["year-1", "end-of-time", "no-zone", "words", "a-number"],
)
def test_a_draft_with_an_impossible_time_is_restored_without_one(tmp_path: Path, saved_at: object) -> None:
    path = tmp_path / "draft.json"
    draft_file = {"version": 1, "message": "Spring sale", "saved_at": saved_at}
    path.write_text(json.dumps(draft_file), encoding="utf-8")
    draft = DraftStore(path).load()
    assert draft is not None and draft.message == "Spring sale"  # the campaign is what matters
    assert draft.saved_at is None


def test_a_draft_nested_too_deeply_is_set_aside_and_said(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.write_text(DEEP, encoding="utf-8")
    store = DraftStore(path)
    assert store.load() is None
    [copy] = aside(tmp_path, "draft.json")
    assert store.problem is not None and copy.name in store.problem


def test_a_folder_named_draft_json_is_moved_so_saving_works_again(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.mkdir()
    store = DraftStore(path)
    assert store.load() is None and store.problem is not None
    from vitedesk.store import Draft

    store.save(Draft(message="hello"))
    assert DraftStore(path).load().message == "hello"  # type: ignore[union-attr]


def test_licence_limits_nested_too_deeply_start_empty(tmp_path: Path) -> None:
    path = tmp_path / "licence-limits.json"
    path.write_text(DEEP, encoding="utf-8")
    assert LicenceLimitStore(path).limits("https://core.vitemobile.com", "ann") == frozenset()


def test_settings_that_cannot_be_read_are_never_overwritten_by_the_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vitedesk.store.credentials import TokenVault
    from vitedesk.wiring import open_services

    paths = AppPaths.under(tmp_path)
    original = '{"server_url": "https://sms.example.com", "last_username": "ann"}'
    paths.settings_file.write_text(original, encoding="utf-8")
    real_read_text = Path.read_text

    def locked(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "settings.json":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", locked)
    services = open_services(paths, vault=TokenVault(backend=None))
    try:
        assert services.notices == [
            "ViteDesk could not read your settings file (permission denied), so it uses default settings "
            "this time and leaves the file as it is."
        ]
        services.settings.last_username = "someone else"
        assert not services.save_settings()
    finally:
        services.close()
    monkeypatch.undo()
    assert paths.settings_file.read_text(encoding="utf-8") == original
    assert aside(paths.config_dir, "settings.json") == []
