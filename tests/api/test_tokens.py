"""Reading a token's expiry without verifying it, and keeping tokens out of reprs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from vitedesk.api import AuthToken, token_expiry

EXP = datetime(2031, 5, 4, 3, 2, 1, tzinfo=UTC)


def make_jwt(claims: dict[str, object], key: str = "a-secret-the-client-never-knows-0123456789") -> str:
    return jwt.encode(claims, key, algorithm="HS256")


def test_expiry_is_read_from_the_payload_without_the_signing_key() -> None:
    assert token_expiry(make_jwt({"exp": int(EXP.timestamp()), "user_id": 2})) == EXP


def test_an_already_expired_token_still_reports_its_expiry() -> None:
    past = datetime(2020, 1, 1, tzinfo=UTC)
    assert token_expiry(make_jwt({"exp": int(past.timestamp())})) == past


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-jwt",
        "a.b.c",
        "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",  # payload is not JSON
        make_jwt({"user_id": 2}),  # no exp
        make_jwt({"exp": "tomorrow"}),
        make_jwt({"exp": True}),
        make_jwt({"exp": 10**20}),  # out of datetime's range
    ],
)
def test_tokens_without_a_usable_expiry_give_none(token: str) -> None:
    assert token_expiry(token) is None


def test_auth_token_repr_shows_neither_token() -> None:
    access = make_jwt({"exp": int(EXP.timestamp())})
    token = AuthToken.from_access(access, refresh="refresh-secret-value")
    text = repr(token) + str(token)
    assert access not in text
    assert "refresh-secret-value" not in text
    assert "2031" in text  # the expiry is not a secret and helps when reading logs


def test_expires_within() -> None:
    token = AuthToken(access="x", refresh=None, expires_at=EXP)
    assert not token.expires_within(60, now=EXP - timedelta(minutes=5))
    assert token.expires_within(600, now=EXP - timedelta(minutes=5))
    assert token.expires_within(0, now=EXP + timedelta(seconds=1))
    assert token.is_expired(now=EXP + timedelta(seconds=1))
    assert not token.is_expired(now=EXP - timedelta(seconds=1))


def test_a_token_without_expiry_never_counts_as_expiring() -> None:
    token = AuthToken(access="opaque", refresh=None, expires_at=None)
    assert not token.expires_within(10**9)
    assert not token.is_expired()
