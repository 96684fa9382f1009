"""The opt-out list on disk: kept across restarts, written whole or not at all, damaged lines set aside
without losing a readable number, and a list that cannot be read reported (so nothing is sent)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from vitedesk.store.opt_out import HEADER, OptOutStore


def test_the_list_survives_a_restart_sorted_under_its_header(tmp_path: Path) -> None:
    path = tmp_path / "data" / "opt-out.txt"
    store = OptOutStore(path)
    assert store.numbers() == frozenset() and store.problem is None  # no file yet: an empty list
    assert store.replace(["+442079460958", "+12025550143"])
    assert path.read_text(encoding="utf-8").splitlines() == [HEADER, "+12025550143", "+442079460958"]
    again = OptOutStore(path)
    assert again.numbers() == {"+12025550143", "+442079460958"} and again.problem is None
    assert [p.name for p in path.parent.iterdir()] == ["opt-out.txt"]  # no temporary file left behind


def test_only_e164_numbers_are_kept(tmp_path: Path) -> None:
    store = OptOutStore(tmp_path / "opt-out.txt")
    store.replace(["+12025550143", "202 555 0144", "", "+0123"])
    assert store.numbers() == {"+12025550143"}


def test_damaged_lines_are_set_aside_and_every_readable_number_kept(tmp_path: Path) -> None:
    path = tmp_path / "opt-out.txt"
    original = b"# list\n+12025550143\ngarbage \xff\xfe line\n\n+442079460958\n"
    path.write_bytes(original)
    store = OptOutStore(path)
    assert store.numbers() == {"+12025550143", "+442079460958"}
    [copy] = tmp_path.glob("opt-out.txt.damaged-*")
    assert copy.read_bytes() == original  # the file as it was, for a person to look at
    assert store.problem is not None
    assert "kept the 2 numbers it could read" in store.problem and copy.name in store.problem
    reopened = OptOutStore(path)  # the clean list was written back: told once, not on every start
    assert reopened.numbers() == {"+12025550143", "+442079460958"} and reopened.problem is None
    assert len(list(tmp_path.glob("opt-out.txt.damaged-*"))) == 1


def test_a_folder_in_place_of_the_file_is_reported_and_reads_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / "opt-out.txt"
    path.mkdir()
    store = OptOutStore(path)
    assert store.numbers() is None  # unknown, not empty: the send flow refuses rather than guesses
    assert store.problem is not None
    assert store.problem.startswith("ViteDesk could not read your opt-out list (")
    assert "it will not send until it can" in store.problem


def test_a_full_disk_keeps_the_old_file_and_the_new_list_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "opt-out.txt"
    store = OptOutStore(path)
    store.replace(["+12025550143"])
    before = path.read_bytes()

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("vitedesk.store.opt_out.atomic_write_text", full)
    assert not store.replace(["+12025550143", "+442079460958"])
    assert store.numbers() == {"+12025550143", "+442079460958"}  # an opt-out the person entered counts
    assert store.problem == (
        "ViteDesk could not save your opt-out list (No space left on device). It is used for this session; "
        "check the disk and save it again."
    )
    assert path.read_bytes() == before  # the old list is intact on disk


def test_a_file_in_place_of_the_folder_cannot_save_but_keeps_the_list_in_use(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    store = OptOutStore(blocker / "opt-out.txt")
    assert store.numbers() is None  # reading through a file is an error, not "no list yet"
    assert not store.replace(["+12025550143"])
    assert store.numbers() == {"+12025550143"}
    assert blocker.read_text(encoding="utf-8") == "not a folder"  # nothing of the person's overwritten


def test_in_memory_list_for_a_profile_without_files() -> None:
    store = OptOutStore(None)
    assert store.replace(["+12025550143"]) and store.numbers() == {"+12025550143"}
