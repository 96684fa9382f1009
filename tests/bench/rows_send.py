"""Send rows: the client against a sandbox in its own process: a 100,000-recipient SMS, a 5 x 4 MB MMS."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from table import Row, Samples

from vitedesk.api import ViteMobileClient
from vitedesk.core.campaign import Campaign

MESSAGE = "Spring sale: 20% off everything until Sunday. Reply STOP to opt out."


@contextmanager
def sandbox_process() -> Iterator[str]:
    """A fresh sandbox in a child process (fresh daily counters); yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "vitedesk.sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        if not found:
            raise RuntimeError("the sandbox did not start")
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield found.group(0)
    finally:
        process.terminate()
        process.wait(10)


def _numbers(count: int) -> list[str]:
    area_codes = [201, 202, 203, 205, 206, 207, 208, 209, 210, 212]
    return [f"+1{area_codes[n % 10]}555{n // 10:04d}" for n in range(count)]


async def _client_send(url: str, numbers: list[str]) -> float:
    """Seconds for ViteMobileClient.send of a campaign to `numbers` (after logging in)."""
    async with ViteMobileClient(url) as client:
        await client.login("enterprise@sandbox.test", "sandbox")
        started = time.perf_counter()
        await client.send(Campaign(leads=numbers, message=MESSAGE))
        return time.perf_counter() - started


async def _plain_post(url: str, numbers: list[str]) -> float:
    """Seconds for one plain httpx POST of the same fields: the baseline of what the client adds."""
    async with httpx.AsyncClient(timeout=120) as plain:
        login = await plain.post(
            f"{url}/auth/login/", json={"username": "enterprise@sandbox.test", "password": "sandbox"}
        )
        token = login.json()["access"]
        fields = {
            "lead": "\n".join(n.removeprefix("+") for n in numbers),
            "message": MESSAGE,
            "server_type": "PUBLIC",
            "protocol": "SMS",
        }
        started = time.perf_counter()
        answer = await plain.post(
            f"{url}/api/messages/send/", json=fields, headers={"Authorization": f"Bearer {token}"}
        )
        elapsed = time.perf_counter() - started
    if answer.status_code >= 400:
        raise RuntimeError(f"plain POST refused: {answer.status_code} {answer.text[:200]}")
    return elapsed


def _pictures(folder: Path, size: int) -> list[Path]:
    import io
    import os

    from PIL import Image

    paths = []
    for index in range(5):
        side = 1010 if size >= 1_000_000 else 200
        path = folder / f"picture-{index}.jpg"
        while not path.exists() or path.stat().st_size < size:
            buffer = io.BytesIO()
            Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
                buffer, "JPEG", quality=100, subsampling=0
            )
            path.write_bytes(buffer.getvalue())
            side += 40
        paths.append(path)
    return paths


async def _mms_growth(url: str, pictures: list[Path]) -> float:
    """Peak Python allocation growth (MB) while the client uploads the pictures."""
    numbers = ["+12015550123", "+12015550124"]
    async with ViteMobileClient(url) as client:
        await client.login("business@sandbox.test", "sandbox")
        await client.send(Campaign(leads=numbers, message="warm-up", images=pictures[:1]))
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        await client.send(Campaign(leads=numbers, message="Five pictures", images=pictures))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return (peak - before) / 1e6


def send_rows(quick: bool) -> list[Row]:
    recipients = 2_000 if quick else 100_000
    picture_bytes = 200_000 if quick else 4_000_000
    runs = 2 if quick else 5
    numbers = _numbers(recipients)
    ours, theirs = [], []
    for _ in range(runs):
        with sandbox_process() as url:  # a fresh sandbox each: its daily limit is 100,000
            ours.append(asyncio.run(_client_send(url, numbers)))
        with sandbox_process() as url:
            theirs.append(asyncio.run(_plain_post(url, numbers)))
    with tempfile.TemporaryDirectory(prefix="vitedesk-bench-") as folder:
        pictures = _pictures(Path(folder), picture_bytes)
        payload = sum(path.stat().st_size for path in pictures) / 1e6
        with sandbox_process() as url:
            growth = [asyncio.run(_mms_growth(url, pictures)) for _ in range(min(runs, 3))]
    return [
        Row(
            f"send: {recipients:,}-recipient SMS, client round trip",
            Samples(tuple(ours), "s"),
            "one plain httpx POST of the same fields",
            Samples(tuple(theirs), "s"),
            goal="close to 1x",
        ),
        Row(
            f"send: 5-picture MMS ({payload:.1f} MB), client memory growth",
            Samples(tuple(growth), "MB"),
            "the payload itself",
            Samples((payload,), "MB"),
            goal="far below 1x (streamed)",
        ),
    ]
