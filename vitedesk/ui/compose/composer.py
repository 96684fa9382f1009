"""Message composer: text, live SMS part counter, Unicode characters highlighted with a one-click fix."""

from __future__ import annotations

import difflib

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.segments import SegmentInfo, analyze, smart_replace
from vitedesk.core.wording import plural, unicode_warning
from vitedesk.ui.common.widgets import InlineNotice, Tone, tint


def counter_text(info: SegmentInfo) -> str:
    """ "12 / 160 · 1 SMS · GSM-7": units used in the current part / units per part, parts, encoding.

    Counting up reads like every phone's counter ("12 of 160 used"); the tooltip says how many are left.
    """
    used = info.per_segment - info.remaining
    return f"{used:,} / {info.per_segment:,} · {info.segments:,} SMS · {info.encoding}"


def utf16_offset(text: str, index: int) -> int:
    """Qt position (UTF-16 code units) of the Python character ``index`` in ``text``."""
    if text.isascii():
        return index
    head = text[:index]
    return index + sum(1 for ch in head if ord(ch) > 0xFFFF)


class UnicodeHighlighter(QSyntaxHighlighter):
    """Soft background behind every character that forces Unicode. Qt re-runs it only for edited blocks."""

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._format = QTextCharFormat()
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        self._format = QTextCharFormat()
        self._format.setBackground(tint(palette, Tone.WARNING, QPalette.ColorRole.Base, strength=1.8))
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self._format.setUnderlineColor(palette.color(QPalette.ColorRole.Text))

    def highlightBlock(self, text: str) -> None:
        # message() is toPlainText(), which turns no-break spaces into plain ones: count them the same way.
        info = analyze(text.replace("\u00a0", " "))
        for index, ch in info.non_gsm:
            self.setFormat(utf16_offset(text, index), len(ch.encode("utf-16-le")) // 2, self._format)


class Composer(QWidget):
    """The message box with its counter; messageChanged fires on every edit."""

    messageChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Message")
        self._recipients = 0
        self._protocol = "SMS"
        self._info = analyze("")

        self.messageEdit = QPlainTextEdit(self)
        self.messageEdit.setObjectName("messageEdit")
        self.messageEdit.setAccessibleName("Message text")
        self.messageEdit.setPlaceholderText("Type the message your recipients will receive…")
        self.messageEdit.setTabChangesFocus(True)

        self.segmentCounter = QLabel(self)
        self.segmentCounter.setObjectName("segmentCounter")
        self.segmentCounter.setAccessibleName("SMS parts")
        self.totalLabel = QLabel(self)
        self.totalLabel.setObjectName("messageTotal")
        self.totalLabel.setAccessibleName("Total messages")
        self.totalLabel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.unicodeNotice = InlineNotice(self, dismissable=False)
        self.unicodeNotice.setObjectName("unicodeNotice")
        self.unicodeNotice.label.setAccessibleName("Unicode characters")
        self.replaceButton = QPushButton("Replace with plain characters", self.unicodeNotice)
        self.replaceButton.setObjectName("replaceButton")
        self.replaceButton.setAccessibleName("Replace special characters with plain ones")
        self.replaceButton.setToolTip(
            "Turns curly quotes, long dashes and similar characters into plain ones. Ctrl+Z undoes it."
        )
        self.unicodeNotice.row.insertWidget(1, self.replaceButton, 0, Qt.AlignmentFlag.AlignVCenter)

        counters = QHBoxLayout()
        counters.setContentsMargins(0, 0, 0, 0)
        counters.addWidget(self.segmentCounter)
        counters.addStretch(1)
        counters.addWidget(self.totalLabel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.messageEdit, 1)
        layout.addLayout(counters)
        layout.addWidget(self.unicodeNotice)
        QWidget.setTabOrder(self.messageEdit, self.replaceButton)

        self._highlighter = UnicodeHighlighter(self.messageEdit.document(), self.palette())
        self.messageEdit.textChanged.connect(self._on_text_changed)
        self.replaceButton.clicked.connect(self.replace_special_characters)
        self._refresh()

    # -- public API ---------------------------------------------------------------------------------

    def message(self) -> str:
        return self.messageEdit.toPlainText()

    def set_message(self, text: str) -> None:
        """Replace the whole message (for loading a draft; the undo history starts afresh)."""
        if text != self.message():
            self.messageEdit.setPlainText(text)

    def segment_info(self) -> SegmentInfo:
        return self._info

    def set_recipient_count(self, count: int) -> None:
        """Show "× 1,204 recipients = 3,612 messages" for ``count`` recipients."""
        count = max(0, count)
        if count != self._recipients:
            self._recipients = count
            self._refresh()  # the Unicode warning counts the extra messages across all recipients

    def set_protocol(self, protocol: str) -> None:
        """ "SMS" counts parts; "MMS" sends the text with the pictures as one message per recipient."""
        self._protocol = "MMS" if protocol == "MMS" else "SMS"
        self._refresh()

    def replace_special_characters(self) -> None:
        """Apply smart_replace as ONE undo step, touching only the characters that change."""
        text = self.message()
        replaced = smart_replace(text)
        if replaced == text:
            return
        cursor = QTextCursor(self.messageEdit.document())
        cursor.beginEditBlock()
        opcodes = difflib.SequenceMatcher(None, text, replaced, autojunk=False).get_opcodes()
        # Right to left, so earlier positions stay valid.
        for tag, start, end, new_start, new_end in reversed(opcodes):
            if tag == "equal":
                continue
            cursor.setPosition(utf16_offset(text, start))
            cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replaced[new_start:new_end])
        cursor.endEditBlock()

    # -- behaviour ------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_highlighter"):
            self._highlighter.set_palette(self.palette())
            self._highlighter.rehighlight()
        super().changeEvent(event)

    def _on_text_changed(self) -> None:
        self._refresh()
        self.messageChanged.emit(self.message())

    def _refresh(self) -> None:
        text = self.message()
        self._info = analyze(text)
        info = self._info
        if self._protocol == "MMS":
            self.segmentCounter.setText(f"{plural(len(text), 'character')} · MMS")
            self.segmentCounter.setToolTip("With pictures attached, the text goes in one MMS per recipient.")
        else:
            self.segmentCounter.setText(counter_text(info))
            self.segmentCounter.setToolTip(
                f"{info.units:,} units used; {info.remaining:,} left in this part of {info.per_segment:,} "
                f"({info.encoding})."
            )
        self.segmentCounter.setAccessibleDescription(self.segmentCounter.toolTip())
        warning = unicode_warning(text, self._recipients, info) if self._protocol == "SMS" else ""
        if warning:
            self.unicodeNotice.show_message(warning, Tone.WARNING)
            self.replaceButton.setVisible(smart_replace(text) != text)
        else:
            self.unicodeNotice.show_message("")
        self._refresh_total()

    def _refresh_total(self) -> None:
        if self._recipients == 0:
            self.totalLabel.setText("")
            return
        parts = 1 if self._protocol == "MMS" else self._info.segments
        total = self._recipients * parts
        self.totalLabel.setText(f"× {plural(self._recipients, 'recipient')} = {plural(total, 'message')}")
