"""Fixtures for tests/sandbox: an httpx client on the `sandbox` server and logged-in accounts."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from helpers.sandbox_helpers import SandboxClient, login

from vitedesk.sandbox import SandboxServer


@pytest.fixture
def http(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.url, timeout=10) as client:
        yield client


@pytest.fixture
def account(http: httpx.Client) -> Callable[[str], SandboxClient]:
    """account(username) -> a SandboxClient logged in to the `sandbox` fixture's server."""
    return lambda username: SandboxClient(http, login(http, username))
