"""Client logic that needs no server: address checks, tokens, request shape (answers: test_client_answers.py).

A transport in-process stands in for the network here; every behaviour that depends on a real socket is
tested against the sandbox in test_client_sandbox.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import jwt
import pytest
from helpers.api_doubles import ACCEPTED, answer, client_with, sms

from vitedesk.api import (
    InsecureServerAddress,
    NotSent,
    SendReceipt,
    ServerError,
    Unauthorized,
    ViteMobileClient,
)
from vitedesk.api.client import campaign_fields
from vitedesk.core.campaign import Campaign, Route

pytestmark = pytest.mark.anyio

# -- server address --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://core.vitemobile.com",
        "https://core.vitemobile.com/",
        "http://127.0.0.1:8765",
        "http://127.9.8.7:8765",
        "http://localhost:8765/",
        "http://[::1]:8765",
    ],
)
async def test_https_and_loopback_addresses_are_accepted(url: str) -> None:
    async with ViteMobileClient(url) as client:
        assert client.base_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    [
        "http://core.vitemobile.com",
        "http://192.168.1.10:8765",
        "http://10.0.0.1",
        "http://localhost.evil.example",
        "http://127.0.0.1.nip.io",
        "ftp://core.vitemobile.com",
        "core.vitemobile.com",
        "",
    ],
)
def test_other_addresses_are_refused_with_a_sentence(url: str) -> None:
    with pytest.raises(InsecureServerAddress) as raised:
        ViteMobileClient(url)
    assert raised.value.status is None
    assert "https://" in raised.value.user_message


# -- tokens ---------------------------------------------------------------------------------------------


async def test_a_pasted_token_is_used_and_its_expiry_read() -> None:
    pasted = jwt.encode({"exp": 2_000_000_000}, "k" * 32, algorithm="HS256")
    async with ViteMobileClient("http://127.0.0.1:1") as client:
        assert client.token is None and client.expires_at is None
        client.token = f"  Bearer {pasted}\n"
        assert client.token == pasted
        assert client.expires_at is not None and int(client.expires_at.timestamp()) == 2_000_000_000
        client.token = "opaque-token"
        assert client.token == "opaque-token" and client.expires_at is None
        client.token = ""
        assert client.token is None


@pytest.mark.parametrize("pasted", ["two words", "line\nbreak", "tökén"])
def test_a_token_that_cannot_go_into_a_header_is_refused(pasted: str) -> None:
    with pytest.raises(Unauthorized) as raised:
        ViteMobileClient("http://127.0.0.1:1", token=pasted)
    assert "access token" in raised.value.user_message


async def test_login_takes_the_token_from_any_known_key_and_keeps_refresh() -> None:
    for key in ("access", "access_token", "token"):
        async with client_with(answer(200, {key: "abc.def", "refresh": "r-1"}), token=None) as client:
            auth = await client.login("u@example.test", "pw")
            assert (auth.access, auth.refresh) == ("abc.def", "r-1")
            assert client.token == "abc.def" and client.auth == auth


async def test_login_answer_without_token_is_a_server_error_and_keeps_the_old_token() -> None:
    async with client_with(answer(200, {"detail": "ok"}), token="old") as client:
        with pytest.raises(ServerError) as raised:
            await client.login("u@example.test", "pw")
        assert client.token == "old"
    assert "did not send a session token" in raised.value.user_message


async def test_sending_while_logged_out_asks_to_log_in_without_a_request() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(201, json=ACCEPTED)

    async with client_with(handler, token=None) as client:
        with pytest.raises(Unauthorized) as raised:
            await client.send(sms(["+12015550123"]))
    assert calls == []
    assert "not logged in" in raised.value.user_message


# -- request shape --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "extra"),
    [
        (Route.public(), {}),
        (Route.private("svm-business-1"), {"server_id": "svm-business-1"}),
        (Route.sid("MyShop"), {"sid": "MyShop"}),
    ],
)
async def test_sms_body_has_exactly_the_reference_fields(route: Route, extra: dict[str, str]) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json=ACCEPTED)

    async with client_with(handler) as client:
        receipt = await client.send(sms(["+12015550123", "+447700900123"], route, "Hi there"))
    assert receipt == SendReceipt(id=981, status="SENDING")
    request = seen[0]
    assert request.url == "https://api.example.test/api/messages/send/"
    assert request.headers["Authorization"] == "Bearer tok-123"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "lead": "12015550123\n447700900123",
        "message": "Hi there",
        "server_type": route.server_type,
        "protocol": "SMS",
        **extra,
    }


def test_sid_route_goes_through_the_public_relay() -> None:
    fields = campaign_fields(sms(["+12015550123"], Route.sid("MyShop")))
    assert fields["server_type"] == "PUBLIC" and fields["sid"] == "MyShop" and "server_id" not in fields


class StreamRecorder(httpx.AsyncBaseTransport):
    """Consumes the request body chunk by chunk, as a socket would, keeping only sizes and a few bytes."""

    def __init__(self) -> None:
        self.chunk_sizes: list[int] = []
        self.total = 0
        self.headers: httpx.Headers | None = None
        self.head = b""
        self.open_during_send: set[str] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.headers = request.headers
        assert isinstance(request.stream, httpx.AsyncByteStream)
        async for chunk in request.stream:
            self.chunk_sizes.append(len(chunk))
            self.total += len(chunk)
            if len(self.head) < 4096:
                self.head += chunk[:4096]
        self.open_during_send = open_files()
        return httpx.Response(201, json=ACCEPTED)


def open_files() -> set[str]:
    """Paths of the files this process has open (Linux)."""
    fd_dir = Path("/proc/self/fd")
    paths = set()
    for entry in fd_dir.iterdir():
        try:
            paths.add(os.readlink(entry))
        except OSError:
            continue
    return paths


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to see open files")
async def test_mms_pictures_are_streamed_in_chunks_and_closed_afterwards(
    big_images: list[Path], numbers: list[str]
) -> None:
    recorder = StreamRecorder()
    campaign = Campaign(leads=numbers, message="Look", images=big_images[:2])
    async with ViteMobileClient("http://127.0.0.1:1", token="tok", transport=recorder) as client:
        await client.send(campaign)
    assert recorder.headers is not None
    assert recorder.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    # The length is announced up front (from the file sizes), and no chunk holds more than 64 KiB of a file.
    assert int(recorder.headers["Content-Length"]) == recorder.total
    assert recorder.total > sum(path.stat().st_size for path in big_images[:2])
    assert max(recorder.chunk_sizes) <= 64 * 1024
    assert {str(path) for path in big_images[:2]} <= recorder.open_during_send
    assert not {str(path) for path in big_images} & open_files()
    assert b'name="lead"\r\n\r\n12015550123\n12015550124\n13105550199\r\n' in recorder.head


async def test_mms_content_type_comes_from_the_picture_not_its_name(small_images: list[Path]) -> None:
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.content)
        return httpx.Response(201, json=ACCEPTED)

    async with client_with(handler) as client:
        await client.send(Campaign(leads=["+12015550123"], message="Hi", images=small_images))
    body = seen[0]
    assert b'name="image_0"; filename="logo.png"\r\nContent-Type: image/png\r\n' in body
    assert b'name="image_1"; filename="holiday.png"\r\nContent-Type: image/jpeg\r\n' in body
    assert b'name="protocol"\r\n\r\nMMS\r\n' in body


async def test_a_missing_picture_is_not_sent_and_says_which(tmp_path: Path, small_images: list[Path]) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(201, json=ACCEPTED)

    gone = tmp_path / "gone.jpg"
    async with client_with(handler) as client:
        with pytest.raises(NotSent) as raised:
            await client.send(Campaign(leads=["+12015550123"], message="Hi", images=[small_images[0], gone]))
    assert calls == []
    assert "gone.jpg" in raised.value.user_message and "not sent" in raised.value.user_message
    assert str(small_images[0]) not in open_files() if Path("/proc/self/fd").exists() else True


async def test_timeouts_are_the_configured_ones() -> None:
    seen: list[dict[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        if request.url.path == "/auth/login/":
            return httpx.Response(200, json={"access": "a"})
        return httpx.Response(201, json=ACCEPTED)

    async with client_with(handler) as client:
        await client.send(sms(["+12015550123"]))
        await client.login("u", "p")
    async with client_with(handler, connect_timeout=3, send_timeout=300, login_timeout=7) as client:
        await client.send(sms(["+12015550123"]))
        await client.login("u", "p")
    assert seen[0] == {"connect": 10.0, "read": 120.0, "write": 120.0, "pool": 10.0}
    assert seen[1]["connect"] == 10.0 and seen[1]["read"] == 30.0
    assert seen[2] == {"connect": 3, "read": 300, "write": 300, "pool": 3}
    assert seen[3]["read"] == 7
