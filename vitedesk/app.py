"""Composition root: parse arguments, build the application and wire its parts together."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from vitedesk import __version__


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="vitedesk", description="Send SMS and MMS campaigns with ViteMobile.")
    parser.add_argument("--version", action="version", version=f"ViteDesk {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    parse_args(sys.argv[1:] if argv is None else argv)
    return 0
