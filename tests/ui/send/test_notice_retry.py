"""The send result's "Try again": after a NotSent error, one click sends the same campaign again."""

from __future__ import annotations

from PySide6.QtCore import Qt

BUSINESS = "business@sandbox.test"
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused


def test_try_again_after_nothing_was_sent_sends_the_same_campaign(
    qtbot, sandbox, make_window, drive, run_async
) -> None:
    window = make_window(sandbox.url)
    run_async(window.session.log_in(sandbox.url, BUSINESS, "sandbox", False))
    token = window.session.client.token
    run_async(window.session.use_token(UNREACHABLE, token, False))  # as if the network were down
    window.leads.set_text("+12025550001\n+12025550002")
    drive.wait_for_recipients(window, 2)
    window.composer.set_message("Doors open at nine")
    qtbot.waitUntil(window.sendButton.isEnabled)

    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)
    assert window.banner.notice is not None and window.banner.notice.action == "retry"
    assert "nothing was sent" in window.sendStatus.text()
    assert window.banner.actionButton.isVisible() and window.banner.actionButton.text() == "Try again"
    assert sandbox.campaigns() == []

    run_async(window.session.use_token(sandbox.url, token, False))  # the network is back
    qtbot.mouseClick(window.banner.actionButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)  # a retry goes through the confirmation again, like any send
    drive.wait_idle(window)
    received = sandbox.campaigns()
    assert [(c["message"], sorted(c["leads"])) for c in received] == [
        ("Doors open at nine", ["+12025550001", "+12025550002"])
    ]
    assert window.banner.notice is not None and window.banner.notice.level == "success"
    assert str(received[0]["id"]) in window.sendStatus.text()
    assert not window.banner.actionButton.isVisible()
