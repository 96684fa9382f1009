"""Which column of an imported table holds the phone numbers, which the country, what a country cell means.

The phone column is guessed from its header (phone, mobile, cell, tel, telefon, téléphone, móvil, …), else it
is the column whose values read best as phone numbers. A country cell is an ISO code ("GB", "gb"), an
English country name ("United Kingdom") or a common short name ("UK", "USA").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import phonenumbers

from vitedesk.core.leads.parse import parse_leads
from vitedesk.core.leads.regions import REGION_NAMES

SAMPLE = 300
"""Values per column read to score it (from the top of the file)."""

_PHONE_WORDS = (
    "phone", "telephone", "telefone", "telefon", "telefono", "telephon", "tel", "mobile", "mobil", "mobiel",
    "movil", "cell", "cellphone", "cellular", "celular", "cellulare", "handy", "portable", "gsm", "msisdn",
    "sms", "whatsapp", "fone", "telemovel", "rufnummer", "mobilnummer", "handynummer", "telefonnummer",
    "phonenumber", "mobilenumber", "cellnumber", "cel", "mob", "tfno", "tlf", "tlfn", "puhelin",
    "matkapuhelin",
)  # fmt: skip
_NUMBER_WORDS = ("number", "numero", "nummer", "num", "nr", "no", "contact")
_COUNTRY_WORDS = (
    "country", "countrycode", "land", "pays", "pais", "paese", "nation", "nationality", "iso", "region",
    "staat", "landcode",
)  # fmt: skip
_ALIASES = {
    "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "usa": "US", "u.s.a.": "US", "u.s.": "US", "united states of america": "US",
    "america": "US", "uae": "AE", "holland": "NL", "the netherlands": "NL", "czechia": "CZ",
    "czech republic": "CZ", "south korea": "KR", "korea": "KR", "russia": "RU", "ivory coast": "CI",
    "deutschland": "DE", "allemagne": "DE", "espana": "ES", "espagne": "ES", "italia": "IT", "france": "FR",
    "schweiz": "CH", "suisse": "CH", "osterreich": "AT", "belgique": "BE", "belgie": "BE", "polska": "PL",
    "mexico": "MX", "brasil": "BR", "turkey": "TR", "turkiye": "TR", "vietnam": "VN",
}  # fmt: skip
_WORD = re.compile(r"[a-z]+")


def _folded(text: str) -> str:
    """Lower case, accents removed: "Téléphone" -> "telephone", "Móvil" -> "movil"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _header_words(header: str) -> tuple[str, list[str]]:
    folded = _folded(header)
    return folded.replace(" ", "").replace("_", "").replace("-", ""), _WORD.findall(folded)


def _header_strength(header: str, strong: Sequence[str], weak: Sequence[str]) -> int:
    """2 for a strong word in the header, 1 for a weak one, 0 for none."""
    joined, words = _header_words(header)
    if any(word in strong for word in words) or joined in strong:
        return 2
    if any(joined.startswith(word) for word in strong if len(word) >= 5):
        return 2
    if any(word in weak for word in words):
        return 1
    return 0


def phone_score(values: Sequence[str], region: str) -> float:
    """Share of the first SAMPLE non-empty values that read as phone numbers (0.0 to 1.0)."""
    sample = [value for value in values[: SAMPLE * 4] if value.strip()][:SAMPLE]
    if not sample:
        return 0.0
    with_digits = [value.replace("\n", " ") for value in sample if any(ch.isdigit() for ch in value)]
    if not with_digits:
        return 0.0
    report = parse_leads("\n".join(with_digits), region)
    bad_lines = {rejected.line for rejected in report.invalid}
    return (len(with_digits) - len(bad_lines)) / len(sample)


def guess_phone_column(headers: Sequence[str], columns: Sequence[Sequence[str]], region: str) -> int | None:
    """The column most likely to hold the phone numbers, or None when no column holds any.

    A column named like a phone column wins when at least a third of its values read as numbers; otherwise
    the column whose values read best.
    """
    scores = [phone_score(column, region) for column in columns]
    if not any(score > 0 for score in scores):
        return None
    named = [
        (_header_strength(header, _PHONE_WORDS, _NUMBER_WORDS), scores[index], -index)
        for index, header in enumerate(headers)
    ]
    best_named = max(
        (entry for entry in named if entry[0] and entry[1] >= 1 / 3), default=None, key=lambda e: e[:2]
    )
    if best_named is not None:
        return -best_named[2]
    return max(range(len(columns)), key=lambda index: (scores[index], -index))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names = {_folded(name): code for code, name in REGION_NAMES if code in phonenumbers.SUPPORTED_REGIONS}
    names.update(_ALIASES)
    return names


def region_of(value: str) -> str | None:
    """The region code a country cell means ("GB" for "gb", "United Kingdom", "UK", "+44"), or None."""
    text = value.strip()
    if not text:
        return None
    if len(text) == 2 and text.isascii() and text.upper() in phonenumbers.SUPPORTED_REGIONS:
        return text.upper()
    digits = text.removeprefix("+")
    if digits.isdigit() and len(digits) <= 3:
        region = phonenumbers.region_code_for_country_code(int(digits))
        return None if region in (None, "ZZ", "001") else str(region)
    return _names().get(_folded(text).replace(".", "").strip()) or _names().get(_folded(text).strip())


def guess_country_column(
    headers: Sequence[str], columns: Sequence[Sequence[str]], phone: int | None
) -> int | None:
    """A column named like a country column, or whose values are nearly all countries; None when none is."""
    best: tuple[int, float, int] | None = None
    for index, (header, column) in enumerate(zip(headers, columns, strict=False)):
        if index == phone:
            continue
        sample = [value for value in column[: SAMPLE * 4] if value.strip()][:SAMPLE]
        if not sample:
            continue
        share = sum(1 for value in sample if region_of(value) is not None) / len(sample)
        named = _header_strength(header, _COUNTRY_WORDS, ())
        if (named and share >= 0.5) or share >= 0.9:
            entry = (named, share, -index)
            if best is None or entry > best:
                best = entry
    return None if best is None else -best[2]
