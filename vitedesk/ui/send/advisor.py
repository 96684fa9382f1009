"""What the send flow learns from the rest of the app: the confirmation's context, the campaign the window
holds now, and what the server's answer taught about the account's licence.

The slow parts (reading the lead text again for the numbers without a country code, the time zones of every
recipient) run on a worker thread while the flow waits, so a list of 100,000 numbers does not freeze the
window. Licence limits the server told are kept per account and shown in the main window's notices
whenever the campaign there runs into one, before any confirmation.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from vitedesk.api import ApiError
from vitedesk.core.campaign import Campaign
from vitedesk.core.clock import Clock
from vitedesk.core.confirmation import SendContext, quiet_report, read_with_default_country
from vitedesk.core.cost import Prices
from vitedesk.core.licence_limits import LicenceLimit, limit_from_refusal, limit_warnings, limits_disproved
from vitedesk.core.opt_out import refusal as opt_out_refusal
from vitedesk.core.quiet_hours import QuietReport, QuietWindow
from vitedesk.store.licence_limits import LicenceLimitStore
from vitedesk.ui.account.session import TOKEN_ACCOUNT
from vitedesk.ui.common.widgets import Tone
from vitedesk.ui.common.worker import Worker
from vitedesk.ui.compose.composer import locale_number
from vitedesk.ui.main_window import MainWindow

LICENCE_TOPIC = "licenceNotice"

log = logging.getLogger(__name__)


def _facts(
    text: str, region: str, campaign: Campaign, now: datetime, window: QuietWindow
) -> tuple[int, QuietReport]:
    """The slow facts, on the worker thread: numbers read with the default country, quiet hours now."""
    return read_with_default_country(text, region, campaign.leads), quiet_report(campaign, now, window)


class SendAdvisor(QObject):
    """The flow's Advisor over a MainWindow; `quiet` and `prices` are read when asked (they change)."""

    def __init__(
        self,
        window: MainWindow,
        limits: LicenceLimitStore,
        clock: Clock,
        quiet: Callable[[], QuietWindow] = QuietWindow,
        prices: Callable[[], Prices] = Prices,
        opted_out: Callable[[], frozenset[str] | None] = frozenset,
    ) -> None:
        """`opted_out` gives the opt-out list as it is now (None: it could not be read)."""
        super().__init__(window)
        self._window = window
        self._opted_out = opted_out
        self._limits = limits
        self._clock = clock
        self._quiet = quiet
        self._prices = prices
        self._worker = Worker("confirmation", self)
        self._waiting: dict[int, asyncio.Future[object]] = {}
        self._next = 0
        self._dismissed = ""  # the licence notice the person closed: not shown again until it changes
        self._shown = ""
        self._watching = False
        self._worker.done.connect(self._done)
        window.contentChanged.connect(self.show_limits)
        window.session.changed.connect(self.show_limits)
        window.flow.finished.connect(lambda _notice: self.show_limits())
        self.show_limits()

    async def context(self, campaign: Campaign, *, confirming: bool = True) -> SendContext:
        """The confirmation's context; without `confirming` (a test to the own number) only the prices and
        limits, not the slow facts about the lead list."""
        plain = SendContext(
            opted_out=self._window.leads.review().opted_out_count,
            prices=self._prices(),
            limits=self.account_limits(),
            number=locale_number,
            shown=(self._window.images.sizeNotice.text(),),  # "had to be compressed a lot"
        )
        if not confirming:
            return plain
        leads = self._window.leads
        region = leads.default_region()
        self._next += 1
        tag = self._next
        future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self._waiting[tag] = future
        self._worker.submit(tag, _facts, leads.text(), region, campaign, self._clock.now(), self._quiet())
        result = await future
        if not isinstance(result, tuple):  # a defect: the confirmation still opens, without these facts
            log.error("Could not work out the confirmation's facts: %r", result)
            return plain
        count, quiet = result
        return dataclasses.replace(plain, default_region=region, read_with_default=count, quiet=quiet)

    def _done(self, tag: object, result: object) -> None:
        future = self._waiting.pop(tag, None) if isinstance(tag, int) else None
        if future is not None and not future.done():
            future.set_result(result)

    def current(self) -> Campaign | None:
        return self._window.campaign()

    def refusal(self, campaign: Campaign, *, test: bool = False) -> str:
        return opt_out_refusal(campaign.leads, self._opted_out(), test=test)

    def _account(self) -> tuple[str, str]:
        """(server, username) to keep limits under; no username for a pasted token (whose account is it?)."""
        session = self._window.session
        username = session.username if session.username != TOKEN_ACCOUNT else ""
        return session.server_url, username

    def account_limits(self) -> frozenset[LicenceLimit]:
        return self._limits.limits(*self._account())

    def answered(self, campaign: Campaign, error: ApiError | None) -> None:
        server_url, username = self._account()
        if error is None:
            self._limits.update(server_url, username, gone=limits_disproved(campaign))
        else:
            learnt = limit_from_refusal(error.status, error.detail or "", campaign)
            if learnt is not None:
                self._limits.update(server_url, username, learnt={learnt})
        self.show_limits()

    def show_limits(self) -> None:
        """The remembered limits the window's campaign runs into, in the notices at the top ("" hides)."""
        limits = self.account_limits()
        # Most accounts have none: then the window's campaign is not even built.
        text = "\n".join(limit_warnings(limits, self._window.campaign()) if limits else [])
        if text and text == self._dismissed:
            return  # closed by the person: not shown again until it says something else
        self._shown = text
        notice = self._window.notices.show_message(LICENCE_TOPIC, text, Tone.WARNING)
        if not self._watching:
            self._watching = True
            notice.dismissed.connect(self._on_dismissed)

    def _on_dismissed(self) -> None:
        self._dismissed = self._shown
