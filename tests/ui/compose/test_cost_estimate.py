"""The cost estimate next to the campaign total, from the prices in the settings, in the person's locale."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from vitedesk.core.cost import Prices
from vitedesk.ui.compose.composer import Composer


@pytest.fixture
def locale() -> Iterator[Any]:
    before = QLocale()
    yield QLocale.setDefault
    QLocale.setDefault(before)


def make(qtbot: Any) -> Composer:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.show()
    return composer


def test_no_price_no_estimate(qtbot: Any) -> None:
    composer = make(qtbot)
    composer.set_message("Hello")
    composer.set_recipient_count(3)
    assert composer.costLabel.text() == "" and not composer.costLabel.isVisibleTo(composer)


def test_the_estimate_follows_recipients_parts_and_pictures(qtbot: Any, locale: Any) -> None:
    locale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    composer = make(qtbot)
    composer.set_prices(Prices("USD", sms_part=Decimal("0.0079"), mms=Decimal("0.02")))
    composer.set_message("a" * 161)  # 2 texts per person
    composer.set_recipient_count(1204)
    assert composer.costLabel.text() == "≈ 2,408 texts × 0.0079 USD = 19.02 USD"
    assert composer.costLabel.isVisibleTo(composer)
    composer.set_protocol("MMS")
    assert composer.costLabel.text() == "≈ 1,204 picture messages × 0.02 USD = 24.08 USD"


def test_the_estimate_reads_in_a_german_locale(qtbot: Any, locale: Any) -> None:
    locale(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    composer = make(qtbot)
    composer.set_prices(Prices("EUR", sms_part=Decimal("0.045")))
    composer.set_message("Hallo")
    composer.set_recipient_count(12_500)
    assert composer.costLabel.text() == "≈ 12.500 texts × 0,045 EUR = 562,50 EUR"
