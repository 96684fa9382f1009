"""The send flow against the real sandbox: confirmation, one request per click, errors with their actions."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import jwt
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from vitedesk.core.campaign import Campaign, Route
from vitedesk.ui.account.session import AccountSession
from vitedesk.ui.send.send_flow import PreviousSend, SendFlow

BASIC = "basic@sandbox.test"
BUSINESS = "business@sandbox.test"


class Harness:
    """A SendFlow over a real session; `logins` counts how often the flow asked for the login dialog."""

    def __init__(self, qtbot, run_async, sandbox, username: str | None) -> None:
        self.qtbot = qtbot
        self.run_async = run_async
        self.sandbox = sandbox
        self.parent = QWidget()
        qtbot.addWidget(self.parent)
        self.session = AccountSession(sandbox.url)
        self.username = username
        if username:
            run_async(self.session.log_in(sandbox.url, username, "sandbox", False))
        self.logins: list[str] = []
        self.flow = SendFlow(self.session, self.ask_login, self.parent)
        self.notices: list = []
        self.flow.finished.connect(self.notices.append)

    async def ask_login(self, reason: str) -> bool:
        self.logins.append(reason)
        if self.username is None:
            return False
        await self.session.log_in(self.sandbox.url, self.username, "sandbox", False)
        return True

    def confirm(self, accept: bool = True) -> None:
        self.qtbot.waitUntil(
            lambda: self.flow.confirm_dialog is not None and self.flow.confirm_dialog.isVisible()
        )
        dialog = self.flow.confirm_dialog
        button = dialog.sendButton if accept else dialog.cancelButton
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def send(self, campaign: Campaign, accept: bool = True):
        task = self.flow.request_send(campaign)
        assert task is not None
        self.confirm(accept)
        self.qtbot.waitUntil(task.done, timeout=10_000)
        return task.result()


@pytest.fixture
def harness(qtbot, run_async, sandbox):
    made: list[Harness] = []

    def make(username: str | None = BUSINESS) -> Harness:
        h = Harness(qtbot, run_async, sandbox, username)
        made.append(h)
        return h

    yield make
    for h in made:
        run_async(h.session.aclose())


def sms(*numbers: str, text: str = "Hello from the shop") -> Campaign:
    return Campaign(leads=list(numbers or ("+12025550001",)), message=text)


def test_confirmation_shows_what_will_go_out(harness) -> None:
    h = harness()
    campaign = Campaign(
        leads=[f"+1202555{n:04d}" for n in range(7)],
        message="x" * 170,
        route=Route.private("svm-business-1"),
    )
    h.flow.request_send(campaign)
    h.qtbot.waitUntil(lambda: h.flow.confirm_dialog is not None)
    dialog = h.flow.confirm_dialog
    assert dialog.objectName() == "confirmDialog"
    assert dialog.value("recipients") == "7 recipients"
    assert dialog.value("parts").startswith("2 SMS")
    assert dialog.value("total") == "14"
    assert dialog.value("route") == "Private server svm-business-1"
    assert dialog.value("protocol") == "SMS"
    assert dialog.value("first").startswith(
        "+12025550000, +12025550001"
    ) and "2 more numbers" in dialog.value("first")
    assert dialog.cancelButton.isDefault() and not dialog.sendButton.isDefault()
    h.qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter cancels: it never confirms by accident
    h.qtbot.waitUntil(lambda: not h.flow.busy)
    assert h.sandbox.campaigns() == []
    assert h.notices[-1].level == "info"


def test_confirmed_campaign_reaches_the_server_once_with_its_id(harness) -> None:
    h = harness()
    notice = h.send(sms("+12025550001", "+12025550002"))
    received = h.sandbox.campaigns()
    assert len(received) == 1
    assert received[0]["message"] == "Hello from the shop"
    assert notice.level == "success" and notice.campaign_id == received[0]["id"]
    assert str(received[0]["id"]) in notice.text


def test_a_second_request_while_busy_is_ignored(harness) -> None:
    h = harness()
    busy: list[bool] = []
    h.flow.busyChanged.connect(busy.append)
    first = h.flow.request_send(sms())
    assert h.flow.request_send(sms()) is None
    assert h.flow.request_send(sms(text="other")) is None
    h.confirm()
    h.qtbot.waitUntil(first.done, timeout=10_000)
    assert len(h.sandbox.campaigns()) == 1
    assert busy == [True, False]


def test_expired_session_asks_for_login_then_sends_the_same_campaign(harness) -> None:
    h = harness()
    # a token the server refuses (wrong signature, not yet expired): the send answers 401
    h.session.client.token = jwt.encode(
        {"user_id": 2, "exp": int(time.time()) + 600}, "x" * 32, algorithm="HS256"
    )
    campaign = sms("+12025550001", "+12025550002", text="Keep this exact text")
    notice = h.send(campaign)
    assert len(h.logins) == 1 and "expired" in h.logins[0]
    received = h.sandbox.campaigns()
    assert len(received) == 1
    assert received[0]["message"] == "Keep this exact text"
    assert sorted(received[0]["leads"]) == ["+12025550001", "+12025550002"]
    assert notice.level == "success"


def test_not_signed_in_and_login_cancelled_sends_nothing(harness) -> None:
    h = harness(username=None)
    task = h.flow.request_send(sms())
    h.qtbot.waitUntil(task.done, timeout=10_000)
    notice = task.result()
    assert h.logins and h.sandbox.campaigns() == []
    assert h.flow.confirm_dialog is None  # the login comes first: the confirmation names the account
    assert notice.action == "login" and "nothing was sent" in notice.text


def test_unverified_account_with_two_recipients_explains_verification(harness) -> None:
    h = harness(BASIC)
    notice = h.send(sms("+12025550001", "+12025550002"))
    assert h.sandbox.campaigns() == []
    assert notice.level == "error"
    assert "verif" in notice.text.lower() and "one number" in notice.text


def test_mms_on_a_basic_licence_says_which_licence_is_needed(harness, tmp_path: Path) -> None:
    h = harness(BASIC)
    picture = tmp_path / "sale.png"
    Image.new("RGB", (64, 64), "red").save(picture)
    notice = h.send(Campaign(leads=["+12025550001"], message="Look", images=[picture]))
    assert h.sandbox.campaigns() == []
    assert "Business or Enterprise" in notice.text


def test_no_answer_tells_to_check_before_resending(harness, sandbox_factory) -> None:
    dropping = sandbox_factory(fault="drop")
    h = harness()
    h.sandbox = dropping
    h.run_async(h.session.log_in(dropping.url, BUSINESS, "sandbox", False))
    notice = h.send(sms())
    assert len(dropping.campaigns()) == 1  # it did go out: the answer was lost
    assert notice.level == "warning" and notice.action == ""  # no "Try again" for an unknown outcome
    assert "check" in notice.text.lower()


def test_unreachable_server_offers_to_try_again(harness, run_async) -> None:
    h = harness()
    run_async(h.session.use_token("http://127.0.0.1:9", h.session.client.token, False))
    notice = h.send(sms())
    assert notice.action == "retry" and "nothing was sent" in notice.text


class Recorder:
    def __init__(self, previous: PreviousSend | None = None) -> None:
        self.previous = previous
        self.calls: list[tuple] = []

    def last_identical(self, campaign):
        return self.previous

    def begin(self, campaign, account, **_options):
        self.calls.append(("begin", campaign.message, account))
        return len(self.calls)

    def mark_sent(self, local_id, receipt):
        self.calls.append(("sent", local_id, receipt.id))

    def mark_failed(self, local_id, error):
        self.calls.append(("failed", local_id, error.status))

    def mark_unknown(self, local_id, error):
        self.calls.append(("unknown", local_id))


def test_every_attempt_is_recorded_before_and_after(harness) -> None:
    h = harness()
    recorder = Recorder()
    h.flow.set_recorder(recorder)
    h.session.client.token = jwt.encode(
        {"user_id": 2, "exp": int(time.time()) + 600}, "x" * 32, algorithm="HS256"
    )
    h.send(sms(text="recorded"))
    campaign_id = h.sandbox.campaigns()[0]["id"]
    assert recorder.calls == [
        ("begin", "recorded", BUSINESS),
        ("failed", 1, 401),
        ("begin", "recorded", BUSINESS),
        ("sent", 3, campaign_id),
    ]


def test_identical_campaign_asks_first_and_defaults_to_no(harness) -> None:
    h = harness()
    h.flow.set_recorder(Recorder(PreviousSend(datetime(2025, 1, 2, 10, 42, tzinfo=UTC), 981)))
    task = h.flow.request_send(sms())

    def question() -> QMessageBox | None:
        return h.parent.findChild(QMessageBox, "duplicateDialog")

    h.qtbot.waitUntil(lambda: question() is not None and question().isVisible())
    assert "(id 981)" in question().text()
    h.qtbot.keyClick(question(), Qt.Key.Key_Return)
    h.qtbot.waitUntil(task.done)
    assert h.flow.confirm_dialog is None and h.sandbox.campaigns() == []
    assert asyncio.isfuture(task) and task.result().level == "info"


def test_session_about_to_expire_asks_for_the_password_first(harness, sandbox_factory) -> None:
    short = sandbox_factory(token_lifetime=30)  # every token expires within the 60 s margin
    h = harness()
    h.sandbox = short
    h.run_async(h.session.log_in(short.url, BUSINESS, "sandbox", False))
    notice = h.send(sms(text="after a fresh login"))
    assert len(h.logins) == 1 and "about to expire" in h.logins[0]  # once: no login loop
    assert [c["message"] for c in short.campaigns()] == ["after a fresh login"]
    assert notice.level == "success"


def test_a_login_as_someone_else_after_an_expired_session_sends_nothing(harness) -> None:
    h = harness()
    h.session.client.token = jwt.encode(
        {"user_id": 2, "exp": int(time.time()) + 600}, "x" * 32, algorithm="HS256"
    )  # refused with 401 once the campaign is confirmed
    task = h.flow.request_send(sms(text="Confirmed for business"))
    h.confirm()
    h.username = "enterprise@sandbox.test"  # the person logs in again, as another account
    h.qtbot.waitUntil(task.done, timeout=10_000)
    notice = task.result()
    assert len(h.logins) == 1 and h.sandbox.campaigns() == []
    assert notice.text.startswith("Nothing was sent: you confirmed sending from business@sandbox.test")
