"""A composed campaign is never lost: atomic saves, damaged files kept aside, blank drafts recognised."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vitedesk.store import Draft, DraftStore


def _draft() -> Draft:
    return Draft(
        leads_text="+1 555 123 4567\n07700 900123\n",
        default_region="GB",
        message="Sale starts today — 20% off ☀",
        route_kind="SID",
        server_id="",
        sender_id="MyShop",
        images=["/home/ana/pics/a.png", "/home/ana/pics/b.jpg"],
    )


def test_draft_round_trips_with_a_save_time(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "draft.json")
    saved = store.save(_draft())
    assert saved.saved_at is not None
    loaded = store.load()
    assert loaded == saved
    assert loaded is not None and loaded.message == "Sale starts today — 20% off ☀"
    data = json.loads((tmp_path / "draft.json").read_text(encoding="utf-8"))
    assert data["version"] == 1


def test_missing_draft_loads_as_none_and_clear_is_idempotent(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "draft.json")
    assert store.load() is None
    store.save(_draft())
    store.clear()
    store.clear()
    assert store.load() is None


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 1, "message": "half-writ',
        b"\x00\x00\x00\x00",
        b'{"version": 1, "images": "not a list"}',
        b'{"version": 99, "message": "from the future"}',
        b"[]",
    ],
)
def test_corrupt_draft_is_set_aside_not_deleted(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "draft.json"
    path.write_bytes(content)
    assert DraftStore(path).load() is None
    assert not path.exists()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("draft.json.damaged-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content


def test_save_is_atomic_a_failed_write_keeps_the_previous_draft(tmp_path: Path, monkeypatch) -> None:
    store = DraftStore(tmp_path / "draft.json")
    store.save(_draft())

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.save(Draft(message="new text that never made it"))
    monkeypatch.undo()
    loaded = store.load()
    assert loaded is not None and loaded.sender_id == "MyShop"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]


def test_blank_draft_is_recognised() -> None:
    assert Draft().is_blank()
    assert Draft(default_region="FR", route_kind="PRIVATE").is_blank()
    assert not Draft(message="hi").is_blank()
    assert not Draft(images=["a.png"]).is_blank()
    assert not Draft(server_id="svm-1").is_blank()
