"""What a person checks before sending: every non-empty line accounted for, reasons that fit, unverified
numbers held back unless included, and a hint when the default country looks wrong.

parse_leads stays the fast reader; review_leads adds the per-person layer over its report:
- a non-empty line without any digit is listed with NO_PHONE (only a recognised header line on line 1
  is skipped, and the summary says so);
- "202-555-0143 ext 12" says extensions cannot receive texts; a national number that is not valid for
  the chosen country but is for another one says "not a <country> number: is the country right?";
- unverified numbers (possible, not valid) are recipients only when include_unverified is True.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

from vitedesk.core.leads.parse import LeadReport, parse_leads
from vitedesk.core.leads.records import Lead, Rejected
from vitedesk.core.leads.rules import region_name
from vitedesk.core.leads.text import HAS_LETTERS, normalise
from vitedesk.core.wording import plural

NO_PHONE = "No phone number on this line."
EXTENSION = "Has an extension: extensions cannot receive texts. Remove the extension."
HEADER_WORDS = frozenset((
    "name", "names", "first", "last", "full", "surname", "given", "family", "phone", "phones", "mobile",
    "mobiles", "cell", "cellphone", "tel", "telephone", "number", "numbers", "no", "email", "e-mail", "mail",
    "contact", "contacts", "company", "address", "city", "country", "notes", "note", "whatsapp", "sms",
    "msisdn", "lead", "leads", "recipient", "recipients", "customer", "client", "id",
))  # fmt: skip
# Regions tried when a national number is not valid for the chosen one (the usual ones first).
LIKELY_REGIONS = (
    "US", "GB", "CA", "AU", "IE", "NZ", "IN", "DE", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "SE",
    "NO", "DK", "FI", "PT", "PL", "MX", "BR", "AR", "ZA", "NG", "KE", "PH", "SG", "MY", "AE", "JP",
)  # fmt: skip
_SEARCH_LIMIT = 200  # at most this many unusable pieces are tried against every likely country
SUGGEST_AT = 3  # this many numbers of one other country make the switch offer appear
_DIGITLESS_LINE = re.compile(r"^[^\d\n]+$", re.MULTILINE)
_SCAN_SLICE = 250_000  # characters searched at a time (about 2 ms)
_EXTENSION = re.compile(r"\d[\s.\-)]*(?:ext\.?|extension|x|#)\s*\d{1,6}\s*$", re.IGNORECASE)
_NATIONAL = re.compile(r"^[\s(]*\d")


@dataclass(frozen=True, slots=True)
class RegionHint:
    """Unusable national numbers that are valid numbers of another country."""

    region: str
    count: int

    @property
    def sentence(self) -> str:
        these = "This number looks" if self.count == 1 else f"These {self.count:,} numbers look"
        return f"{these} like {region_name(self.region)} numbers."


@dataclass(frozen=True, slots=True)
class _Split:
    """LeadReview's numbers divided for one decision: indexes of the recipients, the recipients themselves,
    and indexes of the opted-out numbers."""

    key: tuple[bool, frozenset[str]]
    kept: list[int]
    recipients: list[str]
    opted_out: list[int]


@dataclass(slots=True)
class LeadReview:
    """A LeadReport with the per-person layer: see the module docstring."""

    report: LeadReport
    region: str
    invalid: list[Rejected]  # the report's, reasons refined, plus lines without a phone number
    header_skipped: bool
    no_phone: int
    hint: RegionHint | None
    include_unverified: bool = False
    opted_out: frozenset[str] = frozenset()  # the opt-out list: never recipients, counted apart
    _split: _Split | None = field(default=None, repr=False)

    @property
    def unverified(self) -> list[Lead]:
        return self.report.unverified

    def _split_numbers(self) -> _Split | None:
        """Which numbers are recipients and which are opted out, worked out once for what the person
        decided (include_unverified, the opt-out list); None when every number is a recipient."""
        report = self.report
        held = set() if self.include_unverified else {lead.e164 for lead in report.unverified}
        if not held and not self.opted_out:
            return None
        key = (self.include_unverified, self.opted_out)  # tuples compare members by identity first
        if self._split is None or self._split.key != key:
            numbers, opted_out = report.numbers, self.opted_out
            left_out = held.union(opted_out)
            kept = [index for index, number in enumerate(numbers) if number not in left_out]
            opted = (
                [index for index, number in enumerate(numbers) if number in opted_out] if opted_out else []
            )
            self._split = _Split(key, kept, [numbers[index] for index in kept], opted)
        return self._split

    @property
    def recipients(self) -> list[str]:
        """The numbers that will be sent: unverified ones only when included, opted-out ones never."""
        split = self._split_numbers()
        return self.report.numbers if split is None else split.recipients

    @property
    def recipient_lines(self) -> list[int]:
        """The 1-based line each recipient came from (same order as recipients)."""
        report = self.report
        split = self._split_numbers()
        if split is None or len(report.number_lines) != len(report.numbers):
            return report.number_lines
        return [report.number_lines[index] for index in split.kept]

    @property
    def opted_out_found(self) -> list[tuple[int, str]]:
        """(1-based line, number) of each number of the list that is on the opt-out list."""
        split = self._split_numbers()
        if split is None:
            return []
        report = self.report
        lines = report.number_lines if len(report.number_lines) == len(report.numbers) else None
        return [(lines[index] if lines else 0, report.numbers[index]) for index in split.opted_out]

    @property
    def opted_out_count(self) -> int:
        """How many numbers of the list are left out because they are on the opt-out list."""
        split = self._split_numbers()
        return 0 if split is None else len(split.opted_out)

    @property
    def unverified_included_count(self) -> int:
        """How many numbers that could not be verified are sent (0 unless the person included them)."""
        return len(self.report.unverified) if self.include_unverified else 0

    @property
    def unverified_included(self) -> list[str]:
        return [lead.e164 for lead in self.report.unverified] if self.include_unverified else []


def header_line(line: str) -> bool:
    """True for a line made only of column names such as Name, Phone, Mobile, Email."""
    words = [w for w in re.split(r"[\s,;\t\"'/:_|()]+", line.casefold()) if w]
    return bool(words) and all(word.strip(".#") in HEADER_WORDS for word in words)


def _digitless_lines(text: str, slice_chars: int = _SCAN_SLICE) -> list[tuple[int, str]]:
    """(1-based line, text) of non-empty lines without any digit, counted as parse_leads counts lines.

    The text is searched a slice of whole lines at a time: one regex search over a million lines holds the
    GIL for a fifth of a second, and the window stands still meanwhile.
    """
    found: list[tuple[int, str]] = []
    line = 1
    last = 0
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + slice_chars)
        end = size if end < 0 else end
        for match in _DIGITLESS_LINE.finditer(text, start, end):
            raw = match.group()
            if not raw.strip():
                continue
            line += text.count("\n", last, match.start())
            last = match.start()
            found.append((line, raw.strip()))
        start = end
    return found


def _valid_in(raw: str, region: str) -> bool:
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return False
    # by calling code: a Guernsey mobile is a +44 number, read the same way with United Kingdom chosen
    same_code = parsed.country_code == phonenumbers.country_code_for_region(region)
    return same_code and phonenumbers.is_valid_number(parsed)


class _OtherCountry:
    """Which likely country a national number is valid in. Countries found before are tried first, so a
    list of one other country's numbers costs one check each; a full search (about 30 checks) is made
    for at most _SEARCH_LIMIT pieces."""

    def __init__(self, region: str) -> None:
        self.region = region
        self.found: dict[str, int] = {}
        self.searches = 0

    def of(self, raw: str) -> str | None:
        for other in sorted(self.found, key=self.found.__getitem__, reverse=True):
            if _valid_in(raw, other):
                self.found[other] += 1
                return other
        if self.searches >= _SEARCH_LIMIT:
            return None
        self.searches += 1
        for other in LIKELY_REGIONS:
            if other != self.region and other not in self.found and _valid_in(raw, other):
                self.found[other] = 1
                return other
        return None


def _refine(invalid: Iterable[Rejected], region: str) -> tuple[list[Rejected], RegionHint | None]:
    """Reasons that fit: extensions, and national numbers of another country."""
    refined: list[Rejected] = []
    other_country = _OtherCountry(region)
    wrong_country = f"Not a {region_name(region)} number: is the country right?"
    for record in invalid:
        if record.reason == HAS_LETTERS:
            if _EXTENSION.search(record.raw):
                record = Rejected(record.line, record.raw, EXTENSION)
        elif _NATIONAL.match(record.raw) and other_country.of(record.raw) is not None:
            record = Rejected(record.line, record.raw, wrong_country)
        refined.append(record)
    found = other_country.found
    hint = None
    if found:
        best = max(found, key=found.__getitem__)
        if found[best] >= SUGGEST_AT:
            hint = RegionHint(best, found[best])
    return refined, hint


def review_report(report: LeadReport, text: str, region: str) -> LeadReview:
    """The review of a report parse_leads made of ``text`` with ``region``."""
    text = normalise(text)
    digitless = _digitless_lines(text) if text else []
    header = bool(digitless) and digitless[0][0] == 1 and header_line(digitless[0][1])
    if header:
        digitless = digitless[1:]
    invalid, hint = _refine(report.invalid, region)
    if digitless:
        extra = [Rejected(line, raw, NO_PHONE) for line, raw in digitless]
        invalid = sorted(invalid + extra, key=lambda record: record.line)
    return LeadReview(report, region.upper(), invalid, header, len(digitless), hint)


def review_leads(text: str, default_region: str = "US") -> LeadReview:
    """parse_leads, then review_report."""
    return review_report(parse_leads(text, default_region), text, default_region)


def summary_parts(review: LeadReview) -> list[str]:
    """The pieces of the one-line summary, in reading order; extend here (one place) for new counts."""
    parts = [plural(len(review.recipients), "recipient")]
    if review.report.duplicates:
        parts.append(f"{plural(len(review.report.duplicates), 'duplicate')} removed")
    if review.invalid:
        verb = "needs" if len(review.invalid) == 1 else "need"
        parts.append(f"{plural(len(review.invalid), 'line')} {verb} attention")
    opted_out = review.opted_out
    held = 0 if review.include_unverified else sum(1 for u in review.unverified if u.e164 not in opted_out)
    if held:
        parts.append(f"{held:,} may not exist (not sent)")
    if opted_out and (count := review.opted_out_count):
        parts.append(f"{count:,} opted out")
    if review.header_skipped:
        parts.append("header line skipped")
    return parts


def summary_sentence(review: LeadReview) -> str:
    """ "1,204 recipients · 12 duplicates removed · 3 lines need attention · header line skipped" """
    return " · ".join(summary_parts(review))
