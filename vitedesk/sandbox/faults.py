"""Fault injection for the send endpoint: an HTML 500, a 200 that is not JSON, or a dropped connection.

Dropping a connection cannot be expressed in ASGI: an application that fails before starting a response makes
uvicorn answer "500 Internal Server Error". So the sandbox serves with `ClosableH11Protocol`, which puts a
`close()` for the current connection into `scope["extensions"]`; `DropResponses` processes the request
completely (the campaign is accepted and recorded, as on a real server whose answer got lost), discards the
response, closes the socket (FIN, no bytes) and waits until uvicorn has seen the connection go, so that
uvicorn does not try to answer either. The client sees "server disconnected without sending a response".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, get_args

from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

Fault = Literal["html500", "drop", "not_json"]
FAULTS: tuple[str, ...] = get_args(Fault)
CLOSE_CONNECTION = "vitedesk.sandbox.close_connection"

_ERROR_PAGE = """<!DOCTYPE html>
<html><head><title>Server Error (500)</title></head>
<body><h1>Server Error (500)</h1><p>The sandbox was asked to fail this request.</p></body></html>
"""
# What a proxy that cut the answer short might deliver: declared JSON, but not JSON.
_NOT_JSON = b'{"id": 981, "status": "SEND'


def fault_response(fault: Fault) -> Response | None:
    """The canned answer for a fault that replaces the response, or None for faults handled elsewhere."""
    if fault == "html500":
        return HTMLResponse(_ERROR_PAGE, status_code=500)
    if fault == "not_json":
        return Response(_NOT_JSON, status_code=200, media_type="application/json")
    return None


class DropResponses:
    """ASGI middleware: for the given paths, run the app, throw its response away and close the connection."""

    def __init__(self, app: ASGIApp, paths: frozenset[str], enabled: Callable[[], bool]) -> None:
        self.app = app
        self.paths = paths
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths or not self.enabled():
            await self.app(scope, receive, send)
            return
        close: Callable[[], None] | None = (scope.get("extensions") or {}).get(CLOSE_CONNECTION)
        if close is None:
            raise RuntimeError(
                "The 'drop' fault needs the sandbox's server (SandboxServer or python -m vitedesk.sandbox)."
            )

        body_read = False

        async def tracking_receive() -> Message:
            nonlocal body_read
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                body_read = True
            return message

        async def discard(message: Message) -> None:
            return None

        await self.app(scope, tracking_receive, discard)
        # An answer refused early (e.g. 401) leaves the upload unread; read it all so the close is a clean FIN
        # after the whole request, not a reset in the middle of the client's upload.
        while not body_read:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body_read = not message.get("more_body", False)
        close()
        # uvicorn marks the request disconnected once it notices the closed transport; until then it would
        # still try to send its own "500" for a request that got no response.
        while (await receive())["type"] != "http.disconnect":
            pass


class ClosableH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, offering the application a way to close the current connection abruptly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        app = self.app

        async def with_close(scope: Scope, receive: Receive, send: Send) -> None:
            scope["extensions"] = {**(scope.get("extensions") or {}), CLOSE_CONNECTION: self._close}
            await app(scope, receive, send)

        self.app = with_close

    def _close(self) -> None:
        self.transport.close()
