"""The core must stay importable without Qt, httpx or keyring: the app, the sandbox and the tests share it."""

import pkgutil
import subprocess
import sys

import vitedesk.core


def test_importing_all_of_core_loads_no_gui_network_or_keychain_library() -> None:
    modules = [f"vitedesk.core.{m.name}" for m in pkgutil.iter_modules(vitedesk.core.__path__)]
    assert modules, "vitedesk.core has no modules"
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in ('PySide6', 'httpx', 'keyring', 'qasync') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
