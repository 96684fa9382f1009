"""The own-number dialog: checked like any lead, OK only for a number that exists."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from vitedesk.core.own_number import read_own_number
from vitedesk.ui.send.own_number import OwnNumberDialog


def ok_enabled(dialog: OwnNumberDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_a_national_number_is_read_with_the_default_country(qtbot: Any) -> None:
    dialog = OwnNumberDialog("GB")
    qtbot.addWidget(dialog)
    assert not ok_enabled(dialog) and dialog.problemLabel.text() == ""  # nothing said before typing
    qtbot.keyClicks(dialog.ownNumberEdit, "020 7946 0958")
    assert ok_enabled(dialog) and dialog.number() == "+442079460958"
    assert not dialog.problemLabel.isVisibleTo(dialog)


def test_what_cannot_be_used_says_why_and_keeps_ok_off(qtbot: Any) -> None:
    dialog = OwnNumberDialog("US")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.ownNumberEdit, "202 555 01")
    assert not ok_enabled(dialog)
    assert dialog.problemLabel.text().startswith("This number cannot be used:")
    dialog.ownNumberEdit.setText("202 555 0143, 202 555 0144")
    assert dialog.problemLabel.text() == "Type just one number: yours."
    dialog.ownNumberEdit.setText("+1 555 555 0100")  # possible, but no such number
    assert "may not exist" in dialog.problemLabel.text() and dialog.number() is None


def test_the_saved_number_is_shown_again() -> None:
    assert read_own_number("+1 202 555 0143", "FR").e164 == "+12025550143"
