"""Request headers too large for the API get a 431 answer instead of a dropped connection.

uvicorn's h11 protocol gives up on a head larger than ``h11_max_incomplete_event_size`` (16 KiB by default) by
closing the socket while the client is still sending, which the client sees as a reset, not an answer. The
sandbox therefore lets h11 read heads up to READABLE_HEAD_BYTES and answers anything above MAX_HEADER_BYTES
here with 431, as the API documents for oversized headers.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_HEADER_BYTES = 16 * 1024
"""The most header bytes (names and values) a request may carry."""

READABLE_HEAD_BYTES = 8 * 1024 * 1024
"""What uvicorn reads before giving up on a request head (loopback only, so memory is not a concern)."""

TOO_LARGE = "Request header fields too large."


class LimitHeaders:
    """ASGI middleware: 431 with a DRF-shaped body when the request's headers exceed ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_HEADER_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = sum(len(name) + len(value) for name, value in scope["headers"])
            if size > self.max_bytes:
                response = JSONResponse(
                    {"detail": TOO_LARGE}, status_code=431, headers={"Connection": "close"}
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
