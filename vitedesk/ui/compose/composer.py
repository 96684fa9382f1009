"""Message composer: text, live SMS part counter, Unicode characters highlighted with a one-click fix."""

from __future__ import annotations

import difflib
from decimal import Decimal

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QPalette, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.cost import Prices, estimate
from vitedesk.core.segments import (
    GSM7,
    UCS2,
    SegmentInfo,
    analyze,
    shared_analysis,
    smart_replace,
    unicode_stretches,
)
from vitedesk.core.wording import plural, unicode_warning
from vitedesk.ui.common.utf16 import utf16_offset, utf16_spans
from vitedesk.ui.common.widgets import InlineNotice, Tone, tint
from vitedesk.ui.compose.split_preview import SplitPreview

ENCODING_WORDS = {GSM7: "plain text (GSM)", UCS2: "Unicode (special characters)"}


def counter_text(text: str, info: SegmentInfo, protocol: str = "SMS") -> str:
    """ "161 characters · 2 texts per person · plain text (GSM)"; with pictures "… · 1 MMS per person"."""
    characters = plural(len(text), "character")
    if protocol == "MMS":
        return f"{characters} · 1 picture message (MMS) per person"
    texts = plural(info.segments, "text")
    return f"{characters} · {texts} per person · {ENCODING_WORDS.get(info.encoding, info.encoding)}"


def counter_tooltip(info: SegmentInfo, protocol: str = "SMS") -> str:
    """How much room is left before one more text is needed, in words."""
    if protocol == "MMS":
        return "With pictures attached, the text goes with them in one picture message (MMS) per person."
    unit = "character" if info.encoding == GSM7 else "character space"
    room = plural(info.remaining, unit)
    per_text = (
        f"one text holds {info.per_segment:,} {unit}s"
        if info.segments == 1
        else (f"each part of a longer text holds {info.per_segment:,} {unit}s")
    )
    return f"{room} left before one more text is needed ({per_text})."


def total_text(recipients: int, info: SegmentInfo, protocol: str = "SMS") -> str:
    """ "× 1,204 people = 2,408 texts"; "" before there are recipients."""
    if recipients <= 0:
        return ""
    if protocol == "MMS":
        return f"× {plural(recipients, 'person', 'people')} = {plural(recipients, 'picture message')}"
    total = plural(recipients * info.segments, "text")
    return f"× {plural(recipients, 'person', 'people')} = {total}"


def locale_number(value: Decimal, decimals: int) -> str:
    """A Decimal in the person's locale (thousands and decimal separators), with exactly `decimals` places."""
    locale = QLocale()
    whole, _, fraction = f"{value:.{decimals}f}".partition(".")
    text = locale.toString(int(whole)) if whole.lstrip("-").isdigit() else whole
    return f"{text}{locale.decimalPoint()}{fraction}" if fraction else text


def cost_text(prices: Prices, recipients: int, info: SegmentInfo, protocol: str = "SMS") -> str:
    """ "≈ 2,408 texts × 0.0079 USD = 19.02 USD" when a price is set and there are recipients; else ""."""
    if recipients <= 0:
        return ""
    messages = recipients if protocol == "MMS" else recipients * info.segments
    found = estimate(prices, messages, protocol)
    return found.sentence(locale_number) if found is not None else ""


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
        # One scan of the block, one format per stretch (words of another script and the spaces between them
        # make one): linear in the block, and few format ranges for Qt to lay out again on every keystroke.
        runs = unicode_stretches(text.replace("\u00a0", " "))
        for start, length in utf16_spans(text, runs):
            self.setFormat(start, length, self._format)


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
        self.segmentCounter.setWordWrap(True)  # a narrow window wraps the counter instead of widening
        self.totalLabel = QLabel(self)
        self.totalLabel.setObjectName("messageTotal")
        self.totalLabel.setAccessibleName("Total messages")
        self.totalLabel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.costLabel = QLabel(self)
        self.costLabel.setObjectName("messageCost")
        self.costLabel.setAccessibleName("Estimated cost")
        self.costLabel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.costLabel.setVisible(False)
        self._prices = Prices()

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
        self.splitPreview = SplitPreview(self)
        self.splitPreview.setMinimumWidth(180)
        text_row = QHBoxLayout()
        text_row.setContentsMargins(0, 0, 0, 0)
        text_row.addWidget(self.messageEdit, 3)
        text_row.addWidget(self.splitPreview, 2)
        layout.addLayout(text_row, 1)
        layout.addLayout(counters)
        layout.addWidget(self.costLabel)
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
        """Show "× 1,204 people = 2,408 texts" for ``count`` recipients (the main window passes it in)."""
        count = max(0, count)
        if count != self._recipients:
            self._recipients = count
            self._refresh()  # the Unicode warning counts the extra messages across all recipients

    def set_protocol(self, protocol: str) -> None:
        """ "SMS" counts parts; "MMS" sends the text with the pictures as one message per recipient."""
        protocol = "MMS" if protocol == "MMS" else "SMS"
        if protocol == self._protocol:
            return  # asked on every edit by the window; nothing to redo
        self._protocol = protocol
        self.splitPreview.set_protocol(self._protocol)
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
        self.splitPreview.set_text(self.message())
        self.messageChanged.emit(self.message())

    def _refresh(self) -> None:
        text = self.message()
        self._info = shared_analysis(text)  # the same SegmentInfo the campaign and the warning use
        info = self._info
        self.segmentCounter.setText(counter_text(text, info, self._protocol))
        self.segmentCounter.setToolTip(counter_tooltip(info, self._protocol))
        self.segmentCounter.setAccessibleDescription(self.segmentCounter.toolTip())
        warning = unicode_warning(text, self._recipients, info) if self._protocol == "SMS" else ""
        if warning:
            self.unicodeNotice.show_message(warning, Tone.WARNING)
            self.replaceButton.setVisible(smart_replace(text) != text)
        else:
            self.unicodeNotice.show_message("")
        self._refresh_total()

    def set_prices(self, prices: Prices) -> None:
        """Prices from the settings: the total then shows the estimated cost as well."""
        self._prices = prices
        self._refresh_total()

    def _refresh_total(self) -> None:
        self.totalLabel.setText(total_text(self._recipients, self._info, self._protocol))
        cost = cost_text(self._prices, self._recipients, self._info, self._protocol)
        self.costLabel.setText(cost)
        self.costLabel.setVisible(bool(cost))
