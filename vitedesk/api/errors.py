"""Exceptions raised by the ViteMobile client.

Every exception carries three things:

* ``status``: the HTTP status the server answered with, or ``None`` when there was no answer;
* ``user_message``: a sentence a non-technical person can read, saying what happened and what to do next;
* ``detail``: the server's own words (``{"detail": ...}`` or flattened field errors), when it gave any.

``str(error)`` is the user message. Nothing here ever contains an access token or a password: the client
removes them from anything the server echoes before building an error.
"""

from __future__ import annotations

from typing import ClassVar


class ApiError(Exception):
    """Base class of every failure of the ViteMobile client; ``str()`` is the user message."""

    default_status: ClassVar[int | None] = None
    default_message: ClassVar[str] = (
        "Something went wrong while talking to ViteMobile. Try again in a moment."
    )

    def __init__(
        self,
        user_message: str | None = None,
        *,
        detail: str | None = None,
        status: int | None = None,
    ) -> None:
        self.user_message: str = user_message or self.default_message
        self.detail: str | None = detail
        self.status: int | None = status if status is not None else self.default_status
        super().__init__(self.user_message)

    def __str__(self) -> str:
        return self.user_message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, user_message={self.user_message!r})"


class BadRequest(ApiError):
    """400: ViteMobile refused the request because a field is missing or wrong."""

    default_status = 400
    default_message = (
        "ViteMobile refused the campaign because something in it is not right. Correct it and send again."
    )


class Unauthorized(ApiError):
    """401: wrong username/password at login, or an invalid or expired access token when sending."""

    default_status = 401
    default_message = "Your session has expired. Log in again; your campaign is kept."


class Forbidden(ApiError):
    """403: the account's licence does not include this feature (MMS, sender ID)."""

    default_status = 403
    default_message = (
        "Your ViteMobile licence does not allow this campaign (for example MMS pictures or a sender ID). "
        "Choose another route or send it as a text message, or upgrade your plan."
    )


class NoValidNumbers(ApiError):
    """406: none of the numbers in the lead list was accepted."""

    default_status = 406
    default_message = (
        "ViteMobile did not accept any of the phone numbers, so nothing was sent. "
        "Check the numbers and send again."
    )


class VerificationRequired(ApiError):
    """428: the account must be verified before sending to more than one recipient."""

    default_status = 428
    default_message = (
        "Your ViteMobile account must be verified before you can send to more than one number. "
        "Verify it on the ViteMobile website, or send to a single number."
    )


class DailyLimitExceeded(ApiError):
    """429: the campaign would pass the account's daily message limit."""

    default_status = 429
    default_message = (
        "This campaign would go over your daily sending limit, so nothing was sent. "
        "Send it tomorrow, send to fewer numbers, or upgrade your plan."
    )


class ServerError(ApiError):
    """5xx, an unexpected status, or an answer that is not the JSON we expect (such as an HTML page)."""

    default_message = (
        "ViteMobile had a problem and did not confirm the campaign. Check the campaign list in your "
        "ViteMobile account before sending again, or try again later."
    )


class NotSent(ApiError):
    """No connection could be made, so nothing reached ViteMobile: safe to try again."""

    default_message = (
        "Could not reach ViteMobile, so nothing was sent. Check your internet connection and send again."
    )


class OutcomeUnknown(ApiError):
    """The request went out but no answer came back: the campaign may or may not have been sent."""

    default_message = (
        "The connection was lost before ViteMobile answered, so the campaign may or may not have been sent. "
        "Check the campaign list in your ViteMobile account before sending it again."
    )


class InsecureServerAddress(ApiError):
    """The server address is not https (and not this computer), or is not a web address at all."""

    default_message = (
        "The server address must start with https:// so that your password and messages are protected. "
        "Correct the server address in the settings."
    )


STATUS_ERRORS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    406: NoValidNumbers,
    428: VerificationRequired,
    429: DailyLimitExceeded,
}
"""The documented error statuses of the send endpoint; any other non-2xx status is a ServerError."""


__all__ = [
    "STATUS_ERRORS",
    "ApiError",
    "BadRequest",
    "DailyLimitExceeded",
    "Forbidden",
    "InsecureServerAddress",
    "NoValidNumbers",
    "NotSent",
    "OutcomeUnknown",
    "ServerError",
    "Unauthorized",
    "VerificationRequired",
]
