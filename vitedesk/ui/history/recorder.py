"""The send flow's recorder over the SQLite send history (vitedesk.store.HistoryStore).

Every attempt is written as "sending" and committed before the request goes out (``begin``), then marked
sent, failed or "outcome unknown". A failure to write the first row stops the send (the flow says so); a
failure to write the outcome only loses the outcome, which is logged, because the campaign went out.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from vitedesk.api import ApiError, SendReceipt
from vitedesk.core.campaign import Campaign, RouteKind
from vitedesk.store.history import OUTCOME_UNKNOWN_MESSAGE, HistoryStore
from vitedesk.ui.account.session import AccountSession
from vitedesk.ui.send.send_flow import PreviousSend

log = logging.getLogger(__name__)


class HistoryRecorder:
    """``SendRecorder`` over a ``HistoryStore``; ``recorded`` is called after every change (refresh views)."""

    def __init__(
        self,
        store: HistoryStore,
        session: AccountSession,
        recorded: Callable[[], None] | None = None,
    ) -> None:
        self._store = store
        self._session = session
        self._recorded = recorded

    def last_identical(self, campaign: Campaign) -> PreviousSend | None:
        """The same campaign sent (or maybe sent) in the last 24 hours from this account on this server.

        Before anyone is signed in the account is unknown, so any account on this server counts.
        """
        account = self._session.username or None
        try:
            entry = self._store.last_identical(
                campaign.fingerprint(), account, server_url=self._session.server_url
            )
        except sqlite3.Error as error:
            log.warning("Could not look for an identical earlier send: %s", error)
            return None
        return PreviousSend(entry.created_at, entry.campaign_id) if entry is not None else None

    def begin(self, campaign: Campaign, account: str, *, test: bool = False, cost: str = "") -> int:
        """Write the "sending" row; raises sqlite3.Error when the history cannot be written."""
        route = campaign.route
        route_id = route.server_id if route.kind is RouteKind.PRIVATE else route.sender_id
        local_id = self._store.begin(
            account=account,
            server_url=self._session.server_url,
            route_kind=route.kind.value,
            route_id=route_id,
            protocol=campaign.effective_protocol,
            recipient_count=len(campaign.leads),
            parts_per_message=campaign.segment_info.segments,
            total_messages=campaign.total_messages,
            message=campaign.message,
            image_names=[path.name for path in campaign.images],
            fingerprint=campaign.fingerprint(),
            is_test=test,
            cost_estimate=cost,
        )
        log.debug("History row %d: sending", local_id)
        self._changed()
        return local_id

    def mark_sent(self, local_id: int, receipt: SendReceipt) -> None:
        self._mark(local_id, lambda: self._store.mark_sent(local_id, receipt.id, receipt.status))

    def mark_failed(self, local_id: int, error: ApiError) -> None:
        self._mark(local_id, lambda: self._store.mark_failed(local_id, error.status, error.user_message))

    def mark_unknown(self, local_id: int, error: ApiError) -> None:
        # The stored sentence always ends with "check before sending again", whatever the error said.
        message = error.user_message or OUTCOME_UNKNOWN_MESSAGE
        if "before sending" not in message:
            message = f"{message} {OUTCOME_UNKNOWN_MESSAGE}"
        self._mark(local_id, lambda: self._store.mark_unknown(local_id, message))

    def _mark(self, local_id: int, write: Callable[[], None]) -> None:
        try:
            write()
            log.debug("History row %d: outcome recorded", local_id)
        except (sqlite3.Error, KeyError, ValueError) as error:  # ValueError: text SQLite cannot encode
            log.error("Could not record the outcome of send %d: %s", local_id, error)
        self._changed()

    def _changed(self) -> None:
        if self._recorded is not None:
            self._recorded()
