"""The message as the phone receives it: one block per SMS part, cut exactly where the counter cuts.

Updated shortly after typing pauses (a 40 ms single-shot timer), so a keystroke costs nothing here; the blocks
are kept and only the ones whose text changed are set again.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from vitedesk.core.segments import UCS2, Part, shared_analysis, split
from vitedesk.ui.common.widgets import Tone, named, scrolling, tint

UPDATE_DELAY_MS = 40


def part_heading(part: Part, count: int) -> str:
    """ "Part 2 of 3 · 47 of 153" (a single SMS: "One text · 12 of 160")."""
    if count == 1:
        return f"One text · {part.units} of {part.capacity}"
    return f"Part {part.number} of {count} · {part.units} of {part.capacity}"


class PartBlock(QFrame):
    """One part: its heading and its text, the characters that force Unicode marked as in the composer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = named(QLabel(self), "partHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.body = named(QLabel(self), "partText")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        self._shown: tuple[str, str] = ("", "")

    def show_part(self, heading: str, body_html: str) -> None:
        if (heading, body_html) == self._shown:
            return
        self._shown = (heading, body_html)
        self.heading.setText(heading)
        self.body.setText(body_html)
        self.setAccessibleName(heading)


class SplitPreview(QFrame):
    """[splitPreview]: the parts of the message, live; in MMS mode one sentence instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitPreview")
        self.setAccessibleName("How phones receive the message")
        self._text = ""
        self._protocol = "SMS"
        self._blocks: list[PartBlock] = []
        self.title = named(QLabel("How phones receive it", self), "splitPreviewTitle")
        self.note = named(QLabel(self), "splitPreviewNote")
        self.note.setWordWrap(True)
        self._column = QWidget()
        self._column_layout = QVBoxLayout(self._column)
        self._column_layout.setContentsMargins(0, 0, 0, 0)
        self._column_layout.setSpacing(4)
        self._column_layout.addStretch(1)
        self.partsArea = scrolling(self._column, "splitPreviewParts")  # Tab passes over the frame
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.partsArea, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UPDATE_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # -- what the composer tells it ---------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """The message changed: the preview follows once typing pauses."""
        self._text = text
        self._timer.start()

    def set_protocol(self, protocol: str) -> None:
        protocol = "MMS" if protocol == "MMS" else "SMS"
        if protocol != self._protocol:
            self._protocol = protocol
            self._timer.start()

    def parts(self) -> list[PartBlock]:
        """The blocks on show, in order."""
        return [block for block in self._blocks if not block.isHidden()]

    def refresh(self) -> None:
        self._timer.stop()
        if self._protocol == "MMS":
            self.note.setText("With pictures, the text goes whole, with them, in one picture message (MMS).")
            self.note.setVisible(True)
            self._show_blocks([])
            return
        if not self._text:
            self.note.setText("Type a message to see the texts each person receives.")
            self.note.setVisible(True)
            self._show_blocks([])
            return
        self.note.setVisible(False)
        parts = split(self._text)
        marked = self._unicode_positions()
        colour = tint(self.palette(), Tone.WARNING, QPalette.ColorRole.Base, strength=1.8).name()
        shown = []
        start = 0
        for part in parts:
            end = start + len(part.text)
            shown.append((part_heading(part, len(parts)), _body(part.text, start, marked, colour)))
            start = end
        self._show_blocks(shown)

    # -- inside ---------------------------------------------------------------------------------------

    def _unicode_positions(self) -> frozenset[int]:
        info = shared_analysis(self._text)
        if info.encoding != UCS2:
            return frozenset()
        return frozenset(index for index, _ in info.non_gsm)

    def _show_blocks(self, shown: list[tuple[str, str]]) -> None:
        while len(self._blocks) < len(shown):
            block = PartBlock(self._column)
            self._column_layout.insertWidget(len(self._blocks), block)
            self._blocks.append(block)
        for block, (heading, body) in zip(self._blocks, shown, strict=False):
            block.show_part(heading, body)
            block.setVisible(True)
        for block in self._blocks[len(shown) :]:
            block.setVisible(False)


def _body(text: str, offset: int, marked: frozenset[int], colour: str) -> str:
    """The part as rich text: line breaks kept, characters that force Unicode on a tinted background."""
    pieces = []
    for index, char in enumerate(text, start=offset):
        escaped = html.escape(char)
        if char == "\n":
            escaped = "<br>"
        elif char == "\r":
            escaped = ""
        elif char == " ":
            escaped = "&nbsp;" if index and text[index - offset - 1 : index - offset] == " " else " "
        if index in marked and char not in "\r\n":
            escaped = f'<span style="background-color:{colour}">{escaped}</span>'
        pieces.append(escaped)
    return "".join(pieces)
