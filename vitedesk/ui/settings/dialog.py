"""File → Settings… [settingsDialog]: the choices a person makes once, each checked before it is kept.

The dialog edits a copy of the Settings; OK is only possible when every field can be used, and the caller
takes the copy back (and saves it) when the dialog is accepted.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from vitedesk.core.cost import parse_price
from vitedesk.core.own_number import read_own_number
from vitedesk.store.settings import Settings
from vitedesk.ui.common.widgets import named
from vitedesk.ui.compose.region_combo import RegionCombo


def _time_edit(text: str, name: str) -> QTimeEdit:
    edit = named(QTimeEdit(), name)
    edit.setDisplayFormat("HH:mm")
    parsed = QTime.fromString(text, "HH:mm")
    edit.setTime(parsed if parsed.isValid() else QTime(8, 0))
    return edit


def _spin_box(name: str, low: int, high: int, step: int, value: int, suffix: str) -> QSpinBox:
    box = named(QSpinBox(), name)
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setValue(min(max(value, low), high))
    box.setSuffix(suffix)
    box.setGroupSeparatorShown(True)
    return box


class SettingsDialog(QDialog):
    """Default country, quiet hours, own number, prices, picture limits and Remember me, over a copy of the
    settings."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self._settings = dataclasses.replace(settings)

        self.regionCombo = named(RegionCombo(self), "settingsRegion")
        self.regionCombo.set_region(settings.default_region)
        self.quietStart = _time_edit(settings.quiet_start, "quietStart")
        self.quietEnd = _time_edit(settings.quiet_end, "quietEnd")
        self.ownNumberEdit = named(QLineEdit(settings.own_number), "settingsOwnNumber")
        self.ownNumberEdit.setPlaceholderText("asked the first time you send a test")
        self.currencyEdit = named(QLineEdit(settings.price_currency), "priceCurrency")
        self.currencyEdit.setMaxLength(3)
        self.currencyEdit.setPlaceholderText("USD")
        self.smsPriceEdit = named(QLineEdit(settings.price_sms_part), "priceSms")
        self.smsPriceEdit.setPlaceholderText("not set, for example 0.0079")
        self.mmsPriceEdit = named(QLineEdit(settings.price_mms), "priceMms")
        self.mmsPriceEdit.setPlaceholderText("not set, for example 0.02")
        budget, edge = settings.picture_limits()
        # In KB as format_size counts them (1 KB = 1,000 bytes, as carriers count).
        self.pictureBudget = _spin_box("pictureBudget", 50, 5_000, 50, round(budget / 1_000), " KB")
        self.pictureBudget.setAccessibleName("Largest size of the pictures of one message, in KB")
        self.pictureEdge = _spin_box("pictureEdge", 320, 4_096, 64, edge, " pixels")
        self.pictureEdge.setAccessibleName("Longest side of a picture, in pixels")
        self.rememberCheck = named(
            QCheckBox("Remember me on this computer (in the system keychain)"), "settingsRemember"
        )
        self.rememberCheck.setChecked(settings.remember)
        self.problemLabel = named(QLabel(self), "settingsProblem")
        self.problemLabel.setWordWrap(True)

        numbers = QGroupBox("Numbers", self)
        numbers_form = QFormLayout(numbers)
        numbers_form.addRow("Default country:", self.regionCombo)
        numbers_form.addRow("Your own number:", self.ownNumberEdit)
        quiet = QGroupBox("Quiet hours (recipients' local time)", self)
        quiet_form = QFormLayout(quiet)
        quiet_form.addRow("Texts are welcome from:", self.quietStart)
        quiet_form.addRow("until:", self.quietEnd)
        quiet_form.addRow(QLabel("Outside these hours you are warned before sending; nothing is blocked."))
        prices = QGroupBox("Prices, for a cost estimate before sending (optional)", self)
        prices_form = QFormLayout(prices)
        prices_form.addRow("Currency:", self.currencyEdit)
        prices_form.addRow("Per SMS part:", self.smsPriceEdit)
        prices_form.addRow("Per MMS:", self.mmsPriceEdit)
        pictures = QGroupBox("Pictures (MMS)", self)
        pictures_form = QFormLayout(pictures)
        pictures_form.addRow("All pictures of a message at most:", self.pictureBudget)
        pictures_form.addRow("Longest side of a picture:", self.pictureEdge)
        hint = QLabel("Larger pictures are made smaller to fit; many carriers refuse messages over 600 KB.")
        hint.setWordWrap(True)
        pictures_form.addRow(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (numbers, quiet, prices, pictures):
            layout.addWidget(part)
        layout.addWidget(self.rememberCheck)
        layout.addWidget(self.problemLabel)
        layout.addWidget(self.buttons)
        for edit in (self.ownNumberEdit, self.currencyEdit, self.smsPriceEdit, self.mmsPriceEdit):
            edit.textChanged.connect(self._check)
        self.regionCombo.regionChanged.connect(self._check)
        self._check()

    def settings(self) -> Settings:
        """The edited copy (read it after the dialog was accepted)."""
        return self._settings

    def problem(self) -> str:
        """Why OK is not possible right now, or ""."""
        region = self.regionCombo.region() or self._settings.default_region
        own = self.ownNumberEdit.text().strip()
        if own:
            read = read_own_number(own, region)
            if read.e164 is None:
                return f"Your own number: {read.problem}"
        currency = self.currencyEdit.text().strip()
        if currency and not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            return "Currency: type its three-letter code, such as USD, EUR or GBP."
        for label, edit in (("Per SMS part", self.smsPriceEdit), ("Per MMS", self.mmsPriceEdit)):
            try:
                parse_price(edit.text())
            except ValueError as error:
                return f"{label}: {error}"
        return ""

    def accept(self) -> None:
        if self.problem():
            return
        region = self.regionCombo.region() or self._settings.default_region
        own = self.ownNumberEdit.text().strip()
        self._settings.default_region = region
        self._settings.own_number = read_own_number(own, region).e164 or "" if own else ""
        self._settings.quiet_start = self.quietStart.time().toString("HH:mm")
        self._settings.quiet_end = self.quietEnd.time().toString("HH:mm")
        self._settings.price_currency = (self.currencyEdit.text().strip() or "USD").upper()
        for attribute, edit in (("price_sms_part", self.smsPriceEdit), ("price_mms", self.mmsPriceEdit)):
            value = parse_price(edit.text())
            setattr(self._settings, attribute, "" if value is None else f"{value:f}")
        self._settings.mms_picture_budget = self.pictureBudget.value() * 1_000
        self._settings.mms_picture_edge = self.pictureEdge.value()
        self._settings.remember = self.rememberCheck.isChecked()
        super().accept()

    def _check(self) -> None:
        problem = self.problem()
        self.problemLabel.setText(problem)
        self.problemLabel.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
