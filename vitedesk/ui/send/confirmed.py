"""What the person confirmed, kept so that exactly that goes out: the campaign, the account, the sign-in.

The confirmation is a promise: this campaign, from this account. Between the click on Send in the
confirmation and the request, a login can intervene (an expired session), another window can change the
pictures on disk, or someone can log in as somebody else. Right before the request the flow compares what
it would send now with what was confirmed, and sends nothing when they differ.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from vitedesk.api import ApiError
from vitedesk.core.campaign import Campaign
from vitedesk.core.confirmation import SendContext
from vitedesk.ui.account.session import AccountSession

ACCOUNT_CHANGED = (
    "Nothing was sent: you confirmed sending from {confirmed}, but ViteDesk is now logged in as {now}. "
    "Check the campaign and send it again."
)
SIGN_IN_CHANGED = (
    "Nothing was sent: the sign-in changed after you confirmed (someone logged in again). "
    "Check the campaign and send it again."
)
CAMPAIGN_CHANGED = (
    "Nothing was sent: the campaign changed after you confirmed it ({what}). "
    "Check the confirmation again and send."
)


class Advisor(Protocol):
    """What the send flow asks the rest of the app around a send; optional (ui/send/advisor.py has one)."""

    async def context(self, campaign: Campaign, *, confirming: bool = True) -> SendContext:
        """The confirmation's context (`confirming` False: a test, only prices and limits are needed)."""
        ...

    def current(self) -> Campaign | None:
        """The campaign the window holds now, to compare with the confirmed one."""
        ...

    def answered(self, campaign: Campaign, error: ApiError | None) -> None:
        """The server's answer to `campaign` (None: accepted), to learn the account's licence limits."""
        ...

    def refusal(self, campaign: Campaign, *, test: bool = False) -> str:
        """Why `campaign` must not go out right now (the opt-out list checked again); "" when it may."""
        ...


def _token_digest(token: str | None) -> str:
    # Only a digest is kept: the token itself stays with the client.
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ConfirmedSend:
    """The fingerprint of the confirmed campaign and of the account and sign-in it was confirmed for."""

    campaign: str
    server_url: str
    username: str
    token: str

    @classmethod
    def of(cls, campaign: Campaign, session: AccountSession) -> ConfirmedSend:
        return cls(
            campaign.fingerprint(),
            session.server_url,
            session.username,
            _token_digest(session.client.token),
        )

    def after_own_login(self, session: AccountSession) -> ConfirmedSend:
        """The flow itself asked for a login (expired session): the new token is fine for the same account."""
        if session.username != self.username or session.server_url != self.server_url:
            return self
        return dataclasses.replace(self, token=_token_digest(session.client.token))

    def changed(
        self,
        campaign: Campaign,
        session: AccountSession,
        current: Callable[[], Campaign | None] | None = None,
    ) -> str:
        """Why sending `campaign` now would not be what was confirmed; "" when it is exactly that.

        The pictures are read again, once: through what the window holds now (`current`), or through a
        fresh copy of `campaign` (it has no remembered fingerprint) when there is no window to ask.
        """
        if session.server_url != self.server_url or session.username != self.username:
            return ACCOUNT_CHANGED.format(
                confirmed=self.username or "no account", now=session.account_label or "nobody"
            )
        if _token_digest(session.client.token) != self.token:
            return SIGN_IN_CHANGED
        now = current() if current is not None else None
        if (now or dataclasses.replace(campaign)).fingerprint() == self.campaign:
            return ""
        edited = now is not None and _visible_parts(now) != _visible_parts(campaign)
        return CAMPAIGN_CHANGED.format(what="it was edited" if edited else "a picture file was changed")


def _visible_parts(campaign: Campaign) -> tuple[object, ...]:
    """What a person edits; the pictures by name (their contents are the fingerprint's business)."""
    return (
        sorted(set(campaign.leads)),
        campaign.message,
        campaign.route,
        campaign.effective_protocol,
        sorted(campaign.images),
    )
