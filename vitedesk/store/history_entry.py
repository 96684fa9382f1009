"""One send attempt as the history stores it: shared by the database (history.py) and the CSV export."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from vitedesk.core.campaign import Route, RouteKind


class SendState(StrEnum):
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One send attempt as stored; times are timezone-aware UTC."""

    local_id: int
    created_at: datetime
    account: str
    server_url: str
    route_kind: str
    route_id: str
    protocol: str
    recipient_count: int
    parts_per_message: int
    total_messages: int
    message: str
    image_names: tuple[str, ...]
    fingerprint: str
    state: SendState
    campaign_id: int | None
    remote_status: str | None
    error_status: int | None
    error_message: str | None
    finished_at: datetime | None
    is_test: bool = False  # "Send a test to me": to the person's own number only
    cost_estimate: str = ""  # the estimate shown before sending, "19.02 USD"; "" without prices

    @property
    def result_text(self) -> str:
        """The outcome in a few words, e.g. "Sent — campaign 981, SENDING"; a test says so first."""
        if self.is_test:
            return f"Test to your own number: {replace(self, is_test=False).result_text}"
        if self.state is SendState.SENT:
            status = f", {self.remote_status}" if self.remote_status else ""
            return f"Sent — campaign {self.campaign_id}{status}"
        if self.state is SendState.FAILED:
            return f"Failed — {self.error_message or 'the server refused the campaign'}"
        if self.state is SendState.UNKNOWN:
            return "Outcome unknown — check before sending again"
        return "Sending…"

    @property
    def route(self) -> Route | None:
        """The route the campaign went by; None for a kind this version does not know."""
        try:
            kind = RouteKind(self.route_kind)
        except ValueError:
            return None
        return Route(kind, server_id=self.route_id, sender_id=self.route_id)

    @property
    def route_text(self) -> str:
        """The route as the rest of the app says it (Route.describe), e.g. "Sender ID “MyShop”"."""
        route = self.route
        if route is None:
            return " ".join(part for part in (self.route_kind, self.route_id) if part)
        return route.describe()
