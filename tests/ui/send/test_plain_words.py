"""What the window says after a send (sandbox): plain words, right plurals, raw text only in Details."""

from __future__ import annotations

from PySide6.QtCore import Qt

from vitedesk.api import Forbidden
from vitedesk.core.campaign import Campaign, Route
from vitedesk.ui.send.send_flow import notice_for_error, success_sentence

BUSINESS = "business@sandbox.test"


def send_from_window(qtbot, window, drive, leads: str, count: int) -> None:
    if not window.session.signed_in:
        window.tasks.start(window.ask_login())
        drive.login(window, BUSINESS)
    window.leads.set_text(leads)
    window.composer.set_message("Doors open at nine")
    drive.wait_for_recipients(window, count)
    qtbot.mouseClick(window.sendButton, Qt.MouseButton.LeftButton)
    drive.confirm(window)
    drive.wait_idle(window)


def test_success_says_how_many_recipients_and_the_campaign(qtbot, sandbox, make_window, drive) -> None:
    window = make_window(sandbox.url)
    send_from_window(qtbot, window, drive, "202 555 0001", 1)
    campaign_id = sandbox.campaigns()[0]["id"]
    assert window.sendStatus.text() == f"Sent to 1 recipient — campaign {campaign_id}"
    assert "SENDING" not in window.sendStatus.text().upper()
    assert window.banner.detailsButton.isVisible() and not window.banner.detailsLabel.isVisible()
    send_from_window(qtbot, window, drive, "202 555 0001\n202 555 0002", 2)
    campaign_id = sandbox.campaigns()[-1]["id"]
    assert window.sendStatus.text() == f"Sent to 2 recipients — campaign {campaign_id}"
    assert success_sentence(1204, 981) == "Sent to 1,204 recipients — campaign 981"


def test_a_refusal_is_one_plain_sentence_and_the_server_words_are_under_details(
    qtbot, sandbox, make_window, drive
) -> None:
    window = make_window(sandbox.url)
    window.route.set_route(Route.private("svm-nope"))
    send_from_window(qtbot, window, drive, "202 555 0001", 1)
    assert sandbox.campaigns() == []
    sentence = window.sendStatus.text()
    assert sentence.startswith("ViteMobile refused the campaign because something in it is not right")
    assert "svm-nope" not in sentence and "server_id" not in sentence  # no raw server text up front
    details = window.banner.detailsLabel
    assert not details.isVisible()
    qtbot.mouseClick(window.banner.detailsButton, Qt.MouseButton.LeftButton)
    assert details.isVisible()
    assert "Error code: 400" in details.text() and 'Server "svm-nope" is not yours' in details.text()
    # The same sentence is not also said elsewhere in the window.
    shown = [w.text() for w in window.findChildren(type(window.sendStatus)) if w.isVisible()]
    assert shown.count(sentence) == 1


def test_the_licence_sentence_names_the_licence_once() -> None:
    campaign = Campaign(leads=["+12025550001"], message="Hi", route=Route.sid("Shop"))
    notice = notice_for_error(Forbidden(detail="No sender ID on this plan", status=403), campaign)
    # "Your ViteMobile licence does not allow this campaign: a sender ID needs an Enterprise licence."
    assert notice.text.count("licence") == 2
    assert notice.text.count("sender ID") == 1
    assert "No sender ID on this plan" not in notice.text
    assert "No sender ID on this plan" in notice.details
