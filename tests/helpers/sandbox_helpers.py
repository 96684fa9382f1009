"""Talking to a real sandbox over loopback HTTP with plain httpx (helpers for tests/sandbox)."""

from __future__ import annotations

import io
import os
from typing import Any

import httpx
from PIL import Image

BASIC = "basic@sandbox.test"
BUSINESS = "business@sandbox.test"
ENTERPRISE = "enterprise@sandbox.test"
SEND = "/api/messages/send/"
LOGIN = "/auth/login/"


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (8, 8), noise: bool = False) -> bytes:
    """A real, decodable image; noise=True makes it incompressible (its size ~ width x height x 3 bytes)."""
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class SandboxClient:
    """A logged-in httpx client for one sandbox account."""

    def __init__(self, http: httpx.Client, token: str) -> None:
        self.http = http
        self.token = token

    def send(self, **fields: Any) -> httpx.Response:
        """JSON send; defaults to one valid recipient, a short message, PUBLIC and SMS."""
        body = {"lead": "15551234567", "message": "Hello from the sandbox", "server_type": "PUBLIC"}
        body["protocol"] = "SMS"
        body.update(fields)
        return self.http.post(SEND, json=body, headers=self.auth)

    def send_mms(self, files: list[tuple[str, tuple[str, bytes, str]]], **fields: str) -> httpx.Response:
        data = {"lead": "15551234567", "message": "Look", "server_type": "PUBLIC", "protocol": "MMS"}
        data.update(fields)
        return self.http.post(SEND, data=data, files=files, headers=self.auth)

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def login(http: httpx.Client, username: str, password: str = "sandbox") -> str:
    response = http.post(LOGIN, json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["access"]
    return token


Files = list[tuple[str, tuple[str, bytes, str]]]


def png_files(count: int) -> Files:
    return [
        (f"image_{index}", (f"picture{index}.png", image_bytes("PNG"), "image/png")) for index in range(count)
    ]
