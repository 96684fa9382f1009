"""The async ViteMobile API client (httpx). Knows vitedesk.core, knows no Qt."""

from typing import TYPE_CHECKING

from vitedesk.api.errors import (
    ApiError,
    BadRequest,
    DailyLimitExceeded,
    Forbidden,
    InsecureServerAddress,
    NotSent,
    NoValidNumbers,
    OutcomeUnknown,
    ServerError,
    Unauthorized,
    VerificationRequired,
)
from vitedesk.api.tokens import AuthToken, jwt_claims, token_expiry
from vitedesk.lazy import lazy_exports

if TYPE_CHECKING:  # the client and httpx (~100 ms) load on first use, after the first window
    from vitedesk.api.client import DEFAULT_BASE_URL, SendReceipt, ViteMobileClient

__getattr__ = lazy_exports(
    __name__,
    {name: "vitedesk.api.client" for name in ("DEFAULT_BASE_URL", "SendReceipt", "ViteMobileClient")},
)

__all__ = [
    "DEFAULT_BASE_URL",
    "ApiError",
    "AuthToken",
    "BadRequest",
    "DailyLimitExceeded",
    "Forbidden",
    "InsecureServerAddress",
    "NoValidNumbers",
    "NotSent",
    "OutcomeUnknown",
    "SendReceipt",
    "ServerError",
    "Unauthorized",
    "VerificationRequired",
    "ViteMobileClient",
    "jwt_claims",
    "token_expiry",
]
