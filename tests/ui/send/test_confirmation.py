"""The confirmation tells everything (sandbox, real window): account, route, recipients and their country,
parts, pictures, warnings, quiet hours, cost; Cancel sends nothing; only what was confirmed goes out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from helpers import pictures as make
from PySide6.QtCore import Qt

from vitedesk.core.campaign import Route
from vitedesk.store import Settings

BASIC = "basic@sandbox.test"
BUSINESS = "business@sandbox.test"
ENTERPRISE = "enterprise@sandbox.test"
LEADS = "Ann,202 555 0143\nBob,(213) 555-0100\nCy,+44 20 7946 0958\nDi,+1 212 555 0199"
# 11:30 UTC on the day US clocks went forward: 07:30 in New York (EDT), 04:30 in Los Angeles (PDT).
MORNING = datetime.fromisoformat("2026-03-08T11:30:00+00:00")


def signed_in(desk: Any, drive: Any, username: str = BUSINESS) -> Any:
    window = desk.window
    window.tasks.start(window.ask_login())
    drive.login(window, username)
    return window


def compose(window: Any, drive: Any, leads: str, message: str, count: int) -> None:
    window.leads.set_text(leads)
    window.composer.set_message(message)
    drive.wait_for_recipients(window, count)


def open_confirmation(qtbot: Any, window: Any) -> Any:
    qtbot.waitUntil(window.sendButton.isEnabled)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.flow.confirm_dialog is not None and window.flow.confirm_dialog.isVisible())
    return window.flow.confirm_dialog


def test_the_confirmation_says_who_from_to_whom_what_when_and_at_what_cost(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    settings = Settings(price_sms_part="0.0079")
    desk = make_send_desk(sandbox.url, now=MORNING, settings=settings)
    window = signed_in(desk, drive)
    window.route.set_route(Route.private("svm-business-1"))
    compose(window, drive, LEADS, "x" * 170, 4)
    dialog = open_confirmation(qtbot, window)
    assert dialog.value("account") == BUSINESS
    assert dialog.value("route") == "Private server svm-business-1"
    assert dialog.value("recipients") == "4 recipients"
    assert dialog.value("country") == ("2 numbers had no country code and were read as United States (+1)")
    assert dialog.value("parts") == "2 SMS (GSM-7)"
    assert dialog.value("total") == "8"
    assert dialog.value("cost") == "≈ 8 texts × 0.0079 USD = 0.06 USD"
    quiet = dialog.value("quiet")
    assert quiet.startswith(
        "3 of 4 recipients are outside 08:00-21:00 right now: America/New_York 07:30, "
        "America/Los_Angeles 04:30."
    )
    assert "America/New_York at 08:00 local time (in 30 min)" in quiet
    assert dialog.cancelButton.isDefault()
    qtbot.mouseClick(dialog.cancelButton, Qt.MouseButton.LeftButton)
    drive.wait_idle(window)
    assert sandbox.campaigns() == []  # Cancel sends nothing


def test_a_late_evening_clock_on_the_other_side_of_the_change_is_read_in_standard_time(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    # 01:30 UTC on 8 March is still 20:30 EST the evening before in New York: inside the window there.
    desk = make_send_desk(sandbox.url, now=datetime.fromisoformat("2026-03-08T01:30:00+00:00"))
    window = signed_in(desk, drive)
    compose(window, drive, "202 555 0143\n+44 20 7946 0958", "Hello", 2)
    dialog = open_confirmation(qtbot, window)
    assert dialog.value("quiet") == (
        "1 of 2 recipients is outside 08:00-21:00 right now: Europe/London 01:30. "
        "The window opens for them: Europe/London at 08:00 local time (in 6 h 30 min)."
    )
    assert dialog.value("cost") == ""  # no prices set: no estimate
    dialog.reject()
    drive.wait_idle(window)


def test_pictures_with_sizes_and_every_warning_of_the_main_window(
    qtbot, sandbox, make_send_desk, drive, tmp_path: Path
) -> None:
    desk = make_send_desk(sandbox.url)
    window = signed_in(desk, drive, ENTERPRISE)
    window.route.set_route(Route.sid("MyShop"))
    compose(window, drive, "202 555 0143\n+1 555 555 0100", "Sale “today”", 1)
    window.leads.includeUnverified.setChecked(True)  # a number that may not exist, sent all the same
    qtbot.waitUntil(lambda: len(window.campaign().leads) == 2, timeout=10_000)
    window.images.add_files([make.write(tmp_path / "logo.png", make.transparent_png())])
    qtbot.waitUntil(lambda: all(window.images.prepared()), timeout=15_000)
    shown = [p.message for p in window.campaign().problems() if not p.blocking]
    dialog = open_confirmation(qtbot, window)
    assert dialog.value("route") == "Sender ID “MyShop”"
    assert dialog.value("recipients") == "2 recipients (1 number could not be verified)"
    assert dialog.value("images").startswith("logo.png (") and "KB" in dialog.value("images")
    assert dialog.value("protocol") == "MMS — 1 image"
    warnings = dialog.warnings()
    assert warnings[: len(shown)] == shown  # every warning the window shows, in its order
    assert any("US or Canadian (+1)" in w for w in warnings)
    assert any("not in any known number range" in w for w in warnings)
    assert [n.text() for n in dialog.warningNotices] == warnings
    dialog.reject()
    drive.wait_idle(window)


def click_send(qtbot: Any, window: Any) -> Any:
    qtbot.mouseClick(window.flow.confirm_dialog.sendButton, Qt.MouseButton.LeftButton)
    drive_idle = window.flow
    qtbot.waitUntil(lambda: not drive_idle.busy, timeout=10_000)
    return window.banner.notice


def test_a_login_as_someone_else_after_confirming_sends_nothing(
    qtbot, sandbox, make_send_desk, drive, run_async
) -> None:
    desk = make_send_desk(sandbox.url)
    window = signed_in(desk, drive)
    compose(window, drive, "202 555 0143", "Hello", 1)
    dialog = open_confirmation(qtbot, window)
    assert dialog.value("account") == BUSINESS
    run_async(window.session.log_in(sandbox.url, ENTERPRISE, "sandbox", False))
    notice = click_send(qtbot, window)
    assert sandbox.campaigns() == []
    assert notice.text.startswith("Nothing was sent: you confirmed sending from business@sandbox.test")
    assert "now logged in as enterprise@sandbox.test" in notice.text


def test_a_new_sign_in_after_confirming_sends_nothing(
    qtbot, sandbox, make_send_desk, drive, run_async
) -> None:
    desk = make_send_desk(sandbox.url)
    window = signed_in(desk, drive)
    compose(window, drive, "202 555 0143", "Hello", 1)
    open_confirmation(qtbot, window)
    run_async(window.session.log_in(sandbox.url, BUSINESS, "sandbox", False))  # a new token, same account
    notice = click_send(qtbot, window)
    assert sandbox.campaigns() == []
    assert "the sign-in changed after you confirmed" in notice.text


def test_an_edit_after_confirming_sends_nothing(qtbot, sandbox, make_send_desk, drive) -> None:
    desk = make_send_desk(sandbox.url)
    window = signed_in(desk, drive)
    compose(window, drive, "202 555 0143", "Hello", 1)
    open_confirmation(qtbot, window)
    window.composer.set_message("Hello, changed elsewhere")
    notice = click_send(qtbot, window)
    assert sandbox.campaigns() == []
    assert notice.text.startswith("Nothing was sent: the campaign changed after you confirmed it")


def test_a_picture_changed_on_disk_after_confirming_sends_nothing(
    qtbot, sandbox, make_send_desk, drive, tmp_path: Path
) -> None:
    desk = make_send_desk(sandbox.url)
    window = signed_in(desk, drive)
    compose(window, drive, "202 555 0143", "Look", 1)
    picture = make.write(tmp_path / "offer.png", make.transparent_png())
    window.images.add_files([picture])
    qtbot.waitUntil(lambda: all(window.images.prepared()), timeout=15_000)
    open_confirmation(qtbot, window)
    make.write(picture, make.tiny_png((40, 30)))  # another program saves over it
    notice = click_send(qtbot, window)
    assert sandbox.campaigns() == []
    assert "a picture file was changed" in notice.text


def test_what_was_confirmed_goes_out_and_the_cost_is_kept_in_the_history(
    qtbot, sandbox, make_send_desk, drive
) -> None:
    desk = make_send_desk(sandbox.url, settings=Settings(price_sms_part="0.0079", price_currency="eur"))
    window = signed_in(desk, drive)
    compose(window, drive, "202 555 0143\n+1 212 555 0199", "Hello", 2)
    dialog = open_confirmation(qtbot, window)
    assert dialog.value("cost") == "≈ 2 texts × 0.0079 EUR = 0.02 EUR"
    notice = click_send(qtbot, window)
    assert notice.level == "success" and len(sandbox.campaigns()) == 1
    entry = desk.history.search()[0]
    assert entry.cost_estimate == "0.02 EUR" and not entry.is_test


def test_the_pictures_panel_warning_is_in_the_confirmation_too(
    qtbot, sandbox, make_send_desk, drive, tmp_path: Path
) -> None:
    desk = make_send_desk(sandbox.url, settings=Settings(mms_picture_budget=50_000))
    window = signed_in(desk, drive)
    compose(window, drive, "202 555 0143", "Look", 1)
    photos = [make.write(tmp_path / f"shop{n}.jpg", make.photo(2000, 1500)) for n in range(3)]
    window.images.add_files(photos)
    qtbot.waitUntil(
        lambda: all(window.images.prepared()) and len(window.images.prepared()) == 3, timeout=30_000
    )
    shown = window.images.sizeNotice.text()
    assert "compressed a lot" in shown
    dialog = open_confirmation(qtbot, window)
    assert shown in dialog.warnings()
    dialog.reject()
    drive.wait_idle(window)
