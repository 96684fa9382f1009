"""What a campaign costs before it is sent, from the person's own prices (optional settings).

Money is Decimal throughout, rounded half-up to the currency's minor unit (cents, yen, fils). Formatting for
the person's locale belongs to the screen; here the sentence uses plain digits with thousands separators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 minor units where they differ from 2 (the few currencies with none or three decimals).
_MINOR_UNITS = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX"), 0),
    **dict.fromkeys(("UYI", "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}


def minor_unit(currency: str) -> int:
    """Decimals of `currency` (ISO 4217 code): 2 unless listed otherwise."""
    return _MINOR_UNITS.get(currency.upper(), 2)


def parse_price(text: str) -> Decimal | None:
    """A price as typed ("0.0079", "0,0079", " 0.05 ") -> Decimal; None when empty; ValueError otherwise."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text.strip()}” is not a price: type it like 0.0079") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"“{text.strip()}” is not a price: type it like 0.0079")
    return value


@dataclass(frozen=True)
class Prices:
    """Price of one SMS part and of one MMS, in `currency`; either may be unknown (None)."""

    currency: str = "USD"
    sms_part: Decimal | None = None
    mms: Decimal | None = None

    def unit_price(self, protocol: str) -> Decimal | None:
        return self.mms if protocol == "MMS" else self.sms_part


@dataclass(frozen=True)
class Estimate:
    """messages x unit price = total (total rounded half-up to the currency's minor unit)."""

    messages: int
    unit_price: Decimal
    currency: str
    protocol: str

    @property
    def total(self) -> Decimal:
        exponent = Decimal(1).scaleb(-minor_unit(self.currency))
        return (self.unit_price * self.messages).quantize(exponent, rounding=ROUND_HALF_UP)

    def sentence(self, number: NumberFormat | None = None) -> str:
        """ "≈ 2,408 texts × 0.0079 USD = 19.02 USD"; `number(value, decimals)` formats for a locale."""
        show = number or _plain_number
        noun = ("picture message" if self.protocol == "MMS" else "text") + ("" if self.messages == 1 else "s")
        unit_decimals = max(0, -int(self.unit_price.normalize().as_tuple().exponent))
        unit = f"{show(self.unit_price, unit_decimals)} {self.currency}"
        total = f"{show(self.total, minor_unit(self.currency))} {self.currency}"
        return f"≈ {show(Decimal(self.messages), 0)} {noun} × {unit} = {total}"


NumberFormat = Callable[[Decimal, int], str]


def _plain_number(value: Decimal, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def estimate(prices: Prices, messages: int, protocol: str) -> Estimate | None:
    """The cost of `messages` (SMS parts in all, or MMS) with `prices`; None when that price is not set."""
    unit = prices.unit_price(protocol)
    if unit is None:
        return None
    return Estimate(messages, unit, prices.currency.upper(), "MMS" if protocol == "MMS" else "SMS")
