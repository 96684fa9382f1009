"""Whole-text passes that settle most lines at once, at C speed, with phonenumbers' exact verdict.

Every pass is one `re.sub` with a literal replacement over "\\n"-separated cleaned lines. A line that
holds one number whose reading by phonenumbers is certain from the line alone is rewritten to a mark
and its E.164: VALID_MARK + "+<cc><nsn>" (valid) or UNVERIFIED_MARK + "+<cc><nsn>" (possible, not
valid). Everything else is left as it was for the per-piece path. The patterns replay the steps of
`phonenumbers.parse` (international prefix, country code, national prefix), `is_possible_number` and
`is_valid_number` from phonenumbers' own metadata; the hypothesis tests compare marked lines with
phonenumbers itself.

- first pass (whole text): numbers of the default region's calling code, valid. parse_leads runs it
  as one `findall` (nsn_or_line: the national significant number of a settled line, the line itself
  after a newline otherwise), so no marked string is built for the common line; `mark` is the same
  pass as a substitution, and the tests check both agree. The findall form tries a shortcut first
  (_common_lines: the same branches narrowed to the main region's number types), which settles
  the usual line for a fraction of the cost and never settles a line differently.
- second pass (only the lines left): "+<cc>" numbers of every other calling code that occurs (valid),
  then "+<cc>" and national numbers that are possible but not valid, then lines without any digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import ValidationResult

from vitedesk.core.leads.patterns import fixed_width as _fixed_width
from vitedesk.core.leads.patterns import general_implied
from vitedesk.core.leads.rules import RegionRules, _calling_code_regions, region_rules

VALID_MARK = "\x01"
UNVERIFIED_MARK = "\x02"

_MIN_NSN = 2
_MAX_NSN = 17
# Pieces before the number that hold no digit ("Alice," / "Name;") and text in front of the number
# ("tel:", "Mobile"): ignored, as the per-piece path does. \x00 stands for a shortened spreadsheet
# number, a piece with digits, so it is never skipped. Unicode \d: any decimal digit makes a piece count.
_LEADING_PIECES = r"(?:[^\d\n,;\t\x00-\x02]*[,;\t])*+"
_JUNK = r"[^\d+\n,;\t\x00-\x02]*+"
# A separator and the digit-free piece after it (also an empty piece): dropped before the first pass.
_DIGIT_FREE_PIECE = re.compile(r"[,;\t][^\d\n,;\t\x00]*+(?=[\n,;\t])")
_DIGIT_FREE_LINE = re.compile(r"\n[^\d\n\x00]++(?=\n)")


def _not(source: str | None) -> str:
    return f"(?!{source})" if source else ""


def _npfp(rules: RegionRules) -> str | None:
    return rules.national_prefix.pattern if rules.national_prefix is not None else None


@dataclass(frozen=True, slots=True)
class CallingCode:
    """Regex sources (ASCII digits, "$" = end of line) for national significant numbers of a calling code."""

    cc: str
    valid: str  # possible and valid: is_valid_number's region order, leading digits and number types
    possible: str  # is_possible_number_with_reason == IS_POSSIBLE (checked against the main region)
    not_prefix: str  # the main region's national prefix does not start the number (nothing stripped)


def _typed_source(rules: RegionRules, length: int) -> str | None:
    """The region's number-type patterns for a length; without the general pattern's check in
    front when the type patterns imply it (general_implied): one look-ahead less per line."""
    typed = rules.typed_sources.get(length)
    if typed is None or rules.general is None:
        return typed
    rest = typed.removeprefix(f"(?=(?:{rules.general.pattern})$)")
    if rest != typed and general_implied(rules.general.pattern, rest, length):
        return rest
    return typed


@cache
def calling_code(country_code: int) -> CallingCode | None:
    """Sources for a calling code; None when its regions' metadata cannot be replayed (non-geographic)."""
    regions = _calling_code_regions(country_code)
    if not regions:
        return None
    main = regions[0]
    lengths = [
        length
        for length in range(_MIN_NSN, _MAX_NSN + 1)
        if main.length_result("0" * length) == ValidationResult.IS_POSSIBLE
    ]
    per_length = []
    for length in lengths:
        # is_valid_number: the first region whose leading digits match decides; a region without
        # leading digits is chosen when one of its number types matches. Built from the last region
        # backwards so that each leading-digits pattern is tried at most twice.
        decide = "(?!)"
        for rules in reversed(regions):
            typed = _typed_source(rules, length)
            accept = f"(?:{typed})" if typed else "(?!)"
            if rules.leading_digits is not None:
                leading = rules.leading_digits.pattern
                decide = f"(?:(?={leading}){accept}|(?!{leading}){decide})"
            elif typed:
                decide = f"(?:{accept}|{decide})" if decide != "(?!)" else accept
        if decide != "(?!)":
            per_length.append(rf"(?=\d{{{length}}}$){decide}$")
    if not per_length:
        return None
    possible = "|".join(rf"\d{{{length}}}" for length in lengths)
    return CallingCode(
        cc=str(country_code),
        valid=f"(?:{'|'.join(per_length)})",
        possible=f"(?:{possible})$",
        not_prefix=_not(_npfp(main)),
    )


def _plus_prefix(region: RegionRules) -> str:
    # "+" and the default region's own international prefix (phonenumbers' metadata: "00", "011",
    # "009" in Nigeria, "0011" in Australia ...). Atomic, as phonenumbers takes the first alternative
    # that matches (re.match) and never another one when the rest does not fit.
    idd = region.international_prefix.pattern if region.international_prefix is not None else None
    return rf"(?:\+|(?>{idd}))" if idd else r"\+"


@cache
def _plus_forms(region: str) -> re.Pattern[str]:
    """A line's number after "+" or the region's international prefix: its first digits."""
    rules = region_rules(region)
    assert rules is not None
    return re.compile("\n" + _LEADING_PIECES + _JUNK + _plus_prefix(rules) + r"([1-9][0-9]{0,2})")


def _national(region: RegionRules, code: CallingCode, verdict: str) -> str:
    """A default-region number without "+": its calling code in front, a national prefix, or neither."""
    general = region.general.pattern if region.general is not None else None
    if general is None:
        return "(?!)"
    npfp = _npfp(region)
    viable = f"(?=(?:{general})$)"
    idd = region.international_prefix.pattern if region.international_prefix is not None else None
    # the international prefix means "+"; lines starting with "00" or "011" where that is not the
    # prefix are left to phonenumbers (one look-ahead with alternatives: (?!a)(?!b) is (?!a|b))
    plus_forms = ["00"] + (["011"] if region.country_code == 1 and idd != "011" else [])
    no_plus = f"(?!{'|'.join([*plus_forms, f'(?:{idd})'] if idd else plus_forms)})"
    not_cc_or_prefix = f"(?!{code.cc}|(?:{npfp}))" if npfp else f"(?!{code.cc})"
    branches = [
        # no national prefix: nothing stripped (the most common line, so tried first)
        f"{not_cc_or_prefix}(?={verdict})",
        # phonenumbers takes the calling code off when the whole is not a viable national number and
        # the rest is (and then strips nothing when no national prefix starts the rest).
        f"(?!(?:{general})$){code.cc}{viable}{_not(npfp)}"
        f"{code.not_prefix if code.not_prefix != _not(npfp) else ''}(?={verdict})",
    ]
    if region.national_prefix_literals:
        # the first literal that starts the number is stripped when the rest is viable and keeps a
        # possible length for the default region
        literals = "|".join(region.national_prefix_literals)
        local = [
            rf"\d{{{n}}}"
            for n in range(_MIN_NSN, _MAX_NSN + 1)
            if region.length_result("0" * n) == ValidationResult.IS_POSSIBLE
        ]
        if local:
            branches.append(f"(?!{code.cc})(?>{literals})(?=(?:{'|'.join(local)})$){viable}(?={verdict})")
    return f"{no_plus}(?:{'|'.join(branches)})"


@dataclass(frozen=True, slots=True)
class BulkRules:
    """The compiled whole-text passes for one default region."""

    region: str
    # default calling code, valid -> VALID_MARK + E.164: the number last on its line, after any
    # digit-free pieces ("Alice,") and text in front of it ("tel:"); the first pass over every line
    # (CSV rows of a name and a number settle there); `valid` is the same pass for the lines left
    # once their trailing digit-free pieces are gone
    valid_alone: re.Pattern[str]
    valid: re.Pattern[str]
    unverified_national: re.Pattern[str]  # default region, no "+", possible -> UNVERIFIED_MARK + E.164
    replacement: str
    code: CallingCode
    # valid_alone as one match per line for findall: the number's national significant number, or
    # the whole line with its newline in front when the line is not settled (None when the metadata
    # patterns hold groups that cannot be made non-capturing)
    first_pass: re.Pattern[str] | None

    def nsn_or_line(self, cleaned: str) -> list[str]:
        """Per cleaned line: the national significant number of a line that is one valid number of
        the default calling code (the E.164 is "+" cc nsn), else "\\n" + the line (digits never start
        with a newline, so the two cannot be confused)."""
        if self.first_pass is not None:
            found: list[str] = self.first_pass.findall("\n" + cleaned)
            return found
        skip = len(self.replacement)
        return [line[skip - 1 :] if line[:1] == VALID_MARK else "\n" + line for line in self.mark(cleaned)]

    def mark(self, cleaned: str) -> list[str]:
        """Cleaned lines; a line that is one valid number of the default calling code: VALID_MARK + E.164."""
        # Every pattern starts with a literal newline, so the engine jumps from line to line; the
        # text gets one newline in front and one at the end.
        lines = self.valid_alone.sub(self.replacement, "\n" + cleaned + "\n").split("\n")
        del lines[0], lines[-1]
        return lines

    def mark_rest(self, lines: list[str]) -> list[str]:
        """Lines the first pass left: other pieces and text around the number, other calling codes,
        possible numbers, digit-free lines."""
        if not lines:
            return []
        return self.mark_rest_text("\n" + "\n".join(lines) + "\n")

    def mark_rest_text(self, text: str) -> list[str]:
        """mark_rest for lines given as one text, each line after a newline, plus a final newline."""
        if "," in text or ";" in text or "\t" in text:
            text = _DIGIT_FREE_PIECE.sub("", text)
        text = self.valid.sub(self.replacement, text)
        codes = _codes_in(text, self.region)
        if codes:
            valid, possible = _plus_passes(self.region, codes)
            if len(codes) > 1 or codes[0] != self.code.cc:
                text = valid.sub("\n" + VALID_MARK + "+", text)
            text = possible.sub("\n" + UNVERIFIED_MARK + "+", text)
        text = self.unverified_national.sub("\n" + UNVERIFIED_MARK + "+" + self.code.cc, text)
        text = _DIGIT_FREE_LINE.sub("\n", text)
        rest = text.split("\n")
        del rest[0], rest[-1]
        return rest


def _codes_in(text: str, region: str) -> tuple[str, ...]:
    """Calling codes (as strings, sorted) after "+" or the international prefix at the start of some
    line's number."""
    found = set()
    for digits in set(_plus_forms(region).findall(text)):
        for size in (1, 2, 3):
            if int(digits[:size]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
                if calling_code(int(digits[:size])) is not None:
                    found.add(digits[:size])
                break
    return tuple(sorted(found))


@lru_cache(maxsize=32)
def _plus_passes(region: str, codes: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "+<cc>" numbers of the given calling codes: valid, and possible."""
    rules = region_rules(region)
    assert rules is not None
    found = [code for code in (calling_code(int(cc)) for cc in codes) if code is not None]
    start = "\n" + _LEADING_PIECES + _JUNK + _plus_prefix(rules)
    valid = "|".join(f"{c.cc}{c.not_prefix}{c.valid}" for c in found)
    possible = "|".join(f"{c.cc}{c.not_prefix}{c.possible}" for c in found)
    flags = re.MULTILINE
    return (
        re.compile(f"{start}(?=(?a:{valid}))", flags),
        re.compile(f"{start}(?=(?a:{possible}))", flags),
    )


def _without_groups(source: str) -> str | None:
    """The same regex with every group non-capturing; None when that cannot be done safely."""
    if "[]" in source or "[^]" in source:
        return None  # a "]" first in a class is a literal: not worth reading right
    out: list[str] = []
    position, in_class = 0, False
    while position < len(source):
        char = source[position]
        if char == "\\":
            if source[position + 1 : position + 2].isdigit():
                return None  # a back-reference needs its group
            out.append(source[position : position + 2])
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source[position + 1 : position + 2] == "]":
                out.append("[]")
                position += 2
                continue
        elif char == "(" and source[position + 1 : position + 2] != "?":
            char = "(?:"
        out.append(char)
        position += 1
    rewritten = "".join(out)
    try:
        return rewritten if re.compile(rewritten).groups == 0 else None
    except re.error:
        return None


def _common_lines(rules: RegionRules, code: CallingCode) -> str | None:
    """The first pass's shortcut for the common line, one number and nothing else: the first pass's
    own branches (national and "+" forms) with the verdict narrowed to the main region's number
    types, no text in front. Each shortcut branch only accepts lines its full branch accepts, with
    the same prefix left out, and the full branches exclude each other (they start differently),
    so trying the shortcut first changes no result; it skips the other regions' leading digits,
    (when the metadata pattern has one fixed length) the length check, and (when the number-type
    patterns imply it: general_implied) the general pattern's check."""
    regions = _calling_code_regions(rules.country_code)
    if not regions or regions[0].leading_digits is not None:
        return None
    main = regions[0]
    accepts = []
    for length in range(_MIN_NSN, _MAX_NSN + 1):
        typed = main.typed_sources.get(length)
        if typed is None or main.length_result("0" * length) != ValidationResult.IS_POSSIBLE:
            continue
        plain = _without_groups(_typed_source(main, length) or typed)
        if plain is None:
            return None
        check = "" if _fixed_width(plain, length) else rf"(?=\d{{{length}}}$)"
        accepts.append(f"{check}(?:{plain})$")
    if not accepts:
        return None
    narrowed = f"(?:{'|'.join(accepts)})"
    plus = f"{_plus_prefix(rules)}{code.cc}{code.not_prefix}(?={narrowed})"
    # "+" form first: a national line fails it on its first character
    return _without_groups(f"(?a:{plus}|{_national(rules, code, narrowed)})")


def _first_pass(valid: str, common: str | None) -> re.Pattern[str] | None:
    """One findall match per line: the branches start at a newline and end at the end of the line;
    the settled ones leave the prefix ("+1", "1", "tel:") outside the one group."""
    plain = _without_groups(valid)
    if plain is None:
        return None
    shortcut = f"\\n{common}|" if common is not None else ""
    return re.compile(f"(?:{shortcut}\\n{_LEADING_PIECES}{_JUNK}{plain}|(?=\\n))(\\n?.*+)", re.MULTILINE)


@cache
def bulk_rules(region: str) -> BulkRules | None:
    """Whole-text passes for a default region, or None when its metadata needs the careful path."""
    rules = region_rules(region)
    if rules is None:
        return None
    code = calling_code(rules.country_code)
    if code is None:
        return None
    start = "\n" + _LEADING_PIECES + _JUNK
    plus = f"{_plus_prefix(rules)}{code.cc}{code.not_prefix}(?={code.valid})"
    valid = f"(?a:{_national(rules, code, code.valid)}|{plus})"
    unverified = f"{start}(?a:{_national(rules, code, code.possible)})"
    return BulkRules(
        region=region,
        valid_alone=re.compile(start + valid, re.MULTILINE),
        first_pass=_first_pass(valid, _common_lines(rules, code)),
        valid=re.compile(start + valid, re.MULTILINE),
        unverified_national=re.compile(unverified, re.MULTILINE),
        replacement="\n" + VALID_MARK + "+" + code.cc,
        code=code,
    )
