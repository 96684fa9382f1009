"""Whole-text pass that settles the common lines at once: one valid number of the default region per line.

Three regex substitutions with literal replacements (C speed, no Python per line) rewrite every line
that holds one number of the default region's calling code into "+<cc><national number>" and mark it
with BULK_MARK when phonenumbers would call it valid. A line is only marked when the way phonenumbers
reads it is certain from the line alone (see the comments on each step); everything else is left to
the per-piece path. The hypothesis tests check marked lines against phonenumbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from phonenumbers import ValidationResult

from vitedesk.core._leads_rules import _calling_code_regions, region_rules
from vitedesk.core._leads_text import DIGIT, SEPARATORS

BULK_MARK = "\x01"


@dataclass(frozen=True, slots=True)
class BulkRules:
    """The compiled whole-text substitutions for one default region, applied in order."""

    steps: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...]

    def mark(self, cleaned: str) -> list[str]:
        """Cleaned lines, each settled one rewritten to BULK_MARK + E.164."""
        # Every pattern starts with a literal newline, so the regex engine jumps from line to line
        # instead of trying every position; the text gets one newline in front and one at the end.
        text = "\n" + cleaned + "\n"
        for pattern, replacement in self.steps:
            text = pattern.sub(replacement, text)
        lines = text.split("\n")
        del lines[0], lines[-1]
        return lines


def _group(pattern: str | None) -> str:
    return f"(?:{pattern})" if pattern else ""


def _only_number_piece(match: re.Match[str]) -> str:
    """A line with separators: its one digit-bearing piece when there is exactly one, else unchanged."""
    with_digits = [piece for piece in SEPARATORS.split(match.group(1)) if DIGIT.search(piece)]
    return "\n" + with_digits[0] if len(with_digits) == 1 else match.group(0)


# Pieces without a digit are ignored, so a line with one number piece among digit-free pieces
# ("Alice,+1 202 555 0143") is that piece; text in front of a number ("tel:", "Mobile:") is ignored.
_DIGIT_FREE_PIECES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"\n([^\n,;\t]*+[,;\t][^\n]*)"), _only_number_piece),
    (re.compile(r"\n[^\d+\n,;\t]+(?=\+?\d)"), "\n"),
    (re.compile(r"\n00"), "\n+"),
)


@cache
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
    flags = re.MULTILINE | re.ASCII
    cc = rules.cc_str
    general = rules.general.pattern
    npfp = rules.national_prefix.pattern if rules.national_prefix is not None else None
    not_npfp = f"(?!{_group(npfp)})" if npfp else ""
    not_idd = f"(?!{_group(rules.international_prefix.pattern)})" if rules.international_prefix else ""
    steps = list(_DIGIT_FREE_PIECES)
    if rules.country_code == 1:
        steps.append((re.compile(r"\n011"), "\n+"))
    # "<cc><nsn>" without "+": phonenumbers takes the country code off when the whole line is not a
    # viable national number and the rest is (valid implies viable); the rest must not start with a
    # national prefix (checked by the last step), or it would be stripped as well.
    steps.append((re.compile(rf"\n{not_idd}(?!(?:{general})$)(?={cc})", flags), "\n+"))
    # A national line: the literal national prefix followed by the number (stripped because the rest
    # is valid, hence viable), or no national prefix at all (nothing stripped).
    prefix = "|".join(rules.national_prefix_literals)
    national_start = f"(?:{prefix}|{not_npfp})" if prefix else not_npfp
    steps.append((re.compile(rf"\n{not_idd}(?!{cc}){national_start}(?=\d)", flags), "\n+" + cc))
    alternatives = [
        rf"(?=\d{{{length}}}$){source}$"
        for length, source in sorted(rules.typed_sources.items())
        if rules.length_result("0" * length) == ValidationResult.IS_POSSIBLE
    ]
    if not alternatives:
        return None
    valid = re.compile(rf"\n(?=\+{cc}{not_npfp}(?:{'|'.join(alternatives)}))", flags)
    steps.append((valid, "\n" + BULK_MARK))
    return BulkRules(tuple(steps))
