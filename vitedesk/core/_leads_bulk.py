"""Whole-text pass that settles the common lines at once: one valid number of the default region per line.

Three regex substitutions with literal replacements (C speed, no Python per line) rewrite every line
that holds one number of the default region's calling code into "+<cc><national number>" and mark it
with BULK_MARK when phonenumbers would call it valid. A line is only marked when the way phonenumbers
reads it is certain from the line alone (see the comments on each step); everything else is left to
the per-piece path. The hypothesis tests check marked lines against phonenumbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from phonenumbers import ValidationResult

from vitedesk.core._leads_rules import _calling_code_regions, region_rules

BULK_MARK = "\x01"


@dataclass(frozen=True, slots=True)
class BulkRules:
    """The compiled whole-text substitutions for one default region."""

    with_country_code: re.Pattern[str]  # "1 202 ..." -> "+1 202 ..."
    national: re.Pattern[str]  # "202 ..." or "0 20 ..." -> "+44 20 ..."
    national_replacement: str
    valid: re.Pattern[str]  # "+<cc><valid nsn>" -> BULK_MARK + same

    def mark(self, cleaned: str) -> str:
        """Cleaned text with every settled line rewritten to BULK_MARK + E.164."""
        text = self.with_country_code.sub("+", cleaned)
        text = self.national.sub(self.national_replacement, text)
        return self.valid.sub(BULK_MARK, text)


def _group(pattern: str | None) -> str:
    return f"(?:{pattern})" if pattern else ""


@lru_cache(maxsize=None)
def bulk_rules(region: str) -> BulkRules | None:
    """Whole-text rules for a default region, or None when its numbering plan needs the careful path."""
    rules = region_rules(region)
    if rules is None or rules.general is None or not rules.typed_sources:
        return None
    regions = _calling_code_regions(rules.country_code)
    # is_valid_number asks the calling code's regions in order; only when the default region comes
    # first and has no leading-digits rule does "matches its own types" settle validity.
    if not regions or regions[0].region != region or rules.leading_digits is not None:
        return None
    cc = rules.cc_str
    general = rules.general.pattern
    npfp = rules.national_prefix.pattern if rules.national_prefix is not None else None
    not_npfp = f"(?!{_group(npfp)})" if npfp else ""
    # Lines our own pre-normalisation reads as international ("00", and "011" in the +1 plan), or
    # that start with the region's international prefix, never take the national route here.
    not_international = "(?!00)" + ("(?!011)" if rules.country_code == 1 else "")
    if rules.international_prefix is not None:
        not_international += f"(?!{_group(rules.international_prefix.pattern)})"
    # "<cc><nsn>" without "+": phonenumbers takes the country code off when the whole line is not a
    # viable national number and the rest is (valid implies viable); the rest must not start with a
    # national prefix, or it would be stripped as well.
    with_country_code = re.compile(
        rf"^{not_international}(?!(?:{general})$)(?={cc})", re.MULTILINE | re.ASCII
    )
    # A national line: either the literal national prefix followed by the number (stripped because
    # the rest is valid, hence viable), or no national prefix at all (nothing stripped).
    prefix = rules.national_prefix_literal
    national_start = f"(?:{prefix}|{not_npfp})" if prefix else not_npfp
    national = re.compile(
        rf"^{not_international}(?!{cc}){national_start}(?=\d)", re.MULTILINE | re.ASCII
    )
    alternatives = [
        rf"(?=\d{{{length}}}$){source}$"
        for length, source in sorted(rules.typed_sources.items())
        if rules.length_result("0" * length) == ValidationResult.IS_POSSIBLE
    ]
    if not alternatives:
        return None
    valid = re.compile(
        rf"^(?=\+{cc}{not_npfp}(?:{'|'.join(alternatives)}))", re.MULTILINE | re.ASCII
    )
    return BulkRules(with_country_code, national, "+" + cc, valid)
