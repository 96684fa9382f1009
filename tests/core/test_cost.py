"""Cost estimates: Decimal money, half-up rounding to the currency's minor unit, sentences people read."""

from decimal import Decimal

import pytest

from vitedesk.core.cost import Prices, estimate, minor_unit, parse_price


def test_the_issue_example() -> None:
    found = estimate(Prices("USD", sms_part=Decimal("0.0079")), 2408, "SMS")
    assert found is not None
    assert found.total == Decimal("19.02")
    assert found.sentence() == "≈ 2,408 texts × 0.0079 USD = 19.02 USD"


def test_half_up_not_bankers_rounding() -> None:
    # 0.125 USD exactly: half-up gives 0.13 (round-half-even would give 0.12); floats would not even be exact.
    found = estimate(Prices("USD", sms_part=Decimal("0.0125")), 10, "SMS")
    assert found is not None and found.total == Decimal("0.13")


@pytest.mark.parametrize(
    ("currency", "places", "total"), [("JPY", 0, "13"), ("KWD", 3, "12.500"), ("EUR", 2, "12.50")]
)
def test_minor_units(currency: str, places: int, total: str) -> None:
    assert minor_unit(currency) == places
    found = estimate(Prices(currency, sms_part=Decimal("1.25")), 10, "SMS")
    assert found is not None and str(found.total) == total


def test_mms_uses_its_own_price_and_words() -> None:
    prices = Prices("EUR", sms_part=Decimal("0.01"), mms=Decimal("0.02"))
    found = estimate(prices, 1, "MMS")
    assert found is not None and found.sentence() == "≈ 1 picture message × 0.02 EUR = 0.02 EUR"


def test_no_price_no_estimate() -> None:
    assert estimate(Prices("USD", sms_part=Decimal("0.01")), 5, "MMS") is None
    assert estimate(Prices(), 5, "SMS") is None


@pytest.mark.parametrize(
    ("typed", "value"), [("0.0079", "0.0079"), ("0,0079", "0.0079"), (" 1 ", "1"), ("", None)]
)
def test_prices_as_people_type_them(typed: str, value: str | None) -> None:
    assert parse_price(typed) == (Decimal(value) if value is not None else None)


@pytest.mark.parametrize("typed", ["abc", "-1", "NaN", "Infinity", "1.2.3"])
def test_what_is_not_a_price_says_so(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a price"):
        parse_price(typed)
