"""HS256 access/refresh tokens shaped like djangorestframework-simplejwt's, signed with a per-app secret."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from vitedesk.sandbox.accounts import Account

ALGORITHM = "HS256"
REFRESH_LIFETIME = timedelta(days=1)


class TokenRejected(Exception):
    """The token is expired, forged, malformed or not an access token."""


@dataclass(frozen=True, slots=True)
class TokenPair:
    access: str
    refresh: str


class TokenIssuer:
    """Issues and checks tokens for one sandbox instance (each instance has its own secret)."""

    def __init__(
        self,
        secret: str | None,
        access_lifetime: float,
        clock: Callable[[], datetime],
    ) -> None:
        self._secret = secret or secrets.token_urlsafe(32)
        self._access_lifetime = timedelta(seconds=access_lifetime)
        self._clock = clock

    def issue(self, account: Account) -> TokenPair:
        now = self._clock()
        return TokenPair(
            access=self._encode(account, "access", now, now + self._access_lifetime),
            refresh=self._encode(account, "refresh", now, now + REFRESH_LIFETIME),
        )

    def username_for(self, token: str) -> str:
        """Return the username inside a valid access token, or raise TokenRejected."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["exp", "token_type", "username"], "verify_exp": False},
            )
        except jwt.PyJWTError as exc:
            raise TokenRejected(str(exc)) from exc
        # Expiry is checked against our own clock so tests can move time without sleeping.
        if claims["exp"] <= self._clock().timestamp():
            raise TokenRejected("Token is expired")
        if claims["token_type"] != "access":
            raise TokenRejected("Token has wrong type")
        username = claims["username"]
        if not isinstance(username, str):
            raise TokenRejected("Token has no user")
        return username

    def _encode(self, account: Account, token_type: str, now: datetime, expires: datetime) -> str:
        claims = {
            "token_type": token_type,
            "exp": int(expires.timestamp()),
            "iat": int(now.timestamp()),
            "jti": uuid.uuid4().hex,
            "user_id": account.user_id,
            "username": account.username,
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)


def utc_now() -> datetime:
    return datetime.now(UTC)
