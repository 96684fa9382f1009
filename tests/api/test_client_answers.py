"""Client logic that needs no server, second half: how answers and transport failures become ApiErrors.

A transport in-process stands in for the network here; every behaviour that depends on a real socket is
tested against the sandbox in test_client_sandbox.py.
"""

from __future__ import annotations

import httpx
import pytest
from helpers.api_doubles import Handler, answer, client_with, sms

from vitedesk.api import (
    ApiError,
    BadRequest,
    NotSent,
    OutcomeUnknown,
    ServerError,
)
from vitedesk.api.outcomes import flatten_errors
from vitedesk.core.campaign import Route

pytestmark = pytest.mark.anyio


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
