"""Running the sandbox: background thread, command line, plain ASGI app; loopback only; clean stop."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime

import httpx
import pytest
from helpers.sandbox_helpers import BUSINESS, ENTERPRISE, LOGIN, SEND, SandboxClient, login, png_files

from vitedesk.sandbox import SandboxServer, SandboxStartError, create_app
from vitedesk.sandbox.__main__ import parse_args

Account = Callable[[str], SandboxClient]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_campaigns_are_listed_oldest_first_over_http(account: Account, sandbox: SandboxServer) -> None:
    account(BUSINESS).send(message="first", server_type="PRIVATE", server_id="svm-business-1")
    account(ENTERPRISE).send_mms(png_files(2), message="second", sid="MyShop")

    listed = httpx.get(f"{sandbox.url}/sandbox/campaigns").json()

    assert listed == sandbox.campaigns()
    assert [(c["id"], c["account"], c["message"]) for c in listed] == [
        (981, BUSINESS, "first"),
        (982, ENTERPRISE, "second"),
    ]
    assert set(listed[1]) >= {
        "id", "account", "leads", "message", "server_type", "server_id", "sid", "protocol", "segments",
        "images", "received_at",
    }  # fmt: skip
    assert (listed[0]["server_id"], listed[1]["sid"], len(listed[1]["images"])) == (
        "svm-business-1",
        "MyShop",
        2,
    )
    assert datetime.fromisoformat(listed[0]["received_at"]).tzinfo is not None


def test_campaigns_returns_a_copy(account: Account, sandbox: SandboxServer) -> None:
    account(BUSINESS).send()
    sandbox.campaigns()[0]["leads"].append("+19999999999")

    assert sandbox.campaigns()[0]["leads"] == ["+15551234567"]


def test_it_listens_on_127_0_0_1_only(sandbox: SandboxServer) -> None:
    assert sandbox.url == f"http://127.0.0.1:{sandbox.port}"
    assert httpx.get(sandbox.url + "/").status_code == 200
    # On Linux every 127.x address reaches the loopback interface: a server on 0.0.0.0 would answer here.
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", sandbox.port), timeout=2):
        pass


def test_stop_ends_the_thread_and_frees_the_port() -> None:
    server = SandboxServer().start()
    port = server.port
    with httpx.Client(base_url=server.url) as http:  # an open keep-alive connection must not hold the stop up
        login(http, BUSINESS)
        began = time.monotonic()
        server.stop()

    assert time.monotonic() - began < 3
    assert not server.running
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    with SandboxServer(port=port) as again:
        assert again.port == port
    server.stop()  # a second stop is harmless


def test_a_port_in_use_is_reported_in_a_sentence(sandbox: SandboxServer) -> None:
    with pytest.raises(SandboxStartError, match=f"port {sandbox.port}"):
        SandboxServer(port=sandbox.port).start()


def test_the_plain_asgi_app_works_without_a_server() -> None:
    async def scenario() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
            login = await client.post(LOGIN, json={"username": BUSINESS, "password": "sandbox"})
            auth = {"Authorization": f"Bearer {login.json()['access']}"}
            return await client.post(SEND, json={"lead": "15551234567", "message": "Hi"}, headers=auth)

    assert asyncio.run(scenario()).json() == {"id": 981, "status": "SENDING"}


def test_command_line_options() -> None:
    args = parse_args(["--port", "9000", "--latency", "0.5", "--fault", "drop", "--token-lifetime", "30"])

    assert (args.port, args.latency, args.fault, args.token_lifetime) == (9000, 0.5, "drop", 30.0)
    assert parse_args([]).port == 8765
    with pytest.raises(SystemExit):
        parse_args(["--fault", "explode"])


def test_the_command_line_server_starts_answers_and_stops() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "vitedesk.sandbox", "--port", str(port), "--fault", "html500"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert f"http://127.0.0.1:{port}" in banner
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            client = SandboxClient(http, login(http, BUSINESS))
            assert client.send().status_code == 500
    finally:
        process.send_signal(signal.SIGINT if sys.platform != "win32" else signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    if sys.platform != "win32":  # Ctrl+C ends it quietly
        assert process.returncode == 0
        assert "Sandbox stopped." in out
        assert "Traceback" not in err


def test_the_command_line_refuses_a_busy_port(sandbox: SandboxServer) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vitedesk.sandbox", "--port", str(sandbox.port)],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    assert f"could not use port {sandbox.port}" in result.stderr
