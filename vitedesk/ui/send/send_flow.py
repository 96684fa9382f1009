"""Sending a campaign: (log in if needed) -> confirm -> API -> a notice the window shows.

The flow is busy from the click until the answer, and a request made while busy is ignored, so double clicks
and repeated Ctrl+Return produce one request. The campaign is an immutable value built at the click: after a
401 the same value goes out once the person has logged in again. Nothing here touches what the person typed.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from vitedesk.api import (
    ApiError,
    BadRequest,
    Forbidden,
    NotSent,
    NoValidNumbers,
    OutcomeUnknown,
    SendReceipt,
    ServerError,
    Unauthorized,
    VerificationRequired,
)
from vitedesk.core.campaign import Campaign, RouteKind
from vitedesk.core.confirmation import SendContext, cost_total
from vitedesk.core.wording import plural
from vitedesk.ui.account.session import AccountSession
from vitedesk.ui.common.widgets import Tone
from vitedesk.ui.qt_async import TaskHolder, open_dialog
from vitedesk.ui.send.confirm import ConfirmDialog
from vitedesk.ui.send.confirmed import Advisor, ConfirmedSend

log = logging.getLogger(__name__)

Action = Literal["", "retry", "recipients", "login"]

SESSION_EXPIRED = (
    "Your session has expired. Log in again and your campaign will be sent; nothing needs retyping."
)
SESSION_ENDING = "Your session is about to expire. Log in again and your campaign will be sent."
NOT_SIGNED_IN = "Log in to send your campaign. Everything you typed is kept."
CLOSED_WHILE_SENDING = (
    "ViteDesk was closed before ViteMobile answered, so the campaign may or may not have been sent. "
    "Check the campaign list in your ViteMobile account before sending it again."
)
HISTORY_UNWRITABLE = (
    "Nothing was sent: ViteDesk could not write this send into its history, which is what protects you "
    "from sending twice. Check that the disk is not full, then try again."
)


@dataclass(frozen=True)
class Notice:
    """What the window shows after a send attempt: a sentence, how serious it is, and the helpful action."""

    level: Tone
    text: str
    action: Action = ""
    campaign_id: int | None = None
    details: str = ""  # the server's own words and its error code, shown only under "Details"


@dataclass(frozen=True)
class PreviousSend:
    """An identical campaign sent earlier (for "You sent this exact campaign at 10:42 (id 981)")."""

    sent_at: datetime
    campaign_id: int | None


class SendRecorder(Protocol):
    """Send history as the flow uses it; optional. Every attempt is begun before the request goes out."""

    def last_identical(self, campaign: Campaign) -> PreviousSend | None: ...
    def begin(self, campaign: Campaign, account: str, *, test: bool = False, cost: str = "") -> int: ...
    def mark_sent(self, local_id: int, receipt: SendReceipt) -> None: ...
    def mark_failed(self, local_id: int, error: ApiError) -> None: ...
    def mark_unknown(self, local_id: int, error: ApiError) -> None: ...


LoginPrompt = Callable[[str], Awaitable[bool]]
"""Opens the login dialog with a reason; True once signed in, False if the person cancelled."""


def licence_hint(campaign: Campaign) -> str:
    needs = []
    if campaign.route.kind is RouteKind.SID:
        needs.append("a sender ID needs an Enterprise licence")
    if campaign.effective_protocol == "MMS":
        needs.append("MMS pictures need a Business or Enterprise licence")
    if not needs:
        return ""
    sentence = " and ".join(needs)
    return sentence[0].upper() + sentence[1:] + "."


def server_details(error: ApiError) -> str:
    """The server's own words and error code, for the "Details" section (never the main sentence)."""
    lines = []
    if error.status is not None:
        lines.append(f"Error code: {error.status}")
    if error.detail:
        lines.append(f"ViteMobile said: {error.detail}")
    return "\n".join(lines)


def plain_sentence(error: ApiError) -> str:
    """The error's sentence without the server's raw words (those go under "Details")."""
    text = error.user_message
    if error.detail and error.detail in text:
        return type(error).default_message
    return text


def notice_for_error(error: BaseException, campaign: Campaign) -> Notice:
    """The sentence and the helpful action for a failed send; the server's words only in ``details``."""
    if not isinstance(error, ApiError):
        return Notice(
            Tone.ERROR,
            "Something unexpected went wrong inside ViteDesk, and the campaign may not have been sent. "
            "Check the campaign list in your ViteMobile account before sending again.",
        )
    text = plain_sentence(error)
    details = server_details(error)
    if isinstance(error, BadRequest) and error.detail and text != error.user_message:
        text = (
            "ViteMobile refused the campaign because something in it is not right: Details below says "
            "what. Correct it and send again."
        )
    if isinstance(error, Forbidden):
        hint = licence_hint(campaign)
        if hint and text == Forbidden.default_message:
            text = (
                f"Your ViteMobile licence does not allow this campaign: {hint[0].lower()}{hint[1:]} "
                "Choose another route or send it as a text message, or upgrade your plan."
            )
        return Notice(Tone.ERROR, text, details=details)
    if isinstance(error, NoValidNumbers):
        return Notice(Tone.ERROR, text, "recipients", details=details)
    if isinstance(error, VerificationRequired):
        return Notice(
            Tone.ERROR,
            f"{text} Verification is a one-time identity check by ViteMobile; until it is done, an account "
            "can only send to one number at a time.",
            details=details,
        )
    if isinstance(error, NotSent):
        return Notice(Tone.ERROR, text, "retry", details=details)
    if isinstance(error, Unauthorized):
        return Notice(Tone.WARNING, NOT_SIGNED_IN, "login", details=details)
    if isinstance(error, OutcomeUnknown | ServerError):
        return Notice(
            Tone.WARNING, text, details=details
        )  # it may have gone out: no retry button, on purpose
    return Notice(Tone.ERROR, text, details=details)


def success_sentence(recipients: int, campaign_id: int) -> str:
    """ "Sent to 1 recipient — campaign 981" (the server's status word, such as SENDING, is not shown)."""
    return f"Sent to {plural(recipients, 'recipient')} — campaign {campaign_id}"


class SendFlow(QObject):
    """Controller of one send at a time.

    Signals: busyChanged(bool) from the request to the notice (confirmation and login included);
    sendingChanged(bool) around the network request itself; finished(Notice).
    """

    busyChanged = Signal(bool)
    sendingChanged = Signal(bool)
    finished = Signal(object)

    def __init__(
        self,
        session: AccountSession,
        ask_login: LoginPrompt,
        parent_widget: QWidget | None = None,
        tasks: TaskHolder | None = None,
    ) -> None:
        super().__init__()
        self._session = session
        self._ask_login = ask_login
        self._parent = parent_widget
        self._recorder: SendRecorder | None = None  # set_recorder(): the send history, when there is one
        self._advisor: Advisor | None = None  # set_advisor(): context for the confirmation, limits
        self._tasks = tasks or TaskHolder()
        self._busy = False
        self._sending = False
        self._current: asyncio.Task[Notice] | None = None
        self.confirm_dialog: ConfirmDialog | None = None  # while open, for tests and screenshots

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def sending(self) -> bool:
        """True while a request is out and its answer has not arrived (closing now leaves it unknown)."""
        return self._sending

    async def abandon(self) -> None:
        """Stop waiting for the send under way; a request already out is recorded as "outcome unknown"."""
        task = self._current
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    def set_recorder(self, recorder: SendRecorder | None) -> None:
        self._recorder = recorder

    def set_advisor(self, advisor: Advisor | None) -> None:
        self._advisor = advisor

    def request_send(self, campaign: Campaign) -> asyncio.Task[Notice] | None:
        """Start sending `campaign` unless a send is already under way (then None: the request is ignored)."""
        if self._busy:
            return None
        self._set_busy(True)
        self._current = self._tasks.start(self._run(campaign), name="send campaign")
        return self._current

    def request_test(self, campaign: Campaign) -> asyncio.Task[Notice] | None:
        """Send `campaign` (addressed to the person's own number) without a confirmation; history marks it
        as a test and the identical-campaign guard ignores it. None while a send is under way."""
        if self._busy:
            return None
        self._set_busy(True)
        self._current = self._tasks.start(self._run(campaign, test=True), name="send a test")
        return self._current

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busyChanged.emit(busy)

    async def _run(self, campaign: Campaign, *, test: bool = False) -> Notice:
        try:
            notice = await self.send(campaign, test=test)
        except Exception as error:  # a defect must still end the busy state and say something
            log.exception("Sending failed unexpectedly")
            notice = notice_for_error(error, campaign)
        finally:
            self._set_busy(False)
        self.finished.emit(notice)
        return notice

    async def send(self, campaign: Campaign, *, test: bool = False) -> Notice:
        """Make sure someone is signed in, confirm (not for a test), send exactly what was confirmed; return
        the notice to show (no ApiError escapes)."""
        reason = SESSION_ENDING if self._session.signed_in else NOT_SIGNED_IN
        # Checked once: a server that issues tokens shorter than a minute must not cause a login loop.
        needs_login = not self._session.signed_in or self._session.expires_within(60)
        # Logged in before the confirmation, so that it names the account and what its licence allows.
        if needs_login and not await self._ask_login(reason):
            return self._not_logged_in()
        context = await self._context(campaign, confirming=not test)
        confirmed = ConfirmedSend.of(campaign, self._session)  # what the confirmation shows
        if not test and not await self._confirmed(campaign, context):
            log.info("Send cancelled before anything went out")
            return Notice(Tone.INFO, "Not sent. Your campaign is still here.")
        needs_login = False  # from here on, only after a 401
        while True:
            if needs_login:
                if not await self._ask_login(reason):
                    return self._not_logged_in()
                confirmed = confirmed.after_own_login(self._session)
            needs_login = False
            current = self._advisor.current if self._advisor is not None and not test else None
            changed = confirmed.changed(campaign, self._session, current)
            if not changed and self._advisor is not None:  # the opt-out list, read again right now
                changed = self._advisor.refusal(campaign, test=test)
            if changed:
                log.warning("Not sent: the account, sign-in or campaign changed after the confirmation")
                return Notice(Tone.WARNING, changed)
            try:
                local_id = self._begin(campaign, test, context)
            except Exception:  # no "sending" row, no request: a crash now would leave no trace
                log.exception("Could not record the send attempt; nothing was sent")
                return Notice(Tone.ERROR, HISTORY_UNWRITABLE, "retry")
            log.info(
                "Sending campaign: %d recipients, %d part(s) each, %d messages, %s, %s, %d image(s)",
                len(campaign.leads),
                campaign.segment_info.segments,
                campaign.total_messages,
                campaign.route.kind.value,
                campaign.effective_protocol,
                len(campaign.images),
            )
            self._sending = True
            self.sendingChanged.emit(True)
            try:
                receipt = await self._session.client.send(campaign)
            except asyncio.CancelledError:
                # The window was closed (or the app stopped) while the request was out.
                log.warning("Stopped waiting for the answer to a send: outcome unknown")
                self._record(local_id, OutcomeUnknown(CLOSED_WHILE_SENDING))
                raise
            except Unauthorized as error:
                log.warning("Send refused: the session is no longer valid (401); asking to log in again")
                self._record(local_id, error)
                self._session.forget_token()
                reason, needs_login = SESSION_EXPIRED, True
                continue
            except ApiError as error:
                log.warning("Send failed: %s (status %s)", type(error).__name__, error.status)
                self._record(local_id, error)
                if self._advisor is not None:
                    self._advisor.answered(campaign, error)
                return notice_for_error(error, campaign)
            except Exception:  # a defect: the request may have gone out, so no row may stay "sending"
                self._record(local_id, OutcomeUnknown())
                raise
            finally:
                self._sending = False
                self.sendingChanged.emit(False)
            log.info("Send accepted: campaign %d, status %s", receipt.id, receipt.status)
            if self._recorder is not None and local_id is not None:
                self._recorder.mark_sent(local_id, receipt)
            if self._advisor is not None:
                self._advisor.answered(campaign, None)
            return Notice(
                Tone.SUCCESS,
                success_sentence(len(campaign.leads), receipt.id),
                campaign_id=receipt.id,
                details=f"{plural(campaign.total_messages, 'message')} in all; ViteMobile's status: "
                f"{receipt.status}",
            )

    @staticmethod
    def _not_logged_in() -> Notice:
        return Notice(Tone.WARNING, "You are not logged in, so nothing was sent. " + NOT_SIGNED_IN, "login")

    async def _context(self, campaign: Campaign, *, confirming: bool) -> SendContext:
        advisor = self._advisor
        context = SendContext() if advisor is None else await advisor.context(campaign, confirming=confirming)
        account = self._session.account_label if self._session.signed_in else ""
        return dataclasses.replace(context, account=account)

    async def _confirmed(self, campaign: Campaign, context: SendContext) -> bool:
        if self._recorder is not None:
            previous = self._recorder.last_identical(campaign)
            if previous is not None and not await self._confirm_again(previous):
                return False
        dialog = ConfirmDialog(campaign, context, self._parent)
        self.confirm_dialog = dialog
        try:
            return await open_dialog(dialog) == ConfirmDialog.DialogCode.Accepted
        finally:
            self.confirm_dialog = None
            dialog.deleteLater()

    async def _confirm_again(self, previous: PreviousSend) -> bool:
        when = previous.sent_at.astimezone().strftime("%H:%M")
        ident = f" (id {previous.campaign_id})" if previous.campaign_id is not None else ""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Send the same campaign again?",
            f"You sent this exact campaign at {when}{ident}. Send it again?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._parent,
        )
        box.setObjectName("duplicateDialog")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        try:
            await open_dialog(box)
            return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        finally:
            box.deleteLater()

    def _begin(self, campaign: Campaign, test: bool, context: SendContext) -> int | None:
        if self._recorder is None:
            return None
        cost = cost_total(campaign, context.prices)
        return self._recorder.begin(campaign, self._session.username, test=test, cost=cost)

    def _record(self, local_id: int | None, error: ApiError) -> None:
        if self._recorder is None or local_id is None:
            return
        if isinstance(error, OutcomeUnknown | ServerError):
            self._recorder.mark_unknown(local_id, error)
        else:
            self._recorder.mark_failed(local_id, error)
