"""The always-visible strip that says the app is talking to the built-in sandbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

SANDBOX_TEXT = "Sandbox: nothing is really sent"


class SandboxBanner(QLabel):
    """Amber strip with dark text (readable in light and dark themes alike)."""

    def __init__(self, server_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sandboxBanner")
        self.setText(
            f"<b>{SANDBOX_TEXT}</b> — messages go to the built-in test server at {server_url}. "
            "Log in with a demo account; the password is “sandbox”."
        )
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName(SANDBOX_TEXT)
        self.setStyleSheet("#sandboxBanner { background: #ffd54f; color: #1a1a1a; padding: 6px; }")
