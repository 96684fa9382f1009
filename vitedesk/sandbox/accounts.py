"""The sandbox's demo accounts: what each licence may do, and the public summary the login dialog shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEMO_PASSWORD = "sandbox"


class Licence(StrEnum):
    BASIC = "Basic"
    BUSINESS = "Business"
    ENTERPRISE = "Enterprise"


@dataclass(frozen=True, slots=True)
class Account:
    """One sandbox account and the rules the send endpoint applies to it."""

    user_id: int
    username: str
    password: str
    licence: Licence
    verified: bool
    servers: tuple[str, ...]
    daily_limit: int
    summary: str  # for the login dialog

    @property
    def can_send_mms(self) -> bool:
        return self.licence in (Licence.BUSINESS, Licence.ENTERPRISE)

    @property
    def can_use_sender_id(self) -> bool:
        return self.licence is Licence.ENTERPRISE


@dataclass(frozen=True, slots=True)
class DemoAccount:
    """What the login dialog may show about a demo account (it is all public)."""

    username: str
    password: str
    licence: str
    summary: str


SANDBOX_ACCOUNTS: tuple[Account, ...] = (
    Account(
        user_id=1,
        username="basic@sandbox.test",
        password=DEMO_PASSWORD,
        licence=Licence.BASIC,
        verified=False,
        servers=(),
        daily_limit=50,
        summary="SMS only, one recipient at a time (account not verified), 50 messages a day.",
    ),
    Account(
        user_id=2,
        username="business@sandbox.test",
        password=DEMO_PASSWORD,
        licence=Licence.BUSINESS,
        verified=True,
        servers=("svm-business-1",),
        daily_limit=10_000,
        summary="SMS and MMS, verified, private server svm-business-1, 10,000 messages a day.",
    ),
    Account(
        user_id=3,
        username="enterprise@sandbox.test",
        password=DEMO_PASSWORD,
        licence=Licence.ENTERPRISE,
        verified=True,
        servers=("svm-ent-1", "svm-ent-2"),
        daily_limit=100_000,
        summary="SMS, MMS and sender IDs, private servers svm-ent-1 and svm-ent-2, 100,000 messages a day.",
    ),
)

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = tuple(
    DemoAccount(account.username, account.password, account.licence.value, account.summary)
    for account in SANDBOX_ACCOUNTS
)


def accounts_by_username(accounts: tuple[Account, ...] = SANDBOX_ACCOUNTS) -> dict[str, Account]:
    """Index accounts by lower-cased username (e-mail addresses compare case-insensitively)."""
    return {account.username.lower(): account for account in accounts}
