"""Paint first: the first window is on screen before the heavy parts of the app are imported.

Each start runs in its own process (offscreen); the driver lists sys.modules at the first paint of the first
window. What is listed below costs ~10-270 ms each on a small machine and is not needed to log in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("first_window_driver.py")

NOT_BEFORE_THE_FIRST_WINDOW = {
    "httpx": "the HTTP client",
    "httpcore": "the HTTP client",
    "certifi": "the certificate store",
    "keyring": "the keychain",
    "secretstorage": "the keychain's D-Bus backend",
    "jeepney": "the keychain's D-Bus backend",
    "sqlite3": "the send history",
    "starlette": "the sandbox server",
    "uvicorn": "the sandbox server",
    "jwt": "the sandbox's tokens",
    "PIL": "picture handling",
    "phonenumbers": "reading phone numbers",
    "asyncio": "the event loop (qasync)",
    "qasync": "the event loop",
    "importlib.metadata": "the version number",
    "vitedesk.ui.main_window": "the main window",
    "vitedesk.api.client": "the HTTP client",
    "vitedesk.store.history": "the send history",
    "vitedesk.sandbox.server": "the sandbox server",
}


def first_window(profile: Path, *arguments: str) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(profile / "home")}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(profile), *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    return report


def loaded_too_early(modules: object) -> dict[str, str]:
    assert isinstance(modules, list)
    return {
        module: why
        for module, why in NOT_BEFORE_THE_FIRST_WINDOW.items()
        if any(name == module or name.startswith(module + ".") for name in modules)
    }


@pytest.mark.parametrize("arguments", [("--sandbox",), ()], ids=["practice", "real server"])
def test_the_login_dialog_appears_before_the_heavy_parts_are_loaded(
    tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    report = first_window(tmp_path, *arguments)
    assert report["window"] == "loginDialog"
    assert loaded_too_early(report["modules"]) == {}


def test_with_a_remembered_account_the_main_window_is_the_first_window(tmp_path: Path) -> None:
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"remember": True, "last_username": "ana@shop.example"}))
    report = first_window(tmp_path)
    assert report["window"] == "mainWindow"
