"""The async ViteMobile API client (httpx). Knows vitedesk.core, knows no Qt."""

from vitedesk.api.client import DEFAULT_BASE_URL, SendReceipt, ViteMobileClient
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
