"""Composer: live counter, Unicode characters highlighted and priced, Replace as one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from vitedesk.ui.compose.composer import Composer


@pytest.fixture
def composer(qtbot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.resize(520, 300)
    widget.show()
    return widget


def type_text(widget, text: str) -> None:
    """Type ``text`` as key events (QTest.keyClicks knows only ASCII; keyboards type curly quotes too)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def highlighted_ranges(composer: Composer) -> list[tuple[int, int]]:
    """(start, length) of every highlighted range in the message, from the layout the user sees."""
    found = []
    block = composer.messageEdit.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.background().style() != Qt.BrushStyle.NoBrush:
                found.append((block.position() + fmt.start, fmt.length))
        block = block.next()
    return found


def test_counter_follows_typing(qtbot, composer: Composer) -> None:
    assert composer.segmentCounter.text() == "0 characters · 1 text per person · plain text (GSM)"
    seen: list[str] = []
    composer.messageChanged.connect(seen.append)
    qtbot.keyClicks(composer.messageEdit, "Hello there")
    assert seen[0] == "H" and seen[-1] == "Hello there" == composer.message()
    assert composer.segmentCounter.text() == "11 characters · 1 text per person · plain text (GSM)"
    assert composer.segmentCounter.toolTip().startswith("149 characters left before one more text")
    composer.set_message("a" * 161)
    assert composer.segmentCounter.text() == "161 characters · 2 texts per person · plain text (GSM)"
    assert not composer.unicodeNotice.isVisible()


def test_curly_quote_is_highlighted_priced_and_replaced_with_undo(qtbot, composer: Composer) -> None:
    plain = "x" * 150
    composer.set_message(plain)
    composer.messageEdit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(composer.messageEdit, " “ok”")
    assert composer.segmentCounter.text() == (
        "155 characters · 3 texts per person · Unicode (special characters)"
    )
    assert highlighted_ranges(composer) == [(151, 1), (154, 1)]
    assert composer.unicodeNotice.isVisible()
    assert composer.unicodeNotice.text() == (
        "“ and ” force Unicode: this message needs 3 SMS instead of 1. "
        "Use Replace to swap them for plain characters."
    )
    assert composer.replaceButton.isVisible()

    qtbot.mouseClick(composer.replaceButton, Qt.MouseButton.LeftButton)
    assert composer.message() == plain + ' "ok"'
    assert composer.segmentCounter.text() == "155 characters · 1 text per person · plain text (GSM)"
    assert highlighted_ranges(composer) == []
    assert not composer.unicodeNotice.isVisible()

    composer.messageEdit.setFocus()
    qtbot.keySequence(composer.messageEdit, QKeySequence.StandardKey.Undo)
    assert composer.message() == plain + " “ok”"  # one Ctrl+Z undoes the whole replacement
    assert highlighted_ranges(composer) == [(151, 1), (154, 1)]


def test_emoji_has_no_replacement_and_is_said_so(composer: Composer) -> None:
    composer.set_message("Party tonight 🎉 bring “friends”" + " and family" * 6)
    text = composer.unicodeNotice.text()
    assert text == (
        "🎉, “ and ” force Unicode: this message needs 2 SMS instead of 1. "
        "Use Replace for the punctuation, and remove the other characters if you can."
    )
    assert composer.replaceButton.isVisible()  # the quotes can still be replaced
    # The emoji is one character to a person but two positions to Qt: the highlight covers both.
    assert (14, 2) in highlighted_ranges(composer)


def test_invisible_character_is_named_and_highlighted(composer: Composer) -> None:
    composer.set_message("Sale\u200btoday")
    assert composer.unicodeNotice.text().startswith("A zero-width space forces Unicode")
    assert highlighted_ranges(composer) == [(4, 1)]


def test_no_break_space_counts_as_the_plain_space_it_is_sent_as(composer: Composer) -> None:
    # QPlainTextEdit.toPlainText() turns U+00A0 into a space, so the message sent is GSM-7.
    composer.set_message("Sale\u00a0today")
    assert composer.message() == "Sale today"
    assert composer.segmentCounter.text().endswith("plain text (GSM)")
    assert highlighted_ranges(composer) == []


def test_recipient_total(composer: Composer) -> None:
    composer.set_message("a" * 161)
    assert composer.totalLabel.text() == ""
    composer.set_recipient_count(1204)
    assert composer.totalLabel.text() == "× 1,204 people = 2,408 texts"
    composer.set_recipient_count(1)
    assert composer.totalLabel.text() == "× 1 person = 2 texts"


def test_mms_counts_one_message_per_recipient(composer: Composer) -> None:
    composer.set_message("a" * 161)
    composer.set_recipient_count(10)
    composer.set_protocol("MMS")
    assert composer.segmentCounter.text() == "161 characters · 1 picture message (MMS) per person"
    assert composer.totalLabel.text() == "× 10 people = 10 picture messages"
    composer.set_protocol("SMS")
    assert composer.totalLabel.text() == "× 10 people = 20 texts"


def test_unicode_cost_counts_every_recipient(composer: Composer) -> None:
    composer.set_message("x" * 150 + " “ok”")
    composer.set_recipient_count(1_000)
    assert "(3,000 messages instead of 1,000 in all)" in composer.unicodeNotice.text()
    assert composer.totalLabel.text() == "× 1,000 people = 3,000 texts"


def test_counter_and_total_use_right_plurals(composer: Composer) -> None:
    composer.set_message("a")
    assert composer.segmentCounter.text() == "1 character · 1 text per person · plain text (GSM)"
    composer.set_recipient_count(1)
    assert composer.totalLabel.text() == "× 1 person = 1 text"
    composer.set_recipient_count(2)
    assert composer.totalLabel.text() == "× 2 people = 2 texts"
    composer.set_protocol("MMS")
    composer.set_recipient_count(1)
    assert composer.totalLabel.text() == "× 1 person = 1 picture message"
    composer.set_recipient_count(0)
    assert composer.totalLabel.text() == ""
