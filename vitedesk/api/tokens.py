"""Access tokens: the AuthToken value and reading a JWT's expiry without verifying it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import jwt

# What people paste in front of a token: "Bearer ", "bearer:", or the whole "Authorization: Bearer " line.
_BEARER_PREFIX = re.compile(r"(?:authorization\s*:\s*)?bearer(?:\s*:\s*|\s+)", re.IGNORECASE)


def without_bearer(pasted: str) -> str:
    """``pasted`` without surrounding whitespace and a leading "Bearer " (or "Authorization: Bearer ").

    Contract: only a prefix followed by a space or a colon is removed, so a token that happens to start with
    the letters "bearer" is kept whole.
    """
    text = pasted.strip()
    prefix = _BEARER_PREFIX.match(text)
    return text[prefix.end() :].strip() if prefix else text


def token_expiry(token: str) -> datetime | None:
    """Return the ``exp`` claim of a JWT as an aware UTC datetime, without verifying the signature.

    Contract: never raises; returns None when the token is not a JWT, has no numeric ``exp``,
    or the ``exp`` is out of range. The signature is not checked: the server does that, the
    app only uses the expiry to warn before the session runs out.
    """
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except (jwt.PyJWTError, ValueError, TypeError, RecursionError):
        # RecursionError: PyJWT parses the payload with json.loads, which gives up on very deep nesting.
        return None
    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        return None
    try:
        return datetime.fromtimestamp(exp, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


@dataclass(frozen=True)
class AuthToken:
    """What a login yields: the access token, the refresh token if any, and when the access token expires.

    Contract: the repr never shows either token.
    """

    access: str = field(repr=False)
    refresh: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None

    @classmethod
    def from_access(cls, access: str, refresh: str | None = None) -> AuthToken:
        """Build an AuthToken, reading expires_at from the access token's ``exp`` claim."""
        return cls(access=access, refresh=refresh, expires_at=token_expiry(access))

    def expires_within(self, seconds: float, now: datetime | None = None) -> bool:
        """True when it expires within ``seconds`` of ``now`` (or already has); False if expiry is unknown."""
        if self.expires_at is None:
            return False
        current = now if now is not None else datetime.now(tz=UTC)
        return self.expires_at - current <= timedelta(seconds=seconds)

    def is_expired(self, now: datetime | None = None) -> bool:
        """True when the expiry is known and has passed."""
        return self.expires_within(0, now)


__all__ = ["AuthToken", "token_expiry", "without_bearer"]
