"""Client logic that needs no server: address checks, tokens, request shape, answer and failure mapping.

A transport in-process stands in for the network here; every behaviour that depends on a real socket is
tested against the sandbox in test_client_sandbox.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from vitedesk.api import (
    ApiError,
    BadRequest,
    InsecureServerAddress,
    NotSent,
    OutcomeUnknown,
    SendReceipt,
    ServerError,
    Unauthorized,
    ViteMobileClient,
)
from vitedesk.api.client import campaign_fields
from vitedesk.api.outcomes import flatten_errors
from vitedesk.core.campaign import Campaign, Route

pytestmark = pytest.mark.anyio

Handler = Callable[[httpx.Request], httpx.Response]
ACCEPTED = {"id": 981, "status": "SENDING"}


def client_with(handler: Handler, token: str | None = "tok-123", **options: Any) -> ViteMobileClient:
    return ViteMobileClient(
        "https://api.example.test", token=token, transport=httpx.MockTransport(handler), **options
    )


def answer(status: int, body: Any = None, *, text: str | None = None) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if text is not None:
            return httpx.Response(status, text=text, headers={"Content-Type": "text/html"})
        return httpx.Response(status, json=body)

    return handler


def sms(numbers: list[str], route: Route | None = None, message: str = "Hello") -> Campaign:
    return Campaign(leads=numbers, message=message, route=route or Route.public())


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


# -- answers --------------------------------------------------------------------------------------------


def test_drf_error_bodies_are_flattened_into_the_servers_words() -> None:
    assert flatten_errors({"detail": "Given token not valid", "code": "token_not_valid"}) == (
        "Given token not valid"
    )
    assert flatten_errors({"server_id": ["This field is required."]}) == "server_id: This field is required."
    assert flatten_errors(
        {"message": ["This field may not be blank."], "non_field_errors": ["Bad.", "Worse."]}
    ) == ("message: This field may not be blank. Bad. Worse.")
    assert flatten_errors({"lead": ["A.", "B."], "sid": ["C."]}) == "lead: A. B. sid: C."


async def test_a_400_names_the_servers_reason_in_the_user_message() -> None:
    body = {"server_id": ["“svm-x” is not one of your servers."]}
    async with client_with(answer(400, body)) as client:
        with pytest.raises(BadRequest) as raised:
            await client.send(sms(["+12015550123"], Route.private("svm-x")))
    assert raised.value.detail == "server_id: “svm-x” is not one of your servers."
    assert raised.value.user_message == (
        "ViteMobile refused the campaign: server_id: “svm-x” is not one of your servers. "
        "Correct it and send again."
    )


@pytest.mark.parametrize(
    ("handler", "words"),
    [
        (answer(201, {"id": "x", "status": "SENDING"}), "does not understand"),
        (answer(201, ["not", "an", "object"]), "does not understand"),
        (answer(200, text="<html><title>Welcome to nginx</title></html>"), "does not understand"),
        (answer(500, {"detail": "boom"}), "error 500"),
        (answer(502, text="<html><head><title>502 Bad Gateway</title></head></html>"), "error 502"),
        (answer(404, {"detail": "Not found."}), "server address"),
        (answer(302, {}), "error 302"),
        (answer(413, text="Request Entity Too Large"), "too large"),
        # A documented status with a body that is not DRF JSON came from something in between, not the API
        # (a 429 is the exception: see test_client_hostile.py).
        (answer(403, text="<html>Forbidden by proxy</html>"), "error 403"),
    ],
)
async def test_unexpected_answers_are_server_errors(handler: Handler, words: str) -> None:
    async with client_with(handler) as client:
        with pytest.raises(ServerError) as raised:
            await client.send(sms(["+12015550123"]))
    assert words in raised.value.user_message


async def test_an_html_error_page_is_summarised_in_detail() -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>"
    async with client_with(answer(502, text=page)) as client:
        with pytest.raises(ServerError) as raised:
            await client.send(sms(["+12015550123"]))
    assert raised.value.status == 502
    assert raised.value.detail == "502 Bad Gateway"


async def test_a_server_echoing_the_token_does_not_leak_it_into_the_error() -> None:
    token = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiYSJ9.c2VjcmV0LXNpZ25hdHVyZQ"
    async with client_with(answer(400, {"detail": f"Bad header Bearer {token}"}), token=token) as client:
        with pytest.raises(BadRequest) as raised:
            await client.send(sms(["+12015550123"]))
    error = raised.value
    assert token not in f"{error} {error!r} {error.detail} {error.user_message}"
    assert "[hidden]" in (error.detail or "")


# -- transport failures ---------------------------------------------------------------------------------


def failing(exc_type: type[httpx.HTTPError], calls: list[httpx.Request]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise exc_type("simulated", request=request)  # type: ignore[call-arg]

    return handler


@pytest.mark.parametrize(
    ("exc_type", "expected"),
    [
        (httpx.ConnectError, NotSent),
        (httpx.ConnectTimeout, NotSent),
        (httpx.PoolTimeout, NotSent),
        (httpx.ProxyError, NotSent),
        (httpx.ReadTimeout, OutcomeUnknown),
        (httpx.WriteTimeout, OutcomeUnknown),
        (httpx.ReadError, OutcomeUnknown),
        (httpx.WriteError, OutcomeUnknown),
        (httpx.RemoteProtocolError, OutcomeUnknown),
        (httpx.LocalProtocolError, OutcomeUnknown),
    ],
)
async def test_send_failures_map_to_not_sent_or_outcome_unknown_and_are_never_retried(
    exc_type: type[httpx.HTTPError], expected: type[ApiError]
) -> None:
    calls: list[httpx.Request] = []
    async with client_with(failing(exc_type, calls)) as client:
        with pytest.raises(expected) as raised:
            await client.send(sms(["+12015550123"]))
    assert len(calls) == 1
    assert type(raised.value) is expected and raised.value.status is None
    if expected is OutcomeUnknown:
        assert "may or may not have been sent" in raised.value.user_message
    else:
        assert "nothing was sent" in raised.value.user_message


@pytest.mark.parametrize("exc_type", [httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError])
async def test_login_failures_without_an_answer_are_safe_to_retry(exc_type: type[httpx.HTTPError]) -> None:
    calls: list[httpx.Request] = []
    async with client_with(failing(exc_type, calls), token=None) as client:
        with pytest.raises(NotSent) as raised:
            await client.login("u@example.test", "pw")
    assert len(calls) == 1
    assert "campaign" not in raised.value.user_message
    assert "try" in raised.value.user_message
