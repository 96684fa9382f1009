"""One send attempt as the history stores it: shared by the database (history.py) and the CSV export."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from vitedesk.core.campaign import Route, RouteKind
from vitedesk.core.wording import plural

_KINDS = {"SMS": "Text message (SMS)", "MMS": "Picture message (MMS)"}


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
    recipients_kept: bool = False  # the numbers are in the store (HistoryStore.recipients)

    @property
    def result_text(self) -> str:
        """The outcome in a few words for the list, e.g. "Sent — campaign 981" (no raw server status); a test
        says so first."""
        if self.is_test:
            return f"Test to your own number: {replace(self, is_test=False).result_text}"
        if self.state is SendState.SENT:
            return f"Sent — campaign {self.campaign_id}"
        if self.state is SendState.FAILED:
            return f"Failed — {self.error_message or 'the server refused the campaign'}"
        if self.state is SendState.UNKNOWN:
            return "Outcome unknown — check before sending again"
        return "Sending…"

    @property
    def result_sentence(self) -> str:
        """The outcome as a sentence, e.g. "Sent to 1,204 recipients — campaign 981"; a test says so first."""
        if self.is_test:
            return f"Test to your own number: {replace(self, is_test=False).result_sentence}"
        people = plural(self.recipient_count, "recipient")
        if self.state is SendState.SENT:
            return f"Sent to {people} — campaign {self.campaign_id}"
        if self.state is SendState.FAILED:
            return f"Not sent to {people}: the campaign failed, nothing went out."
        if self.state is SendState.UNKNOWN:
            return f"Maybe sent to {people}: the outcome is unknown. Check before sending again."
        return f"Being sent to {people}…"

    @property
    def kind_text(self) -> str:
        """ "Text message (SMS)" or "Picture message (MMS)"; another protocol as it is stored."""
        return _KINDS.get(self.protocol, self.protocol)

    @property
    def size_text(self) -> str:
        """ "2 texts per person · 2,408 texts in all", or for MMS "1 picture message per person"."""
        if self.protocol == "MMS":
            return f"1 picture message per person · {plural(self.total_messages, 'picture message')} in all"
        each = plural(self.parts_per_message, "text")
        return f"{each} per person · {plural(self.total_messages, 'text')} in all"

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
