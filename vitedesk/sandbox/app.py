"""The sandbox's ASGI application: login, send, and a listing of what was "sent"."""

from __future__ import annotations

import asyncio
import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from vitedesk.sandbox import counting
from vitedesk.sandbox.accounts import DEMO_ACCOUNTS, Account, accounts_by_username
from vitedesk.sandbox.faults import DropResponses, Fault, fault_response
from vitedesk.sandbox.limits import LimitHeaders
from vitedesk.sandbox.tokens import TokenIssuer, TokenRejected, utc_now
from vitedesk.sandbox.validation import Refusal, SendRequest, check_send, read_body

FIRST_CAMPAIGN_ID = 981
LOGIN_PATH = "/auth/login/"
SEND_PATH = "/api/messages/send/"
CAMPAIGNS_PATH = "/sandbox/campaigns"

NO_CREDENTIALS = "Authentication credentials were not provided."
BAD_TOKEN = "Given token not valid for any token type"
BAD_LOGIN = "No active account found with the given credentials"


@dataclass
class SandboxState:
    """Everything one sandbox instance remembers. Handlers run on the server's loop; `lock` guards reads
    from other threads (SandboxServer.campaigns)."""

    accounts: dict[str, Account]
    tokens: TokenIssuer
    clock: Callable[[], datetime]
    latency: float
    fault: Fault | None
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    # campaign id -> field name (image_0...) -> (content type, bytes) exactly as uploaded
    images: dict[int, dict[str, tuple[str, bytes]]] = field(default_factory=dict)
    used: dict[tuple[str, date], int] = field(default_factory=dict)
    next_id: int = FIRST_CAMPAIGN_ID
    lock: threading.Lock = field(default_factory=threading.Lock)

    def campaigns_snapshot(self) -> list[dict[str, Any]]:
        with self.lock:
            return copy.deepcopy(self.campaigns)


def create_app(
    *,
    secret: str | None = None,
    token_lifetime: float = 3600,
    latency: float = 0.0,
    fault: Fault | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> Starlette:
    """A fresh sandbox with its own accounts, counters and campaign list.

    token_lifetime: seconds an access token lives; latency: seconds added before answering login and send;
    fault: what the send endpoint does instead of answering ("html500", "drop", "not_json");
    clock: returns the current aware datetime (UTC days decide when the daily limit resets).
    """
    state = SandboxState(
        accounts=accounts_by_username(),
        tokens=TokenIssuer(secret, token_lifetime, clock),
        clock=clock,
        latency=latency,
        fault=fault,
    )

    async def login(request: Request) -> Response:
        await _delay(state)
        try:
            fields, _files = await read_body(request)
        except Refusal as refusal:
            return _refusal_response(refusal)
        errors = {
            name: ["This field is required."]
            for name in ("username", "password")
            if not isinstance(fields.get(name), str) or not fields[name]
        }
        if errors:
            return JSONResponse(errors, status_code=400)
        account = state.accounts.get(fields["username"].strip().lower())
        if account is None or fields["password"] != account.password:
            return JSONResponse({"detail": BAD_LOGIN}, status_code=401)
        pair = state.tokens.issue(account)
        return JSONResponse({"access": pair.access, "refresh": pair.refresh})

    async def send(request: Request) -> Response:
        await _delay(state)
        if state.fault is not None and (canned := fault_response(state.fault)) is not None:
            await request.body()
            return canned
        try:
            account = _authenticate(request, state)
            fields, files = await read_body(request)
            checked = await check_send(fields, files, account)
            campaign_id = _accept(checked, account, state)
        except Refusal as refusal:
            return _refusal_response(refusal)
        return JSONResponse({"id": campaign_id, "status": "SENDING"}, status_code=201)

    async def campaigns(request: Request) -> Response:
        return JSONResponse(state.campaigns_snapshot())

    async def campaign_image(request: Request) -> Response:
        campaign_id, number = request.path_params["campaign_id"], request.path_params["number"]
        with state.lock:
            found = state.images.get(campaign_id, {}).get(f"image_{number}")
        if found is None:
            return JSONResponse({"detail": "Not found."}, status_code=404)
        content_type, data = found
        return Response(data, media_type=content_type)

    async def index(request: Request) -> Response:
        return JSONResponse(
            {
                "service": "ViteDesk sandbox (ViteMobile-compatible, nothing is really sent)",
                "endpoints": [LOGIN_PATH, SEND_PATH, CAMPAIGNS_PATH],
                "accounts": [
                    {"username": demo.username, "licence": demo.licence, "summary": demo.summary}
                    for demo in DEMO_ACCOUNTS
                ],
            }
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = exc.detail
        if exc.status_code == 405:
            detail = f'Method "{request.method}" not allowed.'
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route(LOGIN_PATH, login, methods=["POST"]),
            Route(SEND_PATH, send, methods=["POST"]),
            Route(CAMPAIGNS_PATH, campaigns, methods=["GET"]),
            Route(CAMPAIGNS_PATH + "/{campaign_id:int}/images/{number:int}", campaign_image, methods=["GET"]),
        ],
        middleware=[
            Middleware(LimitHeaders),
            Middleware(DropResponses, paths=frozenset({SEND_PATH}), enabled=lambda: state.fault == "drop"),
        ],
        exception_handlers={HTTPException: http_error},
    )
    app.state.sandbox = state
    return app


async def _delay(state: SandboxState) -> None:
    if state.latency > 0:
        await asyncio.sleep(state.latency)


def _refusal_response(refusal: Refusal) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="api"'} if refusal.status == 401 else None
    return JSONResponse(refusal.body, status_code=refusal.status, headers=headers)


def _authenticate(request: Request, state: SandboxState) -> Account:
    """The account behind the request's bearer token; Refusal(401) with simplejwt's wording otherwise."""
    parts = request.headers.get("authorization", "").split()
    if not parts or parts[0].lower() != "bearer":
        raise Refusal.detail(401, NO_CREDENTIALS)
    if len(parts) == 1:
        raise Refusal.detail(401, "Invalid Authorization header. No credentials provided.")
    if len(parts) > 2:
        raise Refusal.detail(
            401, "Invalid Authorization header. Credentials string should not contain spaces."
        )
    try:
        username = state.tokens.username_for(parts[1])
    except TokenRejected as exc:
        raise Refusal(
            401,
            {
                "detail": BAD_TOKEN,
                "code": "token_not_valid",
                "messages": [{"token_class": "AccessToken", "token_type": "access", "message": str(exc)}],
            },
        ) from exc
    account = state.accounts.get(username.lower())
    if account is None:
        raise Refusal(401, {"detail": "User not found", "code": "user_not_found"})
    return account


def _accept(checked: SendRequest, account: Account, state: SandboxState) -> int:
    """Apply licence, lead, verification and daily-limit rules; record the campaign and return its id."""
    if checked.protocol == "MMS" and not account.can_send_mms:
        raise Refusal.detail(
            403, f"MMS is not available on the {account.licence} licence. Upgrade to Business or Enterprise."
        )
    if checked.sid is not None and not account.can_use_sender_id:
        raise Refusal.detail(
            403, f"Sender IDs are not available on the {account.licence} licence (Enterprise only)."
        )
    numbers = counting.recipients(checked.lead)
    if not numbers:
        raise Refusal.detail(406, "No valid phone numbers found in the lead list.")
    if len(numbers) > 1 and not account.verified:
        raise Refusal.detail(
            428, "Account verification is required for bulk sending (more than 1 recipient)."
        )
    segments = counting.segments(checked.message)
    needed = len(numbers) * segments
    now = state.clock()
    day = (account.username, now.date())
    with state.lock:
        used = state.used.get(day, 0)
        if used + needed > account.daily_limit:
            raise Refusal.detail(
                429,
                f"Daily limit exceeded: {account.daily_limit} messages a day, {used} used today, "
                f"this campaign needs {needed}. Wait until tomorrow or upgrade your plan.",
            )
        state.used[day] = used + needed
        campaign_id = state.next_id
        state.next_id += 1
        state.campaigns.append(
            {
                "id": campaign_id,
                "account": account.username,
                "leads": numbers,
                "message": checked.message,
                "server_type": checked.server_type,
                "server_id": checked.server_id,
                "sid": checked.sid,
                "protocol": checked.protocol,
                "segments": segments,
                "messages": needed,
                "images": [image.as_dict() for image in checked.images],
                "received_at": now.isoformat(),
            }
        )
        state.images[campaign_id] = {
            image.field: (image.content_type, image.data) for image in checked.images
        }
    return campaign_id
