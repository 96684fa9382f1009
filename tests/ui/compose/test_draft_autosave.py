"""Autosave of the campaign being composed: debounced, atomic, restored with a notice, cleared when done."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from vitedesk.sandbox import DEMO_ACCOUNTS
from vitedesk.store import Draft
from vitedesk.ui.compose.draft_keeper import AUTOSAVE_DELAY_MS, restored_sentence

BUSINESS = DEMO_ACCOUNTS[1].username


def test_saved_about_a_second_after_the_last_keystroke_not_on_every_one(qtbot, sandbox, make_desk) -> None:
    desk = make_desk(sandbox.url)
    edit = desk.window.composer.messageEdit
    started = time.monotonic()
    for word in ("Doors ", "open ", "at ", "nine"):  # typing that keeps going for ~1.2 s
        qtbot.keyClicks(edit, word)
        last_key = time.monotonic()
        qtbot.wait(300)
        assert not desk.drafts.path.exists(), "saved while the person was still typing"
    qtbot.waitUntil(desk.drafts.path.exists, timeout=3000)
    latency = time.monotonic() - last_key
    assert AUTOSAVE_DELAY_MS / 1000 - 0.05 <= latency < 2.0, latency
    assert time.monotonic() - started > 1.2
    assert desk.drafts.load().message == "Doors open at nine"
    # nothing left behind by the atomic write
    assert [p.name for p in desk.drafts.path.parent.iterdir() if p.name.startswith(".")] == []


def test_restore_puts_every_field_back_and_says_so(qtbot, sandbox, make_desk, pictures) -> None:
    first = make_desk(sandbox.url, name="shared")
    first.drafts.save(
        Draft(
            leads_text="202 555 0001\n  202 555 0002",
            default_region="CA",
            message="Welcome back",
            route_kind="SID",
            server_id=" svm-business-1 ",
            sender_id="MyShop ",
            images=[str(pictures[1]), str(pictures[0])],
        )
    )
    desk = first
    draft = desk.workspace.drafts.restore()
    window = desk.window
    assert draft is not None
    qtbot.waitUntil(lambda: not window.leads.is_busy())
    assert window.leads.text() == "202 555 0001\n  202 555 0002"
    assert window.leads.default_region() == "CA"
    assert window.composer.message() == "Welcome back"
    assert window.route.routeSid.isChecked() and window.route.route().sender_id == "MyShop"
    assert (window.route.serverIdEdit.text(), window.route.sidEdit.text()) == (" svm-business-1 ", "MyShop ")
    assert window.images.images() == [pictures[1], pictures[0]]
    when = draft.saved_at.astimezone().strftime("%H:%M")
    assert window.notices.text("draftNotice") == f"Your unsent campaign from {when} was restored."
    # restoring is not an edit: the file (and its time) stays as it was
    stamp = desk.drafts.path.stat().st_mtime_ns
    qtbot.wait(AUTOSAVE_DELAY_MS + 300)
    assert desk.drafts.path.stat().st_mtime_ns == stamp


def test_a_picture_gone_since_is_said_and_the_rest_restored(qtbot, sandbox, make_desk, tmp_path) -> None:
    desk = make_desk(sandbox.url)
    desk.drafts.save(Draft(message="Hello", images=[str(tmp_path / "deleted.png")]))
    desk.workspace.drafts.restore()
    assert desk.window.composer.message() == "Hello"
    assert desk.window.images.images() == []
    assert "deleted.png" in desk.window.images.refusal_text()


def test_nothing_to_restore_means_no_notice(qtbot, sandbox, make_desk) -> None:
    desk = make_desk(sandbox.url)
    desk.drafts.save(Draft(default_region="GB"))  # blank: only a preference
    assert desk.workspace.drafts.restore() is None
    assert desk.window.notices.topics() == []


def test_new_campaign_removes_the_draft(qtbot, sandbox, make_desk) -> None:
    desk = make_desk(sandbox.url)
    desk.drafts.save(Draft(message="Soon gone"))
    desk.workspace.drafts.restore()
    assert desk.window.notices.text("draftNotice")
    desk.window.new_campaign()
    qtbot.waitUntil(lambda: desk.window.findChild(QMessageBox) is not None)
    box = desk.window.findChild(QMessageBox)
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not desk.drafts.path.exists())
    assert desk.window.notices.text("draftNotice") == ""
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)
    assert not desk.drafts.path.exists()


def test_successful_send_keeps_the_text_on_screen_but_not_as_a_draft(
    qtbot, sandbox, make_desk, drive
) -> None:
    desk = make_desk(sandbox.url)
    window = desk.window
    window.tasks.start(window.ask_login())
    drive.login(window, BUSINESS)
    window.leads.set_text("202 555 0001")
    drive.type_message(window, "Sent once")
    drive.wait_for_recipients(window, 1)
    qtbot.waitUntil(lambda: desk.drafts.path.exists(), timeout=3000)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    assert len(sandbox.campaigns()) == 1
    assert window.composer.message() == "Sent once"  # still on screen for a follow-up
    assert not desk.drafts.path.exists()
    drive.type_message(window, ", and a follow-up")  # new work is saved again
    qtbot.waitUntil(lambda: desk.drafts.path.exists(), timeout=3000)
    assert desk.drafts.load().message == "Sent once, and a follow-up"


def test_a_failed_send_keeps_the_draft(qtbot, sandbox, make_desk, drive) -> None:
    desk = make_desk(sandbox.url)
    window = desk.window
    window.tasks.start(window.ask_login())
    drive.login(window, DEMO_ACCOUNTS[0].username)  # not verified: several recipients are refused (428)
    window.leads.set_text("202 555 0001\n202 555 0002")
    window.composer.set_message("Refused")
    drive.wait_for_recipients(window, 2)
    desk.workspace.drafts.flush()
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    assert sandbox.campaigns() == []
    assert desk.drafts.load().message == "Refused"


def test_restored_sentence_names_the_day_when_it_is_not_today() -> None:
    now = datetime(2025, 3, 14, 12, 0, tzinfo=UTC).astimezone()
    earlier = now - timedelta(days=2)
    assert restored_sentence(now, now) == f"Your unsent campaign from {now.strftime('%H:%M')} was restored."
    assert earlier.strftime("%B") in restored_sentence(earlier, now)
    assert restored_sentence(None) == "Your unsent campaign was restored."
