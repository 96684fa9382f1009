"""Settings survive restarts, shrug off damaged files, and have nowhere to put a secret."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from vitedesk.store import AppPaths, Settings


def test_paths_under_a_profile_dir_are_created_on_demand(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "profile")
    assert not (tmp_path / "profile").exists()
    settings_file = paths.settings_file
    assert settings_file.parent.is_dir()
    assert paths.history_db.parent == paths.data_dir
    assert paths.draft_file.parent.is_dir()
    assert paths.ensure_log_dir().is_dir()
    assert all(tmp_path in p.parents for p in (paths.data_dir, paths.log_dir, paths.config_dir))


def test_default_paths_are_per_user_directories_named_for_the_app() -> None:
    paths = AppPaths.default()
    for directory in (paths.data_dir, paths.log_dir, paths.config_dir):
        assert directory.is_absolute()
        assert "ViteDesk" in directory.parts


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    original = Settings(
        server_url="http://127.0.0.1:8765",
        last_username="ana@shop.com",
        remember=True,
        default_region="GB",
        window_geometry="AdnQywADAAA=",
    )
    original.save(path)
    assert Settings.load(path) == original


def test_missing_settings_file_gives_defaults(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "nope.json")
    assert settings == Settings()
    assert settings.server_url == "https://core.vitemobile.com"
    assert settings.default_region == "US"
    assert settings.remember is False


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"[1, 2, 3]", b"\xff\xfe\x00garbage", b"null", b'"a string"'],
)
def test_corrupt_settings_file_gives_defaults_without_crashing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    assert Settings.load(path) == Settings()


def test_a_mistyped_field_falls_back_alone_and_unknown_keys_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {"last_username": "bo", "remember": "yes", "default_region": 44, "password": "hunter2", "x": 1}
        )
    )
    settings = Settings.load(path)
    assert settings.last_username == "bo"
    assert settings.remember is False
    assert settings.default_region == "US"
    settings.save(path)
    assert "hunter2" not in path.read_text()
    assert "password" not in path.read_text()


def test_settings_has_no_field_for_a_secret() -> None:
    names = {f.name for f in dataclasses.fields(Settings)}
    assert not {n for n in names if any(word in n for word in ("token", "password", "secret"))}
    with pytest.raises(AttributeError):
        Settings().token = "abc"  # type: ignore[attr-defined]


def test_saving_replaces_the_file_without_leaving_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(last_username="first").save(path)
    Settings(last_username="second").save(path)
    assert Settings.load(path).last_username == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_picture_limits_are_settings_kept_within_bounds(tmp_path) -> None:
    from vitedesk.store.paths import AppPaths
    from vitedesk.store.settings import Settings

    path = tmp_path / "settings.json"
    assert Settings().picture_limits() == (600_000, 1280)
    Settings(mms_picture_budget=300_000, mms_picture_edge=800).save(path)
    assert Settings.load(path).picture_limits() == (300_000, 800)
    assert Settings(mms_picture_budget=0, mms_picture_edge=-5).picture_limits() == (50_000, 320)
    assert AppPaths.under(tmp_path).picture_cache == tmp_path / "cache" / "pictures"
