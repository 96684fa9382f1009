"""A ViteMobile-compatible server for training mode and tests: nothing it accepts is really sent."""

from vitedesk.sandbox.accounts import DEMO_ACCOUNTS, DemoAccount
from vitedesk.sandbox.app import create_app
from vitedesk.sandbox.faults import FAULTS, Fault
from vitedesk.sandbox.server import SandboxServer, SandboxStartError

__all__ = [
    "DEMO_ACCOUNTS",
    "FAULTS",
    "DemoAccount",
    "Fault",
    "SandboxServer",
    "SandboxStartError",
    "create_app",
]
