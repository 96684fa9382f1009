"""Reading an answer's body with a size limit counted after decompression.

httpx's own decoders inflate a whole network chunk at once (64 KiB of a gzip bomb become 64 MB) and
``Response.read()`` keeps whatever arrives, so an endless chunked body or a 300 MB JSON would be held in full.
Here the raw bytes are read chunk by chunk and inflated with zlib's ``max_length``, so no more than the limit
(plus one chunk) is ever held, whatever the server sends. Only the encodings ViteDesk asks for (gzip,
deflate) are understood; anything else makes the body unreadable, which the caller treats like a body that is
not JSON.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Literal

import httpx

MAX_ANSWER_BYTES = 1024 * 1024
"""The largest answer body read (after decompression); ViteMobile's answers are a few hundred bytes."""

ACCEPT_ENCODING = "gzip, deflate"

BodyProblem = Literal["too_large", "unreadable"]


@dataclass(frozen=True)
class Answer:
    """A server's answer: its status, its body (empty when it could not be read) and why not."""

    status_code: int
    content: bytes
    problem: BodyProblem | None = None


class _TooLarge(Exception):
    pass


class _Inflater:
    """zlib decompression that never produces more than it is allowed to."""

    def __init__(self, encoding: str) -> None:
        self._deflate = encoding == "deflate"
        self._first = True
        wbits = zlib.MAX_WBITS if self._deflate else zlib.MAX_WBITS | 16
        self._zlib = zlib.decompressobj(wbits)

    def inflate(self, data: bytes, room: int) -> bytes:
        """Up to ``room`` bytes of output for ``data``; raises _TooLarge when there would be more."""
        first, self._first = self._first, False
        try:
            out = self._zlib.decompress(data, room + 1)
        except zlib.error:
            if not (first and self._deflate):
                raise
            # "deflate" is sent both with and without the zlib header; httpx tries both the same way.
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(data, room + 1)
        if len(out) > room:
            raise _TooLarge
        return out


async def read_answer(response: httpx.Response, limit: int = MAX_ANSWER_BYTES) -> Answer:
    """The body of a streamed ``response``, at most ``limit`` bytes after decompression.

    Contract: never holds more than ``limit`` plus one network chunk; a longer body (declared or actual) gives
    problem "too_large", a body in an encoding other than gzip/deflate/identity or a broken one "unreadable";
    both with empty content. Transport errors while reading propagate (httpx.TransportError).
    """
    status = response.status_code
    if response.is_stream_consumed:  # an in-memory answer (httpx.MockTransport) arrives read and decoded
        content = response.content
        return Answer(status, content) if len(content) <= limit else Answer(status, b"", "too_large")
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        return Answer(status, b"", "too_large")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
        return Answer(status, b"", "unreadable")
    inflater = (
        _Inflater("deflate" if encoding == "deflate" else "gzip")
        if encoding not in ("identity", "")
        else None
    )
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            room = limit - len(body)
            if inflater is not None:
                chunk = inflater.inflate(chunk, room)
            elif len(chunk) > room:
                raise _TooLarge
            body += chunk
    except _TooLarge:
        return Answer(status, b"", "too_large")
    except zlib.error:
        return Answer(status, b"", "unreadable")
    return Answer(status, bytes(body))


__all__ = ["ACCEPT_ENCODING", "MAX_ANSWER_BYTES", "Answer", "BodyProblem", "read_answer"]
