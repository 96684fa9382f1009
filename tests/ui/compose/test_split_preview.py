"""The split preview beside the composer: the parts a phone receives, live, cut where the counter cuts."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QTextDocument

from vitedesk.core.segments import analyze
from vitedesk.ui.compose.composer import Composer


def make(qtbot: Any) -> Composer:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.resize(700, 400)
    composer.show()
    return composer


def headings(composer: Composer) -> list[str]:
    return [block.heading.text() for block in composer.splitPreview.parts()]


def plain_texts(composer: Composer) -> list[str]:
    texts = []
    for block in composer.splitPreview.parts():
        document = QTextDocument()
        document.setHtml(block.body.text())  # rich text back to what a person reads
        texts.append(document.toPlainText().replace("\u2029", "\n").replace("\xa0", " "))
    return texts


def test_typing_past_one_text_shows_two_parts_live(qtbot: Any) -> None:
    composer = make(qtbot)
    qtbot.keyClicks(composer.messageEdit, "a" * 160)
    qtbot.waitUntil(lambda: headings(composer) == ["One text · 160 of 160"])
    qtbot.keyClicks(composer.messageEdit, "b")
    qtbot.waitUntil(lambda: headings(composer) == ["Part 1 of 2 · 153 of 153", "Part 2 of 2 · 8 of 153"])
    assert plain_texts(composer) == ["a" * 153, "a" * 7 + "b"]


def test_an_extension_character_is_never_cut_and_the_parts_match_the_counter(qtbot: Any) -> None:
    composer = make(qtbot)
    message = "A" * 152 + "{" + "A" * 152
    composer.set_message(message)
    info = analyze(message)
    qtbot.waitUntil(lambda: len(headings(composer)) == info.segments)
    assert headings(composer)[0] == "Part 1 of 3 · 152 of 153"
    assert headings(composer)[1] == "Part 2 of 3 · 153 of 153"
    assert "".join(plain_texts(composer)) == message


def test_characters_that_force_unicode_are_marked_as_in_the_composer(qtbot: Any) -> None:
    composer = make(qtbot)
    composer.set_message("It’s ready " + "x" * 70)
    qtbot.waitUntil(lambda: len(headings(composer)) == 2)
    first = composer.splitPreview.parts()[0].body.text()
    assert '<span style="background-color:' in first and "’</span>" in first
    assert headings(composer)[0] == "Part 1 of 2 · 67 of 67"
    composer.set_message("It's ready")  # plain again: nothing marked
    qtbot.waitUntil(lambda: headings(composer) == ["One text · 10 of 160"])
    assert "<span" not in composer.splitPreview.parts()[0].body.text()


def test_with_pictures_the_preview_says_it_goes_as_one_mms(qtbot: Any) -> None:
    composer = make(qtbot)
    composer.set_message("b" * 400)
    qtbot.waitUntil(lambda: len(headings(composer)) == 3)
    composer.set_protocol("MMS")
    qtbot.waitUntil(lambda: headings(composer) == [])
    assert "one picture message (MMS)" in composer.splitPreview.note.text()
    composer.set_protocol("SMS")
    qtbot.waitUntil(lambda: len(headings(composer)) == 3)


def test_an_empty_message_invites_typing(qtbot: Any) -> None:
    composer = make(qtbot)
    assert headings(composer) == []
    assert composer.splitPreview.note.text() == "Type a message to see the texts each person receives."
