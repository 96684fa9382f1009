"""Login and bearer-token checks, as a ViteMobile (Django REST framework + simplejwt) server answers them."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from helpers.sandbox_helpers import BASIC, BUSINESS, LOGIN, SEND, SandboxClient, login

from vitedesk.sandbox import DEMO_ACCOUNTS, SandboxServer

JSON_SMS = {"lead": "15551234567", "message": "Hi", "server_type": "PUBLIC", "protocol": "SMS"}


@pytest.mark.parametrize("username", [demo.username for demo in DEMO_ACCOUNTS])
def test_every_demo_account_logs_in_with_the_published_password(http: httpx.Client, username: str) -> None:
    demo = next(demo for demo in DEMO_ACCOUNTS if demo.username == username)
    response = http.post(LOGIN, json={"username": demo.username, "password": demo.password})

    assert response.status_code == 200
    body = response.json()
    claims = jwt.decode(body["access"], options={"verify_signature": False})
    assert jwt.get_unverified_header(body["access"])["alg"] == "HS256"
    lifetime = datetime.fromtimestamp(claims["exp"], UTC) - datetime.now(UTC)
    assert timedelta(minutes=59) < lifetime <= timedelta(hours=1)
    assert claims["token_type"] == "access"
    assert body["refresh"] != body["access"]


def test_demo_accounts_describe_what_each_licence_can_do() -> None:
    assert [(demo.username, demo.licence) for demo in DEMO_ACCOUNTS] == [
        (BASIC, "Basic"),
        (BUSINESS, "Business"),
        ("enterprise@sandbox.test", "Enterprise"),
    ]
    assert all(demo.password == "sandbox" and demo.summary for demo in DEMO_ACCOUNTS)


def test_login_accepts_the_username_in_any_case(http: httpx.Client) -> None:
    assert login(http, "Business@Sandbox.TEST")


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": BUSINESS, "password": "wrong"},
        {"username": "nobody@sandbox.test", "password": "sandbox"},
    ],
)
def test_wrong_credentials_get_401(http: httpx.Client, credentials: dict[str, str]) -> None:
    response = http.post(LOGIN, json=credentials)

    assert response.status_code == 401
    assert response.json() == {"detail": "No active account found with the given credentials"}


def test_login_without_fields_lists_each_missing_field(http: httpx.Client) -> None:
    response = http.post(LOGIN, json={"username": BUSINESS})

    assert response.status_code == 400
    assert response.json() == {"password": ["This field is required."]}


def test_login_with_a_body_that_is_not_json_is_400(http: httpx.Client) -> None:
    response = http.post(LOGIN, content=b"{username", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_login_accepts_a_form_body_too(http: httpx.Client) -> None:
    response = http.post(LOGIN, data={"username": BASIC, "password": "sandbox"})

    assert response.status_code == 200
    assert response.json()["access"]


def test_send_without_a_token_is_401(http: httpx.Client) -> None:
    response = http.post(SEND, json=JSON_SMS)

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Bearer", "Invalid Authorization header. No credentials provided."),
        ("Bearer a b", "Invalid Authorization header. Credentials string should not contain spaces."),
        ("Bearer not-a-jwt", "Given token not valid for any token type"),
        ("Basic dXNlcjpwYXNz", "Authentication credentials were not provided."),
    ],
)
def test_malformed_authorization_is_401(http: httpx.Client, header: str, detail: str) -> None:
    response = http.post(SEND, json=JSON_SMS, headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json()["detail"] == detail


def test_a_token_from_another_sandbox_is_refused(
    sandbox: SandboxServer, sandbox_factory: Callable[..., SandboxServer]
) -> None:
    other = sandbox_factory()
    with httpx.Client(base_url=other.url) as other_http, httpx.Client(base_url=sandbox.url) as http:
        foreign = login(other_http, BUSINESS)
        response = http.post(SEND, json=JSON_SMS, headers={"Authorization": f"Bearer {foreign}"})

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_a_refresh_token_cannot_be_used_to_send(http: httpx.Client) -> None:
    refresh = http.post(LOGIN, json={"username": BUSINESS, "password": "sandbox"}).json()["refresh"]

    response = http.post(SEND, json=JSON_SMS, headers={"Authorization": f"Bearer {refresh}"})

    assert response.status_code == 401
    assert response.json()["messages"][0]["message"] == "Token has wrong type"


def test_an_expired_token_is_refused(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server = sandbox_factory(secret="a-known-secret-long-enough-for-hs256-keys")
    expired = jwt.encode(
        {"token_type": "access", "username": BUSINESS, "exp": int(time.time()) - 5},
        "a-known-secret-long-enough-for-hs256-keys",
        algorithm="HS256",
    )
    with httpx.Client(base_url=server.url) as http:
        response = http.post(SEND, json=JSON_SMS, headers={"Authorization": f"Bearer {expired}"})

    assert response.status_code == 401
    assert response.json()["detail"] == "Given token not valid for any token type"
    assert response.json()["messages"][0]["message"] == "Token is expired"


def test_token_lifetime_is_configurable_and_enforced(sandbox_factory: Callable[..., SandboxServer]) -> None:
    now = [datetime(2026, 3, 1, 12, 0, tzinfo=UTC)]
    server = sandbox_factory(token_lifetime=60, clock=lambda: now[0])
    with httpx.Client(base_url=server.url) as http:
        client = SandboxClient(http, login(http, BUSINESS))
        claims = jwt.decode(client.token, options={"verify_signature": False})
        assert claims["exp"] - claims["iat"] == 60
        now[0] += timedelta(seconds=59)
        assert client.send().status_code == 201
        now[0] += timedelta(seconds=1)
        response = client.send()

    assert response.status_code == 401
    assert response.json()["messages"][0]["message"] == "Token is expired"
    assert len(server.campaigns()) == 1
