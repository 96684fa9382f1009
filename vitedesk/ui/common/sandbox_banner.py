"""The always-visible strip that says the app is talking to the built-in sandbox."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

SANDBOX_TEXT = "Sandbox: nothing is really sent"


class SandboxBanner(QLabel):
    """Amber strip with dark text (readable in light and dark themes alike)."""

    def __init__(self, server_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sandboxBanner")
        self._text = (
            f"<b>{SANDBOX_TEXT}</b> — messages go to the built-in test server at {server_url}. "
            "Log in with a demo account; the password is “sandbox”."
        )
        self.setText(self._text)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName(SANDBOX_TEXT)
        self.setStyleSheet("#sandboxBanner { background: #ffd54f; color: #1a1a1a; padding: 6px; }")

    def show_clock(self, start: datetime) -> None:
        """Say that the practice clock (--sandbox-clock) stands in for the real time, and from when."""
        offset = start.strftime("%z")
        offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else ""
        self.setText(
            f"{self._text}<br>Practice clock (--sandbox-clock): ViteDesk's time started at "
            f"{start:%a %d %b %Y %H:%M} {offset} and runs on from there, for quiet hours."
        )
