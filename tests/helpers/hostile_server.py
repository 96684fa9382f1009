"""A tiny HTTP/1.1 server on a loopback socket that answers however a test tells it to (tests/api).

It runs on the test's own asyncio loop: it reads one request (headers and a Content-Length body), then hands
the connection to the test's behaviour, which writes whatever bytes it likes (a trickle, an endless chunked
body, a gzip bomb, malformed JSON) and closes when it returns. Everything goes over a real TCP socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

Behaviour = Callable[[asyncio.StreamWriter], Awaitable[None]]


class HostileServer:
    """Serves ``behaviour`` to every connection on 127.0.0.1; ``url`` once started; counts requests."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.requests: list[bytes] = []
        self._server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                0,
            )
            await reader.readexactly(length)
            self.requests.append(head)
            await self.behaviour(writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # the client went away, which is what a bounded client does
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()


@contextlib.asynccontextmanager
async def hostile_server(behaviour: Behaviour) -> AsyncIterator[HostileServer]:
    server = HostileServer(behaviour)
    server._server = await asyncio.start_server(server._serve, "127.0.0.1", 0)
    try:
        yield server
    finally:
        server._server.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server._server.wait_closed(), 2)


def head(status: int = 201, **headers: str) -> bytes:
    """A status line and headers (keyword names with '_' for '-'), ending with the blank line."""
    lines = [f"HTTP/1.1 {status} Whatever"] + [
        f"{name.replace('_', '-')}: {value}" for name, value in headers.items()
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def answer_bytes(status: int, body: bytes, content_type: str = "application/json") -> Behaviour:
    """A complete answer with this body."""

    async def behaviour(writer: asyncio.StreamWriter) -> None:
        writer.write(head(status, Content_Type=content_type, Content_Length=str(len(body))) + body)
        await writer.drain()

    return behaviour


def answer_json(status: int, body: Any) -> Behaviour:
    return answer_bytes(status, json.dumps(body).encode())


def trickle(data: bytes, interval: float) -> Behaviour:
    """The answer one byte at a time, ``interval`` seconds apart (headers included)."""

    async def behaviour(writer: asyncio.StreamWriter) -> None:
        for index in range(len(data)):
            writer.write(data[index : index + 1])
            await writer.drain()
            await asyncio.sleep(interval)

    return behaviour


def chunked(head_bytes: bytes, chunks: Callable[[], Any], total: int) -> Behaviour:
    """A chunked answer: ``chunks()`` yields bytes until ``total`` bytes were sent or the client left."""

    async def behaviour(writer: asyncio.StreamWriter) -> None:
        writer.write(head_bytes)
        sent = 0
        for chunk in chunks():
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
            sent += len(chunk)
            if sent >= total:
                break
        writer.write(b"0\r\n\r\n")
        await writer.drain()

    return behaviour


def compressed_zeros(size: int, wbits: int) -> bytes:
    """``size`` zero bytes compressed (wbits 31: gzip, 15: zlib-wrapped deflate, -15: raw deflate)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    parts.append(packer.flush())
    return b"".join(parts)
