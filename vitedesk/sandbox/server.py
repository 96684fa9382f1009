"""Serving the sandbox with uvicorn on 127.0.0.1, in a background thread (app, tests) or in the foreground."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn
from starlette.applications import Starlette

from vitedesk.sandbox.app import SandboxState, create_app
from vitedesk.sandbox.faults import ClosableH11Protocol
from vitedesk.sandbox.limits import READABLE_HEAD_BYTES

HOST = "127.0.0.1"


class SandboxStartError(OSError):
    """The sandbox could not start; str() is a sentence for a person."""


def bind_loopback(port: int) -> socket.socket:
    """A TCP socket bound to 127.0.0.1:port (0 = any free port); SandboxStartError if the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if sys.platform != "win32":
        # Lets a restarted sandbox reuse its port while old connections linger in TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise SandboxStartError(
            f"The sandbox could not use port {port} ({exc.strerror}). "
            "Close the program using it or pick another port."
        ) from exc
    return sock


def uvicorn_config(app: Starlette, *, quiet: bool) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http=ClosableH11Protocol,
        h11_max_incomplete_event_size=READABLE_HEAD_BYTES,  # so that big headers get a 431 (see limits)
        lifespan="off",
        log_config=None if quiet else uvicorn.config.LOGGING_CONFIG,
        log_level="warning" if quiet else "info",
        access_log=not quiet,
        timeout_graceful_shutdown=2,
    )


class _StoppableServer(uvicorn.Server):
    """uvicorn.Server that leaves its main loop as soon as request_exit() is called from another thread,
    instead of at its next 0.1 s tick (tests start and stop a sandbox each)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake = asyncio.Event()

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864_000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.server_state.connections:
            await super().shutdown(sockets)
            return
        # Nothing to drain: skip uvicorn's fixed 0.1 s pause for open connections (lifespan is off).
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()

    def request_exit(self) -> None:
        self.should_exit = True
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed in between
                self._loop.call_soon_threadsafe(self._wake.set)


class SandboxServer:
    """A sandbox served by uvicorn in a background thread on 127.0.0.1.

    `with SandboxServer() as sandbox: ...` or start()/stop(); `url` is valid once started.
    """

    def __init__(self, port: int = 0, **app_options: Any) -> None:
        self.app = create_app(**app_options)
        self._requested_port = port
        self._port: int | None = None
        self._server: _StoppableServer | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("The sandbox is not running.")
        return self._port

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def state(self) -> SandboxState:
        state: SandboxState = self.app.state.sandbox
        return state

    def campaigns(self) -> list[dict[str, Any]]:
        """Every accepted campaign, oldest first (the same data as GET /sandbox/campaigns)."""
        return self.state.campaigns_snapshot()

    def start(self, timeout: float = 10.0) -> SandboxServer:
        """Start serving and return once connections are accepted; SandboxStartError if that fails."""
        if self._thread is not None:
            raise RuntimeError("The sandbox is already running.")
        sock = bind_loopback(self._requested_port)
        self._port = sock.getsockname()[1]
        server = _StoppableServer(uvicorn_config(self.app, quiet=True))
        self._server = server
        self._failure = None
        self._thread = threading.Thread(
            target=self._serve, args=(server, sock), name="vitedesk-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                sock.close()
                raise SandboxStartError(f"The sandbox did not start: {self._failure or 'timed out'}.")
            time.sleep(0.005)
        return self

    def _serve(self, server: _StoppableServer, sock: socket.socket) -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # SystemExit from uvicorn on startup failure included
            self._failure = exc

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close open connections and wait for the thread to end. Safe to call twice."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.request_exit()
        thread.join(timeout)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout)
        self._server = None
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
