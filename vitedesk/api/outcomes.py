"""What a request's outcome means: turn ViteMobile's answers and transport failures into results or ApiErrors.

Failure policy for transport errors:

* No connection could be made (ConnectError, ConnectTimeout, PoolTimeout, ProxyError, a certificate that is
  not accepted) -> NotSent: nothing reached ViteMobile, safe to try again.
* Once the connection is open and the request has started to go out, any failure before a complete answer
  (ReadTimeout, WriteTimeout, ReadError, WriteError, RemoteProtocolError, LocalProtocolError) ->
  OutcomeUnknown. A write error in the middle of an MMS upload is OutcomeUnknown too: we cannot know how much
  the server got, and httpcore itself goes on to read an answer after a write error.
* Login has no side effects, so every transport failure during login is NotSent.
"""

from __future__ import annotations

import json
import re
import ssl
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from vitedesk.api.answers import Answer
from vitedesk.api.errors import (
    STATUS_ERRORS,
    ApiError,
    BadRequest,
    DailyLimitExceeded,
    Forbidden,
    NotSent,
    OutcomeUnknown,
    ServerError,
    Unauthorized,
)

Purpose = Literal["login", "send"]

MAX_DETAIL_CHARS = 500
"""The server's words are kept for display; a 406 that lists 100,000 numbers is cut to this length."""

REDACTED = "[hidden]"

CHECK_ACCOUNT = "Check the campaign list in your ViteMobile account before sending it again."
NOT_UNDERSTOOD = (
    "ViteMobile answered in a way ViteDesk does not understand, so it is not known whether the campaign "
    f"was sent. {CHECK_ACCOUNT}"
)


@dataclass(frozen=True)
class SendReceipt:
    """ViteMobile's answer to an accepted campaign: its id and status (for example "SENDING")."""

    id: int
    status: str


# -- answers -------------------------------------------------------------------------------------------------


MAX_CAMPAIGN_ID_DIGITS = 19
"""A campaign id is 1 to 19 ASCII digits (a positive 64-bit integer), whether sent as a number or a string."""

MAX_STATUS_CHARS = 100
MAX_FLATTEN_DEPTH = 20
"""DRF error bodies are two or three levels deep; anything deeper is not the server's words for a person."""

_CAMPAIGN_ID = re.compile(f"[0-9]{{1,{MAX_CAMPAIGN_ID_DIGITS}}}")


def json_object(answer: Answer) -> dict[str, Any] | None:
    """The answer as a JSON object, or None when it is not one (an HTML page, a list, garbage, too deep)."""
    if answer.problem is not None:
        return None
    try:
        body = json.loads(answer.content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # ValueError includes numbers of more than 4,300 digits, which Python refuses to convert.
        return None
    return body if isinstance(body, dict) else None


def campaign_id_from(value: object) -> int | None:
    """A campaign id sent as an int or a string of ASCII digits, positive, at most 19 digits; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value) if 0 < value < 10**MAX_CAMPAIGN_ID_DIGITS else ""
    elif isinstance(value, str):
        text = value
    else:
        return None
    if not _CAMPAIGN_ID.fullmatch(text) or int(text) == 0:
        return None
    return int(text)


def receipt_from(body: dict[str, Any]) -> SendReceipt | None:
    """The SendReceipt in an accepted send's answer, or None when its id or status is not usable.

    Contract: the id as campaign_id_from() accepts it; the status a non-empty string of at most 100
    printable characters (it is shown and stored as given).
    """
    campaign_id, status = campaign_id_from(body.get("id")), body.get("status")
    if campaign_id is None or not isinstance(status, str) or not _printable(status, MAX_STATUS_CHARS):
        return None
    return SendReceipt(id=campaign_id, status=status)


def _printable(text: str, max_chars: int) -> bool:
    return 0 < len(text) <= max_chars and text.isprintable() and _encodable(text)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file, database or log can hold it
        return False
    return True


def flatten_errors(body: object, depth: int = 0) -> str:
    """Flatten a Django REST framework error body into one line.

    Contract: {"detail": "x", "code": ...} -> "x" (the other keys of such a body are codes for programs);
    {"server_id": ["This field is required."]} -> "server_id: This field is required."; non_field_errors
    lose their key; nested values are joined by spaces; nothing deeper than 20 levels is read.
    """
    if depth > MAX_FLATTEN_DEPTH:
        return ""
    if isinstance(body, dict) and body.get("detail"):
        return flatten_errors(body["detail"], depth + 1)
    if isinstance(body, dict):
        parts = []
        for key, value in body.items():
            text = flatten_errors(value, depth + 1)
            if text:
                parts.append(text if key == "non_field_errors" else f"{key}: {text}")
        return " ".join(parts)
    if isinstance(body, list):
        return " ".join(part for part in (flatten_errors(item, depth + 1) for item in body) if part)
    if body is None:
        return ""
    return str(body).strip()


def server_detail(answer: Answer, body: dict[str, Any] | None, secrets: tuple[str, ...]) -> str | None:
    """The server's own words (DRF errors flattened, or the gist of a page); secrets removed, cut short.

    Contract: the result is valid Unicode (lone surrogates replaced), at most 500 characters, or None.
    """
    text = flatten_errors(body) if body is not None else _page_gist(answer)
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    if not text:
        return None
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    if len(text) > MAX_DETAIL_CHARS:
        text = text[: MAX_DETAIL_CHARS - 1].rstrip() + "…"
    return text


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def _page_gist(answer: Answer) -> str:
    """A short summary of a non-JSON answer: an HTML page's title, else its text without tags."""
    text = answer.content[:4096].decode("utf-8", errors="replace")
    title = _TITLE.search(text)
    gist = title.group(1) if title else _TAGS.sub(" ", text)
    return _SPACES.sub(" ", gist).strip()


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def login_error(status: int, body: dict[str, Any] | None, detail: str | None) -> ApiError:
    """The error for a login answer that carries no token (any status, or a body that is not JSON)."""
    if body is None and status < 300:
        return ServerError(
            "ViteMobile answered the login in a way ViteDesk does not understand. "
            "Check the server address in the settings, or try again later.",
            status=status,
            detail=detail,
        )
    if status == 401:
        return Unauthorized(
            "The username or password is not right. Check them (the password is case-sensitive) "
            "and try again.",
            detail=detail,
        )
    if status == 400:
        return BadRequest(
            "ViteMobile could not log you in with what was entered. Enter your username (your e-mail "
            "address) and your password, then try again.",
            detail=detail,
        )
    if status == 403:
        return Forbidden(
            "ViteMobile did not let this account log in. Contact ViteMobile support about your account.",
            detail=detail,
        )
    if status == 429:
        message = (
            "ViteMobile is refusing logins for a moment after too many attempts. "
            "Wait a few minutes and try again."
        )
    elif status < 300:
        message = (
            "ViteMobile accepted the login but did not send a session token back. Try again later, "
            "or paste an access token from your ViteMobile account settings."
        )
    else:
        message = (
            f"ViteMobile could not log you in because of a problem on its side (error {status}). Try again "
            "later; check the server address in the settings if this keeps happening."
        )
    return ServerError(message, status=status, detail=detail)


def send_error(status: int, body: dict[str, Any] | None, detail: str | None, *, expired: bool) -> ApiError:
    """The error for a send answer that is not an accepted campaign; ``expired``: our token's exp passed."""
    if status < 300:
        return ServerError(NOT_UNDERSTOOD, status=status, detail=detail)
    # A documented status whose body is not DRF JSON came from something in between (a proxy), not the API;
    # but a 429 is a limit whoever says it, and its sentence (nothing was sent, wait) is right either way.
    error_class = STATUS_ERRORS.get(status) if body is not None else None
    if status == 429:
        error_class = DailyLimitExceeded
    if error_class is Unauthorized:
        if expired:
            return Unauthorized(
                "Your session has expired. Log in again; your campaign is kept.", detail=detail
            )
        return Unauthorized(
            "ViteMobile did not accept your session (it may have expired or been signed out). "
            "Log in again; your campaign is kept.",
            detail=detail,
        )
    if error_class is BadRequest and detail:
        return BadRequest(
            f"ViteMobile refused the campaign: {_sentence(detail)} Correct it and send again.", detail=detail
        )
    if error_class is not None:
        return error_class(detail=detail)
    if status == 413:
        message = (
            "The pictures are too large for ViteMobile, so nothing was sent. "
            "Attach smaller pictures and send again."
        )
    elif status == 404:
        message = (
            "ViteMobile does not know this address (error 404), so nothing was sent. "
            "Check the server address in the settings."
        )
    else:
        message = _server_trouble(status)
    return ServerError(message, status=status, detail=detail)


def _server_trouble(status: int) -> str:
    return f"ViteMobile had a problem (error {status}) and did not confirm the campaign. {CHECK_ACCOUNT}"


# -- transport failures ------------------------------------------------------------------------------------


def transport_error(exc: httpx.HTTPError, purpose: Purpose) -> ApiError:
    """NotSent when no connection was made (or for any login failure), OutcomeUnknown once a send went out."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout | httpx.ProxyError):
        return _not_connected(exc, purpose)
    timed_out = isinstance(exc, httpx.TimeoutException)
    if purpose == "login":
        reason = "did not answer in time" if timed_out else "closed the connection without answering"
        return NotSent(f"ViteMobile {reason}. Check your internet connection and try to log in again.")
    if timed_out:
        return _no_answer_in_time()
    return OutcomeUnknown()


def deadline_error(purpose: Purpose, request_started: bool) -> ApiError:
    """The error when the whole exchange outlasted its deadline (a server that answers a byte at a time).

    Contract: a login -> NotSent; a send whose request had started to go out -> OutcomeUnknown, else NotSent.
    """
    if purpose == "login":
        return NotSent(
            "ViteMobile did not answer in time. Check your internet connection and try to log in again."
        )
    if request_started:
        return _no_answer_in_time()
    return NotSent()


def _no_answer_in_time() -> OutcomeUnknown:
    return OutcomeUnknown(
        "ViteMobile did not answer in time, so the campaign may or may not have been sent. " + CHECK_ACCOUNT
    )


def _not_connected(exc: httpx.HTTPError, purpose: Purpose) -> NotSent:
    if _certificate_problem(exc):
        return NotSent(
            "ViteDesk could not confirm that the server is really ViteMobile (its security certificate was "
            "not accepted), so nothing was sent. Check the server address; if it is right, ask your IT "
            "support whether your network intercepts secure connections."
        )
    if isinstance(exc, httpx.ProxyError):
        return NotSent(
            "Could not reach ViteMobile through your network's proxy, so nothing was sent. Check your proxy "
            "settings or ask your IT support, then try again."
        )
    if purpose == "login":
        return NotSent(
            "Could not reach ViteMobile. Check your internet connection and the server address, "
            "then try again."
        )
    return NotSent()


def _certificate_problem(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


__all__ = [
    "SendReceipt",
    "campaign_id_from",
    "deadline_error",
    "flatten_errors",
    "json_object",
    "login_error",
    "receipt_from",
    "send_error",
    "server_detail",
    "transport_error",
]
