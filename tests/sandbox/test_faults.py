"""Fault injection: what a client sees when the server fails in each of the ways the sandbox can fake."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import httpx
import pytest
from helpers.sandbox_helpers import BUSINESS, LOGIN, SEND, SandboxClient, image_bytes, login

from vitedesk.sandbox import SandboxServer, create_app

SMS = {"lead": "15551234567", "message": "Hi", "server_type": "PUBLIC", "protocol": "SMS"}


def started(factory: Callable[..., SandboxServer], **options: object) -> tuple[SandboxServer, httpx.Client]:
    server = factory(**options)
    return server, httpx.Client(base_url=server.url, timeout=10)


def test_html500_answers_sends_with_an_html_error_page(sandbox_factory: Callable[..., SandboxServer]) -> None:
    server, http = started(sandbox_factory, fault="html500")
    with http:
        client = SandboxClient(http, login(http, BUSINESS))
        response = client.send()

    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "<html>" in response.text
    assert server.campaigns() == []


def test_not_json_answers_200_with_a_body_that_does_not_parse(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server, http = started(sandbox_factory, fault="not_json")
    with http:
        response = SandboxClient(http, login(http, BUSINESS)).send()

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert server.campaigns() == []


def test_drop_closes_the_connection_without_an_answer_after_accepting(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server, http = started(sandbox_factory, fault="drop")
    with http:
        client = SandboxClient(http, login(http, BUSINESS))
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            client.send(lead="15551234567\n15557654321")

    # The campaign went through and only the answer was lost: the client must say it "may have been sent".
    assert [campaign["leads"] for campaign in server.campaigns()] == [["+15551234567", "+15557654321"]]


def test_drop_reads_a_large_refused_upload_before_closing(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    server, http = started(sandbox_factory, fault="drop")
    big = image_bytes("PNG", (1000, 1000), noise=True)
    with http, pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        # No token: refused before the body is read; the drop must still read all of it, then close.
        http.post(SEND, data=SMS | {"protocol": "MMS"}, files=[("image_0", ("big.png", big, "image/png"))])
    assert server.campaigns() == []


def test_faults_leave_login_alone(sandbox_factory: Callable[..., SandboxServer]) -> None:
    for fault in ("html500", "drop", "not_json"):
        _server, http = started(sandbox_factory, fault=fault)
        with http:
            assert http.post(LOGIN, json={"username": BUSINESS, "password": "sandbox"}).status_code == 200


def test_latency_delays_login_and_send(sandbox_factory: Callable[..., SandboxServer]) -> None:
    _server, http = started(sandbox_factory, latency=0.3)
    with http:
        began = time.monotonic()
        client = SandboxClient(http, login(http, BUSINESS))
        logged_in = time.monotonic()
        assert client.send().status_code == 201
        sent = time.monotonic()

    assert logged_in - began >= 0.3
    assert sent - logged_in >= 0.3


def test_drop_needs_the_sandbox_server_and_says_so_elsewhere() -> None:
    async def scenario() -> None:
        transport = httpx.ASGITransport(app=create_app(fault="drop"))
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
            login = await client.post(LOGIN, json={"username": BUSINESS, "password": "sandbox"})
            with pytest.raises(RuntimeError, match="SandboxServer"):
                await client.post(
                    SEND, json=SMS, headers={"Authorization": f"Bearer {login.json()['access']}"}
                )

    asyncio.run(scenario())
