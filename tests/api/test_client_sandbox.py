"""The client against the sandbox over a real loopback socket: routes, protocols, statuses, faults."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from vitedesk.api import (
    ApiError,
    BadRequest,
    DailyLimitExceeded,
    Forbidden,
    NotSent,
    NoValidNumbers,
    OutcomeUnknown,
    SendReceipt,
    ServerError,
    Unauthorized,
    VerificationRequired,
    ViteMobileClient,
)
from vitedesk.core.campaign import Campaign, Route
from vitedesk.sandbox import SandboxServer

pytestmark = pytest.mark.anyio

BASIC = "basic@sandbox.test"
BUSINESS = "business@sandbox.test"
ENTERPRISE = "enterprise@sandbox.test"
PASSWORD = "sandbox"


async def logged_in(sandbox: SandboxServer, username: str, **options: float) -> ViteMobileClient:
    client = ViteMobileClient(sandbox.url, **options)
    await client.login(username, PASSWORD)
    return client


async def send_as(sandbox: SandboxServer, username: str, campaign: Campaign) -> SendReceipt:
    async with await logged_in(sandbox, username) as client:
        return await client.send(campaign)


async def refused(sandbox: SandboxServer, username: str, campaign: Campaign) -> ApiError:
    with pytest.raises(ApiError) as raised:
        await send_as(sandbox, username, campaign)
    return raised.value


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- login ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", [BASIC, BUSINESS, ENTERPRISE])
async def test_login_keeps_the_token_and_reads_its_expiry(sandbox: SandboxServer, username: str) -> None:
    async with ViteMobileClient(sandbox.url) as client:
        auth = await client.login(username, PASSWORD)
        assert client.token == auth.access and auth.refresh
        assert auth.expires_at is not None
        assert timedelta(minutes=59) < auth.expires_at - datetime.now(UTC) <= timedelta(hours=1)
        assert client.expires_at == auth.expires_at


async def test_a_wrong_password_is_unauthorized_with_a_plain_sentence(sandbox: SandboxServer) -> None:
    async with ViteMobileClient(sandbox.url) as client:
        with pytest.raises(Unauthorized) as raised:
            await client.login(BUSINESS, "not-the-password")
        assert client.token is None
    assert raised.value.status == 401
    assert raised.value.user_message.startswith("The username or password is not right.")
    assert raised.value.detail == "No active account found with the given credentials"


async def test_login_with_nothing_listening_is_not_sent() -> None:
    async with ViteMobileClient(f"http://127.0.0.1:{free_port()}") as client:
        with pytest.raises(NotSent) as raised:
            await client.login(BUSINESS, PASSWORD)
    assert raised.value.user_message.startswith("Could not reach ViteMobile. Check your internet connection")


async def test_a_slow_login_times_out_as_not_sent(sandbox_factory: Callable[..., SandboxServer]) -> None:
    sandbox = sandbox_factory(latency=1.5)
    async with ViteMobileClient(sandbox.url, login_timeout=0.3) as client:
        with pytest.raises(NotSent) as raised:
            await client.login(BUSINESS, PASSWORD)
    assert "did not answer in time" in raised.value.user_message


# -- accepted campaigns -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "route", "server_type", "server_id", "sid"),
    [
        (BUSINESS, Route.public(), "PUBLIC", None, None),
        (BUSINESS, Route.private("svm-business-1"), "PRIVATE", "svm-business-1", None),
        (ENTERPRISE, Route.private("svm-ent-2"), "PRIVATE", "svm-ent-2", None),
        (ENTERPRISE, Route.sid("MyShop"), "PUBLIC", None, "MyShop"),
    ],
)
async def test_sms_on_every_route_arrives_as_sent(
    sandbox: SandboxServer,
    numbers: list[str],
    username: str,
    route: Route,
    server_type: str,
    server_id: str | None,
    sid: str | None,
) -> None:
    receipt = await send_as(
        sandbox, username, Campaign(leads=numbers, message="Sale today: 20% off", route=route)
    )
    assert receipt.status == "SENDING"
    [sent] = sandbox.campaigns()
    assert sent["id"] == receipt.id
    assert sent["account"] == username
    assert sent["leads"] == numbers
    assert sent["message"] == "Sale today: 20% off"
    assert (sent["server_type"], sent["server_id"], sent["sid"]) == (server_type, server_id, sid)
    assert (sent["protocol"], sent["images"]) == ("SMS", [])


async def test_receipts_carry_increasing_ids(sandbox: SandboxServer, numbers: list[str]) -> None:
    async with await logged_in(sandbox, BUSINESS) as client:
        first = await client.send(Campaign(leads=numbers, message="One"))
        second = await client.send(Campaign(leads=numbers, message="Two"))
    assert second.id > first.id


async def test_a_pasted_token_sends_like_a_login(sandbox: SandboxServer, numbers: list[str]) -> None:
    async with await logged_in(sandbox, BASIC) as first:
        token = first.token
    async with ViteMobileClient(sandbox.url) as client:
        client.token = f"Bearer {token}"
        assert client.expires_at is not None
        await client.send(Campaign(leads=numbers[:1], message="Hi"))
    assert sandbox.campaigns()[0]["account"] == BASIC


async def test_mms_pictures_arrive_with_their_real_content_types(
    sandbox: SandboxServer, small_images: list[Path], numbers: list[str]
) -> None:
    await send_as(sandbox, ENTERPRISE, Campaign(leads=numbers, message="New menu", images=small_images))
    [sent] = sandbox.campaigns()
    assert sent["protocol"] == "MMS" and sent["leads"] == numbers and sent["message"] == "New menu"
    assert [(image["field"], image["filename"], image["content_type"]) for image in sent["images"]] == [
        ("image_0", "logo.png", "image/png"),
        ("image_1", "holiday.png", "image/jpeg"),
    ]


async def test_mms_with_five_pictures_of_4_mb(
    sandbox: SandboxServer, big_images: list[Path], numbers: list[str]
) -> None:
    assert all(path.stat().st_size >= 4_000_000 for path in big_images)
    campaign = Campaign(leads=numbers, message="Our five new flats", route=Route.private("svm-business-1"))
    campaign = Campaign(
        leads=campaign.leads, message=campaign.message, route=campaign.route, images=big_images
    )
    receipt = await send_as(sandbox, BUSINESS, campaign)
    [sent] = sandbox.campaigns()
    assert sent["id"] == receipt.id and sent["server_id"] == "svm-business-1"
    assert [image["field"] for image in sent["images"]] == [f"image_{index}" for index in range(5)]
    assert [image["filename"] for image in sent["images"]] == [path.name for path in big_images]
    assert [image["size"] for image in sent["images"]] == [path.stat().st_size for path in big_images]
    assert [image["sha256"] for image in sent["images"]] == [sha256(path) for path in big_images]
    assert [image["content_type"] for image in sent["images"]] == [
        "image/png",
        "image/jpeg",
        "image/png",
        "image/jpeg",
        "image/png",
    ]


# -- refused campaigns ------------------------------------------------------------------------------------


async def test_400_for_a_server_the_account_does_not_have(sandbox: SandboxServer, numbers: list[str]) -> None:
    error = await refused(
        sandbox, BUSINESS, Campaign(leads=numbers, message="Hi", route=Route.private("svm-x"))
    )
    assert isinstance(error, BadRequest) and error.status == 400
    assert error.detail is not None and error.detail.startswith("server_id: ")
    assert error.user_message.startswith("ViteMobile refused the campaign: server_id: ")
    assert error.user_message.endswith("Correct it and send again.")
    assert sandbox.campaigns() == []


async def test_400_for_an_empty_message(sandbox: SandboxServer, numbers: list[str]) -> None:
    error = await refused(sandbox, BUSINESS, Campaign(leads=numbers, message=""))
    assert isinstance(error, BadRequest)
    assert error.detail is not None and error.detail.startswith("message: ")


async def test_401_for_an_expired_session_says_so(sandbox_factory: Callable[..., SandboxServer]) -> None:
    # The sandbox issues the token on a clock two hours behind, so it expired an hour ago in real time.
    clock_offset = [timedelta(hours=-2)]
    sandbox = sandbox_factory(clock=lambda: datetime.now(UTC) + clock_offset[0])
    async with await logged_in(sandbox, BUSINESS) as client:
        assert client.expires_at is not None and client.expires_at < datetime.now(UTC)
        clock_offset[0] = timedelta(0)
        with pytest.raises(Unauthorized) as raised:
            await client.send(Campaign(leads=["+12015550123"], message="Hi"))
    assert raised.value.status == 401
    assert raised.value.user_message == "Your session has expired. Log in again; your campaign is kept."
    assert raised.value.detail == "Given token not valid for any token type"


async def test_401_for_a_token_from_elsewhere(sandbox_factory: Callable[..., SandboxServer]) -> None:
    other, sandbox = sandbox_factory(), sandbox_factory()
    async with await logged_in(other, BUSINESS) as first:
        foreign = first.token
    async with ViteMobileClient(sandbox.url, token=foreign) as client:
        with pytest.raises(Unauthorized) as raised:
            await client.send(Campaign(leads=["+12015550123"], message="Hi"))
    assert raised.value.status == 401
    assert "did not accept your session" in raised.value.user_message
    assert raised.value.user_message.endswith("Log in again; your campaign is kept.")


@pytest.mark.parametrize(
    ("username", "route", "with_images"),
    [(BASIC, Route.public(), True), (BUSINESS, Route.sid("MyShop"), False)],
)
async def test_403_for_what_the_licence_does_not_include(
    sandbox: SandboxServer, small_images: list[Path], username: str, route: Route, with_images: bool
) -> None:
    images = small_images if with_images else []
    error = await refused(
        sandbox, username, Campaign(leads=["+12015550123"], message="Hi", route=route, images=images)
    )
    assert isinstance(error, Forbidden) and error.status == 403
    assert "licence" in error.user_message and error.detail


async def test_406_when_no_number_is_valid(sandbox: SandboxServer) -> None:
    error = await refused(sandbox, BUSINESS, Campaign(leads=["+123", "+9"], message="Hi"))
    assert isinstance(error, NoValidNumbers) and error.status == 406
    assert error.detail == "No valid phone numbers found in the lead list."
    assert "phone numbers" in error.user_message


async def test_428_for_several_recipients_on_an_unverified_account(
    sandbox: SandboxServer, numbers: list[str]
) -> None:
    error = await refused(sandbox, BASIC, Campaign(leads=numbers, message="Hi"))
    assert isinstance(error, VerificationRequired) and error.status == 428
    assert "verified" in error.user_message


async def test_429_past_the_daily_limit(sandbox: SandboxServer) -> None:
    # Basic allows 50 messages a day: one recipient of a 51-part text is one too many.
    long_text = "x" * (153 * 51)
    error = await refused(sandbox, BASIC, Campaign(leads=["+12015550123"], message=long_text))
    assert isinstance(error, DailyLimitExceeded) and error.status == 429
    assert "daily sending limit" in error.user_message
    assert error.detail is not None and error.detail.startswith("Daily limit exceeded")


# -- faults ---------------------------------------------------------------------------------------------


async def test_an_html_500_is_a_server_error(sandbox_factory: Callable[..., SandboxServer]) -> None:
    sandbox = sandbox_factory(fault="html500")
    error = await refused(sandbox, BUSINESS, Campaign(leads=["+12015550123"], message="Hi"))
    assert type(error) is ServerError and error.status == 500
    assert error.detail == "Server Error (500)"
    assert "error 500" in error.user_message and "campaign list" in error.user_message


async def test_an_answer_that_is_not_json_is_a_server_error(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(fault="not_json")
    error = await refused(sandbox, BUSINESS, Campaign(leads=["+12015550123"], message="Hi"))
    assert type(error) is ServerError and error.status == 200
    assert "not known whether the campaign was sent" in error.user_message


@pytest.mark.parametrize("with_images", [False, True])
async def test_a_dropped_connection_is_outcome_unknown(
    sandbox_factory: Callable[..., SandboxServer], small_images: list[Path], with_images: bool
) -> None:
    sandbox = sandbox_factory(fault="drop")
    images = small_images if with_images else []
    error = await refused(sandbox, BUSINESS, Campaign(leads=["+12015550123"], message="Hi", images=images))
    assert type(error) is OutcomeUnknown and error.status is None
    assert "may or may not have been sent" in error.user_message
    # And indeed it was: the server accepted it before the connection went.
    assert len(sandbox.campaigns()) == 1


async def test_a_send_without_answer_in_time_is_outcome_unknown(
    sandbox_factory: Callable[..., SandboxServer],
) -> None:
    sandbox = sandbox_factory(latency=1.0)  # before every answer, login included (login_timeout stays 30 s)
    async with await logged_in(sandbox, BUSINESS, send_timeout=3) as client:
        await client.send(Campaign(leads=["+12015550123"], message="In time"))
    async with await logged_in(sandbox, BUSINESS, send_timeout=0.3) as client:
        with pytest.raises(OutcomeUnknown) as raised:
            await client.send(Campaign(leads=["+12015550123"], message="Too slow"))
    assert "did not answer in time" in raised.value.user_message


async def test_a_send_with_nothing_listening_is_not_sent() -> None:
    async with ViteMobileClient(f"http://127.0.0.1:{free_port()}", token="abc.def.ghi") as client:
        with pytest.raises(NotSent) as raised:
            await client.send(Campaign(leads=["+12015550123"], message="Hi"))
    assert raised.value.user_message == (
        "Could not reach ViteMobile, so nothing was sent. Check your internet connection and send again."
    )
