"""Access tokens: the AuthToken value and reading a JWT's claims and expiry without verifying them."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from vitedesk.api.errors import Unauthorized

_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_TOKEN_CHARS = re.compile(r"[!-~]+")  # visible ASCII: anything else cannot go into an HTTP header


def _json_part(part: str) -> dict[str, Any] | None:
    if not _BASE64URL.fullmatch(part):
        return None
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, RecursionError):  # RecursionError: JSON nested very deep
        return None
    return value if isinstance(value, dict) else None


def jwt_claims(token: str) -> dict[str, Any] | None:
    """The payload of a JWT, read without verifying it; None when ``token`` is not shaped like a JWT.

    Contract: a JWT here is three base64url parts joined by dots, whose first two (header and payload)
    decode to JSON objects and whose third (the signature) is not empty. Never raises.
    """
    parts = token.split(".")
    if len(parts) != 3 or not _BASE64URL.fullmatch(parts[2]):
        return None
    header, payload = _json_part(parts[0]), _json_part(parts[1])
    return payload if header is not None and payload is not None else None


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


def clean_token(token: str) -> str | None:
    """A pasted token without whitespace or "Bearer " prefix; None when empty.

    Contract: raises Unauthorized (status None) when it cannot be a token (spaces, control characters,
    non-ASCII), so that it never reaches an HTTP header.
    """
    text = without_bearer(token)
    if not text:
        return None
    if not _TOKEN_CHARS.fullmatch(text):
        raise Unauthorized(
            "That is not a valid access token. Copy it again from your ViteMobile account settings, "
            "or log in with your username and password.",
            status=None,
        )
    return text


def token_expiry(token: str) -> datetime | None:
    """Return the ``exp`` claim of a JWT as an aware UTC datetime, without verifying the signature.

    Contract: never raises; returns None when the token is not a JWT (see ``jwt_claims``), has no
    numeric ``exp``, or the ``exp`` is out of range. The signature is not checked: the server does that,
    the app only uses the expiry to warn before the session runs out.
    """
    claims = jwt_claims(token)
    exp = claims.get("exp") if claims is not None else None
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


__all__ = ["AuthToken", "clean_token", "jwt_claims", "token_expiry", "without_bearer"]
