"""Calm, non-modal messages at the top of the main window (restored draft, keychain, interrupted sends)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from vitedesk.ui.common.widgets import InlineNotice, Tone


class NoticeArea(QWidget):
    """A stack of dismissable inline notices, one per topic; showing a topic again replaces its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeArea")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._notices: dict[str, InlineNotice] = {}

    def show_message(self, topic: str, text: str, tone: Tone = Tone.INFO) -> InlineNotice:
        """Show ``text`` under ``topic`` (also the notice's objectName); an empty text hides it."""
        notice = self._notices.get(topic)
        if notice is None:
            notice = InlineNotice(self)
            notice.setObjectName(topic)
            self._layout.addWidget(notice)
            self._notices[topic] = notice
        notice.show_message(text, tone)
        return notice

    def text(self, topic: str) -> str:
        """What ``topic`` shows now ("" when never shown or dismissed)."""
        notice = self._notices.get(topic)
        return notice.text() if notice is not None else ""

    def topics(self) -> list[str]:
        """Topics currently shown, top to bottom."""
        return [topic for topic, notice in self._notices.items() if notice.text()]
