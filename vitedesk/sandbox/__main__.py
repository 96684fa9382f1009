"""python -m vitedesk.sandbox: run the sandbox in the foreground on 127.0.0.1 until Ctrl+C."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

import uvicorn

from vitedesk.sandbox.accounts import DEMO_ACCOUNTS
from vitedesk.sandbox.app import CAMPAIGNS_PATH, create_app
from vitedesk.sandbox.faults import FAULTS
from vitedesk.sandbox.server import HOST, SandboxStartError, bind_loopback, uvicorn_config


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="vitedesk-sandbox",
        description="A ViteMobile-compatible practice server on 127.0.0.1. Nothing it accepts is sent.",
    )
    parser.add_argument(
        "--port", type=int, default=8765, help="port to listen on, 0 = any free port (default 8765)"
    )
    parser.add_argument("--latency", type=_non_negative, default=0.0, help="seconds to wait before answering")
    parser.add_argument("--fault", choices=FAULTS, default=None, help="make every send fail this way")
    parser.add_argument(
        "--token-lifetime",
        type=_positive,
        default=3600.0,
        help="seconds an access token stays valid; default 3600",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        sock = bind_loopback(args.port)
    except SandboxStartError as exc:
        print(exc, file=sys.stderr)
        return 1
    url = f"http://{HOST}:{sock.getsockname()[1]}"
    app = create_app(token_lifetime=args.token_lifetime, latency=args.latency, fault=args.fault)
    lines = [f"ViteDesk sandbox listening on {url}  (campaigns received: {url}{CAMPAIGNS_PATH})"]
    lines += [
        f"  {demo.username} / {demo.password}  {demo.licence}: {demo.summary}" for demo in DEMO_ACCOUNTS
    ]
    if args.fault or args.latency:
        lines.append(f"  Faults: {args.fault or 'none'}, latency {args.latency:g} s")
    lines.append("Press Ctrl+C to stop.")
    print("\n".join(lines), flush=True)
    # uvicorn shuts down cleanly on Ctrl+C, then raises it again for its caller: here, nobody needs it.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(uvicorn_config(app, quiet=False)).run(sockets=[sock])
    print("Sandbox stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
