"""Benchmarks of the API client: memory while uploading a 5 x 4 MB MMS, time to send to 100,000 recipients.

Run: uv run pytest -m bench tests/bench/bench_api.py -s
The sandbox runs in its own process (python -m vitedesk.sandbox), so every number is the client's alone.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from vitedesk.api import ViteMobileClient
from vitedesk.core.campaign import Campaign
from vitedesk.core.leads import parse_leads

pytestmark = [pytest.mark.bench, pytest.mark.anyio]

IMAGE_BYTES = 4_000_000
RECIPIENTS = 100_000
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def sandbox_process() -> Iterator[str]:
    """A sandbox in a child process on a free port; yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "vitedesk.sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", first_line)
        assert found, f"the sandbox did not start: {first_line!r}"
        threading.Thread(target=process.stdout.read, daemon=True).start()  # keep its pipe from filling up
        yield found.group(0)
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def four_mb_pictures(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Five decodable pictures of at least 4 MB: random pixels, alternately PNG and JPEG (quality 100)."""
    folder = tmp_path_factory.mktemp("bench-pictures")
    paths = []
    for index in range(5):
        image_format, side = ("PNG", 1160) if index % 2 == 0 else ("JPEG", 1010)
        path = folder / f"picture-{index}.{image_format.lower()}"
        while not path.exists() or path.stat().st_size < IMAGE_BYTES:
            buffer = io.BytesIO()
            Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
                buffer, image_format, **({"quality": 100, "subsampling": 0} if image_format == "JPEG" else {})
            )
            path.write_bytes(buffer.getvalue())
            side += 20
        paths.append(path)
    return paths


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE


class RssSampler:
    """Samples this process's resident memory every 2 ms in a thread; .peak is the highest seen."""

    def __init__(self) -> None:
        self.peak = resident_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, resident_bytes())
            time.sleep(0.002)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, resident_bytes())


def megabytes(size: float) -> str:
    return f"{size / 1_000_000:.2f} MB"


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads resident memory from /proc")
async def test_memory_while_uploading_five_4_mb_pictures(
    sandbox_process: str, four_mb_pictures: list[Path]
) -> None:
    total = sum(path.stat().st_size for path in four_mb_pictures)
    numbers = ["+12015550123", "+12015550124"]
    async with ViteMobileClient(sandbox_process) as client:
        await client.login("business@sandbox.test", "sandbox")
        # Warm up: imports, the connection and the multipart code path, with one small picture.
        await client.send(Campaign(leads=numbers, message="warm-up", images=four_mb_pictures[:1]))

        rss_before = resident_bytes()
        with RssSampler() as sampler:
            tracemalloc.start()
            baseline, _ = tracemalloc.get_traced_memory()
            started = time.perf_counter()
            receipt = await client.send(
                Campaign(leads=numbers, message="Five pictures", images=four_mb_pictures)
            )
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

    python_growth = peak - baseline
    rss_growth = sampler.peak - rss_before
    print(
        f"\nMMS upload of {megabytes(total)} in 5 pictures: {elapsed:.2f} s (tracemalloc on), "
        f"receipt {receipt.id}"
        f"\n  peak Python allocation growth (tracemalloc): {megabytes(python_growth)}"
        f"\n  peak resident memory growth (RSS, 2 ms samples): {megabytes(rss_growth)}"
    )
    assert total >= 20_000_000
    assert python_growth < 2_000_000, "the pictures are being held in memory, not streamed"
    assert rss_growth < 8_000_000


async def test_time_to_build_and_send_100000_recipients(sandbox_process: str) -> None:
    # As pasted from a spreadsheet: national format, one number a line.
    area_codes = [201, 202, 203, 205, 206, 207, 208, 209, 210, 212]
    pasted = "\n".join(f"({area}) 555-{line:04d}" for area in area_codes for line in range(10_000))
    started = time.perf_counter()
    report = parse_leads(pasted, "US")
    parsed = time.perf_counter()
    campaign = Campaign(
        leads=report.numbers,
        message="Spring sale: 20% off everything until Sunday. Reply STOP to opt out.",
        unverified=[lead.e164 for lead in report.unverified],
    )
    problems = campaign.problems()
    built = time.perf_counter()
    assert len(campaign.leads) == RECIPIENTS
    assert not [problem for problem in problems if problem.blocking]

    async with ViteMobileClient(sandbox_process) as client:
        await client.login("enterprise@sandbox.test", "sandbox")
        started_send = time.perf_counter()
        receipt = await client.send(campaign)
        sent = time.perf_counter() - started_send
    async with httpx.AsyncClient() as plain:
        recorded = (await plain.get(f"{sandbox_process}/sandbox/campaigns")).json()
    print(
        f"\n{RECIPIENTS:,}-recipient SMS: parse_leads {parsed - started:.2f} s, Campaign + problems() "
        f"{built - parsed:.2f} s, send (request, sandbox processing, answer) {sent:.2f} s, "
        f"total {built - started + sent:.2f} s; receipt {receipt.id} {receipt.status}"
    )
    assert receipt.status == "SENDING"
    assert len(recorded[-1]["leads"]) == RECIPIENTS  # the sandbox found every number valid
