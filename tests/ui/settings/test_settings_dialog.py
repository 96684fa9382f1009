"""File → Settings…: every setting is checked before it is kept, and each one survives a restart."""

from __future__ import annotations

import asyncio
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from helpers.ui_wait import top_level, until
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox

from vitedesk.app import main
from vitedesk.store import AppPaths
from vitedesk.store.settings import Settings
from vitedesk.ui.settings.dialog import SettingsDialog


def ok_button(dialog: SettingsDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_fields_are_checked_and_ok_waits_until_all_can_be_used(qtbot: Any) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert ok_button(dialog).isEnabled() and not dialog.problemLabel.isVisibleTo(dialog)
    dialog.smsPriceEdit.setText("cheap")
    assert not ok_button(dialog).isEnabled()
    assert dialog.problemLabel.text() == "Per SMS part: “cheap” is not a price: type it like 0.0079"
    dialog.smsPriceEdit.setText("0,0079")
    dialog.currencyEdit.setText("€€")
    assert dialog.problemLabel.text().startswith("Currency: type its three-letter code")
    dialog.currencyEdit.setText("eur")
    dialog.ownNumberEdit.setText("12")
    assert dialog.problemLabel.text().startswith("Your own number: This number cannot be used")
    dialog.ownNumberEdit.setText("020 7946 0958")  # national: read with the default country
    assert not ok_button(dialog).isEnabled()  # not a US number
    dialog.regionCombo.set_region("GB")
    assert ok_button(dialog).isEnabled()
    dialog.accept()
    kept = dialog.settings()
    assert (kept.default_region, kept.own_number, kept.price_currency, kept.price_sms_part) == (
        "GB",
        "+442079460958",
        "EUR",
        "0.0079",
    )
    assert kept.prices().sms_part == Decimal("0.0079") and kept.prices().mms is None


def test_cancel_keeps_nothing(qtbot: Any) -> None:
    original = Settings()
    dialog = SettingsDialog(original)
    qtbot.addWidget(dialog)
    dialog.quietStart.setTime(QTime(9, 30))
    dialog.reject()
    assert original.quiet_start == "08:00"


def test_damaged_values_in_the_file_fall_back_to_defaults() -> None:
    settings = Settings(quiet_start="25:99", price_sms_part="free", price_currency="dollars")
    assert settings.quiet_window().start == time(8, 0)
    assert settings.prices().sms_part is None and settings.prices().currency == "USD"


def test_every_setting_survives_a_restart(qtbot: Any, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    async def first_run() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        window.login_dialog.reject()
        await until(lambda: window.login_dialog is None)
        window.settingsAction.trigger()
        await until(
            lambda: top_level("settingsDialog") is not None and top_level("settingsDialog").isVisible()
        )
        dialog = top_level("settingsDialog")
        dialog.regionCombo.set_region("FR")
        dialog.quietStart.setTime(QTime(9, 15))
        dialog.quietEnd.setTime(QTime(20, 0))
        dialog.ownNumberEdit.setText("06 12 34 56 78")
        dialog.currencyEdit.setText("EUR")
        dialog.smsPriceEdit.setText("0.045")
        dialog.mmsPriceEdit.setText("0.20")
        dialog.pictureBudget.setValue(300)
        dialog.pictureEdge.setValue(1024)
        dialog.rememberCheck.setChecked(True)
        seen["problem"] = dialog.problem()
        ok_button(dialog).click()
        await until(lambda: window.leads.default_region() == "FR")  # applied to the lead editor
        seen["region shown"] = window.leads.default_region()
        seen["saved at once"] = Settings.load(AppPaths.under(tmp_path).settings_file).quiet_start
        window.close()

    driver = asyncio.ensure_future(first_run())
    assert main(["--sandbox", "--profile-dir", str(tmp_path)]) == 0
    assert driver.done() and driver.exception() is None
    assert seen == {"problem": "", "region shown": "FR", "saved at once": "09:15"}

    async def second_run() -> None:
        await until(lambda: top_level("mainWindow") is not None)
        window = top_level("mainWindow")
        await until(lambda: window.login_dialog is not None and window.login_dialog.isVisible())
        seen["remember offered"] = window.login_dialog.rememberCheck.isChecked()
        window.login_dialog.reject()
        await until(lambda: window.login_dialog is None)
        seen["region"] = window.leads.default_region()
        window.settingsAction.trigger()
        await until(
            lambda: top_level("settingsDialog") is not None and top_level("settingsDialog").isVisible()
        )
        dialog = top_level("settingsDialog")
        seen["fields"] = (
            dialog.quietStart.time().toString("HH:mm"),
            dialog.quietEnd.time().toString("HH:mm"),
            dialog.ownNumberEdit.text(),
            dialog.currencyEdit.text(),
            dialog.smsPriceEdit.text(),
            dialog.mmsPriceEdit.text(),
            dialog.pictureBudget.value(),
            dialog.pictureEdge.value(),
            dialog.rememberCheck.isChecked(),
        )
        dialog.reject()
        window.close()

    driver = asyncio.ensure_future(second_run())
    assert main(["--sandbox", "--profile-dir", str(tmp_path)]) == 0
    assert driver.done() and driver.exception() is None
    assert seen["region"] == "FR" and seen["remember offered"] is True
    assert seen["fields"] == ("09:15", "20:00", "+33612345678", "EUR", "0.045", "0.20", 300, 1024, True)
    assert Settings.load(AppPaths.under(tmp_path).settings_file).picture_limits() == (300_000, 1024)


def test_picture_limits_are_kept_in_bounds_and_in_bytes(qtbot: Any) -> None:
    dialog = SettingsDialog(Settings(mms_picture_budget=9_999_999, mms_picture_edge=100))
    qtbot.addWidget(dialog)
    assert (dialog.pictureBudget.value(), dialog.pictureEdge.value()) == (5_000, 320)  # damaged: bounded
    dialog.pictureBudget.setValue(450)
    dialog.pictureEdge.setValue(2000)
    dialog.accept()
    assert dialog.settings().picture_limits() == (450_000, 2000)


def test_new_picture_limits_prepare_the_attached_pictures_again(
    qtbot: Any, sandbox: Any, make_send_desk: Any, tmp_path: Path
) -> None:
    from helpers import pictures as make

    desk = make_send_desk(sandbox.url, settings=Settings())
    window = desk.window
    window.images.add_files([make.write(tmp_path / "shop.jpg", make.photo(2400, 1800))])
    qtbot.waitUntil(lambda: all(window.images.prepared()), timeout=20_000)
    before = window.images.prepared()[0]
    assert before is not None and max(before.width, before.height) == 1280

    async def change() -> None:
        window.settingsAction.trigger()
        await until(lambda: top_level("settingsDialog") is not None)
        dialog = top_level("settingsDialog")
        dialog.pictureEdge.setValue(640)
        dialog.pictureBudget.setValue(100)
        ok_button(dialog).click()

    done = asyncio.ensure_future(change())
    qtbot.waitUntil(done.done, timeout=10_000)

    def smaller() -> bool:
        after = window.images.prepared()
        return bool(after) and after[0] is not None and max(after[0].width, after[0].height) <= 640

    qtbot.waitUntil(smaller, timeout=20_000)
    assert window.images.prepared()[0].size <= 100_000
    assert Settings.load(desk.settings_file).picture_limits() == (100_000, 640)
