"""What breaks JSON gets the documented 400 over real HTTP, and huge headers a 431, not a 500 or a reset."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from helpers.sandbox_helpers import BUSINESS, LOGIN, SEND, SandboxClient

from vitedesk.sandbox import SandboxServer

JSON = {"Content-Type": "application/json"}


def post_raw(http: httpx.Client, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return http.post(path, content=body, headers={**JSON, **headers})


BODIES = {
    "nested 100,000 deep": b'{"lead": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "nested object 50,000 deep": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "5000-digit number": b'{"lead": ' + b"1" * 5000 + b', "message": "Hi"}',
    "lone surrogate value": b'{"lead": "15551234567", "message": "Hi \\ud800"}',
    "lone surrogate key": b'{"lead": "15551234567", "message": "Hi", "\\udfff": 1}',
    "lone surrogate in a choice": b'{"lead": "15551234567", "message": "Hi", "protocol": "\\ud83d"}',
}


@pytest.mark.parametrize("body", list(BODIES.values()), ids=list(BODIES))
@pytest.mark.parametrize("path", [SEND, LOGIN])
def test_bodies_that_break_json_get_400_with_a_parse_error(
    http: httpx.Client,
    account: Callable[[str], SandboxClient],
    sandbox: SandboxServer,
    path: str,
    body: bytes,
) -> None:
    business = account(BUSINESS)
    response = post_raw(http, path, body, business.auth)
    assert response.status_code == 400, response.text
    assert response.json()["detail"].startswith("JSON parse error - ")
    # Nothing was stored, and the campaign list still answers.
    assert sandbox.campaigns() == []
    listing = http.get("/sandbox/campaigns")
    assert listing.status_code == 200 and listing.json() == []


def test_a_paired_surrogate_escape_is_ordinary_text(
    http: httpx.Client, account: Callable[[str], SandboxClient]
) -> None:
    business = account(BUSINESS)
    body = (
        b'{"lead": "15551234567", "message": "Hi \\ud83d\\ude00", "server_type": "PUBLIC", "protocol": "SMS"}'
    )
    assert post_raw(http, SEND, body, business.auth).status_code == 201
    assert http.get("/sandbox/campaigns").json()[0]["message"] == "Hi \U0001f600"


@pytest.mark.parametrize("size", [20_000, 2_000_000])
def test_a_huge_authorization_header_gets_431_not_a_dropped_connection(
    http: httpx.Client, sandbox: SandboxServer, size: int
) -> None:
    response = http.post(
        SEND, json={"lead": "15551234567", "message": "Hi"}, headers={"Authorization": "Bearer " + "a" * size}
    )
    assert response.status_code == 431
    assert response.json() == {"detail": "Request header fields too large."}
    # The server is still serving.
    assert http.get("/").status_code == 200
    assert sandbox.campaigns() == []
