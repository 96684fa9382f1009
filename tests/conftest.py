"""Shared fixtures: a real sandbox server on a free loopback port, fresh for every test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from vitedesk.sandbox import SandboxServer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the Qt tests last, whatever order the paths were given in.

    The UI tests share ONE qasync loop for the whole session (a loop per test breaks the QApplication), and
    qasync registers it as the thread's running loop; after that, asyncio.run() and anyio's runner refuse to
    start in the API and sandbox tests.
    """
    items.sort(key=lambda item: "/tests/ui/" in item.path.as_posix())


@pytest.fixture
def sandbox_factory() -> Iterator[Callable[..., SandboxServer]]:
    """sandbox_factory(**create_app options) -> a started SandboxServer, stopped when the test ends."""
    servers: list[SandboxServer] = []

    def start(**options: Any) -> SandboxServer:
        server = SandboxServer(**options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def sandbox(sandbox_factory: Callable[..., SandboxServer]) -> SandboxServer:
    """A started sandbox with default options (demo accounts, no faults)."""
    return sandbox_factory()
