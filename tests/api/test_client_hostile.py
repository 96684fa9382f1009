"""The client against servers that misbehave on purpose, over a real loopback socket (helpers.hostile_server).

A trickling server, an endless body, a gzip bomb, a 300 MB JSON and malformed receipts must each end in an
ApiError with a sentence, quickly and with a few MB of memory, never in a raw Python error or an endless wait.
"""

from __future__ import annotations

import base64
import json
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from helpers.hostile_server import (
    Behaviour,
    answer_bytes,
    answer_json,
    chunked,
    compressed_zeros,
    head,
    hostile_server,
    trickle,
)

from vitedesk.api import (
    ApiError,
    BadRequest,
    DailyLimitExceeded,
    NotSent,
    OutcomeUnknown,
    SendReceipt,
    ServerError,
    ViteMobileClient,
)
from vitedesk.api.client import clean_token
from vitedesk.core.campaign import Campaign

pytestmark = pytest.mark.anyio

TOKEN = "abc.def.ghi"
CAMPAIGN = Campaign(leads=["+12015550123"], message="Hi")
MB = 1024 * 1024


async def send_to(behaviour: Behaviour, **options: float) -> SendReceipt:
    async with (
        hostile_server(behaviour) as server,
        ViteMobileClient(server.url, token=TOKEN, **options) as client,
    ):
        return await client.send(CAMPAIGN)


async def refused(behaviour: Behaviour, **options: float) -> ApiError:
    with pytest.raises(ApiError) as raised:
        await send_to(behaviour, **options)
    return raised.value


async def peak_memory_of_send(behaviour: Behaviour) -> tuple[int, ApiError | SendReceipt]:
    """The tracemalloc peak (bytes above the start) while one send runs, and what it raised or returned.

    The server and the client (its TLS context, imports) are made before tracing starts.
    """
    async with (
        hostile_server(behaviour) as server,
        ViteMobileClient(server.url, token=TOKEN) as client,
    ):
        tracemalloc.start()
        try:
            start, _ = tracemalloc.get_traced_memory()
            outcome: ApiError | SendReceipt
            try:
                outcome = await client.send(CAMPAIGN)
            except ApiError as error:
                outcome = error
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak - start, outcome


# -- whole-request deadline -------------------------------------------------------------------------------

ACCEPTED = b'{"id": 981, "status": "SENDING"}'
TRICKLED_ANSWER = head(201, Content_Type="application/json", Content_Length=str(len(ACCEPTED))) + ACCEPTED


async def test_a_send_answered_one_byte_at_a_time_ends_as_outcome_unknown_at_the_deadline() -> None:
    # Each byte comes well within the read timeout, so only a deadline on the whole exchange can end it.
    began = time.monotonic()
    error = await refused(trickle(TRICKLED_ANSWER, 0.05), send_timeout=1.0)
    elapsed = time.monotonic() - began
    assert type(error) is OutcomeUnknown
    assert "did not answer in time" in error.user_message and "campaign list" in error.user_message
    assert 0.9 < elapsed < 3.0


async def test_a_login_answered_one_byte_at_a_time_ends_with_a_sentence_at_the_deadline() -> None:
    answer = json.dumps({"access": TOKEN}).encode()
    data = head(200, Content_Type="application/json", Content_Length=str(len(answer))) + answer
    began = time.monotonic()
    async with (
        hostile_server(trickle(data, 0.05)) as server,
        ViteMobileClient(server.url, login_timeout=1.0) as client,
    ):
        with pytest.raises(NotSent) as raised:
            await client.login("someone@example.test", "pw")
        assert client.token is None
    assert time.monotonic() - began < 3.0
    assert raised.value.user_message == (
        "ViteMobile did not answer in time. Check your internet connection and try to log in again."
    )


async def test_a_fast_trickle_within_the_deadline_still_arrives() -> None:
    receipt = await send_to(trickle(TRICKLED_ANSWER, 0.001), send_timeout=10.0)
    assert receipt == SendReceipt(981, "SENDING")


# -- answer size ------------------------------------------------------------------------------------------


def zeros() -> Iterator[bytes]:
    block = bytes(64 * 1024)
    while True:
        yield block


def huge_json() -> Iterator[bytes]:
    yield b'{"id": 981, "status": "SENDING", "padding": "'
    block = b"x" * (64 * 1024)
    while True:
        yield block


CHUNKED = head(201, Content_Type="application/json", Transfer_Encoding="chunked")
GIGABYTE = 1024 * MB


def bomb(wbits: int, encoding: str) -> Behaviour:
    body = compressed_zeros(256 * MB, wbits)  # 256 MB of zeros in about 250 KB
    return answer_bytes_encoded(body, encoding)


def answer_bytes_encoded(body: bytes, encoding: str) -> Behaviour:
    async def behaviour(writer: Any) -> None:
        writer.write(
            head(
                201, Content_Type="application/json", Content_Encoding=encoding, Content_Length=str(len(body))
            )
            + body
        )
        await writer.drain()

    return behaviour


def declared_length(total: int) -> Behaviour:
    """A plain answer that says (and starts to send) ``total`` bytes of JSON."""

    async def behaviour(writer: Any) -> None:
        writer.write(head(201, Content_Type="application/json", Content_Length=str(total)))
        sent = 0
        for block in huge_json():
            writer.write(block)
            await writer.drain()
            sent += len(block)
            if sent >= total:
                break

    return behaviour


@pytest.mark.parametrize(
    "behaviour",
    [
        pytest.param(chunked(CHUNKED, zeros, GIGABYTE), id="endless chunked body"),
        pytest.param(chunked(CHUNKED, huge_json, 300 * MB), id="300 MB JSON, chunked"),
        pytest.param(declared_length(300 * MB), id="300 MB JSON, declared length"),
        pytest.param(bomb(31, "gzip"), id="gzip bomb"),
        pytest.param(bomb(15, "deflate"), id="deflate bomb"),
        pytest.param(bomb(-15, "deflate"), id="raw deflate bomb"),
    ],
)
async def test_answers_too_large_to_read_end_in_a_sentence_with_little_memory(behaviour: Behaviour) -> None:
    began = time.monotonic()
    peak, error = await peak_memory_of_send(behaviour)
    assert isinstance(error, ServerError) and error.status == 201
    assert "not known whether the campaign was sent" in error.user_message
    assert peak < 6 * MB, f"memory grew by {peak / MB:.1f} MB"
    assert time.monotonic() - began < 10


async def test_an_answer_just_under_the_limit_is_read() -> None:
    padding = "x" * (MB - 100)
    receipt = await send_to(answer_json(201, {"id": 982, "status": "SENDING", "padding": padding}))
    assert receipt.id == 982


async def test_a_compressed_answer_in_the_size_limit_is_read() -> None:
    import gzip

    body = gzip.compress(json.dumps({"id": 983, "status": "SENDING"}).encode())
    assert (await send_to(answer_bytes_encoded(body, "gzip"))).id == 983


async def test_an_encoding_not_asked_for_is_not_understood() -> None:
    error = await refused(answer_bytes_encoded(b"\x1b\x00\x00garbage", "br"))
    assert type(error) is ServerError and "does not understand" in error.user_message


async def test_a_broken_gzip_body_is_not_understood() -> None:
    error = await refused(answer_bytes_encoded(b"\x1f\x8b\x08\x00broken", "gzip"))
    assert type(error) is ServerError and "does not understand" in error.user_message


# -- malformed receipts -----------------------------------------------------------------------------------


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"id": "\xc2\xb2", "status": "SENDING"}', id="superscript id"),
        pytest.param(b'{"id": "\xd9\xa1\xd9\xa2", "status": "SENDING"}', id="arabic-indic digits"),
        pytest.param(b'{"id": ' + b"9" * 5000 + b', "status": "SENDING"}', id="5000-digit number"),
        pytest.param(b'{"id": "' + b"9" * 5000 + b'", "status": "SENDING"}', id="5000-digit string"),
        pytest.param(b'{"id": "12345678901234567890", "status": "SENDING"}', id="20 digits"),
        pytest.param(b'{"id": 10000000000000000000, "status": "SENDING"}', id="20-digit number"),
        pytest.param(b'{"id": -981, "status": "SENDING"}', id="negative"),
        pytest.param(b'{"id": "-981", "status": "SENDING"}', id="negative string"),
        pytest.param(b'{"id": 0, "status": "SENDING"}', id="zero"),
        pytest.param(b'{"id": " 981", "status": "SENDING"}', id="spaced"),
        pytest.param(b'{"id": 981.0, "status": "SENDING"}', id="float"),
        pytest.param(b'{"id": true, "status": "SENDING"}', id="boolean"),
        pytest.param(b'{"id": 981, "status": "\\ud800"}', id="lone surrogate status"),
        pytest.param(b'{"id": 981, "status": ""}', id="empty status"),
        pytest.param(b'{"id": 981, "status": "' + b"S" * 5000 + b'"}', id="5000-character status"),
        pytest.param(b'{"id": 981, "status": "SEN\\nDING"}', id="control character in status"),
        pytest.param(nested(100_000), id="100,000 deep"),
        pytest.param(b'{"a":' * 50_000 + b"1" + b"}" * 50_000, id="50,000 deep object"),
    ],
)
async def test_malformed_receipts_are_server_errors_with_a_sentence(body: bytes) -> None:
    error = await refused(answer_bytes(201, body))
    assert type(error) is ServerError and error.status == 201
    assert "not known whether the campaign was sent" in error.user_message


@pytest.mark.parametrize(
    ("body", "campaign_id"),
    [
        (b'{"id": 9999999999999999999, "status": "SENDING"}', 9999999999999999999),
        (b'{"id": "0042", "status": "OK"}', 42),
    ],
)
async def test_the_largest_and_padded_ids_are_still_accepted(body: bytes, campaign_id: int) -> None:
    assert (await send_to(answer_bytes(201, body))).id == campaign_id


async def test_a_deeply_nested_error_body_still_gets_the_400_sentence() -> None:
    deep = b'{"lead": ' + b"[" * 900 + b'"too deep"' + b"]" * 900 + b', "message": ["\\ud800 is odd"]}'
    error = await refused(answer_bytes(400, deep))
    assert type(error) is BadRequest
    assert error.user_message.startswith("ViteMobile refused the campaign:")
    assert error.detail is not None and "too deep" not in error.detail
    error.detail.encode("utf-8")  # the lone surrogate was replaced: the detail can be logged and stored


async def test_a_login_token_with_a_deeply_nested_payload_signs_in_without_an_expiry() -> None:
    segment = base64.urlsafe_b64encode(b"[" * 100_000 + b"]" * 100_000).rstrip(b"=").decode()
    token = f"eyJhbGciOiJIUzI1NiJ9.{segment}.c2ln"
    async with (
        hostile_server(answer_json(200, {"access": token})) as server,
        ViteMobileClient(server.url) as client,
    ):
        auth = await client.login("someone@example.test", "pw")
    assert auth.access == token and auth.expires_at is None


# -- pasted tokens and 429 pages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pasted",
    [
        "Bearer abc.def.ghi",
        "bearer abc.def.ghi",
        "  BEARER   abc.def.ghi  ",
        "Bearer\tabc.def.ghi",
        "Bearer\u00a0abc.def.ghi",
        "Bearer: abc.def.ghi",
        "Authorization: Bearer abc.def.ghi",
    ],
)
async def test_bearer_pasted_before_the_token_is_removed(pasted: str) -> None:
    assert clean_token(pasted) == TOKEN
    async with (
        hostile_server(answer_json(201, {"id": 981, "status": "SENDING"})) as server,
        ViteMobileClient(server.url, token=pasted) as client,
    ):
        await client.send(CAMPAIGN)
    assert b"authorization: bearer abc.def.ghi\r\n" in server.requests[0].lower()


def test_a_token_that_starts_with_the_letters_bearer_is_kept_whole() -> None:
    assert clean_token("bearerish.def.ghi") == "bearerish.def.ghi"


async def test_a_429_that_is_an_html_page_still_gets_the_daily_limit_sentence() -> None:
    page = b"<html><head><title>429 Too Many Requests</title></head><body>nginx</body></html>"
    error = await refused(answer_bytes(429, page, "text/html"))
    assert type(error) is DailyLimitExceeded and error.status == 429
    assert "daily sending limit" in error.user_message and "nothing was sent" in error.user_message
    assert error.detail == "429 Too Many Requests"
