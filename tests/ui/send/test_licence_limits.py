"""Licence limits the sandbox told an account (428 not verified, 403 no MMS, 403 no sender ID) are
remembered for that account, survive a restart and are shown before the next confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import pictures as make
from PySide6.QtCore import Qt

from vitedesk.core.campaign import Route
from vitedesk.core.licence_limits import LicenceLimit

BASIC = "basic@sandbox.test"
BUSINESS = "business@sandbox.test"
TOPIC = "licenceNotice"


def signed_in(desk: Any, drive: Any, username: str) -> Any:
    desk.window.tasks.start(desk.window.ask_login())
    drive.login(desk.window, username)
    return desk.window


def send(qtbot: Any, window: Any, drive: Any) -> Any:
    qtbot.waitUntil(window.sendButton.isEnabled)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    return window.banner.notice


def test_not_verified_is_remembered_and_shown_before_the_confirmation_after_a_restart(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    desk = make_send_desk(sandbox.url)
    window = signed_in(desk, drive, BASIC)
    window.leads.set_text("202 555 0143\n212 555 0199")
    window.composer.set_message("Hello both")
    drive.wait_for_recipients(window, 2)
    assert window.notices.text(TOPIC) == ""  # nothing known yet: nothing said
    assert "verif" in send(qtbot, window, drive).text  # 428 from the sandbox
    assert "not verified yet" in window.notices.text(TOPIC)  # at once, for the campaign still there
    window.close()

    again = make_send_desk(sandbox.url)  # the same files: a restart
    window = signed_in(again, drive, BASIC)
    window.leads.set_text("202 555 0143\n212 555 0199")
    window.composer.set_message("Hello again")
    drive.wait_for_recipients(window, 2)
    qtbot.waitUntil(lambda: "not verified yet" in window.notices.text(TOPIC))
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
    assert any("not verified yet" in w for w in window.flow.confirm_dialog.warnings())
    window.flow.confirm_dialog.reject()
    drive.wait_idle(window)
    window.leads.set_text("202 555 0143")  # one number at a time works: the warning goes
    drive.wait_for_recipients(window, 1)
    qtbot.waitUntil(lambda: window.notices.text(TOPIC) == "")


def test_no_mms_for_basic_and_no_sender_id_for_business_are_kept_per_account(
    qtbot, sandbox, make_send_desk, drive, tmp_path: Path
) -> None:
    desk = make_send_desk(sandbox.url)
    window = signed_in(desk, drive, BASIC)
    window.leads.set_text("202 555 0143")
    window.composer.set_message("Look")
    window.images.add_files([make.write(tmp_path / "sale.png", make.transparent_png())])
    drive.wait_for_recipients(window, 1)
    qtbot.waitUntil(lambda: all(window.images.prepared()), timeout=15_000)
    send(qtbot, window, drive)  # 403: MMS is not on the Basic licence
    assert "picture messages (MMS)" in window.notices.text(TOPIC)
    assert desk.limits.limits(sandbox.url, BASIC) == {LicenceLimit.NO_MMS}

    window.log_out()
    window.tasks.start(window.ask_login())
    drive.login(window, BUSINESS)  # another account: its own limits, none yet
    qtbot.waitUntil(lambda: window.notices.text(TOPIC) == "")
    window.images.set_images([])
    window.route.set_route(Route.sid("MyShop"))
    window.leads.set_text("+44 20 7946 0958")
    drive.wait_for_recipients(window, 1)
    send(qtbot, window, drive)  # 403: sender IDs need Enterprise
    assert "sender IDs" in window.notices.text(TOPIC)
    assert desk.limits.limits(sandbox.url, BUSINESS) == {LicenceLimit.NO_SENDER_ID}
    assert desk.limits.limits(sandbox.url, BASIC) == {LicenceLimit.NO_MMS}


def test_a_send_that_succeeds_forgets_the_limit_it_disproves(
    qtbot, sandbox, make_send_desk, drive, tmp_path: Path
) -> None:
    desk = make_send_desk(sandbox.url)
    desk.limits.update(sandbox.url, BUSINESS, learnt={LicenceLimit.NO_MMS})  # from before an upgrade
    window = signed_in(desk, drive, BUSINESS)
    window.leads.set_text("202 555 0143")
    window.composer.set_message("Look")
    window.images.add_files([make.write(tmp_path / "sale.png", make.transparent_png())])
    drive.wait_for_recipients(window, 1)
    qtbot.waitUntil(lambda: all(window.images.prepared()), timeout=15_000)
    qtbot.waitUntil(lambda: "picture messages (MMS)" in window.notices.text(TOPIC))
    assert send(qtbot, window, drive).level == "success"
    assert desk.limits.limits(sandbox.url, BUSINESS) == frozenset()
    assert window.notices.text(TOPIC) == ""
