"""Startup row: process start to the first painted window, ViteDesk against a bare PySide6 window."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from table import Row, Samples

DRIVER = Path(__file__).with_name("first_paint.py")


@contextlib.contextmanager
def screen() -> Iterator[tuple[dict[str, str], str]]:
    """Environment for the child processes: a private Xvfb screen when Xvfb is installed, else offscreen."""
    env = dict(os.environ)
    if shutil.which("Xvfb") is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
        yield env, "offscreen"
        return
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        display = answer.readline().strip()
    env.update(DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
    try:
        yield env, "Xvfb"
    finally:
        server.terminate()
        server.wait(10)


def first_paint_seconds(kind: str, env: dict[str, str], profile: Path) -> float:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(DRIVER), kind, str(profile)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(30)
    if line.strip() != "painted":
        raise RuntimeError(f"{kind}: no window was painted (exit {child.returncode})")
    return elapsed


def startup_rows(quick: bool) -> list[Row]:
    runs = 3 if quick else 9
    with screen() as (env, where), tempfile.TemporaryDirectory(prefix="vitedesk-bench-") as folder:
        profile = Path(folder)
        env["PYTHONPATH"] = os.pathsep.join([*sys.path[:3], env.get("PYTHONPATH", "")])
        # With compiled bytecode, as on every start after the first (Python writes it then; installers ship
        # it), kept in the temporary folder so the source tree gets no __pycache__ from this.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(profile / "bytecode")
        # warm-up: the OS file cache and the profile's first creation are not what a person pays every day
        first_paint_seconds("bare", env, profile)
        first_paint_seconds("vitedesk", env, profile)
        ours: list[float] = []
        bare: list[float] = []
        for _ in range(runs):  # interleaved, so a busy moment hurts both alike
            bare.append(first_paint_seconds("bare", env, profile))
            ours.append(first_paint_seconds("vitedesk", env, profile))
    return [
        Row(
            f"startup: first window, vitedesk --sandbox ({where})",
            Samples(tuple(value * 1000 for value in ours), "ms"),
            "bare PySide6 window with one label",
            Samples(tuple(value * 1000 for value in bare), "ms"),
            goal="ratio <= 1.25",
        )
    ]
