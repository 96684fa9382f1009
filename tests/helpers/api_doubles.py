"""An in-process stand-in for the network, for client tests that need no server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from vitedesk.api import ViteMobileClient
from vitedesk.core.campaign import Campaign, Route

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
