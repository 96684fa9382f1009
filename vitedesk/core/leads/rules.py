"""phonenumbers' verdict on one canonical number ("+" and ASCII digits), computed fast from its own metadata.

`reference_verdict` asks phonenumbers itself. `fast_verdict` replays the same steps of
`phonenumbers.parse`, `is_possible_number_with_reason` and `is_valid_number` with the metadata patterns
compiled once per region; it returns None for every shape it does not replay exactly (unknown country
codes, national-prefix rules with capture groups, numbers that start with an international prefix, ...),
and the caller then asks phonenumbers. The tests prove both agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, ValidationResult

from vitedesk.core.leads.regions import REGION_NAMES

VALID = 0
UNVERIFIED = 1
INVALID = 2
Verdict = tuple[int, str]  # (VALID | UNVERIFIED, e164) or (INVALID, reason)

TOO_SHORT = "Too short to be a phone number."
TOO_LONG = "Too long to be a phone number."
NOT_A_NUMBER = "Not a phone number."
LOCAL_ONLY = "The area code is missing: write the number with its area code."

_MIN_NSN = 2  # phonenumbers' _MIN_LENGTH_FOR_NSN
_MAX_NSN = 17  # phonenumbers' _MAX_LENGTH_FOR_NSN
# Any matching type makes a number valid, so the order only matters for speed: most numbers are
# fixed-line or mobile numbers, tried first.
_TYPE_DESCS = (
    "fixed_line",
    "mobile",
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
_NOT_KEPT_AFTER_STRIP = (
    ValidationResult.TOO_SHORT,
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    ValidationResult.INVALID_LENGTH,
)


def region_name(region: str) -> str:
    """English name of a region code, or the code itself when unknown."""
    return dict(REGION_NAMES).get(region, region)


def _length_reason(result: int, country_code: int) -> str:
    if result == ValidationResult.TOO_SHORT:
        return TOO_SHORT
    if result == ValidationResult.TOO_LONG:
        return TOO_LONG
    if result == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return LOCAL_ONLY
    if result == ValidationResult.INVALID_COUNTRY_CODE:
        return f"Unknown country code +{country_code}."
    region = phonenumbers.region_code_for_country_code(country_code)
    if region in (None, "ZZ", "001"):
        return f"Wrong number of digits for a +{country_code} number."
    return f"Wrong number of digits for a phone number in {region_name(region)}."


def _parse_error_reason(error_type: int, number: str) -> str:
    if error_type == NumberParseException.INVALID_COUNTRY_CODE:
        return f"Unknown country code +{number.lstrip('+')[:3]}."
    if error_type == NumberParseException.TOO_LONG:
        return TOO_LONG
    if error_type in (NumberParseException.TOO_SHORT_NSN, NumberParseException.TOO_SHORT_AFTER_IDD):
        return TOO_SHORT
    return NOT_A_NUMBER


def reference_verdict(number: str, region: str) -> Verdict:
    """phonenumbers' verdict: parse, is_possible_number_with_reason (IS_POSSIBLE only), is_valid_number."""
    try:
        parsed = phonenumbers.parse(number, region)
    except NumberParseException as error:
        return INVALID, _parse_error_reason(error.error_type, number)
    result = phonenumbers.is_possible_number_with_reason(parsed)
    if result != ValidationResult.IS_POSSIBLE:
        return INVALID, _length_reason(result, parsed.country_code or 0)
    e164: str = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return (VALID if phonenumbers.is_valid_number(parsed) else UNVERIFIED), e164


@dataclass(frozen=True, slots=True)
class RegionRules:
    """One region's metadata, compiled once: what parse/possible/valid need."""

    region: str
    country_code: int
    cc_str: str
    general: re.Pattern[str] | None  # general_desc.national_number_pattern (viability)
    possible_lengths: tuple[int, ...]
    local_lengths: tuple[int, ...]
    national_prefix: re.Pattern[str] | None  # national_prefix_for_parsing
    # the same as plain digit strings ("0", or "0|180020" -> ("0", "180020")) when it has no groups and
    # no transform rule: then a match simply removes the first alternative that starts the number
    national_prefix_literals: tuple[str, ...]
    international_prefix: re.Pattern[str] | None
    leading_digits: re.Pattern[str] | None
    # length -> pattern matching "general desc and at least one number type" (phonenumbers'
    # _number_type_helper(...) != UNKNOWN) for numbers of that length
    typed: dict[int, re.Pattern[str]]
    typed_sources: dict[int, str]

    def viable(self, number: str) -> bool:
        return self.general is not None and self.general.fullmatch(number) is not None

    def length_result(self, number: str) -> int:
        """phonenumbers' _test_number_length for the UNKNOWN type."""
        lengths = self.possible_lengths
        if not lengths or lengths[0] == -1:
            return ValidationResult.INVALID_LENGTH
        actual = len(number)
        if actual in self.local_lengths:
            return ValidationResult.IS_POSSIBLE_LOCAL_ONLY
        if lengths[0] == actual:
            return ValidationResult.IS_POSSIBLE
        if lengths[0] > actual:
            return ValidationResult.TOO_SHORT
        if lengths[-1] < actual:
            return ValidationResult.TOO_LONG
        return ValidationResult.IS_POSSIBLE if actual in lengths[1:] else ValidationResult.INVALID_LENGTH

    def has_type(self, number: str) -> bool:
        pattern = self.typed.get(len(number))
        return pattern is not None and pattern.fullmatch(number) is not None

    def strip_national_prefix(self, number: str) -> str | None:
        """phonenumbers' _maybe_strip_national_prefix_carrier_code; None when not replayed exactly."""
        if not number or self.national_prefix is None or self.national_prefix.match(number) is None:
            return number
        literal = next((p for p in self.national_prefix_literals if number.startswith(p)), None)
        if literal is None:
            return None
        stripped = number[len(literal) :]
        if self.viable(number) and not self.viable(stripped):
            return number
        return stripped


def _compile_typed(metadata: PhoneMetadata) -> tuple[dict[int, re.Pattern[str]], dict[int, str]]:
    general = metadata.general_desc
    sources: dict[int, str] = {}
    if general is None or not general.national_number_pattern:
        return {}, sources
    general_lengths = tuple(general.possible_length or ())
    for length in range(1, _MAX_NSN + 1):
        if general_lengths and length not in general_lengths:
            continue
        patterns = []
        for name in _TYPE_DESCS:
            desc = getattr(metadata, name)
            if desc is None or not desc.national_number_pattern:
                continue
            lengths = tuple(desc.possible_length or ())
            if lengths and length not in lengths:
                continue
            patterns.append(desc.national_number_pattern)
        if patterns:
            alternatives = "|".join(f"(?:{p})" for p in dict.fromkeys(patterns))
            sources[length] = f"(?=(?:{general.national_number_pattern})$)(?:{alternatives})"
    typed = {length: re.compile(src + r"\Z", re.ASCII) for length, src in sources.items()}
    return typed, sources


@cache
def region_rules(region: str) -> RegionRules | None:
    """Compiled rules of a region code; None when phonenumbers has no metadata for it."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if metadata is None:
        return None
    general = metadata.general_desc
    npfp = metadata.national_prefix_for_parsing or None
    literals = tuple(npfp.split("|")) if npfp else ()
    if metadata.national_prefix_transform_rule or not all(p.isdigit() and p.isascii() for p in literals):
        literals = ()
    typed, sources = _compile_typed(metadata)
    return RegionRules(
        region=region,
        country_code=metadata.country_code or 0,
        cc_str=str(metadata.country_code),
        general=re.compile(general.national_number_pattern, re.ASCII)
        if general is not None and general.national_number_pattern
        else None,
        possible_lengths=tuple(general.possible_length or ()) if general is not None else (),
        local_lengths=tuple(general.possible_length_local_only or ()) if general is not None else (),
        national_prefix=re.compile(npfp) if npfp else None,
        national_prefix_literals=literals,
        international_prefix=re.compile(metadata.international_prefix)
        if metadata.international_prefix
        else None,
        leading_digits=re.compile(metadata.leading_digits) if metadata.leading_digits else None,
        typed=typed,
        typed_sources=sources,
    )


@cache
def _calling_code_regions(country_code: int) -> tuple[RegionRules, ...]:
    """Rules of every region sharing a calling code, main region first (phonenumbers' order)."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
    if not regions or regions[0] == "001":
        return ()
    found = tuple(r for r in (region_rules(code) for code in regions) if r is not None)
    return found if len(found) == len(regions) else ()


def _is_valid(country_code: int, nsn: str) -> bool:
    """phonenumbers.is_valid_number: region_code_for_number, then that region's number types."""
    regions = _calling_code_regions(country_code)
    if len(regions) == 1:
        return regions[0].has_type(nsn)
    for rules in regions:
        if rules.leading_digits is not None:
            if rules.leading_digits.match(nsn):
                return rules.has_type(nsn)
        elif rules.has_type(nsn):
            return True
    return False


def _finish(parse_rules: RegionRules, country_code: int, nsn: str) -> Verdict | None:
    """The end of phonenumbers.parse (national prefix, length limits), then possible and valid."""
    if not _MIN_NSN <= len(nsn) <= _MAX_NSN:
        return None
    candidate = parse_rules.strip_national_prefix(nsn)
    if candidate is None:
        return None
    if candidate is not nsn and parse_rules.length_result(candidate) not in _NOT_KEPT_AFTER_STRIP:
        nsn = candidate
    if len(nsn) < _MIN_NSN:
        return None
    regions = _calling_code_regions(country_code)
    if not regions:
        return None
    result = regions[0].length_result(nsn)
    if result != ValidationResult.IS_POSSIBLE:
        return INVALID, _length_reason(result, country_code)
    e164 = f"+{country_code}{nsn}"
    return (VALID if _is_valid(country_code, nsn) else UNVERIFIED), e164


def _fast_international(digits: str) -> Verdict | None:
    if len(digits) <= _MIN_NSN or digits[0] == "0":
        return None
    for size in (1, 2, 3):
        country_code = int(digits[:size])
        if country_code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            regions = _calling_code_regions(country_code)
            return _finish(regions[0], country_code, digits[size:]) if regions else None
    return None


def _fast_national(number: str, rules: RegionRules) -> Verdict | None:
    if len(number) < 3 or (rules.international_prefix and rules.international_prefix.match(number)):
        return None
    main = _calling_code_regions(rules.country_code)
    if not main:
        return None
    if number.startswith(rules.cc_str):
        potential = rules.strip_national_prefix(number[len(rules.cc_str) :])
        if potential is None:
            return None
        if (not rules.viable(number) and rules.viable(potential)) or (
            rules.length_result(number) == ValidationResult.TOO_LONG
        ):
            if len(potential) < _MIN_NSN:
                return None
            return _finish(main[0], rules.country_code, potential)
    return _finish(rules, rules.country_code, number)


def fast_verdict(number: str, region: str) -> Verdict | None:
    """Same verdict as reference_verdict for a canonical number, or None when not replayed exactly."""
    rules = region_rules(region)
    if rules is None or len(number) > 20:
        return None
    if number[0] == "+":
        return _fast_international(number[1:])
    return _fast_national(number, rules)


def verdict(number: str, region: str) -> Verdict:
    """phonenumbers' verdict on a canonical number ("+"? ASCII digits), the fast way when possible."""
    found = fast_verdict(number, region)
    return found if found is not None else reference_verdict(number, region)
