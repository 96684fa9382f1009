"""Rows without a window: the segment counter against Twilio's calculator, leads against phonenumbers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from bench_leads import PEAK_SCRIPT, naive, realistic_leads
from bench_segments import BENCH_TEXTS, NODE_SCRIPT, _cached_twilio
from table import Row, Samples

from vitedesk.core.leads import parse_leads
from vitedesk.core.segments import analyze

SEGMENT_TEXTS = ("GSM-7 plain", "UCS-2 Cyrillic", "UCS-2 emoji sprinkled")


def _twilio_ms(texts: list[str], calls: int, cache: Path) -> list[float] | None:
    install = _cached_twilio(cache)
    if install is None:
        return None
    completed = subprocess.run(
        ["node", str(NODE_SCRIPT), str(install)],
        input=json.dumps({"texts": texts, "time_calls": calls}),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return [float(result["ms_per_call"]) for result in json.loads(completed.stdout)]


def segment_rows(quick: bool, cache: Path) -> list[Row]:
    """analyze() on 1,600-character texts; Twilio's npm calculator under node is the baseline when present."""
    runs = 3 if quick else 7
    number = 50 if quick else 2000
    texts = [BENCH_TEXTS[name] for name in SEGMENT_TEXTS]
    twilio: list[list[float]] = [[] for _ in texts]
    if shutil.which("node") and not quick:
        for _ in range(runs):
            measured = _twilio_ms(texts, 20, cache)
            if measured is None:
                break
            for index, value in enumerate(measured):
                twilio[index].append(value * 1000)
    rows = []
    for name, text, theirs in zip(SEGMENT_TEXTS, texts, twilio, strict=True):
        ours = timeit.repeat(lambda text=text: analyze(text), number=number, repeat=runs)
        rows.append(
            Row(
                f"segment counter: analyze(), 1,600 chars {name}",
                Samples(tuple(seconds / number * 1e6 for seconds in ours), "us"),
                "Twilio sms-segments-calculator (node)" if theirs else "Twilio calculator (node not run)",
                Samples(tuple(theirs), "us") if theirs else None,
                goal="<= 20 us GSM-7 / 50 us UCS-2",
            )
        )
    return rows


def _timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def lead_rows(quick: bool, work: Path) -> list[Row]:
    """parse_leads on 100k lines (vs a naive phonenumbers loop) and 1M lines; peak memory in a child."""
    small, large = (2_000, 20_000) if quick else (100_000, 1_000_000)
    runs = 2 if quick else 3
    text = realistic_leads(small)
    parse_leads(text)  # warm-up: the region rules compile once per process, on the first paste
    ours = Samples(tuple(_timed(lambda: parse_leads(text)) for _ in range(runs)), "s")
    theirs = Samples(tuple(_timed(lambda: naive(text)) for _ in range(1 if not quick else runs)), "s")
    rows = [
        Row(
            f"leads: parse_leads, {small:,} lines",
            ours,
            "naive phonenumbers parse + is_valid + format per line",
            theirs,
            goal="ratio <= 1/30 (>= 30x faster)",
        )
    ]
    big = realistic_leads(large)
    big_samples = Samples(tuple(_timed(lambda: parse_leads(big)) for _ in range(runs)), "s")
    rows.append(
        Row(
            f"leads: parse_leads, {large:,} lines",
            big_samples,
            f"the same per line at {small:,} lines, scaled x{large // small}",
            Samples(tuple(value * (large // small) for value in ours.values), "s"),
            goal="<= 1 s (1M)",
        )
    )
    text_path = work / "leads.txt"
    text_path.write_text(big, encoding="utf-8")
    script = PEAK_SCRIPT.format(path=sys.path[:3], text_path=str(text_path))
    peaks = []
    befores = []
    for _ in range(1 if quick else 2):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        memory = json.loads(done.stdout.strip().splitlines()[-1])
        peaks.append(memory["rss_mb"])
        befores.append(memory["before_mb"])
    rows.append(
        Row(
            f"leads: peak memory, {large:,} lines",
            Samples(tuple(peaks), "MB"),
            "the same process before parsing (input text loaded)",
            Samples(tuple(befores), "MB"),
            goal="<= 400 MB (1M)",
        )
    )
    return rows


def core_rows(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="vitedesk-bench-") as folder:
        work = Path(folder)
        return segment_rows(quick, Path.home() / ".cache" / "vitedesk-bench" / "twilio") + lead_rows(
            quick, work
        )
