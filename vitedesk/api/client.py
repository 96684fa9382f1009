"""The async ViteMobile client: log in, keep the access token, send a campaign (SMS as JSON, MMS multipart).

A send is never retried here: retrying is the person's decision, informed by the error class
(see vitedesk.api.outcomes for which failure becomes NotSent and which OutcomeUnknown).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

import httpx

from vitedesk import __version__
from vitedesk.api.answers import ACCEPT_ENCODING, MAX_ANSWER_BYTES, Answer, read_answer
from vitedesk.api.errors import InsecureServerAddress, NotSent, ServerError, Unauthorized
from vitedesk.api.outcomes import (
    Purpose,
    SendReceipt,
    deadline_error,
    json_object,
    login_error,
    receipt_from,
    send_error,
    server_detail,
    transport_error,
)
from vitedesk.api.tokens import AuthToken, clean_token
from vitedesk.core.campaign import Campaign, RouteKind
from vitedesk.core.media import ImageRejected, content_type_for

if TYPE_CHECKING:
    from vitedesk.core.pictures import PreparedPicture

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://core.vitemobile.com"
LOGIN_PATH = "/auth/login/"
SEND_PATH = "/api/messages/send/"
TOKEN_KEYS = ("access", "access_token", "token")
"""Where a login answer may carry the access token, in order of preference."""

FileField = tuple[str, tuple[str, BinaryIO, str]]


def check_base_url(base_url: str) -> str:
    """Return ``base_url`` without its trailing slash, or raise InsecureServerAddress.

    Contract: https URLs with a host are accepted; http only for this computer (127.0.0.0/8, ::1,
    localhost), which is how the built-in sandbox is reached. Anything else, including a non-URL, is refused.
    """
    text = base_url.strip()
    try:
        url: httpx.URL | None = httpx.URL(text)
    except (httpx.InvalidURL, TypeError, ValueError):
        url = None
    if url is None or not url.host or url.scheme not in ("http", "https"):
        raise InsecureServerAddress(
            f"“{text}” is not a server address ViteDesk can use. Enter an address that starts with "
            "https://, for example https://core.vitemobile.com."
        )
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise InsecureServerAddress(
            "The server address must start with https:// so that your password and messages are protected "
            f"on the way. Change “{text}” to start with https:// in the settings."
        )
    return text.rstrip("/")


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback IP addresses (127.0.0.0/8 and ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ViteMobileClient:
    """Async client of the ViteMobile API; keeps the access token of the session.

    Contract: TLS certificates are always verified; http is only accepted for loopback addresses; the
    token and the password never appear in logs, in repr() or in exceptions; a send is never retried.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        token: str | None = None,
        *,
        connect_timeout: float = 10.0,
        send_timeout: float = 120.0,
        login_timeout: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base_url = check_base_url(base_url)
        self._auth: AuthToken | None = None
        self.token = token
        # Whole-exchange deadlines: httpx's timeouts apply per read/write, so a server trickling one byte
        # a second would never trip them.
        self._send_deadline = send_timeout
        self._login_deadline = login_timeout
        self._send_timeout = httpx.Timeout(
            connect=connect_timeout, read=send_timeout, write=send_timeout, pool=connect_timeout
        )
        self._login_timeout = httpx.Timeout(
            connect=connect_timeout, read=login_timeout, write=login_timeout, pool=connect_timeout
        )
        # verify is left at its default (True) on purpose: this class offers no way to switch it off.
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=self._send_timeout,
            follow_redirects=False,
            headers={
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
                "User-Agent": f"ViteDesk/{__version__}",
            },
        )

    # -- session state -------------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The server address, without a trailing slash."""
        return self._base_url

    @property
    def token(self) -> str | None:
        """The access token in use, or None when logged out."""
        return self._auth.access if self._auth else None

    @token.setter
    def token(self, value: str | None) -> None:
        access = clean_token(value) if value is not None else None
        self._auth = AuthToken.from_access(access) if access else None

    @property
    def auth(self) -> AuthToken | None:
        """The whole session token (access, refresh, expiry), or None when logged out."""
        return self._auth

    @property
    def expires_at(self) -> datetime | None:
        """When the access token expires, read from its JWT ``exp``; None if unknown or logged out."""
        return self._auth.expires_at if self._auth else None

    def __repr__(self) -> str:
        logged_in = self._auth is not None
        return (
            f"ViteMobileClient(base_url={self._base_url!r}, logged_in={logged_in}, "
            f"expires_at={self.expires_at})"
        )

    async def __aenter__(self) -> ViteMobileClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections; the client cannot be used afterwards."""
        await self._http.aclose()

    # -- requests ------------------------------------------------------------------------------------------

    async def login(self, username: str, password: str) -> AuthToken:
        """Log in with username and password; keep and return the token.

        Contract: 401 -> Unauthorized ("username or password is not right"); no connection or no answer ->
        NotSent; an answer without a usable token -> ServerError. The previous token is kept on failure.
        """
        secrets = (password,)
        answer = await self._post(
            LOGIN_PATH,
            "login",
            json={"username": username, "password": password},
            timeout=self._login_timeout,
            deadline=self._login_deadline,
        )
        body = json_object(answer)
        access = _first_token(body) if answer.status_code < 300 else None
        if body is None or access is None:
            detail = server_detail(answer, body, secrets)
            raise login_error(answer.status_code, body, detail)
        refresh = body.get("refresh")
        try:
            cleaned = clean_token(access)
        except Unauthorized:
            cleaned = None
        if cleaned is None:
            raise ServerError(
                "ViteMobile sent back a session token ViteDesk cannot use. Try again later.",
                status=answer.status_code,
            )
        self._auth = AuthToken.from_access(cleaned, refresh if isinstance(refresh, str) and refresh else None)
        logger.info("Logged in to %s; the session expires at %s", self._base_url, self._auth.expires_at)
        return self._auth

    async def send(self, campaign: Campaign) -> SendReceipt:
        """Send ``campaign`` once (never retried) and return ViteMobile's receipt.

        Contract: SMS goes as JSON; MMS as multipart with image_0, image_1... streamed from disk, files closed
        afterwards. The campaign is sent as given (validation is Campaign.problems(), shown before sending).
        Raises Unauthorized when logged out or the session is refused; NotSent when nothing left this
        computer (no connection, a picture that cannot be read); OutcomeUnknown when the request went out
        without an answer; the status classes of vitedesk.api.errors otherwise. Cancelling the task during
        a send cancels the request: its outcome is then unknown, as for OutcomeUnknown.
        """
        auth = self._auth
        if auth is None:
            raise Unauthorized(
                "You are not logged in. Log in, then send again; your campaign is kept.", status=None
            )
        secrets = tuple(secret for secret in (auth.access, auth.refresh) if secret)
        fields = campaign_fields(campaign)
        headers = {"Authorization": f"Bearer {auth.access}"}
        logger.info(
            "Sending a %s campaign to %d recipients (%s)",
            fields["protocol"],
            len(campaign.leads),
            campaign.route.describe(),
        )
        with ExitStack() as open_files:
            if fields["protocol"] == "MMS":
                files = open_images(campaign, open_files)
                answer = await self._post(
                    SEND_PATH, "send", data=fields, files=files, headers=headers, deadline=self._send_deadline
                )
            else:
                answer = await self._post(
                    SEND_PATH, "send", json=fields, headers=headers, deadline=self._send_deadline
                )
        body = json_object(answer)
        receipt = receipt_from(body) if body is not None and answer.status_code < 300 else None
        if receipt is None:
            detail = server_detail(answer, body, secrets)
            raise send_error(answer.status_code, body, detail, expired=auth.is_expired())
        logger.info("Campaign accepted: id %d, status %s", receipt.id, receipt.status)
        return receipt

    async def _post(self, path: str, purpose: Purpose, *, deadline: float, **kwargs: Any) -> Answer:
        """POST and read the answer (at most MAX_ANSWER_BYTES), all within ``deadline`` seconds.

        Every transport failure and the deadline become NotSent or OutcomeUnknown (see outcomes).
        """
        progress = _RequestProgress()
        try:
            async with asyncio.timeout(deadline):
                request = self._http.stream(
                    "POST", self._base_url + path, extensions={"trace": progress.trace}, **kwargs
                )
                async with request as response:
                    answer = await read_answer(response, MAX_ANSWER_BYTES)
        except TimeoutError:
            logger.warning("No complete answer to the %s request within %s s", purpose, deadline)
            raise deadline_error(purpose, progress.request_started) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            # The cause's text ("All connection attempts failed") is kept for logs; it names no header.
            raise transport_error(exc, purpose) from exc
        if answer.problem is not None:
            logger.warning("The answer to the %s request was not read: %s", purpose, answer.problem)
        return answer


class _RequestProgress:
    """Follows httpcore's trace events: has the request started to go out (headers being sent)?"""

    def __init__(self) -> None:
        self.request_started = False

    async def trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith(".send_request_headers.started"):
            self.request_started = True


def _first_token(body: dict[str, Any] | None) -> str | None:
    if body is None:
        return None
    return next((body[key] for key in TOKEN_KEYS if isinstance(body.get(key), str) and body[key]), None)


def campaign_fields(campaign: Campaign) -> dict[str, str]:
    """The request fields of ``campaign``: lead, message, server_type, protocol, then server_id or sid.

    Contract: lead is the numbers joined by "\\n", each without its leading '+'; server_id only for a
    private server route, sid only for the sender-ID route (whose server_type is PUBLIC).
    """
    route = campaign.route
    fields = {
        "lead": "\n".join(number.removeprefix("+") for number in campaign.leads),
        "message": campaign.message,
        "server_type": route.server_type,
        "protocol": campaign.effective_protocol,
    }
    if route.kind == RouteKind.PRIVATE:
        fields["server_id"] = route.server_id
    elif route.kind == RouteKind.SID:
        fields["sid"] = route.sender_id
    return fields


def open_images(campaign: Campaign, open_files: ExitStack) -> list[FileField]:
    """Open every picture for streaming as image_0, image_1...; the ExitStack closes them.

    Contract: httpx's multipart encoder reads open files in 64 KiB chunks and takes Content-Length from their
    size, so nothing is read whole. A picture that cannot be read or is not a picture -> NotSent.
    """
    uploads = campaign.uploads()
    if uploads is not None:
        return open_prepared(campaign, uploads, open_files)
    files: list[FileField] = []
    for index, path in enumerate(campaign.images):
        try:
            content_type = content_type_for(path)
            handle = open_files.enter_context(open(path, "rb"))  # noqa: SIM115 - the ExitStack closes it
        except ImageRejected as exc:
            raise NotSent(f"{exc.user_message} The campaign was not sent.") from None
        except OSError:
            raise NotSent(
                f"The picture “{path.name}” could not be read, so the campaign was not sent. "
                "Attach it again, then send."
            ) from None
        files.append((f"image_{index}", (path.name, handle, content_type)))
    return files


def open_prepared(
    campaign: Campaign, uploads: Sequence[PreparedPicture], open_files: ExitStack
) -> list[FileField]:
    """Open the prepared copies as image_0, image_1... in send order, after checking nothing changed.

    Contract: a picture still being prepared, or a picked file deleted or changed since it was prepared ->
    NotSent with the sentence that names it; exactly the bytes of the prepared copies are uploaded.
    """
    problems = [
        problem.message for problem in campaign.problems() if problem.field == "images" and problem.blocking
    ]
    if len(uploads) != len(campaign.images) and not problems:
        problems.append("The pictures are still being prepared for sending. Wait a moment.")
    if problems:
        raise NotSent(" ".join(problems) + " The campaign was not sent; everything else is kept.")
    files: list[FileField] = []
    for index, picture in enumerate(uploads):
        try:
            handle = open_files.enter_context(open(picture.path, "rb"))  # noqa: SIM115 - the ExitStack closes it
        except OSError:
            raise NotSent(
                f"The prepared copy of “{picture.source.name}” could not be read, so the campaign was not "
                "sent. "
                "Remove the picture and attach it again, then send."
            ) from None
        files.append((f"image_{index}", (picture.upload_name, handle, picture.content_type)))
    return files


__all__ = [
    "DEFAULT_BASE_URL",
    "SendReceipt",
    "ViteMobileClient",
    "campaign_fields",
    "check_base_url",
    "clean_token",
    "is_loopback_host",
]
